"""The self-contained HTML drift report of ``spguard drift --format html``.

One file, no network: inline CSS and JavaScript, the data embedded as JSON (the same document
as ``--format json``) inside ``<script type="application/json">`` with ``<``, ``>``, ``&`` and
U+2028/U+2029 escaped, and every text put into the page by the script through ``textContent``.
A Content-Security-Policy allows only the page's own inline script and style (by hash), so
nothing can be fetched and nothing injected can run. The output is deterministic: the same
result gives the same bytes.

The page shows a summary with the counts per class and a legend (taken from the docstring of
:mod:`sp_config_guard.drift.classify`), a heatmap hospital x kind coloured by drift index
with row and column totals, a drill-down for a cell, a hospital or a kind, the filterable list
of deviations, and the roll-ups per region and department."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from typing import Any

import sp_config_guard.drift.classify as drift_module
from sp_config_guard.drift.classify import CLASSES, WEIGHTS, DriftResult, Rollup, rollups
from sp_config_guard.report.drift_report import FORMAT_VERSION, document

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


def _plain(text: str) -> str:
    return " ".join(text.replace("``", "").split())


def legend() -> dict[str, Any]:
    """The class descriptions and the drift index formula, from the drift module's docstring."""
    doc = drift_module.__doc__ or ""
    flat = " ".join(doc.split())
    found = dict(re.findall(r"``([a-z-]+)`` \(([^()]*)\)", flat))
    paragraphs = [_plain(p) for p in doc.split("\n\n")]
    formula = next((p for p in paragraphs if p.startswith("Drift index")), "")
    local = next((s for s in re.split(r"(?<=\.) ", flat) if s.startswith("Changes to")), "")
    return {
        "descriptions": {c: _plain(found.get(c, "")) for c in CLASSES},
        "formula": formula,
        "local_note": _plain(local),
    }


def _rollup_json(r: Rollup) -> dict[str, Any]:
    return {
        "key": list(r.key),
        "variants": r.variants,
        "governed_fields": r.governed_fields,
        "counts": dict(r.counts),
        "index": r.index,
    }


def _summed(level: str, key: tuple[str, ...], parts: list[Rollup]) -> Rollup:
    counts: Counter[str] = Counter()
    for part in parts:
        counts.update(part.counts)
    return Rollup(
        level,
        key,
        sum(p.variants for p in parts),
        sum(p.governed_fields for p in parts),
        {c: counts[c] for c in CLASSES},
    )


def meta(result: DriftResult) -> dict[str, Any]:
    """What the page needs besides the JSON document: weights, legend, column totals of the
    heatmap (per kind over all hospitals) and the grand total over all hospitals."""
    cells = rollups(result, "hospital", by_kind=True)
    kinds = sorted({r.key[-1] for r in cells})
    kind_totals = [
        _rollup_json(_summed("kind", (kind,), [r for r in cells if r.key[-1] == kind]))
        for kind in kinds
    ]
    return {
        "format_version": FORMAT_VERSION,
        "weights": {c: WEIGHTS[c] for c in CLASSES},
        **legend(),
        "kinds": kinds,
        "kind_totals": kind_totals,
        "grand_total": _rollup_json(_summed("hospital", (), rollups(result, "hospital"))),
    }


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render(result: DriftResult) -> str:
    """The report as one self-contained, deterministic HTML page."""
    policy = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_sha256(_GUARD_JS)} {_sha256(_MAIN_JS)}",
            f"style-src {_sha256(_CSS)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    values = {
        "POLICY": policy,
        "CSS": _CSS,
        "GUARD": _GUARD_JS,
        "MAIN": _MAIN_JS,
        "META": script_json(meta(result)),
        "DATA": script_json(document(result)),
    }
    # one pass: nothing substituted (the data least of all) is scanned for placeholders again
    return re.sub(r"@([A-Z]+)@", lambda m: values[m.group(1)], _PAGE)


