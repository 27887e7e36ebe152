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

import os
import struct

LOCALE = os.path.join(os.path.dirname(os.path.realpath(__file__)), "locale")
MO = os.path.join(LOCALE, "da", "LC_MESSAGES", "spguard.mo")
_CONTEXT = "\x04"  # gettext's separator of msgctxt and msgid


def read_mo(path: str | os.PathLike[str]) -> dict[str, str]:
    """The entries of a compiled gettext file: ``msgctxt\\x04msgid`` (or ``msgid``; plural
    forms joined by NUL) -> ``msgstr`` (its two tables of (length, offset) read in one go
    each: every ``spguard`` start reads the file, not pathlib)."""
    with open(path, "rb") as file:
        data = file.read()
    order = "<" if struct.unpack("<I", data[:4])[0] == 0x950412DE else ">"
    _, count, originals, translations = struct.unpack(order + "4I", data[4:20])
    table = f"{order}{2 * count}I"
    keys, values = (
        struct.unpack_from(table, data, originals),
        struct.unpack_from(table, data, translations),
    )
    return {
        data[start : start + length].decode("utf-8"): data[at : at + size].decode("utf-8")
        for length, start, size, at in zip(
            keys[::2], keys[1::2], values[::2], values[1::2], strict=True
        )
    }


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
