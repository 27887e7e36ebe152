"""``spguard fix``: the certain repairs of a lint run's findings, applied to their files.

A repair is certain where the rule set leaves no choice: a locked field that differs from its
standard takes the standard's value, and a mandatory standard item a copy lacks is restored
(at the standard's place in an ordered list). Everything else is left as it is: a waived
finding (the waiver says the deviation is agreed), every other field of the file (the file is
written in canonical form with its comments kept, so a canonical file changes only where it
is repaired), and every finding whose repair needs a person's judgement. A baselined finding
is repaired: the baseline only says the finding is old, not that it is right.

Each file is read again through the bounded reader, repaired in memory and written
atomically; a file outside the repository, or reached through a link out of it, is never
written. What changed is said in the words of ``spguard diff``."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from sp_config_guard.drift.artifact_diff import diff_artifacts
from sp_config_guard.drift.wording import change_in_words
from sp_config_guard.errors import InputError, Problem
from sp_config_guard.lint.repairs import repaired_text
from sp_config_guard.load.loader import artifact_data, load_document
from sp_config_guard.load.sources import atomic_write, writable
from sp_config_guard.messages import msg
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.outcomes import FileFix, FixResult
from sp_config_guard.result import Finding, Result


def _by_file(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for finding in sorted(findings):
        if finding.fixable:
            out.setdefault(finding.file, []).append(finding)
    return out


def fix(result: Result, root: Path, *, write: bool = True, unified: bool = False) -> FixResult:
    """Apply the certain repairs of ``result``'s fixable findings to their files under
    ``root`` (``write=False``: only say what would change; ``unified``: with the text diff)."""
    out = FixResult(result, dry=not write)
    for display, findings in _by_file(result.findings).items():
        target = writable(root, display)
        if target is None:
            out.problems.append(Problem("FIX001", msg("FIX001.outside"), display))
            continue
        try:
            doc = load_document(root / display, display)
        except InputError as err:
            out.problems.append(err.problem)
            continue
        repairs = [f.repair for f in findings if f.repair is not None]
        text = repaired_text(doc, repairs)
        if text is None or text == doc.text:  # changed since lint ran: nothing fits any more
            out.problems.append(Problem("FIX002", msg("FIX002.stale"), display))
            continue
        kind = default_registry().get(doc.kind or "")
        new = artifact_data(text, display)
        changes = tuple(
            change_in_words(c, kind.root, doc.data, new)
            for c in diff_artifacts(doc.data, new, kind)
        )
        patch = _unified(doc.text, text, display) if unified else ""
        if write:
            atomic_write(target, text)
        out.files.append(FileFix(display, changes, tuple(findings), patch))
    return out


def _unified(old: str, new: str, display: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{display}", f"b/{display}"
    )
    return "".join(lines)
