"""A fast reader for exactly the YAML subset the canonical writer produces.

``parse_canonical(text)`` returns the same value as ``yamlio.parse_yaml(text, f)[0]`` for text
in the subset, and None for anything else (the caller then falls back to libyaml, which also
reports the errors). The subset (docs/canonical-format.md, as ``dump_canonical`` writes it):
one block mapping at the root; nested mappings and block sequences (also "indentless" ones at
their key's column, items starting on the dash line, ``- - x``); keys plain or quoted, on one
line; values plain, single- or double-quoted on one line, ``[]``, ``{}``, or literal block
scalars (``|``, ``|-``, ``|+``, ``|2-``); a final ``...`` line. Outside it: comments,
anchors, aliases, tags, other flow collections, folded or multi-line scalars, tabs, CR,
control characters, ``---``, duplicate keys, more than 100 levels of nesting, numbers that
are not finite or have more digits than ``int()`` converts (both load problems). It never
guesses: a line it cannot read exactly as libyaml does makes it return None.

A line outside block scalars means the same wherever it occurs: ``_line`` reads it with one
regular expression (whose last matching group says what the value is, typed by the YAML 1.2
core patterns of ``yamlcore.CORE_RESOLVERS``) into (column, dashes, key, value), and remembers the
answer, since canonical files repeat most of their lines. ``_parse`` then only builds the
containers, with a stack of (column, container) pairs.

Why this reader stays rather than yaml-rs (issue #19; decided December 2026 on the realistic
corpus, ``python -m bench.corpus --artifacts 20000 --seed 1``: 8.8% of its lines distinct, the
example 10.0%, the corpus before 2.0%; 2-core shared machine, medians of paired rounds):

- yaml-rs 0.1.6 alone (``yaml_rs.loads``, no checks) is as fast as this reader with its line
  memory cleared: its time / ours 0.94x (min 0.72, max 1.66; 0.96x and 1.19x in two earlier
  runs), ``python -m bench.speedups DIR --rounds 7 --only yaml``. On the corpus before (2.0%
  distinct) ours was 1.90x faster: that corpus did flatter the line memory.
- But alone it reads otherwise than ``yamlio.parse_yaml`` (differential fuzzing, see
  ``bench.parse_speed``): ``1_000``, ``05``, ``-096``, ``0b101``, ``0X1F``, ``-0x1``, ``+0o7``
  as numbers (strings in YAML 1.2's core schema); ``.inf``, ``.nan``, ``1e400`` as floats
  (LOAD011); aliases expanded (LOAD004) and tags ignored (``!foo x`` is "x", LOAD003); keys
  typed (``1:`` an int, ``null:`` None); a BOM kept in the first key, NEL read as text; an
  empty block scalar at the end as "\n" (libyaml: ""); ``? |`` otherwise; anchor names libyaml
  refuses; 1,100 levels of nesting (LOAD009). Alike: ``1e3``, ``0o17``, ``~``, ``yes`` (a
  string), dates and timestamps (strings, with ``parse_datetime=False``); a repeated key and a
  tab in the indentation are errors in both.
- Behind checks that leave all of that to libyaml (``bench.parse_speed.parse_yaml_rs``: the
  text searched for the characters, markers, tags, anchors, complex keys, flow collections,
  number spellings and depth above, aliases refused, the value checked for string keys and
  finite numbers; its faithfulness is tested like this reader's, tests/test_yamlrs_reader.py)
  it is 2.09x our time before any file goes to libyaml (min 1.86, max 2.14), and 2.22x (min
  1.77, max 2.89) as used, with the 1,554 of 20,000 files it leaves to libyaml (documentation
  templates, whose SmartLists such as ``{Ja/Nej:1234}`` look like flow mappings to a check on
  the text). Whole processes reading the 20,000 files (paired, medians of 5 runs, CPU
  seconds): 2.91 with this reader, 4.57 with yaml-rs so guarded (ratio 0.63), 1.23 for start-up
  and reading the files alone.
- It gives values only; ``positions`` (where findings are) would go back to libyaml's events.
The issue's "2.7x slower than yaml-rs" was measured on a corpus with 48% distinct lines,
far more varied than the example; a guard cheap enough to keep yaml-rs ahead would be a
second hand-written reader of the subset."""

from __future__ import annotations

import math
import re
from typing import Any

from sp_config_guard.speedups import enabled
from sp_config_guard.yamlcore import CORE_RESOLVERS, INT_LIMIT, Positions

