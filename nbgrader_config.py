"""nbgrader configuration for this course (read when nbgrader runs from the repo root).

Instructor sources live in ``solutions/<assignment>/``, student copies are generated into
``exercises/<assignment>/`` and committed; everything from real students (submissions,
autograded copies, feedback, the gradebook) stays under ``autograder/``, which git ignores.
Paths are computed from this file, so the config works from any working directory.

The exchange (where ``nbgrader release_assignment`` puts assignments, ``fetch_assignment``
takes them and ``submit`` hands them in, for ``collect``) is ``autograder/exchange/`` too:
``make lab ROLE=instructor`` creates it. For a class on a shared machine or JupyterHub,
point ``Exchange.root`` (here and in the students' config) at a folder all of them reach,
such as nbgrader's default ``/srv/nbgrader/exchange``. Assignments fetched from this
checkout, by the Assignment List of ``make lab ROLE=instructor`` or ``nbgrader
fetch_assignment`` run here, go to ``autograder/fetched/``, not among the course's folders.
"""

from pathlib import Path

c = get_config()  # noqa: F821 (traitlets injects get_config into config files)

ROOT = Path(__file__).resolve().parent
GRADING = "autograder"

c.CourseDirectory.course_id = "aws-compute-course"
c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = f"{GRADING}/submitted"
c.CourseDirectory.autograded_directory = f"{GRADING}/autograded"
c.CourseDirectory.feedback_directory = f"{GRADING}/feedback"
c.CourseDirectory.db_url = f"sqlite:///{ROOT / GRADING / 'gradebook.db'}"
# Keep in step with aws_compute_course.lab.EXCHANGE_DIR (tests/test_lab_instructor.py checks).
c.Exchange.root = str(ROOT / GRADING / "exchange")
c.Exchange.assignment_dir = str(ROOT / GRADING / "fetched")
