"""Reporters against exact expected output (github, gitlab, markdown, text) or their schemas
(SARIF against the official schema, JSON against schemas/report.schema.json, JUnit parsed)."""

from __future__ import annotations

import datetime
import hashlib
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator, Draft202012Validator
from jsonschema.validators import validator_for

from sp_config_guard import __version__
from sp_config_guard import report as reporters
from sp_config_guard.model.shipped import data_dir
from sp_config_guard.report import github, markdown, sarif
from sp_config_guard.result import Finding, Result, RuleInfo

FIXTURES = Path(__file__).parent / "fixtures"
MEDICATION = "hovedstaden/rigshospitalet/1301011/Medication/heparin.yaml"
EWS = "sjælland/EarlyWarningScore/news 2.yaml"
RULES = [
    RuleInfo(
        "MED001",
        "high-alert-double-check",
        "Højrisikolægemidler kræver dobbeltkontrol",
        "error",
        "medication",
        "2026.4",
        "Fokusområde Medicin",
        "https://wiki.regionh.example/sp/regler/MED001",
        "Dosing errors with high-alert drugs cause serious harm.",
    ),
    RuleInfo(
        "EWS001",
        "ews-bands-locked",
        "Early-warning bands equal the standard",
        "warning",
        "early-warning",
        "1.2",
        "DSØ",
        "https://wiki.regionh.example/sp/regler/EWS001",
    ),
    RuleInfo(
        "ORG001",
        "department-sor-code",
        "Every department maps to a SOR code",
        "error",
        "organisation",
        "2026.1",
        "DSØ",
        "https://wiki.regionh.example/sp/regler/ORG001",
    ),
]


def rule_finding(
    file: str,
    position: tuple[int, int],
    code: str,
    severity: str,
    message: str,
    path: str,
    value: Any,
    **extra: Any,
) -> Finding:
    """A finding stamped with its rule, as the engine makes them."""
    rule = next(r for r in RULES if r.code == code)
    kind, artifact = (
        ("Medication", "heparin") if file == MEDICATION else ("EarlyWarningScore", "news2")
    )
    return Finding(
        file,
        *position,
        code,
        severity,
        message,
        path,
        kind,
        artifact,
        "hovedstaden/rigshospitalet/1301011" if file == MEDICATION else "sjælland",
        rule.name,
        rule.title,
        rule.ruleset,
        rule.version,
        rule.owner,
        rule.docs,
        value,
        **extra,
    )


FINDINGS = [
    rule_finding(
        EWS,
        (7, 7),
        "EWS001",
        "warning",
        "respiration band 9-11 differs from the standard (8-11)",
        "$.spec.parameters[0].bands[1]",
        [9, 11],
        baselined=True,
    ),
    rule_finding(
        MEDICATION,
        (14, 3),
        "MED001",
        "error",
        "Højrisiko | heparin 5000 IE/ml, 25%: <dobbeltkontrol> & *ikke* slået til\nse instruks",
        "$.spec['dose|max, 5%']",
        False,
    ),
    rule_finding(
        MEDICATION,
        (20, 5),
        "MED001",
        "error",
        "route 'iv' has no double check",
        "$.spec.routes[1]",
        None,
        waived_by="W-003",
    ),
    Finding(EWS, 1, 1, "SCH001", "error", "'id' is a required property"),
    rule_finding(
        EWS,
        (30, 9),
        "EWS001",
        "info",
        "pulse band 0 points is wider than the standard",
        "$.spec.parameters[2].bands[0]",
        0,
    ),
]


def lint_result() -> Result:
    return Result("lint", list(FINDINGS), 2, list(RULES))


