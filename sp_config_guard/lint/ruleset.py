"""Rule sets: loaded strictly (schema, check options, regexes, extends, overrides), every
error naming the file and line; the result is the flat list of effective rules."""

from __future__ import annotations

import json
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from sp_config_guard.errors import InputError, UsageError
from sp_config_guard.lint import checks
from sp_config_guard.lint.regex_safety import check_regex
from sp_config_guard.load.cache import Cache, digest
from sp_config_guard.load.loader import read_input
from sp_config_guard.load.sources import decode
from sp_config_guard.load.yamlio import parse_yaml, position
from sp_config_guard.messages import t
from sp_config_guard.model.shipped import ShippedValidator, data_dir, presets, shipped_validator
from sp_config_guard.model.wording import schema_error_message, shown
from sp_config_guard.result import RuleInfo

DEFAULT_LEVELS = frozenset({"central", "region", "hospital", "department"})


class RuleSetError(UsageError):
    """An invalid rule set (exit code 2), with file and line in the message."""


@dataclass(frozen=True)
class Rule:
    """One effective rule, stamped with the rule set it came from."""

    code: str
    name: str
    severity: str
    title: Mapping[str, str]
    message: Mapping[str, str]
    rationale: Mapping[str, str]
    check_type: str
    options: Mapping[str, Any]
    ruleset: str
    version: str
    owner: str
    file: str
    docs: str | None = None
    kinds: frozenset[str] | None = None
    levels: frozenset[str] = DEFAULT_LEVELS
    where: tuple[tuple[str, Any], ...] = ()
    enabled: bool = True
    sensitive: bool = False
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def info(self, lang: str = "en") -> RuleInfo:
        """The rule as reporters see it."""
        return RuleInfo(
            self.code,
            self.name,
            self.title.get(lang, self.title["en"]),
            self.severity,
            self.ruleset,
            self.version,
            self.owner,
            self.docs,
            self.rationale.get(lang, self.rationale["en"]),
        )


def _fail(file: str, text: str, where: Sequence[str | int], message: object) -> RuleSetError:
    line, column = position(text, list(where))
    return RuleSetError(t("ruleset.invalid", where=f"{file}:{line}:{column}", detail=message))


def _check_rule(
    rule: Mapping[str, Any], at: list[str | int], file: str, text: str, root: Path | None
) -> None:
    """Check type, its options, regexes and JSONPaths of one rule."""
    check = dict(rule["check"])
    kind = check.pop("type")
    try:
        checks.get(kind, root)  # an unknown type, or a plugin from the repository, fails here
    except KeyError as err:
        raise _fail(file, text, [*at, "check", "type"], str(err.args[0])) from None
    for lang, template in sorted(rule["message"].items()):
        problem = message_problem(template)
        if problem is not None:
            raise _fail(file, text, [*at, "message", lang], problem)
    for error in _options_validator(kind).iter_errors(check):
        where = [*at, "check", *error.absolute_path]
        raise _fail(
            file,
            text,
            where,
            t("ruleset.check_options", check=kind, detail=schema_error_message(error)),
        )
    for where, problem in getattr(checks.get(kind), "problems", lambda _: ())(check):
        raise _fail(file, text, [*at, "check", *where], problem)
    for key, value in check.items():
        if key == "regex":
            problem = check_regex(str(value))
            if problem:
                raise _fail(file, text, [*at, "check", key], problem)
        queries = value if key == "paths" else [value] if key in _PATH_KEYS else []
        for query in queries:
            try:
                checks.compile_path(str(query))
            except checks.QueryError as err:
                bad = t("ruleset.bad_jsonpath", query=repr(query), detail=err)
                raise _fail(file, text, [*at, "check", key], bad) from None
    for query in (rule.get("applies_to") or {}).get("where", {}):
        try:
            checks.compile_path(query)
        except checks.QueryError as err:
            where = [*at, "applies_to", "where", query]
            bad = t("ruleset.bad_jsonpath", query=repr(query), detail=err)
            raise _fail(file, text, where, bad) from None


_PATH_KEYS = ("path", "min_path", "max_path")


