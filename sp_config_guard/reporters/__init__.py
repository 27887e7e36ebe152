"""Reporters: pure functions from a result to text, one module per format.

``get(name)`` fails loudly on an unknown format."""

from __future__ import annotations

from collections.abc import Callable

from sp_config_guard.messages import t
from sp_config_guard.reporters import (
    github,
    gitlab,
    json_report,
    junit,
    markdown,
    sarif,
    text_report,
)
from sp_config_guard.result import Result

Reporter = Callable[[Result], str]

REPORTERS: dict[str, Reporter] = {
    "github": github.render,
    "gitlab": gitlab.render,
    "json": json_report.render,
    "junit": junit.render,
    "markdown": markdown.render,
    "sarif": sarif.render,
    "text": text_report.render,
}


def get(name: str) -> Reporter:
    """The reporter for format ``name``."""
    try:
        return REPORTERS[name]
    except KeyError:
        known = ", ".join(sorted(REPORTERS))
        raise KeyError(t("cli.unknown_format", name=repr(name), known=known)) from None
