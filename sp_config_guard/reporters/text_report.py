"""Terminal text: one line per finding (``file:line:column: severity CODE message [path]``)
and a summary line."""

from __future__ import annotations

from sp_config_guard.normalize import NormalizeResult, NormalizeSettings
from sp_config_guard.result import Result


def render(result: Result) -> str:
    """The text report of a result."""
    lines = [
        f"{f.file}:{f.line}:{f.column}: {f.severity} {f.code} {f.message} [{f.path}]"
        for f in result.sorted_findings()
    ]
    counts = result.counts()
    lines.append(
        f"{result.command}: {result.files} file(s) checked, {counts['error']} error(s), "
        f"{counts['warning']} warning(s), {counts['info']} info"
    )
    return "\n".join(lines) + "\n"


def render_normalize(result: NormalizeResult, settings: NormalizeSettings) -> str:
    """What a normalize run did: problems, files changed (or that would change), a summary."""
    lines = [str(problem) for problem in result.problems]
    lines += result.diffs
    verb = "would reformat" if settings.check or settings.diff else "wrote"
    lines += [
        f"{verb} {name}"
        for name in (result.changed if settings.check or settings.diff else result.written)
    ]
    dry = settings.check or settings.diff
    changed = len(result.changed) if dry else len(result.written)
    lines.append(
        f"normalize: {changed} file(s) {'to reformat' if dry else 'written'}, "
        f"{len(result.unchanged)} unchanged, {len(result.problems)} problem(s)"
    )
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"
