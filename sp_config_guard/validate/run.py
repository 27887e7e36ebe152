"""Validation: every artifact against the envelope and its kind's JSON Schema, list identity
keys unique, ids unique per kind, files where the path scheme puts them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sp_config_guard.load.config import Config, load_config
from sp_config_guard.load.discovery import is_repository
from sp_config_guard.load.identity import identity_findings
from sp_config_guard.load.loader import Document, absolute
from sp_config_guard.load.workspace import discover, load_workspace
from sp_config_guard.load.yamlio import line_column, positions
from sp_config_guard.messages import Msg, msg
from sp_config_guard.model.kinds import Kind, KindRegistry, Node, default_registry
from sp_config_guard.model.wording import schema_error_message
from sp_config_guard.normalize.canonical import artifact_path
from sp_config_guard.result import Finding, Result, json_path


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


def check_document(
    doc: Document, kind: Kind, redact: bool = False, in_repository: bool = True
) -> list[Finding]:
    """Schema and identity findings for one loaded artifact (``redact``: messages name the
    failed schema keyword, never the value); in a repository its place is its display (relative
    to the root), outside one the file's path must end with its place."""
    tree = None
    findings = []

    def finding(code: str, message: Msg, path: list[str | int], severity: str = "error") -> Finding:
        nonlocal tree
        if tree is None:
            tree = positions(doc.text)
        line, column = line_column(tree, path)
        return Finding(
            doc.display,
            line,
            column,
            code,
            severity,
            str(message),
            json_path(path),
            kind.name,
            doc.id,
            ident=message.ident,
        )

    for error in kind.schema_errors(doc.data):
        message = (
            msg("SCH001.redacted", validator=error.validator)
            if redact
            else schema_error_message(error)
        )
        findings.append(finding("SCH001", message, list(error.absolute_path)))
    for path, key, value in _duplicate_identities(doc.data, kind.root, []):
        findings.append(
            finding(
                "SCH002",
                msg(
                    "SCH002.duplicate",
                    key=key,
                    value="[redacted]" if redact else repr(value),
                    key_name=repr(key),
                ),
                path,
            )
        )
    if not findings:
        expected = artifact_path(doc.data).as_posix()
        if in_repository:
            placed = doc.display == expected
        else:
            placed = absolute(doc.path).endswith("/" + expected)
        if not placed:
            findings.append(
                finding(
                    "SCH004",
                    msg("SCH004.misplaced", expected=expected),
                    [],
                    "warning",
                )
            )
    return findings


def validate(
    paths: Sequence[Path],
    registry: KindRegistry | None = None,
    redact: bool = False,
    config: Config | None = None,
) -> Result:
    """Validate every artifact file under ``paths`` (``redact``: no field content shown): the
    files lint reads there, with the configuration (by default the one around the first path);
    files are named relative to the repository root."""
    registry = registry or default_registry()
    config = config or load_config(paths[0] if paths else Path("."))
    in_repository = is_repository(config.root)
    result = Result("validate")
    # validate writes nothing, not even the cache: it reads every file itself
    scanned, _ = discover(paths, config.root, config.wanted, whole=False, use_cache=False)
    workspace = load_workspace(scanned)
    result.files = len(scanned.files)
    result.findings = [Finding.from_problem(problem) for problem in workspace.problems]
    result.findings += identity_findings(workspace.docs, registry)
    for doc in workspace.docs:
        kind = doc.kind or ""
        if kind in registry:
            result.findings += check_document(doc, registry.get(kind), redact, in_repository)
    return result
