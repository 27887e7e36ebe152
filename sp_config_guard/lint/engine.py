"""The lint engine: load the repository, run every applicable rule on the artifacts asked
about, and stamp code, severity, rule set, owner, message and place on each finding
(``findings.py``). Waivers and the baseline are applied afterwards (``waivers.py``,
``baseline.py``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path

from sp_config_guard.errors import Problem
from sp_config_guard.lint import checks
from sp_config_guard.lint.checks import CheckContext
from sp_config_guard.lint.codes import check_overrides, resolve
from sp_config_guard.lint.findings import finding
from sp_config_guard.lint.removals import dependents, removed_with_names, terms
from sp_config_guard.lint.repairs import with_edit
from sp_config_guard.lint.result_key import result_key, stored_result
from sp_config_guard.lint.ruleset import Rule
from sp_config_guard.lint.waivers import (
    EXPIRING_DAYS,
    apply_waivers,
    load_waivers,
    waiver_findings,
)
from sp_config_guard.load.cache import open_cache
from sp_config_guard.load.clock import today_in_copenhagen
from sp_config_guard.load.config import Config
from sp_config_guard.load.discovery import find_config
from sp_config_guard.load.loader import Document, Facts, shown
from sp_config_guard.load.repository import Repository
from sp_config_guard.load.workspace import Workspace, discover, load_workspace
from sp_config_guard.load.yamlio import line_column, positions
from sp_config_guard.messages import language, t
from sp_config_guard.parallel import PARALLEL_FROM, fork_map, workers_wanted
from sp_config_guard.result import Finding, Result


def applies(rule: Rule, ctx: CheckContext) -> bool:
    """Whether ``rule`` looks at the artifact of ``ctx`` (kind, scope level and the ``where``
    filter)."""
    doc = ctx.doc
    if not rule.enabled or (rule.kinds is not None and doc.kind not in rule.kinds):
        return False
    level = (doc.data.get("scope") or {}).get("level")
    if level not in rule.levels:
        return False
    for query, condition in rule.where:
        values = [value for _, value in ctx.find(query)]
        if isinstance(condition, dict) and "exists" in condition:
            if bool(values) != bool(condition["exists"]):
                return False
        elif isinstance(condition, dict) and "in" in condition:
            if not any(value in condition["in"] for value in values):
                return False
        elif condition not in values:
            return False
    return True


@dataclass(frozen=True)
class LintSettings:
    """What to lint and how (CLI flags and config end up here)."""

    paths: Sequence[Path]
    rules: Sequence[Rule]
    root: Path | None = None
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    lang: str = "en"
    today: date | None = None
    waivers: Path | None = None
    baseline: Path | None = None
    expiring_days: int = EXPIRING_DAYS
    config: Config | None = None
    use_cache: bool = True
    workers: int | None = None
    redact: bool = False
    # report on the paths plus the dependents of the artifacts the change deletes (the
    # staged change, or the one between the revisions ``since``); no paths: only those
    changed: bool = False
    since: tuple[str, str] | None = None
    # each fixable finding with its repair as an edit of the file's text (SARIF ``fixes``):
    # one render of the artifact per finding, so only when a report shows it
    edits: bool = False
    note: Callable[[str], None] | None = None  # where ``-v`` notes go (which mode a run used)


def _selected(rule: Rule, settings: LintSettings) -> bool:
    def hit(codes: Sequence[str]) -> bool:
        return any(rule.code.startswith(code) or rule.name == code for code in codes)

    return (not settings.select or hit(settings.select)) and not hit(settings.ignore)


def _rules_for(doc: Document, rules: Sequence[Rule], config: Config | None) -> Sequence[Rule]:
    """The rules after the configuration's per-path overrides for this artifact."""
    if config is None or not config.overrides:
        return rules
    out = list(rules)
    for override in config.overrides:
        if override.matches(doc.display):
            out = [
                replace(r, severity=override.severity.get(r.code, r.severity))
                for r in out
                if not any(r.code.startswith(code) for code in override.ignore)
            ]
    return out


def lint_documents(
    docs: Sequence[Document],
    repo: Repository,
    rules: Sequence[Rule],
    lang: str,
    today: date,
    config: Config | None = None,
    workers: int = 1,
    redact_all: bool = False,
    edits: bool = False,
) -> list[Finding]:
    """Findings of ``rules`` on ``docs``, with the whole ``repo`` visible to the checks, in
    the order of ``docs`` (the same with any number of worker processes); ``redact_all``: no
    finding repeats field content, as for sensitive rules; ``edits``: each repair with its
    edit of the file's text."""
    by_kind = {
        kind: [rule for rule in rules if rule.kinds is None or kind in rule.kinds]
        for kind in {doc.kind for doc in docs}
    }

    def lint_family(family: list[int]) -> list[list[Finding]]:
        return [
            _lint_one(docs[i], repo, by_kind[docs[i].kind], lang, today, config, redact_all, edits)
            for i in family
        ]

    families = _families(docs)
    least = 0 if len(docs) >= PARALLEL_FROM else None  # workers by the number of artifacts
    per_family = fork_map(lint_family, families, workers, least, label="lint", size=len)
    per_doc: list[list[Finding]] = [[] for _ in docs]
    for family, found in zip(families, per_family, strict=True):
        for index, findings in zip(family, found, strict=True):
            per_doc[index] = findings
    return [finding for findings in per_doc for finding in findings]


