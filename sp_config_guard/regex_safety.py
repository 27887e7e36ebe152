"""Refusing regular expressions that can backtrack catastrophically.

The parsed pattern tree is analysed, not the text. Inside a group repeated without bound, a
part that can match a varying amount of text (``a+``, ``b?``, ``(|a)``) is ambiguous when the
characters it may take could also start what follows it, including the next repetition: the
matcher then tries every way of splitting the input, which grows exponentially. So
``(a+)+``, ``(\\w+\\s?)*`` and ``(a|aa)*`` are refused, while ``[a-z]+(-[a-z]+)*`` passes
(each repetition starts with ``-``, which ``[a-z]+`` cannot take). A repeated part that can
match the empty string (``(a*)*``) and alternatives that can start alike are refused too."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sp_config_guard.messages import t

try:
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_parse

C = sre_parse  # opcode and category constants
LOOP_MAX = 16  # a bounded repeat above this counts as a loop
UNIVERSE = frozenset(chr(c) for c in range(256)) | frozenset("æøåÆØÅ€Ω中\u2028\u00a0")
CATEGORIES: dict[Any, Callable[[str], bool]] = {
    C.CATEGORY_DIGIT: str.isdecimal,
    C.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    C.CATEGORY_SPACE: str.isspace,
}
NEGATED = {C.CATEGORY_NOT_DIGIT: C.CATEGORY_DIGIT, C.CATEGORY_NOT_WORD: C.CATEGORY_WORD}
NEGATED[C.CATEGORY_NOT_SPACE] = C.CATEGORY_SPACE
REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)


class Unsafe(Exception):
    """Raised with the reason a pattern is unsafe."""


class _Analysis:
    def __init__(self, pattern: str) -> None:
        tree = sre_parse.parse(pattern)
        self.icase = bool(tree.state.flags & re.IGNORECASE)
        self.universe = UNIVERSE | frozenset(pattern) | frozenset(pattern.swapcase())
        self.known: dict[tuple[Any, int], frozenset[str]] = {}  # node -> chars (the tree lives)
        self.walk(list(tree), frozenset(), False)

    def chars(self, op: Any, arg: Any) -> frozenset[str]:
        """The characters a single-character node matches (over a sample universe)."""
        key = (op, id(arg))
        if key not in self.known:
            self.known[key] = frozenset(c for c in self.universe if self.one(op, arg, c))
        return self.known[key]

    def one(self, op: Any, arg: Any, c: str) -> bool:
        if self.icase and len(c.swapcase()) == 1 and c != c.swapcase():
            return self.exact(op, arg, c) or self.exact(op, arg, c.swapcase())
        return self.exact(op, arg, c)

    def exact(self, op: Any, arg: Any, c: str) -> bool:
        if op is C.LITERAL:
            return ord(c) == arg
        if op is C.NOT_LITERAL:
            return ord(c) != arg
        if op is C.RANGE:
            return bool(arg[0] <= ord(c) <= arg[1])
        if op is C.CATEGORY:
            return CATEGORIES[arg](c) if arg in CATEGORIES else not CATEGORIES[NEGATED[arg]](c)
        if op is C.IN:
            negate = bool(arg) and arg[0][0] is C.NEGATE
            return negate != any(self.exact(o, a, c) for o, a in (arg[1:] if negate else arg))
        return True  # ANY, back references: assume anything

    def first(self, seq: list[Any]) -> frozenset[str]:
        """Characters a match of ``seq`` can start with."""
        out: frozenset[str] = frozenset()
        for op, arg in seq:
            out |= self.first_of(op, arg)
            if not self.nullable([(op, arg)]):
                break
        return out

    def first_of(self, op: Any, arg: Any) -> frozenset[str]:
        if op in REPEATS or op is C.POSSESSIVE_REPEAT:
            return self.first(arg[2])
        if op is C.SUBPATTERN:
            return self.first(arg[3])
        if op is C.ATOMIC_GROUP:
            return self.first(arg)
        if op is C.BRANCH:
            return frozenset().union(*(self.first(b) for b in arg[1]))
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return frozenset()
        return self.chars(op, arg)  # GROUPREF and GROUPREF_EXISTS: anything

    def nullable(self, seq: list[Any]) -> bool:
        """Whether ``seq`` can match the empty string."""
        for op, arg in seq:
            if op in REPEATS or op is C.POSSESSIVE_REPEAT:
                empty = arg[0] == 0 or self.nullable(arg[2])
            elif op is C.SUBPATTERN:
                empty = self.nullable(arg[3])
            elif op is C.ATOMIC_GROUP:
                empty = self.nullable(arg)
            elif op is C.BRANCH:
                empty = any(self.nullable(b) for b in arg[1])
            else:
                empty = op in (C.AT, C.ASSERT, C.ASSERT_NOT, C.GROUPREF, C.GROUPREF_EXISTS)
            if not empty:
                return False
        return True

    def walk(self, seq: list[Any], follow: frozenset[str], looped: bool) -> None:
        """Check ``seq``; ``follow``: what can come after it; ``looped``: inside a loop."""
        for i, (op, arg) in enumerate(seq):
            rest = seq[i + 1 :]
            after = self.first(rest) | (follow if self.nullable(rest) else frozenset())
            self.node(op, arg, after, looped)

    def node(self, op: Any, arg: Any, follow: frozenset[str], looped: bool) -> None:
        if op in REPEATS:
            low, high, body = arg
            loop = high == C.MAXREPEAT or high > LOOP_MAX
            if loop and self.nullable(body):
                raise Unsafe("regex.empty_loop")
            if looped and low != high and self.first(body) & follow:
                raise Unsafe("regex.nested")
            wrap = self.first(body) if high > 1 else frozenset()
            inner = (wrap | follow) if looped or not loop else wrap  # a new loop: wrap only
            self.walk(body, inner, looped or loop)
        elif op is C.BRANCH:
            if looped:
                self.branch(arg[1], follow)
            for branch in arg[1]:
                self.walk(branch, follow, looped)
        elif op is C.SUBPATTERN:
            self.walk(arg[3], follow, looped)
        elif op in (C.POSSESSIVE_REPEAT, C.ATOMIC_GROUP, C.ASSERT, C.ASSERT_NOT):
            body = arg[2] if op is C.POSSESSIVE_REPEAT else arg if op is C.ATOMIC_GROUP else arg[1]
            self.walk(body, frozenset(), False)  # no backtracking into these from outside
        elif op is C.GROUPREF_EXISTS:
            for branch in arg[1:]:
                self.walk(list(branch or []), follow, looped)

    def branch(self, branches: list[list[Any]], follow: frozenset[str]) -> None:
        firsts = [self.first(b) for b in branches]
        for i, one in enumerate(firsts):
            if any(one & other for other in firsts[i + 1 :]):
                raise Unsafe("regex.alike")
        if any(self.nullable(b) for b in branches) and frozenset().union(*firsts) & follow:
            raise Unsafe("regex.optional")


def unsafe_reason(pattern: str) -> str | None:
    """Why ``pattern`` could backtrack catastrophically, or None when it is safe."""
    try:
        _Analysis(pattern)
    except Unsafe as reason:
        return t(reason.args[0])
    return None


def check_regex(pattern: Any) -> str | None:
    """A message when ``pattern`` is not a valid, safe regular expression, else None."""
    if not isinstance(pattern, str):
        return t("regex.not_string", type=type(pattern).__name__)
    try:
        re.compile(pattern)
        reason = unsafe_reason(pattern)
    except (re.error, RecursionError, OverflowError, ValueError) as error:
        return t("regex.invalid", pattern=repr(pattern), detail=error)
    if reason:
        return t("regex.unsafe", pattern=repr(pattern), reason=reason)
    return None
