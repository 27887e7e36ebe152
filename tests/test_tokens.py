"""The ``token`` check type (BLD008, DOC006): SmartPhrase tokens in template text, a strict
syntax (no full stop before a capital word is a token), and resolution against the
repository's templates by mnemonic: shared, personal, inactive or nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from sp_config_guard.lint import checks
from sp_config_guard.lint.checks import CheckContext, Hit, token
from sp_config_guard.lint.removals import dependents
from sp_config_guard.load.loader import Document, Facts
from sp_config_guard.load.repository import Repository
from tests.test_checks import art, run

TODAY = date(2026, 11, 23)
USER = {"level": "user", "region": "hovedstaden", "hospital": "rigshospitalet", "user": "rhkar0231"}
DEPARTMENT = {"level": "department", "region": "hovedstaden", "department": "1301011"}
OPTIONS: dict[str, Any] = {"paths": ["$.spec.body"], "forbid_levels": ["user"]}


def template(id_: str, mnemonic: str, body: str = "***", **envelope: Any) -> Document:
    return art("DocumentationTemplate", id_, {"mnemonic": mnemonic, "body": body}, **envelope)


SHARED = template("730050", ".MEDAFSTEM")
PERSONAL = template("739101", ".MINKARDIO", scope=USER)


def shared_with(body: str, id_: str = "731004") -> Document:
    return template(id_, ".UDSKRIVNING", body, scope=DEPARTMENT)


def found(hits: list[Hit]) -> list[tuple[str, str]]:
    return [(hit.fields["token"], hit.fields["reason"]) for hit in hits]


# -- the syntax --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (".MEDAFSTEM", [".MEDAFSTEM"]),
        ("Se .MEDAFSTEM.", [".MEDAFSTEM"]),
        ("Medicin:\n.MEDAFSTEM\n***", [".MEDAFSTEM"]),
        ("(.MEDAFSTEM) og '.KARDIO2', /.ABC", [".MEDAFSTEM", ".KARDIO2", ".ABC"]),
        (".ABC .DEF .ABC", [".ABC", ".DEF"]),  # each once, in order
        (".K2B " + "." + "A" * 30, [".K2B", "." + "A" * 30]),
        # a sentence's full stop before a capital word is no token, with or without a space
        ("Patienten er udskrevet. Næste kontrol om 3 mdr.", []),
        ("udskrevet.NÆSTE kontrol", []),
        ("nyresvigt.EKG tages", []),
        # abbreviations, times, ellipses, too short, too long, lower case, digits first
        ("f.eks. kl. 08.00 ca. 5 mg ...EKG", []),
        (".OK .Kardio .kardio .2ABC ._ABC", []),
        ("." + "A" * 31, []),
        # a letter, digit or underscore after it: part of a longer word
        (".KARDIOstatus .KARDIO_2 .ABCæ .ABCÆ", []),
        # SmartLinks, SmartLists and wildcards are not SmartPhrases
        ("@NAME@ {Ja/Nej:1234} *** @TODAY@.", []),
        ("mail: a.b@EXAMPLE.DK, www.REGIONH.DK", []),
    ],
)
def test_smartphrase_syntax(text: str, expected: list[str]) -> None:
    assert [written for written, _ in token.tokens(text)] == expected


def test_smartlink_syntax() -> None:
    text = "@NAME@, @AGE@-årig; a@B@c, @@X@@, @lower@, @A@ @TOKS@"
    assert token.tokens(text, "smartlink") == [
        ("@NAME@", "NAME"),
        ("@AGE@", "AGE"),
        ("@TOKS@", "TOKS"),
    ]


# -- resolution --------------------------------------------------------------------------------


def test_shared_phrase_resolves() -> None:
    assert run("token", shared_with("Se .MEDAFSTEM."), OPTIONS, (SHARED, PERSONAL)) == []


def test_personal_phrase_is_forbidden_level_and_names_its_target() -> None:
    hits = run("token", shared_with("Opfølgning:\n.MINKARDIO\n***"), OPTIONS, (SHARED, PERSONAL))
    assert found(hits) == [(".MINKARDIO", "forbidden-level")]
    hit = hits[0]
    assert hit.path == ("spec", "body")
    assert hit.value == ".MINKARDIO"  # the token, never the text around it
    assert hit.fields["target"] == "739101"
    assert hit.fields["level"] == "user"
    assert hit.fields["target_name"] == "DocumentationTemplate 739101"


def test_a_shared_artifact_of_the_same_mnemonic_resolves_it() -> None:
    personal_copy = template("739102", "MEDAFSTEM", scope=USER)  # mnemonic without its dot
    doc = shared_with(".MEDAFSTEM")
    assert run("token", doc, OPTIONS, (SHARED, personal_copy)) == []
    assert found(run("token", doc, OPTIONS, (personal_copy,))) == [
        (".MEDAFSTEM", "forbidden-level")
    ]


def test_missing_inactive_and_known() -> None:
    retired = template("730051", ".GLMEDAFSTEM", status="retired")
    doc = shared_with("Se .GLMEDAFSTEM og .KARDIOSTATUS")
    hits = run("token", doc, OPTIONS, (retired,))
    assert found(hits) == [(".GLMEDAFSTEM", "inactive"), (".KARDIOSTATUS", "missing")]
    assert "target" not in hits[1].fields
    known = {**OPTIONS, "known": [".KARDIOSTATUS"]}
    assert found(run("token", doc, known, (retired,))) == [(".GLMEDAFSTEM", "inactive")]


def test_report_chooses_the_reasons() -> None:
    doc = shared_with(".MINKARDIO .KARDIOSTATUS")
    personal = {**OPTIONS, "report": ["forbidden-level"]}
    assert found(run("token", doc, personal, (PERSONAL,))) == [(".MINKARDIO", "forbidden-level")]
    missing = {**OPTIONS, "report": ["missing", "inactive"]}
    assert found(run("token", doc, missing, (PERSONAL,))) == [(".KARDIOSTATUS", "missing")]


def test_without_forbid_levels_personal_build_resolves() -> None:
    options = {"paths": ["$.spec.body"]}
    assert run("token", shared_with(".MINKARDIO"), options, (PERSONAL,)) == []


def test_only_the_given_kinds_resolve() -> None:
    other = art("OrderSet", "304100200", {"mnemonic": ".HJERTESVIGT"})
    hits = run("token", shared_with(".HJERTESVIGT"), OPTIONS, (other,))
    assert found(hits) == [(".HJERTESVIGT", "missing")]
    options = {**OPTIONS, "kinds": ["DocumentationTemplate", "OrderSet"]}
    assert run("token", shared_with(".HJERTESVIGT"), options, (other,)) == []


def test_several_text_fields_and_non_strings() -> None:
    doc = template("731004", ".UDSKRIVNING", ".MINKARDIO", scope=DEPARTMENT)
    doc.data["spec"]["sections"] = [
        {"id": "a", "title": "Se .KARDIOSTATUS"},
        {"id": "b", "title": 3},
    ]
    options = {**OPTIONS, "paths": ["$.spec.body", "$.spec.sections[*].title"]}
    hits = run("token", doc, options, (PERSONAL,))
    assert [(hit.path, hit.value) for hit in hits] == [
        (("spec", "body"), ".MINKARDIO"),
        (("spec", "sections", 0, "title"), ".KARDIOSTATUS"),
    ]


def test_targets_are_indexed_once_per_repository() -> None:
    docs = [shared_with(f"Se .MEDAFSTEM og .F{i:03d}") for i in range(30)]
    repo = Repository([SHARED, PERSONAL, *docs])
    module = checks.get("token")
    hits = [hit for doc in docs for hit in module.check(CheckContext(doc, repo, TODAY), OPTIONS)]
    assert len(hits) == 30
    assert list(module._INDEX[repo]) == [
        (("DocumentationTemplate",), "spec.mnemonic", "smartphrase")
    ]


# -- a change that deletes a phrase (lint --changed) --------------------------------------------


def test_dependents_of_a_deleted_phrase_embed_it_as_a_token() -> None:
    embeds = shared_with("Se .MEDAFSTEM.", "731001")
    by_link = shared_with("@MEDAFSTEM@", "731002")
    mentions = shared_with("MEDAFSTEMNING og .MEDAFSTEM2", "731003")  # a longer word, another
    repo = Repository([embeds, by_link, mentions])
    gone = [Facts("DocumentationTemplate", "730050", None, "central")]
    for name in (".MEDAFSTEM", "MEDAFSTEM"):  # the mnemonic with or without its dot
        assert {d.id for d in dependents(repo, gone, [name])} == {"731001", "731002"}
    assert dependents(repo, gone, ["1516100"]) == []  # a SHAK code is no token name
    assert dependents(repo, [], [".MEDAFSTEM"]) == []  # nothing is gone


def _git(root: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    author = ("-c", "user.name=spguard test", "-c", "user.email=spguard@example.org")
    subprocess.run(["git", *author, *args], cwd=root, env=env, capture_output=True, check=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_deleting_a_shared_phrase_reports_the_templates_that_embed_it(
    tmp_path: Path, spguard: Any
) -> None:
    """A commit that deletes .MEDAFSTEM touches no template that embeds it; pre-commit's
    ``lint --changed`` still reports them (DOC006), as a full lint does."""
    (tmp_path / "spguard.yaml").write_text("{}\n", encoding="utf-8")
    phrase = tmp_path / "central/DocumentationTemplate/730050.yaml"
    note = tmp_path / "hovedstaden/rigshospitalet/1301011/DocumentationTemplate/731004.yaml"
    for path, doc in ((phrase, SHARED), (note, shared_with("Medicin:\n.MEDAFSTEM\n***"))):
        path.parent.mkdir(parents=True)
        data = {**doc.data, "spec": {**doc.data["spec"], "template_type": "smartphrase"}}
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "configuration")
    _git(tmp_path, "rm", "-q", "central/DocumentationTemplate/730050.yaml")

    args = ("--select", "DOC006", "--today", "2026-11-23", "--format", "json")
    out = spguard("lint", "--changed", *args, cwd=tmp_path)
    full = spguard("lint", *args, cwd=tmp_path)

    assert out.returncode == 1, out.stdout + out.stderr
    found = [(f["code"], f["artifact"], f["value"]) for f in json.loads(out.stdout)["findings"]]
    assert found == [("DOC006", "731004", ".MEDAFSTEM")]
    assert found == [
        (f["code"], f["artifact"], f["value"]) for f in json.loads(full.stdout)["findings"]
    ]
