"""The hostile-input cases: each bad input, how to make it, the commands that read it and what
each must answer (code, file, line, exit code). ``tests/test_hostile.py`` runs every case on
the real CLI, and renders :func:`table` into ``docs/hostile-input.md`` (a test asserts the
document is the rendering, so the table cannot drift from what is tested).

Regenerate the document after changing a case: ``python -m tests.hostile_cases``."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests import misuse_cases, untrusted_cases
from tests.conftest import MEDICATION_YAML
from tests.misuse_cases import cell

MED = "central/Medication"
BAD = f"{MED}/bad.yaml"
# the good artifact beside every bad one carries a planted MED001 finding: seeing it proves
# the run went on with the other files
GOOD_YAML = MEDICATION_YAML.replace("high_alert: false", "high_alert: true")
DOC = Path(__file__).resolve().parent.parent / "docs" / "hostile-input.md"


@dataclass(frozen=True)
class Run:
    """One command on the bad input and what it must answer."""

    args: tuple[str, ...]
    code: str  # the problem code the user sees
    exit: int
    file: str = BAD  # the file named in the message
    line: int | None = None  # the line named, where there is one


@dataclass(frozen=True)
class Case:
    """A bad input: a name for the table, how to make it in a repository, and its runs."""

    name: str
    make: Callable[[Path], None]
    runs: tuple[Run, ...]


def repository(root: Path) -> Path:
    """A small configuration repository: the config and one good artifact."""
    (root / MED).mkdir(parents=True)
    (root / "spguard.yaml").write_text("rulesets: [medication]\n", encoding="utf-8")
    (root / MED / "100101.yaml").write_text(GOOD_YAML, encoding="utf-8")
    return root


def _bad(text: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / BAD).write_bytes(text.encode("utf-8"))

    return make


def _huge(root: Path) -> None:
    # 200 MB, sparse: it costs no disk and must be refused from its size, never read
    with (root / BAD).open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)


def _link(target: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        os.symlink(target, root / BAD)

    return make


def _outside(root: Path) -> None:
    outside = root.parent / f"{root.name}-outside.yaml"
    outside.write_text(MEDICATION_YAML.replace("100101", "100109"), encoding="utf-8")
    os.symlink(outside, root / BAD)


def _file(name: str, text: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / name).write_text(text, encoding="utf-8")

    return make


def _pyproject(text: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / "spguard.yaml").unlink()
        (root / "pyproject.toml").write_text(text, encoding="utf-8")

    return make


def _profile(text: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / "profile.yaml").write_text(text, encoding="utf-8")
        (root / "exports").mkdir()
        (root / "exports" / "medicin.json").write_text("[]", encoding="utf-8")

    return make


_PROFILE = """\
profile: p
format: json
match: ["*.json"]
records: items
kind: Medication
fields: {id: id, name: v, scope.level: {const: central}}
"""
EXPORT = "exports/medicin.json"
_NORMALIZE = ("normalize", "--profile", "profile.yaml", "--out", "out", "exports")


def _export(text: str, profile: str = _PROFILE) -> Callable[[Path], None]:
    """A JSON export (and its profile) beside a good one, which normalize still writes."""

    def make(root: Path) -> None:
        (root / "profile.yaml").write_text(profile, encoding="utf-8")
        (root / "exports").mkdir()
        (root / EXPORT).write_text(text, encoding="utf-8")
        good = '{"items": [{"id": "100199", "v": "Good"}]}'
        (root / "exports" / "good.json").write_text(good, encoding="utf-8")

    return make


def _dose(value: str) -> str:
    """The artifact with ``value`` as its strength (line 12)."""
    return MEDICATION_YAML.replace("value: 500", f"value: {value}")


def _artifact_runs(
    code: str,
    line: int | None = None,
    normalize: tuple[str, int | None] | None = None,
) -> tuple[Run, ...]:
    """The commands that read every artifact of a repository, and normalize in place."""
    normalize_code, normalize_line = normalize or (code, line)
    return (
        Run(("validate", "--format", "json", "."), code, 1, line=line),
        Run(("lint", "--format", "json", "."), code, 1, line=line),
        Run(("drift", "."), code, 1, line=line),
        Run(("diff", ".", "."), code, 1, line=line),
        Run(("baseline", "create"), code, 1, line=line),
        Run(("normalize", BAD), normalize_code, 1, BAD, normalize_line),
    )


_ALIAS_BOMB = (
    "kind: Medication\nid: '1'\na: &a [x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
)
_TAG = '!!python/object/apply:os.system ["echo pwned"]'
_DEEP = "kind: Medication\nid: '1'\nspec: " + "[" * 10000 + "]" * 10000 + "\n"
_RULES = """\
ruleset: local
version: "1"
owner: Test
rules:
  - code: LOC001
    name: name-pattern
    severity: error
    title: {da: x, en: x}
    message: {da: x, en: x}
    rationale: {da: x, en: x}
    check: {type: pattern, path: $.name, regex: "[A-Z].*"}
