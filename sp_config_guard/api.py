"""The Python API: what the CLI does, callable from a notebook or a bot. It is the one place
that turns configuration and options into settings and runs a command; the CLI only parses
options, calls these functions, renders what they return and exits with its ``exit_code()``.
``api.lint("examples/sp-config")`` gives a Result, ``api.drift(...)`` a DriftResult.

Configuration (``spguard.yaml`` found upward) applies as on the command line; keyword
arguments take the place of flags. The options that change the configuration (``rulesets``,
``fail_on``, ``lang``, ``waivers``, ``baseline``, ``redact``, ``min_variants``) go to
:func:`configuration` or to the command; ``config=`` passes one already read. Messages are in
the configuration's language (``lang=`` overrides it); ``diff`` and ``normalize`` read no
configuration and take ``lang`` only (default: the current language)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sp_config_guard.errors import UsageError
from sp_config_guard.lint import EXPIRING_DAYS
from sp_config_guard.lint.baseline import entries_for, load_baseline
from sp_config_guard.lint.baseline import write_baseline as _write_baseline
from sp_config_guard.lint.codes import resolve
from sp_config_guard.lint.divergence import rule_limits
from sp_config_guard.lint.engine import LintSettings
from sp_config_guard.lint.engine import lint as _lint
from sp_config_guard.lint.listing import rule_details
from sp_config_guard.lint.ruleset import Rule, load_rules
from sp_config_guard.lint.waivers import load_waivers, today_in_copenhagen
from sp_config_guard.load.config import Config, load_config, rulesets_for
from sp_config_guard.load.discovery import require_existing
from sp_config_guard.load.gitrev import standard_at_revision
from sp_config_guard.load.loader import shown
from sp_config_guard.load.workspace import load_repository
from sp_config_guard.messages import language, t
from sp_config_guard.result import BaselineChange, FixResult, Result, RuleDetails, RuleListing
from sp_config_guard.validate.run import validate as _validate

if TYPE_CHECKING:  # imported where used: a lint never loads the drift or normalize stages
    from sp_config_guard.drift.result import DriftResult
    from sp_config_guard.drift.tree_diff import DiffResult
    from sp_config_guard.normalize.run import NormalizeResult

PathLike = str | Path
Note = Callable[[str], None]
"""Where a command's notes go (the CLI's ``--verbose``); by default nowhere."""


def _silent(_: str) -> None:
    pass


def _paths(paths: PathLike | Sequence[PathLike]) -> list[Path]:
    if isinstance(paths, str | Path):
        return [Path(paths)]
    return [Path(p) for p in paths]


def configuration(
    start: PathLike | None = ".",
    *,
    flag_names: dict[str, str] | None = None,
    writes: tuple[str, ...] = (),
    note: Note = _silent,
    **flags: Any,
) -> Config:
    """The effective configuration for a path (``spguard.yaml`` upward, environment, then
    ``flags``: ``rulesets``, ``fail_on``, ``lang``, ``waivers``, ``baseline``, ``redact``).
    File flags are taken relative to the working folder, rule sets too when they name an
    existing file; ``flag_names`` (the option that gave a flag, for errors) and ``writes``
    (files the command writes, so they need not exist) as for :func:`load_config`."""
    for key in ("waivers", "baseline"):
        if flags.get(key) is not None:
            flags[key] = Path(flags[key]).resolve()
    if flags.get("rulesets"):
        flags["rulesets"] = [
            str(Path(r).resolve()) if Path(r).is_file() else r for r in flags["rulesets"]
        ]
    config = load_config(Path(start or "."), flags, flag_names=flag_names, writes=writes)
    with language(config.lang):
        file = config.file or t("note.no_config")
        note(t("note.config", root=config.root, file=file, lang=config.lang))
    return config


def _configured(
    config: Config | None, start: Path | None, writes: tuple[str, ...] = (), **flags: Any
) -> Config:
    """``config``, or the configuration around ``start`` with ``flags`` when it is None."""
    if config is None:
        return configuration(start, writes=writes, **flags)
    given = sorted(key for key, value in flags.items() if value not in (None, (), [], False))
    if given:
        raise TypeError(f"give {', '.join(given)} to configuration(), not with config=")
    return config


def _rules(config: Config, note: Note) -> list[Rule]:
    """The rules of the configuration's rule sets."""
    rules = load_rules(rulesets_for(config), config.root)
    sets = sorted({f"{r.ruleset} {r.version}" for r in rules})
    with language(config.lang):
        note(t("note.rules", count=len(rules), sets=", ".join(sets) or t("note.no_ruleset")))
    return rules


def normalize(
    exports: PathLike | Sequence[PathLike],
    out: PathLike | None = None,
    profiles: Sequence[PathLike] = (),
    check: bool = False,
    encoding: str | None = None,
    lang: str | None = None,
    *,
    diff: bool = False,
) -> NormalizeResult:
    """Normalise exports into a canonical tree at ``out`` (or canonical files in place);
    ``check``: only say what would change; ``diff``: show how, as unified diffs."""
    from sp_config_guard.normalize.run import NormalizeSettings, run_normalize

    settings = NormalizeSettings(
        _paths(exports),
        Path(out) if out is not None else None,
        [Path(p) for p in profiles],
        check=check,
        diff=diff,
        encoding=encoding,
    )
    with language(lang):
        return run_normalize(settings)


