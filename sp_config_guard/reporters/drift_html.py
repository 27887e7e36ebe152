"""The self-contained HTML drift report (placeholder until the heatmap lands)."""

from __future__ import annotations

import html

from sp_config_guard.drift import DriftResult
from sp_config_guard.reporters.drift_report import text


def render(result: DriftResult) -> str:
    """A minimal page with the text report."""
    return f"<!doctype html><meta charset=utf-8><pre>{html.escape(text(result))}</pre>\n"
