"""The Passing and Failing examples of a check type's docstring, read as data.

A check type's module docstring shows its examples as literal blocks after a line that starts
with ``Passing`` or ``Failing`` and ends with ``::``. A block is YAML: ``check`` is the rule's
check, every other key is a key of the artifact under test (``spec``, ``usage``, ``kind``; a
Medication unless ``kind`` says otherwise). Comment lines name what else is in the repository:

- ``# standard: KEYS`` - the artifact is a local variant of this standard (same kind);
- ``# N other variants: KEYS`` - N more variants of that standard, each with ``KEYS``;
- ``# KIND ID: KEYS`` - an active central artifact ``ID`` of kind ``KIND``.

A block without a ``check`` or without comments takes them from the block before it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

HEADING = re.compile(r"^(Passing|Failing)\b.*::$")
STANDARD = re.compile(r"^# standard: (.+)$")
VARIANTS = re.compile(r"^# (\d+) other variants?: (.+)$")
ARTIFACT = re.compile(r"^# ([A-Z][A-Za-z]+) (\S+): (.+)$")


@dataclass(frozen=True)
class Example:
    """One example: whether it passes, the check, the artifact's keys and its neighbours."""

    passing: bool
    check: dict[str, Any]
    keys: dict[str, Any]
    standard: dict[str, Any] | None = None
    variants: tuple[dict[str, Any], ...] = ()
    others: tuple[tuple[str, str, dict[str, Any]], ...] = field(default=())


def examples(doc: str) -> list[Example]:
    """Every example of the docstring ``doc``, in order."""
    found: list[Example] = []
    for heading, block in _blocks(doc):
        data = yaml.safe_load(block) or {}
        comments = [line.strip() for line in block.splitlines() if line.strip().startswith("#")]
        before = found[-1] if found else None
        check = data.pop("check", None) or (before.check if before else None)
        assert check, f"example {heading!r} names no check and follows none"
        example = Example(heading.startswith("Passing"), check, data)
        if comments:
            example = _with_context(example, comments)
        elif before is not None:
            example = Example(
                example.passing, check, data, before.standard, before.variants, before.others
            )
        found.append(example)
    return found


def _blocks(doc: str) -> list[tuple[str, str]]:
    """(heading, dedented block) of every literal block after a Passing/Failing heading."""
    lines = doc.splitlines()
    blocks: list[tuple[str, str]] = []
    for at, line in enumerate(lines):
        if not HEADING.match(line.strip()):
            continue
        body: list[str] = []
        for text in lines[at + 1 :]:
            if text.strip() and not text.startswith("    "):
                break
            body.append(text[4:])
        blocks.append((line.strip(), "\n".join(body).strip("\n")))
    return blocks


def _with_context(example: Example, comments: list[str]) -> Example:
    standard: dict[str, Any] | None = None
    variants: list[dict[str, Any]] = []
    others: list[tuple[str, str, dict[str, Any]]] = []
    for comment in comments:
        if match := STANDARD.match(comment):
            standard = yaml.safe_load(match[1])
        elif match := VARIANTS.match(comment):
            variants += [yaml.safe_load(match[2])] * int(match[1])
        elif match := ARTIFACT.match(comment):
            others.append((match[1], match[2], yaml.safe_load(match[3])))
        else:
            raise AssertionError(f"a comment of no known form: {comment!r}")
    return Example(
        example.passing, example.check, example.keys, standard, tuple(variants), tuple(others)
    )
