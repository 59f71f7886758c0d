"""The dated price snapshot shipped with the course (``data/prices.csv``), and a loader for
AWS Price List bulk offer files (:func:`load_offer_file`) that yields the same table shape.

Every row carries the provenance facts carry too (:class:`~aws_compute_course.provenance.
Provenance`): its source (an https URL; rows read from an offer file given without a URL
cite the file), the date it was checked (``verified_on``), a confidence grade (H, M, L) and
whether the figure is only illustrative (an example from AWS documentation, or an old
quote). A row that is wrong in type, undated or unsourced is refused with a ``ValueError``
naming the file and the key.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from aws_compute_course.provenance import CONFIDENCE, OFFER_FILE, Provenance, Sourced
from aws_compute_course.validate import json_document

_COLUMNS = ["key", "service", "item", "region", "price", "unit"]
_COLUMNS += ["confidence", "illustrative", "verified_on", "source"]
_SNAPSHOT = "aws_compute_course/data/prices.csv"


@dataclass(frozen=True)
class Price(Sourced):
    """One row of the snapshot."""

    key: str
    item: str
    region: str
    price: float
    unit: str
    provenance: Provenance


def row_provenance(row: pd.Series) -> Provenance:
    """The provenance of one row of a price table (:func:`read_snapshot`'s shape)."""
    return Provenance(
        row["source"], row["verified_on"], row["confidence"], bool(row["illustrative"])
    )


def _check_row(raw: dict[str, str], where: str, line: int) -> dict[str, object]:
    key = raw["key"].strip()
    at = f"{where}: price {key!r}" if key else f"{where}: line {line}"
    for column in ("key", "service", "item", "region", "unit"):
        if not raw[column].strip():
            raise ValueError(f"{at}: {column} is missing")
    try:
        amount = float(raw["price"])
    except ValueError:
        amount = math.nan
    if not (math.isfinite(amount) and amount > 0):
        raise ValueError(f"{at}: price must be a number > 0, got {raw['price']!r}")
    if raw["illustrative"] not in ("yes", "no"):
        raise ValueError(f"{at}: illustrative must be 'yes' or 'no', got {raw['illustrative']!r}")
    try:
        Provenance(
            raw["source"], raw["verified_on"], raw["confidence"], raw["illustrative"] == "yes"
        )
    except ValueError as err:
        raise ValueError(f"{at}: {err}") from None
    return {**raw, "key": key, "price": amount, "illustrative": raw["illustrative"] == "yes"}


def read_snapshot(source, where: str | None = None) -> pd.DataFrame:
    """Read a price table CSV (a path or an open file) into a table indexed by ``key``.

    Every row is checked (a price > 0, ``illustrative`` yes or no, and the provenance rules);
    a bad row raises ValueError naming ``where`` (default: the file's name) and the key.
    """
    if where is None:
        where = str(source) if isinstance(source, str | Path) else getattr(source, "name", "")
        where = where or "<price table>"
    try:
        table = pd.read_csv(source, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise ValueError(f"{where}: not a readable price table ({err})") from None
    if list(table.columns) != _COLUMNS:
        raise ValueError(
            f"{where}: price snapshot columns must be {_COLUMNS}, got {list(table.columns)}"
        )
    rows = [_check_row(r, where, n) for n, r in enumerate(table.to_dict("records"), start=2)]
    keys = [r["key"] for r in rows]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise ValueError(f"{where}: duplicate keys: {dupes}")
    return pd.DataFrame(rows, columns=_COLUMNS).set_index("key")


@cache
def snapshot() -> pd.DataFrame:
    """The snapshot shipped in ``data/prices.csv`` (cached; do not mutate)."""
    with resources.files("aws_compute_course.data").joinpath("prices.csv").open() as fh:
        return read_snapshot(fh, _SNAPSHOT)


def price(key: str) -> Price:
    """The snapshot row ``key``; a ``KeyError`` lists the keys of the same service."""
    table = snapshot()
    if key not in table.index:
        prefix = key.split(".")[0]
        near = [k for k in table.index if k.startswith(prefix + ".")]
        raise KeyError(f"no price {key!r} in the snapshot; {prefix!r} has: {near}")
    row = table.loc[key]
    return Price(
        key=key,
        item=row["item"],
        region=row["region"],
        price=float(row["price"]),
        unit=row["unit"],
        provenance=row_provenance(row),
    )


def on_demand_hourly(instance_type: str) -> Price:
    """The On-Demand Linux hourly price of ``instance_type`` in us-east-1."""
    return price(f"ec2.on_demand.{instance_type}")


# --- AWS Price List bulk offer files ------------------------------------------------------

# JSON attribute name -> CSV column name, for the attributes the loader reads.
_OFFER_CSV_NAMES = {
    "productFamily": "Product Family",
    "instanceType": "Instance Type",
    "tenancy": "Tenancy",
    "operatingSystem": "Operating System",
    "preInstalledSw": "Pre Installed S/W",
    "licenseModel": "License Model",
    "capacitystatus": "CapacityStatus",
    "regionCode": "Region Code",
    "location": "Location",
}
_OFFER_LOCATIONS = {
    "us-east-1": "US East (N. Virginia)",
    "us-east-2": "US East (Ohio)",
    "us-west-2": "US West (Oregon)",
    "eu-west-1": "EU (Ireland)",
    "eu-central-1": "EU (Frankfurt)",
    "ap-northeast-1": "Asia Pacific (Tokyo)",
}
_LEASES = {"1yr": "1y", "3yr": "3y"}
_PURCHASE = {
    "No Upfront": "no_upfront",
    "Partial Upfront": "partial_upfront",
    "All Upfront": "all_upfront",
}
_CAPACITY = re.compile(r"^(?:instanceCapacity|Instance Capacity - )(\w+)$")


@dataclass(frozen=True)
class _OfferTerm:
    """One price term of one product, from either offer-file format."""

    sku: str
    attributes: dict
    term_type: str
    term_attributes: dict
    dimensions: tuple[tuple[str, float, str], ...]
    """(unit, USD, description) per price dimension."""


def _offer_json(text: str, where: str) -> tuple[dict, list[_OfferTerm]]:
    doc = json_document(text, where)
    if not isinstance(doc, dict) or not isinstance(doc.get("products"), dict):
        raise ValueError(f"source: {where} has no 'products' object (not an offer file)")
    if doc.get("offerCode") != "AmazonEC2":
        raise ValueError(
            f"source: {where} is not the EC2 offer file (offerCode {doc.get('offerCode')!r})"
        )
    terms = []
    for term_type, by_sku in (doc.get("terms") or {}).items():
        for sku, offers in by_sku.items():
            product = doc["products"].get(sku)
            if product is None:
                raise ValueError(f"source: {where} has {term_type} terms for unknown SKU {sku!r}")
            for offer in offers.values():
                dims = []
                for dim in offer.get("priceDimensions", {}).values():
                    try:
                        usd = float(dim["pricePerUnit"]["USD"])
                    except (KeyError, TypeError, ValueError):
                        raise ValueError(
                            f"source: {where} SKU {sku}: a price has no USD amount"
                        ) from None
                    dims.append((dim.get("unit", ""), usd, dim.get("description", "")))
                terms.append(
                    _OfferTerm(
                        sku,
                        {
                            "productFamily": product.get("productFamily", ""),
                            **product.get("attributes", {}),
                        },
                        term_type,
                        offer.get("termAttributes") or {},
                        tuple(dims),
                    )
                )
    return {"publicationDate": doc.get("publicationDate", "")}, terms


def _offer_csv(text: str, where: str) -> tuple[dict, list[_OfferTerm]]:
    lines = text.splitlines()
    meta = {}
    for line in lines[:5]:
        cells = next(csv.reader([line]))
        if len(cells) == 2:
            meta[cells[0]] = cells[1]
    if "Publication Date" not in meta or len(lines) < 6:
        raise ValueError(f"source: {where} lacks the 5 metadata lines of an offer-file CSV")
    reader = csv.DictReader(lines[5:])
    needed = {"SKU", "OfferTermCode", "TermType", "Unit", "PricePerUnit", "Currency"}
    missing = needed - set(reader.fieldnames or ())
    if missing:
        raise ValueError(f"source: {where} has no column(s) {sorted(missing)}")
    grouped: dict[tuple[str, str], _OfferTerm] = {}
    for n, row in enumerate(reader, start=7):
        if row["Currency"] != "USD":
            continue
        try:
            usd = float(row["PricePerUnit"])
        except ValueError:
            raise ValueError(
                f"source: {where} line {n}: PricePerUnit {row['PricePerUnit']!r}"
            ) from None
        attrs = {k: row.get(c, "") for k, c in _OFFER_CSV_NAMES.items()}
        attrs.update({c: v for c, v in row.items() if c and _CAPACITY.match(c) and v})
        term_attrs = {
            "LeaseContractLength": row.get("LeaseContractLength", ""),
            "OfferingClass": row.get("OfferingClass", ""),
            "PurchaseOption": row.get("PurchaseOption", ""),
        }
        key = (row["SKU"], row["OfferTermCode"])
        dim = (row["Unit"], usd, row.get("PriceDescription", ""))
        if key in grouped:
            old = grouped[key]
            grouped[key] = _OfferTerm(
                old.sku, old.attributes, old.term_type, old.term_attributes, (*old.dimensions, dim)
            )
        else:
            grouped[key] = _OfferTerm(row["SKU"], attrs, row["TermType"], term_attrs, (dim,))
    return {"publicationDate": meta["Publication Date"]}, list(grouped.values())


def _offer_rows(
    term: _OfferTerm, region: str, operating_system: str
) -> list[tuple[str, str, float, str]]:
    """(key, item, price, unit) rows for one term; [] for terms the course does not use."""
    a = term.attributes
    if a.get("regionCode"):
        if a["regionCode"] != region:
            return []
    elif a.get("location") != _OFFER_LOCATIONS.get(region, region):
        return []
    family, itype, tenancy = a.get("productFamily"), a.get("instanceType", ""), a.get("tenancy")
    hourly = [(usd, d) for unit, usd, d in term.dimensions if unit in ("Hrs", "Hours")]
    fees = [(usd, d) for unit, usd, d in term.dimensions if unit == "Quantity"]
    rows: list[tuple[str, str, float, str]] = []
    if family == "Dedicated Host" and tenancy == "Host" and term.term_type == "OnDemand":
        for usd, desc in hourly:
            rows.append(
                (f"ec2.dedicated_host.{itype}", desc or f"{itype} Dedicated Host", usd, "USD/hour")
            )
        for name, count in a.items():
            size = _CAPACITY.match(name)
            if size and count not in ("", "NA", "0"):
                rows.append(
                    (
                        f"ec2.dedicated_host_capacity.{itype}.{size.group(1).lower()}",
                        f"{itype}.{size.group(1).lower()} instances per {itype} Dedicated Host",
                        float(count),
                        "instances/host",
                    )
                )
        return rows
    plain = (
        family == "Compute Instance"
        and a.get("operatingSystem") == operating_system
        and a.get("preInstalledSw", "NA") == "NA"
        and a.get("licenseModel", "No License required") == "No License required"
        and a.get("capacitystatus", "Used") == "Used"
    )
    if not plain or tenancy not in ("Shared", "Dedicated"):
        return []
    if term.term_type == "OnDemand":
        product = "on_demand" if tenancy == "Shared" else "on_demand_dedicated"
        return [(f"ec2.{product}.{itype}", desc, usd, "USD/hour") for usd, desc in hourly]
    if term.term_type == "Reserved" and tenancy == "Shared":
        t = term.term_attributes
        lease, cls = _LEASES.get(t.get("LeaseContractLength")), t.get("OfferingClass")
        payment = _PURCHASE.get(t.get("PurchaseOption"))
        if not (lease and payment and cls in ("standard", "convertible")):
            return []
        stem = f"ec2.ri_{cls}_{lease}_{payment}"
        rows += [(f"{stem}.{itype}", desc or stem, usd, "USD/hour") for usd, desc in hourly]
        rows += [(f"{stem}_fee.{itype}", desc or "Upfront Fee", usd, "USD") for usd, desc in fees]
    return rows


def load_offer_file(
    source: str | Path,
    *,
    region: str = "us-east-1",
    operating_system: str = "Linux",
    source_url: str | None = None,
    confidence: str = "H",
    illustrative: bool = False,
) -> pd.DataFrame:
    """Read an AWS Price List bulk offer file for EC2 (JSON or CSV) into a price table.

    The result has the snapshot's shape (:func:`read_snapshot`), so models can take either.
    Rows for ``region`` and ``operating_system`` (no pre-installed software, no licence
    included, tenancy Shared unless noted): ``ec2.on_demand.<type>`` and
    ``ec2.on_demand_dedicated.<type>`` (USD/hour); Standard and Convertible Reserved
    Instances ``ec2.ri_<class>_<1y|3y>_<payment>.<type>`` (USD/hour) and ``..._fee.<type>``
    (USD upfront), zero amounts omitted; ``ec2.dedicated_host.<family>`` (USD/hour per
    host) and ``ec2.dedicated_host_capacity.<family>.<size>`` (instances per host). Every row
    is dated with the file's publication date and cites ``source_url``, an https URL
    (default: the file, as ``offer file <name>``).
    """
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ValueError(f"source: cannot read {path}: {err.strerror}") from None
    if confidence not in CONFIDENCE:
        raise ValueError(f"confidence must be one of {list(CONFIDENCE)}, got {confidence!r}")
    parse = _offer_csv if text.lstrip().startswith('"FormatVersion"') else _offer_json
    meta, terms = parse(text, str(path))
    verified_on = str(meta["publicationDate"])[:10]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", verified_on):
        raise ValueError(
            f"source: {path} has no publication date (got {meta['publicationDate']!r})"
        )
    cite = source_url or f"{OFFER_FILE}{path.name}"
    found: dict[str, tuple[str, float, str]] = {}
    for term in terms:
        for key, item, usd, unit in _offer_rows(term, region, operating_system):
            if usd <= 0:
                continue
            if key in found and found[key][1] != usd:
                raise ValueError(
                    f"source: {path} gives two prices for {key}: {found[key][1]} and {usd}"
                )
            found[key] = (item, usd, unit)
    if not found:
        raise ValueError(f"source: {path} has no EC2 prices for {region} and {operating_system}")
    table = pd.DataFrame(
        [
            (
                key,
                "ec2",
                item,
                region,
                usd,
                unit,
                confidence,
                "yes" if illustrative else "no",
                verified_on,
                cite,
            )
            for key, (item, usd, unit) in sorted(found.items())
        ],
        columns=_COLUMNS,
    )
    return read_snapshot(io.StringIO(table.to_csv(index=False)), f"offer file {path}")
