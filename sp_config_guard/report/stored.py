"""Reports stored beside the lint result they were made from: a lint that reuses a stored
result (nothing changed) writes the very text the last run made of it, without reading back
and making its findings or rendering them again (at 100,000 artifacts 93,000 findings, about
1.4 s of a 4.5 s run).

A report is stored under the result's key (:func:`~sp_config_guard.lint.result_key.result_key`:
the content of every file, the rules, the settings, the language and date) together with
everything else a report is made from: its format, ``--statistics``, colour, the language
messages are rendered in, the configuration's ``fail_on`` and ``docs_url`` (set on the result
after the lint), the working folder, the tool (version, cache format, schemas) and this module's
:data:`FORMAT`; beside it, the exit code of the run (its ``fail_on`` is in the key). Only the
formats whose making was read for what they depend on are stored (:data:`REUSED`), and only
reports of :data:`SMALLEST` characters or more (a smaller one is made faster than stored). The
text is compressed as :mod:`~sp_config_guard.load.packed` compresses; a row that does not
decompress and decode is a miss (the report is made again), never an error."""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from pathlib import Path

from sp_config_guard import report
from sp_config_guard.load.cache import Cache, digest, open_cache, tool_key
from sp_config_guard.messages import current_lang
from sp_config_guard.result import Result, StoredResult

FORMAT = 1  # what a stored report is; a new one never reads an old one
REUSED = frozenset({"text", "grouped", "json", "sarif"})
"""The formats that depend on nothing but the result and what :func:`report_key` holds."""
SMALLEST = 1 << 20
"""Characters: a smaller report (about 4,000 findings in text) is made in a few milliseconds."""
KEPT = 20  # the newest reports kept


def rendered(result: Result, name: str, statistics: bool = False, colour: bool = False) -> str:
    """The report :func:`sp_config_guard.report.get` makes of ``result`` in format ``name``
    (``statistics``, ``colour`` as there), the stored one when a result of the cache has it;
    a report made of a stored result is stored for the next run."""
    render = report.get(name, statistics=statistics, colour=colour)
    if result.stored_as is None or name not in REUSED:
        return render(result)
    root, result_key = result.stored_as
    store = open_cache(Path(root))
    if store is None or store.db is None:
        return render(result)
    key = report_key(result, result_key, name, statistics, colour)
    try:
        found = _read(store.db, key)
        if found is not None:
            code, text = found
            if isinstance(result, StoredResult):
                result.known_exit = (result.fail_on, code)
            return text
        text = render(result)
        if len(text) >= SMALLEST:
            _write(store, key, result.exit_code(), text)
        return text
    finally:
        store.close()


def report_key(result: Result, result_key: str, name: str, statistics: bool, colour: bool) -> str:
    """Everything a report of the result stored under ``result_key`` is made from, hashed."""
    parts = [
        FORMAT,
        tool_key(),
        result_key,
        name,
        statistics,
        colour,
        current_lang(),
        result.fail_on,
        result.docs_url,
        os.getcwd(),
    ]
    return digest(json.dumps(parts).encode())


def _read(db: sqlite3.Connection, key: str) -> tuple[int, str] | None:
    """(exit code, text) stored under ``key``; None on a miss or a damaged row."""
    try:
        row = db.execute("SELECT exit, data FROM reports WHERE key=?", (key,)).fetchone()
        if row is None or type(row[0]) is not int or not isinstance(row[1], bytes):
            return None
        return row[0], zlib.decompress(row[1]).decode("utf-8")
    except (sqlite3.Error, zlib.error, UnicodeDecodeError):
        return None


def _write(store: Cache, key: str, code: int, text: str) -> None:
    """Store a report atomically (the newest :data:`KEPT` are kept); an error stores none."""
    assert store.db is not None
    data = zlib.compress(text.encode("utf-8"), 1)
    try:
        with store.db:
            store.db.execute("BEGIN IMMEDIATE")
            store.db.execute("INSERT OR REPLACE INTO reports VALUES (?, ?, ?)", (key, code, data))
            store.db.execute(
                "DELETE FROM reports WHERE rowid NOT IN"
                f" (SELECT rowid FROM reports ORDER BY rowid DESC LIMIT {KEPT})"
            )
    except sqlite3.Error:
        return
