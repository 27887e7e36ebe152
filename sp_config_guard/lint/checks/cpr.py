r"""``cpr``: strings at ``path`` that hold a Danish CPR number (personnummer). Ten digits,
``DDMMYY`` and a four-digit serial, with a hyphen (or a dash), a space or nothing between (not
part of a longer run of digits), are a CPR number when ``DDMMYY`` is a real calendar date in the century
the 7th digit gives, by the CPR office's rule (cpr.dk, "Opbygning af CPR-nummeret"):

=========  ===========  ===========
7th digit  YY 00-36     YY 37-99
=========  ===========  ===========
0-3        19YY         19YY
4, 9       20YY         19YY
5-8        20YY         20YY up to 57, 18YY from 58
=========  ===========  ===========

So ``290200-4...`` (29 February 2000) is a date and ``290200-1...`` (1900, no leap year) is
not; ``310299`` and ``320101`` never are. The modulus-11 rule (the digits weighted 4 3 2 7 6 5 4
3 2 1 sum to a multiple of 11) held for every number until 1 October 2007; numbers issued since
then need not satisfy it, so a real date alone makes a hit, and the hit says in ``modulus11``
whether the rule holds. One hit per string (``count``: how many numbers it holds). Numbers are
checked as their text; other non-strings are skipped. Findings of this check type never repeat
the value: its rules are sensitive whatever the rule set says.

Passing (impossible dates: 31 February, day 32, month 13)::

    check: {type: cpr, path: $.spec.body}
    kind: DocumentationTemplate
    spec: {body: "Rekvisition 310299-1111, journal 320101-1234 og 011301-1234"}

Failing (a real date; the modulus-11 rule holds for this fictitious number)::

    kind: DocumentationTemplate
    spec: {body: "Eksempel: pt. 111111-1118 med apopleksi"}

Failing (a real date without hyphen; the modulus-11 rule does not hold, still a hit)::

    kind: DocumentationTemplate
    spec: {body: "Aftalt for pt. 0101011234"}
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from sp_config_guard.lint.checks import PATH, CheckContext, Hit, options_schema
from sp_config_guard.messages import Msg, msg

NAME = "cpr"
SENSITIVE = True  # a finding never repeats what it found (see ruleset._make_rule)
OPTIONS_SCHEMA = options_schema(["path"], path=PATH)

# ten digits, 6 + 4 with at most one hyphen or space between, not inside a longer digit run; a
# text pasted from a word processor may hold a non-breaking hyphen or space, or an en dash
_CANDIDATE = re.compile(
    r"(?<![0-9])([0-9]{6})[-\u2010\u2011\u2013 \u00a0]?([0-9]{4})(?![0-9])", re.ASCII
)
_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def century(yy: int, seventh: int) -> int:
    """The century (1800, 1900 or 2000) of two-digit year ``yy`` by the 7th digit."""
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800


def birth_date(digits: str) -> date | None:
    """The date of birth of the ten ``digits`` of a CPR number, or None if it is no date."""
    day, month, yy, seventh = int(digits[0:2]), int(digits[2:4]), int(digits[4:6]), int(digits[6])
    try:
        return date(century(yy, seventh) + yy, month, day)
    except ValueError:
        return None


def modulus11(digits: str) -> bool:
    """Whether the ten ``digits`` satisfy the modulus-11 rule."""
    return sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 11 == 0


def cpr_numbers(text: str) -> list[str]:
    """The ten digits of every CPR number in ``text`` (a real date of birth), in order."""
    found = (match[1] + match[2] for match in _CANDIDATE.finditer(text))
    return [digits for digits in found if birth_date(digits) is not None]


def any_cpr(texts: list[str]) -> bool:
    """Whether any of ``texts`` holds a CPR number: one search of them joined by line breaks,
    which no candidate spans (a break is neither a digit nor a separator), so it finds exactly
    the numbers of the texts one by one."""
    return bool(cpr_numbers("\n".join(texts)))


def verdict(numbers: list[str]) -> Msg:
    """What a finding says of the modulus-11 rule for ``numbers`` (never their digits)."""
    holds = sum(map(modulus11, numbers))
    if len(numbers) > 1:
        return msg("personal.cpr_modulus11_some", holds=holds, count=len(numbers))
    return msg("personal.cpr_modulus11_holds" if holds else "personal.cpr_modulus11_fails")


def _text(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else None


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Each string holding a CPR number with a real date of birth."""
    texts = [text for text in map(_text, ctx.values(options["path"])) if text is not None]
    if not any_cpr(texts):
        return  # the usual case, found without making a location for every value
    for location, value in ctx.find(options["path"]):
        text = _text(value)
        numbers = cpr_numbers(text) if text is not None else []
        if numbers:
            yield Hit(location, value, {"modulus11": verdict(numbers), "count": len(numbers)})
