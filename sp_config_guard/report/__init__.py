"""Reporters: pure functions from a result to text, one module per format, imported only when
that format is asked for.

``get(name)`` fails loudly on an unknown format."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from sp_config_guard.messages import t
from sp_config_guard.result import Result

Reporter = Callable[[Result], str]

# format -> the module (in this package) whose ``render`` writes it
REPORTERS: dict[str, str] = {
    "github": "github",
    "gitlab": "gitlab",
    "json": "json_report",
    "junit": "junit",
    "markdown": "markdown",
    "sarif": "sarif",
    "text": "text_report",
}


def get(name: str) -> Reporter:
    """The reporter for format ``name``."""
    if name not in REPORTERS:
        known = ", ".join(sorted(REPORTERS))
        raise KeyError(t("cli.unknown_format", name=repr(name), known=known))
    render: Reporter = importlib.import_module(f"{__name__}.{REPORTERS[name]}").render
    return render
