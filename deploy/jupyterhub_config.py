"""JupyterHub for the course on one machine (The Littlest JupyterHub's shape, up to ~100 learners).

Every setting that differs between the local demonstration (``make class``) and a real
server comes from the environment, set by ``deploy/class_demo.py`` for the demo:

- ``COURSE_HUB_STATE``: the hub's folder (cookie secret, pid files, learners' homes in
  the demo);
- ``COURSE_HUB_DB_URL``: the hub's database, Postgres (``postgresql+psycopg://…``);
- ``COURSE_GRADING_ROOT``: the instructor's nbgrader course folder (default: this checkout),
  a checkout of this repository inside the instructor's home, as formgrader requires;
- ``COURSE_EXCHANGE``: nbgrader's exchange (default ``/srv/nbgrader/exchange``, mode 1777);
- ``COURSE_GRADEBOOK_URL``: nbgrader's gradebook, Postgres too, shared by the grader
  (``aws-course-grade --db``), formgrader and ``nbgrader export``;
- ``COURSE_DEMO=1``: the demo's login (JupyterHub's SharedPasswordAuthenticator: one password, demo
  users listed in ``COURSE_DEMO_USERS``) and servers that all run as the hub's user in
  their own home folder under the state folder. Never on a server others can reach: the
  demo users are not isolated from one another.

Without ``COURSE_DEMO`` it is the real shape: PAM logins of the system users in group
``COURSE_UNIX_GROUP`` (default ``aws-course``; or the authenticator the README's "Running a
class" names: an OAuth one, or LTI 1.3 from the LMS through jupyterhub-ltiauthenticator),
each server a process of its own system user, so nbgrader's exchange permissions and Unix
file modes keep learners apart: each user's home is made private (0700) before their server
starts, since Debian's ``useradd`` makes homes others can read. ``COURSE_INSTRUCTORS`` (a
comma-separated list, default ``instructor``) names who gets formgrader and the gradebook.
"""

import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (traitlets injects get_config into config files)

REPO = Path(__file__).resolve().parent.parent
STATE = Path(os.environ.get("COURSE_HUB_STATE", "/srv/course-hub"))
EXCHANGE = Path(os.environ.get("COURSE_EXCHANGE", "/srv/nbgrader/exchange"))  # nbgrader's default
DEMO = os.environ.get("COURSE_DEMO") == "1"
# The instructor's nbgrader course folder (sources, releases, submissions, feedback).
GRADING_ROOT = Path(os.environ.get("COURSE_GRADING_ROOT", REPO))
INSTRUCTORS = set(os.environ.get("COURSE_INSTRUCTORS", "instructor").split(","))
# Each server's Jupyter and nbgrader configuration, by role: deploy/jupyter_config/<role>/.
JUPYTER_CONFIG = REPO / "deploy" / "jupyter_config"

c.JupyterHub.bind_url = os.environ.get("COURSE_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_bind_url = os.environ.get("COURSE_HUB_API_URL", "http://127.0.0.1:8081")
c.JupyterHub.db_url = os.environ["COURSE_HUB_DB_URL"]
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.ConfigurableHTTPProxy.api_url = os.environ.get("COURSE_PROXY_API_URL", "http://127.0.0.1:8001")
c.ConfigurableHTTPProxy.command = ["configurable-http-proxy"]
c.Spawner.default_url = "/lab/tree/course/00_start_here.ipynb"
# Brings the learner's own copy of the course up to date, then starts their JupyterLab.
c.Spawner.cmd = [str(REPO / "deploy" / "start-singleuser")]
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120

# Idle servers are stopped after an hour (their files stay): the culler is a hub service.
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
    {
        "name": "instructors",
        "description": "Instructors see learners' servers (to help), not their tokens.",
        "scopes": ["admin-ui", "list:users", "read:users", "access:servers"],
        "users": sorted(INSTRUCTORS),
    },
]


def course_environment(spawner) -> None:
    """Per server: where the course and the exchange are, formgrader by role."""
    name = spawner.user.name
    role = "instructor" if name in INSTRUCTORS else "learner"
    home = Path(spawner.format_string(spawner.notebook_dir) or os.path.expanduser(f"~{name}"))
    if DEMO:
        home.mkdir(parents=True, exist_ok=True)
    else:  # nobody else may read a learner's answers, nor the instructor's sources
        home.chmod(0o700)
    spawner.environment.update(
        {
            # formgrader, the course list and the gradebook are the instructor's only
            "JUPYTER_CONFIG_PATH": str(JUPYTER_CONFIG / role),
            "AWS_COURSE_ROLE": role,
            "AWS_COURSE_ROOT": str(REPO),
            "AWS_COURSE_GRADING_ROOT": str(GRADING_ROOT),
            "AWS_COURSE_WORKSPACE": str(home),  # the learner's copy (deploy/start-singleuser)
            "COURSE_PYTHON": sys.executable,
            # the course's commands (aws-course-grade, nbgrader) in the server's terminals
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "AWS_COURSE_EXCHANGE": str(EXCHANGE),
            "AWS_COURSE_LEARNER": name,
            "PLOTLY_RENDERER": "plotly_mimetype",  # as `make lab`: figures as data
            "AWS_COURSE_GRADEBOOK_URL": (
                os.environ.get("COURSE_GRADEBOOK_URL", "") if role == "instructor" else ""
            ),
        }
    )
    # the demo's servers run as the hub's user, which may be root; real ones as the learner
    spawner.args = ["--allow-root"] if DEMO and os.geteuid() == 0 else []


c.Spawner.pre_spawn_hook = course_environment

if DEMO:
    users = os.environ.get("COURSE_DEMO_USERS", "instructor,learner1,learner2").split(",")
    # One shared password for every demo user (JupyterHub's own, for demonstrations only):
    # anyone who knows it can log in as any demo user.
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = os.environ["COURSE_DEMO_PASSWORD"]
    c.Authenticator.allowed_users = set(users)
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
    c.Spawner.notebook_dir = str(STATE / "home" / "{username}")
    if os.environ.get("COURSE_BENCH_TOKEN"):  # bench/topic_class.py: simulated learners
        c.JupyterHub.services.append(
            {"name": "class-bench", "api_token": os.environ["COURSE_BENCH_TOKEN"]}
        )
        c.JupyterHub.load_roles.append(
            {
                "name": "class-bench",
                "scopes": ["admin:users", "admin:servers", "access:servers", "proxy"],
                "services": ["class-bench"],
            }
        )
else:
    c.JupyterHub.authenticator_class = "pam"
    c.JupyterHub.spawner_class = "localprocess"
    c.LocalAuthenticator.allowed_groups = {os.environ.get("COURSE_UNIX_GROUP", "aws-course")}
    c.Authenticator.admin_users = set(INSTRUCTORS)
