"""EC2 instance type names: family, generation, processor, capabilities and size."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
