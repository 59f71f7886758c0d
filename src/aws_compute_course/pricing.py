"""The dated price snapshot shipped with the course (``data/prices.csv``).

Every row carries its source, an as-of date, a confidence grade (H, M, L) and whether the
figure is only illustrative (an example from AWS documentation, or an old quote).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import pandas as pd

_COLUMNS = [
    "key",
    "service",
    "item",
    "region",
    "price",
    "unit",
    "confidence",
    "illustrative",
    "as_of",
    "source",
]


@dataclass(frozen=True)
class Price:
    """One row of the snapshot."""

    key: str
    item: str
    region: str
    price: float
    unit: str
    confidence: str
    illustrative: bool
    as_of: str
    source: str

    def cite(self) -> str:
        """A short citation: source, as-of date and confidence."""
        tag = ", illustrative" if self.illustrative else ""
        return f"{self.source} (as of {self.as_of}, confidence {self.confidence}{tag})"


def read_snapshot(source) -> pd.DataFrame:
    """Read a price snapshot CSV (a path or an open file) into a table indexed by ``key``."""
    table = pd.read_csv(source, dtype={"as_of": str})
    if list(table.columns) != _COLUMNS:
        raise ValueError(f"price snapshot columns must be {_COLUMNS}, got {list(table.columns)}")
    bad = table[~table["illustrative"].isin(["yes", "no"])]
    if not bad.empty:
        raise ValueError(f"illustrative must be 'yes' or 'no'; rows {list(bad['key'])}")
    prices = pd.to_numeric(table["price"], errors="coerce")
    bad = table[~(prices > 0)]
    if not bad.empty:
        raise ValueError(f"price must be a number > 0; rows {list(bad['key'])}")
    table["price"] = prices
    table["illustrative"] = table["illustrative"] == "yes"
    if table["key"].duplicated().any():
        raise ValueError(f"duplicate keys: {sorted(table.loc[table['key'].duplicated(), 'key'])}")
    return table.set_index("key")


@cache
def snapshot() -> pd.DataFrame:
    """The snapshot shipped in ``data/prices.csv`` (cached; do not mutate)."""
    with resources.files("aws_compute_course.data").joinpath("prices.csv").open() as fh:
        return read_snapshot(fh)


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
        confidence=row["confidence"],
        illustrative=bool(row["illustrative"]),
        as_of=row["as_of"],
        source=row["source"],
    )


def on_demand_hourly(instance_type: str) -> Price:
    """The On-Demand Linux hourly price of ``instance_type`` in us-east-1."""
    return price(f"ec2.on_demand.{instance_type}")
