"""The HTML report of ``drift --history``: the newest step's drift report with a trend chart of
inline SVG; deterministic, its scripts and style allowed by hash, hostile names inert; and in
headless Chromium: every point of the chart is the JSON's figure, the release markers sit at
the JSON's releases, picking a hospital shows its line, Danish tooltips have the decimal comma,
and the page reads at 800 px; docs/manager.md shows the committed screenshot."""

from __future__ import annotations

import html
import itertools
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sp_config_guard import api
from sp_config_guard.drift.trend import DriftHistory
from sp_config_guard.messages import language
from sp_config_guard.report import history_html
from sp_config_guard.report.history_report import document
from tests.browser import Browser
from tests.history_repo import build
from tests.test_drift_html import allowed_by_hash
from tests.test_drift_html import browser as browser  # one headless Chromium for the module

pytestmark = pytest.mark.xdist_group("history-html")  # one worker: one repository, one browser

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> DriftHistory:
    root = build(tmp_path_factory.mktemp("history-html") / "sp-config")
    return api.drift_history(root)


def expected_points(doc: dict[str, Any]) -> list[list[Any]]:
    """[series, commit, index] of every point the chart should draw, in the JSON's figures."""
    out = [["total", p["commit"], p["total"]["index"]] for p in doc["points"]]
    for level in ("region", "hospital"):
        keys = sorted({tuple(r["key"]) for p in doc["points"] for r in p["rollups"][level]})
        for key in keys:
            for p in doc["points"]:
                for r in p["rollups"][level]:
                    if tuple(r["key"]) == key:
                        out.append([f"{level}:{'/'.join(key)}", p["commit"], r["index"]])
    return out


def opened(browser: Browser, tmp_path: Path, page: str, width: int = 1400) -> None:
    target = tmp_path / f"history-{width}.html"
    target.write_text(page, encoding="utf-8")
    browser.open(target.as_uri(), width)
    assert browser.evaluate("document.body.dataset.ready") == "1"
    assert browser.evaluate("document.body.dataset.errors") == ""
    assert browser.problems() == []


# -- without a browser ---------------------------------------------------------------------


def test_render_is_deterministic_and_allowed_by_hash(found: DriftHistory) -> None:
    page = history_html.render(found)
    assert page == history_html.render(found)
    assert "<svg" in page and "http://www.w3.org/2000/svg" in page
    assert "https://" not in page and not re.search(r"""\ssrc\s*=""", page, re.IGNORECASE)
    allowed_by_hash(page)
    assert len(re.findall(r"</script", page, re.IGNORECASE)) == 4


def test_hostile_hospital_names_are_escaped(found: DriftHistory) -> None:
    hostile = "<img src=x onerror=alert(1)>\"'"
    latest = replace(found.latest)
    latest.names = {"hospitals": {"rigshospitalet": {"name": hostile}}, "departments": {}}
    page = history_html.render(replace(found, latest=latest))
    assert hostile not in page and "<img" not in page
    assert html.escape(hostile, quote=True) in page


# -- in headless Chromium ------------------------------------------------------------------


def test_every_point_of_the_chart_is_the_jsons(
    found: DriftHistory, browser: Browser, tmp_path: Path
) -> None:
    doc = json.loads(json.dumps(document(found)))
    opened(browser, tmp_path, history_html.render(found))
    shown = browser.evaluate(
        """[...document.querySelectorAll("#trend-chart circle.pt")].map((c) =>
          [c.dataset.series, c.dataset.commit, Number(c.dataset.index)])"""
    )
    assert shown == expected_points(doc)
    markers = browser.evaluate(
        """[...document.querySelectorAll("#trend-chart g.release")].map((g) =>
          [g.dataset.commit, Number(g.dataset.releases), g.querySelector("title").textContent])"""
    )
    assert [m[0] for m in markers] == [r["commit"] for r in doc["releases"]]
    assert markers[0][2] == (
        "OrderSet 304100200 (Hjertesvigt - ambulant opstart): revision 2026.4 released"
    )
    # points lie on their line, higher index higher up
    ys = browser.evaluate(
        """[...document.querySelectorAll('#trend-chart g[data-series="total"] circle')]
          .map((c) => [Number(c.dataset.index), Number(c.getAttribute("cy"))])"""
    )
    for (a, ya), (b, yb) in itertools.pairwise(ys):
        assert (a < b) == (ya > yb) or a == b


def test_picking_a_hospital_shows_its_line(
    found: DriftHistory, browser: Browser, tmp_path: Path
) -> None:
    opened(browser, tmp_path, history_html.render(found))
    visible = """[...document.querySelectorAll("#trend-chart g.series")]
      .filter((g) => getComputedStyle(g).display !== "none").map((g) => g.dataset.series)"""
    regions = sorted({r.key[0] for p in found.points for r in p.rollups["region"]})
    assert browser.evaluate(visible) == ["total", *(f"region:{r}" for r in regions)]
    picked = browser.evaluate(
        """(() => { const s = document.getElementById("trend-hospital");
          s.value = "sjaelland/holbaek-sygehus"; s.dispatchEvent(new Event("change"));
          return document.getElementById("trend-picked").textContent; })()"""
    )
    assert picked == found.latest.names["hospitals"]["holbaek-sygehus"]["name"]
    after = browser.evaluate(visible)
    assert after[-1] == "hospital:sjaelland/holbaek-sygehus" and len(after) == len(regions) + 2
    assert browser.problems() == []


def test_danish_tooltips_have_the_decimal_comma(
    found: DriftHistory, browser: Browser, tmp_path: Path
) -> None:
    with language("da"):
        page = history_html.render(found)
    opened(browser, tmp_path, page)
    title = browser.evaluate('document.querySelector("#trend-chart circle.pt title").textContent')
    index = found.points[0].total.index
    assert title == f"2026-01-05 · Alle regioner: indeks {index:.1f}".replace(".", ",")
    assert browser.evaluate('document.getElementById("trend-h").textContent') == (
        "Driftindeks over tid"
    )
    ticks = browser.evaluate(
        '[...document.querySelectorAll("#trend-chart .ytick")].map((t) => t.textContent)'
    )
    assert ticks[:2] == ["0,0", "0,5"]
    english = history_html.render(found)
    assert ">0.5</text>" in english and ">0,5</text>" not in english


def test_at_800_pixels_the_chart_fits(
    found: DriftHistory, browser: Browser, tmp_path: Path
) -> None:
    with language("da"):
        opened(browser, tmp_path, history_html.render(found), width=800)
    wide = browser.evaluate(
        """[document.documentElement.scrollWidth, innerWidth,
          document.getElementById("trend-chart").getBoundingClientRect().width]"""
    )
    assert wide[0] <= wide[1] and wide[2] > 600
    shot = tmp_path / "history-800.png"
    browser.screenshot(shot, 0, 900)
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and int.from_bytes(png[16:20], "big") == 800


def test_the_managers_guide_shows_the_trend_screenshot() -> None:
    """docs/img/drift-history-800.png (``python -m tests.screenshots``), shown in manager.md."""
    png = (DOCS / "img" / "drift-history-800.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and int.from_bytes(png[16:20], "big") == 800
    assert "](img/drift-history-800.png)" in (DOCS / "manager.md").read_text(encoding="utf-8")
