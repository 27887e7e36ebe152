"""The report of ``spguard fix``: per file repaired (or that would be), what changed in the
words of ``spguard diff`` (and with ``--diff`` the unified diff), then one summary line. Every
line is :func:`~sp_config_guard.messages.inert`."""

from __future__ import annotations

from sp_config_guard.messages import inert, t
from sp_config_guard.outcomes import FixResult


def text(result: FixResult) -> str:
    """Problems, then each file with its changes, then the summary line."""
    lines = [inert(str(problem)) for problem in result.problems]
    for item in result.files:
        if item.diff:
            lines += [inert(line) for line in item.diff.rstrip("\n").split("\n")]
        lines.append(inert(item.file))
        lines += [inert(f"  - {change}") for change in item.changes]
    count, files = result.fixed, len(result.files)
    if not count:
        lines.append(t("summary.fix_none"))
    elif result.dry:
        lines.append(t("summary.fix_dry", count=count, files=files))
    else:
        left = sum(1 for f in result.remaining() if f.active)
        lines.append(t("summary.fix", count=count, files=files, left=left))
    return "\n".join(lines) + "\n"