def _families(docs: Sequence[Document]) -> list[list[int]]:
    """The indexes of ``docs`` by family: the copies of one standard together (in file
    order), every other artifact alone. A worker then does a family's shared work (its
    uniformity across regions, its standard's history) once, where arbitrary chunks had
    each worker redo it for its share of the copies."""
    out: dict[tuple[str, str] | int, list[int]] = {}
    for index, doc in enumerate(docs):
        kind, parent = doc.facts.kind, doc.facts.parent
        key = (kind, parent) if kind is not None and parent is not None else index
        out.setdefault(key, []).append(index)
    return list(out.values())


def _lint_one(
    doc: Document,
    repo: Repository,
    rules: Sequence[Rule],
    lang: str,
    today: date,
    config: Config | None,
    redact_all: bool,
    edits: bool = False,
) -> list[Finding]:
    """The findings of one artifact."""
    tree, out = None, []
    ctx = CheckContext(doc, repo, today)
    with language(lang):  # what a check words (a place, "(none)") is in the run's language
        for rule in _rules_for(doc, rules, config):
            if not applies(rule, ctx):
                continue
            for hit in checks.get(rule.check_type).check(ctx, rule.options):
                if tree is None:
                    tree = positions(doc.text)
                place = line_column(tree, hit.path)
                repair = with_edit(doc, hit.repair) if edits and hit.repair else hit.repair
                out.append(finding(rule, doc, hit, place, lang, redact_all, repair))
    return out


def _found_by(rules: Sequence[Rule]) -> dict[str, list[str]]:
    """Per kind, the members other than the id by which rules find its artifacts (``by`` of
    ``reference`` and ``token``): a deleted artifact's dependents hold those values too (as
    values, or embedded in texts as tokens)."""
    out: dict[str, list[str]] = {}
    for rule in rules:
        by, kinds = rule.options.get("by"), rule.options.get("kinds", ())
        if rule.check_type == "token":  # a mnemonic, embedded in texts as a token
            by, kinds = by or "spec.mnemonic", kinds or ["DocumentationTemplate"]
        elif rule.check_type != "reference":
            continue
        if isinstance(by, str):
            for kind in kinds:
                out.setdefault(kind, []).append(by)
    return out


def lint(settings: LintSettings) -> Result:
    """Lint the artifacts under ``settings.paths`` against the repository around them; a
    whole result is reused from the cache when nothing it depends on has changed."""
    root = (
        settings.root or find_config(settings.paths[0] if settings.paths else Path("."))[0]
    ).resolve()
    if settings.config is not None:
        check_overrides(settings.config, settings.rules)
    settings = replace(
        settings,
        select=resolve(settings.select, settings.rules, "--select"),
        ignore=resolve(settings.ignore, settings.rules, "--ignore"),
        today=settings.today or today_in_copenhagen(),
    )
    if settings.changed and settings.since is None:  # a commit: git mode, if it can answer
        staged = _lint_staged(settings, root)
        if staged is not None:
            return staged
    gone, names = _removed(settings, root) if settings.changed else ([], [])
    if settings.changed and not settings.paths and not gone:  # no artifact in the change
        return _lint(settings, root, Workspace(), set(), gone, names)
    _say(settings, "lint.mode_stat")
    config = settings.config
    scanned, wanted = discover(
        settings.paths,
        root,
        config.wanted if config is not None else None,
        use_cache=settings.use_cache,
    )
    files = scanned.files
    try:
        store, key = scanned.store, None
        if store is not None and scanned.complete:  # nothing changed: maybe a stored result
            key = result_key(settings, scanned.digests, wanted, gone, names)
            again = partial(lint, replace(settings, use_cache=False))  # for a damaged row
            reused = stored_result(store, key, root, again, settings.lang)
            if reused is not None:
                return reused
        # a few files asked about (pre-commit): the others are read only if a check needs them
        # (or, when the change removed artifacts, to find their dependents)
        lazy = wanted is not None and len(wanted) < PARALLEL_FROM and not gone
        workspace = load_workspace(scanned, settings.workers, lazy)
        result = _lint(settings, root, workspace, wanted, gone, names)
        if wanted is None:
            result.files = len(files)
        if store is not None:  # keyed by the content that was linted
            if key is None or workspace.digests != scanned.digests:
                key = result_key(settings, workspace.digests, wanted, gone, names)
            store.store_result(key, result.to_json())
            result.stored_as = (str(root), key)
        return result
    finally:
        scanned.close()


def _removed(
    settings: LintSettings,
    root: Path,
    deletions: Sequence[tuple[str, bytes | int]] | None = None,
) -> tuple[list[Facts], list[str]]:
    """The facts of the artifacts the change deletes, and the other names they went by."""
    found = removed_with_names(
        root, settings.config, settings.since, _found_by(settings.rules), deletions
    )
    return [facts for facts, _ in found], sorted({name for _, known in found for name in known})


