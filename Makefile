# Two commands on a fresh clone: `make lab` and `make test`. Everything else is optional.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
UV_VERSION := 0.13.9
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PORT ?= 8888
ROLE ?= learner
# The learner's folder, when given as `make lab WORKSPACE=DIR` (not from the environment,
# where CI systems set WORKSPACE to their checkout): else $AWS_COURSE_WORKSPACE or workspace/.
WORKSPACE_ARG = $(if $(filter command line,$(origin WORKSPACE)),--workspace "$(WORKSPACE)")
export PLOTLY_RENDERER := plotly_mimetype
export PYTHONHASHSEED := 0

.PHONY: help setup lab test test-fast lint exercises notebooks cheatsheets tables topic check grade bench lock clean class

help:
	@echo "make lab        set up (first run) and serve the course in JupyterLab"
	@echo "make test       set up (first run) and run the whole test suite"
	@echo "make exercises  regenerate student copies in exercises/ from solutions/ (nbgrader)"
	@echo "make notebooks  re-execute committed notebooks (after changing facts, models or widgets)"
	@echo "make cheatsheets  regenerate course/cheatsheets/ from the facts and the notebooks' exam tips"
	@echo "make topic ID=demo TITLE=Demo   scaffold a new (planned) topic: registry row, folder, notebooks"
	@echo "make tables     rewrite the README's and start page's topic tables from the registry"
	@echo "make lab ROLE=instructor   serve the checkout with nbgrader's formgrader and exchange"
	@echo "make check TOPIC=spot   self-check your copy of an exercise (in workspace/)"
	@echo "make grade ASSIGNMENT=spot   grade all submissions of an assignment (sandboxed)"
	@echo "make class      a local JupyterHub for the class (demo users, Postgres gradebook)"
	@echo "make bench      print benchmark figures as JSON lines"
	@echo "make lint       ruff"
	@echo "make lock       re-resolve requirements.lock from requirements.in"

setup: $(STAMP)

# The venv is built from the lock only when the lock or the package metadata changed.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is needed, found " + sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip install --quiet --python $(PY) --compile-bytecode -r requirements.lock
	$(VENV)/bin/uv pip install --quiet --python $(PY) --compile-bytecode --no-deps --no-build-isolation -e .
	@touch $@

lab: $(STAMP)
	$(VENV)/bin/python -m aws_compute_course.lab --port $(PORT) --role $(ROLE) $(WORKSPACE_ARG)

# Unit, widget, pipeline and notebook tests in one parallel run, one worker per core. A test
# file or a notebook stays on one worker (nbval runs a notebook's cells in order in one
# kernel), and files are handed out longest first (conftest.py orders them; xdist would
# otherwise reorder them by their number of tests). nbval executes the course and the
# instructor solutions; student copies are checked by the round-trip tests instead.
test: $(STAMP) lint
	$(VENV)/bin/python -m pytest -n $(JOBS) --dist loadfile --no-loadscope-reorder --nbval tests course solutions $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(VENV)/bin/python -m pytest -m "not notebooks" --nbval tests course solutions $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check src tests bench

exercises: $(STAMP)
	$(VENV)/bin/python -m aws_compute_course.assignments generate

# Re-execute the committed notebooks (stable outputs, no widget state), then the student copies.
notebooks: $(STAMP)
	$(VENV)/bin/python -m aws_compute_course.refresh course/*.ipynb solutions/*/*.ipynb
	$(VENV)/bin/python -m aws_compute_course.assignments generate
	$(PY) -m aws_compute_course.cheatsheets write

# One Markdown cheat sheet per built topic and one for the course, in course/cheatsheets/.
cheatsheets: $(STAMP)
	$(PY) -m aws_compute_course.cheatsheets write

tables: $(STAMP)
	$(PY) -m aws_compute_course.scaffold tables

# A new topic: registry row, package folder, course and solution notebooks (executed), the
# student copy, and a folder for wrong submissions. The conformance test then lists what is
# still missing.
topic: $(STAMP)
	@test -n "$(ID)" && test -n "$(TITLE)" || { echo 'usage: make topic ID=<id> TITLE="<title>"'; exit 2; }
	$(PY) -m aws_compute_course.scaffold topic "$(ID)" "$(TITLE)"
	$(PY) -m aws_compute_course.refresh course/[0-9][0-9]_$(ID).ipynb solutions/$(ID)/$(ID).ipynb
	$(PY) -m aws_compute_course.assignments generate --assignment "$(ID)"

# Self-check the learner's copy: TOPIC=spot, or NB=<path> (the blank exercises/ copy's path
# means the learner's copy of it). Without either, prints the usage and the topics.
check: $(STAMP)
	@$(PY) -m aws_compute_course.workspace $(WORKSPACE_ARG) check $(if $(TOPIC),--topic "$(TOPIC)") $(if $(NB),--nb "$(NB)")

# Grade every submission in autograder/submitted/<student>/ASSIGNMENT/ (sandboxed, parallel).
grade: $(STAMP)
	@test -n "$(ASSIGNMENT)" || { echo "usage: make grade ASSIGNMENT=spot [GRADE_ARGS='--student alice --export grades.csv']"; exit 2; }
	$(VENV)/bin/aws-course-grade "$(ASSIGNMENT)" $(GRADE_ARGS)

# A demonstration of the class on this machine: JupyterHub (deploy/jupyterhub_config.py) with
# demo users, nbgrader's exchange and a throwaway Postgres for the hub and the gradebook.
# Needs Debian's postgresql and npm's configurable-http-proxy (.ci/run installs both).
class: $(STAMP)
	$(PY) deploy/class_demo.py --port $(or $(HUB_PORT),8000) $(if $(STATE),--state "$(STATE)")

bench: $(STAMP)
	$(VENV)/bin/python bench/run.py

lock:
	$(VENV)/bin/uv pip compile requirements.in --universal --python-version 3.11 -o requirements.lock --no-header

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
