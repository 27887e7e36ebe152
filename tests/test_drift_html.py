"""The HTML drift report: deterministic, self-contained (nothing fetched), the JSON document
embedded safely, hostile values inert, in the language of the run; and in a real headless
Chromium: it renders without script errors, the heatmap has every hospital by name, the
drill-down and the filters work, the Danish page shows Danish labels and numbers (and the
English page English), and a screenshot comes out in both languages."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from sp_config_guard.catalog import CATALOG
from sp_config_guard.drift.classify import drift
from sp_config_guard.drift.result import (
    CLASSES,
    WEIGHTS,
    Deviation,
    DriftResult,
    Provenance,
    Variant,
)
from sp_config_guard.load.workspace import load_repository
from sp_config_guard.messages import LANGS, language, placeholders
from sp_config_guard.report import drift_html
from sp_config_guard.report.drift_report import document
from tests.browser import Browser, executable, launched

pytestmark = pytest.mark.xdist_group(
    "drift-html"
)  # on one worker: the example's drift is computed once

TREE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
HOSTILE = "</script><script>document.body.dataset.pwned='1'</script>"
HOSTILE_HOSPITAL = "<img src=x onerror=\"document.body.dataset.pwned='1'\">"


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
    result.provenance = Provenance(
        generated_at=HOSTILE, commit="f" * 40, branch=HOSTILE, rulesets=((HOSTILE, "<1>"),)
    )
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


def allowed_by_hash(page: str) -> None:
    """The page's inline scripts and style (two and one) are allowed by their hash, nothing
    inline by a blanket permission."""
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy
    blocks = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    blocks += re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    assert len(blocks) == 3
    for block in blocks:
        digest = base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy.group(1)
    assert "unsafe-inline" not in policy.group(1)


def test_inline_script_and_style_are_allowed_by_hash(example: DriftResult) -> None:
    allowed_by_hash(drift_html.render(example))


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


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One headless Chromium for the module's tests (each opens its own page in it)."""
    if not executable():
        pytest.fail("chromium is not installed (apt-get install chromium); .ci/run installs it")
    with launched(tmp_path_factory.mktemp("chromium")) as running:
        yield running


def opened(browser: Browser, tmp_path: Path, page: str, width: int = 1400, **how: Any) -> str:
    """Open ``page`` (written to a file in ``tmp_path``) at ``width``; its address."""
    target = tmp_path / f"drift-{width}.html"
    target.write_text(page, encoding="utf-8")
    url = target.as_uri() + how.pop("hash", "")
    browser.open(url, width, **how)
    assert browser.evaluate("document.body.dataset.ready") == "1"
    return url


def dump_dom(browser: Browser, tmp_path: Path, page: str, width: int = 1400) -> Dom:
    """The page as Chromium made it, its script run, parsed; no script error on the way."""
    opened(browser, tmp_path, page, width)
    dom = Dom()
    dom.feed(browser.evaluate("document.documentElement.outerHTML"))
    dom.close()
    assert browser.problems() == []
    return dom


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


def provenanced(result: DriftResult) -> DriftResult:
    """A copy of ``result`` with the provenance of a run in a git repository."""
    made = copy.copy(result)
    made.fail_on = "out-of-bounds"
    made.provenance = Provenance(
        generated_at="2026-01-01T01:00:00+01:00",
        commit="0123456789abcdef0123456789abcdef01234567",
        branch="main",
        rulesets=(("medication", "2026.4"), ("order-sets", "2026.3")),
        lint_fail_on="warning",
    )
    return made