def message_problem(template: str) -> str | None:
    """Why a rule message cannot be filled, or None: only plain ``{name}`` fields (a name
    of letters, digits and ``_``), no ``{0}``, ``{name!r}``, ``{name:>9}`` (a format spec
    could build a string of any size) or unbalanced braces; ``{{`` and ``}}`` are braces."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as err:  # "{" alone, "}" alone
        return t("ruleset.message_braces", detail=str(err))
    for _, name, spec, conversion in parts:
        if name is not None and (spec or conversion or not name.isidentifier()):
            field = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            return t("ruleset.message_field", field=shown("{" + field + "}"))
    return None


@cache
def _options_validator(kind: str) -> ShippedValidator:
    """The validator of a check type's options (built once per process; formats unchecked,
    as ever): jsonschema is imported only for options its pre-check rejects."""
    return ShippedValidator(checks.get(kind).OPTIONS_SCHEMA, formats=False)


def _resolve_extend(name: str, file: Path, root: Path | None) -> Path:
    shipped = presets()
    if name in shipped:
        return shipped[name]
    target = (file.parent / name).resolve()
    allowed = [data_dir("rules").resolve()] + ([root.resolve()] if root else [])
    if not any(target.is_relative_to(base) for base in allowed):
        raise RuleSetError(
            f"{file}: extends {name!r}: only shipped presets ({', '.join(shipped)}) or files "
            "inside the repository may be extended"
        )
    if not target.is_file():
        raise RuleSetError(f"{file}: extends {name!r}: no such preset or file")
    return target


def _load_file(
    path: Path,
    root: Path | None,
    seen: tuple[Path, ...],
    loaded: dict[Path, list[Rule]],
    read: dict[str, str],
) -> list[Rule]:
    path = path.resolve()
    if path in seen:
        raise RuleSetError(f"{path}: extends itself through {' -> '.join(p.name for p in seen)}")
    if path in loaded:
        return loaded[path]
    display = path.as_posix()
    try:
        data_bytes = read_input(path, display)[0]
        text = decode(data_bytes, display)
        docs = parse_yaml(text, display)
    except InputError as err:
        raise RuleSetError(str(err.problem)) from None
    read[display] = digest(data_bytes)
    if len(docs) != 1 or not isinstance(docs[0], dict):
        raise RuleSetError(
            t("ruleset.invalid", where=f"{display}:1:1", detail=t("ruleset.not_mapping"))
        )
    data = docs[0]
    _refuse_plain_rationale(data, display, text)
    for error in sorted(
        shipped_validator("ruleset").iter_errors(data), key=lambda e: list(e.absolute_path)
    ):
        raise _fail(display, text, list(error.absolute_path), schema_error_message(error))
    inherited: list[Rule] = []
    for name in data.get("extends", []):
        extended = _resolve_extend(name, path, root)
        inherited += _load_file(extended, root, (*seen, path), loaded, read)
    own = []
    for index, raw in enumerate(data.get("rules", [])):
        _check_rule(raw, ["rules", index], display, text, root)
        own.append(_make_rule(raw, data, display))
    rules = _merge(inherited, own, data.get("overrides", {}), display, text)
    loaded[path] = rules
    return rules


def _refuse_plain_rationale(data: Mapping[str, Any], file: str, text: str) -> None:
    """A rationale in one language only (the plain text rule sets once had) is an error that
    says how to write both, rather than schema words: an English run would show Danish."""
    rules = data.get("rules")
    for index, rule in enumerate(rules if isinstance(rules, list) else []):
        if isinstance(rule, dict) and isinstance(rule.get("rationale"), str):
            raise _fail(file, text, ["rules", index, "rationale"], t("ruleset.rationale_text"))


def _make_rule(raw: Mapping[str, Any], ruleset: Mapping[str, Any], file: str) -> Rule:
    applies = raw.get("applies_to") or {}
    options = {k: v for k, v in raw["check"].items() if k != "type"}
    return Rule(
        code=raw["code"],
        name=raw["name"],
        severity=raw["severity"],
        title=raw["title"],
        message=raw["message"],
        rationale={lang: text.strip() for lang, text in raw["rationale"].items()},
        check_type=raw["check"]["type"],
        options=options,
        ruleset=ruleset["ruleset"],
        version=str(ruleset["version"]),
        owner=ruleset["owner"],
        file=file,
        docs=raw.get("docs"),
        kinds=frozenset(applies["kinds"]) if "kinds" in applies else None,
        levels=frozenset(applies.get("levels", DEFAULT_LEVELS)),
        where=tuple(applies.get("where", {}).items()),
        sensitive=bool(raw.get("sensitive", False)) or _sensitive_check(raw["check"]["type"]),
        raw=raw,
    )


def _sensitive_check(kind: str) -> bool:
    """Whether the built-in check type ``kind`` finds personal data (CPR numbers, names): its
    findings never repeat the value, whatever the rule set says."""
    return kind in checks.BUILTIN and bool(getattr(checks.get(kind), "SENSITIVE", False))


def _merge(
    inherited: list[Rule], own: list[Rule], overrides: Mapping[str, Any], file: str, text: str
) -> list[Rule]:
    by_code: dict[str, Rule] = {}
    for rule in [*inherited, *own]:
        if rule.code in by_code and by_code[rule.code] != rule:
            where: list[str | int] = ["rules", own.index(rule)] if rule in own else []
            other = by_code[rule.code]
            twice = t("ruleset.code_twice", code=rule.code, other=other.file)
            raise _fail(file, text, where, twice)
        by_code[rule.code] = rule
    for code, change in overrides.items():
        if code not in by_code:
            unknown = t("ruleset.unknown_override", code=code)
            raise _fail(file, text, ["overrides", code], unknown)
        by_code[code] = replace(
            by_code[code],
            severity=change.get("severity", by_code[code].severity),
            enabled=change.get("enabled", by_code[code].enabled),
        )
    return [by_code[code] for code in sorted(by_code)]


def load_rules(
    specs: Iterable[str], root: Path | None = None, store: Cache | None = None
) -> list[Rule]:
    """The effective rules of the given rule sets (names of presets or paths); all shipped
    presets when none are given. Raises :class:`RuleSetError` naming file and line.

    With ``store`` (the repository's cache), rule sets checked before are read back from it
    while every file they were read from has the same bytes (see :func:`_stored`)."""
    specs = list(specs) or list(presets())
    shipped = presets()
    paths = [shipped[spec] if spec in shipped else Path(spec) for spec in specs]
    key = _store_key(paths, root) if store is not None else ""
    stored = _stored(store, key) if store is not None else None
    if stored is not None:
        return stored
    loaded: dict[Path, list[Rule]] = {}
    read: dict[str, str] = {}
    by_code: dict[str, Rule] = {}
    for spec, path in zip(specs, paths, strict=True):
        if not path.is_file():
            known = ", ".join(shipped) or "none"
            raise RuleSetError(f"rule set {spec!r}: no such preset ({known}) or file")
        for rule in _load_file(path, root, (), loaded, read):
            if rule.code in by_code and by_code[rule.code].file != rule.file:
                raise RuleSetError(
                    f"{rule.file}: rule code {rule.code} is also defined in {by_code[rule.code].file}"
                )
            by_code[rule.code] = rule
    rules = [by_code[code] for code in sorted(by_code)]
    if store is not None:
        _store(store, key, read, rules)
    return rules


# Checked rule sets in the cache: only rules of spguard's own check types (a plugin may change,
# or come from inside the repository under review, unseen: its rules are checked every run).
# The YAML reader gives JSON data (text keys, plain scalars), so what is read back equals
# what was checked.
_FROZEN = ("kinds", "levels")


def _store_key(paths: Sequence[Path], root: Path | None) -> str:
    """The rule sets asked for and the repository (the cache itself is dropped when the tool
    or its schemas change)."""
    given = [str(path.resolve()) for path in paths]
    return digest(json.dumps([given, str(root)]).encode())


def _stored(store: Cache, key: str) -> list[Rule] | None:
    """The rules stored under ``key``, if every file they were read from still has the bytes
    it had (each file read again and hashed); None otherwise."""
    entry = store.result(key, "rulesets")
    if not isinstance(entry, dict):
        return None
    for display, known in entry["files"]:
        try:
            if digest(read_input(Path(display), display)[0]) != known:
                return None
        except InputError:
            return None
    rules = []
    for fields in entry["rules"]:
        for name in _FROZEN:
            fields[name] = None if fields[name] is None else frozenset(fields[name])
        fields["where"] = tuple(tuple(pair) for pair in fields["where"])
        rules.append(Rule(**fields))
    return rules


def _store(store: Cache, key: str, read: Mapping[str, str], rules: Sequence[Rule]) -> None:
    if not all(rule.check_type in checks.BUILTIN for rule in rules):
        return
    rows = []
    for rule in rules:
        fields = dict(vars(rule))
        for name in _FROZEN:
            fields[name] = None if fields[name] is None else sorted(fields[name])
        rows.append(fields)
    store.store_result(key, {"files": sorted(read.items()), "rules": rows}, "rulesets")
