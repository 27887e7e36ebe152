"""sp-config-guard: configuration governance for Sundhedsplatformen build exports.

The Python API (see :mod:`sp_config_guard.api`): ``lint``, ``validate``, ``drift``, ``diff``,
``normalize`` and ``configuration``, imported on first use so that ``import sp_config_guard``
stays cheap."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["configuration", "diff", "drift", "lint", "normalize", "validate"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from sp_config_guard import api

        return getattr(api, name)
    raise AttributeError(f"module 'sp_config_guard' has no attribute {name!r}")
