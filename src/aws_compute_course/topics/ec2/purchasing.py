"""EC2 purchasing options: the hourly rate of every option for an instance type and the
cost of a workload under each, with break-even months and the options a workload rules out.

Every AWS number comes from the topic's facts or the price snapshot."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import numpy as np
import pandas as pd

from aws_compute_course import facts, pricing
from aws_compute_course.facts import fact
from aws_compute_course.topics import spot
from aws_compute_course.topics.ec2.names import parse_instance_type
from aws_compute_course.topics.ec2.placement import COUNT_MAX
from aws_compute_course.validate import choice, flag, integer, number

HOURS_PER_MONTH = 365 * 24 / 12
"""730 hours: the average month (calendar arithmetic, not an AWS figure)."""

TERM_YEARS = (
    facts.integer("ec2.commitment_term_short_years"),
    facts.integer("ec2.commitment_term_long_years"),
)
NOTICE_MINUTES = facts.integer("spot.interruption_notice_minutes")

MONTHS_MAX = 120
HOST_KINDS = ("dedicated_host", "savings_plan")
"""What a workload that needs a Dedicated Host can use: the host On-Demand, or the host's
usage covered by a Savings Plan (``ec2.dedicated_host_savings_plans``)."""


# --- purchasing options ------------------------------------------------------------------

Payment = Literal["no_upfront", "partial_upfront", "all_upfront"]
PAYMENTS: tuple[str, ...] = ("no_upfront", "partial_upfront", "all_upfront")
DISCOUNT_BASES: tuple[str, ...] = ("price_list", "quotes_2019", "ceilings")
PARTIAL_UPFRONT_SHARE = 0.5
"""Model assumption: the share of a Partial Upfront commitment paid at the start."""


@dataclass(frozen=True)
class PurchaseOption:
    """One way to pay for EC2 capacity."""

    id: str
    label: str
    kind: str
    """on_demand, reserved, savings_plan, spot, dedicated_instance, dedicated_host,
    capacity_reservation or scheduled."""
    term_years: int = 0
    offering: str = ""
    """standard/convertible (RIs), compute/instance (Savings Plans)."""

    @property
    def term_months(self) -> int:
        return 12 * self.term_years


_SHORT, _LONG = TERM_YEARS
OPTIONS: tuple[PurchaseOption, ...] = (
    PurchaseOption("on_demand", "On-Demand", "on_demand"),
    *(
        PurchaseOption(f"ri_{cls}_{y}y", f"{cls.title()} RI {y}-year", "reserved", y, cls)
        for cls in ("standard", "convertible")
        for y in TERM_YEARS
    ),
    *(
        PurchaseOption(f"sp_{kind}_{y}y", f"{title} SP {y}-year", "savings_plan", y, kind)
        for kind, title in (("compute", "Compute"), ("instance", "EC2 Instance"))
        for y in TERM_YEARS
    ),
    PurchaseOption("spot", "Spot", "spot"),
    PurchaseOption("dedicated_instance", "Dedicated Instances", "dedicated_instance"),
    PurchaseOption("dedicated_host", "Dedicated Host", "dedicated_host"),
    PurchaseOption("capacity_reservation", "Capacity Reservation", "capacity_reservation"),
    PurchaseOption("scheduled_ri", "Scheduled RI", "scheduled", _SHORT),
)
OPTION_BY_ID: dict[str, PurchaseOption] = {o.id: o for o in OPTIONS}


@dataclass(frozen=True)
class OptionRate:
    """What one option charges per unit (an instance; a host for Dedicated Hosts)."""

    upfront: float
    """USD paid at the start of each term."""
    hourly: float
    """USD per unit-hour: per used hour (On-Demand, Spot, Dedicated Instances) or per hour
    of the term / the reservation (commitments, Capacity Reservations, Dedicated Hosts)."""
    basis: str
    """Where the figure comes from: 'price snapshot', 'offer file', 'illustrative ...',
    'ceiling ...', 'Spot model ...'."""
    source: str


@dataclass(frozen=True)
class PriceBook:
    """Every option's rate for one instance type and payment option, or why it has none."""

    instance_type: str
    payment: str
    discount_basis: str
    on_demand: float
    rates: Mapping[str, OptionRate]
    unpriced: Mapping[str, str]
    """Option id -> why there is no price for it."""
    host_capacity: int | None = None
    """Instances of this type a Dedicated Host holds, when known."""
    region_fee: float = 0.0
    """Dedicated Instances per-Region fee, USD per hour while any runs."""


