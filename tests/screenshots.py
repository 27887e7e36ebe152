"""Regenerate the screenshots of the Danish drift report of the example that docs/manager.md
shows (``docs/img/drift-report-1400.png`` and ``-800.png``), and of the drift history's trend
chart at 800 px (``docs/img/drift-history-800.png``, on the repository of
:mod:`tests.history_repo`): ``python -m tests.screenshots``.

The report is made as ``spguard drift --today 2026-11-23 --lang da --format html`` makes it,
dated 2026-11-23 10:00 in Copenhagen (``SOURCE_DATE_EPOCH``), and shot in headless Chromium
(:mod:`tests.browser`) from the top of the page: the provenance line, the summary and the
heatmap."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from sp_config_guard import api
from sp_config_guard.messages import language
from sp_config_guard.report import drift_html, history_html
from tests.browser import launched
from tests.history_repo import build

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sp-config"
IMAGES = ROOT / "docs" / "img"
SHOTS = {1400: 1150, 800: 1500}  # width: height shown, in CSS pixels
EPOCH = "1795424400"  # 2026-11-23 10:00 in Copenhagen


def main() -> None:
    """Write the screenshots into docs/img."""
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["SPGUARD_CACHE_DIR"] = str(Path(scratch) / "cache")
        os.environ["SOURCE_DATE_EPOCH"] = EPOCH
        result = api.drift(EXAMPLE, lang="da", today=date(2026, 11, 23))
        with language("da"):
            page = Path(scratch) / "drift.html"
            page.write_text(drift_html.render(result), encoding="utf-8")
        IMAGES.mkdir(exist_ok=True)
        with launched(Path(scratch) / "chromium") as browser:
            for width, height in SHOTS.items():
                browser.open(page.as_uri(), width)
                assert browser.problems() == [], browser.problems()
                target = IMAGES / f"drift-report-{width}.png"
                browser.screenshot(target, 0, height)
                print(target.relative_to(ROOT))
            found = api.drift_history(build(Path(scratch) / "history" / "sp-config"), lang="da")
            with language("da"):
                page.write_text(history_html.render(found), encoding="utf-8")
            browser.open(page.as_uri(), 800)
            assert browser.problems() == [], browser.problems()
            target = IMAGES / "drift-history-800.png"
            browser.screenshot(target, 0, 700)
            print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
