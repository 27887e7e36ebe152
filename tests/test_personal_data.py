"""Personal data in build (DOC001, DOC002): CPR numbers by a real date of birth in the century
the 7th digit gives, and the modulus-11 rule reported; personal names by clinical titles and the
shipped name statistics; and precision on the example's own texts: nothing but the plants."""

from __future__ import annotations

import tomllib
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from sp_config_guard.lint import checks
from sp_config_guard.lint.checks import CheckContext, cpr, person_name
from sp_config_guard.lint.engine import LintSettings, lint_documents
from sp_config_guard.lint.result_key import result_key
from sp_config_guard.lint.ruleset import load_rules
from sp_config_guard.load.loader import Document
from sp_config_guard.load.repository import Repository
from sp_config_guard.load.yamlio import dump_canonical
from sp_config_guard.messages import language

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TODAY = date(2026, 11, 23)

# -- CPR numbers: the date and the century rule ---------------------------------------------


@pytest.mark.parametrize(
    ("yy", "seventh", "century"),
    [
        (0, 0, 1900),
        (99, 3, 1900),
        (36, 4, 2000),
        (37, 4, 1900),
        (36, 9, 2000),
        (37, 9, 1900),
        (57, 5, 2000),
        (58, 5, 1800),
        (0, 8, 2000),
        (99, 8, 1800),
    ],
)
def test_century_follows_the_seventh_digit(yy: int, seventh: int, century: int) -> None:
    assert cpr.century(yy, seventh) == century


@pytest.mark.parametrize(
    ("digits", "born"),
    [
        ("1111111118", date(1911, 11, 11)),
        ("2902004000", date(2000, 2, 29)),  # 2000 is a leap year
        ("2902960000", date(1996, 2, 29)),
        ("2902605000", date(1860, 2, 29)),
        ("3112369000", date(2036, 12, 31)),
        ("3112379000", date(1937, 12, 31)),
        ("2902001000", None),  # 7th digit 1: 1900, no leap year
        ("2902585000", None),  # 7th digit 5, YY 58: 1858, no leap year
        ("2902970000", None),
        ("3102991111", None),  # 31 February
        ("3104261111", None),  # 31 April
        ("3201011234", None),
        ("0113011234", None),
        ("0001011234", None),  # day 0
        ("0100011234", None),  # month 0
    ],
)
def test_birth_date_is_a_real_calendar_date(digits: str, born: date | None) -> None:
    assert cpr.birth_date(digits) == born


@pytest.mark.parametrize(
    ("digits", "holds"),
    [
        ("1111111118", True),  # 4+3+2+7+6+5+4+3+2+8 = 44
        ("1111111119", False),
        ("0101011234", False),
        ("0101010000", False),
        ("0000000000", True),
    ],
)
def test_modulus11(digits: str, holds: bool) -> None:
    assert cpr.modulus11(digits) is holds


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("pt. 111111-1118 med apopleksi", ["1111111118"]),
        ("pt. 1111111118.", ["1111111118"]),
        ("Kun til 311280 1234", ["3112801234"]),
        ("pasted: 111111\u20111118, 111111\u20131118 and 111111\u00a01118", ["1111111118"] * 3),
        ("010101-1234 og 290200-4000", ["0101011234", "2902004000"]),
        ("Bestilling 310299-4711 og 290200-1234", []),  # impossible dates
        ("SOR 41951000016003, SHAK 1301011", []),
        ("Build B20261101-0312", []),  # inside a longer run of digits
        ("111111-11180", []),
        ("Tlf. 35 45 21 43, dato 2026-10-30", []),
        ("111111--1118", []),
    ],
)
def test_cpr_numbers_in_text(text: str, found: list[str]) -> None:
    assert cpr.cpr_numbers(text) == found


