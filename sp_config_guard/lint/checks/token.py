r"""``token``: tokens embedded in the texts at ``paths`` (a SmartPhrase ``.MNEMONIC`` in a
template body) must resolve to an artifact of ``kinds`` (default ``[DocumentationTemplate]``)
whose member ``by`` (default ``spec.mnemonic``) names it, with a status in ``statuses``
(default ``[active]``) and a scope level not in ``forbid_levels``. A token resolves when at
least one such artifact exists. Otherwise ``reason`` is ``missing`` (no artifact names it: a
typo or a deleted phrase), ``forbidden-level`` (it names only artifacts at a forbidden level,
e.g. personal build, level ``user``) or ``inactive`` (it names only artifacts with another
status); ``report`` (default all three) chooses which reasons are hits. ``token`` is the token
as written, ``target`` the id of the artifact it names (for ``forbidden-level`` and
``inactive``), ``target_name``, ``level`` and ``status`` that artifact's. A hit's value is the
token, never the text around it. ``known`` lists tokens that resolve outside the repository
(never ``missing``).

The token syntax is strict, chosen by ``syntax``:

- ``smartphrase`` (the default): ``.`` and 3 to 30 capital letters A-Z or digits, the first a
  letter, at a word start (at the start of the text, after white space or one of
  ``( [ { " ' /``) and not followed by a letter, digit or ``_`` (Danish letters count). So a
  sentence's full stop followed by a capital word (``udskrevet. Næste``, ``udskrevet.Næste``)
  is no token, nor ``f.eks.``, ``kl. 08.00``, ``...EKG``, ``.OK`` or ``.Kardio``. The member
  ``by`` may hold the mnemonic with or without its ``.``.
- ``smartlink``: ``@`` and 2 to 30 capital letters or digits, the first a letter, and ``@``
  (``@NAME@``), not inside a word; ``by`` may hold it with or without the ``@`` marks.

Targets are indexed once per repository (per ``kinds``, ``by`` and ``syntax``).

Passing::

    check: {type: token, paths: [$.spec.body], forbid_levels: [user]}
    kind: DocumentationTemplate
    spec: {mnemonic: .UDSKRIVNING, body: "Medicin: @DISCHMEDS@\nSe .MEDAFSTEM. Næste kontrol om 3 mdr."}
    # DocumentationTemplate 730050: {spec: {mnemonic: .MEDAFSTEM}}

Failing (``.MINKARDIO`` is personal build, ``.KARDIOSTATUS`` names nothing)::

    kind: DocumentationTemplate
    spec: {mnemonic: .UDSKRIVNING, body: "Huskeliste: .MINKARDIO\nStatus: .KARDIOSTATUS"}
    # DocumentationTemplate 739101: {scope: {level: user}, spec: {mnemonic: .MINKARDIO}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any
from weakref import WeakKeyDictionary

from sp_config_guard.lint.checks import PATHS, CheckContext, Hit, by_member, options_schema
from sp_config_guard.load.loader import Document
from sp_config_guard.load.repository import Repository

NAME = "token"
_NAMES = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}
_LEVELS = ["central", "region", "hospital", "department", "user"]
_REASONS = ["missing", "forbidden-level", "inactive"]
OPTIONS_SCHEMA = options_schema(
    ["paths"],
    paths=PATHS,
    syntax={"enum": ["smartphrase", "smartlink"], "default": "smartphrase"},
    kinds={**_NAMES, "default": ["DocumentationTemplate"]},
    by={"type": "string", "pattern": r"^[^.\s]+(\.[^.\s]+)*$", "default": "spec.mnemonic"},
    statuses={**_NAMES, "default": ["active"]},
    forbid_levels={"type": "array", "minItems": 1, "items": {"enum": _LEVELS}},
    report={"type": "array", "minItems": 1, "items": {"enum": _REASONS}, "default": _REASONS},
    known={"type": "array", "items": {"type": "string", "minLength": 1}},
)

# The syntaxes: a token (group 1: its name, without marks) and the marks stripped from ``by``.
# Fixed patterns, linear on any text: each character is tried once as a token's start.
_SYNTAX: dict[str, tuple[re.Pattern[str], str]] = {
    "smartphrase": (re.compile(r"(?<![^\s(\[{\"'/])\.([A-Z][A-Z0-9]{2,29})(?!\w)"), "."),
    "smartlink": (re.compile(r"(?<![\w@])@([A-Z][A-Z0-9]{1,29})@(?![\w@])"), "@"),
}

# Per repository: (kinds, by, syntax) -> token name -> the artifacts naming it.
_INDEX: WeakKeyDictionary[
    Repository, dict[tuple[tuple[str, ...], str, str], dict[str, list[Document]]]
]
_INDEX = WeakKeyDictionary()


def tokens(text: str, syntax: str = "smartphrase") -> list[tuple[str, str]]:
    """(token as written, its name) of each token in ``text``, in order, each once."""
    pattern = _SYNTAX[syntax][0]
    found = {m[0]: m[1] for m in pattern.finditer(text)}
    return list(found.items())


_NAME = re.compile(r"[A-Z][A-Z0-9]{1,29}")


def names(values: set[str]) -> set[str]:
    """The token names ``values`` can be embedded by (marks stripped): the values a
    deleted artifact is found by, whose dependents may hold them in a text."""
    stripped = {value.strip(".@") for value in values}
    return {name for name in stripped if _NAME.fullmatch(name)}


def named(text: str) -> set[str]:
    """The names of the tokens of every syntax in ``text``."""
    if "." not in text and "@" not in text:
        return set()
    return {name for syntax in _SYNTAX for _, name in tokens(text, syntax)}


def _targets(repo: Repository, kinds: list[str], by: str, syntax: str) -> dict[str, list[Document]]:
    """Token name -> the artifacts of ``kinds`` whose ``by`` names it (indexed once per
    repository)."""
    indexes = _INDEX.setdefault(repo, {})
    slot = (tuple(kinds), by, syntax)
    if slot not in indexes:
        marks = _SYNTAX[syntax][1]
        index: dict[str, list[Document]] = {}
        for value, docs in by_member(repo, kinds, by).items():  # ".X" and "X" name one token
            if value.strip(marks):
                index.setdefault(value.strip(marks), []).extend(docs)
        indexes[slot] = {key: sorted(docs, key=lambda d: d.display) for key, docs in index.items()}
    return indexes[slot]


def _unresolved(
    docs: list[Document], statuses: list[str], forbidden: list[str]
) -> tuple[str, Document | None] | None:
    """Why a token naming ``docs`` does not resolve (reason, the artifact it names), or None."""
    if not docs:
        return "missing", None
    active = [doc for doc in docs if doc.data.get("status") in statuses]
    if any(doc.facts.level not in forbidden for doc in active):
        return None
    if active:
        return "forbidden-level", active[0]
    return "inactive", docs[0]


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Each token that resolves to nothing, only to forbidden-level or only to inactive
    artifacts (once per text and token)."""
    syntax = options.get("syntax", "smartphrase")
    kinds = options.get("kinds", ["DocumentationTemplate"])
    by = options.get("by", "spec.mnemonic")
    statuses, forbidden = options.get("statuses", ["active"]), options.get("forbid_levels", [])
    report, known = set(options.get("report", _REASONS)), set(options.get("known", ()))
    for query in options["paths"]:
        for location, text in ctx.find(query):
            if not isinstance(text, str):
                continue
            for token, name in tokens(text, syntax):
                docs = _targets(ctx.repo, kinds, by, syntax).get(name, [])
                why = _unresolved(docs, statuses, forbidden)
                if why is None or why[0] not in report or (why[0] == "missing" and token in known):
                    continue
                reason, target = why
                fields: dict[str, Any] = {"token": token, "reason": reason}
                if target is not None:
                    fields |= {
                        "target": target.id,
                        "target_kind": target.kind,
                        "target_name": target.data.get("name"),
                        "level": target.facts.level,
                        "status": target.data.get("status"),
                    }
                yield Hit(location, token, fields)
