"""Entry point for ``python -m sp_config_guard``."""

from __future__ import annotations

from sp_config_guard.cli import main

main()