def _lint_staged(settings: LintSettings, root: Path) -> Result | None:
    """Lint the commit in git mode (:mod:`~sp_config_guard.load.staged`): the files asked
    about and the dependents of what the commit deletes, looked up in the cache's table of
    git's index; None when git mode cannot answer exactly (the stat mode then does)."""
    from sp_config_guard.load.indexed import IndexedRepository  # git, only for a commit
    from sp_config_guard.load.staged import NotStaged, Staged

    config = settings.config
    wanted = config.wanted if config is not None else None
    if any(path.is_dir() for path in settings.paths):
        return None
    store = open_cache(root, settings.use_cache)
    if store is None:
        return None
    named = [(path, shown(path, root)) for path in settings.paths]
    asked = [(path, display) for path, display in named if wanted is None or wanted(display)]
    scope = repr((str(root), config.include, config.exclude) if config else str(root))
    displays = {display for _, display in asked}
    try:
        staged = Staged(store, root, wanted, scope, terms, settings.workers)
        gone, names = _removed(settings, root, staged.deleted())
        if not settings.paths and not gone:  # no artifact in the change
            return _lint(settings, root, Workspace(), set(), gone, names)
        key = result_key(settings, {"index": staged.version}, displays, gone, names)
        _say(settings, "lint.mode_git")
        cached = store.result(key)
        if cached is not None:
            return Result.from_json(cached)
        docs, problems = staged.asked(asked)
        repo = IndexedRepository(staged, docs)
        result = _lint(settings, root, Workspace(docs, problems), displays, gone, names, repo)
        store.store_result(key, result.to_json())
        return result
    except NotStaged:
        return None
    finally:
        store.close()


def _say(settings: LintSettings, key: str) -> None:
    if settings.note is not None:
        settings.note(t(key))


def lint_revision(
    settings: LintSettings,
    docs: Sequence[Document],
    problems: Sequence[Problem],
    wanted: set[str] | None = None,
) -> Result:
    """Lint artifacts read from a git revision (``docs``, and the ``problems`` of the files that
    could not be read) as :func:`lint` lints the work tree: the same rules, waivers, baseline
    and date, the whole revision visible to the checks; ``wanted``: the files reported on (all
    when None). Never cached: nothing in the cache is keyed by a revision."""
    root = (settings.root or Path(".")).resolve()
    settings = replace(
        settings,
        select=resolve(settings.select, settings.rules, "--select"),
        ignore=resolve(settings.ignore, settings.rules, "--ignore"),
        today=settings.today or today_in_copenhagen(),
    )
    workspace = Workspace(list(docs), list(problems))
    return _lint(settings, root, workspace, None if wanted is None else set(wanted), [])


def _lint(
    settings: LintSettings,
    root: Path,
    workspace: Workspace,
    wanted: set[str] | None,
    gone: Sequence[Facts],
    names: Sequence[str] = (),
    repo: Repository | None = None,
) -> Result:
    """Lint the ``wanted`` documents of a workspace (all when None) and the dependents of
    the artifacts ``gone`` (also of the other ``names`` they went by); ``repo``: the index
    the checks look things up in, when it is not the workspace's own documents."""
    result = Result("lint")
    repo = repo or Repository(workspace.docs)
    result.findings, docs = workspace.findings(repo.owner), workspace.docs
    if wanted is not None:
        more = [doc for doc in dependents(repo, gone, names) if doc.display not in wanted]
        wanted = wanted | {doc.display for doc in more}
        result.files = len(wanted)
        docs = [doc for doc in docs if doc.display in wanted]
        loaded = {doc.display for doc in workspace.docs}
        extra = [doc for doc in more if doc.display not in loaded]  # of an indexed repository
        if extra:
            from sp_config_guard.load.staged import order

            result.findings += Workspace(extra).findings(repo.owner)
            docs = sorted([*docs, *extra], key=lambda doc: order(doc.display))
        result.findings = [f for f in result.findings if f.file in wanted]
    complete = wanted is None or 0 < len(docs) == repo.count(at_most=len(docs) + 1)
    rules = [rule for rule in settings.rules if _selected(rule, settings)]
    result.rules = [rule.info(settings.lang) for rule in rules]
    today = settings.today or today_in_copenhagen()
    result.findings += lint_documents(
        docs,
        repo,
        rules,
        settings.lang,
        today,
        settings.config,
        workers_wanted(settings.workers),
        settings.redact,
        settings.edits,
    )
    if settings.waivers is not None:
        waivers = load_waivers(settings.waivers, root)
        result.findings, used = apply_waivers(result.findings, waivers, repo, today)
        if complete:  # stale only makes sense when everything was linted
            known = {rule.code for rule in settings.rules}
            result.findings += waiver_findings(waivers, used, today, known, settings.expiring_days)
    if settings.baseline is not None:
        from sp_config_guard.lint.baseline import apply_baseline, load_baseline

        result.findings, _ = apply_baseline(result.findings, load_baseline(settings.baseline, root))
    return result
