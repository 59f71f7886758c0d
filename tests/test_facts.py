"""The facts files and their loader, the price snapshot, and the notebook text drawn from them."""

import io
import re
import textwrap

import pytest

from aws_compute_course import facts, notebook, pricing
from aws_compute_course.provenance import Provenance
from aws_compute_course.topics import all_topics, built, topic

GOOD = """
    [x]
    value = 90
    unit = "%"
    summary = "Up to 90% off."
    source = "https://docs.aws.amazon.com/x.html"
    verified_on = "2026-11-26"
"""


def _file(tmp_path, text, folder="t"):
    path = tmp_path / folder / "facts.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _refused(path, key="t.x", topic="t"):
    """The loader's message for ``path``; it must name the file and the key."""
    with pytest.raises(ValueError) as err:
        facts.read(path, topic)
    message = str(err.value)
    assert str(path) in message, message
    assert repr(key) in message, message
    return message


# --- the shipped facts ------------------------------------------------------------------


def test_every_shipped_fact_loads_sourced_and_dated():
    files = dict(facts.registry_files())
    assert {t.id for t in built()} <= set(files)
    assert facts.collect(files.items()) == facts.FACTS
    for f in facts.FACTS.values():
        assert f.source.startswith("https://"), f.key
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", f.verified_on), f.key
        assert f.summary.strip(), f.key
        assert f.key.startswith(f.topic + "."), f.key
        assert f.file.endswith(f"/{topic(f.topic).package}/facts.toml"), f.key
        # As for prices: a low-confidence figure is only ever shown as illustrative.
        assert f.confidence != "L" or f.illustrative, f.key
        if f.unit in facts.TEXT_UNITS:
            assert isinstance(f.value, str | tuple), f.key
        else:
            assert isinstance(f.value, int | float) and not isinstance(f.value, bool), f.key


def test_values_are_typed():
    assert facts.integer("lambda.memory_max_mb") == 10_240
    assert type(facts.integer("spot.max_discount_percent")) is int
    assert facts.number("spot.max_discount_percent") == 90.0
    assert facts.number("ec2.dedicated_region_fee_per_hour") == 2.0
    assert facts.text("spot.block_end_date") == "2022-12-31"
    assert facts.items("lambda.esm_failure_destinations") == ("SQS", "SNS", "S3")
    assert len(facts.items("lambda.codedeploy_types")) == 9
    # value() stays untyped, with lists joined as they always read.
    assert facts.value("lambda.esm_failure_destinations") == "SQS, SNS, S3"
    assert facts.value("spot.max_discount_percent") == 90


@pytest.mark.parametrize(
    ("accessor", "key", "message"),
    [
        (facts.integer, "ec2.dedicated_region_fee_per_hour", "is the number 2.0, not an integer"),
        (facts.integer, "spot.fleet_status", "is the text 'legacy', not an integer"),
        (facts.number, "spot.fleet_status", "not a number"),
        (facts.number, "lambda.codedeploy_types", "is the list"),
        (facts.text, "spot.max_discount_percent", "is the integer 90, not a text"),
        (facts.text, "lambda.esm_failure_destinations", "not a text"),
        (facts.items, "spot.fleet_status", "not a list of texts"),
    ],
)
def test_typed_accessors_refuse_another_type(accessor, key, message):
    with pytest.raises(ValueError, match=re.escape(message)) as err:
        accessor(key)
    assert repr(key) in str(err.value) and "facts.toml" in str(err.value)


def test_an_accessor_refuses_a_number_written_as_text(tmp_path, monkeypatch):
    # Without a unit "90" is text, so it loads; an accessor that wants a number refuses it.
    text = GOOD.replace("value = 90", 'value = "90"').replace('unit = "%"', 'unit = ""')
    path = _file(tmp_path, text)
    (f,) = facts.read(path, "t")
    monkeypatch.setitem(facts.FACTS, "t.x", f)
    for accessor in (facts.number, facts.integer):
        with pytest.raises(ValueError, match=r"is the text '90', not (a number|an integer)") as err:
            accessor("t.x")
        assert str(path) in str(err.value) and "'t.x'" in str(err.value)
    assert facts.text("t.x") == "90"