def validate(
    paths: PathLike | Sequence[PathLike] = ".",
    *,
    config: Config | None = None,
    lang: str | None = None,
    redact: bool | None = None,
) -> Result:
    """Every artifact under ``paths`` against its kind's schema (``redact``: no field
    content in messages)."""
    targets = _paths(paths) or [Path(".")]
    config = _configured(config, targets[0], lang=lang, redact=redact)
    with language(config.lang):
        return _validate(targets, redact=config.redact, config=config)


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
    note: Note = _silent,
) -> Result:
    """Lint ``paths`` with the repository's configuration; ``result.exit_code()`` is the
    CLI's exit code. ``changed``: the artifacts the staged change (or the one between the
    revisions ``since``) touches and the dependents of those it deletes; no paths: only
    those."""
    targets = _paths(paths) or ([] if changed else [Path(".")])
    config = _configured(
        config,
        targets[0] if targets else None,
        rulesets=list(rulesets),
        fail_on=fail_on,
        lang=lang,
        waivers=waivers,
        baseline=baseline,
        redact=redact,
    )
    settings = LintSettings(
        paths=targets,
        rules=_rules(config, note),
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
    )
    with language(config.lang):
        result = _lint(settings)
    result.fail_on = config.fail_on
    return result


def fix(
    paths: PathLike | Sequence[PathLike] = ".", *, write: bool = True, **options: Any
) -> FixResult:
    """Apply the certain repairs of lint's findings under ``paths`` (``write=False``: only say
    what would change; ``unified=True``: with text diffs; else :func:`lint`'s ``options``)."""
    from sp_config_guard.act.fix import fix as _fix

    unified, config = options.pop("unified", False), options.pop("config", None)
    config = _configured(config, (_paths(paths) or [Path(".")])[0], lang=options.pop("lang", None))
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
                rules=_rules(config, note),
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
    note: Note = _silent,
) -> Result:
    """The waivers file's own findings (invalid, expiring within ``days``, expired, stale)
    and the files that could not be read (a waiver may cover what they hold); a run fails
    at warnings."""
    config = _configured(
        config, Path(path) if path else None, rulesets=list(rulesets), waivers=waivers, lang=lang
    )
    if config.waivers is None:
        raise UsageError(t("cli.no_waivers", root=config.root))
    linted = _lint_whole(config, note, today, expiring_days=days)
    # an artifact that could not be read may be what a waiver covers: say so, not "stale"
    found = [f for f in linted.findings if f.code.startswith("WAV") or f.input_problem]
    return Result("waivers", found, 1, fail_on="warning")


def write_baseline(
    path: PathLike | None = None,
    *,
    config: Config | None = None,
    baseline: PathLike | None = None,
    rulesets: Sequence[str] = (),
    today: date | None = None,
    update: bool = False,
    note: Note = _silent,
) -> BaselineChange:
    """Write the baseline (the configured one, else ``baseline.yaml`` at the root) with
    every finding of the repository; ``update``: keep the entries of files that could not be
    read. Written for the files that could be read: what the others hold is unknown, so none
    of their findings is accepted and (update) no old entry is dropped as stale."""
    config = _configured(
        config,
        Path(path) if path else None,
        ("baseline",),
        rulesets=list(rulesets),
        baseline=baseline,
    )
    target = config.baseline or config.root / "baseline.yaml"
    old = load_baseline(target, config.root) if update and target.is_file() else []
    linted = _lint_whole(config, note, today)
    problems = linted.problems
    found = [f for f in linted.findings if not f.code.startswith("WAV")]
    entries = entries_for(found, keep=old if problems else ())
    _write_baseline(target, entries)
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


def rules(
    *,
    config: Config | None = None,
    rulesets: Sequence[str] = (),
    lang: str | None = None,
    note: Note = _silent,
) -> RuleListing:
    """Every rule of the configuration's rule sets (``rules list``)."""
    config = _configured(config, None, rulesets=list(rulesets), lang=lang)
    return RuleListing(
        tuple(rule_details(r, config.lang, config.root) for r in _rules(config, note))
    )


def explain(
    code: str,
    *,
    config: Config | None = None,
    rulesets: Sequence[str] = (),
    lang: str | None = None,
    note: Note = _silent,
) -> list[RuleDetails]:
    """The rules with code or name ``code`` (``rules explain``; a usage error when none)."""
    config = _configured(config, None, rulesets=list(rulesets), lang=lang)
    found = _rules(config, note)
    with language(config.lang):
        wanted = resolve([code], found, None, prefixes=False)
        if not wanted:
            raise UsageError(t("codes.unknown", code=repr(code), hint=""))
    return [
        rule_details(r, config.lang, config.root)
        for r in found
        if r.code in wanted or r.name in wanted
    ]


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
    from sp_config_guard.drift.classify import drift as _drift
    from sp_config_guard.drift.provenance import provenance

    start = Path(tree) if tree is not None else None
    config = _configured(config, start, waivers=waivers, lang=lang, min_variants=min_variants)
    with language(config.lang):
        repo, problems = load_repository(start or config.root, config.root, config.wanted)
        found = load_waivers(config.waivers, config.root) if config.waivers else []
        limits = rule_limits(_rules(config, _silent))  # lint's thresholds: both say the same
        result = _drift(
            repo, found, today or today_in_copenhagen(), base_of=standard_at_revision, limits=limits
        )
    result.problems = problems
    result.fail_on = fail_on
    result.min_variants = config.min_variants
    result.provenance = provenance(config)
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
