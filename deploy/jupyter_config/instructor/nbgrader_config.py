"""nbgrader in the instructor's server: the course's sources, the exchange, the Postgres gradebook.

``AWS_COURSE_GRADING_ROOT`` is a course folder with ``solutions/`` and ``exercises/`` (a
checkout of this repository on a real server); submissions, autograded notebooks and
feedback go under its ``autograder/``.

Formgrader, ``nbgrader release_assignment``/``collect``/``generate_feedback``/``export`` and
``aws-course-grade --db "$AWS_COURSE_GRADEBOOK_URL"`` all use the same gradebook.
"""

import os

c = get_config()  # noqa: F821 (traitlets injects get_config into config files)

c.CourseDirectory.course_id = "aws-compute-course"
c.CourseDirectory.root = os.environ["AWS_COURSE_GRADING_ROOT"]
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = "autograder/submitted"
c.CourseDirectory.autograded_directory = "autograder/autograded"
c.CourseDirectory.feedback_directory = "autograder/feedback"
c.CourseDirectory.db_url = os.environ["AWS_COURSE_GRADEBOOK_URL"]
c.Exchange.root = os.environ["AWS_COURSE_EXCHANGE"]
c.Exchange.path_includes_course = True
