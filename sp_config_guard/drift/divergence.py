"""The drift report's divergence section: the splits between regions and hospitals that the
uniformity rules report (:mod:`sp_config_guard.lint.divergence` finds them for both), as plain
records with their words in the language of the run."""

from __future__ import annotations

from collections.abc import Sequence

from sp_config_guard.drift.result import Divergence, GroupValues
from sp_config_guard.lint.checks.divergent import group_name, groups_words, said
from sp_config_guard.lint.divergence import DEFAULT_LIMITS, LEVELS, Thresholds, divergences
from sp_config_guard.load.repository import Repository
from sp_config_guard.messages import t
from sp_config_guard.model.places import place_words
from sp_config_guard.parallel import fork_map

_TEXT = {"region": "drift.divergence.region", "hospital": "drift.divergence.hospital"}


def divergence_section(
    repo: Repository, limits: Sequence[Thresholds] = DEFAULT_LIMITS, workers: int = 1
) -> list[Divergence]:
    """Every divergence at each level of ``limits``, region before hospital, each sorted by
    kind, standard and field; with two ``workers`` or more, the levels side by side in forked
    processes (each level is a walk over every copy of every standard: at 10,000 artifacts
    about 5 s each, half of drift)."""
    ordered = sorted(limits, key=lambda x: LEVELS.index(x.level))
    levels = fork_map(lambda limit: _level(repo, limit), ordered, workers, minimum=2)
    return [record for level in levels for record in level]


def _level(repo: Repository, limit: Thresholds) -> list[Divergence]:
    """The divergence records at one level, in the words of the run."""
    out = []
    for found in divergences(repo, limit):
        standard = repo.get(found.kind, found.standard)
        data = standard.data if standard is not None else {}
        name = data.get("name") if isinstance(data.get("name"), str) else ""
        groups = tuple(
            GroupValues(
                key=g.key,
                name=str(group_name(repo, found.level, g.key)),
                region=g.region,
                copies=g.copies,
                counts=g.counts,
                dominant=g.dominant is not None,
            )
            for g in found.groups
        )
        where = place_words(found.kind, data, found.location)
        text = t(
            _TEXT[found.level],
            where=where,
            groups=groups_words(repo, found),
            standard_value=said(found.standard_value, standard=True),
        )
        out.append(
            Divergence(
                level=found.level,
                kind=found.kind,
                standard=found.standard,
                standard_file=found.standard_file,
                standard_name=str(name),
                path=found.path,
                where=where,
                contract=found.contract,
                standard_value=found.standard_value,
                groups=groups,
                files=tuple(file for file, _ in found.reported),
                text=text,
            )
        )
    return out
