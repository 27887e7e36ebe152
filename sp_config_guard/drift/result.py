"""The drift result: variants, their classified deviations, and the roll-ups of both per region,
hospital and department (and per kind) with the drift index, computed here once for every
report.

Drift index of a group of variants = 100 x (sum of class weights) / governed fields, where
governed fields are the locked and adaptable leaf fields of the standards the variants derive
from: weighted deviations per 100 governed fields (see :mod:`sp_config_guard.drift.classify`
for the classes).

Exposure = drift x usage: how many times in 90 days the deviations met a patient's course.
A deviation's exposure = its class weight x ``uses_90d`` of its variant (the envelope's
``usage`` block, as ``spguard usage import`` fills it in); a violation in an order set used 400
times exposes 5 x 400 = 2000, the same violation in a set nobody used 0. A variant without
``uses_90d`` has unknown usage: its deviations' exposure is unknown (None, "unknown" in the
reports), never 0. A roll-up's ``exposure`` is the sum over its deviations whose usage is known,
with ``exposure_unknown`` beside it: how many deviations it could not count; ``uses_90d`` and
``usage_unknown`` are the same for its variants (uses summed, variants without usage counted)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sp_config_guard.messages import t
from sp_config_guard.result import Finding, exit_code
from sp_config_guard.version import __version__

CLASSES = (
    "violation",
    "out-of-bounds",
    "removed-standard-item",
    "stale",
    "adaptation",
    "local-addition",
    "waived",
)
WEIGHTS = {
    "violation": 5,
    "out-of-bounds": 3,
    "removed-standard-item": 4,
    "stale": 1,
    "adaptation": 1,
    "local-addition": 1,
    "waived": 0,
}

CLASS_KEYS = {  # the class's name and its short form (a table column) in the catalog
    "violation": ("drift.html.name_violation", "drift.html.short_violation"),
    "out-of-bounds": ("drift.html.name_out_of_bounds", "drift.html.short_out_of_bounds"),
    "removed-standard-item": (
        "drift.html.name_removed_standard_item",
        "drift.html.short_removed_standard_item",
    ),
    "stale": ("drift.html.name_stale", "drift.html.short_stale"),
    "adaptation": ("drift.html.name_adaptation", "drift.html.short_adaptation"),
    "local-addition": ("drift.html.name_local_addition", "drift.html.short_local_addition"),
    "waived": ("drift.html.name_waived", "drift.html.short_waived"),
}


def class_name(cls: str) -> str:
    """The name of a class of deviation in the run's language (in English, the class)."""
    return t(CLASS_KEYS[cls][0])


@dataclass(frozen=True)
class Envelope:
    """What a variant and each of its deviations carry: the file, the artifact and its
    standard, and where in the organisation the variant lives."""

    file: str
    kind: str
    artifact: str
    standard: str
    scope: Mapping[str, str]
    uses_90d: int | None = field(default=None, kw_only=True)
    """Times the variant was used in the last 90 days (its ``usage``); None: unknown."""


@dataclass(frozen=True)
class Deviation(Envelope):
    """One classified difference between a variant and its standard."""

    cls: str
    path: str
    location: tuple[str | int, ...]
    contract: str
    op: str
    standard_value: Any = None
    value: Any = None
    waived_by: str | None = None
    text: str = ""
    """The deviation in a reviewer's words, as ``spguard diff`` words a change from the
    standard to the variant ("dose: 40 mg -> 80 mg"), in the language of the run."""

    @property
    def exposure(self) -> int | None:
        """Class weight x the variant's uses in 90 days; None when its usage is unknown."""
        return None if self.uses_90d is None else WEIGHTS[self.cls] * self.uses_90d


@dataclass(frozen=True)
class Variant(Envelope):
    """A local variant and what it is measured against."""

    governed_fields: int
    stale: bool
    name: str = ""
    """The artifact's own name (``name`` of its envelope; empty when it has none)."""
    last_used: str | None = None
    """The date the variant was last used (its ``usage``), if known."""


