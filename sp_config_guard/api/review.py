"""Review of a pull request: ``lint`` and ``drift`` of the work tree compared with a base
revision (``--base REV``), for the Markdown summary that leads with what the change introduces.

The base is the merge base of ``REV`` and ``HEAD`` (what ``git diff REV...`` compares with), read
from git without touching the work tree, and evaluated with the work tree's settings: the same
rules, waivers, baseline and date, so the two sides differ only by their artifacts. Links in the
summary go to ``--link-base`` (or, in CI, the commit's page: ``$GITHUB_SERVER_URL/
$GITHUB_REPOSITORY/blob/$GITHUB_SHA/`` on GitHub Actions, ``$CI_PROJECT_URL/-/blob/
$CI_COMMIT_SHA/`` on GitLab CI), else relative to the repository's root."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from sp_config_guard.api.changes import drift_of
from sp_config_guard.api.checks import lint_settings
from sp_config_guard.api.setup import PathLike, as_paths, configured
from sp_config_guard.errors import Problem, UsageError
from sp_config_guard.lint.engine import lint as _lint
from sp_config_guard.lint.engine import lint_revision
from sp_config_guard.load.config import Config
from sp_config_guard.load.gitrev import NotAWorkTree, Side, at_merge_base, folder_in_repository
from sp_config_guard.load.loader import Document, Wanted, shown
from sp_config_guard.load.repository import Repository
from sp_config_guard.load.workspace import Workspace, load_repository
from sp_config_guard.load.yamlio import line_column, positions
from sp_config_guard.messages import language, t
from sp_config_guard.report.compare import (
    Base,
    DriftChange,
    Links,
    LintChange,
    deviation_key,
    finding_key,
    split,
)


def link_base(given: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The address links go to: ``given``, else the CI's page of the commit (GitHub Actions,
    GitLab CI), else ``""`` (relative links)."""
    if given is not None:
        return given
    env = os.environ if environ is None else environ
    github = [
        env.get(name, "") for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    ]
    if all(github):
        return "{}/{}/blob/{}/".format(*github)
    gitlab = [env.get(name, "") for name in ("CI_PROJECT_URL", "CI_COMMIT_SHA")]
    if all(gitlab):
        return "{}/-/blob/{}/".format(*gitlab)
    return ""


def _at_base(
    root: Path, rev: str, wanted: Wanted | None
) -> tuple[Side, list[Document], list[Problem]]:
    """The repository at the merge base of ``rev`` and ``HEAD`` (a usage error outside git)."""
    try:
        return at_merge_base(root, rev, wanted)
    except NotAWorkTree as err:
        raise UsageError(t("pr.not_work_tree", path=root, rev=rev)) from err


def _under(targets: Sequence[Path], root: Path) -> set[str] | None:
    """The files below ``targets`` as a predicate's prefixes (None: the whole repository)."""
    names = {shown(target.resolve(), root) for target in targets}
    return None if "." in names else names


def _in_scope(name: str, prefixes: set[str] | None) -> bool:
    return prefixes is None or any(name == p or name.startswith(p + "/") for p in prefixes)


def lint_change(
    paths: PathLike | Sequence[PathLike] = ".",
    *,
    base: str,
    link_to: str | None = None,
    **options: Any,
) -> LintChange:
    """:func:`~sp_config_guard.api.lint` of ``paths``, and of the same files at the merge base
    of ``base`` and ``HEAD``, split into what the change introduced, fixed and left as it was;
    ``link_to``: the address links go to (see :func:`link_base`); ``options``: lint's."""
    if options.get("changed"):
        raise UsageError(t("pr.changed_with_base"))
    settings = lint_settings(paths, **options)
    config = settings.config
    assert config is not None
    with language(config.lang):
        head = _lint(settings)
        head.fail_on = config.fail_on
        side, docs, problems = _at_base(config.root, base, config.wanted)
        prefixes = _under(settings.paths, config.root)
        wanted = {d.display for d in docs if _in_scope(d.display, prefixes)}
        wanted |= {p.file for p in problems if _in_scope(p.file, prefixes)}
        before = lint_revision(replace(settings, use_cache=False), docs, problems, wanted)
    return LintChange(
        head,
        Base(base, side.commit),
        split(head.sorted_findings(), before.sorted_findings(), finding_key),
        Links(folder_in_repository(config.root), link_base(link_to)),
    )


def drift_change(
    tree: PathLike | None = None,
    *,
    base: str,
    link_to: str | None = None,
    config: Config | None = None,
    fail_on: str | None = None,
    today: date | None = None,
    **flags: Any,
) -> DriftChange:
    """:func:`~sp_config_guard.api.drift` of ``tree`` and of the repository at the merge base
    of ``base`` and ``HEAD``, its deviations split into what the change introduced, fixed and
    left as it was; ``link_to`` as for :func:`lint_change`."""
    from sp_config_guard.drift.result import deviation_order

    start = Path(tree) if tree is not None else None
    config = configured(config, start, **flags)
    targets = as_paths(tree) if tree is not None else [config.root]
    with language(config.lang):
        repo, problems = load_repository(start or config.root, config.root, config.wanted)
        side, docs, unread = _at_base(config.root, base, config.wanted)
    head = drift_of(repo, problems, config, fail_on, today)
    prefixes = _under(targets, config.root)
    at_base = Workspace([d for d in docs if _in_scope(d.display, prefixes)], unread)
    before = drift_of(Repository(at_base.docs), at_base.findings(), config, fail_on, today)
    deviations = split(deviation_order(head), deviation_order(before), deviation_key)
    return DriftChange(
        head,
        Base(base, side.commit),
        deviations,
        _lines(repo, deviations.introduced + deviations.existing),
        Links(folder_in_repository(config.root), link_base(link_to)),
    )


def _lines(repo: Repository, deviations: Sequence[Any]) -> dict[Any, int]:
    """The line of each deviation in its variant's file (a removed item: its list's line)."""
    files = {doc.display: doc for doc in repo.docs}
    trees: dict[str, Any] = {}
    out = {}
    for d in deviations:
        doc = files.get(d.file)
        if doc is None:
            continue
        if d.file not in trees:
            trees[d.file] = positions(doc.text)
        location = d.location[:-1] if d.op == "removed" else d.location
        out[deviation_key(d)] = line_column(trees[d.file], location)[0]
    return out
