"""Bringing data in: exports normalised to canonical YAML, usage reports joined onto artifacts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sp_config_guard.api.setup import (
    PathLike,
    as_paths,
)
from sp_config_guard.messages import language

if TYPE_CHECKING:  # imported where used: a lint never loads the drift or normalize stages
    from sp_config_guard.normalize.run import NormalizeResult
    from sp_config_guard.normalize.usage_import import UsageResult


def normalize(
    exports: PathLike | Sequence[PathLike],
    out: PathLike | None = None,
    profiles: Sequence[PathLike] = (),
    check: bool = False,
    encoding: str | None = None,
    lang: str | None = None,
    *,
    diff: bool = False,
) -> NormalizeResult:
    """Normalise exports into a canonical tree at ``out`` (or canonical files in place);
    ``check``: only say what would change; ``diff``: show how, as unified diffs."""
    from sp_config_guard.normalize.run import NormalizeSettings, run_normalize

    settings = NormalizeSettings(
        as_paths(exports),
        Path(out) if out is not None else None,
        [Path(p) for p in profiles],
        check=check,
        diff=diff,
        encoding=encoding,
    )
    with language(lang):
        return run_normalize(settings)


def usage_import(
    reports: PathLike | Sequence[PathLike],
    profile: PathLike,
    into: PathLike = ".",
    *,
    check: bool = False,
    lang: str | None = None,
) -> UsageResult:
    """Join usage reports onto the ``usage`` blocks of the tree ``into`` (``check``: dry)."""
    from sp_config_guard.normalize.usage_import import UsageSettings, run_usage_import

    with language(lang):
        return run_usage_import(UsageSettings(as_paths(reports), Path(profile), Path(into), check))
