"""The gettext files (sp_config_guard/locale/): the compiled catalog and the template say what
the Danish ``.po`` says, every text click can show is translated, and a Danish run shows no
English: not click's ("Usage:", "Show this message and exit."), not the catalog's."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from sp_config_guard.catalog import CATALOG, CLICK_DA, read_mo
from sp_config_guard.messages import placeholders
from tests.locale_build import MO, POT, read_catalog

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
_PRINTF = re.compile(r"%\(\w+\)s")


def _entry(message: Any) -> tuple[str, str]:
    ident = "\x00".join(message.id) if isinstance(message.id, tuple) else message.id
    text = "\x00".join(message.string) if isinstance(message.string, tuple) else message.string
    return (f"{message.context}\x04{ident}" if message.context else ident), text


def test_the_compiled_catalog_and_the_template_say_what_the_po_says() -> None:
    catalog = read_catalog()
    entries = dict(_entry(m) for m in catalog if m.id)
    compiled = {k: v for k, v in read_mo(MO).items() if k}
    assert compiled == entries, "run python -m tests.locale_build"
    with POT.open("rb") as handle:
        template = read_po(handle)
    assert [(m.context, m.id) for m in template if m.id] == [
        (m.context, m.id) for m in catalog if m.id
    ], "run python -m tests.locale_build"
    assert all(not _entry(m)[1].strip("\x00") for m in template if m.id)


def test_every_danish_entry_is_translated_with_the_same_fields() -> None:
    for message in read_catalog():
        if not message.id:
            continue
        ident, text = _entry(message)
        assert text and "fuzzy" not in message.flags, ident
        english = ident.split("\x04")[-1].split("\x00")
        for number, form in enumerate(text.split("\x00")):
            english_form = english[min(number, len(english) - 1)]
            assert placeholders(form) == placeholders(english_form), ident
            assert _PRINTF.findall(form) == _PRINTF.findall(english_form), ident


def test_every_text_click_can_show_is_translated() -> None:
    folder = Path(click.__file__).parent
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2)}
    found = {
        "\x00".join(m) if isinstance(m, tuple) else m
        for _, _, m, *_ in extract_from_dir(str(folder), [("**.py", "python")], keywords)
    }
    assert sorted(found - set(CLICK_DA)) == []


_HELP_PAGES = """
import json, click
from sp_config_guard.cli import cli
pages = {}
def walk(command, parent, name):
    ctx = click.Context(command, info_name=name, parent=parent)
    pages[ctx.command_path] = command.get_help(ctx)
    for sub in sorted(getattr(command, "commands", {})):
        walk(command.commands[sub], ctx, sub)
walk(cli, None, "spguard")
print(json.dumps(pages))
"""


_HEADINGS = ("Usage:", "Options", "Commands", "[OPTIONS]", "COMMAND [ARGS]")


def _english(texts: dict[str, dict[str, str]]) -> set[str]:
    """The English of every entry that Danish says otherwise, cut at its fields: the pieces a
    Danish page would show if English leaked (pieces of a few letters are too common)."""
    pieces = set()
    for entry in texts.values():
        if entry["en"] == entry["da"]:
            continue
        for piece in re.split(r"\{[^}]*\}|%\(\w+\)s|\x00", entry["en"]):
            if len(piece.strip()) >= 12 or piece.strip() in _HEADINGS:
                pieces.add(piece.strip())
    return pieces


ENGLISH = (
    _english(CATALOG)
    | _english({k: {"en": k, "da": v} for k, v in CLICK_DA.items() if "\x00" not in k})
    | set(_HEADINGS)
)


def _leaks(text: str, machine: bool = False) -> list[str]:
    """The English pieces in ``text``; a machine format (JSON, SARIF, the page's data) and a
    help page's choices hold identifiers such as ``out-of-bounds``, so there only pieces of
    several words and click's headings count."""
    return sorted(
        p for p in ENGLISH if p in text and not (machine and " " not in p and p not in _HEADINGS)
    )


_MACHINE = ("json", "sarif", "gitlab", "html")


def test_every_help_page_is_danish() -> None:
    ran = subprocess.run(
        [sys.executable, "-c", _HELP_PAGES],
        env={"SPGUARD_LANG": "da", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    pages = json.loads(ran.stdout)
    assert len(pages) > 10
    assert {name: _leaks(page, True) for name, page in pages.items() if _leaks(page, True)} == {}
    assert all(page.startswith("Brug: ") for page in pages.values())


@pytest.mark.usefixtures("cache_in_tmp")
def test_every_output_of_a_danish_run_is_danish(tmp_path: Path, spguard: Any) -> None:
    formats = ["github", "gitlab", "grouped", "json", "junit", "markdown", "sarif", "text"]
    outputs = {}
    lint = [a for f in formats for a in ("--format", f"{f}:{tmp_path / f'lint.{f}'}")]
    spguard("lint", EXAMPLE, "--lang", "da", "--statistics", *lint)
    outputs |= {f"lint {f}": (tmp_path / f"lint.{f}").read_text("utf-8") for f in formats}
    for fmt in ("text", "json", "markdown", "html"):
        outputs[f"drift {fmt}"] = spguard("drift", EXAMPLE, "--lang", "da", "--format", fmt).stdout
    for args in (
        ("validate", EXAMPLE),
        ("validate", EXAMPLE, "--format", "json"),
        ("waivers", "check", EXAMPLE),
        ("rules", "list"),
        ("rules", "list", "--format", "markdown"),
        ("rules", "explain", "MED001"),
        ("promote", EXAMPLE),
        ("promote", EXAMPLE, "--format", "markdown"),
        ("diff", EXAMPLE / "central", EXAMPLE / "hovedstaden" / "herlev-gentofte"),
    ):
        ran = spguard(*args, "--lang", "da")
        outputs[" ".join(map(str, args[:2]))] = ran.stdout + ran.stderr
    assert all(outputs.values())
    # the page's script and style keep their developers' comments (English, never shown)
    html = re.sub(r"/\*.*?\*/", "", outputs["drift html"], flags=re.S)
    outputs["drift html"] = re.sub(r"(?m)^\s*//.*$", "", html)
    leaks = {name: _leaks(text, name.endswith(_MACHINE)) for name, text in outputs.items()}
    assert {name: found for name, found in leaks.items() if found} == {}