def _discount_rate(
    od: float, discount: float, term_years: int, payment: str
) -> tuple[float, float]:
    """(upfront per term, hourly) for a commitment at ``discount`` off On-Demand."""
    effective = od * (1 - discount)
    share = {"no_upfront": 0.0, "partial_upfront": PARTIAL_UPFRONT_SHARE, "all_upfront": 1.0}
    term_total = effective * HOURS_PER_MONTH * 12 * term_years
    return share[payment] * term_total, (1 - share[payment]) * effective


def commitment_discounts(basis: str) -> dict[str, tuple[float, str, str]]:
    """Commitment option id -> (discount fraction, basis label, source) for ``basis``.

    * ``price_list``: as ``quotes_2019``; :func:`price_book` uses it only for the types the
      snapshot has no AWS Price List rates for.
    * ``quotes_2019``: the Reserved Instance quotes for m5.large in the price snapshot
      (collected in 2019, confidence L, illustrative), as a fraction off today's m5.large
      On-Demand price, applied to any instance type. No Savings Plan rate is known.
    * ``ceilings``: the advertised "up to" discounts of each kind (from ``facts``), applied
      to the 3-year terms only: AWS advertises one ceiling per kind, not one per term. They
      are best cases, not typical rates.
    """
    choice("discount_basis", basis, DISCOUNT_BASES)
    out: dict[str, tuple[float, str, str]] = {}
    if basis in ("price_list", "quotes_2019"):
        od = pricing.on_demand_hourly("m5.large")
        for cls in ("standard", "convertible"):
            for y in TERM_YEARS:
                quote = pricing.price(f"ec2.ri_{cls}_{y}y.m5.large")
                label = (
                    f"illustrative: m5.large quote of {quote.verified_on} "
                    f"(confidence {quote.confidence})"
                )
                out[f"ri_{cls}_{y}y"] = (1 - quote.price / od.price, label, quote.source)
        return out
    ceilings = {
        "ri_standard": "ec2.standard_ri_max_discount_percent",
        "ri_convertible": "ec2.convertible_ri_max_discount_percent",
        "sp_compute": "ec2.compute_sp_max_discount_percent",
        "sp_instance": "ec2.instance_sp_max_discount_percent",
    }
    for prefix, key in ceilings.items():
        pct = facts.integer(key)
        out[f"{prefix}_{_LONG}y"] = (pct / 100, f"ceiling: 'up to {pct}%'", fact(key).source)
    return out


@cache
def _spot_rate(on_demand: float, seed: int) -> tuple[float, int]:
    """Effective Spot price and interruptions over a year of the Spot model's prices, with
    capacity reclaimed at the rate of the Spot model's teaching band."""
    prices = spot.synthetic_prices(on_demand, seed=seed)
    run = spot.simulate(prices, on_demand, frequency_band=spot.TEACHING_BAND, seed=seed)
    return float(run.effective_hourly_cost), run.interruptions


def _lookup(prices: pd.DataFrame, key: str) -> tuple[float, str] | None:
    if key not in prices.index:
        return None
    row = prices.loc[key]
    return float(row["price"]), pricing.row_provenance(row).cite()


def _table_basis(prices: pd.DataFrame, key: str) -> str:
    """'price table' with the row's date, and its confidence and illustrative flag when they
    call for a warning, e.g. 'price table (2020-07-09, confidence M, illustrative)'."""
    prov = pricing.row_provenance(prices.loc[key])
    if not prov.web:  # read from an offer file given without a URL
        return "offer file"
    notes = [prov.verified_on]
    if prov.confidence != "H":
        notes.append(f"confidence {prov.confidence}")
    if prov.illustrative:
        notes.append("illustrative")
    return f"price table ({', '.join(notes)})"


