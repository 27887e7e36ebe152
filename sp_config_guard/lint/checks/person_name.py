r"""``person_name``: strings at ``path`` that hold a personal name, found on a real basis (the
shipped ``sp_config_guard/lint/data/names-da.yaml``: first names and surnames from Danmarks
Statistik's name statistics, clinical titles). A name is two words on one line with only blanks
between them, the second capitalised (an upper-case letter, then lower case; each part of a
hyphenated word so), either

- a clinical title or form of address and then a capitalised word ("overlæge Jensen",
  "afdelingssygeplejerske Birthe", "Dr. Holm", "fru Hansen"); or
- a common Danish first name and then a capitalised word ("Ida Mortensen"). A first name that
  is also an ordinary word ("Hans", "Per", "Bo", "Mark") counts only before a known first name
  or surname ("Per Hansen", not "Per Os").

The capitalised word is not a name when it ends as an adjective or a place in the organisation
does (the data file's ``not_name_endings``: "overlæge Medicinsk Afdeling", "læge
Akutmodtagelsen", "Afdelingslæge Kardiologi"), and after a title not when such a word follows it
("speciallæge Intern Medicin") unless it is a known name ("overlæge Holm Medicinsk Afdeling" is
a name). Acronyms ("læge EKG") are not capitalised words. One hit per string; ``basis``
says what was found (a title or a first name), never the name. Findings of this check type never
repeat the value: its rules are sensitive whatever the rule set says.

Passing (roles, tokens, and words that are names only elsewhere)::

    check: {type: person_name, path: $.spec.body}
    kind: DocumentationTemplate
    spec: {body: "Din kontaktsygeplejerske er @PCP@.\nPer os 1 g. Hans blodtryk ***.\nLedende overlæge, Medicinsk Afdeling"}

Failing (a common first name and surname)::

    kind: DocumentationTemplate
    spec: {body: "Ved spørgsmål kontakt Ida Mortensen."}

Failing (a title and a surname)::

    kind: DocumentationTemplate
    spec: {body: "Aftalt med overlæge Jensen."}
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sp_config_guard.lint.checks import PATH, CheckContext, Hit, options_schema
from sp_config_guard.messages import Msg, msg

NAME = "person_name"
SENSITIVE = True  # a finding never repeats what it found (see ruleset._make_rule)
OPTIONS_SCHEMA = options_schema(["path"], path=PATH)
DATA = "names-da.yaml"

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_BLANKS = re.compile(r"[ \t\u00a0]+")  # two words on one line, nothing else between
_AFTER_ABBREVIATION = re.compile(r"\.?[ \t\u00a0]+")  # "Dr. Holm", "Dr Holm"
Word = re.Match[str]


@dataclass(frozen=True)
class NameData:
    """The shipped basis: names, titles and the capitalised words that are no names."""

    first_names: frozenset[str]  # with the ambiguous ones
    ambiguous_first_names: frozenset[str]
    names: frozenset[str]  # first names and surnames
    titles: frozenset[str]
    abbreviations: frozenset[str]
    title_suffixes: tuple[str, ...]
    not_name_endings: tuple[str, ...]

    def is_title(self, word: str) -> bool:
        """Whether ``word`` is a clinical title or form of address (any case)."""
        lower = word.lower()
        return lower in self.titles or lower.endswith(self.title_suffixes)

    def is_first_name(self, word: str) -> bool:
        """Whether ``word`` is a first name (or each part of a hyphenated one is)."""
        return all(part in self.first_names for part in word.split("-"))

    def is_known_name(self, word: str) -> bool:
        """Whether ``word`` is a first name or a surname of the lists (each part of it)."""
        return all(part in self.names for part in word.split("-"))


@cache
def name_data() -> NameData:
    """The shipped name data (read once per process)."""
    import yaml

    text = (resources.files("sp_config_guard.lint") / "data" / DATA).read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    ambiguous = frozenset(raw["ambiguous_first_names"])
    first = frozenset(raw["first_names"]) | ambiguous
    return NameData(
        first_names=first,
        ambiguous_first_names=ambiguous,
        names=first | frozenset(raw["surnames"]),
        titles=frozenset(raw["titles"]),
        abbreviations=frozenset(raw["abbreviations"]),
        title_suffixes=tuple(raw["title_suffixes"]),
        not_name_endings=tuple(raw["not_name_endings"]),
    )


def capitalised(word: str) -> bool:
    """An upper-case letter and then lower case, in each part of a hyphenated word."""
    return all(
        len(part) > 1 and part[0].isupper() and part[1:].islower() for part in word.split("-")
    )


def _name_like(word: str, data: NameData) -> bool:
    """A capitalised word that may be a name (not ending as an adjective or a place does)."""
    return capitalised(word) and not word.lower().endswith(data.not_name_endings)


def find_name(text: str, data: NameData | None = None) -> str | None:
    """What the first name in ``text`` is found by (``title`` or ``first_name``), or None."""
    data = data or name_data()
    for before, after, then in _pairs(_WORD.finditer(text)):
        gap = text[before.end() : after.start()]
        first, second = before.group(), after.group()
        if not _name_like(second, data):
            continue
        abbreviation = first.lower() in data.abbreviations
        spaced = (_AFTER_ABBREVIATION if abbreviation else _BLANKS).fullmatch(gap)
        if spaced is None:
            continue
        if data.is_title(first):
            if not _modifies(text, after, then, data) or data.is_known_name(second):
                return "title"
        elif first in data.ambiguous_first_names:
            if data.is_known_name(second):
                return "first_name"
        elif data.is_first_name(first):
            return "first_name"
    return None


def _pairs(words: Iterator[Word]) -> Iterator[tuple[Word, Word, Word | None]]:
    """Each two successive words and the word after them (None at the end), read lazily."""
    before, after = next(words, None), next(words, None)
    while before is not None and after is not None:
        then = next(words, None)
        yield before, after, then
        before, after = after, then


def _modifies(text: str, word: Word, then: Word | None, data: NameData) -> bool:
    """Whether ``word`` is the first of a two-word specialty or place ("Intern Medicin",
    "Fælles Akutmodtagelse"): the next word on the line ends as no name does."""
    if then is None or _BLANKS.fullmatch(text[word.end() : then.start()]) is None:
        return False
    following = then.group()
    return capitalised(following) and following.lower().endswith(data.not_name_endings)


def basis(found: str) -> Msg:
    """What a finding says it found the name by (never the name)."""
    if found == "title":
        return msg("personal.name_by_title")
    return msg("personal.name_by_first_name")


def _texts(values: list[Any]) -> list[str]:
    return [value for value in values if isinstance(value, str)]


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Each string holding a personal name."""
    data = name_data()
    if all(find_name(text, data) is None for text in _texts(ctx.values(options["path"]))):
        return  # the usual case, found without making a location for every value
    for location, value in ctx.find(options["path"]):
        found = find_name(value, data) if isinstance(value, str) else None
        if found is not None:
            yield Hit(location, value, {"basis": basis(found)})
