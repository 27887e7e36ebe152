"""The untrusted-repository cases: what a branch under review can hold, what ``spguard`` does
with it, and the test that shows it. ``docs/hostile-input.md`` renders :func:`table` under
"Untrusted repositories" (``tests/test_untrusted.py`` asserts each named test exists and the
document is the rendering); ``python -m tests.hostile_cases`` rewrites it.

Add a row with every test of an untrusted input: ``item`` is the item of issue 14 (the
adversarial review) it answers, ``test`` the test as ``file::function``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Threat:
    """One thing a reviewed branch can hold, and what the tool does about it."""

    item: int
    holds: str  # what the branch holds (or does)
    outcome: str  # what spguard does, as a user sees it
    test: str  # "tests/test_x.py::test_name"


THREATS: tuple[Threat, ...] = (
    Threat(
        1,
        "a tracked file name with a newline that injects a decoy into git's batch output",
        "`diff --git` reads git NUL-separated and by object id: the real 500 -> 5000 mg change "
        "is shown, the name is quoted on one line",
        "tests/test_git_names.py::test_a_name_with_a_newline_cannot_hide_a_strength_change",
    ),
    Threat(
        1,
        "any file names (newlines, control characters, unicode) in a commit range",
        "`diff --git` names exactly the artifacts `git diff --name-only -z` names (fuzzed)",
        "tests/test_git_names.py::test_diff_git_names_exactly_the_files_git_diff_names",
    ),
    Threat(
        4,
        "an `evil-1.0.dist-info` and a module in the repository root, named by a rule set",
        "`python -m sp_config_guard` drops the working folder from the path; nothing is imported",
        "tests/test_plugins.py::test_python_m_does_not_load_a_plugin_from_the_reviewed_repository",
    ),
    Threat(
        4,
        "a check plugin whose module or distribution lies inside the repository",
        "a rule-set error (exit 2): plugins come only from distributions outside the repository",
        "tests/test_plugins.py::test_a_plugin_from_inside_the_repository_is_a_rule_set_error",
    ),
    Threat(
        5,
        "regexes that backtrack for minutes on Python's `re` (rule sets, schema patterns)",
        "every user pattern runs on RE2 in linear time with the same verdict",
        "tests/test_redos.py::test_regexes_that_backtrack_on_re_finish_fast_with_the_right_verdict",
    ),
    Threat(
        5,
        "a regex inside a JSONPath `match()`/`search()` filter",
        "runs on RE2 too; a pattern that is no I-Regexp matches nothing",
        "tests/test_regex_safety.py::test_jsonpath_match_and_search_run_on_re2",
    ),
    Threat(
        12,
        "a run that is killed (SIGKILL, timeout, cancelled CI job)",
        "its forked workers die with it (`PR_SET_PDEATHSIG`, or a pipe they watch)",
        "tests/test_parallel.py::test_workers_of_a_killed_lint_die_with_it",
    ),
)

HEADER = """\
## Untrusted repositories

CIMT reviewers run `spguard` on pull-request branches written by others, and CI runs it on
every push, so everything in the repository under review is untrusted: file names, file
contents, symbolic links, `spguard.yaml`, rule sets, waivers, the baseline and the
`.spguard-cache` folder. A branch controls all of that. It must never be able to:

- hide a change from `diff`, `drift` or `lint` (a gate that passes what it never checked);
- make the tool execute code: a repository's configuration never names Python to run, and
  check plugins come only from installed distributions outside the repository;
- make the tool read or write outside the repository, or echo an outside file's content;
- exhaust memory or time (every read is bounded, every user regex is linear-time);
- crash the run (exit 3) and so lose the other files' findings.

Each row names the test that shows it (generated from `tests/untrusted_cases.py`).

| Item | The branch holds | spguard | Test |
|---|---|---|---|
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table() -> str:
    """The section: the threat model, then one row per case, in item order."""
    rows = [
        f"| {t.item} | {_cell(t.holds)} | {_cell(t.outcome)} | `{t.test.split('::')[1]}` |"
        for t in sorted(THREATS, key=lambda t: t.item)
    ]
    return HEADER + "\n".join(rows) + "\n"
