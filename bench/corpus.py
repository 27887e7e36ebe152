"""A deterministic, realistic configuration repository of any size, for benchmarks.

    python -m bench.corpus --artifacts 20000 --seed 1 --out /tmp/corpus-20k

The bundled example (examples/sp-config) is the template: its central standards are copied
into families of standards, and its local variants into variants of those standards spread
over synthetic hospitals and departments of both regions. About 5% of the scalar fields of
each variant are changed (as a department would: a change the schema rejects is not made), and a known set of violations is planted (listed in
``planted.json``). The same arguments give the same bytes."""

from __future__ import annotations

import argparse
import copy
import json
import random
from pathlib import Path
from typing import Any

from sp_config_guard.load.loader import iter_files, load_document
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.normalize.canonical import artifact_path, canonicalise, render

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sp-config"
CHANGE_RATE = 0.05


def _scalars(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _scalars(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _scalars(v, (*path, i))]
    return [path]


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _mutate(value: Any, rnd: random.Random) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value * 2 if value else 1
    return f"{value} (lokal)" if isinstance(value, str) else value


def _department(region: str, hospital: str, shak: str, n: int) -> dict[str, Any]:
    """The Department record of a synthetic department (the variants' scopes name it by its
    SHAK code; its hospital's code is the first four digits)."""
    return {
        "kind": "Department",
        "id": f"2019{n:04d}",
        "name": f"Medicinsk Afsnit {shak}",
        "scope": {"level": "hospital", "region": region, "hospital": hospital},
        "status": "active",
        "spec": {
            "sor_code": f"{n}1000016{n % 1000:03d}",
            "shak_code": shak,
            "hospital": hospital,
            "specialty": "intern medicin",
            "unit_type": "sengeafsnit",
        },
    }


def generate(artifacts: int, seed: int, out: Path) -> dict[str, Any]:
    """Write a corpus of ``artifacts`` artifacts to ``out``; return its description."""
    rnd = random.Random(seed)
    registry = default_registry()
    templates = [load_document(p, d).data for p, d in iter_files([EXAMPLE], EXAMPLE)]
    standards = [t for t in templates if t["scope"]["level"] == "central"]
    variants = [t for t in templates if t.get("derived_from") and t["scope"]["level"] != "user"]
    by_id = {(t["kind"], t["id"]): t for t in standards}
    variants = [v for v in variants if (v["kind"], v["derived_from"]["id"]) in by_id]
    families = max(1, artifacts // 20 // len(standards))
    hospitals = [
        (("hovedstaden", "sjaelland")[h % 2], f"hospital-{h:02d}", 1000 + h)
        for h in range(max(6, artifacts // 4000))
    ]
    written: list[str] = []
    planted: list[dict[str, Any]] = []

    def emit(data: dict[str, Any]) -> None:
        clean = canonicalise(data, registry.get(data["kind"]))
        path = out / artifact_path(clean)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(clean), encoding="utf-8")
        written.append(artifact_path(clean).as_posix())

    copies: dict[tuple[str, str], list[str]] = {}
    for family in range(families):
        for standard in standards:
            data = copy.deepcopy(standard)
            data["id"] = f"{standard['id']}{family:03d}" if family else standard["id"]
            copies.setdefault((standard["kind"], standard["id"]), []).append(data["id"])
            emit(data)
    index = 0
    departments: set[str] = set()
    while len(written) < artifacts:
        template = variants[index % len(variants)]
        region, hospital, code = hospitals[index // len(variants) % len(hospitals)]
        department = f"{code:04d}{(index // (len(variants) * len(hospitals))) % 1000:03d}"
        if department not in departments:  # its Department record, as a real repository has
            departments.add(department)
            emit(_department(region, hospital, department, len(departments)))
        data = copy.deepcopy(template)
        data["id"] = f"{template['id']}-{index}"
        data["scope"] = {
            "level": "department",
            "region": region,
            "hospital": hospital,
            "department": department,
        }
        family_ids = copies[(template["kind"], template["derived_from"]["id"])]
        data["derived_from"] = {
            **template["derived_from"],
            "id": family_ids[index % len(family_ids)],
        }
        leaves = _scalars(data.get("spec", {}), ("spec",))
        schema = registry.get(data["kind"]).fast_validator
        for leaf in leaves:
            if rnd.random() < CHANGE_RATE and leaf[-1] not in ("id", "medication", "template"):
                before = _get(data, leaf)
                _set(data, leaf, _mutate(before, rnd))
                if schema is not None and not schema.is_valid(data):
                    _set(data, leaf, before)  # a department's edit keeps the file valid
        if index % 97 == 0 and data["kind"] == "Medication":
            data["spec"]["high_alert"], data["spec"]["double_check"] = True, False
            planted.append({"file": None, "id": data["id"], "code": "MED001"})
        emit(data)
        if planted and planted[-1]["file"] is None:
            planted[-1]["file"] = written[-1]
        index += 1
    (out / "spguard.yaml").write_text("fail_on: error\nlang: en\n", encoding="utf-8")
    description = {
        "artifacts": len(written),
        "seed": seed,
        "hospitals": len(hospitals),
        "planted": planted,
    }
    (out / "planted.json").write_text(json.dumps(description, indent=2) + "\n", encoding="utf-8")
    return description


def main() -> None:
    """Command line: ``--artifacts N --seed S --out DIR``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    info = generate(args.artifacts, args.seed, args.out)
    print(f"wrote {info['artifacts']} artifacts to {args.out} ({len(info['planted'])} planted)")


if __name__ == "__main__":
    main()
