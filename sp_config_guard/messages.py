"""Every user-facing message in Danish and English: ``t(key, **fields)`` renders a message of
the catalog (``sp_config_guard/catalog.py``) in the language of the run, set once with
:func:`set_lang` (the CLI after the configuration is resolved, the Python API through its
``lang`` argument).

A :class:`Msg` is a message not yet rendered: it is what input problems carry, so a problem
found in a worker process or stored for later renders in the language of the run, and its
:attr:`Msg.ident` (key and fields) identifies it in any language (fingerprints, baselines)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from string import Formatter
from typing import Any

from sp_config_guard.catalog import CATALOG

LANGS = ("da", "en")
_state = {"lang": "en"}


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


def t(key: str, /, **fields: Any) -> str:
    """The message ``key`` in the current language with ``fields`` filled in."""
    return CATALOG[key][_state["lang"]].format(**fields)


def placeholders(text: str) -> set[str]:
    """The names of the ``{placeholders}`` in a catalog text."""
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


@dataclass(frozen=True)
class Msg:
    """A catalog message with its fields, rendered when it is shown."""

    key: str
    fields: tuple[tuple[str, Any], ...] = ()

    def __str__(self) -> str:
        return t(self.key, **dict(self.fields))

    @property
    def ident(self) -> str:
        """The message's identity in every language: its key and its fields."""
        values = {name: _ident(value) for name, value in self.fields}
        return json.dumps([self.key, values], sort_keys=True, ensure_ascii=False, default=str)


def _ident(value: Any) -> Any:
    return value.ident if isinstance(value, Msg) else value


def msg(key: str, /, **fields: Any) -> Msg:
    """A message to render later (see :class:`Msg`); the key must be in the catalog."""
    if key not in CATALOG:
        raise KeyError(f"no message {key!r} in the catalog")
    return Msg(key, tuple(sorted(fields.items())))
