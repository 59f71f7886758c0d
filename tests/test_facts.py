"""The facts registry, the price snapshot and the notebook text rendered from them."""

import io
import re

import pytest

from aws_compute_course import facts, notebook, pricing


def test_every_fact_is_sourced_and_dated():
    for f in facts.FACTS.values():
        assert f.source.startswith("https://"), f.key
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", f.verified_on), f.key
        assert f.summary.strip(), f.key
        assert f.key.startswith(f.topic + "."), f.key


@pytest.mark.parametrize(
    ("field", "bad", "message"),
    [("verified_on", "last year", "verified_on"), ("source", "my notes", "source")],
)
def test_fact_rejects_unsourced_or_undated(field, bad, message):
    fields = {
        "key": "t.x",
        "value": 1,
        "unit": "",
        "summary": "s",
        "source": "https://docs.aws.amazon.com/",
        "verified_on": "2026-11-26",
        "topic": "t",
    } | {field: bad}
    with pytest.raises(ValueError, match=message):
        facts.Fact(**fields)


def test_unknown_fact_names_the_topic_keys():
    with pytest.raises(KeyError, match=re.escape("spot.interruption_notice_minutes")):
        facts.fact("spot.notice")


def test_unknown_topic():
    with pytest.raises(ValueError, match="topic must be one of"):
        facts.facts_for("mainframes")


def test_spot_facts_that_changed_record_the_2021_claim():
    changed = {f.key for f in facts.facts_for("spot") if f.changed_since_notes}
    assert {"spot.max_price_recommended", "spot.block_end_date", "spot.fleet_status"} <= changed


def test_snapshot_rows_are_sourced_and_dated():
    table = pricing.snapshot()
    assert table["source"].str.startswith("https://").all()
    assert table["as_of"].str.fullmatch(r"\d{4}-\d{2}(-\d{2})?").all()
    assert set(table["confidence"]) <= {"H", "M", "L"}
    # Low-confidence figures must be flagged as illustrative.
    assert table.loc[table["confidence"] == "L", "illustrative"].all()


def test_price_lookup():
    p = pricing.on_demand_hourly("m5.large")
    assert p.unit == "USD/hour" and p.price > 0
    assert "as of" in p.cite()
    with pytest.raises(KeyError, match=re.escape("ec2.on_demand.m5.large")):
        pricing.on_demand_hourly("m5.lrage")


def _csv(rows):
    header = "key,service,item,region,price,unit,confidence,illustrative,as_of,source\n"
    return io.StringIO(header + "\n".join(rows) + "\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (io.StringIO("key,price\na,1\n"), "columns"),
        (_csv(["a,s,i,r,abc,u,H,no,2026-01,https://x"]), "price must be a number"),
        (_csv(["a,s,i,r,-1,u,H,no,2026-01,https://x"]), "price must be a number"),
        (_csv(["a,s,i,r,1,u,H,maybe,2026-01,https://x"]), "illustrative"),
        (
            _csv(["a,s,i,r,1,u,H,no,2026-01,https://x", "a,s,i,r,2,u,H,no,2026-01,https://x"]),
            "duplicate",
        ),
    ],
)
def test_corrupt_snapshot_is_rejected(text, message):
    with pytest.raises(ValueError, match=message):
        pricing.read_snapshot(text)


def test_render_fills_fact_placeholders():
    text = notebook.render(
        "Up to {spot.max_discount_percent}% off; {spot.fleet_target_capacity_max} units"
    )
    assert text == "Up to 90% off; 10,000 units"
    with pytest.raises(KeyError, match="no fact"):
        notebook.render("{spot.not_a_fact}")


def test_changes_table_lists_old_claims_with_sources():
    table = notebook.changes_since_notes("spot").data
    for f in facts.facts_for("spot"):
        assert (f.summary in table) == f.changed_since_notes
        if f.changed_since_notes:
            assert f.notes_2021 in table
    assert table.count("\n| ") == 2 + sum(f.changed_since_notes for f in facts.facts_for("spot"))
    assert "checked" in table


def test_sources_table_escapes_pipes():
    assert "a \\| b" in notebook._row("a | b")
    assert notebook.sources("spot").data.count("https://") == len(facts.facts_for("spot"))