"""


def _rules(text: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / "spguard.yaml").write_text("rulesets: [medication, local.yaml]\n", "utf-8")
        (root / "local.yaml").write_text(text, encoding="utf-8")

    return make


def _artifact(name: str, text: str, code: str, line: int | None) -> Case:
    """A case of one bad artifact file, read by every command that reads artifacts."""
    return Case(name, _bad(text), _artifact_runs(code, line=line))


_RULE_SET_RUNS = ("lint", "."), ("rules", "list"), ("baseline", "create")

CASES: tuple[Case, ...] = (
    _artifact(
        "malformed YAML", MEDICATION_YAML.replace("status: active", "status: [active"), "LOAD001", 7
    ),
    _artifact("duplicate mapping key", MEDICATION_YAML + "status: retired\n", "LOAD002", 18),
    _artifact(
        "unsafe YAML tag (!!python/object/apply)",
        MEDICATION_YAML.replace("name: Paracetamol tablet 500 mg", f"name: {_TAG}"),
        "LOAD003",
        3,
    ),
    _artifact("alias bomb", _ALIAS_BOMB, "LOAD004", 3),
    _artifact("nesting 10,000 levels deep", _DEEP, "LOAD009", 3),
    Case("200 MB file (sparse)", _huge, _artifact_runs("LOAD005")),
    _artifact(
        "byte-order mark in the middle of a file",
        GOOD_YAML.replace("status: active", "status: \ufeffactive"),
        "LOAD006",
        6,
    ),
    Case(
        "artifact with no kind",
        _bad(MEDICATION_YAML.replace("kind: Medication\n", "")),
        _artifact_runs("LOAD007", line=1, normalize=("MAP003", None)),
    ),
    Case(
        "artifact of an unknown kind",
        _bad(MEDICATION_YAML.replace("kind: Medication", "kind: Frobnicator")),
        (
            Run(("validate", "--format", "json", "."), "LOAD008", 1, line=1),
            Run(("lint", "--format", "json", "."), "LOAD008", 1, line=1),
            Run(("drift", "."), "LOAD008", 1, line=1),
            Run(("baseline", "create"), "LOAD008", 1, line=1),
            Run(("normalize", BAD), "LOAD008", 1),
        ),
    ),
    Case(
        "id colliding with another file's",
        _bad(MEDICATION_YAML),
        (
            Run(("validate", "--format", "json", "."), "SCH003", 1, line=2),
            Run(("lint", "--format", "json", "."), "SCH003", 1, line=2),
            Run(("drift", "."), "SCH003", 1, line=2),
        ),
    ),
    Case(
        "symbolic link that loops",
        _link("bad.yaml"),
        _artifact_runs("LOAD010", line=None),
    ),
    Case(
        "symbolic link leading out of the repository",
        _outside,
        _artifact_runs("LOAD010"),
    ),
    Case(
        "invalid rule set",
        _rules(_RULES.replace("    check:", "    chek:")),
        tuple(Run(a, "invalid rule set", 2, "local.yaml", 5) for a in _RULE_SET_RUNS),
    ),
    Case(
        "rule set regex RE2 cannot run in linear time (a backreference)",
        _rules(_RULES.replace('"[A-Z].*"', '"([A-Z])\\\\1"')),
        tuple(Run(a, "invalid rule set", 2, "local.yaml", 11) for a in _RULE_SET_RUNS),
    ),
    Case(
        "invalid waivers file",
        _file("waivers.yaml", "waivers:\n  - id: W1\n    bogus: 1\n"),
        tuple(
            Run(args, "invalid waivers file", 2, "waivers.yaml", 2)
            for args in (("lint", "."), ("waivers", "check"), ("drift", "."))
        ),
    ),
    Case(
        "invalid baseline",
        _file("baseline.yaml", "version: 1\nfindings: 3\n"),
        tuple(
            Run(args, "invalid baseline", 2, "baseline.yaml", 2)
            for args in (("lint", "."), ("baseline", "update"))
        ),
    ),
    Case(
        "invalid spguard.yaml",
        _file("spguard.yaml", "rulesets: [medication]\nfail_on: never\n"),
        tuple(
            Run(args, "invalid configuration", 2, "spguard.yaml", 2)
            for args in (
                ("lint", "."),
                ("waivers", "check"),
                ("baseline", "create"),
                ("drift", "."),
                ("rules", "list"),
            )
        ),
    ),
    Case(
        "invalid [tool.spguard] in pyproject.toml",
        _pyproject('[tool.spguard]\nfail_on = "never"\n'),
        tuple(
            Run(args, "invalid configuration", 2, "pyproject.toml")
            for args in (("lint", "."), ("baseline", "create"), ("drift", "."))
        ),
    ),
    Case(
        "pyproject.toml that is not TOML",
        _pyproject("[tool.spguard\n"),
        (Run(("lint", "."), "cannot read", 2, "pyproject.toml"),),
    ),
    *(
        _artifact(f"strength {shown} (not a finite number)", _dose(value), "LOAD011", 12)
        for shown, value in ((".nan", ".nan"), ("-.Inf", "-.Inf"), ("1e999", "1e999"))
    ),
    _artifact("integer with 5,000 digits", _dose("9" * 5000), "LOAD011", 12),
    *(
        _artifact(f"`{value}`", _dose(value), "LOAD011", 12)
        for value in ("!!int abc", "!!float abc", "!!int +0x10")
    ),
    _artifact(
        "`!!bool maybe`",
        MEDICATION_YAML.replace("high_alert: false", "high_alert: !!bool maybe"),
        "LOAD011",
        15,
    ),
    *(
        Case(
            f"`scope: {value}`",
            _bad(MEDICATION_YAML.replace("scope:\n  level: central\n", f"scope: {value}\n")),
            _artifact_runs("LOAD007", 4, normalize=("LOAD007", None)),
        )
        for value in ("x", "[central]")
    ),
    Case(
        "`scope.region: 7` (not a string)",
        _bad(
            MEDICATION_YAML.replace(
                "scope:\n  level: central\n", "scope:\n  level: region\n  region: 7\n"
            )
        ),
        _artifact_runs("LOAD007", 6)[:-1],  # normalize gives it the schema's type: "7"
    ),
    Case(
        "`kind: [Medication]`",
        _bad(MEDICATION_YAML.replace("kind: Medication", "kind: [Medication]")),
        _artifact_runs("LOAD007", 1, normalize=("LOAD008", None)),
    ),
    Case(
        "`baseline.yaml` version with 5,000 digits",
        _file("baseline.yaml", f"version: {'1' * 5000}\nfindings: []\n"),
        tuple(
            Run(a, "LOAD011", 2, "baseline.yaml", 1)
            for a in (("lint", "."), ("baseline", "update"))
        ),
    ),
    *(
        Case(
            f"rule message `{message}`",
            _rules(
                _RULES.replace("message: {da: x, en: x}", f"message: {{da: x, en: '{message}'}}")
            ),
            tuple(Run(a, "invalid rule set", 2, "local.yaml", 9) for a in _RULE_SET_RUNS),
        )
        for message in ("{0}", "{", "{name!x}", "{name:>300000000}")
    ),
    *(
        Case(name, _export(text), (Run(_NORMALIZE, "LOAD011", 1, EXPORT, 1),))
        for name, text in (
            ("JSON export with `NaN`", '{"items": [{"id": "1", "v": NaN}]}'),
            ("JSON export with `-Infinity`", '{"items": [{"id": "1", "v": -Infinity}]}'),
            ("JSON export with `1e999`", '{"items": [{"id": "1", "v": 1e999}]}'),
            ("JSON export, integer with 5,000 digits", '{"items": [{"id": %s}]}' % ("9" * 5000)),
            ("JSON export with a lone surrogate", '{"items": [{"id": "1", "v": "\\ud800"}]}'),
        )
    ),
    Case(
        "JSON export, a record that is a list (`[[1]]`)",
        _export('{"items": [[1]]}'),
        (Run(_NORMALIZE, "IMP001", 1, EXPORT),),
    ),
    Case(
        "profile mapping both `scope` and `scope.level`",
        _export(
            '{"items": [{"id": "1"}]}',
            _PROFILE.replace("fields: {id: id,", "fields: {id: id, scope: {const: x},"),
        ),
        (Run(_NORMALIZE, "MAP001", 1, "profile.yaml", 6),),
    ),
    Case(
        "`--encoding punycode`",
        _export('{"items": [{"id": "1"}]}'),
        (
            Run(
                (*_NORMALIZE[:1], "--encoding", "punycode", *_NORMALIZE[1:]),
                "punycode",
                2,
                "--encoding",
            ),
        ),
    ),
    Case(
        "invalid mapping profile",
        _profile("profile: 3\nformat: json\n"),
        (
            Run(
                ("normalize", "--profile", "profile.yaml", "--out", "out", "exports"),
                "MAP001",
                1,
                "profile.yaml",
                1,
            ),
        ),
    ),
)


def case_named(name: str) -> Case:
    """The case called ``name``."""
    return next(c for c in CASES if c.name == name)


def table() -> str:
    """The Markdown table of every case: input, command, what the user sees, exit code."""
    lines = [
        "| Bad input | Command | The user sees | Exit |",
        "|---|---|---|---|",
    ]
    for case in CASES:
        for run in case.runs:
            place = run.file
            if run.line is not None:
                place += f":{run.line}"
            lines.append(
                f"| {cell(case.name)} | `spguard {' '.join(run.args)}` | "
                f"`{run.code}` naming `{place}` | {run.exit} |"
            )
    return "\n".join(lines) + "\n"


HEADER = """\
# Hostile input: what the user sees

