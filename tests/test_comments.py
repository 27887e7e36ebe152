"""Comments a person wrote in an artifact survive the tool's rewrites (normalize/comments.py):
every position a comment can take, fields that move, vanish or are reordered, and the
properties that must always hold (nothing lost, the data unchanged, stable on a second run)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sp_config_guard.load.yamlio import dump_canonical
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.normalize.comments import artifact_text, keep_comments, schema_identity

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
ORDER_SET = schema_identity(default_registry().get("OrderSet").root)

OLD = """\
# yaml-language-server: $schema=../../schemas/kinds/OrderSet.schema.json
kind: OrderSet
id: "304100200"
name: Hjertesvigt  # navnet fra Hyperspace
status: active
spec:  # aftalt med fokusområdet
  # grupperne følger standarden
  groups:
  # Diuretika først
  - id: "100"  # Diuretika
    name: "Diuretika # ikke en kommentar"
    comment: |
      Justeres efter vægt
      # heller ikke en kommentar
  - id: "200"
    name: Kalium
    # fjernes i næste revision
    comment: Kun ved lav kalium
# slut
"""


def _comments(text: str) -> list[str]:
    """The comments of a text, as a reader sees them (a '#' outside any string)."""
    found = []
    for line in text.splitlines():
        match = re.search(r"(?:^|\s)(#.*)$", line)
        if match and "ikke en kommentar" not in line:
            found.append(match.group(1).strip())
    return found


def test_every_comment_stays_beside_its_field() -> None:
    new_data = yaml.safe_load(OLD)
    new_data["name"] = "Hjertesvigt - ambulant"
    groups = new_data["spec"]["groups"]
    groups.reverse()  # the standard reordered its groups: comments follow the items by id
    del groups[0]["comment"]  # the field under "fjernes i næste revision" is gone
    new = dump_canonical(new_data)
    out = keep_comments(OLD, new, ORDER_SET)
    assert yaml.safe_load(out) == new_data
    assert out == (
        "# yaml-language-server: $schema=../../schemas/kinds/OrderSet.schema.json\n"
        "kind: OrderSet\n"
        'id: "304100200"\n'
        "name: Hjertesvigt - ambulant  # navnet fra Hyperspace\n"
        "status: active\n"
        "spec:  # aftalt med fokusområdet\n"
        "  # grupperne følger standarden\n"
        "  groups:\n"
        '  - id: "200"\n'
        "    name: Kalium\n"
        "  # Diuretika først\n"
        '  - id: "100"  # Diuretika\n'
        "    name: 'Diuretika # ikke en kommentar'\n"
        "    comment: |\n"
        "      Justeres efter vægt\n"
        "      # heller ikke en kommentar\n"
        "# fjernes i næste revision\n"  # its field is gone and no field followed it
        "# slut\n"
    )
    assert keep_comments(out, new, ORDER_SET) == out


def test_a_text_without_comments_is_the_canonical_text() -> None:
    new = dump_canonical({"kind": "OrderSet", "id": "1", "name": "A #1"})
    assert keep_comments('kind: OrderSet\nid: "1"\nname: "A #1"\n', new) == new
    assert (
        keep_comments("kind: [unclosed\n# a comment\n", new) == new
    )  # unreadable: nothing to carry


def test_normalize_in_place_keeps_a_builders_comments(tmp_path: Path, spguard) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(EXAMPLE, tree, ignore=shutil.ignore_patterns(".spguard-cache"))
    file = tree / "central" / "OrderSet" / "304100200.yaml"
    canonical = file.read_text(encoding="utf-8")
    lines = canonical.splitlines(keepends=True)
    commented = "".join(
        ["# yaml-language-server: $schema=x.json\n", *lines[:3], "\n", *lines[3:]]
    ).replace("status: active\n", "status: active  # godkendt af CIMT\n")
    file.write_text(commented, encoding="utf-8")
    assert spguard("normalize", "--check", str(tree)).returncode == 1  # the blank line
    assert spguard("normalize", str(tree)).returncode == 0
    kept = file.read_text(encoding="utf-8")
    assert kept == commented.replace("\n\n", "\n")
    assert spguard("normalize", "--check", str(tree)).returncode == 0


_KEY = st.sampled_from(["navn", "dosis", "enhed", "grupper", "id", "note"])
_SCALAR = st.one_of(
    st.integers(-5, 500), st.booleans(), st.text("abcæø #:-'\"", min_size=0, max_size=8)
)
_DATA = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3),
        st.dictionaries(_KEY, inner, min_size=1, max_size=4),
    ),
    max_leaves=12,
)


@settings(max_examples=60, derandomize=True, deadline=None)
@given(
    old=st.dictionaries(_KEY, _DATA, min_size=1, max_size=4),
    new=st.dictionaries(_KEY, _DATA, min_size=1, max_size=4),
    where=st.lists(st.tuples(st.integers(0, 40), st.booleans()), max_size=6),
)
def test_comments_are_never_lost_and_the_data_never_changes(old, new, where) -> None:
    lines = dump_canonical(old).splitlines()
    for number, (at, own_line) in enumerate(where):
        at %= len(lines) + 1
        comment = f"# note {number}"
        if own_line or at == len(lines) or lines[at].rstrip().endswith(("|", "|-", ">")):
            lines.insert(at, comment)
        else:
            lines[at] += "  " + comment
    old_text = "\n".join(lines) + "\n"
    new_text = dump_canonical(new)
    out = keep_comments(old_text, new_text)
    assert yaml.safe_load(out) == yaml.safe_load(new_text)
    assert sorted(re.findall(r"# note \d+", out)) == sorted(re.findall(r"# note \d+", old_text))
    assert keep_comments(out, new_text) == out


def test_an_edited_artifact_is_canonical_and_keeps_its_comments() -> None:
    kind = default_registry().get("OrderSet")
    data = yaml.safe_load(OLD)
    data["spec"]["groups"][1]["name"] = "  Kalium  "  # as an edit might leave it: normalised
    text = artifact_text(data, kind, OLD)
    assert "    name: Kalium\n" in text
    assert _comments(text) == _comments(OLD)
    bare = artifact_text(data, kind, None)
    assert yaml.safe_load(bare) == yaml.safe_load(text)
    assert _comments(bare) == []