_PAGE = """<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="@POLICY@">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="spguard drift">
<title>Drift report · spguard</title>
<style>@CSS@</style>
<script>@GUARD@</script>
</head>
<body data-errors="">
<a class="skip" href="#heatmap-section">Skip to the heatmap</a>
<header class="top">
<div class="wrap">
<h1>Drift report</h1>
<p>Sundhedsplatformen configuration: every local variant against the standard it derives from</p>
</div>
</header>
<main class="wrap">
<noscript><p class="note">This report builds its tables with JavaScript; please enable it, or use
<code>spguard drift --format json</code>.</p></noscript>
<section id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<div id="problems" class="note" role="alert" hidden></div>
<div id="stats" class="stats"></div>
<h3 class="sub">Deviations per class</h3>
<div id="class-cards" class="class-grid"></div>
</section>
<section id="heatmap-section" aria-labelledby="heatmap-h">
<div class="section-head">
<h2 id="heatmap-h">Drift index by hospital and kind</h2>
<div id="scale" class="scale"></div>
</div>
<div class="scroll"><table id="heatmap" class="heat"></table></div>
<p class="hint">Each cell: the drift index of one hospital's variants of one kind, with the
number of variants (var) and deviations (dev). Select a cell, a hospital or a total for details.
<span id="regionwide"></span></p>
<p id="formula" class="formula"></p>
</section>
<section id="drill" aria-labelledby="drill-h">
<div class="section-head">
<h2 id="drill-h" tabindex="-1">Drill-down</h2>
<button type="button" id="drill-close" class="plain" hidden>Close</button>
</div>
<div id="drill-body" aria-live="polite"><p class="hint">Nothing selected yet: select a cell
in the heatmap.</p></div>
</section>
<section id="deviations-section" aria-labelledby="deviations-h">
<h2 id="deviations-h">Deviations</h2>
<form id="filters" class="filters" role="search" aria-label="Filter the deviations">
<div class="field"><label for="f-region">Region</label>
<select id="f-region"><option value="">All regions</option></select></div>
<fieldset class="field"><legend>Classes</legend><div id="f-classes" class="checks"></div></fieldset>
<div class="field grow"><label for="f-text">Search file, artifact or path</label>
<input id="f-text" type="search" autocomplete="off" spellcheck="false"
placeholder="e.g. Medication, 304110061, dose"></div>
<div class="field"><button type="reset" id="f-reset">Reset filters</button></div>
</form>
<p id="dev-count" class="count" aria-live="polite"></p>
<div class="scroll"><table id="deviations" class="list fixed"></table></div>
</section>
<section id="regions-section" aria-labelledby="regions-h">
<h2 id="regions-h">Roll-up per region</h2>
<div class="scroll"><table id="rollup-region" class="list num"></table></div>
</section>
<section id="departments-section" aria-labelledby="departments-h">
<h2 id="departments-h">Roll-up per department</h2>
<div class="scroll"><table id="rollup-department" class="list num"></table></div>
</section>
</main>
<footer class="wrap" id="footer">spguard drift · self-contained report, no network access</footer>
<script type="application/json" id="drift-data">@DATA@</script>
<script type="application/json" id="drift-meta">@META@</script>
<script>@MAIN@</script>
</body>
</html>
"""