def test_page_renders_in_chromium_with_every_hospital(
    example: DriftResult, browser: Browser, tmp_path: Path
) -> None:
    """No console error or warning, every hospital by name, every heatmap cell, and the
    provenance line in the header."""
    doc = document(example)
    dom = dump_dom(browser, tmp_path, drift_html.render(provenanced(example)))
    assert dom.body.get("data-ready") == "1", dom.body
    assert dom.body.get("data-errors") == "", dom.body
    hospitals = hospitals_of(doc)
    assert len(hospitals) == 8
    for region, hospital in hospitals:
        named = doc["names"]["hospitals"][hospital]
        assert f"{named['name']}, region {region}, SOR {named['sor']}" in dom.row_headers
    assert "Nykøbing F. Sygehus, region sjaelland, SOR 395621000016001" in dom.row_headers
    assert dom.row_headers[-1] == "All hospitals"
    assert len(dom.row_headers) == len(hospitals) + 1
    assert dom.cells == len(doc["rollups"]["hospital_kind"])
    line = browser.evaluate('document.getElementById("provenance").textContent')
    assert line == (
        "Generated 2026-01-01T01:00:00+01:00 · commit 0123456789ab on branch main · "
        "spguard 0.1.0 · rule sets 2026.4 (medication), 2026.3 (order-sets) · "
        "drift fails on out-of-bounds, lint on warning · "
        "small numbers: fewer than 5 variants"
    )


def test_heatmap_cells_count_what_the_json_counts(
    example: DriftResult, browser: Browser, tmp_path: Path
) -> None:
    """Each cell shows the variants and deviations of its roll-up in the JSON, and is marked
    as a small number (hatched, starred, a tooltip) exactly when it rests on fewer than 5."""
    opened(browser, tmp_path, drift_html.render(example))
    shown = browser.evaluate(
        """[...document.querySelectorAll("#heatmap td.hk button")].map((b) => [
          JSON.parse(b.dataset.sel), b.querySelector(".c").textContent,
          b.classList.contains("small"), b.title, b.querySelector(".i").textContent,
          getComputedStyle(b).backgroundImage])"""
    )
    cells = {tuple(r["key"]): r for r in document(example)["rollups"]["hospital_kind"]}
    assert len(shown) == len(cells)
    note = "rests on fewer than 5 variants: read the figure with care"
    small = 0
    for (region, hospital, kind, _), counted, hatched, title, index, image in shown:
        rollup = cells[(region, hospital, kind)]
        devs = sum(rollup["counts"].values())
        assert counted == f"{rollup['variants']} var" + (f" · {devs} dev" if devs else "")
        assert hatched == (rollup["variants"] < 5)
        assert (title == note) == hatched and index.endswith("*") == hatched
        assert ("repeating-linear-gradient" in image) == hatched
        small += hatched
    assert 0 < small < len(cells)


def test_drill_down_and_filters_in_chromium(
    example: DriftResult, browser: Browser, tmp_path: Path
) -> None:
    """Clicking a heatmap cell opens its drill-down and puts a shareable address in the hash;
    the deviation filters count what the JSON counts."""
    doc = document(example)
    region, hospital, kind = max(
        doc["rollups"]["hospital_kind"], key=lambda r: (sum(r["counts"].values()), r["key"])
    )["key"]
    driver = """
(() => {
  const b = {};
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
  b.hash = location.hash;
  return b;
})()
"""
    name_of = doc["names"]["hospitals"][hospital]["name"]
    for name, value in (("REGION", "sjaelland"), ("HOSPITAL", name_of), ("KIND", kind)):
        driver = driver.replace(name, json.dumps(value))
    opened(browser, tmp_path, drift_html.render(example))
    seen = browser.evaluate(driver)
    assert browser.problems() == []
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
    assert seen["shownAll"] == len(devs)
    assert seen["shownRegion"] == len(in_region)
    assert seen["shownRegionViolation"] == len([d for d in in_region if d["class"] == "violation"])
    assert seen["shownViolationText"] == len(texts) != 0
    assert seen["drillTitle"] == f"Drill-down: {name_of} · {kind}"
    assert seen["drillArtifacts"] == len({d["file"] for d in in_cell})
    assert seen["drillDeviations"] == len(in_cell)
    assert seen["pressed"] == 1
    assert seen["hash"] == f"#drill={region}/{hospital}/{kind}"


