"""sp-config-guard: configuration governance for Sundhedsplatformen build exports."""

from __future__ import annotations

__version__ = "0.1.0"