@dataclass(frozen=True)
class GroupValues:
    """One region's or hospital's copies at a divergent field: ``counts`` as (value, copies),
    most first; ``dominant``: whether the group counts (its first value is dominant)."""

    key: str
    name: str
    region: str
    copies: int
    counts: tuple[tuple[Any, int], ...]
    dominant: bool


@dataclass(frozen=True)
class Divergence:
    """A governed field of one standard on which the copies split by region or hospital (see
    :mod:`sp_config_guard.lint.divergence`); ``files``: the copies the uniformity rule reports."""

    level: str
    kind: str
    standard: str
    standard_file: str
    standard_name: str
    path: str
    where: str
    contract: str
    standard_value: Any
    groups: tuple[GroupValues, ...]
    files: tuple[str, ...]
    text: str = ""
    """The split in words, in the language of the run (as the uniformity rule says it)."""


Names = dict[str, dict[str, dict[str, str]]]
"""Names of the organisation from the repository's ``Department`` artifacts: ``hospitals``
(slug -> ``name``, ``sor``) and ``departments`` (SHAK code -> ``name``, ``hospital``), each
sorted by key; a hospital or department missing here is shown by its code."""


def no_names() -> Names:
    """Names of an organisation without ``Department`` artifacts."""
    return {"hospitals": {}, "departments": {}}


MIN_VARIANTS = 5
"""A roll-up resting on fewer variants than this is a small number: marked in the report (the
``drift.min_variants`` setting, ``--min-variants``)."""


@dataclass(frozen=True)
class Provenance:
    """Where a drift result comes from, so that two reports can be compared: when it was made
    (ISO 8601 in Europe/Copenhagen, with its offset), the git commit and branch of the tree
    (None outside git, the branch None on a detached HEAD), the tool's and the rule sets'
    versions, and the settings that shape it."""

    generated_at: str | None = None
    tool_version: str = __version__
    commit: str | None = None
    branch: str | None = None
    rulesets: tuple[tuple[str, str], ...] = ()
    lint_fail_on: str | None = None


@dataclass(frozen=True)
class Rollup:
    """Counts per class and the drift index of one group of variants."""

    level: str
    key: tuple[str, ...]
    variants: int
    governed_fields: int
    counts: Mapping[str, int]
    exposure: int = 0
    """Sum of the exposure of the group's deviations whose usage is known."""
    exposure_unknown: int = 0
    """Deviations of the group whose variant has no usage (not in ``exposure``)."""
    uses_90d: int = 0
    """Uses in 90 days of the group's variants whose usage is known."""
    usage_unknown: int = 0
    """Variants of the group without usage."""

    @property
    def index(self) -> float:
        """The drift index (see the module docstring), rounded to one decimal."""
        weight = sum(WEIGHTS[c] * n for c, n in self.counts.items())
        return round(100 * weight / self.governed_fields, 1) if self.governed_fields else 0.0


_LEVEL_KEYS = {
    "region": ("region",),
    "hospital": ("region", "hospital"),
    "department": ("region", "hospital", "department"),
}


@dataclass
class DriftResult:
    """Every variant with its deviations, and the files that could not be read or are
    invalid (their variants are not measured)."""

    variants: list[Variant] = field(default_factory=list)
    deviations: list[Deviation] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    fail_on: str | None = None
    """The class the run fails at (``--fail-on``; None: no deviation fails it)."""
    names: Names = field(default_factory=no_names)
    min_variants: int = MIN_VARIANTS
    """Fewer variants than this under a roll-up make it a small number (see MIN_VARIANTS)."""
    provenance: Provenance = field(default_factory=Provenance)
    divergences: list[Divergence] = field(default_factory=list)
    """Fields on which the copies of a standard split by region, then by hospital."""
    sort: str = "place"
    """How the reports order roll-ups and deviations: ``place`` (by key and file) or
    ``exposure`` (highest first, unknown last); see :data:`SORTS`."""

    def failed(self, fail_on: str | None) -> bool:
        """Whether a deviation of class ``fail_on`` or a more serious one exists (never
        without ``fail_on``)."""
        if fail_on is None:
            return False
        serious = CLASSES[: CLASSES.index(fail_on) + 1]
        return any(d.cls in serious for d in self.deviations)

    def exit_code(self) -> int:
        """1 when a deviation of :attr:`fail_on` or a more serious class exists or a file
        could not be read, else 0."""
        return exit_code(self.failed(self.fail_on), self.problems)

    def rollups(self, level: str, by_kind: bool = False) -> list[Rollup]:
        """Roll-ups at ``level`` (region, hospital or department), optionally per kind too,
        sorted by key."""
        return rollups(self, level, by_kind)

    def kind_totals(self) -> list[Rollup]:
        """One roll-up per kind over every hospital (the heatmap's column totals)."""
        cells = self.rollups("hospital", by_kind=True)
        kinds = sorted({r.key[-1] for r in cells})
        return [_summed("kind", (k,), (r for r in cells if r.key[-1] == k)) for k in kinds]

    def grand_total(self) -> Rollup:
        """One roll-up over every hospital."""
        return _summed("hospital", (), self.rollups("hospital"))


