r"""Regular expressions from rule sets, run on RE2: matching takes time linear in the text,
whatever the pattern, so no pattern can backtrack catastrophically (``(a+)+``, ``(.*a){16}x``).

Patterns are RE2 syntax (https://github.com/google/re2/wiki/Syntax), which is Python's ``re``
without the features that need backtracking: a pattern with a backreference (``(a)\1``),
lookaround (``(?=a)``, ``(?<!a)``), an atomic group or a possessive quantifier does not compile,
and a rule set holding one is invalid. Python's escapes ``\uXXXX`` and ``\UXXXXXXXX`` are
accepted. Unlike Python, ``\d``, ``\w``, ``\s`` and ``\b`` are ASCII: write ``\p{L}``,
``\p{Nd}`` or the letters themselves (``[A-Za-zÆØÅæøå]``) for Danish text. A pattern whose
compiled program needs more than RE2's memory budget (8 MiB) is refused too.

The JSONPath functions ``match()`` and ``search()`` run their I-Regexp (RFC 9485) on RE2 as
well (:func:`iregexp`, used by :mod:`sp_config_guard.lint.queries`)."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from sp_config_guard.messages import t

_PYTHON_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))|\\.", re.DOTALL)


class RegexError(ValueError):
    """A pattern RE2 cannot compile, with the reason in the message."""


class Regex:
    """A pattern compiled on RE2. Texts are matched as UTF-8 (a lone surrogate too), through
    the binding's one-call ``Match`` (its ``search()`` costs twice as much per call). Lint asks
    the same few values again and again (280,000 searches, 1,100 distinct on the bench corpus),
    so the answers for short texts are kept, a bounded number per pattern."""

    def __init__(self, pattern: str, compiled: Any) -> None:
        self.pattern = pattern
        self._match = compiled._regexp.Match
        self._known: dict[tuple[Any, str], tuple[int, int]] = {}
        anchor = _re2()[0]._Anchor
        self._both, self._unanchored = anchor.ANCHOR_BOTH, anchor.UNANCHORED

    def fullmatch(self, text: str) -> bool:
        """Whether the whole of ``text`` matches."""
        return self._span(self._both, text)[0] >= 0

    def search(self, text: str) -> str | None:
        """The first (leftmost) match in ``text``, or None."""
        start, end = self._span(self._unanchored, text)
        return None if start < 0 else _utf8(text)[start:end].decode("utf-8", "surrogatepass")

    def _span(self, anchor: Any, text: str) -> tuple[int, int]:
        """Where the match is in the UTF-8 of ``text``; (-1, -1) if there is none."""
        span = self._known.get((anchor, text))
        if span is None:
            data = _utf8(text)
            span = self._match(anchor, data, 0, len(data))[0]
            if len(text) <= _KEPT_TEXT and len(self._known) < _KEPT:
                self._known[anchor, text] = span
        return span


_KEPT, _KEPT_TEXT = 1024, 100  # answers kept per pattern, for texts up to this long


@cache
def _re2() -> tuple[Any, Any]:
    """The RE2 binding and the options every pattern is compiled with (imported on first use:
    a run whose results all come from the cache compiles no pattern)."""
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print each refused pattern on stderr
    return re2, options


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _re2_syntax(pattern: str) -> str:
    """``pattern`` with Python's ``\\uXXXX`` and ``\\UXXXXXXXX`` written as RE2's ``\\x{...}``."""
    return _PYTHON_ESCAPE.sub(lambda m: rf"\x{{{m[1] or m[2]}}}" if m[1] or m[2] else m[0], pattern)


def _compile(pattern: str) -> Regex:
    """``pattern`` compiled on RE2; :class:`RegexError` if it cannot be."""
    re2, options = _re2()
    try:
        return Regex(pattern, re2.compile(_re2_syntax(pattern), options))
    except re2.error as error:
        reason = error.args[0]
        detail = reason.decode(errors="replace") if isinstance(reason, bytes) else str(reason)
        detail = detail if len(detail) <= 100 else detail[:100] + "..."  # RE2 quotes the pattern
        raise RegexError(
            t("regex.invalid", pattern=shown_pattern(pattern), detail=detail)
        ) from None


compile_regex = cache(_compile)  # a rule set's patterns: compiled once per process


def shown_pattern(pattern: str) -> str:
    """``pattern`` for a message: quoted, and cut short when it is long."""
    return repr(pattern) if len(pattern) <= 60 else repr(pattern[:60]) + "..."


def check_regex(pattern: Any) -> str | None:
    """A message when ``pattern`` is not a string RE2 can compile, else None."""
    if not isinstance(pattern, str):
        return t("regex.not_string", type=type(pattern).__name__)
    try:
        compile_regex(pattern)
    except RegexError as error:
        return str(error)
    return None


@lru_cache(maxsize=256)  # patterns may come from the data: a bounded number kept
def iregexp(pattern: str) -> Regex | None:
    """An I-Regexp (RFC 9485) on RE2, or None when it is not one; :class:`RegexError` when
    RE2 cannot compile it."""
    from iregexp_check import check as is_iregexp  # where a JSONPath filter has a pattern

    if not is_iregexp(pattern):
        return None
    return _compile(_I_REGEXP_SPECIAL.sub(_re2_meaning, pattern))


def iregexp_or_none(pattern: object) -> Regex | None:
    """As :func:`iregexp`, for a pattern found in the data (None: it matches nothing)."""
    try:
        return iregexp(pattern) if isinstance(pattern, str) else None
    except RegexError:
        return None


# Escapes and classes, kept as they are, or one of the characters RE2 reads otherwise.
_I_REGEXP_SPECIAL = re.compile(r"\\.|\[(?:\\.|[^\]\\])*\]|([.^$])")


def _re2_meaning(m: re.Match[str]) -> str:
    """``.`` is any character but a line break; ``^`` and ``$`` are plain characters."""
    return m[0] if not m[1] else r"[^\n\r]" if m[1] == "." else "\\" + m[1]
