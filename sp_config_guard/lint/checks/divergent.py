"""``divergent``: the copies of one standard should not split by region (``level: region``)
or by hospital (``level: hospital``) on a governed field. A copy is reported at the field when
its group's dominant value there is not the standard's while another group's dominant value
differs (the definition and the thresholds ``min_variants`` and ``share`` are those of
:mod:`sp_config_guard.lint.divergence`; drift's divergence section shows the same splits).
Each single change may be an allowed adaptation: the split between the groups is the finding.
``where`` names the field in words, ``groups`` says each group's count of copies with each
dominant value ("i Region Sjælland har 4 af 4 kopier 'Akutteam'"), ``standard_value`` the
standard's value in words, ``standard_name`` its name, ``value`` this copy's value.

Passing (both regions keep the standard's escalation target)::

    check: {type: divergent, level: region, min_variants: 2, share: 0.8}
    kind: EarlyWarningScore
    scope: {level: department, region: sjaelland, hospital: slagelse-sygehus, department: "4202011"}
    # standard: spec: {escalation: {target: Vagthavende læge}}
    # 2 other variants: spec: {escalation: {target: Vagthavende læge}}
    # 1 other variant: {scope: {level: department, region: sjaelland, hospital: holbaek-sygehus, department: "3750011"}, spec: {escalation: {target: Vagthavende læge}}}
    spec: {escalation: {target: Vagthavende læge}}

Failing (Region Sjælland's copies escalate to Akutteam, Hovedstaden's keep the standard)::

    check: {type: divergent, level: region, min_variants: 2, share: 0.8}
    kind: EarlyWarningScore
    scope: {level: department, region: sjaelland, hospital: slagelse-sygehus, department: "4202011"}
    # standard: spec: {escalation: {target: Vagthavende læge}}
    # 2 other variants: spec: {escalation: {target: Vagthavende læge}}
    # 1 other variant: {scope: {level: department, region: sjaelland, hospital: holbaek-sygehus, department: "3750011"}, spec: {escalation: {target: Akutteam}}}
    spec: {escalation: {target: Akutteam}}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sp_config_guard.lint.checks import CheckContext, Hit, json_key, options_schema
from sp_config_guard.lint.divergence import (
    MISSING,
    PRESENT,
    Divergence,
    Group,
    reported_at,
    thresholds,
)
from sp_config_guard.load.repository import Repository
from sp_config_guard.messages import Msg, msg
from sp_config_guard.model.places import place_words, value_words

NAME = "divergent"
OPTIONS_SCHEMA = options_schema(
    ["level"],
    level={"enum": ["region", "hospital"]},
    min_variants={"type": "integer", "minimum": 1},
    share={"type": "number", "exclusiveMinimum": 0.5, "maximum": 1},
)


_REGIONS = {"hovedstaden": "uni.region.hovedstaden", "sjaelland": "uni.region.sjaelland"}


def group_name(repo: Repository, level: str, key: str) -> Any:
    """A region by its name ("Region Sjælland"), a hospital by its name in the repository's
    ``Department`` artifacts (the first by file name), else by its code."""
    if level == "region":
        return msg(_REGIONS[key]) if key in _REGIONS else key
    for dept in sorted(repo.of_kind("Department"), key=lambda d: d.display):
        spec = dept.data.get("spec") or {}
        if spec.get("hospital") == key and isinstance(spec.get("hospital_name"), str):
            return spec["hospital_name"]
    return key


def said(value: Any, standard: bool = False) -> Any:
    """A value of a divergent field in words: text quoted, an item's place as kept or removed
    (the standard's as "the item")."""
    if value == PRESENT:
        return msg("uni.has_item" if standard else "uni.present")
    if value == MISSING:
        return msg("uni.missing")
    return f"'{value}'" if isinstance(value, str) else value_words(value)


def _group(repo: Repository, level: str, group: Group) -> Msg:
    value, count = group.counts[group.dominant or 0]
    name = group_name(repo, level, group.key)
    return msg("uni.group", group=name, count=count, copies=group.copies, value=said(value))


def groups_words(repo: Repository, found: Divergence) -> Msg | str:
    """The counting groups of a divergence in words, joined; those that left the standard
    first (then by name)."""
    counting = [g for g in found.groups if g.dominant is not None]
    own = json_key(found.standard_value)
    counting.sort(key=lambda g: (json_key(g.counts[0][0]) == own, g.key))
    said: Msg | str = ""
    for group in reversed(counting):
        part = _group(repo, found.level, group)
        said = part if said == "" else msg("uni.join", first=part, rest=said)
    return said


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """One hit per divergent field at which this copy holds its group's dominant value that
    left the standard."""
    limits = thresholds(options["level"], options)
    for found in reported_at(ctx.repo, limits, ctx.doc):
        location = next(loc for file, loc in found.reported if file == ctx.doc.display)
        standard = ctx.repo.get(found.kind, found.standard)
        std_data = standard.data if standard is not None else {}
        where = place_words(found.kind, std_data, found.location)
        value: Any = MISSING if found.item and len(location) < len(found.location) else None
        if value is None:
            value = PRESENT if found.item else _value(ctx.data, location)
        fields = {
            "where": where,
            "groups": groups_words(ctx.repo, found),
            "standard": found.standard,
            "standard_name": std_data.get("name") or found.standard,
            "standard_value": said(found.standard_value, standard=True),
            "value": said(value),
        }
        yield Hit(location, value, fields)


def _value(data: Any, location: tuple[str | int, ...]) -> Any:
    for step in location:
        data = data[step]
    return data
