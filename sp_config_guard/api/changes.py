"""Changes against the standard: drift of the local variants, the candidates for promotion\nto the standard, and the semantic diff."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sp_config_guard.api.setup import (
    PathLike,
    configuration,
    configured,
    configured_rules,
    silent,
)
from sp_config_guard.lint.divergence import rule_limits
from sp_config_guard.lint.waivers import load_waivers, today_in_copenhagen
from sp_config_guard.load.config import Config
from sp_config_guard.load.discovery import require_existing
from sp_config_guard.load.gitrev import standard_at_revision
from sp_config_guard.load.repository import Repository
from sp_config_guard.load.workspace import load_repository
from sp_config_guard.messages import language
from sp_config_guard.result import Finding

if TYPE_CHECKING:  # imported where used: a lint never loads the drift or normalize stages
    from sp_config_guard.act.promote import PromoteResult
    from sp_config_guard.drift.result import DriftResult
    from sp_config_guard.drift.tree_diff import DiffResult


def drift(
    tree: PathLike | None = None,
    *,
    config: Config | None = None,
    waivers: PathLike | None = None,
    lang: str | None = None,
    fail_on: str | None = None,
    today: date | None = None,
    min_variants: int | None = None,
) -> DriftResult:
    """Every local variant under ``tree`` (by default the whole repository around the
    working folder) against its standard, classified (``problems``:
    the files that could not be read or are invalid); ``fail_on``: the class of deviation
    (or a more serious one) that makes ``result.exit_code()`` 1; ``min_variants``: fewer
    variants make a roll-up a small number (default: the configuration's); with its
    ``provenance`` (time, commit, versions, settings)."""
    start = Path(tree) if tree is not None else None
    config = configured(config, start, waivers=waivers, lang=lang, min_variants=min_variants)
    with language(config.lang):
        repo, problems = load_repository(start or config.root, config.root, config.wanted)
    return drift_of(repo, problems, config, fail_on, today)


def drift_of(
    repo: Repository,
    problems: list[Finding],
    config: Config,
    fail_on: str | None = None,
    today: date | None = None,
) -> DriftResult:
    """The drift of the artifacts of ``repo`` (of the work tree or of a revision) with the
    configuration's waivers and lint's thresholds; ``problems``: the files that could not be
    read."""
    from sp_config_guard.drift.provenance import provenance

    with language(config.lang):
        result = _classified(repo, problems, config, today or today_in_copenhagen())
    result.fail_on = fail_on
    result.min_variants = config.min_variants
    result.provenance = provenance(config)
    return result


def _classified(
    repo: Repository, problems: list[Finding], config: Config, today: date
) -> DriftResult:
    """The drift of ``repo`` with the configuration's waivers and lint's thresholds."""
    from sp_config_guard.drift.classify import drift as _drift

    found = load_waivers(config.waivers, config.root) if config.waivers else []
    limits = rule_limits(configured_rules(config, silent))  # lint's thresholds: both say the same
    result = _drift(repo, found, today, base_of=standard_at_revision, limits=limits)
    result.problems = problems
    return result


def _drift_of(start: Path | None, config: Config, today: date) -> tuple[Repository, DriftResult]:
    """The repository under ``start`` (default: the root) and its drift, with its problems."""
    repo, problems = load_repository(start or config.root, config.root, config.wanted)
    return repo, _classified(repo, problems, config, today)


def promote(
    tree: PathLike | None = None,
    *,
    config: Config | None = None,
    apply: str | None = None,
    write: bool = True,
    min_departments: int | None = None,
    min_hospitals: int | None = None,
    lang: str | None = None,
    today: date | None = None,
) -> PromoteResult:
    """The allowed local changes that enough copies under ``tree`` made the same way
    (``min_departments`` copies in ``min_hospitals`` hospitals; default: the configuration's),
    candidates for the standard; ``apply``: the ID of one to write as the standard's next
    revision (``write=False``: only say what it would write)."""
    from sp_config_guard.act import promote as act

    start = Path(tree) if tree is not None else None
    config = configured(
        config, start, lang=lang, min_departments=min_departments, min_hospitals=min_hospitals
    )
    day = today or today_in_copenhagen()
    with language(config.lang):
        repo, drift = _drift_of(start, config, day)
        found = act.candidates(drift, repo, config.min_departments, config.min_hospitals)
        result = act.PromoteResult(found, config.min_departments, config.min_hospitals)
        if apply is not None:
            chosen = act.chosen(found, apply)
            result.applied = act.apply(chosen, repo, config.root, day, write=write)
    result.problems = drift.problems
    return result


def diff(
    old: PathLike | None = None,
    new: PathLike | None = None,
    *,
    git: str | None = None,
    path: PathLike = ".",
    with_drift: bool = False,
    lang: str | None = None,
) -> DiffResult:
    """Semantic diff of two files or trees, or of git revisions (``git="main...HEAD"``:
    what HEAD changed since it left main; ``A..B``; one ``REV`` against the work tree)."""
    from sp_config_guard.drift.tree_diff import diff_git, diff_paths

    if git is None and (old is None or new is None):
        raise ValueError("give old and new, or git=")
    with language(lang):
        if git is not None:
            config = configuration(path)
            return diff_git(git, Path(path), (config.root, config.wanted), with_drift)
        assert old is not None and new is not None
        before, after = Path(old), Path(new)
        require_existing([before, after])
        a, b = configuration(before), configuration(after)
        return diff_paths(before, after, ((a.root, a.wanted), (b.root, b.wanted)), with_drift)
