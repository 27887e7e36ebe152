"""The HTML report of ``spguard drift --history``: the drift report of the newest step
(:mod:`sp_config_guard.report.drift_html`) with a trend chart before its summary.

The chart is inline SVG made here (no external script, no library): the drift index over time
of every region and of all regions together, and of the hospital picked in the list beside it
(its line is drawn for every hospital and shown for the one selected); a dashed line with a
triangle marks a step at which a standard revision was released, its tooltip says which. Each
point is a ``circle`` carrying its series, commit and index (``data-series``, ``data-commit``,
``data-index``: the JSON's figures) and a tooltip in the language of the run, with its decimal
mark. Steps are placed by their commit time. Every value from the repository is HTML-escaped;
the script (``templates/drift/trend.js``) only toggles a class, and the page's policy covers it
by hash like the rest. The chart scales with the page and reads at 800 px."""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from sp_config_guard.drift.result import Rollup
from sp_config_guard.drift.trend import DriftHistory, Point, Release
from sp_config_guard.messages import t
from sp_config_guard.report.drift_html import asset
from sp_config_guard.report.drift_html import render as render_drift

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 52, 18, 26, 44
PALETTE = 6  # region colours (classes s0..s5 of trend.css)


def number(value: float) -> str:
    """An index to one decimal with the decimal mark of the run's language."""
    return f"{value:.1f}".replace(".", t("drift.html.decimal_mark"))


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _ceiling(top: float) -> tuple[float, float]:
    """(axis maximum, tick step) for values up to ``top``: at most 6 ticks."""
    for step in (0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top <= step * 6:
            return max(step, step * -(-top // step)), step
    return top, top / 6


def series(found: DriftHistory) -> list[tuple[str, str, str, list[tuple[Point, Rollup]]]]:
    """(id, label, hospital key or "", [(point, roll-up)]) of every line of the chart: all
    regions together, each region, each hospital."""
    names = found.latest.names["hospitals"]
    lines: list[tuple[str, str, str, list[tuple[Point, Rollup]]]] = [
        ("total", t("history.html.all"), "", [(p, p.total) for p in found.points])
    ]
    for level in ("region", "hospital"):
        keys = sorted({r.key for p in found.points for r in p.rollups[level]})
        for key in keys:
            place = "/".join(key)
            found_at = [(p, r) for p in found.points for r in p.rollups[level] if r.key == key]
            if level == "region":
                lines.append((f"region:{place}", key[0], "", found_at))
            else:
                label = names.get(key[1], {}).get("name") or key[1]
                lines.append((f"hospital:{place}", label, place, found_at))
    return lines


def _x_of(points: list[Point]) -> dict[str, float]:
    """The x of each step: by commit time (evenly when they are all at one time)."""
    times = [datetime.fromisoformat(p.date).timestamp() for p in points]
    span = max(times) - min(times)
    inner = WIDTH - LEFT - RIGHT
    if span <= 0 or len(points) == 1:
        return {p.commit: LEFT + inner * ((i + 0.5) / len(points)) for i, p in enumerate(points)}
    return {
        p.commit: LEFT + inner * (s - min(times)) / span for p, s in zip(points, times, strict=True)
    }


def chart(found: DriftHistory) -> str:
    """The chart's SVG."""
    lines = series(found)
    top = max((r.index for _, _, _, got in lines for _, r in got), default=0.0)
    ymax, step = _ceiling(max(top, 0.5))
    inner = HEIGHT - TOP - BOTTOM
    x_of = _x_of(found.points)

    def y_of(value: float) -> float:
        return TOP + inner * (1 - value / ymax)

    first, last = found.points[0], found.points[-1]
    label = t(
        "history.html.chart_label",
        steps=len(found.points),
        first=first.date[:10],
        last=last.date[:10],
    )
    out = [
        f'<svg id="trend-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{_e(label)}"'
        ' xmlns="http://www.w3.org/2000/svg">'
    ]
    ticks = round(ymax / step)
    for n in range(ticks + 1):
        y = y_of(n * step)
        out.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        out.append(
            f'<text class="ytick" x="{LEFT - 6}" y="{y + 4:.1f}">{_e(number(n * step))}</text>'
        )
    shown = _date_ticks(found.points)
    for n, p in enumerate(shown):  # the first and the last kept inside the chart
        anchor = "start" if n == 0 else "end" if n == len(shown) - 1 else "middle"
        anchor = "middle" if len(shown) == 1 else anchor
        out.append(
            f'<text class="xtick" x="{x_of[p.commit]:.1f}" y="{HEIGHT - BOTTOM + 18}"'
            f' text-anchor="{anchor}">'
            f"{_e(p.date[:10])}</text>"
        )
    axis = t("history.html.axis")
    out.append(
        f'<text class="axis" x="12" y="{TOP + inner / 2:.1f}" transform="rotate(-90 12 {TOP + inner / 2:.1f})">{_e(axis)}</text>'
    )
    out += _markers(found.releases, x_of)
    regions = 0
    for ident, name, hospital, got in lines:
        if hospital:
            cls, extra = "hosp off", f' data-hospital="{_e(hospital)}"'
        elif ident == "total":
            cls, extra = "total", ""
        else:
            cls, extra = f"s{regions % PALETTE}", ""
            regions += 1
        out.append(f'<g class="series {cls}" data-series="{_e(ident)}"{extra}>')
        path = " ".join(f"{x_of[p.commit]:.1f},{y_of(r.index):.1f}" for p, r in got)
        out.append(f'<polyline points="{path}"/>')
        for p, r in got:
            tip = t("history.html.point", date=p.date[:10], series=name, index=number(r.index))
            out.append(
                f'<circle class="pt" cx="{x_of[p.commit]:.1f}" cy="{y_of(r.index):.1f}" r="3.5"'
                f' data-series="{_e(ident)}" data-commit="{_e(p.commit)}"'
                f' data-index="{r.index}"><title>{_e(tip)}</title></circle>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def _date_ticks(points: list[Point]) -> list[Point]:
    """At most 5 steps to label on the time axis: the first, the last and some between."""
    if len(points) <= 5:
        return points
    picks = sorted({round(i * (len(points) - 1) / 4) for i in range(5)})
    return [points[i] for i in picks]


def _markers(releases: list[Release], x_of: dict[str, float]) -> list[str]:
    """A dashed line and a triangle at each step with releases; the tooltip lists them."""
    by_step: dict[str, list[Release]] = {}
    for r in releases:
        by_step.setdefault(r.commit, []).append(r)
    out = []
    for commit, items in by_step.items():
        x = x_of[commit]
        said = "; ".join(
            t(
                "history.html.release",
                kind=r.kind,
                standard=r.standard,
                name=r.name,
                revision=r.revision,
            )
            for r in items
        )
        out.append(
            f'<g class="release" data-commit="{_e(commit)}" data-releases="{len(items)}">'
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP - 8}" y2="{HEIGHT - BOTTOM}"/>'
            f'<path d="M{x - 6:.1f},{TOP - 16} L{x + 6:.1f},{TOP - 16} L{x:.1f},{TOP - 6} Z"/>'
            f"<title>{_e(said)}</title></g>"
        )
    return out


def section(found: DriftHistory) -> str:
    """The trend section: heading, the hospital list, the chart and its legend."""
    lines = series(found)
    options = "".join(
        f'<option value="{_e(hospital)}">{_e(name)}</option>'
        for _, name, hospital, _ in sorted(
            (line for line in lines if line[2]), key=lambda line: (line[1], line[2])
        )
    )
    legend, regions = [], 0
    for ident, name, hospital, _ in lines:
        if hospital:
            continue
        cls = "total" if ident == "total" else f"s{regions % PALETTE}"
        regions += ident != "total"
        legend.append(f'<li><span class="sw {cls}"></span>{_e(name)}</li>')
    legend.append(
        '<li id="trend-picked" class="off"><span class="sw hosp"></span><span></span></li>'
    )
    return (
        '<section id="trend" aria-labelledby="trend-h">'
        '<div class="section-head">'
        f'<h2 id="trend-h">{_e(t("history.html.heading"))}</h2>'
        f'<div class="field"><label for="trend-hospital">{_e(t("history.html.hospital"))}</label> '
        f'<select id="trend-hospital"><option value="">{_e(t("history.html.no_hospital"))}</option>'
        f"{options}</select></div></div>"
        f'<p class="hint">{_e(t("history.html.hint"))}</p>'
        f'<div class="trend-box">{chart(found)}</div>'
        f'<ul class="trend-legend">{"".join(legend)}</ul>'
        "</section>\n"
    )


def render(found: DriftHistory) -> str:
    """The newest step's drift report with the trend chart, one self-contained page."""
    return render_drift(found.latest, (section(found), asset("trend.js"), asset("trend.css")))
