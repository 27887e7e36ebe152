"""Safe YAML reading (YAML 1.2 core types, no duplicate keys, no aliases, no custom tags)
and the canonical YAML writer, on libyaml (PyYAML). Callers use
:mod:`~sp_config_guard.load.yamlio`, which imports this module on first use."""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sp_config_guard.errors import InputError, Problem
from sp_config_guard.load.yamlio import MAX_DEPTH
from sp_config_guard.messages import Msg, msg
from sp_config_guard.yamlcore import CORE_RESOLVERS as _CORE_RESOLVERS
from sp_config_guard.yamlcore import INT_LIMIT, Positions

_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")
)


class CoreResolver(yaml.resolver.BaseResolver):
    """Plain scalars typed by the YAML 1.2 core schema (no yes/no/on/off, no dates)."""


for _name, _regexp, _first in _CORE_RESOLVERS:
    CoreResolver.add_implicit_resolver(f"tag:yaml.org,2002:{_name}", _regexp, list(_first))
CoreResolver.add_implicit_resolver("tag:yaml.org,2002:null", _CORE_RESOLVERS[3][1], [""])
_BOOL, _INT, _FLOAT = (regexp for _, regexp, _ in _CORE_RESOLVERS[:3])
_INFINITE = {".inf": "inf", "+.inf": "inf", "-.inf": "-inf", ".nan": "nan"}


class _QuoteResolver(yaml.resolver.Resolver):
    """For writing: anything a YAML 1.1 *or* 1.2 reader would not read as a string."""


for _name, _regexp, _first in _CORE_RESOLVERS:
    _QuoteResolver.add_implicit_resolver(f"tag:yaml.org,2002:{_name}", _regexp, list(_first))
_QuoteResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9][0-9_]*$"), list("-+0123456789")
)
# The YAML 1.1 spec also makes y/Y/n/N booleans (PyYAML's resolver leaves them out).
_QuoteResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:y|Y|n|N)$"), list("yYnN")
)


class SafeLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """libyaml parser with a strict constructor: see the module docstring."""

    yaml_implicit_resolvers = CoreResolver.yaml_implicit_resolvers

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _problem(
                "LOAD004",
                msg("LOAD004.alias"),
                node,
            )
        if node.tag not in _ALLOWED_TAGS:
            raise _problem(
                "LOAD003",
                msg("LOAD003.tag", tag=repr(node.tag)),
                node,
            )
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        if not isinstance(node, MappingNode):
            raise ConstructorError(None, None, "expected a mapping", node.start_mark)
        mapping: dict[Hashable, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _problem("LOAD001", msg("LOAD001.key_not_text"), key_node)
            key = key_node.value
            if key in mapping:
                raise _problem(
                    "LOAD002",
                    msg("LOAD002.yaml", key=repr(key)),
                    key_node,
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_int(self, node: ScalarNode) -> int:
        text = self._typed(node, "int", _INT)
        base = {"0o": 8, "0x": 16}.get(text[:2], 10)
        try:
            value = int(text[2:] if base != 10 else text, base)
        except ValueError:  # more digits than int() converts (sys.get_int_max_str_digits)
            value = INT_LIMIT
        if abs(value) >= INT_LIMIT:  # also 0x...: no report could print it in decimal
            raise _problem("LOAD011", msg("LOAD011.digits"), node)
        return value

    def construct_yaml_float(self, node: ScalarNode) -> float:
        text = self._typed(node, "float", _FLOAT)
        value = float(_INFINITE.get(text.lower(), text))
        if not math.isfinite(value):
            raise _problem("LOAD011", msg("LOAD011.not_finite"), node)
        return value

    def construct_yaml_bool(self, node: ScalarNode) -> bool:
        return self._typed(node, "bool", _BOOL)[0] in "tT"

    def _typed(self, node: ScalarNode, tag: str, pattern: re.Pattern[str]) -> str:
        """The text of a scalar typed ``tag`` (implicitly or by an explicit ``!!tag``), which
        must be written as the YAML 1.2 core schema writes that type."""
        text = str(self.construct_scalar(node))
        if not pattern.match(text):
            raise _problem("LOAD011", msg("LOAD011.tagged", tag=f"!!{tag}"), node)
        return text


for _tag in ("int", "float", "bool"):
    SafeLoader.add_constructor(
        f"tag:yaml.org,2002:{_tag}", getattr(SafeLoader, f"construct_yaml_{_tag}")
    )


def _problem(code: str, message: Msg, node: Node) -> InputError:
    mark = node.start_mark
    return InputError(Problem(code, message, mark.name, mark.line + 1, mark.column + 1))


# A line that starts with this many spaces or block indicators ("- ", "? ", ": ") could open
# twice as many block levels; with fewer brackets than this, flow nesting stays as shallow.
_CLEAR = MAX_DEPTH // 5
_DEEP_LINE = re.compile(rf"\n[ \t?:-]{{{_CLEAR}}}")
_DEEP_FIRST_LINE = re.compile(rf"[ \t?:-]{{{_CLEAR}}}")


def _check_depth(text: str, file: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before libyaml composes it (it recurses in C and
    crashes the process at ~30k levels).

    A file with few brackets and no deeply indented line cannot nest that deep (at most two
    levels per bracket and two per column); any other file is measured exactly on libyaml's
    event stream, which is parsed without recursion. Counting brackets is not enough: they
    also occur inside quoted strings, and "- - - x" nests without indentation.

    Newer libyaml (PyYAML >= 6.0.4) refuses deep nesting itself, with the same ScannerError as
    any syntax error, and its scanner reads up to 1,024 characters ahead of the events, so it
    can refuse before the count here gets there. What such an error means is decided by
    measuring, not by its wording: the text before the place libyaml refused is measured again
    (its scanner then stops at the end, below its own limit); deeper than MAX_DEPTH there is
    LOAD009, anything else stays libyaml's error."""
    if (
        text.count("[") + text.count("{") <= _CLEAR
        and not _DEEP_FIRST_LINE.match(text)
        and not _DEEP_LINE.search(text)
    ):
        return
    try:
        _measure_depth(yaml.parse(text, Loader=SafeLoader), file)
    except yaml.MarkedYAMLError as err:
        if err.problem_mark is not None:
            with contextlib.suppress(yaml.YAMLError):
                _measure_depth(yaml.parse(text[: err.problem_mark.index], Loader=SafeLoader), file)
        raise


def _measure_depth(events: Iterable[yaml.Event], file: str) -> None:
    depth = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise InputError(
                    Problem(
                        "LOAD009",
                        msg("LOAD009.depth", limit=MAX_DEPTH),
                        file,
                        mark.line + 1 if mark else None,
                        mark.column + 1 if mark else None,
                    )
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def parse_yaml(text: str, file: str) -> list[Any]:
    """Parse every document of ``text``; raise :class:`InputError` with file, line and column."""
    loader = SafeLoader(text)
    loader.name = file
    try:
        _check_depth(text, file)
        docs = []
        while loader.check_data():
            docs.append(loader.get_data())
        return docs
    except InputError as err:
        raise InputError(_with_file(err.problem, file)) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = " ".join(p for p in (err.context, err.problem) if p)
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise InputError(
            Problem("LOAD001", msg("LOAD001.yaml", detail=what), file, line, col)
        ) from None
    except yaml.YAMLError as err:
        raise InputError(Problem("LOAD001", msg("LOAD001.yaml", detail=str(err)), file)) from None
    except RecursionError:
        raise InputError(Problem("LOAD009", msg("LOAD009.too_deep"), file)) from None
    finally:
        loader.dispose()


def _with_file(problem: Problem, file: str) -> Problem:
    return Problem(problem.code, problem.msg, file, problem.line, problem.column)


class _NotPlain(Exception):
    """A document with complex keys or aliases: positions come from the node tree instead."""


def compose(text: str) -> Positions | Node | None:
    """Where the nodes of the (single) document start, for :func:`line_column`; None if it does not
    parse. Read from the parser's events (no node tree, no type resolution), except for
    documents with complex keys or aliases, which get the composed node tree."""
    try:
        try:
            return _positions(yaml.parse(text, Loader=SafeLoader))
        except _NotPlain:
            return yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return None


def _positions(events: Iterable[yaml.Event]) -> Positions | None:
    out: Positions = {}
    frames: list[list[Any]] = []  # [path, mapping?, key or next index, a key comes next?]
    documents = 0
    for event in events:
        cls = event.__class__
        if cls is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:  # as yaml.compose: one document or none
                return None
            continue
        if cls in _FRAMING:
            continue
        if cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
            frames.pop()
            continue
        if cls is yaml.AliasEvent:
            raise _NotPlain
        path: tuple[Any, ...] = ()
        if frames:
            frame = frames[-1]
            if frame[1] and frame[3]:
                if cls is not yaml.ScalarEvent:
                    raise _NotPlain
                frame[2], frame[3] = event.value, False  # type: ignore[attr-defined]
                continue
            path = (*frame[0], frame[2])
            if frame[1]:
                frame[3] = True
            else:
                frame[2] += 1
        mark = event.start_mark
        if mark is not None:
            out.setdefault(path, (mark.line + 1, mark.column + 1))
        if cls is yaml.MappingStartEvent:
            frames.append([path, True, None, True])
        elif cls is yaml.SequenceStartEvent:
            frames.append([path, False, 0, False])
    return out


_FRAMING = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)


def node_line_column(tree: Node | None, path: Sequence[str | int]) -> tuple[int, int]:
    """1-based (line, column) of the node at ``path`` in a composed tree, or of its nearest
    existing ancestor."""
    node = tree
    if node is None:
        return (1, 1)
    for step in path:
        child: Node | None = None
        if isinstance(node, MappingNode):
            child = next((value for key, value in node.value if key.value == step), None)
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            child = node.value[step]
        if child is None:
            break
        node = child
    return (node.start_mark.line + 1, node.start_mark.column + 1)


# -- writing -----------------------------------------------------------------------------


class CanonicalDumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    """Block style, two-space indent, no folding, double quotes where a reader could mistype."""

    yaml_implicit_resolvers = _QuoteResolver.yaml_implicit_resolvers


def _represent_str(dumper: yaml.SafeDumper, value: str) -> ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar(_STR, value, style="|")
    if dumper.resolve(ScalarNode, value, (True, False)) != _STR:
        return dumper.represent_scalar(_STR, value, style='"')
    return dumper.represent_scalar(_STR, value)


CanonicalDumper.add_representer(str, _represent_str)


def dump_canonical(data: Any) -> str:
    """Serialise already-normalised data to the canonical YAML text."""
    return yaml.dump(
        data,
        Dumper=CanonicalDumper,
        allow_unicode=True,
        default_flow_style=False,
        sort_keys=False,
        indent=2,
        width=1_000_000,
        explicit_start=False,
    )
