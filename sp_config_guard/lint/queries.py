"""RFC 9535 JSONPath queries of rule sets and waivers, compiled by ``jsonpath-rfc9535`` on an
environment whose ``match()`` and ``search()`` run their I-Regexp (RFC 9485) on RE2
(:mod:`~sp_config_guard.lint.regex_safety`); a literal pattern that is not a valid I-Regexp
makes the query invalid.

The library costs 30-50 ms to import, so this module is imported only where a query is
compiled: checking a rule set or a waiver file, and evaluating a query that has more than
names and wildcards (:mod:`sp_config_guard.speedups.jsonpath` evaluates those directly)."""

from __future__ import annotations

from typing import Any

from jsonpath_rfc9535 import JSONPathEnvironment, JSONPathTypeError, function_extensions
from jsonpath_rfc9535.filter_expressions import StringLiteral

from sp_config_guard.lint.regex_safety import RegexError, iregexp, iregexp_or_none, shown_pattern
from sp_config_guard.messages import t


class _Match(function_extensions.Match):
    """``match(value, pattern)``: the whole string matches the I-Regexp."""

    def __call__(self, value: object, pattern: object) -> bool:
        regex = iregexp_or_none(pattern)
        return isinstance(value, str) and regex is not None and regex.fullmatch(value)


class _Search(function_extensions.Search):
    """``search(value, pattern)``: some part of the string matches the I-Regexp."""

    def __call__(self, value: object, pattern: object) -> bool:
        regex = iregexp_or_none(pattern)
        return isinstance(value, str) and regex is not None and regex.search(value) is not None


class _Environment(JSONPathEnvironment):
    """RFC 9535 JSONPath whose ``match()`` and ``search()`` run on RE2."""

    def setup_function_extensions(self) -> None:
        super().setup_function_extensions()
        self.function_extensions["match"] = _Match()
        self.function_extensions["search"] = _Search()

    def validate_function_extension_signature(self, token: Any, args: list[Any]) -> list[Any]:
        """Also refuse a literal pattern of ``match()``/``search()`` that is no I-Regexp."""
        args = super().validate_function_extension_signature(token, args)
        if token.value in ("match", "search") and isinstance(args[1], StringLiteral):
            pattern = args[1].value
            try:
                regex = iregexp(pattern)
            except RegexError as error:
                raise JSONPathTypeError(str(error), token=token) from None
            if regex is None:
                not_one = t("regex.not_iregexp", pattern=shown_pattern(pattern))
                raise JSONPathTypeError(not_one, token=token)
        return args


JSONPATH = _Environment()
