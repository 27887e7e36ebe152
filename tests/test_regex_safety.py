"""Rule-set regexes run on RE2: patterns that backtrack catastrophically on Python's ``re`` match
in linear time; what RE2 cannot run is refused with the reason; JSONPath match()/search() too."""

from __future__ import annotations

import time

import pytest

from sp_config_guard.lint.checks import QueryError, compile_path
from sp_config_guard.lint.regex_safety import check_regex, compile_regex

# Each takes seconds to years on Python's re with this input (exponential or high polynomial).
CATASTROPHIC_ON_RE = [
    ("(a+)+b", "a" * 5000),
    ("^(a+)+$", "a" * 5000 + "!"),
    ("(.*)*x", "a" * 5000),
    ("(a*b*)*c", "ab" * 2500),
    (r"^(\w+\s?)*$", "word " * 1000 + "!"),
    ("(a|aa)*c", "a" * 5000),
    ("(x+x+)+y", "x" * 5000),
    (r"(?:[\u0400-\u04ff]+)+$", "ж" * 5000 + "!"),
    ("(.*a){16}x", "a" * 5000),
    (".*.*.*.*.*.*=", "a" * 5000),
    (r"(?:\dx|[\u0661-\u0669]x)*$", "١x" * 2500 + "!"),
    ("(?:(?i:a)|A)*$", "A" * 5000 + "!"),
]


@pytest.mark.parametrize(("pattern", "text"), CATASTROPHIC_ON_RE)
def test_patterns_that_backtrack_on_re_match_in_linear_time(pattern: str, text: str) -> None:
    assert check_regex(pattern) is None
    regex = compile_regex(pattern)
    start = time.perf_counter()
    assert not regex.fullmatch(text)
    regex.search(text)
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(a)\1", r"invalid escape sequence: \1"),
        (r"(?P<x>a)(?P=x)", "invalid perl operator: (?P"),
        ("(?=a)b", "invalid perl operator: (?="),
        (r"(?<!\d)\d{6}", "invalid perl operator: (?<"),
        ("(?>a+)b", "invalid perl operator: (?>"),
        ("a++", "bad repetition operator: ++"),
        ("a{1001}", "invalid repetition size: {1001}"),
        ("(a", "missing ): (a"),
        (r"\Z", r"invalid escape sequence: \Z"),
        (r"\pL{1000}" * 10, "pattern too large"),
    ],
)
def test_what_re2_cannot_run_is_refused_with_the_reason(pattern: str, reason: str) -> None:
    message = check_regex(pattern)
    assert message and message.startswith(f"invalid regular expression {pattern[:60]!r}"), message
    assert reason in message and "RE2" in message, message


def test_a_regex_must_be_a_string_and_a_long_one_is_not_echoed_whole() -> None:
    assert check_regex(42) == "a regular expression must be a string, not int"
    message = check_regex("(" + "a" * 100_000)
    assert message and len(message) < 400 and "missing )" in message, message


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        (r"[\u0400-\u04ff]+", "abc жук", "жук"),  # Python's \u escapes, as RE2's \x{...}
        (r"\U0001F600", "smil 😀", "😀"),
        (r"\\u0041", r"x\u0041", r"\u0041"),  # an escaped backslash stays one
        (r"(?i)\bcpr\b", "CPR: 0102031234", "CPR"),
        (r"\p{Lu}\p{Ll}+", "fra Ærø", "Ærø"),
        (r"\d+", "١٢٣ 42", "42"),  # RE2's \d is ASCII (documented in regex_safety)
        (r"\bØ", "Ørsted", None),  # and so is \b: Ø is no word character to it
    ],
)
def test_syntax_and_meaning(pattern: str, text: str, found: str | None) -> None:
    assert compile_regex(pattern).search(text) == found


def test_a_lone_surrogate_in_the_text_is_matched_not_a_crash() -> None:
    assert compile_regex("x.y").search("ax\ud800yb") == "x\ud800y"
    assert compile_regex("[a-z]+").fullmatch("ab\udfffc") is False


def test_jsonpath_match_and_search_run_on_re2() -> None:
    data = ["a" * 44 + "!", "aaaa", "xay", "a\nb"]
    start = time.perf_counter()
    assert compile_path("$[?match(@, '(a|aa)+')]").find(data).values() == ["aaaa"]
    assert compile_path("$[?search(@, '(a|aa)+!')]").find(data).values() == [data[0]]
    assert time.perf_counter() - start < 0.5
    assert compile_path("$[?match(@, 'a.b')]").find(data).values() == []  # . is no line break
    assert compile_path("$[?search(@, '^x')]").find(data).values() == []  # ^ is a literal
    assert compile_path("$[?match(@, '\\\\p{Ll}+')]").find(data).values() == ["aaaa", "xay"]


@pytest.mark.parametrize("pattern", ["(a)\\1", "\\p{Cn}", 7])
def test_a_pattern_from_the_data_that_is_no_iregexp_or_re2_refuses_matches_nothing(
    pattern: object,
) -> None:
    data = {"p": pattern, "items": ["aa", "\U000e0000"]}
    assert compile_path("$.items[?match(@, $.p)]").find(data).values() == []
    assert compile_path("$.items[?search(@, $.p)]").find(data).values() == []


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("$[?match(@, '(a)\\\\1')]", "is not an I-Regexp"),
        ("$[?search(@, '(?=a)')]", "is not an I-Regexp"),
        ("$[?match(@, '\\\\p{Cn}')]", "invalid character class range"),
    ],
)
def test_a_literal_pattern_re2_or_i_regexp_refuses_makes_the_query_invalid(
    query: str, reason: str
) -> None:
    with pytest.raises(QueryError, match=reason):
        compile_path(query)
