"""Where a stated AWS figure comes from: one scheme for facts and prices alike.

Every fact (``topics/<package>/facts.toml``, read by :mod:`aws_compute_course.facts`) and
every row of a price table (``data/prices.csv`` and AWS Price List offer files, read by
:mod:`aws_compute_course.pricing`) carries the same four fields:

``source``
    an https URL where the figure can be read. The one exception: rows that
    :func:`aws_compute_course.pricing.load_offer_file` reads from an offer file you give it
    without a URL cite that file as ``offer file <name>``. Facts always cite a URL.
``verified_on``
    the day the figure was last read in the source, ``YYYY-MM-DD``; ``YYYY-MM`` where only
    the month is known (figures from the course's fact-check of mid-2026 not re-read since).
``confidence``
    ``H`` read in the source on that date (the default), ``M`` an example or a figure AWS
    states only loosely, ``L`` a second-hand or old quote.
``illustrative``
    true when the figure only illustrates (an example from AWS documentation, an old quote),
    so the course must label it as such; false by default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

CONFIDENCE = ("H", "M", "L")
OFFER_FILE = "offer file "
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def check_date(text: object, name: str = "verified_on") -> str:
    """``text`` if it is a real ``YYYY-MM-DD`` or ``YYYY-MM`` date; ValueError naming ``name``."""
    if not isinstance(text, str):
        raise ValueError(
            f"{name} must be a quoted date 'YYYY-MM-DD' (or 'YYYY-MM'), got {text!r} "
            f"({type(text).__name__})"
        )
    match = _DATE.match(text)
    try:
        if match is None:
            raise ValueError
        date(int(match[1]), int(match[2]), int(match[3] or 1))
    except ValueError:
        raise ValueError(
            f"{name} must be a date 'YYYY-MM-DD' (or 'YYYY-MM'), got {text!r}"
        ) from None
    return text


@dataclass(frozen=True)
class Provenance:
    """Source, checked date, confidence and illustrative flag of one figure (checked)."""

    source: str
    verified_on: str
    confidence: str = "H"
    illustrative: bool = False

    def __post_init__(self) -> None:
        source = self.source
        if not isinstance(source, str) or not source.strip():
            raise ValueError(f"source is missing: an https URL is required, got {source!r}")
        if not (source.startswith("https://") and len(source) > len("https://")) and not (
            source.startswith(OFFER_FILE) and source[len(OFFER_FILE) :].strip()
        ):
            raise ValueError(f"source must be an https URL, got {source!r}")
        check_date(self.verified_on)
        if self.confidence not in CONFIDENCE:
            raise ValueError(
                f"confidence must be one of {list(CONFIDENCE)}, got {self.confidence!r}"
            )
        if not isinstance(self.illustrative, bool):
            raise ValueError(f"illustrative must be true or false, got {self.illustrative!r}")

    @property
    def web(self) -> bool:
        """True when the source is an https URL (always so for facts)."""
        return self.source.startswith("https://")

    def cite(self) -> str:
        """A short citation: the source and when it was checked, with the confidence when it
        is not ``H`` and a note when the figure is illustrative."""
        notes = [f"checked {self.verified_on}"]
        if self.confidence != "H":
            notes.append(f"confidence {self.confidence}")
        if self.illustrative:
            notes.append("illustrative")
        return f"{self.source} ({', '.join(notes)})"


class Sourced:
    """A figure that carries a :class:`Provenance` as ``provenance``: its fields and
    citation, read through (facts and prices alike)."""

    provenance: Provenance

    @property
    def source(self) -> str:
        return self.provenance.source

    @property
    def verified_on(self) -> str:
        return self.provenance.verified_on

    @property
    def confidence(self) -> str:
        return self.provenance.confidence

    @property
    def illustrative(self) -> bool:
        return self.provenance.illustrative

    def cite(self) -> str:
        """A short citation: source, checked date, confidence unless H, illustrative."""
        return self.provenance.cite()