# Characters that libyaml refuses, reads as line breaks or BOM, or that we leave to it (tab, CR);
# only searched for in lines that str.isprintable() does not already clear.
_BAD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_PLAIN = (  # a one-line plain scalar: no indicator first, no ": ", " #", trailing ':' or ' '
    r"(?:[^-?:,\[\]{}#&*!|>'\"%@` ]|-(?=[^ :]))(?:[^ :]|:(?=[^ :])| +(?=[^ #:]))*"
)
_DQ = r'"([^"\\]*(?:\\.[^"\\]*)*)"'
_SQ = r"'([^']*(?:''[^']*)*)'"
_TYPED = "|".join(f"({regexp.pattern[1:-1]})" for _, regexp, _ in CORE_RESOLVERS)
_LINE = re.compile(
    rf"( *)((?:- )*)(?:(?:({_PLAIN})|{_DQ}|{_SQ}):(?: (?=[^ ])|$))?"
    rf"(?:{_TYPED}|({_PLAIN})|{_DQ}|{_SQ}|(\|[1-9]?[-+]?)|(\[\]|\{{\}}))"
)
# Groups: 1 indent, 2 dashes, 3-5 key (plain, "", ''), then one per kind of value:
_BOOL, _INT, _FLOAT, _NULL, _STR, _DQS, _SQS, _BLOCK, _FLOW = range(6, 15)
_ESC = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_SIMPLE_ESC = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_MAX_LINE = 10_000  # longer lines go to libyaml: ``re`` holds state per character of a match
_MAX_KEY = 128  # longer keys are written as "? key" by the emitter (and libyaml caps at 1024)
_MAX_DEPTH = 100
_CACHE: dict[str, Any] = {}  # line -> _line(line)
_CACHE_SIZE, _CACHE_LINE = 50_000, 200


class _Bail(Exception):
    """The text is outside the canonical subset."""


class _Mark:
    """A value that is not a plain Python scalar: empty, a new container or a block scalar."""

    def __init__(self, header: str = "") -> None:
        self.header = header


_EMPTY, _NEW_LIST, _NEW_MAP = _Mark(), _Mark(), _Mark()
_BLANK = (0, 0, None, _EMPTY)


def parse_canonical(text: str) -> dict[str, Any] | None:
    """The document's value exactly as ``parse_yaml`` reads it, or None if outside the subset
    (or the speedups are off)."""
    lines = _lines(text) if enabled() else None
    if lines is None:
        return None
    try:
        return _parse(lines)
    except _Bail:
        return None


def positions(text: str) -> Positions | None:
    """Where each node starts, as ``yamlio.compose`` says, or None if outside the subset (or
    the speedups are off)."""
    lines = _lines(text) if enabled() else None
    if lines is None:
        return None
    marks: Positions = {}
    try:
        _parse(lines, marks)
    except _Bail:
        return None
    return marks


def _lines(text: str) -> list[str] | None:
    """The lines of a text that may be in the subset (None when it cannot be)."""
    if text.endswith("\n...\n"):  # the emitter ends a document so after a "|+" scalar
        text = text[:-4]
    if (
        not text.endswith("\n")
        or "\n---" in text
        or "\n..." in text
        or text.startswith(("---", "..."))
    ):
        return None
    lines = text.split("\n")
    lines.pop()
    return lines


def clear_cache() -> None:
    """Forget the lines read so far (for benchmarks that want a cold start)."""
    _CACHE.clear()


def _parse(lines: list[str], marks: Positions | None = None) -> dict[str, Any]:
    """The document's value; with ``marks``, also where each node starts (1-based line and
    column, as libyaml's marks: a container at its first key or dash, a scalar at its first
    character), kept by path in ``marks``."""
    root: Any = {}
    stack: list[tuple[int, Any]] = [(0, root)]  # (column, container)
    paths: list[tuple[Any, ...]] = [()]  # with marks: the path of each container on the stack
    ind, cont = 0, root  # the top of the stack
    pending: dict[str, Any] | None = None  # mapping whose last key has no value yet
    pkey, pcol = "", 0
    cache, get = _CACHE, _CACHE.get
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        i += 1
        info = get(line)
        if info is None:
            info = _line(line)
            if len(line) <= _CACHE_LINE:
                if len(cache) >= _CACHE_SIZE:
                    cache.clear()
                cache[line] = info
        if info is _BLANK:
            continue
        col, dashes, key, value = info
        if marks is not None and not marks:
            marks[()] = (i, col + 1)
        if pending is not None:
            if col > pcol or (col == pcol and dashes):
                cont = [] if dashes else {}
                pending[pkey] = cont
                ind = col
                stack.append((ind, cont))
                if len(stack) > _MAX_DEPTH:
                    raise _Bail
                if marks is not None:
                    paths.append((*paths[-1], pkey))
                    marks[paths[-1]] = (i, col + 1)
            elif marks is not None:  # an empty value: libyaml's mark for it is its own guess
                raise _Bail
            else:
                pending[pkey] = None
            pending = None
        if col != ind or dashes or cont.__class__ is list:  # the nesting changes
            while ind > col or (ind == col and not dashes and cont.__class__ is list):
                stack.pop()
                ind, cont = stack[-1]
                if marks is not None:
                    paths.pop()
            if ind != col:
                raise _Bail
            if cont.__class__ is list:  # an item: "- x", "- key: x", "- - x"
                for _ in range(dashes - 1):
                    if marks is not None:
                        paths.append((*paths[-1], len(cont)))
                        marks[paths[-1]] = (i, ind + 3)
                    cont.append(cont := [])
                    ind += 2
                    stack.append((ind, cont))
                if len(stack) > _MAX_DEPTH:
                    raise _Bail
                if marks is not None:
                    marks[(*paths[-1], len(cont))] = (i, ind + 3)
                if key is None:
                    if value.__class__ is _Mark:
                        value, i = _made(value, lines, i, ind)
                    cont.append(value)
                    continue
                if marks is not None:
                    paths.append((*paths[-1], len(cont)))
                cont.append(cont := {})
                ind += 2
                stack.append((ind, cont))
            elif dashes:
                raise _Bail
        if key is None or key in cont:
            raise _Bail
        if marks is not None and value is not _EMPTY:
            if not line.startswith(f"{key}:", ind):  # a quoted key: its width is not len(key)
                raise _Bail
            marks[(*paths[-1], key)] = (i, ind + len(key) + 3)
        if value.__class__ is _Mark:
            if value is _EMPTY:
                pending, pkey, pcol = cont, key, ind
                continue
            value, i = _made(value, lines, i, ind)
        cont[key] = value
    if pending is not None:
        if marks is not None:
            raise _Bail
        pending[pkey] = None
    if not root:
        raise _Bail
    return root