def _template(body: str, id_: str = "731900") -> Document:
    data = {
        "kind": "DocumentationTemplate",
        "id": id_,
        "name": "Testskabelon",
        "scope": {"level": "central"},
        "status": "active",
        "spec": {"mnemonic": ".TEST", "template_type": "smartphrase", "body": body},
    }
    display = f"central/DocumentationTemplate/{id_}.yaml"
    return Document(Path(display), display, dump_canonical(data), data)


def _findings(code: str, body: str, lang: str = "en", rules: Any = None) -> list[Any]:
    doc = _template(body)
    chosen = [rule for rule in rules or load_rules([]) if rule.code == code]
    with language(lang):
        return lint_documents([doc], Repository([doc]), chosen, lang, TODAY)


@pytest.mark.parametrize(
    ("body", "en", "da"),
    [
        (
            "Eksempel: pt. 111111-1118.",
            "(the modulus-11 check holds)",
            "(modulus 11-kontrollen holder)",
        ),
        (
            "Eksempel: pt. 010101-1234.",
            "(the modulus-11 check fails, but numbers issued since 2007 need not satisfy it)",
            "(modulus 11-kontrollen holder ikke, men personnumre udstedt siden 2007",
        ),
        (
            "111111-1118 og 010101-1234 og 310299-1111",
            "(2 numbers; the modulus-11 check holds for 1)",
            "(2 numre; modulus 11-kontrollen holder for 1)",
        ),
    ],
)
def test_doc001_says_whether_modulus11_holds_and_never_the_number(
    body: str, en: str, da: str
) -> None:
    (english,) = _findings("DOC001", body, "en")
    (danish,) = _findings("DOC001", body, "da")
    assert en in english.message
    assert da in danish.message
    for finding in (english, danish):
        assert not any(digits in finding.message for digits in ("111111", "010101", "1118"))
        assert str(finding.value).startswith("[redacted] sha256:")


def test_doc001_message_is_rendered_in_the_run_language_whatever_the_process_language() -> None:
    doc = _template("pt. 111111-1118")
    rules = [rule for rule in load_rules([]) if rule.code == "DOC001"]
    with language("en"):  # the process speaks English, the run Danish
        (finding,) = lint_documents([doc], Repository([doc]), rules, "da", TODAY)
    assert "(modulus 11-kontrollen holder)" in finding.message


SLOPPY_RULESET = """\
ruleset: test-persondata
version: "1.0"
owner: Test
rules:
  - code: TST101
    name: cpr-not-marked-sensitive
    severity: error
    title: {da: CPR, en: CPR}
    message: {da: "fandt {value} {match}", en: "found {value} {match}"}
    rationale: {da: Et regelsæt der glemmer sensitive., en: A rule set that forgets sensitive.}
    check: {type: cpr, path: $.spec..*}
  - code: TST102
    name: names-not-marked-sensitive
    severity: error
    title: {da: Navne, en: Names}
    message: {da: "fandt {value}", en: "found {value}"}
    rationale: {da: Et regelsæt der glemmer sensitive., en: A rule set that forgets sensitive.}
    check: {type: person_name, path: $.spec..*}
"""


def test_personal_data_checks_never_repeat_the_value_even_when_the_rule_set_forgets(
    tmp_path: Path,
) -> None:
    ruleset = tmp_path / "persondata.yaml"
    ruleset.write_text(SLOPPY_RULESET, encoding="utf-8")
    rules = load_rules([str(ruleset)])
    assert all(rule.sensitive for rule in rules)
    doc = _template("Aftalt med overlæge Jensen for pt. 111111-1118")
    found = lint_documents([doc], Repository([doc]), rules, "en", TODAY)
    assert sorted(f.code for f in found) == ["TST101", "TST102"]
    for finding in found:
        assert "Jensen" not in finding.message and "111111" not in finding.message
        assert "[redacted]" in finding.message


def test_a_pattern_rule_keeps_its_own_sensitivity() -> None:
    (rule,) = [rule for rule in load_rules([]) if rule.code == "DOC005"]
    assert rule.check_type == "pattern" and not rule.sensitive


# -- names ------------------------------------------------------------------------------------