def price_book(
    instance_type: str,
    *,
    prices: pd.DataFrame | None = None,
    payment: str = "no_upfront",
    discount_basis: str = "quotes_2019",
    spot_seed: int = 2026,
) -> PriceBook:
    """Every purchasing option's rate for ``instance_type``.

    ``prices`` is a table shaped like the snapshot (default: ``pricing.snapshot()``; or
    ``pricing.load_offer_file(...)``). Reserved Instance rows of an offer file
    (``ec2.ri_<class>_<n>y_<payment>.<type>`` and ``..._fee``) are used as they are; under
    the ``price_list`` basis so are the snapshot's rates copied from AWS's Price List
    (``ec2.price_list.ri_...``: m5.large's as published on 2020-07-09, t3.medium's No Upfront
    ones from a third party). Otherwise commitments are priced from
    :func:`commitment_discounts` (``discount_basis``),
    with ``payment`` deciding only when you pay (the model keeps the same effective rate:
    the snapshot has no figures for the extra discount AWS gives for paying upfront).
    Spot is the Spot model's effective price over a year of seeded synthetic prices with no
    maximum price and capacity interruptions (illustrative). Dedicated Instances and Hosts
    need rows the snapshot does not have; without them they are reported as unpriced.
    """
    table = pricing.snapshot() if prices is None else prices
    choice("payment", payment, PAYMENTS)
    choice("discount_basis", discount_basis, DISCOUNT_BASES)
    parse_instance_type(instance_type)
    od_row = _lookup(table, f"ec2.on_demand.{instance_type}")
    if od_row is None:
        have = sorted(
            k.removeprefix("ec2.on_demand.") for k in table.index if k.startswith("ec2.on_demand.")
        )
        raise ValueError(
            f"instance_type must be one of {have} (those with an On-Demand price), "
            f"got {instance_type!r}"
        )
    od, od_source = od_row
    rates: dict[str, OptionRate] = {"on_demand": OptionRate(0.0, od, "price snapshot", od_source)}
    unpriced: dict[str, str] = {}
    rates["capacity_reservation"] = OptionRate(
        0.0, od, "On-Demand rate (AWS billing rule)", od_source
    )

    discounts = commitment_discounts(discount_basis)
    for option in OPTIONS:
        if option.kind not in ("reserved", "savings_plan"):
            continue
        key = f"ec2.{option.id}_{payment}.{instance_type}"
        hourly, fee = (
            _lookup(table, key),
            _lookup(table, key.replace(f"_{payment}.", f"_{payment}_fee.")),
        )
        if option.kind == "reserved" and not (hourly or fee) and discount_basis == "price_list":
            key = f"ec2.price_list.{option.id}_{payment}.{instance_type}"
            hourly, fee = (
                _lookup(table, key),
                _lookup(table, key.replace(f"_{payment}.", f"_{payment}_fee.")),
            )
        if option.kind == "reserved" and (hourly or fee):
            source = (hourly or fee)[1]
            found = key if hourly else key.replace(f"_{payment}.", f"_{payment}_fee.")
            rates[option.id] = OptionRate(
                fee[0] if fee else 0.0,
                hourly[0] if hourly else 0.0,
                _table_basis(table, found),
                source,
            )
        elif option.id in discounts:
            fraction, label, source = discounts[option.id]
            upfront, rate = _discount_rate(od, fraction, option.term_years, payment)
            rates[option.id] = OptionRate(upfront, rate, f"{label}, {fraction:.0%} off", source)
        elif discount_basis == "ceilings":
            unpriced[option.id] = "AWS advertises only 'up to' ceilings, which fit the 3-year term"
        else:
            unpriced[option.id] = "no Savings Plan rate is known; switch to the 'up to' ceilings"

    spot_price, interruptions = _spot_rate(od, spot_seed)
    rates["spot"] = OptionRate(
        0.0,
        spot_price,
        f"illustrative: Spot model, a year of synthetic prices (seed {spot_seed}), no max "
        f"price: {interruptions} capacity interruptions (a pool in the {spot.TEACHING_BAND} "
        "band)",
        od_source,
    )
    dedicated = _lookup(table, f"ec2.on_demand_dedicated.{instance_type}")
    if dedicated:
        rates["dedicated_instance"] = OptionRate(0.0, dedicated[0], "price table", dedicated[1])
    else:
        unpriced["dedicated_instance"] = (
            "no Dedicated Instance price in the table: load an offer file"
        )
    family, _, size = instance_type.partition(".")
    host = _lookup(table, f"ec2.dedicated_host.{family}")
    capacity = _lookup(table, f"ec2.dedicated_host_capacity.{family}.{size}")
    if host and capacity:
        rates["dedicated_host"] = OptionRate(0.0, host[0], "price table", host[1])
    else:
        unpriced["dedicated_host"] = (
            f"no {family} Dedicated Host price and capacity in the table: load an offer file"
        )
    unpriced["scheduled_ri"] = fact("ec2.scheduled_ri_purchasable").summary
    return PriceBook(
        instance_type=instance_type,
        payment=payment,
        discount_basis=discount_basis,
        on_demand=od,
        rates=rates,
        unpriced=unpriced,
        host_capacity=int(capacity[0]) if capacity else None,
        region_fee=facts.number("ec2.dedicated_region_fee_per_hour"),
    )