def test_unknown_fact_names_the_topic_keys():
    with pytest.raises(KeyError, match=re.escape("spot.interruption_notice_minutes")):
        facts.fact("spot.notice")


def test_unknown_topic():
    with pytest.raises(ValueError, match="topic must be one of"):
        facts.facts_for("mainframes")
    planned = [t.id for t in all_topics() if t.id not in {f.topic for f in facts.FACTS.values()}]
    assert all(facts.facts_for(t) == [] for t in planned)


def test_spot_facts_that_changed_record_the_2021_claim():
    changed = {f.key for f in facts.facts_for("spot") if f.changed_since_notes}
    assert {"spot.max_price_recommended", "spot.block_end_date", "spot.fleet_status"} <= changed


# --- the loader refuses bad entries, naming the file and the key ----------------------------


def test_a_good_entry_loads(tmp_path):
    (f,) = facts.read(_file(tmp_path, GOOD), "t")
    assert (f.key, f.value, f.unit, f.topic, f.notes_2021) == ("t.x", 90, "%", "t", None)
    assert f.provenance == Provenance("https://docs.aws.amazon.com/x.html", "2026-11-26")
    assert f.cite() == "https://docs.aws.amazon.com/x.html (checked 2026-11-26)"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("value = 90", 'value = "90"', "value must be a number (its unit is '%')"),
        ("value = 90", "value = true", "value must be a number, a text or a list"),
        ("value = 90", "value = 2026-11-26", "write a date as a quoted"),
        ('unit = "%"', 'unit = ""', "a number needs a unit"),
        ('unit = "%"', "unit = 1", "unit must be text"),
        ('summary = "Up to 90% off."', 'summary = ""', "summary must be non-empty"),
        ('source = "https://docs.aws.amazon.com/x.html"\n', "", "missing field(s) ['source']"),
        ('source = "https://docs.aws.amazon.com/x.html"', 'source = ""', "source is missing"),
        ("https://docs.aws.amazon.com", "http://docs.aws.amazon.com", "must be an https URL"),
        ('source = "https://docs.aws.amazon.com/x.html"', 'source = "my notes"', "https URL"),
        ('source = "https://docs.aws.amazon.com/x.html"', 'source = "offer file x"', "https URL"),
        ('verified_on = "2026-11-26"\n', "", "missing field(s) ['verified_on']"),
        ('"2026-11-26"', '"last year"', "verified_on must be a date"),
        ('"2026-11-26"', '"2026-11-31"', "verified_on must be a date"),
        ('"2026-11-26"', '"2026-13"', "verified_on must be a date"),
        ('"2026-11-26"', "2026-11-26", "verified_on must be a quoted date"),
        ("value = 90", 'value = 90\nverfied_on = "2026-11-26"', "unknown field(s) ['verfied_on']"),
        ("value = 90", 'value = 90\nconfidence = "high"', "confidence must be one of"),
        ("value = 90", 'value = 90\nillustrative = "yes"', "illustrative must be true or false"),
        ("value = 90", 'value = 90\nnotes_2021 = ""', "notes_2021 must be non-empty"),
    ],
)
def test_loader_refuses_a_bad_entry(tmp_path, old, new, message):
    assert old in GOOD
    text = textwrap.dedent(GOOD).replace(textwrap.dedent(old), new)
    assert facts.read(_file(tmp_path, GOOD), "t")  # the unbroken entry loads
    assert message in _refused(_file(tmp_path, text))


