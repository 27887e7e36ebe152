"""Entry point for ``python -m sp_config_guard`` (the package's ``__init__`` has already taken
the working folder off ``sys.path``: it runs first, before this module)."""

from __future__ import annotations

from sp_config_guard.cli import main

main()