@dataclass(frozen=True)
class Workload:
    """What has to run: how many instances of which type, how long, under which constraints."""

    instance_type: str
    count: int = 1
    hours_per_day: float = 24.0
    months: int = 36
    interruptible: bool = False
    per_core_licensing: bool = False
    """Bring-your-own licences counted per socket or core (needs a Dedicated Host)."""
    host_affinity: bool = False
    """Instances must restart on the same physical host (needs a Dedicated Host)."""

    def __post_init__(self) -> None:
        if not isinstance(self.instance_type, str) or not self.instance_type:
            raise ValueError(
                f"instance_type must be a non-empty string, got {self.instance_type!r}"
            )
        integer("count", self.count, 1, COUNT_MAX)
        integer("months", self.months, 1, MONTHS_MAX)
        number("hours_per_day", self.hours_per_day, 0, 24, low_open=True)
        for name in ("interruptible", "per_core_licensing", "host_affinity"):
            flag(name, getattr(self, name))

    @property
    def needs_host(self) -> bool:
        return self.per_core_licensing or self.host_affinity


def not_allowed_reason(option: PurchaseOption, workload: Workload) -> str | None:
    """Why ``workload`` cannot use ``option``, or None when it can."""
    if option.kind == "scheduled":
        return fact("ec2.scheduled_ri_purchasable").summary
    if workload.needs_host and option.kind not in HOST_KINDS:
        need = "per-core licensing" if workload.per_core_licensing else "host affinity"
        return (
            f"{need} needs a Dedicated Host (sockets and cores visible, instances kept on one "
            "host), On-Demand or covered by a Savings Plan"
        )
    if option.kind == "spot" and not workload.interruptible:
        return (
            "the workload cannot be interrupted; Spot capacity can be reclaimed with a "
            f"{NOTICE_MINUTES}-minute notice"
        )
    return None


@dataclass(frozen=True)
class CostComparison:
    """Every option's cost for one workload."""

    workload: Workload
    book: PriceBook
    table: pd.DataFrame
    """Indexed by option id: ``label``, ``status`` ('ok', 'not allowed', 'unpriced'),
    ``reason``, ``upfront``, ``recurring``, ``total``, ``monthly`` (total / months),
    ``after_end`` (committed beyond the workload's last month), ``break_even_month``
    (the month from which the option stays cheaper than On-Demand; NaN when it never is),
    ``vs_on_demand`` ('cheaper', 'same' or 'dearer' over the whole workload; '' unless both
    it and On-Demand are 'ok'), ``basis`` and ``source``. Costs are NaN unless the status
    is 'ok'."""
    cumulative: np.ndarray = field(repr=False)
    """Options x months: cost committed by the end of each month (NaN unless 'ok')."""

    @property
    def months(self) -> np.ndarray:
        return np.arange(1, self.workload.months + 1)

    @property
    def cheapest(self) -> str | None:
        """The allowed, priced option with the lowest total (the first on a tie), or None."""
        ok = self.table[self.table["status"] == "ok"]
        return None if ok.empty else str(ok["total"].idxmin())


def break_even_month(cumulative: np.ndarray, on_demand: np.ndarray) -> int | None:
    """First month from which ``cumulative`` stays at or below ``on_demand`` to the end.

    Both are cost-by-month arrays of the same length; None when that never happens.
    """
    below = np.asarray(cumulative) <= np.asarray(on_demand) + 1e-9
    if not below[-1]:
        return None
    above = np.flatnonzero(~below)
    return int(above[-1]) + 2 if above.size else 1


