"""The HTML drift report: deterministic, self-contained (nothing fetched), the JSON document
embedded safely, hostile values inert, in the language of the run; and in a real headless
Chromium: it renders without script errors, the heatmap has every hospital by name, the
drill-down and the filters work, the Danish page shows Danish labels and numbers (and the
English page English), and a screenshot comes out in both languages."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from sp_config_guard.catalog import CATALOG
from sp_config_guard.drift.classify import drift
from sp_config_guard.drift.result import CLASSES, WEIGHTS, Deviation, DriftResult, Variant
from sp_config_guard.load.workspace import load_repository
from sp_config_guard.messages import LANGS, language, placeholders
from sp_config_guard.report import drift_html
from sp_config_guard.report.drift_report import document

pytestmark = pytest.mark.xdist_group(
    "drift-html"
)  # on one worker: the example's drift is computed once

TREE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
HOSTILE = "</script><script>document.body.dataset.pwned='1'</script>"
HOSTILE_HOSPITAL = "<img src=x onerror=\"document.body.dataset.pwned='1'\">"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def example() -> DriftResult:
    repo = load_repository(TREE, use_cache=False)[0]  # TREE is the source tree
    return drift(repo, today=date(2026, 1, 1))


def hostile() -> DriftResult:
    """One variant whose every string tries to break out of the page."""
    scope = {
        "level": "department",
        "region": "r<&>\u2029",
        "hospital": HOSTILE_HOSPITAL,
        "department": "d\u2028</SCRIPT >",
    }
    file = "x/<!--</script>.yaml"
    variant = Variant(file, "Medication", "</script>", "100", scope, 10, False, name=HOSTILE)
    deviation = Deviation(
        file,
        "Medication",
        "</script>",
        "100",
        scope,
        "violation",
        "$.spec['</script>']",
        ("spec", "</script>"),
        "locked",
        "changed",
        standard_value={"a": "@DATA@ @CSS@ <!-- -->", "b": [1, None]},
        value=HOSTILE,
        text=HOSTILE + " @t.title@",
    )
    # a department whose code is a property of every plain object has no name for it
    other = Variant(
        "y.yaml", "Medication", "2", "100", scope | {"department": "constructor"}, 5, False
    )
    result = DriftResult([variant, other], [deviation])
    result.names = {
        "hospitals": {HOSTILE_HOSPITAL: {"name": HOSTILE, "sor": "<b>"}},
        "departments": {"__proto__": {"name": "x"}},
    }
    return result


def embedded(page: str, element_id: str) -> str:
    match = re.search(
        rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.DOTALL
    )
    assert match, element_id
    return match.group(1)


# -- without a browser ---------------------------------------------------------------------


def test_render_is_deterministic(example: DriftResult) -> None:
    first = drift_html.render(example)
    assert first == drift_html.render(example)
    assert drift_html.render(hostile()) == drift_html.render(hostile())
    assert first.startswith('<!doctype html>\n<html lang="en">')
    assert '<meta charset="utf-8">' in first
    with language("da"):
        danish = drift_html.render(example)
        assert danish == drift_html.render(example)
    assert danish.startswith('<!doctype html>\n<html lang="da">')


def test_nothing_is_fetched_from_the_network(example: DriftResult) -> None:
    page = drift_html.render(example)
    assert "http://" not in page
    assert "https://" not in page
    assert not re.search(r"""\ssrc\s*=""", page, re.IGNORECASE)
    assert not re.search(r"@import|url\(", page, re.IGNORECASE)
    assert re.findall(r"""href\s*=\s*["']?([^"'\s>]*)""", page) == ["#heatmap-section"]
    assert "default-src 'none'" in page


def test_embedded_json_round_trips_to_the_document(example: DriftResult) -> None:
    page = drift_html.render(example)
    data = embedded(page, "drift-data")
    assert json.loads(data) == document(example)
    meta = json.loads(embedded(page, "drift-meta"))
    assert meta == json.loads(json.dumps(drift_html.meta(example)))
    assert not re.search("[<>&\u2028\u2029]", data)


def test_hostile_values_are_escaped() -> None:
    result = hostile()
    page = drift_html.render(result)
    assert HOSTILE not in page
    assert "<img" not in page
    assert "<!--" not in page
    assert "\u2028" not in page and "\u2029" not in page
    # the only script end tags are the page's own four
    assert len(re.findall(r"</script", page, re.IGNORECASE)) == 4
    assert json.loads(embedded(page, "drift-data")) == document(result)
    # a placeholder inside the data is data, not template
    assert page.count("@DATA@") == 1 and "@CSS@ " in page


def test_inline_script_and_style_are_allowed_by_hash(example: DriftResult) -> None:
    page = drift_html.render(example)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy
    blocks = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    blocks += re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    assert len(blocks) == 3
    for block in blocks:
        digest = base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy.group(1)
    assert "unsafe-inline" not in policy.group(1)


@pytest.mark.parametrize("lang", LANGS)
def test_legend_and_labels_come_from_the_catalog_in_the_language_of_the_run(lang: str) -> None:
    with language(lang):
        legend = drift_html.legend()
        labels = drift_html.labels()
    assert legend["descriptions"] == {c: CATALOG[f"drift.class.{c}"][lang] for c in CLASSES}
    assert legend["formula"] == CATALOG["drift.index_formula"][lang]
    assert legend["local_note"] == CATALOG["drift.local_note"][lang]
    keys = sorted(k for k in CATALOG if k.startswith("drift.html."))
    assert sorted(drift_html.LABELS) == keys
    assert labels == {k.removeprefix("drift.html."): CATALOG[k][lang] for k in keys}


def test_legend_and_page_text_are_danish_in_a_danish_run(example: DriftResult) -> None:
    with language("da"):
        page = drift_html.render(example)
        meta = json.loads(embedded(page, "drift-meta"))
    assert meta["lang"] == "da"
    assert meta["descriptions"]["violation"].startswith("et låst felt ændret")
    assert meta["formula"].startswith("Driftindeks for en gruppe varianter = 100 x")
    assert (meta["labels"]["decimal_mark"], meta["labels"]["thousands_mark"]) == (",", ".")
    assert "<title>Driftrapport · spguard</title>" in page
    assert '<h2 id="heatmap-h">Driftindeks pr. hospital og art</h2>' in page
    english = drift_html.render(example)
    assert '<h2 id="heatmap-h">Drift index by hospital and kind</h2>' in english
    assert json.loads(embedded(english, "drift-meta"))["labels"]["decimal_mark"] == "."


def _slots() -> Iterator[str]:
    yield from re.findall(r"@t\.([a-z_]+)@", drift_html.asset("page.html"))


def test_the_pages_own_text_is_catalog_text_without_placeholders() -> None:
    """Each ``@t.NAME@`` slot of page.html names a label whose text has nothing left for the
    script to fill in, and comes into the page HTML-escaped (an attribute value included)."""
    slots = list(_slots())
    assert len(slots) >= 20
    for name in slots:
        for lang in LANGS:
            assert placeholders(CATALOG[f"drift.html.{name}"][lang]) == set(), name
    assert not re.search(
        r"<[^>]*>[^<@]*[A-Za-z]{3,}",
        re.sub(
            r"<(style|script)>.*?</\1>", "", drift_html.asset("page.html"), flags=re.DOTALL
        ).replace("<!doctype html>", ""),
    ), "page.html has text of its own outside the catalog"


def test_page_style_and_scripts_are_the_shipped_package_data(example: DriftResult) -> None:
    page = drift_html.render(example)
    shipped = resources.files("sp_config_guard") / "templates" / "drift"
    style = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert style == [(shipped / "style.css").read_text(encoding="utf-8")]
    assert scripts == [(shipped / n).read_text(encoding="utf-8") for n in ("guard.js", "main.js")]
    assert page.startswith((shipped / "page.html").read_text(encoding="utf-8").split("@")[0])


def test_column_totals_sum_the_hospital_kind_rollups(example: DriftResult) -> None:
    meta = drift_html.meta(example)
    cells = document(example)["rollups"]["hospital_kind"]
    hospitals = document(example)["rollups"]["hospital"]
    assert meta["weights"] == WEIGHTS
    assert meta["kinds"] == sorted({c["key"][2] for c in cells})
    for total in meta["kind_totals"]:
        parts = [c for c in cells if c["key"][2] == total["key"][0]]
        assert total["variants"] == sum(p["variants"] for p in parts)
        for cls in CLASSES:
            assert total["counts"][cls] == sum(p["counts"][cls] for p in parts)
        weight = sum(WEIGHTS[c] * n for c, n in total["counts"].items())
        assert total["index"] == round(100 * weight / total["governed_fields"], 1)
    grand = meta["grand_total"]
    assert grand["variants"] == sum(h["variants"] for h in hospitals)
    assert grand["variants"] == sum(t["variants"] for t in meta["kind_totals"])


# -- in headless Chromium ------------------------------------------------------------------


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("chromium is not installed (apt-get install chromium); .ci/run installs it")
    return found


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    command = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    run = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    return run


def dump_dom(tmp_path: Path, page: str, name: str = "drift.html") -> tuple[Dom, str]:
    target = tmp_path / name
    target.write_text(page, encoding="utf-8")
    run = run_chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", target.as_uri())
    dom = Dom()
    dom.feed(run.stdout)
    dom.close()
    return dom, run.stderr


class Dom(HTMLParser):
    """The body's attributes, and the row headers and cells of the heatmap table."""

    def __init__(self) -> None:
        super().__init__()
        self.body: dict[str, str | None] = {}
        self.in_heatmap = False
        self.row_headers: list[str] = []
        self.cells = 0
        self.text: list[str] | None = None
        self.shown: list[str] = []  # every text (and label) outside scripts and styles
        self.hidden = 0
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("script", "style"):
            self.hidden += 1
        if tag == "html":
            self.lang = attributes.get("lang")
        for name in ("aria-label", "title", "placeholder"):
            if attributes.get(name) and not self.hidden:
                self.shown.append(attributes[name] or "")
        if tag == "body":
            self.body = attributes
        elif tag == "table" and attributes.get("id") == "heatmap":
            self.in_heatmap = True
        elif self.in_heatmap and tag == "th" and attributes.get("scope") == "row":
            self.text = []
        elif self.in_heatmap and tag == "td" and "hk" in (attributes.get("class") or "").split():
            self.cells += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1
        if tag == "table":
            self.in_heatmap = False
        elif tag == "th" and self.text is not None:
            self.row_headers.append(" ".join("".join(self.text).split()))
            self.text = None

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)
        if not self.hidden:
            self.shown.append(data)

    @property
    def texts(self) -> str:
        """The page's text as shown, whitespace folded, text nodes apart."""
        return " | ".join(" ".join(part.split()) for part in self.shown if part.strip())