_CSS = r"""
:root {
  --ink: #1c2431; --muted: #566072; --line: #d6dbe3; --bg: #f3f5f8; --card: #ffffff;
  --accent: #0d4a80; --focus: #1463ff; --soft: #eef1f5;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans",
    "DejaVu Sans", Arial, sans-serif;
}
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono",
  "DejaVu Sans Mono", monospace; font-size: 12.5px; }
.wrap { max-width: 1380px; margin: 0 auto; padding: 0 20px; }
.skip { position: absolute; left: -9999px; top: 0; }
.skip:focus { left: 12px; top: 12px; z-index: 10; background: #fff; padding: 6px 10px; }
header.top { background: var(--accent); color: #fff; padding: 10px 0 9px; }
header.top h1 { margin: 0; font-size: 22px; letter-spacing: .2px; }
header.top p { margin: 2px 0 0; opacity: .9; }
section {
  background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: 12px 18px 14px; margin: 12px 0;
}
h2 { font-size: 18px; margin: 0 0 8px; }
h3 { font-size: 15px; margin: 0 0 6px; }
h3.sub { margin-top: 10px; color: var(--muted); font-weight: 600; }
.section-head { display: flex; align-items: center; justify-content: space-between;
  gap: 16px; flex-wrap: wrap; }
.hint { color: var(--muted); margin: 4px 0 10px; }
.note { background: #fff7d6; border: 1px solid #e8d48a; padding: 8px 12px; border-radius: 6px; }
.scroll { overflow-x: auto; }
button, input, select { font: inherit; color: inherit; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.stats { display: flex; flex-wrap: wrap; gap: 8px; }
.stat { border: 1px solid var(--line); border-left: 5px solid var(--accent); border-radius: 6px;
  padding: 3px 14px 4px 10px; min-width: 120px; display: flex; align-items: baseline; gap: 7px; }
.stat .v { font-size: 21px; font-weight: 700; font-variant-numeric: tabular-nums; }
.stat .l { color: var(--muted); font-size: 13px; }
.class-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
  gap: 6px 8px; }
.class-card { border: 1px solid var(--line); border-radius: 6px; padding: 5px 10px;
  display: grid; grid-template-columns: 2.4em 1fr; column-gap: 8px; align-items: start;
  align-content: start; }
.class-card .n { grid-row: span 2; font-size: 22px; font-weight: 700; text-align: right;
  font-variant-numeric: tabular-nums; line-height: 1.15; }
.class-card .n.zero { color: #9aa3b2; }
.class-card .d { font-size: 12.5px; color: var(--muted); line-height: 1.3; }
.class-card .w { font-size: 12px; color: var(--muted); margin-left: 6px; }
.formula { margin: 8px 0 0; font-size: 13px; color: var(--muted); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px;
  font-weight: 600; color: #fff; white-space: nowrap; background: #5f6673; line-height: 1.5; }
.c-violation { background: #b3261e; }
.c-out-of-bounds { background: #a34a00; }
.c-removed-standard-item { background: #6b3fa0; }
.c-stale { background: #6d5a37; }
.c-adaptation { background: #1d5fa8; }
.c-local-addition { background: #17745a; }
.c-waived { background: #5f6673; }
.badge.stale-flag { background: #fff; color: #6d5a37; border: 1px solid #6d5a37; }
table { border-collapse: collapse; }
caption { text-align: left; color: var(--muted); font-size: 13px; padding: 0 0 6px; }
.heat { border-collapse: separate; border-spacing: 3px; }
.heat th, .heat td { padding: 0; }
.heat thead th { font-size: 12.5px; font-weight: 600; color: var(--muted); vertical-align: bottom;
  text-align: center; padding: 2px 4px 4px; max-width: 96px; line-height: 1.2; }
.heat thead th.corner { text-align: left; }
.heat tbody th, .heat tfoot th { text-align: left; min-width: 236px; }
.heat td { width: 92px; height: 46px; }
.heat tr.region-start > * { border-top: 0; }
.heat tr.region-start > th, .heat tr.region-start > td { padding-top: 8px; }
.heat .rowbtn { display: block; width: 100%; text-align: left; background: none; border: 0;
  border-radius: 4px; padding: 3px 8px; cursor: pointer; }
.heat .rowbtn:hover { background: var(--soft); }
.heat .rowbtn .hosp { display: block; font-weight: 650; white-space: nowrap; }
.heat .rowbtn .reg { display: block; font-size: 12px; color: var(--muted); line-height: 1.2; }
.heat tfoot th { padding: 4px 8px; font-weight: 700; }
.cell { display: flex; flex-direction: column; align-items: center; justify-content: center;
  width: 100%; height: 100%; border: 1px solid rgba(0, 0, 0, .10); border-radius: 5px;
  cursor: pointer; padding: 2px; }
.cell:hover { filter: brightness(.94); }
.cell .i { font-size: 16px; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.1; }
.cell .c { font-size: 11px; line-height: 1.2; white-space: nowrap; }
.cell.total { border: 2px solid rgba(0, 0, 0, .35); }
.cell[aria-pressed="true"] { box-shadow: 0 0 0 3px #111 inset, 0 0 0 2px #fff inset; }
.rowbtn[aria-pressed="true"] { box-shadow: 0 0 0 2px #111 inset; }
.heat td.empty { background: repeating-linear-gradient(135deg, #f4f5f7 0 5px, #e6e8ec 5px 10px);
  border-radius: 5px; }
.heat td.gap { width: 8px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.scale { display: flex; align-items: center; gap: 10px; font-size: 12.5px; color: var(--muted); }
.scale .bar { position: relative; width: 240px; height: 14px; border-radius: 3px;
  border: 1px solid rgba(0, 0, 0, .15); }
.scale .ticks { position: relative; width: 240px; height: 15px; }
.scale .ticks span { position: absolute; transform: translateX(-50%); font-size: 11px;
  font-variant-numeric: tabular-nums; }
.scale .swatch { display: inline-block; width: 22px; height: 14px; border-radius: 3px;
  vertical-align: middle; border: 1px solid rgba(0, 0, 0, .15);
  background: repeating-linear-gradient(135deg, #f4f5f7 0 5px, #e6e8ec 5px 10px); }
.list { width: 100%; font-size: 13.5px; }
.list th, .list td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left;
  vertical-align: top; }
.list thead th { background: var(--soft); font-size: 12.5px; white-space: nowrap; }
.list tbody tr:hover { background: #fafbfc; }
.list.fixed { table-layout: fixed; min-width: 1080px; }
.list.fixed thead th { white-space: normal; }
.list .w-class { width: 192px; }
.list .w-where { width: 160px; }
.list .w-artifact { width: 215px; }
.list .w-path { width: 20%; }
.list .w-waiver { width: 84px; }
.list.num td.n, .list.num th.n { text-align: right; font-variant-numeric: tabular-nums; }
.list td.n.zero { color: #a2a9b6; }
.idx { display: inline-flex; align-items: center; gap: 6px; justify-content: flex-end;
  font-weight: 600; }
.idx .sw { width: 14px; height: 14px; border-radius: 3px; border: 1px solid rgba(0, 0, 0, .2); }
.nowrap { white-space: nowrap; }
.file { display: block; color: var(--muted); word-break: break-all; }
.path { word-break: break-all; }
.change { display: grid; grid-template-columns: minmax(0, 1fr) auto minmax(0, 1fr); gap: 6px;
  align-items: start; }
.change .arrow { color: var(--muted); padding-top: 2px; }
.val { display: block; white-space: pre-wrap; word-break: break-word; max-height: 9.5em;
  overflow: auto; background: #f5f6f8; border: 1px solid #e4e7ec; border-radius: 4px;
  padding: 2px 6px; }
.val.absent { font-style: italic; color: var(--muted); background: none; border-style: dashed; }
.filters { display: flex; flex-wrap: wrap; gap: 12px 18px; align-items: flex-end;
  margin: 4px 0 8px; }
.field { display: flex; flex-direction: column; gap: 3px; border: 0; padding: 0; margin: 0; }
.field.grow { flex: 1 1 260px; max-width: 560px; }
.field label, .field legend { font-size: 12.5px; font-weight: 600; color: var(--muted);
  padding: 0; }
.field input, .field select { padding: 5px 8px; border: 1px solid #b9c1cd; border-radius: 5px;
  background: #fff; min-height: 32px; }
.checks { display: flex; flex-wrap: wrap; gap: 4px 12px; padding-top: 4px; }
.checks label { display: inline-flex; align-items: center; gap: 4px; font-weight: 400;
  color: var(--ink); cursor: pointer; }
.checks input { min-height: 0; margin: 0; width: 16px; height: 16px; }
button.plain, #f-reset { border: 1px solid #b9c1cd; background: #fff; border-radius: 5px;
  padding: 5px 12px; cursor: pointer; min-height: 32px; }
button.plain:hover, #f-reset:hover { background: var(--soft); }
.count { font-size: 13px; color: var(--muted); margin: 0 0 6px; }
.drill-stats { display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 0 0 10px;
  color: var(--muted); }
.drill-stats b { color: var(--ink); }
.artifact { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px;
  margin: 0 0 10px; }
.artifact h3 { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 0; }
.artifact .meta { margin: 2px 0 6px; font-size: 13px; color: var(--muted); }
.artifact .meta code { color: var(--muted); }
.clean { margin: 4px 0 0; }
.clean summary { cursor: pointer; color: var(--muted); }
.clean ul { columns: 3 260px; margin: 6px 0 0; padding-left: 18px; font-size: 13px; }
footer { color: var(--muted); font-size: 12.5px; padding: 4px 20px 24px; }
@media print {
  body { background: #fff; }
  section { break-inside: avoid; border-color: #bbb; }
  .filters, #drill-close, .skip { display: none; }
}
"""

