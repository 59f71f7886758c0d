"""nbgrader configuration for this course (read when nbgrader runs from the repo root).

Instructor sources live in ``solutions/<assignment>/``, student copies are generated into
``exercises/<assignment>/`` and committed; everything from real students (submissions,
autograded copies, feedback, the gradebook) stays under ``autograder/``, which git ignores.
Paths are computed from this file, so the config works from any working directory.
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
