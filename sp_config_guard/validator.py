"""Validation: every artifact against the envelope and its kind's JSON Schema, list identity
keys unique, ids unique per kind, files where the path scheme puts them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sp_config_guard.canonical import artifact_path
from sp_config_guard.errors import InputError, Problem
from sp_config_guard.kinds import Kind, KindRegistry, Node, default_registry
from sp_config_guard.loader import Document, iter_files, load_document
from sp_config_guard.result import Finding, Result, json_path
from sp_config_guard.yamlio import compose, locate


def _duplicate_identities(
    value: Any, node: Node | None, path: list[str | int]
) -> list[tuple[list[str | int], str, str]]:
    """(path, key, value) of every repeated identity value in identity-keyed lists."""
    out: list[tuple[list[str | int], str, str]] = []
    if node is None:
        return out
    if isinstance(value, dict):
        for key, sub in value.items():
            out += _duplicate_identities(sub, node.child(key), [*path, key])
    elif isinstance(value, list):
        identity = node.identity
        seen: set[str] = set()
        item_node = node.child(0)
        for index, item in enumerate(value):
            if identity and isinstance(item, dict) and identity in item:
                key = str(item[identity])
                if key in seen:
                    out.append(([*path, index, identity], identity, key))
                seen.add(key)
            out += _duplicate_identities(item, item_node, [*path, index])
    return out


def check_document(doc: Document, kind: Kind, redact: bool = False) -> list[Finding]:
    """Schema and identity findings for one loaded artifact (``redact``: messages name the
    failed schema keyword, never the value)."""
    tree = None
    findings = []

    def finding(code: str, message: str, path: list[str | int], severity: str = "error") -> Finding:
        nonlocal tree
        if tree is None:
            tree = compose(doc.text)
        line, column = locate(tree, path)
        return Finding(
            doc.display, line, column, code, severity, message, json_path(path), kind.name, doc.id
        )

    for error in kind.validator.iter_errors(doc.data):
        message = f"fails the schema's '{error.validator}' [redacted]" if redact else error.message
        findings.append(finding("SCH001", message, list(error.absolute_path)))
    for path, key, value in _duplicate_identities(doc.data, kind.root, []):
        findings.append(
            finding(
                "SCH002",
                f"{key} {'[redacted]' if redact else repr(value)} appears twice in this list; "
                f"items are matched by {key!r}",
                path,
            )
        )
    if not findings:
        expected = artifact_path(doc.data).as_posix()
        if not doc.path.as_posix().endswith("/" + expected) and doc.path.as_posix() != expected:
            findings.append(
                finding(
                    "SCH004",
                    f"by its kind, scope and id this file belongs at .../{expected}; "
                    "run spguard normalize to move it",
                    [],
                    "warning",
                )
            )
    return findings


def validate(
    paths: Sequence[Path], registry: KindRegistry | None = None, redact: bool = False
) -> Result:
    """Validate every artifact file under ``paths`` (``redact``: no field content shown)."""
    registry = registry or default_registry()
    result = Result("validate")
    first_seen: dict[tuple[str, str], str] = {}
    for path, display in iter_files(paths):
        result.files += 1
        try:
            doc = load_document(path, display)
        except InputError as err:
            result.findings.append(Finding.from_problem(err.problem))
            continue
        kind_name = doc.kind or ""
        if kind_name not in registry:
            line, column = locate(compose(doc.text), ["kind"])
            message = (
                f"unknown kind {kind_name!r}; known kinds: {', '.join(k.name for k in registry)}"
            )
            result.findings.append(
                Finding.from_problem(Problem("LOAD008", message, display, line, column))
            )
            continue
        result.findings += check_document(doc, registry.get(kind_name), redact)
        if doc.id is not None:
            key = (kind_name, doc.id)
            if key in first_seen:
                line, column = locate(compose(doc.text), ["id"])
                result.findings.append(
                    Finding(
                        display,
                        line,
                        column,
                        "SCH003",
                        "error",
                        f"{kind_name} id {doc.id!r} is also used by {first_seen[key]}; "
                        "ids are unique per kind",
                        "$.id",
                        kind_name,
                        doc.id,
                    )
                )
            else:
                first_seen[key] = display
    return result