NAMES = [
    "Aftalt med overlæge Jensen.",
    "Overlæge Jensen er ansvarlig.",
    "Kontakt afdelingssygeplejerske Birthe Holm.",
    "Ansvarlig reservelæge Ahmed",
    "Henvist til fysioterapeut Mikkel",
    "jordemoder Lærke tilkaldt",
    "Set af Dr. Holm",
    "Set af dr Holm",
    "Samtale med fru Hansen",
    "spl. Kristensen orienteret",
    "Kontrol hos Ida Mortensen om 3 måneder",
    "Anne-Marie Jensen",
    "Ansvarlig læge Søren Holm-Nielsen",
    "Per Hansen ringes op",
    "Hans Christian orienteret",
    "Line Skov\u00a0kontaktes",  # an ambiguous first name before a known surname
    "Kontakt Mohammad Ali",
    "overlæge Holm Medicinsk Afdeling",  # a known surname before a department is still a name
    "overlæge Sørensen Kardiologi",
]

ORDINARY = [
    "Paracetamol 1 g. Per os 4 gange dagligt",
    "Per os 1 g. Anne",
    "Hans blodtryk er ***.",
    "Mark ved indstiksstedet: ***",
    "Max 4 g i døgnet",
    "Bo alene: {Ja/Nej:1234}",
    "August Kontrol",
    "Ledende overlæge, Medicinsk Afdeling",
    "Ved forværring kontaktes vagthavende læge Medicinsk Afdeling.",
    "Kardiologisk forvagt tilkaldes før vagthavende læge ved TOKS 3-5",
    "Information til egen læge:\nAnne",
    "Ida\nMortensen",
    "læge EKG og ekko",
    "Din kontaktsygeplejerske er @PCP@.",
    "sygeplejerske Sengeafsnit 2143",
    "Afdelingslæge Kardiologi, Overlæge Geriatri, speciallæge Intern Medicin",
    "Kontakt vagthavende læge Fælles Akutmodtagelse",
    "Kontakt Ortopædkirurgisk Ambulatorium på tlf. ***.",
    "Visitation aftales med overlæge. Jensen-skalaen bruges ikke.",
    "Sankt Hans",
    "Medicinafstemning foretaget @TODAY@ ud fra FMK og samtale med patienten.",
    "Kontakt Akutmodtagelsen, Herlev",
]


@pytest.mark.parametrize("text", NAMES)
def test_names_are_found(text: str) -> None:
    assert person_name.find_name(text) is not None


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_clinical_danish_is_no_name(text: str) -> None:
    assert person_name.find_name(text) is None


def test_names_outside_the_old_fixed_list_are_found() -> None:
    """The old DOC002 knew about forty first names; Ida and a title with a surname passed it."""
    assert person_name.find_name("Ida Mortensen") == "first_name"
    assert person_name.find_name("overlæge Jensen") == "title"
    (finding,) = _findings("DOC002", "Kontrol hos Ida Mortensen.")
    assert "(a common Danish first name followed by a name)" in finding.message
    assert "Ida" not in finding.message and "Mortensen" not in finding.message


# -- the shipped name data ----------------------------------------------------------------------


def test_name_data_ships_inside_the_package_and_names_its_source() -> None:
    data = resources.files("sp_config_guard.lint") / "data" / person_name.DATA
    text = data.read_text(encoding="utf-8")
    assert "Danmarks Statistik" in text.split("\nfirst_names:")[0]
    raw = yaml.safe_load(text)
    assert len(raw["first_names"]) >= 250 and len(raw["surnames"]) >= 100
    names = person_name.name_data()
    assert not set(raw["ambiguous_first_names"]) & set(raw["first_names"])
    assert {"Ida", "Hans", "Per"} <= names.first_names
    assert {"Jensen", "Mortensen", "Holm"} <= names.names
    # the wheel takes the whole package folder, so the data file goes with it
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["sp_config_guard"]
    assert Path(str(data)).resolve().is_relative_to(ROOT / "sp_config_guard")


