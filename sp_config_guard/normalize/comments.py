"""Comments a person wrote in an artifact file, carried over when the tool rewrites the file.

A builder may keep a ``# yaml-language-server: $schema=...`` header, a note above a group or a
remark at the end of a line. ``normalize`` in place, ``upgrade`` and ``fix`` rewrite such files;
the new text is the canonical writer's (key order, scalars, indentation), and every comment of
the old text is put back beside the field it was written at:

- a comment on lines of its own goes before the field (mapping entry or list item) that
  followed it, indented as that field; when that field is gone, before the next field that is
  still there, else at the end of the file;
- a comment at the end of a line stays at the end of the first line of the deepest field that
  began on that line; when that field is gone, it goes on a line of its own as above.

Fields are matched by their path, list items by their identity (``x-identity``) where the kind
names one, else by their position. Nothing else of the old text is kept: blank lines and other
spacing are the canonical writer's. The result is stable: rewriting it again changes nothing.

Why not ruamel.yaml's round-trip mode: it keeps comments by storing each on the node *before*
it (a comment above a key lives in the previous value's comment slot, an internal structure
that changed across 0.17-0.19), and its writer keeps the old file's quoting and spacing, so the
result would not be canonical. Reading positions from the parse the project already uses
(PyYAML's composed nodes) gives the same carrying with the canonical writer's output."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sp_config_guard.load.yamlio import SafeLoader
from sp_config_guard.model.kinds import Kind
from sp_config_guard.model.kinds import Node as SchemaNode
from sp_config_guard.normalize.canonical import canonicalise, render

Path = tuple[str, ...]
Identity = Callable[[tuple[str | int, ...]], str | None]
"""The identity key of the list at a schema path (mapping keys, 0 for a list item), or None."""

_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#")


@dataclass
class _Field:
    path: Path
    line: int  # 0-based line where the field begins (its key, or the item's dash)
    column: int


@dataclass
class _Layout:
    """The fields of a text in document order and the spans its scalars cover."""

    fields: list[_Field] = field(default_factory=list)
    spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # line -> columns

    def cover(self, node: Node) -> None:
        start, end = node.start_mark, node.end_mark
        # a block scalar's first line holds only its indicator (and maybe a comment)
        block = isinstance(node, ScalarNode) and node.style in ("|", ">")
        for line in range(start.line + block, end.line + 1):
            first = start.column if line == start.line else 0
            last = end.column if line == end.line else 1 << 30
            self.spans.setdefault(line, []).append((first, last))

    def covered(self, line: int, column: int) -> bool:
        return any(a <= column < b for a, b in self.spans.get(line, ()))


def _identity_of(item: Node, key: str | None) -> str | None:
    if key is None or not isinstance(item, MappingNode):
        return None
    for k, v in item.value:
        if isinstance(k, ScalarNode) and k.value == key and isinstance(v, ScalarNode):
            return v.value
    return None


def _layout(text: str, identity: Identity) -> _Layout | None:
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    layout = _Layout()
    if root is None:
        return layout
    seen: set[int] = set()

    def walk(node: Node, path: Path, schema: tuple[str | int, ...]) -> None:
        if id(node) in seen:  # an alias: its fields were laid out where it was defined
            return
        seen.add(id(node))
        if isinstance(node, ScalarNode) or getattr(node, "flow_style", False):
            layout.cover(node)
            return
        if isinstance(node, MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, ScalarNode) else repr(key.start_mark)
                layout.fields.append(
                    _Field((*path, name), key.start_mark.line, key.start_mark.column)
                )
                layout.cover(key)
                walk(value, (*path, name), (*schema, name))
        elif isinstance(node, SequenceNode):
            key = identity(schema)
            for index, item in enumerate(node.value):
                ident = _identity_of(item, key)
                token = f"={ident}" if ident is not None else f"#{index}"
                column = max(item.start_mark.column - 2, 0)
                layout.fields.append(_Field((*path, token), item.start_mark.line, column))
                walk(item, (*path, token), (*schema, 0))

    try:
        walk(root, (), ())
    except RecursionError:
        return None
    return layout


@dataclass
class _Comments:
    above: dict[Path, list[str]] = field(default_factory=dict)
    after: dict[Path, list[str]] = field(default_factory=dict)
    end: list[str] = field(default_factory=list)


def _comments(text: str, layout: _Layout) -> Iterator[tuple[int, str, bool]]:
    """(line, comment, on a line of its own) for each comment of the text."""
    for number, line in enumerate(text.splitlines()):
        for match in _COMMENT.finditer(line):
            if not layout.covered(number, match.start()):
                at = match.start()
                yield number, line[at:].rstrip(), not line[:at].strip()
                break


def _gather(text: str, layout: _Layout, present: set[Path]) -> _Comments:
    found = _Comments()
    starts: dict[int, list[_Field]] = {}
    for f in layout.fields:
        starts.setdefault(f.line, []).append(f)
    order = sorted(layout.fields, key=lambda f: (f.line, len(f.path)))

    def next_present(line: int) -> Path | None:
        return next((f.path for f in order if f.line > line and f.path in present), None)

    for line, comment, own_line in _comments(text, layout):
        if not own_line:
            deepest = max(starts.get(line, []), key=lambda f: len(f.path), default=None)
            if deepest is not None and deepest.path in present:
                found.after.setdefault(deepest.path, []).append(comment)
                continue
        anchor = next_present(line)
        if anchor is None:
            found.end.append(comment)
        else:
            found.above.setdefault(anchor, []).append(comment)
    return found


def schema_identity(root: SchemaNode) -> Identity:
    """The identity of the lists of a kind (its schema's ``x-identity``)."""

    def identity(path: tuple[str | int, ...]) -> str | None:
        node: SchemaNode | None = root
        for key in path:
            node = node.child(key) if node is not None else None
        return node.identity if node is not None else None

    return identity


def _no_identity(path: tuple[str | int, ...]) -> str | None:
    return None


def keep_comments(old: str, new: str, identity: Identity = _no_identity) -> str:
    """``new`` (a canonical text) with the comments of ``old`` put back beside their fields
    (see the module docstring); ``new`` itself when ``old`` has none or does not parse."""
    if "#" not in old:
        return new
    old_layout, new_layout = _layout(old, identity), _layout(new, identity)
    if old_layout is None or new_layout is None:
        return new
    present = {f.path for f in new_layout.fields}
    found = _gather(old, old_layout, present)
    if not (found.above or found.after or found.end):
        return new
    lines = new.splitlines()
    before: dict[int, list[str]] = {}
    for f in sorted(new_layout.fields, key=lambda f: (f.line, len(f.path))):
        for comment in found.above.get(f.path, ()):
            before.setdefault(f.line, []).append(" " * f.column + comment)
        if f.path in found.after:
            lines[f.line] += "  " + " ".join(found.after[f.path])
    out: list[str] = []
    for number, line in enumerate(lines):
        out.extend(before.get(number, ()))
        out.append(line)
    out.extend(found.end)
    return "\n".join(out) + "\n"


def artifact_text(data: dict[str, Any], kind: Kind, old: str | None) -> str:
    """The file text of the artifact ``data`` as the tool writes it when it edits an artifact
    (``upgrade``, ``fix``): canonical, with the comments of the file's text today (``old``)."""
    text = render(canonicalise(data, kind))
    return text if old is None else keep_comments(old, text, schema_identity(kind.root))
