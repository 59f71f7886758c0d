"""EC2: instance type names, placement groups, purchasing options, metrics and recovery.

Four parts, each pure and importable without Jupyter:

* :func:`parse_instance_type` explains a name such as ``m7gd.2xlarge`` (family, generation,
  processor, capabilities, size) and rejects malformed names;
* :func:`check_placement` says whether a placement-group plan is valid and lays its
  instances out on AZs, partitions and racks; :func:`simulate_failure` and
  :func:`blast_radius` say what a rack, partition or AZ failure takes down;
* :func:`price_book` gathers the hourly rates of every purchasing option for an instance
  type (from the price snapshot, a loaded Price List offer file, the Spot model, and
  commitment discounts whose basis is stated), and :func:`compare_costs` prices a
  :class:`Workload` under each option: total, upfront, recurring, cumulative cost by month,
  break-even month against On-Demand, and which options the workload rules out and why;
* :func:`metric_info` and :func:`recovery_action`: what CloudWatch reports by default and
  what happens when a status check fails.

Every AWS number comes from :mod:`aws_compute_course.facts` or the price snapshot.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import numpy as np
import pandas as pd

from aws_compute_course import pricing, spot
from aws_compute_course.facts import fact, value
from aws_compute_course.validate import choice, flag, integer, number

HOURS_PER_MONTH = 365 * 24 / 12
"""730 hours: the average month (calendar arithmetic, not an AWS figure)."""

SPREAD_PER_AZ_MAX = int(value("ec2.spread_instances_per_az_max"))
PARTITIONS_PER_AZ_MAX = int(value("ec2.partitions_per_az_max"))
PARTITIONS_DEDICATED_MAX = int(value("ec2.partitions_dedicated_max"))
GROUPS_PER_REGION_MAX = int(value("ec2.placement_groups_per_region_max"))
CLUSTER_AZS_MAX = int(value("ec2.cluster_azs_max"))
TERM_YEARS = (
    int(value("ec2.commitment_term_short_years")),
    int(value("ec2.commitment_term_long_years")),
)
NOTICE_MINUTES = int(value("spot.interruption_notice_minutes"))

MONTHS_MAX = 120
COUNT_MAX = 100_000


# --- instance type names -----------------------------------------------------------------

#: Family (series) prefix -> (category, what it is for). The 2021 notes listed six.
FAMILIES: dict[str, tuple[str, str]] = {
    "m": ("general purpose", "balanced CPU, memory and network"),
    "t": ("general purpose", "burstable performance (CPU credits) for spiky, mostly idle load"),
    "a": ("general purpose", "Arm-based (first-generation AWS Graviton)"),
    "mac": ("general purpose", "macOS on Apple Mac hardware"),
    "c": ("compute optimized", "high CPU to memory ratio: batch, web, HPC, gaming"),
    "hpc": ("compute optimized", "high performance computing (tightly coupled simulations)"),
    "r": ("memory optimized", "memory-heavy work: in-memory caches, databases, analytics"),
    "x": ("memory optimized", "very large memory: SAP HANA, large in-memory databases"),
    "u": ("memory optimized", "high memory (several TiB) for the largest in-memory databases"),
    "z": ("memory optimized", "high CPU frequency with large memory (e.g. EDA, licensed per core)"),
    "p": ("accelerated computing", "GPU accelerated: ML training and HPC"),
    "g": ("accelerated computing", "graphics-intensive GPUs: rendering, streaming, ML inference"),
    "inf": ("accelerated computing", "AWS Inferentia chips: ML inference"),
    "trn": ("accelerated computing", "AWS Trainium chips: ML training"),
    "dl": ("accelerated computing", "deep learning accelerators"),
    "f": ("accelerated computing", "FPGAs: custom hardware acceleration"),
    "vt": ("accelerated computing", "video transcoding accelerators"),
    "i": ("storage optimized", "local NVMe SSD with very high random I/O: NoSQL, OLTP"),
    "im": ("storage optimized", "local NVMe SSD, 1:4 vCPU to memory"),
    "is": ("storage optimized", "local NVMe SSD, 1:6 vCPU to memory"),
    "d": ("storage optimized", "dense HDD storage: data warehouses, HDFS"),
    "h": ("storage optimized", "high sequential disk throughput (HDD): big data, Kafka"),
}
NOTES_2021_FAMILIES = ("r", "c", "m", "i", "g", "t")
PROCESSORS = {"a": "AMD processor", "g": "AWS Graviton (Arm) processor", "i": "Intel processor"}
CAPABILITIES = {
    "b": "block storage (EBS) optimization",
    "d": "local instance store volumes (NVMe SSD)",
    "e": "extra memory or storage",
    "n": "network and EBS optimized",
    "q": "Qualcomm inference accelerators",
    "z": "high CPU frequency",
    "flex": "Flex instance (most of the performance at a lower price)",
}
_SIZE = re.compile(r"^(nano|micro|small|medium|large|xlarge|\d+xlarge|metal|metal-\d+xl)$")
_NAME_HINT = "family, generation and options, a dot, then a size, e.g. 'm7gd.2xlarge'"


@dataclass(frozen=True)
class InstanceTypeName:
    """An instance type name, decoded."""

    name: str
    family: str
    """The series letters, e.g. ``m`` or ``inf``."""
    category: str
    purpose: str
    generation: int
    processor: str | None
    """The processor named by the letter after the generation, or None (the family's default)."""
    capabilities: tuple[str, ...]
    """What each further option letter means, in the order they appear."""
    size: str
    memory_tib: int | None = None
    """Memory in TiB for high-memory (U) types that carry it in the name."""
    apple_chip: str | None = None

    @property
    def in_2021_notes(self) -> bool:
        """True when the family is one of the six letters the 2021 notes list."""
        return self.family in NOTES_2021_FAMILIES

    def explain(self) -> str:
        """One sentence, e.g. 'm7gd.2xlarge: general purpose (M), generation 7, ...'."""
        parts = [f"{self.category} ({self.family.upper()}: {self.purpose})"]
        parts.append(f"generation {self.generation}")
        if self.processor:
            parts.append(self.processor)
        if self.apple_chip:
            parts.append(f"Apple {self.apple_chip.upper()} chip")
        if self.memory_tib:
            parts.append(f"{self.memory_tib} TiB of memory")
        parts.extend(self.capabilities)
        parts.append(f"size {self.size}")
        return f"{self.name}: " + ", ".join(parts)


def _bad_name(name: str, why: str) -> ValueError:
    return ValueError(f"instance_type {name!r} is not a valid name: {why} ({_NAME_HINT})")


def parse_instance_type(instance_type: str) -> InstanceTypeName:
    """Decode an instance type name such as ``m7gd.2xlarge`` or ``u7i-12tb.224xlarge``.

    The name is family letters, a generation number, optional processor and capability
    letters, a dot and a size (``nano`` ... ``xlarge``, ``<n>xlarge``, ``metal``). A
    malformed name raises ``ValueError`` saying which part is wrong.
    """
    if not isinstance(instance_type, str):
        raise ValueError(f"instance_type must be a string, got {instance_type!r}")
    name = instance_type.strip().lower()
    if name.count(".") != 1:
        raise _bad_name(instance_type, "it needs exactly one dot")
    head, size = name.split(".")
    if not _SIZE.match(size):
        raise _bad_name(instance_type, f"unknown size {size!r}")
    memory_tib = None
    old_u = re.fullmatch(r"u-(\d+)tb(\d+)", head)  # u-6tb1: memory before the generation
    if old_u:
        return InstanceTypeName(
            name, "u", *FAMILIES["u"], int(old_u.group(2)), None, (), size, int(old_u.group(1))
        )
    family = next((s for s in FAMILIES if re.match(rf"{s}\d", head)), None)  # no prefix clash
    if family is None:
        raise _bad_name(instance_type, f"no known family starts {head!r}")
    rest = head[len(family) :]
    generation_text = re.match(r"\d+", rest).group()
    rest = rest[len(generation_text) :]
    apple = None
    if family == "mac" and rest.startswith("-"):
        apple, rest = rest[1:], ""
    tib = re.search(r"-(\d+)tb$", rest)
    if tib and family == "u":
        memory_tib, rest = int(tib.group(1)), rest[: tib.start()]
    processor = None
    if rest[:1] in PROCESSORS:
        processor, rest = PROCESSORS[rest[0]], rest[1:]
    capabilities = []
    while rest:
        token = next((t for t in ("-flex", "flex") if rest.startswith(t)), rest[0])
        key = token.lstrip("-")
        if key not in CAPABILITIES:
            raise _bad_name(instance_type, f"unknown option letter {token!r}")
        if CAPABILITIES[key] in capabilities:
            raise _bad_name(instance_type, f"option {key!r} appears twice")
        capabilities.append(CAPABILITIES[key])
        rest = rest[len(token) :]
    return InstanceTypeName(
        name=name,
        family=family,
        category=FAMILIES[family][0],
        purpose=FAMILIES[family][1],
        generation=int(generation_text),
        processor=processor,
        capabilities=tuple(capabilities),
        size=size,
        memory_tib=memory_tib,
        apple_chip=apple,
    )


# --- placement groups --------------------------------------------------------------------

PlacementStrategy = Literal["cluster", "spread", "partition"]
STRATEGIES: tuple[str, ...] = ("cluster", "spread", "partition")
TENANCIES: tuple[str, ...] = ("default", "dedicated")
FAILURES: tuple[str, ...] = ("rack", "partition", "az")

INSTANCES_PER_RACK = 4
"""Model assumption, not an AWS figure: how many instances of one group share a rack when
EC2 packs them (cluster, and within a partition). AWS does not publish rack sizes."""


@dataclass(frozen=True)
class PlacementPlan:
    """A placement group request: strategy, AZs, instances and (for partition) partitions."""

    strategy: str
    azs: tuple[str, ...]
    instances: int
    partitions_per_az: int = 1
    """Partitions in each AZ (partition strategy only)."""
    tenancy: str = "default"
    groups_in_region: int = 1
    """Placement groups in the Region, this one included."""

    def __post_init__(self) -> None:
        choice("strategy", self.strategy, STRATEGIES)
        choice("tenancy", self.tenancy, TENANCIES)
        azs = tuple(self.azs) if isinstance(self.azs, list | tuple) else None
        if not azs or not all(isinstance(a, str) and a.strip() for a in azs):
            raise ValueError(f"azs must be a non-empty list of AZ names, got {self.azs!r}")
        if len(set(azs)) != len(azs):
            raise ValueError(f"azs must not repeat an AZ, got {list(azs)}")
        object.__setattr__(self, "azs", azs)
        integer("instances", self.instances, 1, COUNT_MAX)
        integer("partitions_per_az", self.partitions_per_az, 1, 100)
        integer("groups_in_region", self.groups_in_region, 1, 100_000)


@dataclass(frozen=True)
class PlanCheck:
    """Whether a plan is valid, why not, and where its instances land."""

    plan: PlacementPlan
    valid: bool
    problems: tuple[str, ...]
    """One sentence per broken rule, each naming the limit and its fact."""
    layout: pd.DataFrame
    """One row per instance: ``instance``, ``az``, ``partition`` (0 when none) and ``rack``."""


def _problems(plan: PlacementPlan) -> list[str]:
    problems = []
    n_az = len(plan.azs)
    if plan.groups_in_region > GROUPS_PER_REGION_MAX:
        problems.append(
            f"{plan.groups_in_region} placement groups exceed the {GROUPS_PER_REGION_MAX} "
            "allowed per Region."
        )
    if plan.strategy == "cluster" and n_az > CLUSTER_AZS_MAX:
        problems.append(
            f"A cluster placement group lives in {CLUSTER_AZS_MAX} Availability Zone; this plan "
            f"names {n_az}. Use one cluster group per AZ, or a spread or partition group."
        )
    if plan.strategy == "spread":
        if plan.tenancy == "dedicated":
            problems.append("Spread placement groups do not support Dedicated Instances.")
        per_az = math.ceil(plan.instances / n_az)
        if per_az > SPREAD_PER_AZ_MAX:
            problems.append(
                f"{plan.instances} instances over {n_az} AZ(s) puts {per_az} in one AZ; a spread "
                f"group holds at most {SPREAD_PER_AZ_MAX} running instances per AZ "
                f"({SPREAD_PER_AZ_MAX * n_az} in {n_az} AZ(s))."
            )
    if plan.strategy == "partition":
        if plan.partitions_per_az > PARTITIONS_PER_AZ_MAX:
            problems.append(
                f"{plan.partitions_per_az} partitions per AZ exceed the maximum of "
                f"{PARTITIONS_PER_AZ_MAX}."
            )
        total = plan.partitions_per_az * n_az
        if plan.tenancy == "dedicated" and total > PARTITIONS_DEDICATED_MAX:
            problems.append(
                f"With Dedicated Instances a partition group has at most "
                f"{PARTITIONS_DEDICATED_MAX} partitions; this plan has {total}."
            )
    elif plan.partitions_per_az != 1:
        problems.append(f"partitions_per_az applies only to partition groups, not {plan.strategy}.")
    return problems


def _layout(plan: PlacementPlan, per_rack: int) -> pd.DataFrame:
    n, azs = plan.instances, plan.azs
    width = len(str(n))
    ids = [f"i-{k + 1:0{width}d}" for k in range(n)]
    if plan.strategy == "cluster":
        az = [azs[0]] * n
        partition = [0] * n
        rack = [f"{azs[0]}/rack-{k // per_rack + 1}" for k in range(n)]
    elif plan.strategy == "spread":
        az = [azs[k % len(azs)] for k in range(n)]
        partition = [0] * n
        rack = [f"{az[k]}/rack-{k // len(azs) + 1}" for k in range(n)]  # one rack each
    else:
        total = plan.partitions_per_az * len(azs)
        partition = [k % total + 1 for k in range(n)]
        az = [azs[(p - 1) // plan.partitions_per_az] for p in partition]
        rack = [
            f"{a}/p{p}-rack-{(k // total) // per_rack + 1}"
            for k, (a, p) in enumerate(zip(az, partition, strict=True))
        ]
    return pd.DataFrame({"instance": ids, "az": az, "partition": partition, "rack": rack})


def check_placement(plan: PlacementPlan, instances_per_rack: int = INSTANCES_PER_RACK) -> PlanCheck:
    """Validate ``plan`` against the placement-group limits and lay out its instances.

    Limits (from ``facts``): cluster in one AZ; spread at most 7 running instances per AZ
    and no Dedicated Instances; partition at most 7 partitions per AZ (2 in all with
    Dedicated Instances) and no instance limit beyond the account's; 500 groups per Region.
    The layout is drawn even for an invalid plan, so a learner can see what breaks: cluster
    instances packed onto racks in the first AZ, spread instances round-robin over the AZs
    on a rack each, partition instances round-robin over the partitions (EC2's even spread)
    and packed onto each partition's racks. ``instances_per_rack`` is a model assumption.
    """
    if not isinstance(plan, PlacementPlan):
        raise ValueError(f"plan must be a PlacementPlan, got {type(plan).__name__}")
    per_rack = integer("instances_per_rack", instances_per_rack, 1, 1000)
    problems = _problems(plan)
    return PlanCheck(plan, not problems, tuple(problems), _layout(plan, per_rack))


@dataclass(frozen=True)
class FailureImpact:
    """What one failure takes down."""

    kind: str
    target: str
    """The failed rack, partition (``'p3'``) or AZ."""
    lost: tuple[str, ...]
    lost_count: int
    surviving: int
    lost_percent: float


def _groups(layout: pd.DataFrame, kind: str) -> pd.Series:
    if kind == "partition":
        return "p" + layout["partition"].astype(str)
    return layout["az" if kind == "az" else "rack"]


def simulate_failure(check: PlanCheck, kind: str, target: str | None = None) -> FailureImpact:
    """The instances lost when one rack, partition or AZ fails.

    ``target`` names the failed rack (as in the layout), partition (``'p1'``...) or AZ;
    None picks the worst case (the one holding the most instances; the first on a tie).
    A partition failure only exists for partition groups.
    """
    if not isinstance(check, PlanCheck):
        raise ValueError(f"check must be a PlanCheck (from check_placement), got {check!r}")
    choice("kind", kind, FAILURES)
    if kind == "partition" and check.plan.strategy != "partition":
        raise ValueError(
            f"kind 'partition' needs a partition group; this plan is {check.plan.strategy!r}"
        )
    groups = _groups(check.layout, kind)
    counts = groups.value_counts(sort=False)
    if target is None:
        target = str(counts.idxmax())
    elif target not in counts.index:
        raise ValueError(f"target must be one of {sorted(counts.index)}, got {target!r}")
    lost = tuple(check.layout.loc[groups == target, "instance"])
    n = len(check.layout)
    return FailureImpact(kind, target, lost, len(lost), n - len(lost), 100 * len(lost) / n)


def blast_radius(check: PlanCheck) -> pd.DataFrame:
    """Worst-case instances lost per failure kind (rows: rack, partition, AZ as they apply)."""
    kinds = [k for k in FAILURES if k != "partition" or check.plan.strategy == "partition"]
    rows = []
    for kind in kinds:
        hit = simulate_failure(check, kind)
        rows.append((kind, hit.target, hit.lost_count, round(hit.lost_percent, 1)))
    return pd.DataFrame(rows, columns=["failure", "worst case", "instances lost", "% lost"])


# --- purchasing options ------------------------------------------------------------------

Payment = Literal["no_upfront", "partial_upfront", "all_upfront"]
PAYMENTS: tuple[str, ...] = ("no_upfront", "partial_upfront", "all_upfront")
DISCOUNT_BASES: tuple[str, ...] = ("quotes_2019", "ceilings")
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

    * ``quotes_2019``: the Reserved Instance quotes for m5.large in the price snapshot
      (collected in 2019, confidence L, illustrative), as a fraction off today's m5.large
      On-Demand price, applied to any instance type. No Savings Plan rate is known.
    * ``ceilings``: the advertised "up to" discounts of each kind (from ``facts``), applied
      to the 3-year terms only: AWS advertises one ceiling per kind, not one per term. They
      are best cases, not typical rates.
    """
    choice("discount_basis", basis, DISCOUNT_BASES)
    out: dict[str, tuple[float, str, str]] = {}
    if basis == "quotes_2019":
        od = pricing.on_demand_hourly("m5.large")
        for cls in ("standard", "convertible"):
            for y in TERM_YEARS:
                quote = pricing.price(f"ec2.ri_{cls}_{y}y.m5.large")
                label = (
                    f"illustrative: m5.large quote of {quote.as_of} (confidence {quote.confidence})"
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
        f = fact(key)
        out[f"{prefix}_{_LONG}y"] = (f.value / 100, f"ceiling: 'up to {f.value}%'", f.source)
    return out


@cache
def _spot_rate(on_demand: float, seed: int) -> tuple[float, int]:
    """Effective Spot price and interruptions over a year of the Spot model's prices."""
    run = spot.simulate(spot.synthetic_prices(on_demand, seed=seed), on_demand)
    return float(run.effective_hourly_cost), run.interruptions


def _lookup(prices: pd.DataFrame, key: str) -> tuple[float, str] | None:
    if key not in prices.index:
        return None
    row = prices.loc[key]
    tag = ", illustrative" if row["illustrative"] else ""
    return float(row["price"]), f"{row['source']} (as of {row['as_of']}{tag})"


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
    ``pricing.load_offer_file(...)``). Reserved Instance rows from an offer file
    (``ec2.ri_<class>_<n>y_<payment>.<type>`` and ``..._fee``) are used as they are;
    otherwise commitments are priced from :func:`commitment_discounts` (``discount_basis``),
    with ``payment`` deciding only when you pay (the model keeps the same effective rate:
    the snapshot has no figures for the extra discount AWS gives for paying upfront).
    Spot is the Spot model's effective price over a year of seeded synthetic prices with no
    maximum price (illustrative). Dedicated Instances and Hosts need rows the snapshot does
    not have; without them they are reported as unpriced.
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
        if option.kind == "reserved" and (hourly or fee):
            source = (hourly or fee)[1]
            rates[option.id] = OptionRate(
                fee[0] if fee else 0.0, hourly[0] if hourly else 0.0, "offer file", source
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
        f"price: {interruptions} price-driven interruptions (capacity ones not modelled)",
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
    unpriced["scheduled_ri"] = str(fact("ec2.scheduled_ri_purchasable").summary)
    return PriceBook(
        instance_type=instance_type,
        payment=payment,
        discount_basis=discount_basis,
        on_demand=od,
        rates=rates,
        unpriced=unpriced,
        host_capacity=int(capacity[0]) if capacity else None,
        region_fee=float(value("ec2.dedicated_region_fee_per_hour")),
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
        return str(fact("ec2.scheduled_ri_purchasable").summary)
    if workload.needs_host and option.kind != "dedicated_host":
        need = "per-core licensing" if workload.per_core_licensing else "host affinity"
        return (
            f"{need} needs a Dedicated Host (sockets and cores visible, instances kept on one host)"
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
    (against On-Demand; NaN when never), ``basis`` and ``source``. Costs are NaN unless
    the status is 'ok'."""
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

    Cumulative costs count a commitment in full from the month it is bought, so the
    break-even month is the shortest workload for which the option is no dearer than
    On-Demand.
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
        if status == "ok":
            if option.kind in ("reserved", "savings_plan"):
                term = option.term_months
                terms = math.ceil(m_total / term)
                per_term = n * (rate.upfront + rate.hourly * HOURS_PER_MONTH * term)
                upfront = terms * n * rate.upfront
                recurring = terms * n * rate.hourly * HOURS_PER_MONTH * term
                after_end = (terms * term - m_total) * n * rate.hourly * HOURS_PER_MONTH
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
                "basis": rate.basis if rate else "",
                "source": rate.source if rate else "",
            }
        )
    table = pd.DataFrame(rows).set_index("option")
    on_demand = cumulative[0]
    table["break_even_month"] = [
        np.nan
        if o.id == "on_demand" or np.isnan(cumulative[i, 0])
        else (break_even_month(cumulative[i], on_demand) or np.nan)
        for i, o in enumerate(OPTIONS)
    ]
    return CostComparison(workload, book, table, cumulative)


# --- metrics and recovery ----------------------------------------------------------------


@dataclass(frozen=True)
class MetricInfo:
    """Where a metric comes from and whether EC2 reports it without an agent."""

    name: str
    namespace: str
    default: bool
    note: str


_DISK = str(fact("ec2.disk_metrics_scope").summary)
_METRICS: dict[str, tuple[str, bool, str]] = {
    "CPUUtilization": ("AWS/EC2", True, "share of the allocated compute in use"),
    "NetworkIn": ("AWS/EC2", True, "bytes received on all network interfaces"),
    "NetworkOut": ("AWS/EC2", True, "bytes sent on all network interfaces"),
    "NetworkPacketsIn": ("AWS/EC2", True, "packets received"),
    "NetworkPacketsOut": ("AWS/EC2", True, "packets sent"),
    "DiskReadOps": ("AWS/EC2", True, _DISK),
    "DiskWriteOps": ("AWS/EC2", True, _DISK),
    "DiskReadBytes": ("AWS/EC2", True, _DISK),
    "DiskWriteBytes": ("AWS/EC2", True, _DISK),
    "StatusCheckFailed": ("AWS/EC2", True, "1 when either status check failed"),
    "StatusCheckFailed_System": (
        "AWS/EC2",
        True,
        "the AWS side: hardware, power, network of the host",
    ),
    "StatusCheckFailed_Instance": ("AWS/EC2", True, "your side: the OS and its configuration"),
    "CPUCreditBalance": ("AWS/EC2", True, "burstable (T) instances only"),
    "VolumeReadOps": ("AWS/EBS", True, "EBS volumes report in their own namespace"),
    "VolumeWriteOps": ("AWS/EBS", True, "EBS volumes report in their own namespace"),
    "mem_used_percent": ("CWAgent", False, str(fact("ec2.memory_metric").summary)),
    "disk_used_percent": ("CWAgent", False, "file-system usage needs the CloudWatch agent"),
}


def metric_info(name: str) -> MetricInfo:
    """What CloudWatch offers under ``name`` (case-sensitive, as CloudWatch spells it)."""
    if name not in _METRICS:
        raise ValueError(f"name must be one of {sorted(_METRICS)}, got {name!r}")
    namespace, default, note = _METRICS[name]
    return MetricInfo(name, namespace, default, note)


def default_metrics() -> tuple[str, ...]:
    """The metrics EC2 instances report with no agent (AWS/EC2 and AWS/EBS)."""
    return tuple(n for n, (_, default, _) in _METRICS.items() if default)


CHECKS: tuple[str, ...] = ("system", "instance")


def recovery_action(
    failed_check: str, auto_recovery: str = "default", instance_store: bool = False
) -> str:
    """What happens, or what to do, when a status check fails.

    ``failed_check`` is 'system' (AWS hardware, power or network) or 'instance' (the OS and
    its configuration); ``auto_recovery`` is the instance's setting ('default' or
    'disabled'); instances with instance store volumes are not recovered automatically.
    """
    choice("failed_check", failed_check, CHECKS)
    choice("auto_recovery", auto_recovery, ("default", "disabled"))
    flag("instance_store", instance_store)
    if failed_check == "instance":
        return (
            "Fix it yourself: the instance status check covers the OS and its configuration "
            "(e.g. exhausted memory, a corrupt file system, bad network settings). Reboot or "
            "repair it; recovery does not act on this check."
        )
    if auto_recovery == "default" and not instance_store:
        return (
            "EC2 recovers the instance automatically onto healthy hardware (simplified "
            "automatic recovery, on by default). It keeps its instance ID, private IPs, Elastic "
            "IPs, public IPv4 address, metadata and placement group; in-memory data is lost."
        )
    why = "has instance store volumes" if instance_store else "has automatic recovery disabled"
    return (
        f"No automatic recovery: the instance {why}. Create a CloudWatch alarm on "
        "StatusCheckFailed_System with the recover action (EBS-only instances), or stop and "
        "start the instance to move it to healthy hardware."
    )