def test_every_name_and_title_of_the_data_is_one_capitalised_or_lower_case_word() -> None:
    raw = yaml.safe_load(
        (resources.files("sp_config_guard.lint") / "data" / person_name.DATA).read_text("utf-8")
    )
    for key in ("first_names", "ambiguous_first_names", "surnames"):
        assert all(person_name.capitalised(name) for name in raw[key]), key
        assert len(set(raw[key])) == len(raw[key]), key
    for key in ("titles", "abbreviations", "title_suffixes", "not_name_endings"):
        assert all(word == word.lower() and " " not in word for word in raw[key]), key
    assert set(raw["abbreviations"]) <= set(raw["titles"])


# -- precision on the example's own texts -------------------------------------------------------


def _strings(node: Any, path: str) -> list[tuple[str, str]]:
    if isinstance(node, dict):
        return [pair for key, value in node.items() for pair in _strings(value, f"{path}.{key}")]
    if isinstance(node, list):
        return [pair for n, value in enumerate(node) for pair in _strings(value, f"{path}[{n}]")]
    return [(path, node)] if isinstance(node, str) else []


def test_precision_on_the_example_texts_only_the_plants_are_found() -> None:
    """Every text in the example's build (all kinds, every string under ``spec``: 7,354 strings,
    about 10,500 words of ordinary clinical Danish) run through both detectors: they find
    exactly the planted CPR numbers and names, nothing else (no false positive)."""
    planted = yaml.safe_load((EXAMPLES / "planted.yaml").read_text(encoding="utf-8"))
    want: dict[str, set[tuple[str, str]]] = {"DOC001": set(), "DOC002": set()}
    for entry in planted["planted"]:
        if entry.get("rule_code") in want:
            want[entry["rule_code"]].add((entry["file"], entry["path"]))
    got: dict[str, set[tuple[str, str]]] = {"DOC001": set(), "DOC002": set()}
    tree = EXAMPLES / "sp-config"
    count = 0
    for file in sorted(tree.rglob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "spec" not in data:
            continue
        name = file.relative_to(tree).as_posix()
        for path, text in _strings(data["spec"], "$.spec"):
            count += 1
            if cpr.cpr_numbers(text):
                got["DOC001"].add((name, path))
            if person_name.find_name(text) is not None:
                got["DOC002"].add((name, path))
    assert count > 5000
    assert len(want["DOC001"]) >= 2 and len(want["DOC002"]) >= 3
    assert got == want


def test_the_clean_counter_example_is_shaped_like_cpr_numbers_the_old_pattern_reported() -> None:
    """The legitimate order numbers 310299-4711 and 290200-1234 (31 February; 29 February
    1900) match the old day-and-month pattern of DOC001 but are no dates of birth."""
    planted = yaml.safe_load((EXAMPLES / "planted.yaml").read_text(encoding="utf-8"))
    files = [e["file"] for e in planted["legitimate"] if "impossible dates" in e["description"]]
    (file,) = files
    body = yaml.safe_load((EXAMPLES / "sp-config" / file).read_text(encoding="utf-8"))["spec"]
    assert "310299-4711" in body["body"] and "290200-1234" in body["body"]
    assert cpr.cpr_numbers(body["body"]) == []
    assert person_name.find_name(body["body"]) is None


def test_check_context_hits_are_one_per_string() -> None:
    doc = _template("111111-1118 og 010101-1234")
    hits = list(cpr.check(CheckContext(doc, Repository([doc]), TODAY), {"path": "$.spec..*"}))
    assert [(hit.path, hit.fields["count"]) for hit in hits] == [(("spec", "body"), 2)]


def test_a_cached_lint_result_depends_on_the_shipped_name_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = LintSettings(paths=[], rules=[])
    before = result_key(settings, {}, None, [])
    monkeypatch.setattr(checks, "data_key", lambda: "other name lists")
    assert result_key(settings, {}, None, []) != before
