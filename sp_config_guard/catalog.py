"""The message catalog: every user-facing text of the tool in Danish and English, under a
stable key (a problem code with a suffix, or ``area.what``).

The texts live in gettext files, the translators' convention (Poedit, Weblate):
``locale/da/LC_MESSAGES/spguard.po`` holds each message as ``msgctxt`` = its key, ``msgid`` =
the English text, ``msgstr`` = the Danish; ``spguard.pot`` is the template for a new language,
and ``spguard.mo`` the compiled file read here (``python -m tests.locale_build`` makes both
from the ``.po``; tests/test_locale.py checks that they match it). Entries without a key are
click's own texts (``Usage:``, ``Show this message and exit.``), translated for the CLI.

Both languages are required and use the same ``{placeholders}``; tests/test_messages.py
checks that, and that every key is used. House terms (as in the rule sets): fil, mappe, linje,
kolonne, regel, regelsæt, dispensation (waiver), baseline, artefakt, profil (mapping profile),
eksport."""

from __future__ import annotations

import struct
from pathlib import Path

LOCALE = Path(__file__).resolve().parent / "locale"
MO = LOCALE / "da" / "LC_MESSAGES" / "spguard.mo"
_CONTEXT = "\x04"  # gettext's separator of msgctxt and msgid


def read_mo(path: Path) -> dict[str, str]:
    """The entries of a compiled gettext file: ``msgctxt\\x04msgid`` (or ``msgid``; plural
    forms joined by NUL) -> ``msgstr``."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _, count, originals, translations = struct.unpack(order + "4I", data[4:20])
    entries: dict[str, str] = {}
    for i in range(count):
        length, offset = struct.unpack(
            order + "2I", data[originals + 8 * i : originals + 8 * i + 8]
        )
        key = data[offset : offset + length].decode("utf-8")
        length, offset = struct.unpack(
            order + "2I", data[translations + 8 * i : translations + 8 * i + 8]
        )
        entries[key] = data[offset : offset + length].decode("utf-8")
    return entries


def _load() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    catalog: dict[str, dict[str, str]] = {}
    click: dict[str, str] = {}
    for entry, danish in read_mo(MO).items():
        if _CONTEXT in entry:
            key, english = entry.split(_CONTEXT, 1)
            catalog[key] = {"da": danish, "en": english}
        elif entry:  # the header is the empty msgid
            click[entry] = danish
    return dict(sorted(catalog.items())), click


CATALOG, CLICK_DA = _load()
"""Key -> ``{"da": ..., "en": ...}``; click's English text -> its Danish."""
