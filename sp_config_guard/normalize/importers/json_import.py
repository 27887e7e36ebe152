"""JSON exports: a document whose records sit at the profile's ``records`` path.

Duplicate keys are an error, never last-one-wins."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.load.sources import decode, read_bytes
from sp_config_guard.load.yamlio import INT_LIMIT
from sp_config_guard.messages import Msg, msg
from sp_config_guard.normalize.importers import ReadOptions, SourceRecord, select


class _DuplicateKey(ValueError):
    pass


class _NotANumber(ValueError):
    """A number JSON may write but no artifact may hold: NaN, Infinity, 1e999, or an integer
    with more digits than Python converts."""

    def __init__(self, token: str, message: Msg) -> None:
        super().__init__(token)
        self.token, self.message = token, message


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _constant(token: str) -> float:
    raise _NotANumber(token, msg("LOAD011.not_finite"))


def _float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise _NotANumber(token, msg("LOAD011.not_finite"))
    return value


def _int(token: str) -> int:
    try:
        value = int(token)
    except ValueError:  # over sys.get_int_max_str_digits()
        raise _NotANumber(token, msg("LOAD011.digits")) from None
    if abs(value) >= INT_LIMIT:
        raise _NotANumber(token, msg("LOAD011.digits"))
    return value


# JSON's tokens that can hold a number's letters: strings (skipped) and numbers or constants
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|(-?[0-9][0-9.eE+-]*|-?Infinity|NaN)')
_SURROGATE = re.compile("[\ud800-\udfff]")


def _place(text: str, index: int | None) -> tuple[int | None, int | None]:
    """1-based (line, column) of ``index`` in ``text``."""
    if index is None:
        return None, None
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _token_at(text: str, token: str) -> int | None:
    """Where ``token`` first stands as a number in ``text`` (not inside a string)."""
    for match in _TOKEN.finditer(text):
        if match.group(1) == token:
            return match.start(1)
    return None


def _lone_surrogate(text: str) -> int | None:
    """Where the first string with a lone surrogate starts in ``text``."""
    for match in _TOKEN.finditer(text):
        string = match.group(0) if match.group(1) is None else ""
        if "\\u" in string and _SURROGATE.search(json.loads(string)):
            return match.start()
    return None


def _has_surrogate(value: Any) -> bool:
    """Whether a parsed value holds a string with a lone surrogate (an ``\\ud800`` escape),
    which no file can be written with."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if _SURROGATE.search(node):
                return True
        elif isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def parse(text: str, display: str) -> Any:
    """Parse JSON text; raise :class:`InputError` with line and column on bad input: malformed
    JSON, duplicate keys, numbers that are not finite or too long, lone surrogates."""
    try:
        document = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_constant,
            parse_float=_float,
            parse_int=_int,
        )
    except json.JSONDecodeError as err:
        raise InputError(
            Problem(
                "LOAD001",
                msg("LOAD001.json", detail=err.msg),
                display,
                err.lineno,
                err.colno,
            )
        ) from None
    except _DuplicateKey as err:
        raise InputError(
            Problem(
                "LOAD002",
                msg("LOAD002.json", key=repr(err.args[0])),
                display,
            )
        ) from None
    except _NotANumber as err:
        line, column = _place(text, _token_at(text, err.token))
        raise InputError(Problem("LOAD011", err.message, display, line, column)) from None
    except RecursionError:
        raise InputError(Problem("LOAD009", msg("LOAD009.export_too_deep"), display)) from None
    if _has_surrogate(document):
        line, column = _place(text, _lone_surrogate(text))
        raise InputError(Problem("LOAD011", msg("LOAD011.surrogate"), display, line, column))
    return document


def read(path: Path, display: str, options: ReadOptions) -> list[SourceRecord]:
    """Records of a JSON export."""
    document = parse(decode(read_bytes(path, display), display, options.encoding), display)
    return [
        SourceRecord(values, display, msg("record.label", index=index))
        for index, values in enumerate(select(document, options.records, display), start=1)
    ]
