"""The checks: validate, lint, fix, the waivers check and the baseline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sp_config_guard.api.setup import (
    Note,
    PathLike,
    as_paths,
    configured,
    configured_rules,
    silent,
)
from sp_config_guard.errors import UsageError
from sp_config_guard.lint import EXPIRING_DAYS
from sp_config_guard.lint.engine import LintSettings
from sp_config_guard.lint.engine import lint as _lint
from sp_config_guard.load.config import Config
from sp_config_guard.load.loader import shown
from sp_config_guard.messages import language, t
from sp_config_guard.result import Result
from sp_config_guard.validate.run import validate as _validate

if TYPE_CHECKING:  # imported where used: a lint never loads the drift or normalize stages
    from sp_config_guard.outcomes import BaselineChange, FixResult


def validate(
    paths: PathLike | Sequence[PathLike] = ".",
    *,
    config: Config | None = None,
    lang: str | None = None,
    redact: bool | None = None,
) -> Result:
    """Every artifact under ``paths`` against its kind's schema (``redact``: no field
    content in messages)."""
    targets = as_paths(paths) or [Path(".")]
    config = configured(config, targets[0], lang=lang, redact=redact)
    with language(config.lang):
        result = _validate(targets, redact=config.redact, config=config)
    result.docs_url = config.docs_url
    return result


def lint(
    paths: PathLike | Sequence[PathLike] = ".",
    *,
    config: Config | None = None,
    rulesets: Sequence[str] = (),
    fail_on: str | None = None,
    lang: str | None = None,
    waivers: PathLike | None = None,
    baseline: PathLike | None = None,
    redact: bool | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    today: date | None = None,
    use_cache: bool = True,
    workers: int | None = None,
    changed: bool = False,
    since: tuple[str, str] | None = None,
    edits: bool = False,
    note: Note = silent,
) -> Result:
    """Lint ``paths`` with the repository's configuration; ``result.exit_code()`` is the
    CLI's exit code. ``changed``: the artifacts the staged change (or the one between the
    revisions ``since``) touches and the dependents of those it deletes; no paths: only
    those."""
    settings = lint_settings(
        paths,
        config=config,
        note=note,
        changed=changed,
        since=since,
        select=select,
        ignore=ignore,
        today=today,
        use_cache=use_cache,
        workers=workers,
        edits=edits,
        rulesets=list(rulesets),
        fail_on=fail_on,
        lang=lang,
        waivers=waivers,
        baseline=baseline,
        redact=redact,
    )
    with language(settings.lang):
        result = _lint(settings)
    assert settings.config is not None
    result.fail_on, result.docs_url = settings.config.fail_on, settings.config.docs_url
    return result


def lint_settings(
    paths: PathLike | Sequence[PathLike] = ".",
    *,
    config: Config | None = None,
    note: Note = silent,
    changed: bool = False,
    since: tuple[str, str] | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    today: date | None = None,
    use_cache: bool = True,
    workers: int | None = None,
    edits: bool = False,
    **flags: Any,
) -> LintSettings:
    """The settings of a :func:`lint` run (its arguments; ``flags``: those that change the
    configuration)."""
    targets = as_paths(paths) or ([] if changed else [Path(".")])
    config = configured(config, targets[0] if targets else None, use_cache=use_cache, **flags)
    return LintSettings(
        paths=targets,
        rules=configured_rules(config, note, use_cache),
        root=config.root,
        select=select,
        ignore=ignore,
        lang=config.lang,
        today=today,
        waivers=config.waivers,
        baseline=config.baseline,
        config=config,
        use_cache=use_cache,
        workers=workers,
        redact=config.redact,
        changed=changed,
        since=since if changed else None,
        edits=edits,
        note=note,
    )


def fix(
    paths: PathLike | Sequence[PathLike] = ".", *, write: bool = True, **options: Any
) -> FixResult:
    """Apply the certain repairs of lint's findings under ``paths`` (``write=False``: only say
    what would change; ``unified=True``: with text diffs; else :func:`lint`'s ``options``)."""
    from sp_config_guard.act.fix import fix as _fix

    unified, config = options.pop("unified", False), options.pop("config", None)
    config = configured(config, (as_paths(paths) or [Path(".")])[0], lang=options.pop("lang", None))
    with language(config.lang):
        found = lint(paths, config=config, **options)
        return _fix(found, config.root, write=write, unified=unified)


def _lint_whole(config: Config, note: Note, today: date | None, **settings: Any) -> Result:
    """Lint the whole repository of ``config`` with its waivers (for the waivers and the
    baseline commands)."""
    with language(config.lang):
        return _lint(
            LintSettings(
                paths=[config.root],
                rules=configured_rules(config, note),
                root=config.root,
                today=today,
                waivers=config.waivers,
                config=config,
                **settings,
            )
        )


def check_waivers(
    path: PathLike | None = None,
    *,
    config: Config | None = None,
    waivers: PathLike | None = None,
    rulesets: Sequence[str] = (),
    days: int = EXPIRING_DAYS,
    today: date | None = None,
    lang: str | None = None,
    note: Note = silent,
) -> Result:
    """The waivers file's own findings (invalid, expiring within ``days``, expired, stale)
    and the files that could not be read (a waiver may cover what they hold); a run fails
    at warnings."""
    config = configured(
        config, Path(path) if path else None, rulesets=list(rulesets), waivers=waivers, lang=lang
    )
    if config.waivers is None:
        raise UsageError(t("cli.no_waivers", root=config.root))
    linted = _lint_whole(config, note, today, expiring_days=days)
    # an artifact that could not be read may be what a waiver covers: say so, not "stale"
    found = [f for f in linted.findings if f.code.startswith("WAV") or f.input_problem]
    return Result("waivers", found, 1, fail_on="warning", docs_url=config.docs_url)


def write_baseline(
    path: PathLike | None = None,
    *,
    config: Config | None = None,
    baseline: PathLike | None = None,
    rulesets: Sequence[str] = (),
    today: date | None = None,
    update: bool = False,
    note: Note = silent,
) -> BaselineChange:
    """Write the baseline (the configured one, else ``baseline.yaml`` at the root) with
    every finding of the repository; ``update``: keep the entries of files that could not be
    read. Written for the files that could be read: what the others hold is unknown, so none
    of their findings is accepted and (update) no old entry is dropped as stale."""
    config = configured(
        config,
        Path(path) if path else None,
        ("baseline",),
        rulesets=list(rulesets),
        baseline=baseline,
    )
    from sp_config_guard.lint.baseline import entries_for, load_baseline
    from sp_config_guard.lint.baseline import write_baseline as _write_baseline

    target = config.baseline or config.root / "baseline.yaml"
    old = load_baseline(target, config.root) if update and target.is_file() else []
    linted = _lint_whole(config, note, today)
    problems = linted.problems
    found = [f for f in linted.findings if not f.code.startswith("WAV")]
    entries = entries_for(found, keep=old if problems else ())
    _write_baseline(target, entries)
    from sp_config_guard.outcomes import BaselineChange

    before = {e.fingerprint for e in old}
    after = {e.fingerprint for e in entries}
    return BaselineChange(
        shown(target, config.root),
        tuple(
            f"{e.code} {e.kind} {e.artifact} {e.path}" for e in old if e.fingerprint not in after
        ),
        tuple(
            f"{e.code} {e.kind} {e.artifact} {e.path}"
            for e in entries
            if e.fingerprint not in before
        ),
        len(entries),
        tuple(problems),
        "baseline update" if update else "baseline create",
    )