def hospitals_of(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted(
        {
            (v["scope"]["region"], v["scope"]["hospital"])
            for v in doc["variants"]
            if v["scope"].get("hospital")
        }
    )


def test_page_renders_in_chromium_with_every_hospital(example: DriftResult, tmp_path: Path) -> None:
    doc = document(example)
    dom, stderr = dump_dom(tmp_path, drift_html.render(example))
    assert dom.body.get("data-ready") == "1", dom.body
    assert dom.body.get("data-errors") == "", dom.body
    assert "Uncaught" not in stderr
    hospitals = hospitals_of(doc)
    assert len(hospitals) == 8
    for region, hospital in hospitals:
        named = doc["names"]["hospitals"][hospital]
        assert f"{named['name']}, region {region}, SOR {named['sor']}" in dom.row_headers
    assert "Nykøbing F. Sygehus, region sjaelland, SOR 395621000016001" in dom.row_headers
    assert dom.row_headers[-1] == "All hospitals"
    assert len(dom.row_headers) == len(hospitals) + 1
    assert dom.cells == len(doc["rollups"]["hospital_kind"])


def test_drill_down_and_filters_in_chromium(example: DriftResult, tmp_path: Path) -> None:
    """A copy of the page without its Content-Security-Policy gets a script that clicks a
    heatmap cell and sets the filters, and writes what it sees into the body's dataset."""
    doc = document(example)
    region, hospital, kind = max(
        doc["rollups"]["hospital_kind"], key=lambda r: (sum(r["counts"].values()), r["key"])
    )["key"]
    driver = """
(() => {
  const b = document.body.dataset;
  const shown = () => document.querySelectorAll("#deviations tbody tr.dev:not([hidden])").length;
  const fire = (node, type) => node.dispatchEvent(new Event(type));
  b.shownAll = shown();
  const region = document.getElementById("f-region");
  region.value = REGION; fire(region, "change");
  b.shownRegion = shown();
  for (const box of document.querySelectorAll("#f-classes input")) {
    box.checked = box.value === "violation"; fire(box, "change");
  }
  b.shownRegionViolation = shown();
  region.value = ""; fire(region, "change");
  const text = document.getElementById("f-text");
  text.value = " MEDICATION/ "; fire(text, "input");
  b.shownViolationText = shown();
  const cell = [...document.querySelectorAll("#heatmap td.hk button")]
    .find((node) => node.getAttribute("aria-label").startsWith(HOSPITAL + ", " + KIND + ":"));
  cell.click();
  b.drillTitle = document.getElementById("drill-h").textContent;
  b.drillArtifacts = document.querySelectorAll("#drill-body article").length;
  b.drillDeviations = document.querySelectorAll("#drill-body article tbody tr").length;
  b.pressed = document.querySelectorAll('#heatmap [aria-pressed="true"]').length;
})();
"""
    name_of = doc["names"]["hospitals"][hospital]["name"]
    for name, value in (("REGION", "sjaelland"), ("HOSPITAL", name_of), ("KIND", kind)):
        driver = driver.replace(name, json.dumps(value))
    page = re.sub(
        r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", drift_html.render(example)
    )
    page = page.replace("</body>", f"<script>{driver}</script>\n</body>")
    dom, _ = dump_dom(tmp_path, page, "driven.html")
    assert dom.body.get("data-errors") == "", dom.body
    devs = doc["deviations"]
    in_region = [d for d in devs if d["scope"].get("region") == "sjaelland"]
    violations = [d for d in devs if d["class"] == "violation"]
    texts = [
        d for d in violations if "medication/" in (d["file"] + d["artifact"] + d["path"]).lower()
    ]
    in_cell = [
        d
        for d in devs
        if (d["scope"].get("region"), d["scope"].get("hospital"), d["kind"])
        == (region, hospital, kind)
    ]
    assert dom.body.get("data-shown-all") == str(len(devs))
    assert dom.body.get("data-shown-region") == str(len(in_region))
    assert dom.body.get("data-shown-region-violation") == str(
        len([d for d in in_region if d["class"] == "violation"])
    )
    assert dom.body.get("data-shown-violation-text") == str(len(texts)) != "0"
    assert dom.body.get("data-drill-title") == f"Drill-down: {name_of} · {kind}"
    assert dom.body.get("data-drill-artifacts") == str(len({d["file"] for d in in_cell}))
    assert dom.body.get("data-drill-deviations") == str(len(in_cell))
    assert dom.body.get("data-pressed") == "1"


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_speaks_the_language_of_the_run_in_chromium(
    example: DriftResult, lang: str, tmp_path: Path
) -> None:
    """Danish labels and numbers (decimal comma, thousands dot) on the Danish page, English on
    the English one; no label of the other language on either; names and diff's words shown."""
    with language(lang):
        page = drift_html.render(example)
    doc = document(example)
    dom, _ = dump_dom(tmp_path, page)
    assert dom.body.get("data-ready") == "1" and dom.body.get("data-errors") == "", dom.body
    assert dom.lang == lang
    shown = dom.texts
    other = "en" if lang == "da" else "da"
    parts = set(shown.split(" | "))  # a label is a text of its own; a long one never a part
    for key in drift_html.LABELS:
        mine, theirs = CATALOG[key][lang], CATALOG[key][other]
        if theirs != mine and not placeholders(theirs) and not key.endswith("_mark"):
            assert theirs not in parts, (key, theirs)
            assert len(theirs) < 15 or theirs not in shown, (key, theirs)
    heading = {"da": "Driftindeks pr. hospital og art", "en": "Drift index by hospital and kind"}
    badge = {"da": "overtrædelse", "en": "violation"}
    assert f"| {heading[lang]} |" in shown and f"| {badge[lang]} |" in shown
    mark, group = (",", ".") if lang == "da" else (".", ",")
    index = f"{drift_html.meta(example)['grand_total']['index']:.1f}".replace(".", mark)
    label = {"da": "driftindeks, alle hospitaler", "en": "drift index, all hospitals"}[lang]
    assert f"| {index} | {label} |" in shown
    assert "," in index if lang == "da" else "." in index
    region = doc["rollups"]["region"][0]
    assert region["governed_fields"] >= 1000
    assert f"| {region['governed_fields']:,} |".replace(",", group) in shown
    # names of hospitals, departments and artifacts, and the deviation as diff says it
    assert "| Nykøbing F. Sygehus |" in shown
    assert "| Kardiologisk Klinik, Sengeafsnit 2143 (1301011) |" in shown
    assert "| Furosemid tablet 40 mg |" in shown
    assert "| group 100 line 1001 dose: 40 mg -> 80 mg |" in shown
    assert "| $.spec.groups[?@.id=='100'].lines[?@.id=='1001'].dose.value |" in shown


def test_hostile_page_is_inert_in_chromium(tmp_path: Path) -> None:
    dom, _ = dump_dom(tmp_path, drift_html.render(hostile()))
    assert dom.body.get("data-ready") == "1", dom.body
    assert dom.body.get("data-errors") == "", dom.body
    assert "data-pwned" not in dom.body
    # (the parser folds whitespace, U+2029 included)
    assert dom.row_headers[0] == f"{HOSTILE}, region r<&> , SOR <b>"
    assert HOSTILE + " @t.title@" in dom.texts
    # in the department roll-up by its code alone
    assert dom.texts.count("constructor") == 1 and "| constructor |" in dom.texts


@pytest.mark.parametrize("lang", LANGS)
def test_screenshot_in_chromium(example: DriftResult, lang: str, tmp_path: Path) -> None:
    page = tmp_path / "drift.html"
    with language(lang):
        page.write_text(drift_html.render(example), encoding="utf-8")
    shot = tmp_path / f"drift-{lang}.png"
    run_chromium(
        tmp_path,
        "--hide-scrollbars",
        f"--screenshot={shot}",
        "--window-size=1400,1000",
        page.as_uri(),
    )
    assert shot.is_file()
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(png[16:20], "big") == 1400
    assert len(png) > 10_000


def test_the_page_declares_the_language_of_its_own_text_and_the_class_card_reads_right() -> None:
    assert '<html lang="@LANG@">' in drift_html.asset("page.html")
    for lang in ("da", "en"):
        assert "within bounds" not in CATALOG["drift.class.out-of-bounds"][lang]
        assert "within-" not in CATALOG["drift.class.out-of-bounds"][lang]
