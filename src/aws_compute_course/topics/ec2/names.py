"""EC2 instance type names: family, generation, processor, capabilities and size."""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- instance type names -----------------------------------------------------------------

#: Family (series) prefix -> (category, what it is for). The 2021 notes listed six. The
#: families and the option letters are those of AWS's instance type naming conventions page
#: (``ec2.instance_families``, ``ec2.instance_name_scheme``); Gr is the G family's variant
#: that AWS lists with the G instances.
FAMILIES: dict[str, tuple[str, str]] = {
    "m": ("general purpose", "balanced CPU, memory and network"),
    "t": ("general purpose", "burstable performance (CPU credits) for spiky, mostly idle load"),
    "a": ("general purpose", "Arm-based (first-generation AWS Graviton)"),
    "mac": ("general purpose", "macOS on Apple Mac hardware"),
    "c": ("compute optimized", "high CPU to memory ratio: batch, web, gaming, ML inference"),
    "hpc": ("HPC optimized", "high performance computing (tightly coupled simulations)"),
    "r": ("memory optimized", "memory-heavy work: in-memory caches, databases, analytics"),
    "x": ("memory optimized", "very large memory: SAP HANA, large in-memory databases"),
    "u": ("memory optimized", "high memory (several TiB) for the largest in-memory databases"),
    "z": ("memory optimized", "high CPU frequency with large memory (e.g. EDA, licensed per core)"),
    "p": ("accelerated computing", "GPU accelerated: ML training and HPC"),
    "g": ("accelerated computing", "graphics-intensive GPUs: rendering, streaming, ML inference"),
    "gr": ("accelerated computing", "graphics-intensive GPUs (a variant listed with G)"),
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
    "z": "high performance (high CPU frequency)",
    "flex": "Flex instance (most of the performance at a lower price)",
}
"""The additional-capability letters AWS's naming page defines."""
OTHER_LETTERS = {
    "f": "fractional GPUs (a share of a GPU, as in G6f)",
    "h": "option 'h' (in current names such as u7inh; not defined on AWS's naming page)",
    "u": "option 'u' (in current names such as trn2u; not defined on AWS's naming page)",
}
"""Letters that current instance types use but AWS's naming page does not define."""
_SIZE = re.compile(r"^(nano|micro|small|medium|large|xlarge|\d+xlarge|metal|metal-\d+xl)$")
_NAME_HINT = "family, generation and options, a dot, then a size, e.g. 'm7gd.2xlarge'"
_APPLE_CHIP = re.compile(r"-(m\d(?:pro|max|ultra)?)$")
_ACCELERATOR = re.compile(r"-(g?b\d{3})$")
_MEMORY_TIB = re.compile(r"-(\d+)tb$")


@dataclass(frozen=True)
class InstanceTypeName:
    """An instance type name, decoded."""

    name: str
    family: str
    """The series letters, e.g. ``m`` or ``inf``."""
    category: str
    purpose: str
    generation: int | None
    """None for the few types whose name has no generation number (``mac-m4.metal``)."""
    processor: str | None
    """The processor named by the letter after the generation, or None (the family's default)."""
    capabilities: tuple[str, ...]
    """What each further option letter means, in the order they appear."""
    size: str
    memory_tib: int | None = None
    """Memory in TiB for high-memory (U) types that carry it in the name."""
    apple_chip: str | None = None
    accelerator: str | None = None
    """The accelerator a name carries after a dash (``b200`` in ``p6-b200.48xlarge``)."""

    @property
    def in_2021_notes(self) -> bool:
        """True when the family is one of the six letters the 2021 notes list."""
        return self.family in NOTES_2021_FAMILIES

    def explain(self) -> str:
        """One sentence, e.g. 'm7gd.2xlarge: general purpose (M), generation 7, ...'."""
        parts = [f"{self.category} ({self.family.upper()}: {self.purpose})"]
        if self.generation is not None:
            parts.append(f"generation {self.generation}")
        if self.processor:
            parts.append(self.processor)
        if self.apple_chip:
            parts.append(f"Apple {self.apple_chip.upper()} chip")
        if self.accelerator:
            parts.append(f"{self.accelerator.upper()} accelerators")
        if self.memory_tib:
            parts.append(f"{self.memory_tib} TiB of memory")
        parts.extend(self.capabilities)
        parts.append(f"size {self.size}")
        return f"{self.name}: " + ", ".join(parts)