EXPECTED_TEXT = """
hovedstaden/rigshospitalet/1301011/Medication/heparin.yaml:14:3: error MED001 Højrisiko | heparin 5000 IE/ml, 25%: <dobbeltkontrol> & *ikke* slået til\\nse instruks [$.spec['dose|max, 5%']]
hovedstaden/rigshospitalet/1301011/Medication/heparin.yaml:20:5: error MED001 route 'iv' has no double check [$.spec.routes[1]] (waived W-003)
sjælland/EarlyWarningScore/news 2.yaml:1:1: error SCH001 'id' is a required property [$]
sjælland/EarlyWarningScore/news 2.yaml:7:7: warning EWS001 respiration band 9-11 differs from the standard (8-11) [$.spec.parameters[0].bands[1]] (baseline)
sjælland/EarlyWarningScore/news 2.yaml:30:9: info EWS001 pulse band 0 points is wider than the standard [$.spec.parameters[2].bands[0]]
lint: 2 file(s) checked, 2 error(s), 0 warning(s), 1 info
""".removeprefix("\n")

EXPECTED_STATISTICS = """
rule set               error    warning    info    waived    baselined
-------------------  -------  ---------  ------  --------  -----------
(built-in)                 1          0       0         0            0
early-warning 1.2          0          0       1         0            1
medication 2026.4          1          0       0         1            0
organisation 2026.1        0          0       0         0            0
total                      2          0       1         1            1
""".removeprefix("\n")

EXPECTED_GROUPED = """
hovedstaden/rigshospitalet/1301011/Medication/heparin.yaml
line:col    severity              code    rule                     message                                                                                path
----------  --------------------  ------  -----------------------  -------------------------------------------------------------------------------------  ----------------------
14:3        error                 MED001  high-alert-double-check  Højrisiko | heparin 5000 IE/ml, 25%: <dobbeltkontrol> & *ikke* slået til\\nse instruks  $.spec['dose|max, 5%']
20:5        error (waived W-003)  MED001  high-alert-double-check  route 'iv' has no double check                                                         $.spec.routes[1]

sjælland/EarlyWarningScore/news 2.yaml
line:col    severity            code    rule              message                                                 path
----------  ------------------  ------  ----------------  ------------------------------------------------------  -----------------------------
1:1         error               SCH001                    'id' is a required property                             $
7:7         warning (baseline)  EWS001  ews-bands-locked  respiration band 9-11 differs from the standard (8-11)  $.spec.parameters[0].bands[1]
30:9        info                EWS001  ews-bands-locked  pulse band 0 points is wider than the standard          $.spec.parameters[2].bands[0]

lint: 2 file(s) checked, 2 error(s), 0 warning(s), 1 info
""".removeprefix("\n")

EXPECTED_GITHUB = """
::error file=hovedstaden/rigshospitalet/1301011/Medication/heparin.yaml,line=14,col=3,title=MED001 high-alert-double-check::Højrisiko | heparin 5000 IE/ml, 25%25: <dobbeltkontrol> & *ikke* slået til%0Ase instruks
::error file=sjælland/EarlyWarningScore/news 2.yaml,line=1,col=1,title=SCH001::'id' is a required property
::notice file=sjælland/EarlyWarningScore/news 2.yaml,line=30,col=9,title=EWS001 ews-bands-locked::pulse band 0 points is wider than the standard
""".removeprefix("\n")

EXPECTED_GITLAB = r"""
[
  {
    "description": "MED001 Højrisiko | heparin 5000 IE/ml, 25%: <dobbeltkontrol> & *ikke* slået til\nse instruks",
    "check_name": "MED001",
    "fingerprint": "@MED001:14@",
    "severity": "major",
    "location": {
      "path": "hovedstaden/rigshospitalet/1301011/Medication/heparin.yaml",
      "lines": {
        "begin": 14
      }
    }
  },
  {
    "description": "SCH001 'id' is a required property",
    "check_name": "SCH001",
    "fingerprint": "@SCH001:1@",
    "severity": "major",
    "location": {
      "path": "sjælland/EarlyWarningScore/news 2.yaml",
      "lines": {
        "begin": 1
      }
    }
  },
  {
    "description": "EWS001 pulse band 0 points is wider than the standard",
    "check_name": "EWS001",
    "fingerprint": "@EWS001:30@",
    "severity": "info",
    "location": {
      "path": "sjælland/EarlyWarningScore/news 2.yaml",
      "lines": {
        "begin": 30
      }
    }
  }
]
""".removeprefix("\n")

