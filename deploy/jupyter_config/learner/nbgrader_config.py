"""nbgrader in a learner's server: the class's exchange (fetch, validate, submit, feedback)."""

import os

c = get_config()  # noqa: F821 (traitlets injects get_config into config files)

c.CourseDirectory.course_id = "aws-compute-course"
c.Exchange.root = os.environ["AWS_COURSE_EXCHANGE"]
c.Exchange.path_includes_course = True
# Who submits: the hub's user name (nbgrader otherwise takes the system user's, which is
# the same on a real server and is everyone's in the demo, where all servers share a user).
c.CourseDirectory.student_id = os.environ.get("JUPYTERHUB_USER", "*")