@pytest.mark.parametrize(
    ("value", "unit", "message"),
    [
        ("[1, 2]", '""', "a list value must hold texts only"),
        ("[]", '""', "one or more non-empty texts"),
        ('["SQS", ""]', '""', "one or more non-empty texts"),
        ('"2022-12-32"', '"date"', "value must be a date"),
        ("20221231", '"date"', "value must be a quoted date"),
        ('"soon"', '"date"', "value must be a date"),
        ("{ a = 1 }", '""', "not a table"),
        ("nan", '"%"', "finite"),
    ],
)
def test_loader_refuses_a_value_of_the_wrong_kind(tmp_path, value, unit, message):
    text = textwrap.dedent(GOOD).replace("value = 90", f"value = {value}")
    text = text.replace('unit = "%"', f"unit = {unit}")
    assert message in _refused(_file(tmp_path, text))


def test_lists_and_dates_load(tmp_path):
    text = textwrap.dedent(GOOD)
    lists = text.replace("value = 90", 'value = ["SQS", "SNS"]').replace('"%"', '""')
    dates = text.replace("value = 90", 'value = "2022-12-31"').replace('"%"', '"date"')
    assert facts.read(_file(tmp_path, lists), "t")[0].value == ("SQS", "SNS")
    assert facts.read(_file(tmp_path, dates), "t")[0].value == "2022-12-31"


def test_loader_refuses_a_bad_table(tmp_path):
    assert "must be a table" in _refused(_file(tmp_path, 'x = "a fact without fields"\n'))
    bad_name = textwrap.dedent(GOOD).replace("[x]", "[Bad-Name]")
    assert "table name must match" in _refused(_file(tmp_path, bad_name), key="t.Bad-Name")
    nested = textwrap.dedent(GOOD) + "[x.more]\nvalue = 1\n"
    assert "unknown field(s) ['more']" in _refused(_file(tmp_path, nested))


def test_loader_refuses_a_malformed_file(tmp_path):
    for text in ("[x\nvalue = 90\n", GOOD + GOOD, "value = \n"):
        path = _file(tmp_path, text)
        with pytest.raises(ValueError, match="not valid TOML") as err:
            facts.read(path, "t")
        assert str(path) in str(err.value)
    # A new topic's file (``make topic``) holds comments only: no facts, no error.
    assert facts.read(_file(tmp_path, "# nothing yet\n"), "t") == ()
    with pytest.raises(ValueError, match="cannot read"):
        facts.read(tmp_path / "missing" / "facts.toml", "t")


def test_a_key_in_two_files_is_refused_naming_both(tmp_path):
    first, second = _file(tmp_path, GOOD, "a"), _file(tmp_path, GOOD, "b")
    assert list(facts.collect([("t", first), ("u", second)])) == ["t.x", "u.x"]
    with pytest.raises(ValueError, match="duplicate key") as err:
        facts.collect([("t", first), ("t", second)])
    message = str(err.value)
    assert str(first) in message and str(second) in message and "'t.x'" in message


def test_loader_reads_text_too():
    (f,) = facts.read(textwrap.dedent(GOOD), "t", name="inline.toml")
    assert f.value == 90 and f.file == "inline.toml"
    with pytest.raises(ValueError, match=r"^inline.toml: fact 't.x': value must be a number"):
        facts.read(textwrap.dedent(GOOD).replace("= 90", '= "90"'), "t", name="inline.toml")


def test_a_fact_built_in_code_is_checked_too():
    where = Provenance("https://docs.aws.amazon.com/", "2026-11-26")
    assert facts.Fact("t.x", 1, "MB", "s", where, "t").value == 1
    with pytest.raises(ValueError, match=r"fact 't.x': value must be a number"):
        facts.Fact("t.x", "1", "MB", "s", where, "t")
    with pytest.raises(ValueError, match="the key must start with its topic"):
        facts.Fact("u.x", 1, "MB", "s", where, "t")


# --- provenance, shared by facts and prices ------------------------------------------------