EXPECTED_MARKDOWN = r"""
## spguard lint: 2 file(s) checked

| severity | open | waived | baselined |
| --- | ---: | ---: | ---: |
| error | 2 | 1 | 0 |
| warning | 0 | 0 | 1 |
| info | 1 | 0 | 0 |

### Errors (2)

| code | file:line | artifact | message |
| --- | --- | --- | --- |
| [`MED001`](https://wiki.regionh.example/sp/regler/MED001) | `hovedstaden/rigshospitalet/1301011/Medication/heparin.yaml:14` | heparin | Højrisiko \| heparin 5000 IE/ml, 25%: &lt;dobbeltkontrol&gt; &amp; \*ikke\* slået til<br>se instruks |
| `SCH001` | `sjælland/EarlyWarningScore/news 2.yaml:1` |  | 'id' is a required property |

### Info (1)

| code | file:line | artifact | message |
| --- | --- | --- | --- |
| [`EWS001`](https://wiki.regionh.example/sp/regler/EWS001) | `sjælland/EarlyWarningScore/news 2.yaml:30` | news2 | pulse band 0 points is wider than the standard |

<details>
<summary>Waived and baselined findings (2)</summary>

| status | severity | code | file:line | artifact | message |
| --- | --- | --- | --- | --- | --- |
| waived (W-003) | error | [`MED001`](https://wiki.regionh.example/sp/regler/MED001) | `hovedstaden/rigshospitalet/1301011/Medication/heparin.yaml:20` | heparin | route 'iv' has no double check |
| baselined | warning | [`EWS001`](https://wiki.regionh.example/sp/regler/EWS001) | `sjælland/EarlyWarningScore/news 2.yaml:7` | news2 | respiration band 9-11 differs from the standard (8-11) |

</details>
""".removeprefix("\n")


def _json(text: str) -> Any:
    assert text.endswith("\n")
    return json.loads(text)


def _sarif_validator() -> Draft4Validator:
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    # The official OASIS schema (errata01) declares draft-04; use the validator it names.
    cls = validator_for(schema)
    assert cls is Draft4Validator
    cls.check_schema(schema)
    return Draft4Validator(schema)


