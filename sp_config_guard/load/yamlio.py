"""Safe YAML reading (YAML 1.2 core types, no duplicate keys, no aliases, no custom tags),
positions of nodes, and the canonical YAML writer.

The work is libyaml's (:mod:`~sp_config_guard.load.libyaml`), imported on first use: PyYAML
costs 20-35 ms a start, and a run that reads only what the cache and the canonical reader
already answer (a lint of one unchanged file, a pre-commit lint of canonical artifacts without
findings) never needs it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sp_config_guard.speedups import canonical_yaml
from sp_config_guard.yamlcore import INT_LIMIT, Positions

if TYPE_CHECKING:
    from yaml.nodes import Node

    from sp_config_guard.load.libyaml import SafeLoader

__all__ = [
    "INT_LIMIT",
    "MAX_DEPTH",
    "SafeLoader",
    "compose",
    "dump_canonical",
    "line_column",
    "parse_yaml",
    "position",
    "positions",
]

# Below libyaml's own limit (1,000 levels in PyYAML >= 6.0.4), so that a file deeper than
# this is always measured as too deep; real artifacts nest fewer than 20 levels.
MAX_DEPTH = 500


def parse_yaml(text: str, file: str) -> list[Any]:
    """Parse every document of ``text``; raise :class:`InputError` with file, line and column."""
    from sp_config_guard.load import libyaml

    return libyaml.parse_yaml(text, file)


def compose(text: str) -> Positions | Node | None:
    """Where the nodes of the (single) document start, for :func:`line_column`; None if it does not
    parse. Read from the parser's events (no node tree, no type resolution), except for
    documents with complex keys or aliases, which get the composed node tree."""
    from sp_config_guard.load import libyaml

    return libyaml.compose(text)


def positions(text: str) -> Positions | Node | None:
    """Where each node starts, as :func:`compose` says: read by the canonical reader when the
    text is in its subset and the speedups are on (several times faster), else by
    :func:`compose`."""
    fast = canonical_yaml.positions(text)
    return fast if fast is not None else compose(text)


def line_column(tree: Positions | Node | None, path: Sequence[str | int]) -> tuple[int, int]:
    """1-based (line, column) of the node at ``path``, or of its nearest existing ancestor."""
    if isinstance(tree, dict):
        for end in range(len(path), -1, -1):
            found = tree.get(tuple(path[:end]))
            if found is not None:
                return found
        return (1, 1)
    if tree is None:
        return (1, 1)
    from sp_config_guard.load import libyaml

    return libyaml.node_line_column(tree, path)


def position(text: str, path: Sequence[str | int]) -> tuple[int, int]:
    """1-based (line, column) of ``path`` in the first document of ``text``."""
    return line_column(compose(text), path)


def dump_canonical(data: Any) -> str:
    """Serialise already-normalised data to the canonical YAML text."""
    from sp_config_guard.load import libyaml

    return libyaml.dump_canonical(data)


def __getattr__(name: str) -> Any:
    if name == "SafeLoader":  # the loader class (tests, the comment-keeping reader)
        from sp_config_guard.load.libyaml import SafeLoader

        return SafeLoader
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
