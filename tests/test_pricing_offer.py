"""The AWS Price List offer-file loader: JSON and CSV samples, filters, corrupt files."""

import json
from importlib import resources
from pathlib import Path

import pytest

from aws_compute_course import pricing
from aws_compute_course.topics import ec2

DATA = resources.files("aws_compute_course.data")
JSON = Path(str(DATA / "ec2_offer_sample.json"))
CSV = Path(str(DATA / "ec2_offer_sample.csv"))


@pytest.fixture(scope="module")
def offer():
    return pricing.load_offer_file(JSON, illustrative=True)


def test_same_shape_as_the_snapshot(offer):
    snap = pricing.snapshot()
    assert list(offer.columns) == list(snap.columns)
    assert offer.index.name == snap.index.name == "key"
    assert offer.dtypes.to_dict() == snap.dtypes.to_dict()


def test_json_and_csv_formats_give_the_same_table(offer):
    from_csv = pricing.load_offer_file(CSV, illustrative=True)
    assert from_csv.drop(columns="source").equals(offer.drop(columns="source"))
    assert (from_csv["source"] == "offer file ec2_offer_sample.csv").all()


def test_rows_and_values(offer):
    assert sorted(offer.index) == [
        "ec2.dedicated_host.m5",
        "ec2.dedicated_host_capacity.m5.2xlarge",
        "ec2.dedicated_host_capacity.m5.4xlarge",
        "ec2.dedicated_host_capacity.m5.large",
        "ec2.dedicated_host_capacity.m5.xlarge",
        "ec2.on_demand.c5.large",
        "ec2.on_demand.m5.large",
        "ec2.on_demand_dedicated.m5.large",
        "ec2.ri_convertible_3y_no_upfront.m5.large",
        "ec2.ri_standard_1y_all_upfront_fee.m5.large",
        "ec2.ri_standard_1y_no_upfront.m5.large",
        "ec2.ri_standard_1y_partial_upfront.m5.large",
        "ec2.ri_standard_1y_partial_upfront_fee.m5.large",
    ]
    # Shared-tenancy On-Demand rates in the sample are the snapshot's.
    for itype in ("m5.large", "c5.large"):
        assert offer.loc[f"ec2.on_demand.{itype}", "price"] == pricing.on_demand_hourly(itype).price
    assert offer.loc["ec2.ri_standard_1y_partial_upfront_fee.m5.large", "unit"] == "USD"
    assert offer.loc["ec2.dedicated_host_capacity.m5.large", "price"] == 48
    assert (offer["verified_on"] == "2026-11-26").all()
    assert offer["illustrative"].all() and (offer["region"] == "us-east-1").all()


def test_filters_drop_other_regions_systems_and_capacity_states(offer):
    # The sample's Windows ($0.2), us-west-2 ($0.3) and unused-reservation ($0.4) rows.
    assert not offer["price"].isin([0.2, 0.3, 0.4]).any()
    west = pricing.load_offer_file(JSON, region="us-west-2")
    assert west.index.tolist() == ["ec2.on_demand.m5.large"]
    assert west.loc["ec2.on_demand.m5.large", "price"] == 0.3
    windows = pricing.load_offer_file(JSON, operating_system="Windows")
    assert windows.loc["ec2.on_demand.m5.large", "price"] == 0.2
    assert not windows["illustrative"].any()  # the default: a real AWS file


def test_source_url_and_confidence_are_recorded():
    url = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/index.json"
    table = pricing.load_offer_file(JSON, source_url=url, confidence="M")
    assert (table["source"] == url).all() and (table["confidence"] == "M").all()
    # The source follows the provenance rules of facts and the snapshot: an https URL.
    with pytest.raises(ValueError, match=r"price 'ec2\.[^']+': source must be an https URL") as err:
        pricing.load_offer_file(JSON, source_url="http://example.com/index.json")
    assert f"offer file {JSON}" in str(err.value)