def _made(mark: _Mark, lines: list[str], i: int, base: int) -> tuple[Any, int]:
    """The value a mark stands for, and the index of the next line."""
    if mark is _NEW_LIST:
        return [], i
    if mark is _NEW_MAP:
        return {}, i
    if mark is _EMPTY:  # "- " with nothing after it
        raise _Bail
    return _block(lines, i, base, mark.header)


def _line(line: str) -> tuple[int, int, str | None, Any]:
    """(column, number of "- ", key or None, value or _Mark) of a line outside block scalars."""
    if len(line) > _MAX_LINE or (not line.isprintable() and _BAD.search(line)):
        raise _Bail
    m = _LINE.fullmatch(line)
    if m is None:
        raise _Bail
    indent, dashes, key, dkey, skey = m.group(1, 2, 3, 4, 5)
    if len(key or dkey or skey or "") > _MAX_KEY:
        raise _Bail
    if dkey is not None:
        key = _unescape(dkey)
    elif skey is not None:
        key = skey.replace("''", "'")
    kind = m.lastindex or 0
    text = m.group(kind)
    value: Any
    if kind == _STR:
        value = text
    elif kind == _DQS:
        value = _unescape(text)
    elif kind == _SQS:
        value = text.replace("''", "'")
    elif kind == _NULL:
        value = None if text else _EMPTY
        if not text and key is None:
            if dashes:
                raise _Bail
            return _BLANK
    elif kind == _BOOL:
        value = text[0] in "tT"
    elif kind == _INT:
        base = {"0o": 8, "0x": 16}.get(text[:2], 10)
        try:
            value = int(text[2:] if base != 10 else text, base)
        except ValueError:  # more digits than int() converts: a problem libyaml's reader reports
            raise _Bail from None
        if abs(value) >= INT_LIMIT:
            raise _Bail
    elif kind == _FLOAT:
        if text.lstrip("+-").lower() in (".inf", ".nan"):  # libyaml's reader reports these
            raise _Bail
        value = float(text)
        if not math.isfinite(value):  # 1e999: as .inf
            raise _Bail
    elif kind == _BLOCK:
        value = _Mark(text)
    else:
        value = _NEW_LIST if text == "[]" else _NEW_MAP
    if key is None and not dashes:
        raise _Bail  # a scalar on a line of its own
    return len(indent), len(dashes) // 2, key, value


def _unescape(body: str) -> str:
    return _ESC.sub(_escape, body) if "\\" in body else body


def _escape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 1:
        try:
            return _SIMPLE_ESC[code]
        except KeyError:
            raise _Bail from None
    point = int(code[1:], 16)
    if 0xD800 <= point <= 0xDFFF or point > 0x10FFFF:
        raise _Bail
    return chr(point)


def _block(lines: list[str], i: int, base: int, header: str) -> tuple[str, int]:
    """The literal block scalar whose content starts at ``lines[i]``, and the index of the line
    after it. ``base`` is libyaml's indentation there: the column of the enclosing mapping's
    keys or of the enclosing sequence's dashes."""
    chomp = header[-1] if header[-1] in "+-" else ""
    step = header[1:2] if header[1:2].isdigit() else ""
    n = len(lines)
    if step:
        indent = base + int(step)
    else:  # detected from the first line, which must then have content
        first = lines[i] if i < n else ""
        indent = len(first) - len(first.lstrip(" "))
        if indent == len(first) or indent <= base:
            raise _Bail
    pad = " " * indent
    parts: list[str] = []
    content = 0  # number of parts up to and including the last line with content
    while i < n:
        line = lines[i]
        if len(line) <= indent and not line.strip(" "):
            parts.append("")
        elif line.startswith(pad):
            if not line.isprintable() and _BAD.search(line):
                raise _Bail
            parts.append(line[indent:])
            content = len(parts)
        else:
            break
        i += 1
    trailing = "\n" * (len(parts) - content) if chomp == "+" else ""
    if not content:
        return trailing, i
    return "\n".join(parts[:content]) + ("" if chomp == "-" else "\n") + trailing, i
