"""Where users and endpoints are: great-circle distances, the latency the model assumes, the
geoproximity bias, and a coarse world grid with a continent for each point.

AWS publishes no coordinates for its Regions and no latency table: the Region positions
below are the approximate cities they serve (illustrative), and the model's latency is an
assumption (proportional to great-circle distance), not Route 53's measured latency data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from aws_compute_course import facts
from aws_compute_course.validate import choice, integer, number

BIAS_MAX = facts.integer("route53.geoproximity_bias_max")
EARTH_RADIUS_KM = 6371.0
MS_PER_1000_KM = 10.0
"""The model's assumption: round-trip latency grows by about 10 ms per 1,000 km of
great-circle distance (light in fibre, with detours). Illustrative, not an AWS figure."""

REGION_COORDINATES: dict[str, tuple[float, float]] = {
    "us-east-1": (38.9, -77.4),
    "us-west-2": (45.6, -121.2),
    "sa-east-1": (-23.5, -46.6),
    "eu-west-1": (53.3, -6.3),
    "eu-central-1": (50.1, 8.7),
    "ap-south-1": (19.1, 72.9),
    "ap-southeast-1": (1.3, 103.8),
    "ap-northeast-1": (35.7, 139.7),
    "ap-southeast-2": (-33.9, 151.2),
    "af-south-1": (-33.9, 18.4),
}
"""Approximate (latitude, longitude) of the cities the Regions serve (illustrative)."""

CONTINENTS = ("AF", "AN", "AS", "EU", "NA", "OC", "SA")
"""Route 53's geolocation continent codes."""


@dataclass(frozen=True)
class Place:
    """A user's location: coordinates and the geolocation codes Route 53 would match."""

    lat: float
    lon: float
    continent: str | None = None
    """A continent code from :data:`CONTINENTS`, or None when unknown (open sea)."""
    country: str | None = None
    """ISO 3166 alpha-2 code, e.g. ``"US"``."""
    subdivision: str | None = None
    """A subdivision code within the country, e.g. ``"CA"`` for California."""

    def __post_init__(self) -> None:
        number("lat", self.lat, -90, 90)
        number("lon", self.lon, -180, 180)
        if self.continent is not None:
            choice("continent", self.continent, CONTINENTS)
        if self.subdivision is not None and self.country is None:
            raise ValueError("subdivision needs a country, got country=None")


def region_position(region: str) -> tuple[float, float]:
    """(lat, lon) of ``region`` from :data:`REGION_COORDINATES`; ValueError if unknown."""
    choice("region", region, REGION_COORDINATES)
    return REGION_COORDINATES[region]


def distance_km(lat1, lon1, lat2, lon2) -> np.ndarray | float:
    """Great-circle distance in km (numpy arrays broadcast; degrees in)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def latency_ms(distance: np.ndarray | float) -> np.ndarray | float:
    """The model's round-trip latency for a great-circle distance (see ``MS_PER_1000_KM``)."""
    return 5.0 + MS_PER_1000_KM * np.asarray(distance) / 1000.0


def biased_distance(distance: np.ndarray | float, bias: int) -> np.ndarray | float:
    """Geoproximity: ``distance × (1 − bias/100)``, the formula the Route 53 Developer Guide
    gives (routing-policy-geoproximity.html); bias from -99 to +99."""
    integer("bias", bias, -BIAS_MAX, BIAS_MAX)
    return np.asarray(distance) * (1.0 - bias / 100.0)


# Coarse continent boxes (lat_min, lat_max, lon_min, lon_max), checked in order. Illustrative:
# good enough to colour a world map, not a geocoder.
_BOXES: tuple[tuple[str, float, float, float, float], ...] = (
    ("AN", -90, -60, -180, 180),
    ("NA", 7, 84, -170, -52),
    ("SA", -56, 13, -82, -34),
    ("EU", 36, 72, -25, 40),
    ("AF", -35, 36, -18, 52),
    ("AS", 5, 78, 40, 180),
    ("AS", -10, 5, 95, 141),
    ("OC", -48, -10, 112, 180),
)


def continent_of(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Continent code per point from coarse boxes (``""`` over open sea); illustrative."""
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    out = np.full(lat.shape, "", dtype="<U2")
    for code, la0, la1, lo0, lo1 in reversed(_BOXES):  # earlier boxes win
        inside = (lat >= la0) & (lat <= la1) & (lon >= lo0) & (lon <= lo1)
        out[inside] = code
    return out


@dataclass(frozen=True)
class WorldGrid:
    """Points on a regular latitude/longitude grid, each with its continent (illustrative)."""

    lat: np.ndarray
    lon: np.ndarray
    continent: np.ndarray


def world_grid(step_deg: int = 6) -> WorldGrid:
    """Land-ish points every ``step_deg`` degrees between 56°S and 72°N (open sea dropped)."""
    integer("step_deg", step_deg, 2, 30)
    lats = np.arange(-54, 72 + 1e-9, step_deg, dtype=float)
    lons = np.arange(-177, 180, step_deg, dtype=float)
    lat, lon = (a.ravel() for a in np.meshgrid(lats, lons, indexing="ij"))
    cont = continent_of(lat, lon)
    keep = cont != ""
    return WorldGrid(lat[keep], lon[keep], cont[keep])


def nearest(
    lat: np.ndarray, lon: np.ndarray, regions: list[str], biases: list[int] | None = None
) -> np.ndarray:
    """Index into ``regions`` of the closest Region per point (by biased distance when
    ``biases`` is given: geoproximity; by the model's latency otherwise: the same order)."""
    if not regions:
        raise ValueError("regions must name at least one Region, got []")
    biases = biases if biases is not None else [0] * len(regions)
    if len(biases) != len(regions):
        raise ValueError(f"biases must have one entry per region ({len(regions)}), got {biases}")
    dist = np.stack(
        [
            biased_distance(distance_km(lat, lon, *region_position(r)), b)
            for r, b in zip(regions, biases, strict=True)
        ]
    )
    return np.argmin(dist, axis=0)


def geolocation_index(
    continents: np.ndarray, by_continent: dict[str, int], default: int | None
) -> np.ndarray:
    """Geolocation for many points at once: the endpoint index of each point's continent
    record, else ``default``; -1 where nothing matches and there is no default (Route 53
    gives no answer). Same rule as :func:`..resolver.resolve` at the continent level."""
    for code in by_continent:
        choice("continent", code, CONTINENTS)
    out = np.full(np.shape(continents), -1 if default is None else default, dtype=int)
    for code, index in by_continent.items():
        out[np.asarray(continents) == code] = index
    return out