def rollups(result: DriftResult, level: str, by_kind: bool = False) -> list[Rollup]:
    """Roll-ups at ``level`` (region, hospital or department), optionally per kind too."""
    keys = _LEVEL_KEYS[level]

    def key_of(scope: Mapping[str, str], kind: str) -> tuple[str, ...] | None:
        if any(not scope.get(k) for k in keys):
            return None
        return tuple(scope[k] for k in keys) + ((kind,) if by_kind else ())

    groups: dict[tuple[str, ...], list[Variant]] = {}
    for variant in result.variants:
        key = key_of(variant.scope, variant.kind)
        if key is not None:
            groups.setdefault(key, []).append(variant)
    counts: dict[tuple[str, ...], Counter[str]] = {key: Counter() for key in groups}
    for dev in result.deviations:
        key = key_of(dev.scope, dev.kind)
        if key in counts:
            counts[key][dev.cls] += 1
            exposure = dev.exposure
            counts[key]["+exposure" if exposure is not None else "+unknown"] += (
                1 if exposure is None else exposure
            )
    return [
        Rollup(
            level,
            key,
            len(groups[key]),
            sum(v.governed_fields for v in groups[key]),
            {c: counts[key][c] for c in CLASSES},
            exposure=counts[key]["+exposure"],
            exposure_unknown=counts[key]["+unknown"],
            uses_90d=sum(v.uses_90d or 0 for v in groups[key]),
            usage_unknown=sum(v.uses_90d is None for v in groups[key]),
        )
        for key in sorted(groups)
    ]


def _summed(level: str, key: tuple[str, ...], parts: Iterable[Rollup]) -> Rollup:
    """One roll-up of several groups: their variants, governed fields and counts added up."""
    counts: Counter[str] = Counter()
    variants = governed = 0
    total = Rollup(level, key, 0, 0, {})
    for part in parts:
        counts.update(part.counts)
        variants += part.variants
        governed += part.governed_fields
        total = replace(
            total,
            exposure=total.exposure + part.exposure,
            exposure_unknown=total.exposure_unknown + part.exposure_unknown,
            uses_90d=total.uses_90d + part.uses_90d,
            usage_unknown=total.usage_unknown + part.usage_unknown,
        )
    return replace(
        total, variants=variants, governed_fields=governed, counts={c: counts[c] for c in CLASSES}
    )


SORTS = ("place", "exposure")
"""The orders of ``drift --sort``."""


def by_exposure(items: Iterable[Rollup]) -> list[Rollup]:
    """Roll-ups with the highest exposure first (then by key)."""
    return sorted(items, key=lambda r: (-r.exposure, r.key))


def deviation_order(result: DriftResult) -> list[Deviation]:
    """The deviations in the order of ``result.sort``: by file, path and class, or by
    exposure (highest first, unknown last, then by file, path and class)."""
    place = sorted(result.deviations, key=lambda d: (d.file, d.path, d.cls))
    if result.sort != "exposure":
        return place
    return sorted(place, key=lambda d: (d.exposure is None, -(d.exposure or 0)))