def drilled(browser: Browser) -> dict[str, Any]:
    result: dict[str, Any] = browser.evaluate(
        """({ title: document.getElementById("drill-h").textContent,
          artifacts: document.querySelectorAll("#drill-body article").length,
          deviations: document.querySelectorAll("#drill-body article tbody tr").length,
          pressed: [...document.querySelectorAll('[aria-pressed="true"]')].map((b) => b.dataset.sel) })"""
    )
    return result


def test_the_drill_down_opens_from_a_shareable_address(
    example: DriftResult, browser: Browser, tmp_path: Path
) -> None:
    """``#drill=REGION/HOSPITAL/KIND`` opens a cell's drill-down, ``.../DEPARTMENT`` a
    department's; an address that names nothing (or is malformed) opens none."""
    doc = document(example)
    page = drift_html.render(example)
    cell = max(doc["rollups"]["hospital_kind"], key=lambda r: sum(r["counts"].values()))
    region, hospital, kind = cell["key"]
    opened(browser, tmp_path, page, hash=f"#drill={region}/{hospital}/{kind}")
    seen = drilled(browser)
    name = doc["names"]["hospitals"][hospital]["name"]
    assert seen["title"] == f"Drill-down: {name} · {kind}"
    assert seen["deviations"] == sum(cell["counts"].values())
    assert seen["pressed"] == [json.dumps([region, hospital, kind, ""], separators=(",", ":"))]

    department = max(doc["rollups"]["department"], key=lambda r: r["index"])
    region, hospital, shak = department["key"]
    opened(browser, tmp_path, page, hash=f"#drill={region}/{hospital}//{shak}")
    seen = drilled(browser)
    label = f"{doc['names']['departments'][shak]['name']} ({shak})"
    assert seen["title"] == f"Drill-down: {label}, {name_of(doc, hospital)} · all kinds"
    assert seen["deviations"] == sum(department["counts"].values())
    assert len(seen["pressed"]) == 1  # the department's button in the ranked table

    for address in ("#drill=nowhere/none/Medication", "#drill=%E0%A4%A/x/y", "#drill=a/b"):
        opened(browser, tmp_path, page, hash=address)
        assert drilled(browser)["title"] == "Drill-down"
    assert browser.problems() == []


def name_of(doc: dict[str, Any], hospital: str) -> str:
    name: str = doc["names"]["hospitals"][hospital]["name"]
    return name


def ranked(rollups: list[dict[str, Any]]) -> list[list[str]]:
    """Roll-ups in the department table's order: drift index, then violations, highest
    first, then by key."""
    order = sorted(
        rollups,
        key=lambda r: (-r["index"], -r["counts"]["violation"], json.dumps(r["key"])),
    )
    return [r["key"] for r in order]


def table_keys(browser: Browser) -> list[list[str]]:
    keys: list[list[str]] = browser.evaluate(
        """[...document.querySelectorAll("#departments tbody tr[data-key]")]
          .map((row) => JSON.parse(row.dataset.key))"""
    )
    return keys


