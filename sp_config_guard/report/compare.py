"""What a pull request changes, for lint and drift alike: the items (findings, deviations) of
the checked-out tree against those of the base revision, split by their domain identity into
those the change *introduced*, those it *fixed* and those that *existed before*; and the links
from a report to a file at a line.

The identity is what the baseline keys findings on (rule, artifact, JSON path, value: the
finding's fingerprint), never a line number or a message text, so a finding that only moved,
or reads differently in another language, is the same finding. A deviation's identity is its
class, artifact, JSON path and the two values. Both sides are evaluated with the same
settings (rules, waivers, baseline, date), so only the content of the tree makes them differ.

Links go to the file relative to the git repository's root (the configuration may sit in a
folder of it) with ``#L<line>``, after a base address when one is given
(``https://github.com/ORG/REPO/blob/SHA/``); a file name is percent-encoded, so no name can
break the Markdown link or add one."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar
from urllib.parse import quote

from sp_config_guard.result import Finding, Result

if TYPE_CHECKING:
    from sp_config_guard.drift.result import Deviation, DriftResult

Item = TypeVar("Item")
_URL_SAFE = ":/?#[]@!$&'*+,;=%~"  # what an address keeps as it is; space, ( ) < > " ` are encoded


@dataclass(frozen=True)
class Split(Generic[Item]):
    """The items of a change: ``introduced`` (in the tree, not at the base), ``fixed`` (at the
    base, no more in the tree: the base's items) and ``existing`` (in both: the tree's)."""

    introduced: list[Item]
    fixed: list[Item]
    existing: list[Item]


def split(
    head: Sequence[Item], base: Sequence[Item], key: Callable[[Item], Hashable]
) -> Split[Item]:
    """``head`` against ``base`` by ``key`` (each list keeps its order)."""
    before = {key(item) for item in base}
    after = {key(item) for item in head}
    return Split(
        introduced=[item for item in head if key(item) not in before],
        fixed=[item for item in base if key(item) not in after],
        existing=[item for item in head if key(item) in before],
    )


def finding_key(finding: Finding) -> Hashable:
    """A finding's identity across revisions: its fingerprint."""
    return finding.fingerprint


def deviation_key(deviation: Deviation) -> Hashable:
    """A deviation's identity across revisions: class, kind, artifact, JSON path and values."""
    values = (repr(deviation.standard_value), repr(deviation.value))
    return (deviation.cls, deviation.kind, deviation.artifact, deviation.path, *values)


@dataclass(frozen=True)
class Links:
    """Where a report's file names link to: ``prefix`` is the configuration's folder in the
    git repository (``""`` at its root, else ending in ``/``), ``base`` the address before it
    (``""``: links relative to the repository's root)."""

    prefix: str = ""
    base: str = ""

    def url(self, file: str, line: int) -> str:
        """The link to ``file`` (named as reports name it) at ``line``."""
        base = quote(self.base, safe=_URL_SAFE)
        if base and not base.endswith("/"):
            base += "/"
        return f"{base}{quote(self.prefix + file, safe='/')}#L{line}"


@dataclass(frozen=True)
class Base:
    """The revision a change is compared with: as it was named, and the commit it resolved to
    (the merge base of that revision and ``HEAD``)."""

    rev: str
    commit: str


@dataclass
class LintChange:
    """``spguard lint --base REV``: the tree's result, and its findings split against the
    base's."""

    head: Result
    base: Base
    findings: Split[Finding]
    links: Links = field(default_factory=Links)

    def exit_code(self) -> int:
        """The exit code of the tree's lint (a change is judged as the tree is)."""
        return self.head.exit_code()


@dataclass
class DriftChange:
    """``spguard drift --base REV``: the tree's drift, its deviations split against the
    base's, and the line of each deviation in the tree's file (keyed by :func:`deviation_key`)."""

    head: DriftResult
    base: Base
    deviations: Split[Deviation]
    lines: dict[Hashable, int] = field(default_factory=dict)
    links: Links = field(default_factory=Links)

    def exit_code(self) -> int:
        """The exit code of the tree's drift."""
        return self.head.exit_code()
