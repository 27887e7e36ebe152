"""Changes against the standard: drift of the local variants, the candidates for promotion
to the standard, the upgrade of copies to their standard's new revision, and the semantic
diff."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sp_config_guard.api.setup import (
    PathLike,
    as_paths,
    configuration,
    configured,
    configured_rules,
    silent,
)
from sp_config_guard.errors import UsageError
from sp_config_guard.lint.divergence import Thresholds, rule_limits
from sp_config_guard.lint.waivers import Waiver, load_waivers
from sp_config_guard.load.clock import today_in_copenhagen
from sp_config_guard.load.config import Config
from sp_config_guard.load.discovery import require_existing
from sp_config_guard.load.gitlog import WEEK, Commit, commits
from sp_config_guard.load.gitrev import checked_out, standard_at_revision, toplevel
from sp_config_guard.load.loader import Document
from sp_config_guard.load.repository import Repository
from sp_config_guard.load.workspace import load_repository
from sp_config_guard.messages import language, t
from sp_config_guard.result import Finding

if TYPE_CHECKING:  # imported where used: a lint never loads the drift or normalize stages
    from sp_config_guard.act.promote import PromoteResult
    from sp_config_guard.act.upgrade_result import UpgradeResult
    from sp_config_guard.drift.result import DriftResult
    from sp_config_guard.drift.tree_diff import DiffResult
    from sp_config_guard.drift.trend import DriftHistory


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


def _once_per_revision(
    lookup: Callable[[Document, str], dict[str, Any] | None],
) -> Callable[[Document, str], dict[str, Any] | None]:
    """``lookup`` asked once per (standard, revision) in one run: every stale copy of a
    standard made at one revision has the same base (git history is read once for them)."""
    seen: dict[tuple[str, str], dict[str, Any] | None] = {}

    def cached(standard: Document, revision: str) -> dict[str, Any] | None:
        key = (standard.display, revision)
        if key not in seen:
            seen[key] = lookup(standard, revision)
        return seen[key]

    return cached


def _classified(
    repo: Repository, problems: list[Finding], config: Config, today: date
) -> DriftResult:
    """The drift of ``repo`` with the configuration's waivers and lint's thresholds."""
    from sp_config_guard.drift.classify import drift as _drift

    found, limits = _judged_by(config)
    base_of = _once_per_revision(standard_at_revision)
    result = _drift(repo, found, today, base_of=base_of, limits=limits)
    result.problems = problems
    return result


def _judged_by(config: Config) -> tuple[list[Waiver], tuple[Thresholds, ...]]:
    """The configuration's waivers, and lint's uniformity thresholds (drift and lint say the
    same)."""
    found = load_waivers(config.waivers, config.root) if config.waivers else []
    return found, rule_limits(configured_rules(config, silent))


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
        repo, problems = load_repository(start or config.root, config.root, config.wanted)
        drift = _classified(repo, problems, config, day)
        found = act.candidates(drift, repo, config.min_departments, config.min_hospitals)
        result = act.PromoteResult(found, config.min_departments, config.min_hospitals)
        if apply is not None:
            chosen = act.chosen(found, apply)
            result.applied = act.apply(chosen, repo, config.root, day, write=write)
    result.problems = drift.problems
    return result


def drift_history(
    tree: PathLike | None = None,
    *,
    spec: str = "HEAD",
    since: date | None = None,
    every: str | None = None,
    config: Config | None = None,
    waivers: PathLike | None = None,
    lang: str | None = None,
    min_variants: int | None = None,
    workers: int | None = None,
    each: Callable[[Commit, DriftResult], None] | None = None,
) -> DriftHistory:
    """The drift index over the git history of the repository around ``tree``: a point per
    step (the first-parent commits of ``spec``, ``REV`` or ``A..B``, from the day ``since``;
    ``every``: each Nth, ``"week"``: the last of each week), each step's day its ``--today``;
    the standard revisions released on the way, and the newest step's whole drift. Read from
    git objects only (the work tree is never checked out), incrementally: only variants whose
    file, standard or waivers changed are classified again (:mod:`~sp_config_guard.drift.history`);
    ``each`` sees every step's drift result (for comparing it with a full ``drift``)."""
    from sp_config_guard.drift.history import history
    from sp_config_guard.drift.provenance import provenance
    from sp_config_guard.drift.walker import Walker

    if every is not None and every != WEEK and not (every.isdigit() and int(every) >= 1):
        raise UsageError(t("history.bad_every", value=repr(every)))
    start = Path(tree) if tree is not None else None
    config = configured(config, start, waivers=waivers, lang=lang, min_variants=min_variants)
    with language(config.lang):
        if start is not None and start.resolve() != config.root.resolve():
            raise UsageError(t("history.whole_repository", tree=start, root=config.root))
        top = toplevel(config.root)
        steps = commits(top, spec, since, every)
        found, limits = _judged_by(config)
        walker = Walker(top, config.root, steps[-1].commit, config.wanted, found, workers=workers)
        result = history(walker, steps, limits, each)
    result.spec, result.every = spec, every
    result.since = since.isoformat() if since else None
    latest = result.latest
    latest.min_variants = config.min_variants
    head = checked_out(config.root)
    branch = head[1] if head and head[0] == steps[-1].commit else None
    latest.provenance = replace(provenance(config), commit=steps[-1].commit, branch=branch)
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


def upgrade(
    paths: PathLike | Sequence[PathLike] = ".",
    *,
    to: str | None = None,
    standards: Sequence[str] = (),
    archive: PathLike | None = None,
    write: bool = True,
    check: bool = False,
    config: Config | None = None,
    lang: str | None = None,
) -> UpgradeResult:
    """Bring every local variant under ``paths`` whose standard has moved on up to the
    standard's revision now (or at ``to``: a standard revision ``YYYY.N`` or a git revision)
    by the contract's three-way merge (``standards``: only the copies of these standards, by
    id); the bases from git history, else from the archive
    (``archive``, by default ``.spguard/standards`` in the repository). ``write=False``: only
    say what would change; ``check``: the same, and ``exit_code()`` 1 if anything would."""
    from sp_config_guard.act.bases import Bases
    from sp_config_guard.act.upgrade import upgrade as _upgrade

    targets = as_paths(paths) or [Path(".")]
    require_existing(targets)
    config = configured(config, targets[0], lang=lang)
    chosen = [p.resolve() for p in targets]

    def selected(doc: Document) -> bool:
        where = doc.path.resolve()
        if standards and doc.facts.parent not in standards:
            return False
        return any(where == p or where.is_relative_to(p) for p in chosen)

    with language(config.lang):
        repo, problems = load_repository(config.root, config.root, config.wanted)
        for wanted in standards:
            if not any(repo.variants_of(doc) for doc in repo.with_id(wanted)):
                raise UsageError(t("upgrade.unknown_standard", id=repr(wanted)))
        folder = Path(archive).resolve() if archive is not None else None
        bases = Bases(config.root, folder)
        result = _upgrade(
            repo, config.root, bases, to=to, selected=selected, write=write, check=check
        )
    result.problems = [*problems, *result.problems]
    return result