def test_the_department_table_ranks_as_the_json_says(
    example: DriftResult, browser: Browser, tmp_path: Path
) -> None:
    """Every department, ranked by drift index; filtered by hospital and by kind (the
    department-by-kind roll-ups); sorted by a column; a row opens the drill-down."""
    doc = document(example)
    departments = doc["rollups"]["department"]
    opened(browser, tmp_path, drift_html.render(example))
    assert table_keys(browser) == ranked(departments)
    assert len(departments) > 20
    first = departments and ranked(departments)[0]
    cells = browser.evaluate(
        """[...document.querySelectorAll("#departments tbody tr")[0].children]
          .map((c) => c.textContent)"""
    )
    top = next(r for r in departments if r["key"] == first)
    stale = sum(
        1
        for v in doc["variants"]
        if v["stale"] and [v["scope"].get(k) for k in ("region", "hospital", "department")] == first
    )
    assert cells[0] == "1" and cells[3] == first[0]
    assert cells[4].startswith(f"{top['index']:.1f} ({top['variants']} var)")
    assert cells[5:8] == [str(top["counts"]["violation"]), str(stale), str(top["variants"])]
    stale_shown = browser.evaluate(
        """[...document.querySelectorAll("#departments tbody tr")]
          .reduce((sum, row) => sum + Number(row.children[6].textContent), 0)"""
    )
    in_departments = [v for v in doc["variants"] if v["stale"] and v["scope"].get("department")]
    assert stale_shown == len(in_departments) > 0

    kind = "Medication"
    hospital = first[1]
    browser.evaluate(
        f"""(() => {{
          const pick = (id, value) => {{
            const s = document.getElementById(id); s.value = value; s.dispatchEvent(new Event("change")); }};
          pick("d-kind", {json.dumps(kind)}); pick("d-hospital", {json.dumps(hospital)}); }})()"""
    )
    by_kind = [
        r
        for r in doc["rollups"]["department_kind"]
        if r["key"][3] == kind and r["key"][1] == hospital
    ]
    assert table_keys(browser) == ranked(by_kind) != []
    browser.evaluate('document.querySelector("#dept-filters").reset()')
    browser.evaluate('document.querySelector("#departments [data-column=variants]").click()')
    by_variants = [k for k in table_keys(browser)]
    variants = {tuple(r["key"]): r["variants"] for r in departments}
    counts = [variants[tuple(k)] for k in by_variants]
    assert counts == sorted(counts, reverse=True) and len(counts) == len(departments)
    sort = browser.evaluate(
        'document.querySelector("#departments [data-column=variants]").parentNode.getAttribute("aria-sort")'
    )
    assert sort == "descending"
    browser.evaluate('document.querySelector("#departments tbody .linkbtn").click()')
    assert drilled(browser)["title"].startswith("Drill-down: ")
    assert browser.problems() == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_speaks_the_language_of_the_run_in_chromium(
    example: DriftResult, lang: str, browser: Browser, tmp_path: Path
) -> None:
    """Danish labels and numbers (decimal comma, thousands dot) on the Danish page, English on
    the English one; no label of the other language on either; names and diff's words shown."""
    with language(lang):
        page = drift_html.render(provenanced(example))
    doc = document(example)
    dom = dump_dom(browser, tmp_path, page)
    assert dom.body.get("data-ready") == "1" and dom.body.get("data-errors") == "", dom.body
    assert dom.lang == lang
    shown = dom.texts
    other = "en" if lang == "da" else "da"
    parts = set(shown.split(" | "))  # a label is a text of its own; a long one never a part
    for key in drift_html.LABELS:
        mine, theirs = CATALOG[key][lang], CATALOG[key][other]
        if theirs != mine and not key.endswith("_mark"):
            for piece in re.split(r"\{\w+\}", theirs):  # the words around its placeholders
                piece = piece.strip(" .,:;()*")
                if len(piece) >= 4 and piece not in mine:
                    assert piece not in parts, (key, piece)
                    assert len(piece) < 15 or piece not in shown, (key, piece)
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
    generated = {
        "da": "Dannet 2026-01-01T01:00:00+01:00",
        "en": "Generated 2026-01-01T01:00:00+01:00",
    }
    assert generated[lang] in shown


def test_at_800_pixels_the_page_does_not_scroll_sideways(
    example: DriftResult, browser: Browser, tmp_path: Path
) -> None:
    """At 800 px the body fits (tables scroll in their own box) and the heatmap's totals
    column is in view."""
    with language("da"):
        opened(browser, tmp_path, drift_html.render(example), width=800)
    width, inner = browser.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert width <= inner == 800
    totals = browser.evaluate(
        """[...document.querySelectorAll("#heatmap td.row-total, #heatmap td.grand-total")]
          .map((td) => { const r = td.getBoundingClientRect(); return [r.left, r.right]; })"""
    )
    assert len(totals) == 9
    assert all(left >= 0 and right <= 800 for left, right in totals), totals
    assert browser.problems() == []


