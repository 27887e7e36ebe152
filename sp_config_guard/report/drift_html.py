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

The page is in the language of the run (``--lang`` or the configuration): its own text is put
into the page from the catalog (``drift.html.*``, HTML-escaped) and the script gets the rest as
``labels`` in its JSON, with the number format (decimal and thousands marks) of the language;
``<html lang>`` says which. Hospitals and departments are shown by their names from the
``Department`` artifacts (codes beside them), artifacts by name (id beside them), and each
deviation in the words of ``spguard diff``, its JSONPath and values a click away.

The page shows a summary with the counts per class and a legend (from the catalog, in the
page's language), a heatmap hospital x kind coloured by drift index with row and column totals,
a drill-down for a cell, a hospital, a kind or a department (its address in the URL hash:
``#drill=REGION/HOSPITAL/KIND[/DEPARTMENT]``), the filterable list of deviations, the roll-up
per region, and the departments ranked by drift index (filterable, sortable). A roll-up on
fewer variants than ``min_variants`` is hatched and starred with a note; a header line gives
the provenance (time, commit, versions, fail-on). It reads at 800 px and prints to A4."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from importlib import resources
from typing import Any

from sp_config_guard.catalog import CATALOG
from sp_config_guard.drift.result import CLASSES, WEIGHTS, DriftResult
from sp_config_guard.messages import current_lang, t
from sp_config_guard.report.drift_report import FORMAT_VERSION, document, rollup_json

LABELS = (
    "drift.html.title",
    "drift.html.skip",
    "drift.html.heading",
    "drift.html.lede",
    "drift.html.noscript",
    "drift.html.summary",
    "drift.html.per_class",
    "drift.html.heatmap",
    "drift.html.heatmap_hint",
    "drift.html.drill",
    "drift.html.close",
    "drift.html.drill_empty",
    "drift.html.deviations",
    "drift.html.filter",
    "drift.html.region",
    "drift.html.all_regions",
    "drift.html.classes",
    "drift.html.search",
    "drift.html.search_example",
    "drift.html.reset",
    "drift.html.per_region",
    "drift.html.per_department",
    "drift.html.footer",
    "drift.html.footer_version",
    "drift.html.stat_variants",
    "drift.html.stat_deviations",
    "drift.html.stat_regions",
    "drift.html.stat_hospitals",
    "drift.html.stat_kinds",
    "drift.html.stat_stale",
    "drift.html.stat_index",
    "drift.html.variant_one",
    "drift.html.variant_many",
    "drift.html.deviation_one",
    "drift.html.deviation_many",
    "drift.html.file_one",
    "drift.html.file_many",
    "drift.html.artifact_one",
    "drift.html.artifact_many",
    "drift.html.governed_one",
    "drift.html.governed_many",
    "drift.html.problems",
    "drift.html.weight",
    "drift.html.index_heading",
    "drift.html.regionwide",
    "drift.html.cell_label",
    "drift.html.var",
    "drift.html.dev",
    "drift.html.heatmap_caption",
    "drift.html.corner",
    "drift.html.all_kinds",
    "drift.html.every_kind",
    "drift.html.all_hospitals",
    "drift.html.every_hospital",
    "drift.html.no_hospital_variants",
    "drift.html.region_of",
    "drift.html.no_variants",
    "drift.html.grand_label",
    "drift.html.scale",
    "drift.html.scale_range",
    "drift.html.not_in_standard",
    "drift.html.none",
    "drift.html.becomes",
    "drift.html.removed",
    "drift.html.department_of",
    "drift.html.level_of",
    "drift.html.stale_copy",
    "drift.html.standard_of",
    "drift.html.deviations_of",
    "drift.html.col_class",
    "drift.html.col_change",
    "drift.html.col_waiver",
    "drift.html.col_where",
    "drift.html.col_artifact",
    "drift.html.col_variants",
    "drift.html.col_governed",
    "drift.html.col_index",
    "drift.html.col_hospital",
    "drift.html.col_department",
    "drift.html.details",
    "drift.html.standard_to_variant",
    "drift.html.drill_title",
    "drift.html.drill_index",
    "drift.html.no_deviations_here",
    "drift.html.clean",
    "drift.html.no_match",
    "drift.html.list_caption",
    "drift.html.showing",
    "drift.html.decimal_mark",
    "drift.html.thousands_mark",
    "drift.html.name_violation",
    "drift.html.name_out_of_bounds",
    "drift.html.name_removed_standard_item",
    "drift.html.name_stale",
    "drift.html.name_adaptation",
    "drift.html.name_local_addition",
    "drift.html.name_waived",
    "drift.html.short_violation",
    "drift.html.short_out_of_bounds",
    "drift.html.short_removed_standard_item",
    "drift.html.short_stale",
    "drift.html.short_adaptation",
    "drift.html.short_local_addition",
    "drift.html.short_waived",
    "drift.html.prov_generated",
    "drift.html.prov_commit",
    "drift.html.prov_detached",
    "drift.html.prov_no_git",
    "drift.html.prov_tool",
    "drift.html.prov_rulesets",
    "drift.html.prov_fail_on",
    "drift.html.prov_fail_never",
    "drift.html.prov_small",
    "drift.html.sev_error",
    "drift.html.sev_warning",
    "drift.html.sev_info",
    "drift.html.small_note",
    "drift.html.small_legend",
    "drift.html.dept_hint",
    "drift.html.dept_showing",
    "drift.html.kind",
    "drift.html.col_rank",
    "drift.html.col_violations",
    "drift.html.col_stale",
    "drift.html.col_usage",
    "drift.html.divergences",
    "drift.html.divergences_hint",
    "drift.html.no_divergences",
    "drift.html.sort",
    "drift.html.sort_severity",
    "drift.html.sort_exposure",
    "drift.html.col_exposure",
    "drift.html.exposure_of",
    "drift.html.unknown",
    "drift.html.usage_of",
    "drift.html.usage_none",
)
"""The catalog keys of the page's own text (``@t.NAME@`` slots of page.html) and of the
labels its script shows (``meta.labels.NAME``); texts with ``{placeholders}`` are filled in by
the script."""
_PREFIX = "drift.html."
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
    the language of the run (the page's)."""
    return {
        "descriptions": {c: t(_LEGEND[c]) for c in CLASSES},
        "formula": t("drift.index_formula"),
        "local_note": t("drift.local_note"),
    }


def labels() -> dict[str, str]:
    """The page's texts in the language of the run, by name (``drift.html.NAME``), as the
    catalog has them: the script fills in their ``{placeholders}``."""
    lang = current_lang()
    return {key.removeprefix(_PREFIX): CATALOG[key][lang] for key in LABELS}


def meta(result: DriftResult) -> dict[str, Any]:
    """What the page needs besides the JSON document: its language, weights, legend, labels,
    column totals of the heatmap (per kind over all hospitals) and the grand total over all
    hospitals."""
    kind_totals = result.kind_totals()
    return {
        "format_version": FORMAT_VERSION,
        "lang": current_lang(),
        "weights": {c: WEIGHTS[c] for c in CLASSES},
        **legend(),
        "labels": labels(),
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


def render(result: DriftResult, trend: tuple[str, str, str] = ("", "", "")) -> str:
    """The report as one self-contained, deterministic HTML page in the language of the run;
    ``trend``: a section (HTML, every value escaped) put before the summary, and the script
    and style it needs, appended to the page's own (the drift history's chart)."""
    section, script, style = trend
    css, guard = asset("style.css") + style, asset("guard.js")
    main = asset("main.js") + script
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
    texts = labels()
    values = {
        "LANG": current_lang(),
        "POLICY": policy,
        "CSS": css,
        "GUARD": guard,
        "MAIN": main,
        "META": script_json(meta(result)),
        "DATA": script_json(document(result)),
        "TREND": section,
    }

    def slot(match: re.Match[str]) -> str:
        name = match.group(1)
        return html.escape(texts[name[2:]]) if name.startswith("t.") else values[name]

    # one pass: nothing substituted (the data least of all) is scanned for placeholders again
    return re.sub(r"@([A-Z]+|t\.[a-z_]+)@", slot, asset("page.html"))
