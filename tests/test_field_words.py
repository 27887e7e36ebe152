"""Field words in both languages (#18): every field of every kind's schema (the envelope's
too) has its words in ``x-words`` (Danish and English; a list also the words for one item), and
a Danish ``diff``, ``drift`` (text, Markdown, HTML) and ``lint`` of the example say no English
field word where the Danish one differs."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sp_config_guard.messages import language
from sp_config_guard.model.kinds import Node, default_registry
from sp_config_guard.model.places import field_word, item_word
from tests.conftest import Spguard

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
RULE = Path("hovedstaden/hvidovre/DecisionRule/911028.yaml")
LANGS = ("da", "en")


def _fields(
    node: Node, path: str, seen: frozenset[int] = frozenset()
) -> Iterator[tuple[str, Node]]:
    """Every field below ``node`` that :meth:`Node.child` reaches, with its dotted path."""
    for key in node.property_order():
        sub = node.child(key)
        if sub is None or id(sub.schema) in seen:
            continue
        yield f"{path}.{key}", sub
        yield from _fields(sub, f"{path}.{key}", seen | {id(sub.schema)})
        items = sub.child(0)
        if items is not None:
            yield from _fields(items, f"{path}.{key}[]", seen | {id(sub.schema)})


def _every_field() -> list[tuple[str, Node]]:
    return [(f"{k.name}:{p}", n) for k in default_registry() for p, n in _fields(k.root, "$")]


def _words(node: Node) -> dict[str, Any]:
    return dict(node.schema.get("x-words") or {})


def test_every_field_of_every_schema_has_words_in_both_languages() -> None:
    fields = _every_field()
    assert len(fields) > 150  # the envelope's fields in every kind, and each kind's own
    missing = []
    for where, node in fields:
        words = _words(node)
        if not all(isinstance(words.get(lang), str) and words[lang].strip() for lang in LANGS):
            missing.append(where)
        schema = node.resolved().schema
        if schema.get("type") == "array" or "items" in schema:
            one = words.get("one") or {}
            if not all(isinstance(one.get(lang), str) and one[lang].strip() for lang in LANGS):
                missing.append(f"{where}[]")
    assert missing == []


def test_the_words_are_what_places_and_changes_say() -> None:
    rule = default_registry().get("DecisionRule").root.child("spec")
    assert rule is not None
    reasons = rule.child("override_reasons")
    with language("da"):
        assert field_word(reasons, "override_reasons") == "overstyringsårsager"
        assert item_word(rule.child("actions"), "actions") == "handling"
    with language("en"):
        assert field_word(reasons, "override_reasons") == "override reasons"
        assert item_word(rule.child("actions"), "actions") == "action"
    assert field_word(None, "some_field") == "some field"  # outside every schema: its name


def _english_only_words() -> set[str]:
    """The English field words whose Danish word differs, as whole words (one or more)."""
    out = set()
    for _, node in _every_field():
        for words in (_words(node), _words(node).get("one") or {}):
            if words and words["en"].lower() != words["da"].lower():
                out.add(words["en"])
    # an English word that is also a Danish word says nothing about a leak, nor "user": it is
    # also a scope's level (a value, as "level user" says it)
    return {w for w in out if w not in {"id", "hospital", "region", "status", "type", "user"}}


def _leaks(text: str, words: set[str]) -> list[str]:
    return sorted(w for w in words if re.search(rf"(?<![\w_.-]){re.escape(w)}(?![\w_-])", text))


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    """A copy of the example where the Hvidovre potassium alert drops an override reason and
    its first action turns to a warning (as in the issue)."""
    root = tmp_path / "sp-config"
    shutil.copytree(EXAMPLE, root)
    text = (root / RULE).read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    text = text.replace("type: annuller_ordre", "type: advar")
    text = text.replace("  - Patient i intensiv overvågning\n", "")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    return root


def test_a_danish_diff_drift_and_lint_say_no_english_field_word(
    changed: Path, spguard: Spguard
) -> None:
    words = _english_only_words()
    assert {"override reasons", "action", "default dose", "double check"} <= words
    folder = changed.parent
    da = ("--lang", "da")
    diff = spguard("diff", folder / "a.yaml", folder / "b.yaml", *da, cwd=folder).stdout
    assert "overstyringsårsager fjernet (var Patient i intensiv overvågning)" in diff
    assert "handling 1 type: annuller_ordre -> advar" in diff
    assert "ændret (fra " in diff and "modified" not in diff
    outputs = {
        "diff": diff,
        "diff markdown": spguard(
            "diff", folder / "a.yaml", folder / "b.yaml", "--format", "markdown", *da, cwd=folder
        ).stdout,
        "lint": spguard("lint", *da, "--no-cache", cwd=changed).stdout,
    }
    for fmt in ("text", "markdown", "html"):
        outputs[f"drift {fmt}"] = spguard("drift", "--format", fmt, *da, cwd=changed).stdout
    html = outputs["drift html"]
    data = json.loads(
        re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S)[1]
    )
    outputs["drift html"] = "\n".join(d["text"] for d in data["deviations"])
    assert all(outputs.values())
    assert {name: _leaks(text, words) for name, text in outputs.items()} == {
        name: [] for name in outputs
    }
    # and the same runs in English say the English words
    english = spguard("diff", folder / "a.yaml", folder / "b.yaml", "--lang", "en", cwd=folder)
    assert "override reasons removed" in english.stdout and "modified (from " in english.stdout