def _report_validator() -> Draft202012Validator:
    schema = json.loads((data_dir("schemas") / "report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "https://sp-config-guard.dk/schemas/v1/report.schema.json"
    return Draft202012Validator(schema)


def _assert_valid(validator: Any, instance: Any) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]
    assert errors == []


# -- registry ----------------------------------------------------------------------------


def test_every_format_is_registered() -> None:
    assert set(reporters.formats()) == {
        "text",
        "grouped",
        "json",
        "sarif",
        "junit",
        "github",
        "gitlab",
        "markdown",
    }
    with pytest.raises(KeyError, match="unknown format 'xml'"):
        reporters.get("xml")


@pytest.mark.parametrize("name", reporters.formats())
def test_same_result_gives_the_same_bytes(name: str) -> None:
    render = reporters.get(name)
    first = render(lint_result())
    assert render(lint_result()) == first
    shuffled = Result("lint", list(reversed(FINDINGS)), 2, list(reversed(RULES)))
    assert render(shuffled) == first


# -- exact output ------------------------------------------------------------------------


def test_text_lint_one_line_per_finding() -> None:
    """file:line:column: severity CODE message [path], by file, line, column and code; a
    waived or baselined finding says so at the end of its line; then the summary line."""
    assert reporters.get("text")(lint_result()) == EXPECTED_TEXT


def test_grouped_lint_tables() -> None:
    assert reporters.get("grouped")(lint_result()) == EXPECTED_GROUPED


def test_statistics_come_after_the_findings_before_the_summary() -> None:
    *findings, summary = EXPECTED_TEXT.splitlines(keepends=True)
    assert reporters.get("text", statistics=True)(lint_result()) == "".join(
        [*findings, "\n", EXPECTED_STATISTICS, "\n", summary]
    )
    *tables, summary = EXPECTED_GROUPED.splitlines(keepends=True)
    assert reporters.get("grouped", statistics=True)(lint_result()) == "".join(
        [*tables, EXPECTED_STATISTICS, "\n", summary]
    )


def test_only_the_text_formats_have_statistics() -> None:
    assert [name for name in reporters.formats() if reporters.has_statistics(name)] == [
        "grouped",
        "text",
    ]
    # the others are the same with or without
    for name in ("json", "sarif", "markdown"):
        assert reporters.get(name, statistics=True) is reporters.get(name)


def test_text_validate_keeps_one_line_per_finding() -> None:
    result = Result(
        "validate",
        [
            Finding("b.yaml", 3, 5, "SCH001", "error", "5 is not of type 'string'", "$.spec.code"),
            Finding("a.yaml", 1, 1, "SCH004", "warning", "belongs at .../x.yaml"),
            Finding("a.yaml", 1, 1, "LOAD001", "error", "malformed YAML"),
        ],
        2,
    )
    assert reporters.get("text")(result) == (
        "a.yaml:1:1: error LOAD001 malformed YAML [$]\n"
        "a.yaml:1:1: warning SCH004 belongs at .../x.yaml [$]\n"
        "b.yaml:3:5: error SCH001 5 is not of type 'string' [$.spec.code]\n"
        "validate: 2 file(s) checked, 2 error(s), 1 warning(s), 0 info\n"
    )


def test_github_annotations() -> None:
    assert reporters.get("github")(lint_result()) == EXPECTED_GITHUB


def test_github_escaping() -> None:
    assert github.escape_data("50% a:b,c\r\nd") == "50%25 a:b,c%0D%0Ad"
    assert github.escape_property("50% a:b,c\r\nd") == "50%25 a%3Ab%2Cc%0D%0Ad"
    finding = Finding("dir,1/a:b.yaml", 2, 3, "SCH001", "warning", "x")
    assert (
        github.annotation(finding)
        == "::warning file=dir%2C1/a%3Ab.yaml,line=2,col=3,title=SCH001::x"
    )


def test_gitlab_code_quality() -> None:
    # a finding met once is identified by its own fingerprint (never its message: that
    # depends on the language), hashed to GitLab's 32 hex digits
    expected = EXPECTED_GITLAB
    for f in lint_result().findings:
        digest = hashlib.sha256(f.fingerprint.encode("utf-8")).hexdigest()[:32]
        expected = expected.replace(f"@{f.code}:{f.line}@", digest)
    assert reporters.get("gitlab")(lint_result()) == expected


def test_gitlab_fingerprints_are_unique_even_when_findings_coincide() -> None:
    # Twins (same place, code and message) share Finding.fingerprint; the report still
    # needs a distinct fingerprint per issue.
    findings = [
        Finding("a.yaml", 1, 1, "SCH001", "error", "'id' is a required property"),
        Finding("a.yaml", 1, 1, "SCH001", "error", "'name' is a required property"),
        Finding("a.yaml", 1, 1, "SCH001", "error", "'name' is a required property"),
    ]
    assert len({f.fingerprint for f in findings}) == 2
    issues = _json(reporters.get("gitlab")(Result("validate", findings, 1)))
    assert len({issue["fingerprint"] for issue in issues}) == 3


def test_markdown_comment() -> None:
    assert reporters.get("markdown")(lint_result()) == EXPECTED_MARKDOWN


# -- machine formats against their schemas ----------------------------------------------


def test_sarif_is_valid_against_the_official_schema() -> None:
    log = _json(reporters.get("sarif")(lint_result()))
    _assert_valid(_sarif_validator(), log)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "spguard"
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == ["EWS001", "MED001", "ORG001", "SCH001"]
    for rule in rules[:3]:
        assert rule["helpUri"] == f"https://wiki.regionh.example/sp/regler/{rule['id']}"
        assert set(rule["properties"]) == {"ruleset", "version", "owner"}
    assert rules[1]["name"] == "HighAlertDoubleCheck"
    assert rules[1]["fullDescription"]["text"].startswith("Dosing errors")
    assert rules[0]["defaultConfiguration"]["level"] == "warning"
    assert rules[3]["shortDescription"]["text"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["MED001", "MED001", "SCH001", "EWS001", "EWS001"]
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert len(res["partialFingerprints"]["spguardFingerprint/v1"]) == 16
        location = res["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "%SRCROOT%"
        assert not location["uri"].startswith(("/", "./", "file:"))
        assert " " not in location["uri"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris[0] == MEDICATION
    assert uris[2] == "sj%C3%A6lland/EarlyWarningScore/news%202.yaml"
    assert [r["level"] for r in results] == ["error", "error", "error", "warning", "note"]
    assert [r["baselineState"] for r in results] == ["new", "new", "new", "unchanged", "new"]
    assert results[1]["suppressions"] == [{"kind": "external", "justification": "waiver W-003"}]
    assert results[0]["suppressions"] == []
    assert results[3]["suppressions"] == [{"kind": "external", "justification": BASELINED}]
    logical = results[0]["locations"][0]["logicalLocations"]
    assert logical == [
        {"name": "heparin", "fullyQualifiedName": "Medication/heparin", "kind": "object"}
    ]
    assert "logicalLocations" not in results[2]["locations"][0]
    assert results[0]["properties"] == {
        "jsonPath": "$.spec['dose|max, 5%']",
        "kind": "Medication",
        "artifact": "heparin",
        "scope": "hovedstaden/rigshospitalet/1301011",
        "owner": "Fokusområde Medicin",
    }
    assert "file://" not in json.dumps(log)


BASELINED = "in the baseline: the finding existed when the repository adopted spguard"
WAV001_ACTION = "Renew the waiver with a new approval, or fix the finding."


def test_sarif_describes_codes_outside_the_rules_that_ran() -> None:
    findings = [
        Finding(
            "waivers.yaml", 4, 3, "WAV001", "warning", "waiver W-001 has expired", rule="waiver"
        ),
        Finding("x.yaml", 2, 1, "LOAD001", "error", "malformed YAML"),
        Finding("x.yaml", 5, 1, "SCH004", "warning", "misplaced"),
        Finding("y.yaml", 1, 1, "SCH004", "error", "misplaced"),
        replace(FINDINGS[1], file="y.yaml"),
    ]
    log = _json(reporters.get("sarif")(Result("lint", findings, 3)))
    _assert_valid(_sarif_validator(), log)
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert list(rules) == ["LOAD001", "MED001", "SCH004", "WAV001"]
    assert rules["MED001"]["name"] == "HighAlertDoubleCheck"
    assert rules["MED001"]["helpUri"] == "https://wiki.regionh.example/sp/regler/MED001"
    assert rules["MED001"]["properties"]["ruleset"] == "medication"
    assert rules["WAV001"]["shortDescription"]["text"] == "Expired waiver"
    assert rules["WAV001"]["help"]["text"].endswith("What to do: " + WAV001_ACTION)
    assert (
        "helpUri" not in rules["WAV001"]
    )  # no docs_url configured: no link rather than a dead one
    assert rules["SCH004"]["defaultConfiguration"]["level"] == "error"
    assert rules["LOAD001"]["properties"] == {"ruleset": "spguard", "version": __version__}


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("a/b.yaml", {"uri": "a/b.yaml", "uriBaseId": "%SRCROOT%"}),
        ("a b/c#1.yaml", {"uri": "a%20b/c%231.yaml", "uriBaseId": "%SRCROOT%"}),
        # on POSIX a backslash is part of a file's name (loader.shown turns Windows ones to /)
        ("a\\b:c.yaml", {"uri": "a%5Cb%3Ac.yaml", "uriBaseId": "%SRCROOT%"}),
        ("/tmp/x y.yaml", {"uri": "file:///tmp/x%20y.yaml"}),
        ("C:/sp/x.yaml", {"uri": "file:///C:/sp/x.yaml"}),
    ],
)
def test_sarif_artifact_location(file: str, expected: dict[str, str]) -> None:
    """Files as findings name them (relative to the repository root, or absolute outside it)."""
    assert sarif.artifact_location(file) == expected


def test_junit_counts() -> None:
    root = ET.fromstring(reporters.get("junit")(lint_result()))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("6", "2", "2")
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert list(suites) == ["EWS001", "MED001", "ORG001", "SCH001"]
    counts = {
        name: (s.get("tests"), s.get("failures"), s.get("skipped")) for name, s in suites.items()
    }
    assert counts == {
        "EWS001": ("2", "0", "1"),
        "MED001": ("2", "1", "1"),
        "ORG001": ("1", "0", "0"),
        "SCH001": ("1", "1", "0"),
    }
    cases = [(c.get("classname"), c.get("name")) for c in root.iter("testcase")]
    assert cases == [
        ("EWS001", f"{EWS}:7 news2"),
        ("EWS001", f"{EWS}:30 news2"),
        ("MED001", f"{MEDICATION}:14 heparin"),
        ("MED001", f"{MEDICATION}:20 heparin"),
        ("ORG001", "no findings"),
        ("SCH001", f"{EWS}:1"),
    ]
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("type") == "error"
    # the message as one inert line (its line break shown as \n), like every text value
    assert failure.get("message") == FINDINGS[1].message.replace("\n", "\\n")
    skipped = [s.get("message") for s in root.iter("skipped")]
    assert skipped == [
        "baselined: respiration band 9-11 differs from the standard (8-11)",
        "waived W-003: route 'iv' has no double check",
    ]
    info = suites["EWS001"].findall("testcase")[1].find("system-out")
    assert info is not None and "pulse band" in (info.text or "")


def test_junit_replaces_characters_xml_cannot_hold() -> None:
    # a control character is shown as an escape; a character XML cannot hold is replaced
    finding = Finding("a.yaml", 1, 1, "SCH001", "error", "bad \x01 \ufffe byte")
    root = ET.fromstring(reporters.get("junit")(Result("validate", [finding], 1)))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.get("message") == "bad \\x01 \ufffd byte"


def test_json_is_valid_against_the_report_schema() -> None:
    report = _json(reporters.get("json")(lint_result()))
    _assert_valid(_report_validator(), report)
    assert report["summary"] == {"files": 2, "error": 2, "warning": 0, "info": 1}
    assert [rule["code"] for rule in report["rules"]] == ["EWS001", "MED001", "ORG001"]
    assert [f["status"] for f in report["findings"]] == [
        "open",
        "waived",
        "open",
        "baselined",
        "open",
    ]
    first = report["findings"][0]
    assert first["fingerprint"] == FINDINGS[1].fingerprint
    assert first["message"] == FINDINGS[1].message
    assert first["value"] is False


def test_json_writes_dates_as_strings() -> None:
    finding = Finding(
        "a.yaml", 1, 1, "LAL001", "error", "expired", value=datetime.date(2026, 1, 31)
    )
    report = _json(reporters.get("json")(Result("lint", [finding], 1)))
    assert report["findings"][0]["value"] == "2026-01-31"
    _assert_valid(_report_validator(), report)


# -- nothing found ----------------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_empty_result_in_every_format(command: str) -> None:
    empty = Result(command, [], 3)
    summary = f"{command}: 3 file(s) checked, 0 error(s), 0 warning(s), 0 info\n"
    assert reporters.get("text")(empty) == summary
    assert reporters.get("github")(empty) == ""
    assert reporters.get("gitlab")(empty) == "[]\n"
    assert reporters.get("markdown")(empty) == (
        f"## spguard {command}: 3 file(s) checked\n\nNo findings.\n"
    )
    log = _json(reporters.get("sarif")(empty))
    _assert_valid(_sarif_validator(), log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []
    report = _json(reporters.get("json")(empty))
    _assert_valid(_report_validator(), report)
    assert report["findings"] == [] and report["rules"] == []
    root = ET.fromstring(reporters.get("junit")(empty))
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("0", "0", "0")
    assert list(root) == []


def test_rules_that_ran_without_findings() -> None:
    clean = Result("lint", [], 3, list(RULES))
    summary = "lint: 3 file(s) checked, 0 error(s), 0 warning(s), 0 info\n"
    assert reporters.get("text")(clean) == reporters.get("grouped")(clean) == summary
    assert reporters.get("text", statistics=True)(clean) == (
        "rule set               error    warning    info    waived    baselined\n"
        "-------------------  -------  ---------  ------  --------  -----------\n"
        "early-warning 1.2          0          0       0         0            0\n"
        "medication 2026.4          0          0       0         0            0\n"
        "organisation 2026.1        0          0       0         0            0\n"
        "total                      0          0       0         0            0\n"
        "\n"
        "lint: 3 file(s) checked, 0 error(s), 0 warning(s), 0 info\n"
    )
    log = _json(reporters.get("sarif")(clean))
    _assert_valid(_sarif_validator(), log)
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == 3
    root = ET.fromstring(reporters.get("junit")(clean))
    assert [c.get("name") for c in root.iter("testcase")] == ["no findings"] * 3
    assert reporters.get("markdown")(clean).endswith("No findings.\n")


def test_markdown_caps_long_tables() -> None:
    findings = [Finding(f"f{i:03}.yaml", 1, 1, "SCH004", "warning", "x") for i in range(52)]
    text = reporters.get("markdown")(Result("validate", findings, 52))
    assert text.count("| `SCH004` |") == markdown.MAX_ROWS
    assert "`f049.yaml:1`" in text and "`f050.yaml:1`" not in text
    assert text.endswith("\n... and 2 more (see the full report).\n")


# -- the bundled example in every format -------------------------------------------------


@pytest.mark.usefixtures("cache_in_tmp")
def test_every_format_of_the_example_lint_validates() -> None:
    import xml.etree.ElementTree as ET
    from datetime import date
    from pathlib import Path

    from sp_config_guard import api

    tree = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
    result = api.lint(tree, today=date(2026, 11, 23), lang="da")
    assert result.findings
    sarif = _json(reporters.get("sarif")(result))
    _assert_valid(_sarif_validator(), sarif)
    assert len(sarif["runs"][0]["results"]) == len(result.findings)
    _assert_valid(_report_validator(), _json(reporters.get("json")(result)))
    junit = ET.fromstring(reporters.get("junit")(result))
    cases = junit.findall(".//testcase")
    assert len([c for c in cases if c.find("failure") is not None]) == len(
        [f for f in result.findings if f.active and f.severity in ("error", "warning")]
    )
    issues = _json(reporters.get("gitlab")(result))
    assert len({i["fingerprint"] for i in issues}) == len(issues) == len(result.findings)
    annotations = reporters.get("github")(result).splitlines()
    assert len(annotations) == len(result.findings)
    assert reporters.get("markdown")(result).startswith("#")


# Cells without surrounding white space: tabulate 0.10 strips it from cells that look like
# numbers (" 0" becomes "0") and earlier versions did not; the reports' cells never carry it.
_cell = st.text(max_size=12).map(str.strip)


@settings(max_examples=300, deadline=None)
@given(
    shape=st.integers(min_value=1, max_value=5).flatmap(
        lambda n: st.tuples(
            st.lists(st.text(max_size=8).map(str.strip), min_size=n, max_size=n),
            st.lists(st.lists(_cell, min_size=n, max_size=n), min_size=1),
            st.integers(min_value=0, max_value=n),
        )
    )
)
def test_text_tables_are_laid_out_as_tabulate_lays_them_out(
    shape: tuple[list[str], list[list[str]], int],
) -> None:
    from tabulate import tabulate

    from sp_config_guard.messages import inert
    from sp_config_guard.report.text_report import _table

    headers, rows, numbers = shape
    align = ["left"] * (len(headers) - numbers) + ["right"] * numbers
    # cells as the report shows them: one inert line each
    shown = [[inert(cell) for cell in row] for row in rows]
    text = tabulate(
        shown,
        headers=[inert(h) for h in headers],
        tablefmt="simple",
        disable_numparse=True,
        colalign=align,
    )
    assert _table(rows, headers, numbers) == [line.rstrip() for line in text.split("\n")]


def test_report_json_text_is_exactly_json_dumps_also_when_large() -> None:
    """The batched writer gives the characters json.dumps gives, across many batches."""
    from datetime import date

    from sp_config_guard.report import jsontext

    value = {
        "afdelinger": [
            {"navn": f"Afsnit {i} – Ærø/Øster Søgård", "dosis": i / 4, "dato": date(2026, 11, 23)}
            for i in range(20000)
        ],
        "tom": [],
        "ingen": None,
    }
    expected = json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n"
    assert jsontext.dumps(value, default=str) == expected
    assert expected.count("\n") > 2 * jsontext._BATCH // 10
