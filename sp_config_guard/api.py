"""The Python API: what the CLI does, callable from a notebook or a bot.

>>> from sp_config_guard import api
>>> result = api.lint("examples/sp-config")            # a Result
>>> [f.code for f in result.findings if f.active]
>>> report = api.drift("examples/sp-config")           # a DriftResult
>>> changes = api.diff("old-tree", "new-tree")          # a DiffResult

Configuration (``spguard.yaml`` found upward) applies as on the command line; keyword
arguments take the place of flags. ``lang="da"`` or ``"en"`` gives the messages of a result
in that language (``lint`` defaults to the configuration's language, the others to English;
problems of a normalise run are rendered when shown, in the language current then)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sp_config_guard.drift.classify import DriftResult
from sp_config_guard.drift.classify import drift as _drift
from sp_config_guard.drift.tree_diff import DiffResult, diff_git, diff_paths
from sp_config_guard.lint.engine import LintSettings
from sp_config_guard.lint.engine import lint as _lint
from sp_config_guard.lint.ruleset import load_rules
from sp_config_guard.lint.waivers import load_waivers, today_in_copenhagen
from sp_config_guard.load.config import Config, load_config, rulesets_for
from sp_config_guard.load.gitrev import standard_at_revision
from sp_config_guard.load.workspace import load_repository
from sp_config_guard.messages import language
from sp_config_guard.normalize.run import NormalizeResult, NormalizeSettings, run_normalize
from sp_config_guard.result import Result
from sp_config_guard.validate.run import validate as _validate

PathLike = str | Path


def _paths(paths: PathLike | Sequence[PathLike]) -> list[Path]:
    if isinstance(paths, str | Path):
        return [Path(paths)]
    return [Path(p) for p in paths]


def configuration(start: PathLike = ".", **flags: object) -> Config:
    """The effective configuration for a path (``spguard.yaml`` upward, environment, flags)."""
    return load_config(Path(start), flags)


def normalize(
    exports: PathLike | Sequence[PathLike],
    out: PathLike | None = None,
    profiles: Sequence[PathLike] = (),
    check: bool = False,
    encoding: str | None = None,
    lang: str | None = None,
) -> NormalizeResult:
    """Normalise exports into a canonical tree at ``out`` (or canonical files in place)."""
    settings = NormalizeSettings(
        _paths(exports),
        Path(out) if out is not None else None,
        [Path(p) for p in profiles],
        check=check,
        encoding=encoding,
    )
    with language(lang):
        return run_normalize(settings)


def validate(paths: PathLike | Sequence[PathLike] = ".", *, lang: str | None = None) -> Result:
    """Every artifact under ``paths`` against its kind's schema."""
    with language(lang):
        return _validate(_paths(paths))


def lint(
    paths: PathLike | Sequence[PathLike] = ".",
    *,
    rulesets: Sequence[str] = (),
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    lang: str | None = None,
    waivers: PathLike | None = None,
    baseline: PathLike | None = None,
    today: date | None = None,
) -> Result:
    """Lint ``paths`` with the repository's configuration; ``result.exit_code(fail_on)`` is
    the CLI's exit code."""
    targets = _paths(paths)
    config = load_config(
        targets[0],
        {
            "rulesets": list(rulesets),
            "lang": lang,
            "waivers": Path(waivers).resolve() if waivers else None,
            "baseline": Path(baseline).resolve() if baseline else None,
        },
    )
    settings = LintSettings(
        paths=targets,
        rules=load_rules(rulesets_for(config), config.root),
        root=config.root,
        select=select,
        ignore=ignore,
        lang=config.lang,
        today=today,
        waivers=config.waivers,
        baseline=config.baseline,
        config=config,
    )
    with language(config.lang):
        return _lint(settings)


def drift(
    tree: PathLike = ".",
    *,
    waivers: PathLike | None = None,
    today: date | None = None,
    lang: str | None = None,
) -> DriftResult:
    """Every local variant under ``tree`` against its standard, classified (``problems``:
    the files that could not be read or are invalid)."""
    config = load_config(Path(tree), {"waivers": Path(waivers).resolve() if waivers else None})
    with language(lang):
        repo, problems = load_repository(Path(tree), config.root, config.wanted)
        found = load_waivers(config.waivers, config.root) if config.waivers else []
        result = _drift(repo, found, today or today_in_copenhagen(), base_of=standard_at_revision)
        result.problems = problems
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
    if git is None and (old is None or new is None):
        raise ValueError("give old and new, or git=")
    with language(lang):
        if git is not None:
            return diff_git(git, Path(path), with_drift)
        assert old is not None and new is not None
        return diff_paths(Path(old), Path(new), with_drift)