def test_provenance_is_one_scheme_for_facts_and_prices():
    p, f = pricing.on_demand_hourly("m5.large"), facts.fact("spot.max_discount_percent")
    assert isinstance(p.provenance, Provenance) and isinstance(f.provenance, Provenance)
    assert p.cite() == f"{p.source} (checked {p.verified_on})"
    quote = pricing.price("ec2.ri_standard_3y.m5.large")
    assert quote.cite().endswith("(checked 2019-03, confidence L, illustrative)")
    with pytest.raises(ValueError, match="confidence must be one of"):
        Provenance("https://x.example/", "2026-11-26", "high")
    assert Provenance("offer file index.json", "2026-11-26").web is False


# --- the price snapshot ---------------------------------------------------------------------


def test_snapshot_rows_are_sourced_and_dated():
    table = pricing.snapshot()
    assert table["source"].str.startswith("https://").all()
    assert table["verified_on"].str.fullmatch(r"\d{4}-\d{2}(-\d{2})?").all()
    assert set(table["confidence"]) <= {"H", "M", "L"}
    # Low-confidence figures must be flagged as illustrative.
    assert table.loc[table["confidence"] == "L", "illustrative"].all()


def test_price_lookup():
    p = pricing.on_demand_hourly("m5.large")
    assert p.unit == "USD/hour" and p.price > 0
    assert "checked 2026-06" in p.cite()
    with pytest.raises(KeyError, match=re.escape("ec2.on_demand.m5.large")):
        pricing.on_demand_hourly("m5.lrage")


HEADER = "key,service,item,region,price,unit,confidence,illustrative,verified_on,source\n"
ROW = "a,s,i,r,1,u,H,no,2026-01,https://x.example/p"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (",1,", ",abc,", "price must be a number > 0, got 'abc'"),
        (",1,", ",-1,", "price must be a number > 0"),
        (",1,", ",,", "price must be a number > 0"),
        (",no,", ",maybe,", "illustrative must be 'yes' or 'no'"),
        (",H,", ",X,", "confidence must be one of"),
        (",2026-01,", ",,", "verified_on must be a date"),
        (",2026-01,", ",Jan 2026,", "verified_on must be a date"),
        ("https://x.example/p", "", "source is missing"),
        ("https://x.example/p", "http://x.example/p", "source must be an https URL"),
        (",r,", ",,", "region is missing"),
    ],
)
def test_corrupt_snapshot_row_is_refused_naming_file_and_key(tmp_path, old, new, message):
    path = tmp_path / "prices.csv"
    path.write_text(HEADER + ROW + "\n")
    assert list(pricing.read_snapshot(path).index) == ["a"]  # the unbroken row loads
    path.write_text(HEADER + ROW.replace(old, new, 1) + "\n")
    with pytest.raises(ValueError, match=re.escape(message)) as err:
        pricing.read_snapshot(path)
    assert str(err.value).startswith(f"{path}: price 'a': ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("key,price\na,1\n", "columns"),
        (HEADER.replace("verified_on", "as_of") + ROW + "\n", "columns"),
        (HEADER + ROW + "\n" + ROW.replace(",1,", ",2,") + "\n", "duplicate keys: ['a']"),
        (HEADER + ROW.replace("a,", ",", 1) + "\n", "line 2: key is missing"),
    ],
)
def test_corrupt_snapshot_is_refused(text, message):
    with pytest.raises(ValueError, match=re.escape(message)) as err:
        pricing.read_snapshot(io.StringIO(text), "prices.csv")
    assert str(err.value).startswith("prices.csv: ")


# --- notebook text --------------------------------------------------------------------------


def test_render_fills_fact_placeholders():
    text = notebook.render(
        "Up to {spot.max_discount_percent}% off; {spot.fleet_target_capacity_max} units"
    )
    assert text == "Up to 90% off; 10,000 units"
    assert notebook.render("{lambda.esm_failure_destinations}") == "SQS, SNS, S3"
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


def test_sources_table_escapes_pipes_and_joins_lists():
    assert "a \\| b" in notebook._row("a | b")
    assert notebook.sources("spot").data.count("https://") == len(facts.facts_for("spot"))
    assert "| SQS, SNS, S3 |" in notebook.sources("lambda").data
