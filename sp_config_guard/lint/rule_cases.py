"""``spguard rules test``: the ``cases/<CODE>.yaml`` files beside any rule set, run.

A case file (``schemas/rule-cases.schema.json``, docs/rule-authoring.md) names its rule and
holds artifacts that must pass and artifacts that must fail at exactly the listed JSON
paths, with ``context`` artifacts the repository also holds. Each artifact is linted alone
with its rule, the context beside it, as lint would (models: ``conftest verify``,
``semgrep --test``). A case file that cannot be run is a failed case, never a silent pass;
so is a case file in a tested rule-set folder that names no rule of it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from sp_config_guard.errors import InputError, UsageError
from sp_config_guard.lint.engine import lint_documents
from sp_config_guard.lint.listing import source_name
from sp_config_guard.lint.ruleset import Rule, load_rules
from sp_config_guard.load.loader import Document, read_documents, read_validated
from sp_config_guard.load.repository import Repository
from sp_config_guard.load.yamlio import dump_canonical, position
from sp_config_guard.messages import t
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.model.shipped import presets
from sp_config_guard.rule_tests import CaseOutcome, RuleTestResult

CASES = "cases"


def rule_set_files(specs: Iterable[str], root: Path) -> tuple[list[Path], list[Path]]:
    """The rule-set files ``specs`` name (a preset, a file, or a folder: every ``*.yaml`` in
    it), and the folders given, whose case files must each name a rule."""
    files: list[Path] = []
    folders: list[Path] = []
    for spec in specs:
        path = presets().get(spec) or Path(spec)
        if path.is_dir():
            folders.append(path)
            files += sorted(p for p in path.glob("*.yaml") if _is_ruleset(p))
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(t("rules_test.no_ruleset", spec=repr(spec)))
    return files, folders


def _is_ruleset(path: Path) -> bool:
    """Whether a YAML file of a folder is a rule set (a mapping with ``ruleset:``; one that
    cannot be read is taken as one, so loading it says what is wrong), not the folder's
    ``spguard.yaml`` or a waivers file."""
    if not path.is_file():
        return False
    try:
        docs = read_documents(path, path.as_posix())[1]
    except InputError:
        return True
    return len(docs) == 1 and isinstance(docs[0], dict) and "ruleset" in docs[0]


def run_cases(specs: Iterable[str], root: Path, lang: str, today: date) -> RuleTestResult:
    """Every case of the rules the rule sets ``specs`` define (not those they extend)."""
    files, folders = rule_set_files(specs, root)
    rules: dict[str, Rule] = {}
    for file in files:
        own = file.resolve()
        for rule in load_rules([str(file)], root):
            if Path(rule.file).resolve() == own:
                rules.setdefault(rule.code, replace(rule, enabled=True))
    outcomes: list[CaseOutcome] = []
    untested = []
    for code, rule in sorted(rules.items()):
        case_file = Path(rule.file).parent / CASES / f"{code}.yaml"
        if case_file.is_file():
            outcomes += _run_file(case_file, rule, root, lang, today)
        else:
            untested.append(code)
    for folder in folders:
        for case_file in sorted((folder / CASES).glob("*.yaml")):
            if case_file.stem not in rules:
                shown = source_name(str(case_file), root)[0]
                problem = t("rules_test.orphan", file=shown, code=case_file.stem)
                outcomes.append(CaseOutcome(shown, 1, case_file.stem, "file", "", problem=problem))
    return RuleTestResult(tuple(outcomes), tuple(untested))


def _run_file(file: Path, rule: Rule, root: Path, lang: str, today: date) -> list[CaseOutcome]:
    shown = source_name(str(file), root)[0]
    try:
        text, case = read_validated(file, shown, "rule-cases")
    except UsageError as err:
        return [CaseOutcome(shown, 1, rule.code, "file", "", problem=str(err))]
    if case["rule"] != rule.code:
        problem = t("rules_test.wrong_rule", file=shown, rule=case["rule"], code=rule.code)
        return [
            CaseOutcome(shown, position(text, ["rule"])[0], rule.code, "file", "", problem=problem)
        ]
    unknown = _unknown_kind(case, text, shown)
    if unknown is not None:  # a typo in a kind would make a passing case pass by itself
        return [CaseOutcome(shown, unknown[0], rule.code, "file", "", problem=unknown[1])]
    day = date.fromisoformat(case["today"]) if "today" in case else today
    context = [_document(item) for item in case.get("context", [])]

    def outcome(
        kind: str, at: list[str | int], item: Mapping[str, Any], paths: list[str]
    ) -> CaseOutcome:
        subject = _document(item)
        found = lint_documents([subject], Repository([subject, *context]), [rule], lang, day)
        return CaseOutcome(
            shown,
            position(text, at)[0],
            rule.code,
            kind,
            str(item["id"]),
            tuple(sorted(paths)),
            tuple(sorted((f.path, f.message) for f in found)),
        )

    outcomes = [outcome("pass", ["pass", i], item, []) for i, item in enumerate(case["pass"])]
    outcomes += [
        outcome("fail", ["fail", i], failing["artifact"], list(failing["paths"]))
        for i, failing in enumerate(case["fail"])
    ]
    return outcomes


def _unknown_kind(case: Mapping[str, Any], text: str, shown: str) -> tuple[int, str] | None:
    """(line, problem) of the first artifact of a case file whose kind spguard does not know."""
    known = default_registry().kinds
    places: list[list[str | int]] = [["context", i] for i in range(len(case.get("context", [])))]
    places += [["pass", i] for i in range(len(case["pass"]))]
    places += [["fail", i, "artifact"] for i in range(len(case["fail"]))]
    for at in places:
        item: Any = case
        for part in at:
            item = item[part]
        if item["kind"] not in known:
            line = position(text, [*at, "kind"])[0]
            problem = t(
                "rules_test.unknown_kind",
                where=f"{shown}:{line}",
                kind=repr(item["kind"]),
                known=", ".join(sorted(known)),
            )
            return line, problem
    return None


def _document(data: Mapping[str, Any]) -> Document:
    """A case's artifact as a document; ``name``, ``status`` and ``scope`` have defaults."""
    full = {"name": data.get("id"), "status": "active", "scope": {"level": "central"}, **data}
    display = f"case/{full['kind']}/{full['id']}.yaml"
    return Document(Path(display), display, dump_canonical(full), full)
