"""Reports of ``spguard drift``: ``text`` (tables), ``markdown`` (a PR or status comment) and
``json`` (versioned: variants with their names, deviations with their wording as ``spguard diff``
words a change, roll-ups per region, hospital and department (and per hospital and department by kind),
``provenance`` (time, git commit and branch, versions, fail-on, the small-number bound), ``names`` of hospitals and
departments from the ``Department`` artifacts, ``divergences``: the governed fields on which the
copies of a standard split by region or hospital, with each group's value counts and the copies
the uniformity rules report, and ``problems``: the files that could not be read or are invalid,
as ``spguard diff`` gives them).

Every value in text is :func:`~sp_config_guard.messages.inert` (one inert line), and in Markdown
escaped as the lint Markdown report escapes it (no raw HTML, links or markup from values)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from tabulate import tabulate

from sp_config_guard.drift.result import (
    CLASS_KEYS,
    CLASSES,
    Deviation,
    Divergence,
    DriftResult,
    Rollup,
    Variant,
    by_exposure,
    class_name,
    deviation_order,
)
from sp_config_guard.messages import inert, t
from sp_config_guard.model.places import value_words
from sp_config_guard.report import jsontext
from sp_config_guard.report.markdown import code_cell, escape

FORMAT_VERSION = 2  # 2: each variant and deviation on one line (jsontext rows)
_SERIOUS = ("violation", "out-of-bounds", "removed-standard-item")


def place_name(result: DriftResult, key: tuple[str, ...]) -> str:
    """A roll-up's place as the HTML report names it: a region by its slug, a hospital by its
    name, a department by its name with its SHAK code beside it (a code without a name as it
    is, from the ``Department`` artifacts)."""
    if len(key) == 1:
        return key[0]
    if len(key) == 2:
        return result.names["hospitals"].get(key[1], {}).get("name") or key[1]
    name = result.names["departments"].get(key[2], {}).get("name")
    return f"{name} ({key[2]})" if name else key[2]


def _rows(
    result: DriftResult, items: list[Rollup], cell: Callable[[str], str] = inert
) -> list[list[Any]]:
    return [
        [
            cell(place_name(result, r.key)),
            r.variants,
            *(r.counts[c] for c in CLASSES),
            f"{r.index:.1f}",
            r.exposure,
            r.exposure_unknown,
        ]
        for r in items
    ]


_LEVELS = {
    "region": "drift.col.region",
    "hospital": "drift.col.hospital",
    "department": "drift.col.department",
}
_DEVIATION_COLUMNS = (
    "drift.col.file",
    "drift.col.class",
    "pr.col.change",
    "drift.col.standard",
    "drift.col.variant",
    "drift.col.uses",
    "drift.col.exposure",
)


def _rollup_table(
    result: DriftResult, level: str, tablefmt: str, cell: Callable[[str], str] = inert
) -> str:
    """The roll-ups at ``level`` as one table, each key made safe by ``cell``."""
    items = result.rollups(level)
    rows = _rows(result, by_exposure(items) if result.sort == "exposure" else items, cell)
    return tabulate(rows, _headers(level), tablefmt=tablefmt, disable_numparse=True)


def _headers(level: str) -> list[str]:
    columns = [t(_LEVELS[level]), t("drift.col.variants")]
    return [
        *columns,
        *(t(CLASS_KEYS[c][1]) for c in CLASSES),
        t("drift.col.index"),
        t("drift.col.exposure"),
        t("drift.col.unknown"),
    ]


def _deviation_headers() -> list[str]:
    return [t(key) for key in _DEVIATION_COLUMNS]


def _deviation_rows(
    result: DriftResult, cell: Callable[[str], str] = inert, classes: tuple[str, ...] = CLASSES
) -> list[list[str]]:
    return [
        [
            *(
                cell(c)
                for c in (
                    d.file,
                    class_name(d.cls),
                    _value(d.text or d.path),
                    _value(d.standard_value),
                    _value(d.value),
                )
            ),
            *_usage_cells(d),
        ]
        for d in deviation_order(result)
        if d.cls in classes
    ]


def _usage_cells(d: Deviation) -> list[str]:
    """Uses in 90 days and exposure of a deviation, "unknown" when its variant has no usage."""
    if d.uses_90d is None:
        return [t("drift.unknown"), t("drift.unknown")]
    return [str(d.uses_90d), str(d.exposure)]


def problem_lines(result: DriftResult) -> list[str]:
    """``file:line:column: CODE message`` of every file that could not be read or is invalid."""
    return [inert(str(problem)) for problem in result.problems]


def _value(value: Any) -> str:
    """A value in a table cell as a reviewer says it (an item by its identity and name, a
    quantity as "40 mg", never JSON), cut at 60 characters."""
    text = value if isinstance(value, str) else value_words(value)
    return text if len(text) <= 60 else text[:57] + "..."


def text(result: DriftResult) -> str:
    """Roll-up tables per region, hospital and department, then every deviation."""
    parts = [
        _rollup_table(result, level, "simple") for level in ("region", "hospital", "department")
    ]
    if result.deviations:
        parts.append(
            tabulate(
                _deviation_rows(result),
                _deviation_headers(),
                tablefmt="simple",
                disable_numparse=True,
            )
        )
    if result.divergences:
        parts.append(_divergence_lines(result, inert))
    parts.append(
        t("summary.drift", variants=len(result.variants), deviations=len(result.deviations))
    )
    return "\n\n".join(p.rstrip() for p in parts) + "\n"


def _divergence_lines(result: DriftResult, cell: Callable[[str], str]) -> str:
    """The divergence section: a heading, then one line per divergent field."""
    lines = [t("drift.divergence.heading", count=len(result.divergences))]
    for d in result.divergences:
        said = f"{d.kind} {d.standard} ({d.standard_name}): {d.text}"
        lines.append(f"- {cell(said)}")
    return "\n".join(lines)


def markdown(result: DriftResult) -> str:
    """Roll-ups as Markdown tables, then the deviations that need attention."""
    parts = ["### spguard drift"]
    if result.problems:
        lines = (" ".join(line.split()) for line in problem_lines(result))
        parts.append("\n".join(f"- :warning: {code_cell(line)}" for line in lines))
    parts += [_rollup_table(result, level, "github", escape) for level in ("region", "hospital")]
    serious = _deviation_rows(result, escape, _SERIOUS)
    if serious:
        parts.append(tabulate(serious, _deviation_headers(), tablefmt="github"))
    if result.divergences:
        parts.append(_divergence_lines(result, escape))
    parts.append(
        t("summary.drift_md", variants=len(result.variants), deviations=len(result.deviations))
    )
    return "\n\n".join(parts) + "\n"


def document(result: DriftResult, lazy: bool = False) -> dict[str, Any]:
    """The JSON document (also the data behind the HTML report); ``lazy``: its variants and
    deviations as iterators, each made as it is written (:func:`json_pieces`)."""
    variants = map(variant_json, result.variants)
    deviations = map(deviation_json, result.deviations)
    return {
        "version": FORMAT_VERSION,
        "problems": [str(problem) for problem in result.problems],
        "classes": list(CLASSES),
        "variants": variants if lazy else list(variants),
        "deviations": deviations if lazy else list(deviations),
        "names": result.names,
        "divergences": [divergence_json(d) for d in result.divergences],
        "rollups": {
            level: [rollup_json(r) for r in result.rollups(level)]
            for level in ("region", "hospital", "department")
        }
        | {
            f"{level}_kind": [rollup_json(r) for r in result.rollups(level, by_kind=True)]
            for level in ("hospital", "department")
        }
        | {"kind": [rollup_json(r) for r in result.kind_totals()]},
        "provenance": provenance_json(result),
    }


def variant_json(v: Variant) -> dict[str, Any]:
    """A variant as the JSON document gives it."""
    return v.__dict__ | {"scope": dict(v.scope)}


def deviation_json(d: Deviation) -> dict[str, Any]:
    """A deviation as the JSON document gives it."""
    return {
        "file": d.file,
        "kind": d.kind,
        "artifact": d.artifact,
        "standard": d.standard,
        "scope": dict(d.scope),
        "class": d.cls,
        "path": d.path,
        "contract": d.contract,
        "op": d.op,
        "standard_value": d.standard_value,
        "value": d.value,
        "waived_by": d.waived_by,
        "text": d.text,
        "uses_90d": d.uses_90d,
        "exposure": d.exposure,
    }


def provenance_json(result: DriftResult) -> dict[str, Any]:
    """Where the result comes from (see ``schemas/report.schema.json``, ``driftProvenance``)."""
    p = result.provenance
    return {
        "generated_at": p.generated_at,
        "tool": {"name": "spguard", "version": p.tool_version},
        "git": {"commit": p.commit, "branch": p.branch} if p.commit else None,
        "rulesets": [{"name": name, "version": version} for name, version in p.rulesets],
        "fail_on": {"drift": result.fail_on, "lint": p.lint_fail_on},
        "min_variants": result.min_variants,
    }


def divergence_json(d: Divergence) -> dict[str, Any]:
    """A divergence as the JSON document (and the HTML report) gives it."""
    return {
        "level": d.level,
        "kind": d.kind,
        "standard": d.standard,
        "standard_file": d.standard_file,
        "standard_name": d.standard_name,
        "path": d.path,
        "where": d.where,
        "contract": d.contract,
        "standard_value": d.standard_value,
        "groups": [
            {
                "key": g.key,
                "name": g.name,
                "region": g.region,
                "copies": g.copies,
                "counts": [{"value": value, "copies": n} for value, n in g.counts],
                "dominant": g.counts[0][0] if g.dominant else None,
                "counts_toward_split": g.dominant,
            }
            for g in d.groups
        ],
        "files": list(d.files),
        "text": d.text,
    }


def rollup_json(r: Rollup) -> dict[str, Any]:
    """A roll-up as the JSON document (and the HTML report) gives it."""
    return {
        "key": list(r.key),
        "variants": r.variants,
        "governed_fields": r.governed_fields,
        "counts": dict(r.counts),
        "index": r.index,
        "exposure": r.exposure,
        "exposure_unknown": r.exposure_unknown,
        "uses_90d": r.uses_90d,
        "usage_unknown": r.usage_unknown,
    }


def as_json(result: DriftResult) -> str:
    """The versioned JSON form."""
    return "".join(json_pieces(result))


def json_pieces(result: DriftResult) -> Iterator[str]:
    """The text of :func:`as_json`, a piece at a time (written as it is made: no variant or
    deviation is held as JSON data longer than its line takes)."""
    made = document(result, lazy=True)
    return jsontext.pieces(made, default=str, rows=("variants", "deviations"))
