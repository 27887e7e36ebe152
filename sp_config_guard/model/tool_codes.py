"""spguard's own problem codes (LOAD, SCH, WAV, IMP, MAP, NORM, USE, FIX, DRF), explained for
users: the shipped ``tool-codes.yaml`` beside this module holds each code's title, what it
means and what to do, in Danish and English. ``rules explain`` and SARIF read it."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources

import yaml

from sp_config_guard.outcomes import ToolCode

FIELDS = ("title", "means", "action")


@cache
def tool_codes() -> Mapping[str, Mapping[str, Mapping[str, str]]]:
    """Every entry of the shipped file, by code (read once per process; shipped, trusted)."""
    text = (resources.files("sp_config_guard.model") / "tool-codes.yaml").read_text("utf-8")
    data: dict[str, dict[str, dict[str, str]]] = yaml.safe_load(text)
    return data


def tool_code(code: str, lang: str) -> ToolCode | None:
    """The code's explanation in ``lang`` (English where a language is missing), or None
    when ``code`` is no code of spguard's own."""
    entry = tool_codes().get(code.upper())
    if entry is None:
        return None
    texts = [entry[name].get(lang, entry[name]["en"]).strip() for name in FIELDS]
    return ToolCode(code.upper(), *texts)
