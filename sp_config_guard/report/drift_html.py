"""The self-contained HTML drift report of ``spguard drift --format html``.

One file, no network: inline CSS and JavaScript, the data embedded as JSON (the same document
as ``--format json``) inside ``<script type="application/json">`` with ``<``, ``>``, ``&`` and
U+2028/U+2029 escaped, and every text put into the page by the script through ``textContent``.
A Content-Security-Policy allows only the page's own inline script and style (by hash), so
nothing can be fetched and nothing injected can run. The output is deterministic: the same
result gives the same bytes.

The page, its style and its scripts are package data (``sp_config_guard/templates/drift/``),
read as they are: the policy's hashes cover their exact text. The page is filled in one pass,
so nothing substituted (the data least of all) is read for placeholders again.

The page shows a summary with the counts per class and a legend (from the catalog, in the
page's language), a heatmap hospital x kind coloured by drift index with row and column totals,
a drill-down for a cell, a hospital or a kind, the filterable list of deviations, and the
roll-ups per region and department."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from importlib import resources
from typing import Any

from sp_config_guard.drift.result import CLASSES, WEIGHTS, DriftResult
from sp_config_guard.messages import language, t
from sp_config_guard.report.drift_report import FORMAT_VERSION, document, rollup_json

PAGE_LANG = "en"  # the language of the page's own text (templates/drift/page.html)
_LEGEND = {
    "violation": "drift.class.violation",
    "out-of-bounds": "drift.class.out-of-bounds",
    "removed-standard-item": "drift.class.removed-standard-item",
    "stale": "drift.class.stale",
    "adaptation": "drift.class.adaptation",
    "local-addition": "drift.class.local-addition",
    "waived": "drift.class.waived",
}

_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element: no ``</script>``, no
    ``<!--``, no characters that end a JavaScript line."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return re.sub("[<>&\u2028\u2029]", lambda m: _ESCAPES[m.group(0)], text)


def legend() -> dict[str, Any]:
    """The class descriptions, the drift index formula and the note on ``local`` fields, in
    the page's language."""
    with language(PAGE_LANG):
        return {
            "descriptions": {c: t(_LEGEND[c]) for c in CLASSES},
            "formula": t("drift.index_formula"),
            "local_note": t("drift.local_note"),
        }


def meta(result: DriftResult) -> dict[str, Any]:
    """What the page needs besides the JSON document: weights, legend, column totals of the
    heatmap (per kind over all hospitals) and the grand total over all hospitals."""
    kind_totals = result.kind_totals()
    return {
        "format_version": FORMAT_VERSION,
        "weights": {c: WEIGHTS[c] for c in CLASSES},
        **legend(),
        "kinds": [r.key[0] for r in kind_totals],
        "kind_totals": [rollup_json(r) for r in kind_totals],
        "grand_total": rollup_json(result.grand_total()),
    }


@cache
def asset(name: str) -> str:
    """The text of ``templates/drift/<name>``, exactly as shipped."""
    path = resources.files("sp_config_guard") / "templates" / "drift" / name
    return path.read_bytes().decode("utf-8")


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render(result: DriftResult) -> str:
    """The report as one self-contained, deterministic HTML page."""
    css, guard, main = asset("style.css"), asset("guard.js"), asset("main.js")
    policy = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_sha256(guard)} {_sha256(main)}",
            f"style-src {_sha256(css)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    values = {
        "POLICY": policy,
        "CSS": css,
        "GUARD": guard,
        "MAIN": main,
        "META": script_json(meta(result)),
        "DATA": script_json(document(result)),
    }
    # one pass: nothing substituted (the data least of all) is scanned for placeholders again
    return re.sub(r"@([A-Z]+)@", lambda m: values[m.group(1)], asset("page.html"))
