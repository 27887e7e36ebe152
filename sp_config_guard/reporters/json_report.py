"""Versioned JSON (``version: 1``): a summary and every finding as a record.

Keys: ``version``, ``tool``, ``command``, ``summary`` {files, error, warning, info} and
``findings``, each with file, line, column, code, severity, message, path (JSONPath), kind,
artifact and fingerprint."""

from __future__ import annotations

import json

from sp_config_guard import __version__
from sp_config_guard.result import Result

FORMAT_VERSION = 1


def render(result: Result) -> str:
    """The JSON report of a result."""
    document = {
        "version": FORMAT_VERSION,
        "tool": {"name": "spguard", "version": __version__},
        "command": result.command,
        "summary": {"files": result.files, **result.counts()},
        "findings": result.as_records(),
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
