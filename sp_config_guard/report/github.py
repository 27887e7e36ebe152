"""GitHub Actions workflow commands: one annotation per open finding,
``::error file=F,line=L,col=C,title=CODE rule-name::message`` (``::warning`` for warnings,
``::notice`` for info). Waived and baselined findings are left out: they do not count.

Property values escape ``%``, CR, LF, ``:`` and ``,``; the message escapes ``%``, CR and LF,
as the Actions runner expects; any other control character is then inert as an escape
(:func:`~sp_config_guard.messages.inert`), so no value can colour the log or start a command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sp_config_guard.messages import inert, t
from sp_config_guard.result import Finding, Result

if TYPE_CHECKING:
    from sp_config_guard.normalize.run import NormalizeResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A workflow command's message, escaped."""
    return inert(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """A workflow command's property value, escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """The workflow command of one finding."""
    title = f"{finding.code} {finding.rule}" if finding.rule else finding.code
    properties = {
        "file": finding.file,
        "line": str(finding.line),
        "col": str(finding.column),
        "title": title,
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    command = COMMANDS.get(finding.severity, "warning")
    return f"::{command} {joined}::{escape_data(finding.message)}"


def render(result: Result) -> str:
    """The annotations of a result's open findings, one per line (empty when there are none)."""
    return "".join(annotation(f) + "\n" for f in result.sorted_findings() if f.active)


def _command(properties: dict[str, str | None], message: str) -> str:
    joined = ",".join(
        f"{key}={escape_property(value)}" for key, value in properties.items() if value is not None
    )
    return f"::error {joined}::{escape_data(message)}"


def render_normalize(result: NormalizeResult) -> str:
    """``normalize --format github``: an error per problem and, with ``--check``, per file
    not in canonical form (a run that wrote them annotates only its problems)."""
    lines = [
        _command(
            {
                "file": p.file,
                "line": str(p.line) if p.line is not None else None,
                "col": str(p.column) if p.line is not None and p.column is not None else None,
                "title": p.code,
            },
            p.message,
        )
        for p in result.problems
    ]
    if result.dry:
        message = t("normalize.not_canonical")
        lines += [_command({"file": name}, message) for name in result.changed]
    return "".join(line + "\n" for line in lines)
