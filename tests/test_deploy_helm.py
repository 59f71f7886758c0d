"""The course's Zero to JupyterHub values pass the chart's own schema, as Helm would check them.

Helm merges the values given with ``--values`` into the chart's defaults (maps key by key,
anything else replaced, ``null`` removing a default) and validates the result against the
chart's ``values.schema.json``; both files of the chart version we target are copied in
``deploy/helm/z2jh/`` with their licence. A misspelt key, a wrong type or a value out of an
enum fails here, offline, instead of at ``helm upgrade``.
"""

from __future__ import annotations

import copy
from pathlib import Path

import jsonschema
import pytest
import yaml

HELM = Path(__file__).resolve().parent.parent / "deploy" / "helm"


def coalesce(defaults: dict, values: dict) -> dict:
    """Helm's merge of user values into chart defaults."""
    merged = copy.deepcopy(defaults)
    for key, value in values.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = coalesce(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def schema_errors(values: dict) -> list[str]:
    schema = yaml.safe_load((HELM / "z2jh" / "values.schema.yaml").read_text())
    defaults = yaml.safe_load((HELM / "z2jh" / "values.yaml").read_text())
    validator = jsonschema.Draft7Validator(schema)
    return sorted(
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(coalesce(defaults, values))
    )


def course_values() -> dict:
    return yaml.safe_load((HELM / "values.yaml").read_text())


def test_course_values_pass_the_chart_schema():
    assert schema_errors(course_values()) == []


@pytest.mark.parametrize(
    ("path", "bad", "error"),
    [
        (("singleuser", "memory", "guarantie"), "512M", "Additional properties"),
        (("hub", "db", "type"), "postgresql", "is not one of"),
        (("cull", "timeout"), "an hour", "is not of type 'integer'"),
    ],
)
def test_a_broken_value_fails_the_schema(path, bad, error):
    values = course_values()
    parent = values
    for key in path[:-1]:
        parent = parent.setdefault(key, {})
    parent[path[-1]] = bad
    errors = schema_errors(values)
    assert any(error in e for e in errors), errors


def test_the_class_essentials_are_set():
    """What the issue asks of the values: measured resources, RWX exchange, Postgres, culler."""
    values = course_values()
    single = values["singleuser"]
    assert single["memory"]["guarantee"] and single["memory"]["limit"]
    assert single["cpu"]["guarantee"] and single["cpu"]["limit"]
    mounts = {m["mountPath"] for m in single["storage"]["extraVolumeMounts"]}
    assert "/srv/nbgrader/exchange" in mounts
    assert values["hub"]["db"]["type"] == "postgres"
    assert values["cull"]["enabled"] is True
    instructors = [p for p in single["profileList"] if p.get("instructors_only")]
    assert len(instructors) == 1 and values["hub"]["extraConfig"]["profiles-by-group"]
