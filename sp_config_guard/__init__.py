"""sp-config-guard: configuration governance for Sundhedsplatformen build exports.

The Python API is :mod:`sp_config_guard.api` (``lint``, ``validate``, ``drift``, ``diff``,
``normalize``, ``configuration``); the package's other names are its stages (``load``,
``normalize``, ``validate``, ``lint``, ``drift``, ``report``), see docs/architecture.md."""

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

from sp_config_guard.version import __version__  # noqa: E402

__all__ = ["__version__"]
