"""Reports of ``spguard drift --history``: ``json`` (versioned, ``driftHistory`` in
``schemas/report.schema.json``: a point per step with its commit, time in Europe/Copenhagen,
counts, and the roll-ups per region, hospital and department with the drift index; the total
over every region; the standard revisions released on the way as markers; the names of the
organisation and the provenance of the newest step), ``csv`` (one row per step and place) and
``text`` (a table of the steps with the index of each region, then the releases). The HTML
report is :mod:`sp_config_guard.report.history_html`.

A value from the repository (a region, hospital or department code) never starts a CSV cell
with ``=``, ``+``, ``-``, ``@`` or a tab: such a cell is prefixed with ``'``, so a spreadsheet
shows it and never runs it as a formula."""

from __future__ import annotations

import csv
import io
from typing import Any

from tabulate import tabulate

from sp_config_guard.drift.result import CLASSES, Rollup
from sp_config_guard.drift.trend import LEVELS, DriftHistory, Point, Release
from sp_config_guard.messages import inert, t
from sp_config_guard.report import jsontext
from sp_config_guard.report.drift_report import provenance_json, rollup_json

FORMAT_VERSION = 1


POINT_KEYS = ("key", "variants", "governed_fields", "counts", "index")


def point_rollup(r: Rollup) -> dict[str, Any]:
    """A roll-up of one step: of the drift report's roll-up, its place, variants, governed
    fields, counts and index."""
    return {key: value for key, value in rollup_json(r).items() if key in POINT_KEYS}


def point_json(p: Point) -> dict[str, Any]:
    """One step as the JSON document gives it."""
    return {
        "commit": p.commit,
        "date": p.date,
        "variants": p.variants,
        "deviations": p.deviations,
        "problems": p.problems,
        "total": point_rollup(p.total),
        "rollups": {level: [point_rollup(r) for r in p.rollups[level]] for level in LEVELS},
    }


def release_json(r: Release) -> dict[str, Any]:
    """A standard revision released: the step it was first seen at, and which standard."""
    return {
        "commit": r.commit,
        "date": r.date,
        "kind": r.kind,
        "standard": r.standard,
        "name": r.name,
        "revision": r.revision,
        "previous": r.previous,
        "file": r.file,
    }


def document(found: DriftHistory) -> dict[str, Any]:
    """The JSON document (also the data of the HTML report's chart)."""
    return {
        "version": FORMAT_VERSION,
        "report": "driftHistory",
        "range": {"spec": found.spec, "since": found.since, "every": found.every},
        "classes": list(CLASSES),
        "points": [point_json(p) for p in found.points],
        "releases": [release_json(r) for r in found.releases],
        "names": found.latest.names,
        "provenance": provenance_json(found.latest),
    }


def as_json(found: DriftHistory) -> str:
    """The versioned JSON form."""
    return jsontext.dumps(document(found), default=str)


COLUMNS = ("commit", "date", "level", "place", "variants", "governed_fields", *CLASSES, "index")


def _cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def as_csv(found: DriftHistory) -> str:
    """One row per step and place (the total first, then each region, hospital and
    department), the columns of :data:`COLUMNS`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for p in found.points:
        for level, items in (("total", (p.total,)), *((lv, p.rollups[lv]) for lv in LEVELS)):
            for r in items:
                place = _cell("/".join(r.key))
                counts = [r.counts[c] for c in CLASSES]
                row = [p.commit, p.date, level, place, r.variants, r.governed_fields, *counts]
                writer.writerow([*row, f"{r.index:.1f}"])
    return out.getvalue()


def text(found: DriftHistory) -> str:
    """The steps as a table (time, commit, variants, deviations, the index in total and per
    region), then the standard revisions released."""
    regions = sorted({r.key[0] for p in found.points for r in p.rollups["region"]})
    headers = [
        t("history.col.date"),
        t("history.col.commit"),
        t("drift.col.variants"),
        t("history.col.deviations"),
        t("history.col.total"),
        *(inert(region) for region in regions),
    ]
    rows = []
    for p in found.points:
        by_region = {r.key[0]: r for r in p.rollups["region"]}
        indexes = [f"{by_region[r].index:.1f}" if r in by_region else "" for r in regions]
        rows.append(
            [p.date, p.commit[:12], p.variants, p.deviations, f"{p.total.index:.1f}", *indexes]
        )
    parts = [tabulate(rows, headers, tablefmt="simple", disable_numparse=True)]
    if found.releases:
        lines = [t("history.releases_heading")]
        for r in found.releases:
            said = t(
                "history.release",
                date=r.date[:10],
                kind=r.kind,
                standard=r.standard,
                name=r.name,
                previous=r.previous or "-",
                revision=r.revision,
            )
            lines.append(f"- {inert(said)}")
        parts.append("\n".join(lines))
    parts.append(t("history.summary", steps=len(found.points), releases=len(found.releases)))
    return "\n\n".join(part.rstrip() for part in parts) + "\n"
