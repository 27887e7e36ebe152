"""The normal form of one artifact: key order, list order, clean strings, typed scalars,
and where its file lives (see docs/canonical-format.md)."""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import PurePosixPath
from typing import Any

from sp_config_guard.load.yamlio import dump_canonical
from sp_config_guard.model.kinds import ENVELOPE_KEYS, SCOPE_KEYS, Kind, Node

_TRUE = frozenset({"true", "ja", "j", "yes", "y", "1", "sand"})
_FALSE = frozenset({"false", "nej", "n", "no", "0", "falsk"})
_THOUSANDS_COMMA_DECIMAL = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$")
_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_DIGITS = re.compile(r"([0-9]+)")
_MAX_EXACT = 2**53
_MAX_DIGITS = 4300  # as yamlio.INT_LIMIT


class KeyCollision(ValueError):
    """Two keys of one mapping become equal when normalised: a value would be lost."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def clean_text(value: str) -> str:
    """NFC, LF line ends, no trailing spaces on any line, no surrounding whitespace."""
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in value:
        value = "\n".join(line.rstrip() for line in value.split("\n"))
    return value.strip()


def parse_number(text: str, decimal: str = ".") -> int | float | None:
    """A number written as text (``2,5`` with a decimal comma), or None if it is not one that
    an artifact can hold (not finite, or too many digits)."""
    text = text.strip().replace("\u2212", "-")
    if decimal == ",":
        if _THOUSANDS_COMMA_DECIMAL.match(text):
            text = text.replace(".", "")
        elif "." in text:
            return None
        text = text.replace(",", ".")
    if not _NUMBER.match(text):
        return None
    if re.fullmatch(r"[-+]?\d+", text):
        # more digits than a report can print: text, which the schema then refuses
        return int(text) if len(text.lstrip("+-")) <= _MAX_DIGITS else None
    number = float(text)
    return tidy_number(number) if math.isfinite(number) else None  # 1e999: text, as above


def tidy_number(value: float) -> int | float:
    """Integral floats become ints, so ``5``, ``5.0`` and ``5,0`` are one value."""
    if math.isfinite(value) and value.is_integer() and abs(value) < _MAX_EXACT:
        return int(value)
    return value


def natural_key(value: Any) -> tuple[Any, ...]:
    """Sort key that puts "2" before "10" and is total over mixed scalar types."""
    text = value if isinstance(value, str) else repr(value)
    parts = tuple(
        (0, int(part), "") if _DIGITS.fullmatch(part) else (1, 0, part)
        for part in _DIGITS.split(text)
        if part
    )
    return (parts, text)


def _coerce(value: Any, node: Node | None, decimal: str) -> Any:
    """Give a scalar the JSON type its schema asks for, where that is lossless."""
    types = node.types if node is not None else ()
    if isinstance(value, str):
        value = clean_text(value)
        if not types or "string" in types or value == "":
            return value
        if "integer" in types or "number" in types:
            number = parse_number(value, decimal)
            if number is not None and ("number" in types or isinstance(number, int)):
                return number
        if "boolean" in types:
            lowered = value.lower()
            if lowered in _TRUE:
                return True
            if lowered in _FALSE:
                return False
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if types and "string" in types and not {"number", "integer"} & set(types):
            return clean_text(
                str(tidy_number(float(value))) if isinstance(value, float) else str(value)
            )
        return tidy_number(value) if isinstance(value, float) else value
    return value


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _canon(value: Any, node: Node | None, decimal: str) -> Any:
    if isinstance(value, dict):
        order = node.property_order() if node is not None else []
        cleaned: dict[str, Any] = {}
        for key, item in value.items():
            clean_key = clean_text(str(key))
            if clean_key in cleaned:
                raise KeyCollision(repr(clean_key))
            cleaned[clean_key] = item
        known = [key for key in order if key in cleaned]
        rest = sorted((key for key in cleaned if key not in order), key=natural_key)
        out: dict[str, Any] = {}
        for key in known + rest:
            item = _canon(cleaned[key], node.child(key) if node else None, decimal)
            if not _is_empty(item):
                out[key] = item
        return out
    if isinstance(value, list):
        item_node = node.child(0) if node is not None else None
        items = [_canon(item, item_node, decimal) for item in value]
        items = [item for item in items if not _is_empty(item)]
        if node is not None and not node.ordered:
            identity = node.identity
            if identity:
                items.sort(
                    key=lambda item: natural_key(
                        item.get(identity, "") if isinstance(item, dict) else item
                    )
                )
            else:
                items.sort(key=natural_key)
        return items
    return _coerce(value, node, decimal)


def canonicalise(data: dict[str, Any], kind: Kind | None, decimal: str = ".") -> dict[str, Any]:
    """The artifact ``data`` in normal form (a new dict; ``data`` is not changed)."""
    root = kind.root if kind is not None else None
    out: dict[str, Any] = {}
    for key in [
        *ENVELOPE_KEYS,
        *sorted((k for k in data if k not in ENVELOPE_KEYS), key=natural_key),
    ]:
        if key not in data:
            continue
        value = _canon(data[key], root.child(key) if root else None, decimal)
        if key == "scope" and isinstance(value, dict):
            value = {
                k: value[k]
                for k in (*SCOPE_KEYS, *sorted(set(value) - set(SCOPE_KEYS)))
                if k in value
            }
        if key == "spec" and value is None:
            value = {}
        if not _is_empty(value) or key == "spec":
            out[key] = value
    return out


def render(data: dict[str, Any]) -> str:
    """The canonical file text of an already canonicalised artifact."""
    return dump_canonical(data)


def artifact_path(data: dict[str, Any]) -> PurePosixPath:
    """Where the artifact's file lives in a configuration tree (docs section 2)."""
    scope = data.get("scope") or {}
    level = scope.get("level")
    parts: list[str]
    if level == "central":
        parts = ["central"]
    else:
        parts = [str(scope.get(k)) for k in ("region", "hospital", "department") if scope.get(k)]
        if level == "user":
            parts += ["users", str(scope.get("user"))]
    return PurePosixPath(*parts, str(data.get("kind")), f"{data.get('id')}.yaml")
