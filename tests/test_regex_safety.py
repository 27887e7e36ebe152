"""Regular expressions that could backtrack catastrophically are refused; common safe ones pass."""

from __future__ import annotations

import re
import time

import pytest

from sp_config_guard.regex_safety import check_regex, unsafe_reason

UNSAFE = [
    "(a+)+",
    "(a+)+b",
    "^(a+)+$",
    "(.*)*",
    "(a*)*",
    "(a*b*)*",
    "((ab)*)*",
    r"(\w+\s?)*",
    r"^(\w+\s?)*$",
    r"(?:\S+\s*)+$",
    "(a|aa)*",
    "(a|a?)+",
    r"(\d+|x)*",
    "(.*,)*",
    r"(\s*,\s*)*",
    "(x+x+)+y",
    "(a+){2,100}",
    "([a-z]+)*$",
    r"(?:(?:a|b)+)+",
    r"(?i)(a+|B)*A",
]
SAFE = [
    r"^\d{6}-?\d{4}$",
    r"\b\d{6}-?\d{4}\b",
    r"(?<!\d)\d{6}-?\d{4}(?!\d)",
    "^[A-Z][0-9]{2}[A-Z]{2}[0-9]{2}$",
    r"(\d{2}){3}",
    r"(\d{1,2}){3}",
    "[a-z]+(-[a-z]+)*",
    "^[a-z0-9]+(-[a-z0-9]+)*$",
    r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
    r"^\d{4}\.\d+$",
    r"^(?:[a-z]+,)*[a-z]+$",
    "^[A-ZÆØÅ][a-zæøå]+(?: [A-ZÆØÅ][a-zæøå]+)+$",
    r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$",
    "(a|b)*",
    "(ab|ac)*",
    "(a|ab)*c",
    "(a+b)*",
    "(ab?)*",
    "(a?b)*",
    "(?:a++)*",
    "(?>a+)+",
    r"(\w|\d)+",
    ".*",
    r"\s+$",
    r"(?i)\bcpr\b",
]


@pytest.mark.parametrize("pattern", UNSAFE)
def test_unsafe_patterns_are_refused(pattern: str) -> None:
    assert unsafe_reason(pattern)
    message = check_regex(pattern)
    assert message and "unsafe" in message and repr(pattern) in message


@pytest.mark.parametrize("pattern", SAFE)
def test_safe_patterns_pass(pattern: str) -> None:
    assert unsafe_reason(pattern) is None
    assert check_regex(pattern) is None


@pytest.mark.parametrize("pattern", ["[a-z]+(-[a-z]+)*", r"^\d{6}-?\d{4}$", "(ab|ac)*"])
def test_safe_patterns_really_are_fast(pattern: str) -> None:
    start = time.perf_counter()
    re.compile(pattern).fullmatch("a-" * 5000 + "!")
    assert time.perf_counter() - start < 1


def test_invalid_patterns_are_reported() -> None:
    message = check_regex("(a")
    assert message and message.startswith("invalid regular expression")
    assert check_regex(42) == "a regular expression must be a string, not int"