_GUARD_JS = r"""
(function () {
  "use strict";
  var errors = [];
  function record(message) {
    errors.push(String(message));
    if (document.body) { document.body.dataset.errors = errors.join(" | "); }
  }
  window.addEventListener("error", function (event) {
    if (event.target && event.target !== window && event.target.tagName) {
      record("resource failed: " + event.target.tagName);
      return;
    }
    record((event.message || "error") + " (line " + (event.lineno || 0) + ")");
  }, true);
  window.addEventListener("unhandledrejection", function (event) {
    record("unhandled rejection: " + event.reason);
  });
  document.addEventListener("securitypolicyviolation", function (event) {
    record("blocked by the content security policy: " + event.violatedDirective);
  });
  var consoleError = console.error;
  console.error = function () {
    record(Array.prototype.join.call(arguments, " "));
    return consoleError.apply(console, arguments);
  };
  document.addEventListener("DOMContentLoaded", function () {
    document.body.dataset.errors = errors.join(" | ");
  });
})();
"""

_MAIN_JS = r"""
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("drift-data").textContent);
  const meta = JSON.parse(document.getElementById("drift-meta").textContent);
  const CLASSES = data.classes;
  const WEIGHTS = meta.weights;
  const $ = (id) => document.getElementById(id);

  // Every element is built here; text only ever goes in through text nodes.
  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = String(value);
      else if (name === "class") node.className = value;
      else if (name === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
      else if (name === "data") for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  const fmt = (x) => Number(x).toFixed(1);
  const plural = (n, one, many) => n + " " + (n === 1 ? one : many);
  const total = (counts) => CLASSES.reduce((sum, c) => sum + (counts[c] || 0), 0);
  const weight = (counts) => CLASSES.reduce((sum, c) => sum + WEIGHTS[c] * (counts[c] || 0), 0);
  const breakable = (kind) => kind.replace(/([a-z])([A-Z])/g, "$1\u200b$2");
  const badge = (cls) => h("span", { class: "badge c-" + cls, text: cls });
  const SHORT = { violation: "viol", "out-of-bounds": "oob", "removed-standard-item": "removed",
    stale: "stale", adaptation: "adapt", "local-addition": "added", waived: "waived" };
  const keyOf = (...parts) => JSON.stringify(parts);
  const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

  // A sequential colour scale (pale yellow to dark red) on the square root of the index,
  // 0 to the largest index of a heatmap cell, so small drift stays visible next to large.
  const STOPS = [
    [255, 251, 222], [254, 232, 160], [254, 203, 102], [253, 160, 68],
    [240, 104, 48], [206, 44, 38], [150, 10, 38],
  ];
  const cells = data.rollups.hospital_kind;
  const scaleMax = Math.max(0, ...cells.map((r) => r.index)) || 1;
  const position = (index) => Math.min(1, Math.sqrt(Math.max(0, index) / scaleMax));
  function colourAt(t) {
    const x = t * (STOPS.length - 1);
    const i = Math.min(STOPS.length - 2, Math.floor(x));
    const f = x - i;
    return STOPS[i].map((v, k) => Math.round(v + (STOPS[i + 1][k] - v) * f));
  }
  const css = (rgb) => "rgb(" + rgb.join(", ") + ")";
  // WCAG relative luminance, to put whichever of white and ink contrasts more on a colour
  function luminance(rgb) {
    const [r, g, b] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  const INK = [28, 36, 49];
  function paint(node, index) {
    const rgb = colourAt(position(index));
    const l = luminance(rgb);
    const onWhite = 1.05 / (l + 0.05);
    const onInk = (l + 0.05) / (luminance(INK) + 0.05);
    node.style.setProperty("background-color", css(rgb));
    node.style.setProperty("color", onWhite > onInk ? "#ffffff" : css(INK));
    return node;
  }

  const devsByFile = new Map();
  for (const d of data.deviations) {
    if (!devsByFile.has(d.file)) devsByFile.set(d.file, []);
    devsByFile.get(d.file).push(d);
  }
  const hospitals = data.rollups.hospital;
  const kinds = meta.kinds;
  const cellOf = new Map(cells.map((r) => [keyOf(...r.key), r]));
  const hospitalOf = new Map(hospitals.map((r) => [keyOf(...r.key), r]));
  const kindTotalOf = new Map(meta.kind_totals.map((r) => [r.key[0], r]));
  const regions = [...new Set(data.variants.map((v) => v.scope.region).filter(Boolean))].sort(byText);

  // -- summary -----------------------------------------------------------------------------
  function buildSummary() {
    const stale = data.variants.filter((v) => v.stale).length;
    const stats = [
      [data.variants.length, "variants"],
      [data.deviations.length, "deviations"],
      [regions.length, "regions"],
      [hospitals.length, "hospitals"],
      [new Set(data.variants.map((v) => v.kind)).size, "kinds"],
      [stale, "stale variants"],
      [fmt(meta.grand_total.index), "drift index, all hospitals"],
    ];
    if (data.problems.length) {
      $("problems").replaceChildren(
        h("strong", { text: plural(data.problems.length, "file", "files") +
          " left out (could not be read or invalid); their variants are not measured:" }),
        h("ul", null, data.problems.map((p) => h("li", null, h("code", { text: p })))));
      $("problems").hidden = false;
    }
    $("stats").replaceChildren(...stats.map(([v, l]) =>
      h("div", { class: "stat" }, h("span", { class: "v", text: v }), h("span", { class: "l", text: l }))));
    const counts = {};
    for (const d of data.deviations) counts[d.class] = (counts[d.class] || 0) + 1;
    $("class-cards").replaceChildren(...CLASSES.map((c) => {
      const n = counts[c] || 0;
      return h("div", { class: "class-card" },
        h("span", { class: n ? "n" : "n zero", text: n, "aria-label": plural(n, "deviation", "deviations") }),
        h("div", null, badge(c), h("span", { class: "w", text: "weight " + WEIGHTS[c] })),
        h("div", { class: "d", text: meta.descriptions[c] || "" }));
    }));
    $("formula").replaceChildren(h("strong", { text: "Drift index. " }), meta.formula + " " + meta.local_note);
    const regionwide = data.variants.filter((v) => !v.scope.hospital).length;
    if (regionwide) {
      $("regionwide").textContent = plural(regionwide, "variant is", "variants are") +
        " scoped to a whole region without a hospital: they count in the region roll-up and" +
        " appear in the deviation list, but not in the heatmap.";
    }
    $("footer").textContent = "spguard drift · data format version " + data.version +
      " · self-contained report, no network access";
  }

  // -- heatmap -----------------------------------------------------------------------------
  const pressable = [];
  function cellButton(rollup, label, selection, extraClass) {
    const devs = total(rollup.counts);
    const button = h("button", {
      type: "button",
      class: "cell" + (extraClass ? " " + extraClass : ""),
      "aria-pressed": "false",
      "aria-label": label + ": drift index " + fmt(rollup.index) + ", " +
        plural(rollup.variants, "variant", "variants") + ", " + plural(devs, "deviation", "deviations"),
      data: { sel: keyOf(selection.region || "", selection.hospital || "", selection.kind || "") },
      on: { click: () => select(selection, true) },
    },
    h("span", { class: "i", text: fmt(rollup.index) }),
    h("span", { class: "c", text: rollup.variants + " var" + (devs ? " · " + devs + " dev" : "") }));
    pressable.push(button);
    return paint(button, rollup.index);
  }

  function buildHeatmap() {
    const table = $("heatmap");
    const caption = h("caption", { class: "visually-hidden",
      text: "Drift index per hospital (rows) and kind (columns); empty cells have no variants." });
    const head = h("thead", null, h("tr", null,
      h("th", { scope: "col", class: "corner", text: "Hospital (region)" }),
      kinds.map((k) => h("th", { scope: "col", title: k, text: breakable(k) })),
      h("th", { scope: "col", text: "All kinds" })));
    const body = h("tbody");
    let previousRegion = null;
    if (!hospitals.length) {
      body.appendChild(h("tr", null, h("td", { colspan: kinds.length + 2, class: "hint",
        text: "No hospital-level variants." })));
    }
    for (const row of hospitals) {
      const [region, hospital] = row.key;
      const selection = { region, hospital, kind: null };
      const rowButton = h("button", {
        type: "button", class: "rowbtn", "aria-pressed": "false",
        data: { sel: keyOf(region, hospital, "") },
        on: { click: () => select(selection, true) },
      }, h("span", { class: "hosp", text: hospital }),
      h("span", { class: "visually-hidden", text: ", " }),
      h("span", { class: "reg", text: "region " + region }));
      pressable.push(rowButton);
      const tr = h("tr", { class: region !== previousRegion && previousRegion !== null ? "region-start" : null },
        h("th", { scope: "row", data: { region, hospital } }, rowButton),
        kinds.map((kind) => {
          const cell = cellOf.get(keyOf(region, hospital, kind));
          if (!cell) {
            return h("td", { class: "empty" }, h("span", { class: "visually-hidden", text: "no variants" }));
          }
          return h("td", { class: "hk" }, cellButton(cell, hospital + ", " + kind, { region, hospital, kind }));
        }),
        h("td", { class: "row-total" }, cellButton(row, hospital + ", all kinds", selection, "total")));
      previousRegion = region;
      body.appendChild(tr);
    }
    const foot = h("tfoot", null, h("tr", null,
      h("th", { scope: "row", text: "All hospitals" }),
      kinds.map((kind) => h("td", { class: "col-total" },
        cellButton(kindTotalOf.get(kind), kind + ", all hospitals", { region: null, hospital: null, kind }, "total"))),
      h("td", { class: "grand-total" }, (() => {
        const g = meta.grand_total;
        const div = h("div", { class: "cell total", role: "img",
          "aria-label": "All hospitals, all kinds: drift index " + fmt(g.index) },
          h("span", { class: "i", text: fmt(g.index) }),
          h("span", { class: "c", text: g.variants + " var · " + total(g.counts) + " dev" }));
        return paint(div, g.index);
      })())));
    table.replaceChildren(caption, head, body, foot);

    const stops = STOPS.map((rgb, i) => css(rgb) + " " + Math.round((100 * i) / (STOPS.length - 1)) + "%");
    const bar = h("div", { class: "bar", "aria-hidden": "true" });
    bar.style.setProperty("background", "linear-gradient(to right, " + stops.join(", ") + ")");
    const ticks = h("div", { class: "ticks", "aria-hidden": "true" });
    for (const f of [0, 1 / 16, 1 / 4, 9 / 16, 1]) {
      const value = Math.round(f * scaleMax * 10) / 10;
      const tick = h("span", { text: fmt(value) });
      tick.style.setProperty("left", (100 * position(value)).toFixed(1) + "%");
      ticks.appendChild(tick);
    }
    $("scale").replaceChildren(
      h("span", { text: "Drift index (square-root scale)" }),
      h("div", null, bar, ticks),
      h("span", { class: "visually-hidden", text: "from pale yellow at 0.0 to dark red at " + fmt(scaleMax) + "." }),
      h("span", null, h("span", { class: "swatch", "aria-hidden": "true" }), " no variants"));
  }

  // -- drill-down --------------------------------------------------------------------------
  // JSON on as few lines as the column allows: {"id": "200", "dose": {"value": 5}}
  function compact(value) {
    if (Array.isArray(value)) return "[" + value.map(compact).join(", ") + "]";
    if (value !== null && typeof value === "object") {
      return "{" + Object.entries(value).map(([k, v]) => JSON.stringify(k) + ": " + compact(v)).join(", ") + "}";
    }
    return JSON.stringify(value);
  }
  function valueCell(value, absent) {
    if (value === null || value === undefined) return h("code", { class: "val absent", text: absent });
    const text = typeof value === "string" ? value : compact(value);
    return h("code", { class: "val", text: text === "" ? '""' : text });
  }
  function change(d) {
    return h("div", { class: "change" },
      valueCell(d.standard_value, d.op === "added" ? "(not in the standard)" : "(none)"),
      h("span", { class: "arrow", "aria-label": "becomes", text: "→" }),
      valueCell(d.value, d.op === "removed" ? "(removed)" : "(none)"));
  }
  const waiver = (d) => (d.waived_by ? h("code", { text: d.waived_by }) : h("span", { class: "hint", text: "–" }));
  const severity = (d) => CLASSES.indexOf(d.class);
  const byDeviation = (a, b) => severity(a) - severity(b) || byText(a.file, b.file) || byText(a.path, b.path);

  function statsOf(selection) {
    if (selection.hospital && selection.kind) return cellOf.get(keyOf(selection.region, selection.hospital, selection.kind));
    if (selection.hospital) return hospitalOf.get(keyOf(selection.region, selection.hospital));
    return kindTotalOf.get(selection.kind);
  }

  function artifactCard(v) {
    const devs = (devsByFile.get(v.file) || []).slice().sort(byDeviation);
    const where = v.scope.department ? "department " + v.scope.department : v.scope.level + " level";
    const card = h("article", { class: "artifact" },
      h("h3", null, h("span", { text: v.kind + " " + v.artifact }), v.stale ? h("span", { class: "badge stale-flag", text: "stale copy" }) : null,
        h("span", { class: "hint", text: plural(devs.length, "deviation", "deviations") })),
      h("p", { class: "meta" }, (v.scope.hospital || "") + " · " + where + " · standard " + v.standard + " · " +
        plural(v.governed_fields, "governed field", "governed fields") + " · ", h("code", { text: v.file })));
    card.appendChild(h("table", { class: "list fixed" },
      h("caption", { class: "visually-hidden", text: "Deviations of " + v.kind + " " + v.artifact }),
      h("thead", null, h("tr", null,
        h("th", { scope: "col", class: "w-class", text: "Class" }),
        h("th", { scope: "col", class: "w-path", text: "Path" }),
        h("th", { scope: "col", text: "Standard → variant" }),
        h("th", { scope: "col", class: "w-waiver", text: "Waiver" }))),
      h("tbody", null, devs.map((d) => h("tr", null,
        h("td", null, badge(d.class)), h("td", { class: "path" }, h("code", { text: d.path })),
        h("td", null, change(d)), h("td", null, waiver(d)))))));
    return card;
  }

  function select(selection, focus) {
    const wanted = keyOf(selection.region || "", selection.hospital || "", selection.kind || "");
    for (const b of pressable) b.setAttribute("aria-pressed", b.dataset.sel === wanted ? "true" : "false");
    const stats = statsOf(selection);
    const variants = data.variants.filter((v) => v.scope.hospital &&
      (!selection.region || v.scope.region === selection.region) &&
      (!selection.hospital || v.scope.hospital === selection.hospital) &&
      (!selection.kind || v.kind === selection.kind));
    const score = (v) => weight(Object.fromEntries(CLASSES.map((c) =>
      [c, (devsByFile.get(v.file) || []).filter((d) => d.class === c).length])));
    variants.sort((a, b) => score(b) - score(a) || byText(a.file, b.file));
    const drifting = variants.filter((v) => devsByFile.has(v.file));
    const clean = variants.filter((v) => !devsByFile.has(v.file));
    const title = selection.hospital
      ? selection.hospital + " · " + (selection.kind || "all kinds")
      : selection.kind + " · all hospitals";
    $("drill-h").textContent = "Drill-down: " + title;
    const parts = [];
    if (stats) {
      parts.push(h("p", { class: "drill-stats" },
        selection.region ? h("span", null, "region ", h("b", { text: selection.region })) : null,
        h("span", null, h("b", { text: stats.variants }), " variants"),
        h("span", null, h("b", { text: stats.governed_fields }), " governed fields"),
        h("span", null, h("b", { text: total(stats.counts) }), " deviations"),
        h("span", null, "drift index ", h("b", { text: fmt(stats.index) })),
        CLASSES.filter((c) => stats.counts[c]).map((c) => h("span", null, badge(c), " " + stats.counts[c]))));
    }
    if (!drifting.length) parts.push(h("p", { class: "hint", text: "No deviations here." }));
    parts.push(...drifting.map(artifactCard));
    if (clean.length) {
      parts.push(h("details", { class: "clean" },
        h("summary", { text: plural(clean.length, "artifact", "artifacts") + " without deviations" }),
        h("ul", null, clean.map((v) => h("li", null, v.kind + " " + v.artifact + " ",
          h("span", { class: "hint", text: v.scope.department ? "(" + v.scope.department + ")" : "" }),
          v.stale ? h("span", { class: "badge stale-flag", text: "stale copy" }) : null)))));
    }
    $("drill-body").replaceChildren(...parts);
    $("drill-close").hidden = false;
    if (focus) {
      $("drill-h").focus({ preventScroll: true });
      $("drill").scrollIntoView({ block: "start" });
      try {
        history.replaceState(null, "", "#drill=" + [selection.region, selection.hospital, selection.kind]
          .map((p) => encodeURIComponent(p || "")).join("/"));
      } catch (e) { /* file: URLs may refuse; the link is a convenience only */ }
    }
  }

  function closeDrill() {
    for (const b of pressable) b.setAttribute("aria-pressed", "false");
    $("drill-h").textContent = "Drill-down";
    $("drill-body").replaceChildren(h("p", { class: "hint", text: "Nothing selected yet: select a cell in the heatmap." }));
    $("drill-close").hidden = true;
    try { history.replaceState(null, "", "#"); } catch (e) { /* see above */ }
  }

  // -- deviation list with filters ------------------------------------------------------------
  const rows = [];
  function buildDeviations() {
    const regionSelect = $("f-region");
    for (const r of regions) regionSelect.appendChild(h("option", { value: r, text: r }));
    const counts = {};
    for (const d of data.deviations) counts[d.class] = (counts[d.class] || 0) + 1;
    $("f-classes").replaceChildren(...CLASSES.map((c) => h("label", null,
      h("input", { type: "checkbox", value: c, checked: true, on: { change: applyFilters } }),
      badge(c), h("span", { class: "hint", text: "(" + (counts[c] || 0) + ")" }))));
    const body = h("tbody");
    for (const d of data.deviations.slice().sort(byDeviation)) {
      const s = d.scope;
      const where = [s.region, s.hospital, s.department].filter(Boolean).join(" / ");
      const row = h("tr", { class: "dev" },
        h("td", null, badge(d.class)),
        h("td", { text: where }),
        h("td", null, h("span", { text: d.kind + " " + d.artifact }), h("code", { class: "file", text: d.file })),
        h("td", { class: "path" }, h("code", { text: d.path })),
        h("td", null, change(d)),
        h("td", null, waiver(d)));
      rows.push({ row, d, text: [d.file, d.artifact, d.path].join("\n").toLowerCase() });
      body.appendChild(row);
    }
    const none = h("tr", { hidden: true }, h("td", { colspan: 6, class: "hint", text: "No deviation matches the filters." }));
    body.appendChild(none);
    rows.none = none;
    $("deviations").replaceChildren(
      h("caption", { class: "visually-hidden", text: "Every classified deviation, most serious class first" }),
      h("thead", null, h("tr", null, [["Class", "w-class"], ["Region / hospital / department", "w-where"],
        ["Artifact", "w-artifact"], ["Path", "w-path"], ["Standard → variant", null], ["Waiver", "w-waiver"]]
        .map(([t, c]) => h("th", { scope: "col", class: c, text: t })))),
      body);
    regionSelect.addEventListener("change", applyFilters);
    $("f-text").addEventListener("input", applyFilters);
    $("filters").addEventListener("submit", (e) => e.preventDefault());
    $("filters").addEventListener("reset", () => setTimeout(applyFilters, 0));
    applyFilters();
  }

  function applyFilters() {
    const region = $("f-region").value;
    const on = new Set([...$("f-classes").querySelectorAll("input:checked")].map((i) => i.value));
    const query = $("f-text").value.trim().toLowerCase();
    let shown = 0;
    for (const { row, d, text } of rows) {
      const ok = (!region || d.scope.region === region) && on.has(d.class) && (!query || text.includes(query));
      row.hidden = !ok;
      if (ok) shown += 1;
    }
    rows.none.hidden = shown !== 0;
    $("dev-count").textContent = "Showing " + shown + " of " + plural(rows.length, "deviation", "deviations") + ".";
  }

  // -- roll-up tables ------------------------------------------------------------------------
  function indexCell(index) {
    const swatch = paint(h("span", { class: "sw", "aria-hidden": "true" }), index);
    return h("td", { class: "n" }, h("span", { class: "idx" }, swatch, fmt(index)));
  }
  function rollupTable(id, items, labels) {
    const head = h("thead", null, h("tr", null,
      labels.map((l) => h("th", { scope: "col", text: l })),
      h("th", { scope: "col", class: "n", text: "Variants" }),
      h("th", { scope: "col", class: "n", text: "Governed fields" }),
      CLASSES.map((c) => h("th", { scope: "col", class: "n", title: c },
        h("span", { class: "badge c-" + c, "aria-hidden": "true", text: SHORT[c] || c }),
        h("span", { class: "visually-hidden", text: c }))),
      h("th", { scope: "col", class: "n", text: "Drift index" })));
    const body = h("tbody", null, items.map((r) => h("tr", null,
      r.key.map((part, i) => (i === r.key.length - 1 ? h("th", { scope: "row", text: part }) : h("td", { class: "nowrap", text: part }))),
      h("td", { class: "n", text: r.variants }),
      h("td", { class: "n", text: r.governed_fields }),
      CLASSES.map((c) => h("td", { class: r.counts[c] ? "n" : "n zero", text: r.counts[c] || 0 })),
      indexCell(r.index))));
    $(id).replaceChildren(head, body);
  }

  function fromHash() {
    const match = /^#drill=([^/]*)\/([^/]*)\/([^/]*)$/.exec(location.hash);
    if (!match) return;
    const [region, hospital, kind] = match.slice(1).map((p) => decodeURIComponent(p) || null);
    const selection = { region, hospital, kind };
    if (statsOf(selection)) select(selection, false);
  }

  buildSummary();
  buildHeatmap();
  buildDeviations();
  rollupTable("rollup-region", data.rollups.region, ["Region"]);
  rollupTable("rollup-department", data.rollups.department, ["Region", "Hospital", "Department"]);
  $("drill-close").addEventListener("click", closeDrill);
  fromHash();
  document.body.dataset.ready = "1";
})();
"""
