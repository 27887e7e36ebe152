"""Every user-facing message in Danish and English: ``t(key, **fields)`` renders a message of
the catalog (``sp_config_guard/catalog.py``) in the language of the run, set once with
:func:`set_lang` (the CLI after the configuration is resolved, the Python API through its
``lang`` argument).

A :class:`Msg` is a message not yet rendered: it is what input problems carry, so a problem
found in a worker process or stored for later renders in the language of the run, and its
:attr:`Msg.ident` (key and fields) identifies it in any language (fingerprints, baselines)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sp_config_guard.catalog import CATALOG

LANGS = ("da", "en")
_state = {"lang": "en"}
INERT_LIMIT = 500
"""The most characters of one value a message shows (the rest is counted, not echoed)."""
# control characters and line/paragraph separators: a value never breaks or colours a line
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# CI log commands: ``::`` starting a line (GitHub), ``##vso[`` / ``##[`` anywhere (Azure)
_COMMAND = re.compile(r"^(\s*):(?=:)|#(?=#vso\[|#\[)")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def set_lang(lang: str) -> None:
    """Render every following message in ``lang`` (``da`` or ``en``)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    _state["lang"] = lang


def current_lang() -> str:
    """The language messages are rendered in now."""
    return _state["lang"]


@contextmanager
def language(lang: str | None) -> Iterator[None]:
    """Render messages in ``lang`` inside the block (unchanged when None)."""
    before = _state["lang"]
    if lang is not None:
        set_lang(lang)
    try:
        yield
    finally:
        _state["lang"] = before


def inert(value: str, limit: int | None = None) -> str:
    """``value`` as inert text on one line, for every text output: control characters and
    line breaks as escapes (``\\n``, ``\\x1b``), a CI log command it could start broken
    (``\\x3a:`` for a leading ``::``, ``\\x23#vso[`` for ``##vso[``, ``\\x23#[`` for
    ``##[``), and, with a ``limit``, at most that many characters of it (the rest counted).
    Without a limit, applying it twice changes nothing more."""
    if limit is not None and len(value) > limit:
        value = value[:limit] + t("inert.more", count=len(value) - limit)
    if value.isprintable() and "::" not in value and "##" not in value:
        return value  # nothing to escape (no character of _CONTROL is printable)
    return _COMMAND.sub(_break_command, _CONTROL.sub(_escape_control, value))


def _escape_control(match: re.Match[str]) -> str:
    code = ord(match.group())
    return _ESCAPES.get(match.group()) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def _break_command(match: re.Match[str]) -> str:
    lead = match.group(1)
    return "\\x23" if lead is None else lead + "\\x3a"


def t(key: str, /, **fields: Any) -> str:
    """The message ``key`` in the current language with ``fields`` filled in: a message or an
    error rendered, a number as it is, anything else as :func:`inert` text, a text value of at
    most ``INERT_LIMIT`` characters (a value never breaks the line or floods it)."""
    return CATALOG[key][_state["lang"]].format(**{k: _field(v) for k, v in fields.items()})


def _field(value: Any) -> Any:
    # a message or an error is rendered already (its own fields made inert)
    if isinstance(value, (Msg, BaseException, int, float)):
        return value
    return inert(value, INERT_LIMIT) if isinstance(value, str) else inert(str(value))


def placeholders(text: str) -> set[str]:
    """The names of the ``{placeholders}`` in a catalog text."""
    from string import Formatter

    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


@dataclass(frozen=True)
class Msg:
    """A catalog message with its fields, rendered when it is inert."""

    key: str
    fields: tuple[tuple[str, Any], ...] = ()

    def __str__(self) -> str:
        return t(self.key, **dict(self.fields))

    @property
    def ident(self) -> str:
        """The message's identity in every language: its key and its fields."""
        values = {name: _ident(value) for name, value in self.fields}
        import json  # not for --help, which renders no Msg

        return json.dumps([self.key, values], sort_keys=True, ensure_ascii=False, default=str)


def _ident(value: Any) -> Any:
    return value.ident if isinstance(value, Msg) else value


def msg(key: str, /, **fields: Any) -> Msg:
    """A message to render later (see :class:`Msg`); the key must be in the catalog."""
    if key not in CATALOG:
        raise KeyError(f"no message {key!r} in the catalog")
    return Msg(key, tuple(sorted(fields.items())))
