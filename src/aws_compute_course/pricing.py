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


@cache
def snapshot() -> pd.DataFrame:
    """The whole snapshot as a DataFrame indexed by ``key`` (cached; do not mutate)."""
    with resources.files("aws_compute_course.data").joinpath("prices.csv").open() as fh:
        table = pd.read_csv(fh, dtype={"as_of": str})
    if list(table.columns) != _COLUMNS:
        raise ValueError(f"prices.csv columns must be {_COLUMNS}, got {list(table.columns)}")
    table["illustrative"] = table["illustrative"].map({"yes": True, "no": False})
    return table.set_index("key", verify_integrity=True)


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
