"""The untrusted-repository cases: what a branch under review can hold, what ``spguard`` does
with it, and the test that shows it. ``docs/hostile-input.md`` renders :func:`table` under
"Untrusted repositories" (``tests/test_untrusted.py`` asserts each named test exists and the
document is the rendering); ``python -m tests.hostile_cases`` rewrites it.

Add a row with every test of an untrusted input: ``item`` is the item of issue 14 (the
adversarial review) it answers, ``test`` the test as ``file::function``."""

from __future__ import annotations

from dataclasses import dataclass

from tests.misuse_cases import cell


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
        2,
        "a file rewritten while lint reads it (a real concurrent writer swapping two contents)",
        "the bytes read once are hashed and parsed: no content is ever cached under another's "
        "digest, and a later cached lint still reports the file's errors",
        "tests/test_cache_untrusted.py::"
        "test_a_file_rewritten_while_lint_reads_it_never_poisons_the_cache",
    ),
    Threat(
        2,
        "a committed `.spguard-cache` database made elsewhere, with planted rows",
        "it is not the file the tool made at this place (device and inode): emptied before use",
        "tests/test_cache_untrusted.py::test_a_copied_cache_database_is_emptied_before_use",
    ),
    Threat(
        3,
        "a committed symbolic link to `/dev/zero` in a kind folder",
        "LOAD010 for that file in validate, lint (with and without the cache), drift, baseline, "
        "waivers and diff; the other files are still read, memory stays small",
        "tests/test_bounded_reads.py::test_a_committed_link_to_dev_zero_is_never_read",
    ),
    Threat(
        3,
        "a FIFO in a kind folder (or a device, or a folder, named as a file)",
        'LOAD000 "not a regular file": opened without blocking, never read',
        "tests/test_bounded_reads.py::test_a_fifo_in_a_kind_folder_never_blocks_a_command",
    ),
    Threat(
        3,
        "a 1 GiB sparse file in a kind folder",
        "LOAD005 from the opened file's size before any byte is read, in every command",
        "tests/test_bounded_reads.py::test_a_one_gib_sparse_file_is_refused_from_its_size",
    ),
    Threat(
        3,
        "a revision blob over the size limit (in `diff --git`, or deleted for `lint --changed`)",
        "LOAD005 from the blob's size (`git cat-file --batch-check`): its bytes are never fetched",
        "tests/test_bounded_reads.py::test_a_revision_blob_over_the_size_limit_is_refused_unread",
    ),
    Threat(
        3,
        "a revision file with two YAML documents",
        "the same LOAD007 as the work tree's file: a blob is read by the same function",
        "tests/test_bounded_reads.py::"
        "test_a_revision_file_with_two_documents_has_the_work_trees_code",
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
        6,
        "`waivers:` in spguard.yaml pointing at a file of git credentials outside the repository",
        "exit 2 naming `spguard.yaml:2: waivers`: configured paths must resolve inside the repository; the file is never read or printed",
        "tests/test_confined_paths.py::test_a_configured_file_outside_the_repository_is_refused_unread",
    ),
    Threat(
        6,
        "`baseline:` pointing at a file outside, then `baseline create`",
        "exit 2 naming file, line and key; the outside file is left as it was",
        "tests/test_confined_paths.py::test_baseline_create_never_overwrites_a_file_outside",
    ),
    Threat(
        6,
        "a `waivers.yaml` or `baseline.yaml` that is a symbolic link to a file outside",
        "exit 2: symbolic links are resolved before the check; nothing is read or written",
        "tests/test_confined_paths.py::test_a_default_file_linked_outside_is_refused",
    ),
    Threat(
        6,
        "a configured path through a symbolic link to a folder outside",
        "exit 2 naming file, line and key",
        "tests/test_confined_paths.py::test_a_configured_path_through_a_linked_folder_is_refused",
    ),
    Threat(
        6,
        "rule-set files and `overrides[].paths` (`/etc`, `../x`) outside, in spguard.yaml or `[tool.spguard]`",
        "exit 2 naming file, line and key (an override path no longer tells whether an outside file exists)",
        "tests/test_confined_paths.py::test_an_override_path_outside_is_refused",
    ),
    Threat(
        6,
        "`[tool.spguard]` in pyproject.toml naming an outside waivers file",
        "exit 2 naming `pyproject.toml: waivers`",
        "tests/test_confined_paths.py::test_pyproject_settings_are_confined_too",
    ),
    Threat(
        6,
        "(the user's own flag) `--waivers` naming a file of credentials outside",
        "allowed, as the user chose it; the error names the file and line and quotes nothing of it",
        "tests/test_confined_paths.py::test_a_flag_may_name_a_file_outside_and_its_content_is_never_printed",
    ),
    Threat(
        8,
        "a dose, strength or range of `.nan`, `.NaN`, `-.inf`, `+.Inf`, `1e999` in an artifact",
        "`LOAD011` with file and line in validate, lint, drift, diff, baseline and normalize, in both YAML readers (the file is not checked, so it never passes a range rule)",
        "tests/test_hostile.py::test_hostile_input",
    ),
    Threat(
        8,
        "`.nan`, `.inf`, `1e999`, `!!float .nan` read by the canonical fast reader",
        "it leaves them to the libyaml reader, which says `LOAD011` at the value: the readers agree",
        "tests/test_fastyaml.py::test_numbers_no_artifact_can_hold_are_load_problems_in_both_readers",
    ),
    Threat(
        8,
        "JSON exports with `NaN`, `-Infinity`, `1e999`",
        "normalize: `LOAD011` naming the export's line and column; the other exports are still written",
        "tests/test_hostile.py::test_hostile_input",
    ),
    Threat(
        9,
        "integers over 4,300 digits (YAML, `0x...`, JSON, `baseline.yaml`)",
        "`LOAD011` with file and line (exit 1; an invalid baseline exit 2), not an internal error",
        "tests/test_hostile.py::test_hostile_input",
    ),
    Threat(
        9,
        "`!!int abc`, `!!float abc`, `!!bool maybe`, `!!int +0x10`",
        "`LOAD011`: a tagged value must be written as the YAML 1.2 core schema writes its type",
        "tests/test_hostile.py::test_hostile_input",
    ),
    Threat(
        9,
        "`scope: x`, `scope: [central]`, `scope.region: 7`",
        "`LOAD007` at the field in every command: a typed envelope check where files are read, before anything reads `scope`",
        "tests/test_hostile.py::test_hostile_input",
    ),
    Threat(
        9,
        "`kind: [Medication]`",
        "`LOAD007` (no kind) in validate and lint, `LOAD008` in normalize",
        "tests/test_hostile.py::test_hostile_input",
    ),
    Threat(
        9,
        'a JSON export with a lone surrogate `"\\ud800"`',
        "`LOAD011` naming line and column",
        "tests/test_hostile.py::test_hostile_input",
    ),
    Threat(
        9,
        "a JSON export whose record is `[[1]]` (or null)",
        "`IMP001`: a record must be a mapping",
        "tests/test_hostile.py::test_hostile_input",
    ),
    Threat(
        9,
        "a profile mapping both `scope` and `scope.level`",
        "`MAP001` naming the profile's line",
        "tests/test_hostile.py::test_hostile_input",
    ),
    Threat(
        9,
        "`--encoding punycode` (or rot13, unicode_escape)",
        "a usage error (exit 2): an export's encoding must be a character set",
        "tests/test_hostile.py::test_hostile_input",
    ),
    Threat(
        9,
        "rule messages `{0}`, `{`, `{name!x}`, `{name:>300000000}`",
        "a rule-set error naming file and line (exit 2): only plain `{name}` fields; no format spec can build a huge string",
        "tests/test_hostile.py::test_hostile_input",
    ),
    Threat(
        9,
        "text numbers `1e999` or 5,000 digits in a CSV or XML export",
        "they stay text (the schema refuses them) instead of becoming infinite or crashing",
        "tests/test_importers.py::test_text_numbers_no_artifact_can_hold_stay_text",
    ),
    Threat(
        8,
        "a committed `.nan` (or `scope: x`) read by `diff --git` from a revision's blobs",
        "the same checks as for files: `LOAD011` / `LOAD007` naming `REV:file:line`; the real change beside it is still shown",
        "tests/test_git_names.py::test_a_mistyped_value_in_a_commit_is_a_problem_of_that_file",
    ),
    Threat(
        6,
        "a waivers file with an impossible date (`2026-02-30`)",
        "exit 2 naming file, line and column: 'the value is not a valid date', without quoting the value",
        "tests/test_confined_paths.py::test_an_invalid_waiver_date_is_said_without_quoting_it",
    ),
    Threat(
        10,
        "`.spguard-cache/cache-N.sqlite` linked to another program's SQLite database",
        "the cache is not used (the run is uncached, a note says so once); the other "
        "database is never opened",
        "tests/test_cache_untrusted.py::"
        "test_a_cache_database_linked_to_another_programs_database_is_never_opened",
    ),
    Threat(
        10,
        "a `.gitignore` in `.spguard-cache` linked to a path outside",
        "not written through: uncached run, nothing is created outside",
        "tests/test_cache_untrusted.py::test_a_linked_gitignore_in_the_cache_creates_nothing_outside",
    ),
    Threat(
        10,
        "a `.spguard-cache` that is a link to a folder outside",
        "not used: uncached run, the folder outside stays empty",
        "tests/test_cache_untrusted.py::test_a_cache_folder_that_is_a_link_is_never_used",
    ),
    Threat(
        10,
        "a linked SQLite journal (`-wal`) beside the cache database",
        "not used: SQLite never opens it, nothing is written outside",
        "tests/test_cache_untrusted.py::test_a_linked_journal_beside_the_database_is_never_written",
    ),
    Threat(
        12,
        "a run that is killed (SIGKILL, timeout, cancelled CI job)",
        "its forked workers die with it (`PR_SET_PDEATHSIG`, or a pipe they watch)",
        "tests/test_parallel.py::test_workers_of_a_killed_lint_die_with_it",
    ),
    Threat(
        7,
        "an artifact `name` with `\\n::stop-commands::`, `\\r`, `##vso[`, ANSI escapes or U+2028",
        "every text format shows it escaped on its own line (`\\n`, `\\x1b`, `\\x3a:`, `\\x23#vso[`); every line starting `::` is an annotation spguard wrote",
        "tests/test_inert_output.py::test_an_artifact_name_cannot_inject_ci_log_commands_into_any_lint_format",
    ),
    Threat(
        7,
        "the same name in a diff or in a drift run",
        "diff and drift text and Markdown keep it on its line, escaped",
        "tests/test_inert_output.py::test_diff_and_drift_text_and_markdown_keep_a_hostile_value_on_its_line",
    ),
    Threat(
        7,
        "a rule set whose title or rationale holds a line break and CI commands",
        "`rules list` and `rules explain` show it escaped",
        "tests/test_inert_output.py::test_a_rule_set_cannot_inject_ci_log_commands_into_rules_list_and_explain",
    ),
    Threat(
        7,
        "a rule set whose test cases cannot be run (a misspelt key, broken YAML, an unknown "
        "kind, another rule's code)",
        "`rules test` fails that case file (exit 1), naming file and line; never a silent pass",
        "tests/test_rule_cases.py::test_a_case_file_that_cannot_be_run_fails",
    ),
    Threat(
        7,
        "a file name with a newline and `::stop-commands::`",
        "validate, lint and drift name it on one line, escaped",
        "tests/test_inert_output.py::test_drift_problems_keep_a_hostile_file_name_on_one_line",
    ),
    Threat(
        11,
        "a symbolic link to an outside folder inside `--out`",
        "`NORM006` naming the link; nothing is written through it",
        "tests/test_normalize_out.py::test_a_symlinked_folder_inside_out_is_never_written_through",
    ),
    Threat(
        11,
        "a target file in `--out` that is a link to an outside file (a secret)",
        "`NORM006`; `--diff` and `--check` never print its content, the outside file is untouched",
        "tests/test_normalize_out.py::test_diff_never_prints_an_outside_file_through_a_symlinked_target",
    ),
    Threat(
        11,
        "`--out` inside the exports, or the exports inside `--out`",
        "a usage error (exit 2) naming both, before anything is written",
        "tests/test_normalize_out.py::test_out_and_exports_inside_one_another_is_a_usage_error_before_any_write",
    ),
    Threat(
        11,
        "a file in `--out` that holds another artifact (other kind or id)",
        "`NORM007` naming both; the file is not overwritten",
        "tests/test_normalize_out.py::test_a_file_holding_another_artifact_is_not_overwritten",
    ),
    Threat(
        11,
        "ids that differ only in case (`ABC`, `abc`)",
        "`NORM001` on every filesystem; only the first is written",
        "tests/test_normalize_out.py::test_ids_differing_only_in_case_collide_on_every_filesystem",
    ),
    Threat(
        11,
        "ids that are Windows-reserved names (`CON`, `aux`, `nul.txt`, `com1`), end in a dot or are over 200 characters",
        "`NORM002` for that record; the other records are written",
        "tests/test_normalize_out.py::test_names_a_filesystem_refuses_are_norm002",
    ),
    Threat(
        13,
        "two copies of one tree",
        "`diff` reports no differences (exit 0), from any folder, with or without `spguard.yaml`",
        "tests/test_diff_places.py::test_two_copies_of_one_tree_have_no_differences",
    ),
    Threat(
        13,
        "a clean work tree diffed against `HEAD` from a subfolder",
        "no differences (exit 0)",
        "tests/test_diff_places.py::test_a_clean_tree_against_head_from_a_subfolder_has_no_differences",
    ),
    Threat(
        14,
        "XML mixed content (text between child elements)",
        "`IMP005` naming the text, never a silent loss",
        "tests/test_normalize_out.py::test_xml_mixed_content_is_imp005_not_dropped",
    ),
    Threat(
        14,
        "a `null` record, or a record without an id, in an export",
        "`IMP001` (not a mapping) or `NORM002` (no id), never `Medication/None.yaml`",
        "tests/test_normalize_out.py::test_a_null_record_or_one_without_id_is_a_problem_not_none_yaml",
    ),
    Threat(
        14,
        "values with raw HTML (`<img>`, `<a href>`) in a diff or drift",
        "diff and drift Markdown escape them as lint Markdown does",
        "tests/test_inert_output.py::test_diff_and_drift_markdown_escape_raw_html_from_values",
    ),
    Threat(
        14,
        "a FIFO given as a profile, inside a profile folder, or as an export to normalize",
        "`LOAD000` not a regular file; the run goes on and never blocks",
        "tests/test_normalize_out.py::test_a_fifo_as_profile_or_export_never_blocks",
    ),
    Threat(
        14,
        "a normalize run killed while writing",
        "the next run removes its temporary files (no live writer holds them locked)",
        "tests/test_normalize_out.py::test_temporary_files_of_a_killed_run_are_removed_by_the_next",
    ),
    Threat(
        14,
        "a waiver whose `expires` is before its `approved_on`",
        "a waivers error (exit 2) naming `waivers.yaml:line:column`",
        "tests/test_waiver_dates.py::test_a_waiver_expiring_before_its_approval_is_a_waivers_error",
    ),
    Threat(
        14,
        "a 20 MB id",
        "`NORM002` showing 500 characters of it and counting the rest",
        "tests/test_normalize_out.py::test_a_20_mb_id_is_never_echoed_in_full",
    ),
    Threat(
        3,
        "a `pyproject.toml` of 1 GiB (sparse), read for `[tool.spguard]` when there is no `spguard.yaml`",
        "a configuration error (exit 2) from its size, never read; a link to `/dev/zero` is no configuration file",
        "tests/test_bounded_reads.py::test_a_pyproject_toml_that_never_ends_is_a_configuration_error_never_read",
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


def table() -> str:
    """The section: the threat model, then one row per case, in item order."""
    rows = [
        f"| {t.item} | {cell(t.holds)} | {cell(t.outcome)} | `{t.test.split('::')[1]}` |"
        for t in sorted(THREATS, key=lambda t: t.item)
    ]
    return HEADER + "\n".join(rows) + "\n"