def test_cost_model_uses_offer_file_rates(offer):
    workload = ec2.Workload("m5.large", count=50, months=12)
    for payment, upfront, hourly in (
        ("no_upfront", 0, 0.06),
        ("partial_upfront", 300, 0.03),
        ("all_upfront", 500, 0),
    ):
        book = ec2.price_book("m5.large", prices=offer, payment=payment)
        assert book.rates["ri_standard_1y"].basis == "offer file"
        row = ec2.compare_costs(workload, book).table.loc["ri_standard_1y"]
        assert row.upfront == pytest.approx(50 * upfront)
        assert row.recurring == pytest.approx(50 * hourly * 8760)
    table = ec2.compare_costs(workload, ec2.price_book("m5.large", prices=offer)).table
    fee = ec2.price_book("m5.large").region_fee
    assert table.loc["dedicated_instance", "total"] == pytest.approx((50 * 0.1 + fee) * 8760)
    assert table.loc["dedicated_host", "total"] == pytest.approx(2 * 5.0 * 8760)  # 48 a host
    # Not in the sample: the convertible 1-year RI falls back to the 2019 quote.
    assert "2019" in table.loc["ri_convertible_1y", "basis"]


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def _doc():
    return json.loads(JSON.read_text())


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("products"), "no 'products'"),
        (lambda d: d.update(offerCode="AWSLambda"), "not the EC2 offer file"),
        (lambda d: d.update(publicationDate="soon"), "no publication date"),
        (
            lambda d: d["terms"]["OnDemand"].update(NOSUCHSKU={}),
            "unknown SKU 'NOSUCHSKU'",
        ),
        (
            lambda d: next(
                iter(
                    next(iter(d["terms"]["OnDemand"]["SAMPLEM5LARGE01"].values()))[
                        "priceDimensions"
                    ].values()
                )
            )["pricePerUnit"].pop("USD"),
            "no USD amount",
        ),
        (lambda d: d.update(terms={}), "no EC2 prices for us-east-1"),
    ],
)
def test_corrupt_json_is_rejected(tmp_path, mutate, message):
    doc = _doc()
    mutate(doc)
    with pytest.raises(ValueError, match=message):
        pricing.load_offer_file(_write(tmp_path, "offer.json", json.dumps(doc)))


def test_conflicting_prices_are_rejected(tmp_path):
    doc = _doc()
    twin = json.loads(json.dumps(doc["products"]["SAMPLEM5LARGE01"]))
    twin["sku"] = "SAMPLETWIN00001"
    doc["products"]["SAMPLETWIN00001"] = twin
    term = json.loads(json.dumps(doc["terms"]["OnDemand"]["SAMPLEM5LARGE01"]))
    for offer in term.values():
        for dim in offer["priceDimensions"].values():
            dim["pricePerUnit"]["USD"] = "0.1"
    doc["terms"]["OnDemand"]["SAMPLETWIN00001"] = term
    with pytest.raises(ValueError, match=r"two prices for ec2.on_demand.m5.large: 0.096 and 0.1"):
        pricing.load_offer_file(_write(tmp_path, "offer.json", json.dumps(doc)))


def test_unreadable_and_malformed_files(tmp_path):
    with pytest.raises(ValueError, match="source: cannot read"):
        pricing.load_offer_file(tmp_path / "missing.json")
    with pytest.raises(ValueError, match="not valid JSON"):
        pricing.load_offer_file(_write(tmp_path, "bad.json", "{"))
    lines = CSV.read_text().splitlines()
    with pytest.raises(ValueError, match="5 metadata lines"):
        pricing.load_offer_file(_write(tmp_path, "short.csv", "\n".join(lines[:1])))
    no_price = [*lines[:5], lines[5].replace('"PricePerUnit"', '"Price"'), *lines[6:]]
    with pytest.raises(ValueError, match=r"no column\(s\) \['PricePerUnit'\]"):
        pricing.load_offer_file(_write(tmp_path, "cols.csv", "\n".join(no_price)))
    bad_cell = [*lines[:6], lines[6].replace('"0.0960000000"', '"abc"'), *lines[7:]]
    with pytest.raises(ValueError, match="line 7: PricePerUnit 'abc'"):
        pricing.load_offer_file(_write(tmp_path, "cell.csv", "\n".join(bad_cell)))
    with pytest.raises(ValueError, match="confidence must be one of"):
        pricing.load_offer_file(JSON, confidence="high")


def test_snapshot_functions_keep_their_behaviour():
    assert pricing.on_demand_hourly("m5.large").price == 0.096
    assert pricing.price("ec2.ri_standard_3y.m5.large").illustrative