def compare_costs(workload: Workload, book: PriceBook | None = None) -> CostComparison:
    """Price ``workload`` under every purchasing option in ``book``.

    Billing, per instance (per host for Dedicated Hosts), over ``months`` of 730 hours:

    * On-Demand, Spot, Dedicated Instances: the hours used, ``hours_per_day / 24`` of each
      month (plus, for Dedicated Instances, the per-Region fee in those hours);
    * Capacity Reservation: the On-Demand rate for every hour it is kept, used or not;
    * Reserved Instances and Savings Plans: every hour of every term bought (terms renew
      until they cover the workload), the upfront part at the start of each term; what the
      last term commits beyond the workload is in ``after_end``;
    * Dedicated Host: ``ceil(count / capacity)`` hosts for every hour.
    * A workload that needs a Dedicated Host (per-core licences, host affinity) can also
      cover the hosts' usage with a Savings Plan: the plan is then priced as the hosts'
      On-Demand cost scaled by the plan's rate for the instance type (the course's model:
      the snapshot has no Savings Plan rates for host usage), for every hour of the term.

    Cumulative costs count a commitment in full from the month it is bought, so the
    break-even month is the shortest workload from which the option is cheaper than
    On-Demand. An option that costs exactly what On-Demand costs (a Capacity Reservation
    used around the clock: it is billed at the On-Demand rate) has no break-even month and
    ``vs_on_demand`` 'same': it buys guaranteed capacity, not a saving.
    """
    if not isinstance(workload, Workload):
        raise ValueError(f"workload must be a Workload, got {type(workload).__name__}")
    book = price_book(workload.instance_type) if book is None else book
    if book.instance_type != workload.instance_type:
        raise ValueError(
            f"book is for {book.instance_type!r} but workload.instance_type is "
            f"{workload.instance_type!r}"
        )
    months = np.arange(1, workload.months + 1, dtype=float)
    n, m_total = workload.count, workload.months
    used = workload.hours_per_day / 24 * HOURS_PER_MONTH
    cumulative = np.full((len(OPTIONS), m_total), np.nan)
    rows = []
    for i, option in enumerate(OPTIONS):
        reason = not_allowed_reason(option, workload)
        rate = book.rates.get(option.id)
        status = "not allowed" if reason else ("ok" if rate else "unpriced")
        if status == "unpriced":
            reason = book.unpriced.get(option.id, "no price")
        upfront = recurring = after_end = np.nan
        units, basis = float(n), rate.basis if rate else ""
        if status == "ok" and option.kind == "savings_plan" and workload.needs_host:
            host = book.rates.get("dedicated_host")
            if host is None or not book.host_capacity:
                status, reason = (
                    "unpriced",
                    book.unpriced.get("dedicated_host", "no Dedicated Host price in the table"),
                )
            else:  # the hosts' On-Demand cost, in instance-equivalents at the plan's rate
                units = math.ceil(n / book.host_capacity) * host.hourly / book.on_demand
                basis = f"Savings Plan covering the Dedicated Hosts (course model); {basis}"
        if status == "ok":
            if option.kind in ("reserved", "savings_plan"):
                term = option.term_months
                terms = math.ceil(m_total / term)
                per_term = units * (rate.upfront + rate.hourly * HOURS_PER_MONTH * term)
                upfront = terms * units * rate.upfront
                recurring = terms * units * rate.hourly * HOURS_PER_MONTH * term
                after_end = (terms * term - m_total) * units * rate.hourly * HOURS_PER_MONTH
                cumulative[i] = np.ceil(months / term) * per_term
            else:
                if option.kind == "dedicated_host":
                    monthly = math.ceil(n / book.host_capacity) * rate.hourly * HOURS_PER_MONTH
                elif option.kind == "capacity_reservation":
                    monthly = n * rate.hourly * HOURS_PER_MONTH
                else:
                    fee = book.region_fee if option.kind == "dedicated_instance" else 0.0
                    monthly = (n * rate.hourly + fee) * used
                upfront, after_end = 0.0, 0.0
                recurring = monthly * m_total
                cumulative[i] = monthly * months
        rows.append(
            {
                "option": option.id,
                "label": option.label,
                "status": status,
                "reason": reason or "",
                "upfront": upfront,
                "recurring": recurring,
                "total": upfront + recurring,
                "monthly": (upfront + recurring) / m_total,
                "after_end": after_end,
                "basis": basis if status == "ok" else "",
                "source": rate.source if rate and status == "ok" else "",
            }
        )
    table = pd.DataFrame(rows).set_index("option")
    on_demand = cumulative[0]
    ends = cumulative[:, -1]
    same = np.isclose(ends, on_demand[-1], rtol=1e-9, atol=1e-6)
    table["vs_on_demand"] = [
        ""
        if np.isnan(ends[i]) or np.isnan(on_demand[-1])  # no comparison without On-Demand
        else ("same" if same[i] else ("cheaper" if ends[i] < on_demand[-1] else "dearer"))
        for i in range(len(OPTIONS))
    ]
    table["break_even_month"] = [
        np.nan
        if o.id == "on_demand" or np.isnan(cumulative[i, 0]) or same[i]
        else (break_even_month(cumulative[i], on_demand) or np.nan)
        for i, o in enumerate(OPTIONS)
    ]
    return CostComparison(workload, book, table, cumulative)
