"""A change said the way a reviewer says it ("group 100 order line 1001: dose 5 mg -> 10 mg"):
the wording of ``spguard diff``, and of each deviation ``spguard drift`` reports (standard ->
variant)."""

from __future__ import annotations

from typing import Any

from sp_config_guard.drift.artifact_diff import Change, ItemRef, SemanticPath, value_at
from sp_config_guard.messages import t
from sp_config_guard.model.kinds import Node
from sp_config_guard.model.places import field_word, item_word, value_words


def change_in_words(
    change: Change, root: Node | None, old: dict[str, Any], new: dict[str, Any]
) -> str:
    """One change in a reviewer's words."""
    words: list[str] = []
    node = root
    path: SemanticPath = change.path
    old_value, new_value = change.old, change.new
    # a quantity's value changed while its unit stayed: say "dose 5 mg -> 10 mg" (a field
    # named value without a unit beside it, as a setting's, is said as it is)
    if path and path[-1] == "value" and change.op == "changed":
        before, after = value_at(old, path[:-1]), value_at(new, path[:-1])
        if (
            isinstance(before, dict)
            and isinstance(after, dict)
            and "unit" in before
            and before.get("unit") == after.get("unit")
        ):
            path, old_value, new_value = path[:-1], before, after
    for index, seg in enumerate(path):
        if isinstance(seg, ItemRef | int):
            if isinstance(seg, int) or seg.field:  # "line 1001" names the item, not the list
                noun = item_word(node, str(path[index - 1]) if index else None)
                words[-1:] = [f"{noun} {seg.value if isinstance(seg, ItemRef) else seg}"]
            node = node.child(0) if node else None
        else:
            node = node.child(seg) if node else None
            if seg != "spec":
                words.append(field_word(node, seg))
    where = " ".join(words) or t("diff.artifact")
    if change.op == "added":
        return t("diff.added", where=where, new=value_words(new_value))
    if change.op == "removed":
        return t("diff.removed", where=where, old=value_words(old_value))
    if change.op == "reordered":
        return t(
            "diff.reordered", where=where, old=value_words(old_value), new=value_words(new_value)
        )
    return t("diff.changed", where=where, old=value_words(old_value), new=value_words(new_value))
