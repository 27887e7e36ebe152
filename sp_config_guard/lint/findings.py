"""What a check's hit becomes: the finding with its rule's code, severity and owner, its message
(fields in words, never JSON) and, where asked or where the rule is sensitive, its redaction."""

from __future__ import annotations

import hashlib
import json
import string
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sp_config_guard.lint.checks import Hit
from sp_config_guard.lint.ruleset import Rule
from sp_config_guard.load.loader import Document
from sp_config_guard.messages import Msg, language
from sp_config_guard.model.places import place_words, value_words
from sp_config_guard.result import Finding, Repair, json_path


def scope_label(data: Mapping[str, Any]) -> str:
    """``central``, or ``region/hospital/department[/users/user]`` of an artifact."""
    scope = data.get("scope") or {}
    if scope.get("level") == "central":
        return "central"
    parts = [str(scope[k]) for k in ("region", "hospital", "department") if scope.get(k)]
    if scope.get("level") == "user" and scope.get("user"):
        parts += ["users", str(scope["user"])]
    return "/".join(parts) or "?"


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Msg):  # a check's wording (e.g. cpr's modulus11), in the run's language
        return str(value)
    # a person reads the message: a value in words (an item by identity and name, a dose as
    # "40 mg", nothing as "(none)"), never JSON; JSON and SARIF keep the value itself
    return value_words(value)


def render_message(template: str, fields: Mapping[str, Any]) -> str:
    """Fill ``{name}`` fields of a rule message; unknown fields stay as written."""
    safe = _Fields({key: _text(value) for key, value in fields.items()})
    return string.Formatter().vformat(template, (), safe)


REDACTED = "[redacted]"
# message fields that name places, rules or counts, never an artifact's field content
_NOT_CONTENT = frozenset(
    {
        "artifact",
        "path",
        "regex",
        "missing",
        "missing_field",  # the rule's path in words, never the artifact's content
        "first",
        "other",
        "count",
        "days",
        "days_left",
        "target_kind",
        "modulus11",  # what the cpr check says of the number, never its digits
        "basis",  # what the person_name check found a name by, never the name
    }
)


def redact(value: Any) -> str:
    """A stand-in for a sensitive value: no content, but stable (for baselines)."""
    digest = hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()
    return f"{REDACTED} sha256:{digest[:12]}"


def finding(
    rule: Rule,
    doc: Document,
    hit: Hit,
    place: tuple[int, int],
    lang: str,
    redact_all: bool,
    repair: Repair | None = None,
) -> Finding:
    """The finding of one hit of ``rule`` on ``doc`` at ``place`` (line, column): its message in
    ``lang``, sensitive values hidden, and with ``redact_all`` no field content at all (nor in
    the text edit of its ``repair``)."""
    path = json_path(hit.path)
    fields = {
        "artifact": f"{doc.kind} {doc.id}",
        "name": doc.data.get("name", ""),
        "path": path,
        "value": hit.value,
        "where": place_words(doc.kind, doc.data, hit.path),
        **hit.fields,
    }
    value = hit.value
    if rule.sensitive:  # e.g. CPR numbers: the finding must not repeat what it found
        fields = {**fields, **{key: REDACTED for key in ("value", "match")}}
        value = redact(hit.value)
    with language(lang):
        message = render_message(rule.message.get(lang, rule.message["en"]), fields)
    finding = Finding(
        file=doc.display,
        line=place[0],
        column=place[1],
        code=rule.code,
        severity=rule.severity,
        message=message,
        path=path,
        kind=doc.kind,
        artifact=doc.id,
        scope=scope_label(doc.data),
        rule=rule.name,
        title=rule.title.get(lang, rule.title["en"]),
        ruleset=rule.ruleset,
        ruleset_version=rule.version,
        owner=rule.owner,
        docs=rule.docs,
        value=value,
        repair=repair if repair is None or not (redact_all or rule.sensitive) else _no_edit(repair),
    )
    if not redact_all:
        return finding
    # --redact: no field content at all (a CI log may be public); same fingerprint
    hidden = {k: v if k in _NOT_CONTENT else REDACTED for k, v in fields.items()}
    hidden["where"] = place_words(doc.kind, None, hit.path)  # the place without names
    with language(lang):
        message = render_message(rule.message.get(lang, rule.message["en"]), hidden)
    return replace(
        finding,
        message=message,
        value=redact(hit.value),
        redacted_from=finding.fingerprint,
    )


def _no_edit(repair: Repair) -> Repair:
    """``repair`` without its text edit: a redacted report shows no field content."""
    return replace(repair, edit=None)
