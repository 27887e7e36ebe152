"""sp-config-guard: configuration governance for Sundhedsplatformen build exports.

The Python API (see :mod:`sp_config_guard.api`): ``lint``, ``validate``, ``drift``, ``diff``,
``normalize`` and ``configuration``, imported on first use so that ``import sp_config_guard``
stays cheap."""

# Unlike every other module, no ``from __future__`` import and nothing but ``os`` and ``sys``
# (loaded before any user code) ahead of the lines below: ``python -m sp_config_guard`` imports
# this package with the working folder first on ``sys.path``, and the working folder is
# usually the repository under review. A ``__future__.py``, ``typing.py`` or
# ``evil-1.0.dist-info`` there must never be imported, so the folder goes before anything else.
import os
import sys


def _drop_working_folder() -> None:
    """Take the working folder off ``sys.path``, with every relative entry (each names a
    folder relative to wherever the tool was started)."""
    try:
        here = os.path.realpath(os.getcwd())
    except OSError:  # a deleted working folder
        here = None
    sys.path[:] = [e for e in sys.path if os.path.isabs(e) and os.path.realpath(e) != here]


if sys.argv[:1] == ["-m"]:  # ``python -m`` is locating this package (its documented argv[0])
    _drop_working_folder()

from typing import Any  # noqa: E402

__version__ = "0.1.0"
__all__ = ["configuration", "diff", "drift", "lint", "normalize", "validate"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from sp_config_guard import api

        return getattr(api, name)
    raise AttributeError(f"module 'sp_config_guard' has no attribute {name!r}")