Every bad input gets a clear message naming the file (and the line where there is one), the
run goes on with the other files, and no command shows a Python traceback (exit code 3 is
reserved for internal errors, and none of these gives it). Exit codes: 0 clean, 1 findings or
input files that could not be read or are invalid (as here: the other files are still
checked and reported, and `baseline create` writes the baseline without the bad file), 2
usage or configuration error (a bad rule set, waivers file, baseline or configuration).

This table is generated from the cases in `tests/hostile_cases.py`, which `tests/test_hostile.py`
runs on the real CLI; a test fails when the two differ (`python -m tests.hostile_cases`
rewrites it). Malformed YAML, JSON, XML and CSV, duplicate keys (`LOAD002`), unsafe tags
(`LOAD003`), alias bombs (`LOAD004`), deep nesting (`LOAD009`), numbers no artifact can
hold (`LOAD011`), binary files and wrong encodings (`LOAD006`), invalid rule sets and regexes RE2 cannot compile are covered by
`tests/test_yamlio.py`, `test_sources.py`, `test_importers.py`, `test_validate_cli.py`,
`test_regex_safety.py` and `test_lint.py`; fuzzing (`python -m bench.fuzz`) and faults
(SIGKILL, full disk, concurrent runs) by `tests/test_faults.py`.

"""


def document() -> str:
    """The whole of ``docs/hostile-input.md``."""
    return HEADER + table() + "\n" + misuse_cases.table() + "\n" + untrusted_cases.table()


if __name__ == "__main__":
    DOC.write_text(document(), encoding="utf-8")