def test_the_print_stylesheet_fits_a4_without_controls(
    example: DriftResult, browser: Browser, tmp_path: Path
) -> None:
    """Printed (A4: 794 CSS pixels wide at 96 dpi, less margins), nothing scrolls sideways, no
    form control or close button shows, rows are never cut across pages, and the heatmap
    keeps its colours and hatching."""
    opened(browser, tmp_path, drift_html.render(example), width=718, media="print")
    width, inner = browser.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert width <= inner
    tables = browser.evaluate(
        "[...document.querySelectorAll('table')].map((t) => [t.id, t.scrollWidth, t.parentNode.clientWidth])"
    )
    assert all(wide <= box + 1 for _, wide, box in tables), tables
    shown = browser.evaluate(
        """[...document.querySelectorAll("select, input, form, #drill-close, [type=reset]")]
          .filter((e) => e.getClientRects().length).map((e) => e.id || e.tagName)"""
    )
    assert shown == []
    rows, adjust, hatch = browser.evaluate(
        """[getComputedStyle(document.querySelector("#departments tbody tr")).breakInside,
          getComputedStyle(document.querySelector(".cell")).printColorAdjust,
          getComputedStyle(document.querySelector(".cell.small")).backgroundImage]"""
    )
    assert rows == "avoid" and adjust == "exact" and "repeating-linear-gradient" in hatch


def test_hostile_page_is_inert_in_chromium(browser: Browser, tmp_path: Path) -> None:
    dom = dump_dom(browser, tmp_path, drift_html.render(hostile()))
    assert dom.body.get("data-ready") == "1", dom.body
    assert dom.body.get("data-errors") == "", dom.body
    assert "data-pwned" not in dom.body
    # (the parser folds whitespace, U+2029 included)
    assert dom.row_headers[0] == f"{HOSTILE}, region r<&> , SOR <b>"
    assert HOSTILE + " @t.title@" in dom.texts
    # in the department table by its code alone
    assert dom.texts.count("constructor") == 1 and "| constructor |" in dom.texts
    # the provenance line, as text
    assert f"Generated {HOSTILE} · commit ffffffffffff on branch {HOSTILE} ·" in dom.texts


@pytest.mark.parametrize("width", [1400, 800])
def test_screenshot_in_chromium(
    example: DriftResult, width: int, browser: Browser, tmp_path: Path
) -> None:
    with language("da"):
        opened(browser, tmp_path, drift_html.render(example), width=width)
    shot = tmp_path / f"drift-{width}.png"
    browser.screenshot(shot, 0, 1000)
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(png[16:20], "big") == width
    assert len(png) > 10_000


def test_the_managers_guide_shows_the_committed_screenshots() -> None:
    """docs/img holds the Danish page at 1400 and 800 px (``python -m tests.screenshots``), and
    docs/manager.md shows both."""
    docs = Path(__file__).resolve().parent.parent / "docs"
    guide = (docs / "manager.md").read_text(encoding="utf-8")
    for width in (1400, 800):
        png = (docs / "img" / f"drift-report-{width}.png").read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert int.from_bytes(png[16:20], "big") == width
        assert f"](img/drift-report-{width}.png)" in guide


def test_the_page_declares_the_language_of_its_own_text_and_the_class_card_reads_right() -> None:
    assert '<html lang="@LANG@">' in drift_html.asset("page.html")
    for lang in ("da", "en"):
        assert "within bounds" not in CATALOG["drift.class.out-of-bounds"][lang]
        assert "within-" not in CATALOG["drift.class.out-of-bounds"][lang]
