"""Places and values said the way a reviewer says them, never as JSON: an item by its
identity and name ("group 'Væsketerapi' (id 200)"), a field by its name ("dose"), a dose as
"40 mg". Shared by lint's messages and drift's wording of a change (both sit above ``model``).

A field's word, and for a list the word for one of its items, is the ``x-words`` keyword of the
field in its kind's schema (``{"da": "overstyringsårsager", "en": "override reasons", "one":
{"da": "overstyringsårsag", "en": "override reason"}}``): the words sit next to the field they
name, so a field added to a schema brings its words in the same change, and a new kind is still
a new schema, not new code (tests/test_field_words.py holds every field of every schema to
having both languages). A place outside every schema is said by its name, ``_`` as a space."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sp_config_guard.messages import current_lang, t
from sp_config_guard.model.kinds import Node, default_registry

_DOTTED = re.compile(r"^\$(?:\.[A-Za-z_][A-Za-z0-9_]*)+$")
_NAMED_BY = ("name", "title", "label", "text")  # the member that names an item, if it has one


def singular(name: str) -> str:
    """The noun for one item of a list named ``name`` ("groups" -> "group")."""
    word = name.replace("_", " ")
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def field_word(node: Node | None, name: str | int) -> str:
    """The word for the field ``name`` whose schema is ``node``, in the run's language."""
    said = _words(node).get(current_lang())
    return said if isinstance(said, str) else str(name).replace("_", " ")


def item_word(node: Node | None, name: str | None) -> str:
    """The word for one item of the list ``name`` whose schema is ``node``, in the run's
    language ("order line"); without one, the list's name made singular, else "item"."""
    one = _words(node).get("one")
    said = one.get(current_lang()) if isinstance(one, dict) else None
    if isinstance(said, str):
        return said
    return singular(name) if name is not None else t("diff.item")


def _words(node: Node | None) -> dict[str, Any]:
    words = node.schema.get("x-words") if node is not None else None
    return words if isinstance(words, dict) else {}


def item_words(noun: str, item: Any, identity: str | None = "id") -> str:
    """One list item by its identity and name: "group 'Væsketerapi' (id 200)", "line 1001"."""
    if not isinstance(item, dict):
        return f"{noun} {value_words(item)}"
    ident = item.get(identity) if identity else None
    name = next((item[k] for k in _NAMED_BY if isinstance(item.get(k), str) and item[k]), None)
    if ident is not None and name is not None:
        return f"{noun} '{name}' ({identity} {value_words(ident)})"
    if ident is not None:
        return f"{noun} {value_words(ident)}"
    return f"{noun} '{name}'" if name is not None else noun


def value_words(value: Any) -> str:
    """A value for a message: a quantity as "40 mg", an item by identity and name, a list as
    its items, nothing as the catalog's word for it; never JSON."""
    if value is None:
        return t("diff.none")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        if set(value) >= {"value", "unit"} and len(value) <= 3:
            return f"{value_words(value['value'])} {value_words(value['unit'])}"
        if "id" in value:
            return item_words("", value).strip()
        return ", ".join(f"{key.replace('_', ' ')} {value_words(v)}" for key, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_quoted(v) for v in value) if value else t("diff.none")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _quoted(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else value_words(value)


def place_words(kind: str | None, data: Any, location: Sequence[str | int]) -> str:
    """A place in an artifact (a location as checks yield it) in words: list items by identity
    and name from ``data``, fields by name, ``spec`` left out ("group 'Væsketerapi' (id 200)
    line 2001 dose value"; with ``data`` None, items by position: "group #1"); the catalog's
    word for the artifact when nothing is left."""
    registry = default_registry()
    node: Node | None = registry.get(kind).root if kind and kind in registry else None
    words: list[str] = []
    here = data
    for index, seg in enumerate(location):
        parent = location[index - 1] if index else None
        here = _step(here, seg)
        if isinstance(seg, int):
            noun = item_word(node, None if parent is None else str(parent))
            identity = node.identity if node is not None else None
            # without the data (a redacted run), an item is said by its position
            said = (
                f"{noun} #{seg + 1}" if here is None else item_words(noun, here, identity or "id")
            )
            words[-1:] = [said]
            node = node.child(0) if node is not None else None
            continue
        node = node.child(seg) if node is not None else None
        if seg != "spec" or index:
            words.append(field_word(node, seg))
    return " ".join(words) or t("diff.artifact")


def _step(here: Any, seg: str | int) -> Any:
    if isinstance(seg, int) and isinstance(here, list) and -len(here) <= seg < len(here):
        return here[seg]
    if isinstance(here, dict):
        return here.get(seg)
    return None


def query_words(kind: str | None, query: str) -> str:
    """A rule's JSONPath query in words when it is a plain member path ("$.spec.escalation.
    approver" -> "escalation approver"); any other query as it is written."""
    if not _DOTTED.match(query):
        return query
    return place_words(kind, None, query[2:].split("."))