def _bad_name(name: str, why: str) -> ValueError:
    return ValueError(f"instance_type {name!r} is not a valid name: {why} ({_NAME_HINT})")


def _suffix(family: str, rest: str) -> tuple[str, dict[str, object]]:
    """``rest`` without the dash suffix its family allows, and what the suffix says."""
    found: dict[str, object] = {}
    chip, tib, acc = _APPLE_CHIP.search(rest), _MEMORY_TIB.search(rest), _ACCELERATOR.search(rest)
    if family == "mac" and chip:
        found["apple_chip"], rest = chip.group(1), rest[: chip.start()]
    elif family == "u" and tib:
        found["memory_tib"], rest = int(tib.group(1)), rest[: tib.start()]
    elif family == "p" and acc:
        found["accelerator"], rest = acc.group(1), rest[: acc.start()]
    return rest, found


def parse_instance_type(instance_type: str) -> InstanceTypeName:
    """Decode an instance type name such as ``m7gd.2xlarge`` or ``u7i-12tb.224xlarge``.

    The name is family letters, a generation number, optional processor and capability
    letters, then, for some families, a dash and what the type carries (its memory for
    U, ``u7inh-32tb``; its Apple chip for Mac, ``mac2-m2pro``; its accelerator for P,
    ``p6e-gb200``; ``-flex`` for Flex instances), a dot and a size (``nano`` ... ``xlarge``,
    ``<n>xlarge``, ``metal``, ``metal-<n>xl``). A few Mac types carry no generation
    (``mac-m4.metal``), and the first high-memory types put the memory first (``u-6tb1``).
    A malformed name raises ``ValueError`` saying which part is wrong.
    """
    if not isinstance(instance_type, str):
        raise ValueError(f"instance_type must be a string, got {instance_type!r}")
    name = instance_type.strip().lower()
    if name.count(".") != 1:
        raise _bad_name(instance_type, "it needs exactly one dot")
    head, size = name.split(".")
    if not _SIZE.match(size):
        raise _bad_name(instance_type, f"unknown size {size!r}")
    old_u = re.fullmatch(r"u-(\d+)tb(\d+)", head)  # u-6tb1: memory before the generation
    if old_u:
        return InstanceTypeName(
            name, "u", *FAMILIES["u"], int(old_u.group(2)), None, (), size, int(old_u.group(1))
        )
    if re.fullmatch(r"mac-m\d(?:pro|max|ultra)?", head):  # mac-m4: no generation number
        family, generation, rest = "mac", None, head[len("mac") :]
    else:
        family = next((s for s in FAMILIES if re.match(rf"{s}\d", head)), None)  # no clash
        if family is None and head.startswith("mac-"):
            raise _bad_name(instance_type, f"unknown suffix {head[3:]!r} (not an Apple chip)")
        if family is None:
            raise _bad_name(instance_type, f"no known family starts {head!r}")
        rest = head[len(family) :]
        generation_text = re.match(r"\d+", rest).group()
        generation, rest = int(generation_text), rest[len(generation_text) :]
    rest, found = _suffix(family, rest)
    dash = rest.find("-")
    if dash >= 0 and rest[dash:] != "-flex":
        raise _bad_name(
            instance_type,
            f"unknown suffix {rest[dash:]!r} (after a dash a name carries U memory such as "
            "'-12tb', a Mac's Apple chip such as '-m4', a P accelerator such as '-b200', or "
            "'-flex')",
        )
    processor = None
    if rest[:1] in PROCESSORS:
        processor, rest = PROCESSORS[rest[0]], rest[1:]
    capabilities: list[str] = []
    meanings = {**CAPABILITIES, **OTHER_LETTERS}
    while rest:
        token = next((t for t in ("-flex", "flex") if rest.startswith(t)), rest[0])
        key = token.lstrip("-")
        if key not in meanings:
            raise _bad_name(instance_type, f"unknown option letter {token!r}")
        if meanings[key] in capabilities:
            raise _bad_name(instance_type, f"option {key!r} appears twice")
        capabilities.append(meanings[key])
        rest = rest[len(token) :]
    return InstanceTypeName(
        name=name,
        family=family,
        category=FAMILIES[family][0],
        purpose=FAMILIES[family][1],
        generation=generation,
        processor=processor,
        capabilities=tuple(capabilities),
        size=size,
        memory_tib=found.get("memory_tib"),
        apple_chip=found.get("apple_chip"),
        accelerator=found.get("accelerator"),
    )
