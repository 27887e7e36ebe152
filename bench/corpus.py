"""A deterministic, realistic configuration repository of any size, for benchmarks.

    python -m bench.corpus --artifacts 20000 --seed 1 --out /tmp/corpus-20k
    python -m bench.corpus --stats /tmp/corpus-20k    # files, lines, distinct-line ratio

The bundled example (examples/sp-config) is the template: its central standards are copied
into families of standards, and its local variants into variants of those standards spread
over the hospitals of both regions, in departments of 6-18 variants each, every department
with its Department record (synthetic SHAK and SOR codes in the real formats, Danish unit
names, phone, mailbox, location). About 5% of the scalar fields of each variant are changed
as a department would (a dose scaled, a flag flipped, a text given a local reference; a
change the schema rejects is not made); each variant has its department as owner, often a
local suffix to its name, its own usage figures and the export's record data in ``meta``
(record id, change ticket, last change and a build user id; never a person's name or a CPR
number). A known set of violations is planted (listed in ``planted.json``). The same
arguments give the same bytes.

How repetitive the text is matters to the canonical reader, which remembers lines: the
example has 10.0% distinct lines (411 files, normalised from examples/exports as the README's
first command does), this corpus 8.8% at 20,000 artifacts (seed 1) and 10.8% at 2,000; the
corpus before had 2.0% at 20,000."""

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


# Local edits a department makes to a string field: small, specific, often dated.
_EDITS = (
    "{v} (lokal)",
    "{v}, jf. lokal instruks {n}",
    "{v} - aftalt med overlæge {d}",
    "{v}; revideret {d}",
    "{v} (afsnit {n})",
    "Lokal praksis: {v}",
)
_FACTORS = (0.5, 0.75, 1.25, 1.5, 2)


def _mutate(value: Any, rnd: random.Random) -> Any:
    """A plausible local edit of a scalar: a flipped flag, a dose or limit scaled as a department
    would, a text reworded with a local reference."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        changed = max(1, round(value * rnd.choice(_FACTORS)))
        return changed if changed != value else value + 1
    if isinstance(value, float):
        changed = round(value * rnd.choice(_FACTORS), 1)
        return changed if changed != value else value + 0.5
    if isinstance(value, str):
        edit = rnd.choice(_EDITS)
        return edit.format(v=value, n=rnd.randint(1, 400), d=_date(rnd, 2024))
    return value


def _date(rnd: random.Random, first_year: int = 2026) -> str:
    """A date from ``first_year`` to October 2026."""
    year = rnd.randint(first_year, 2026)
    month = rnd.randint(1, 10) if year == 2026 else rnd.randint(1, 12)
    return f"{year}-{month:02d}-{rnd.randint(1, 28):02d}"


# The hospitals of both regions: (region, slug, name, SHAK hospital code, SOR code, mail
# prefix, phone prefix, where its departments are). Codes are synthetic, in the real formats.
HOSPITALS = (
    ("hovedstaden", "rigshospitalet", "Rigshospitalet", 1301, "265161000016000", "rh", "35 45",
     ("Opgang 2", "Opgang 3", "Opgang 5", "Opgang 7", "Juliane Marie Centret")),
    ("sjaelland", "sjaellands-universitetshospital", "Sjællands Universitetshospital", 3800,
     "395311000016003", "suh", "47 32", ("Roskilde, afsnit", "Køge, bygning", "Roskilde, indgang")),
    ("hovedstaden", "herlev-gentofte", "Herlev og Gentofte Hospital", 1516, "264831000016005",
     "hgh", "38 68", ("Herlev", "Gentofte, opgang", "Herlev, sydfløj")),
    ("sjaelland", "holbaek-sygehus", "Holbæk Sygehus", 3750, "395441000016009", "hol", "59 48",
     ("Smedelundsgade, bygning", "Holbæk, indgang")),
    ("hovedstaden", "hvidovre", "Hvidovre Hospital", 1330, "264801000016007", "hvh", "38 62",
     ("Afsnit", "Indgang", "Opgang")),
    ("sjaelland", "nykoebing-f-sygehus", "Nykøbing F. Sygehus", 3970, "395621000016001", "nyk",
     "54 88", ("Fjordvej", "Bygning")),
    ("hovedstaden", "bispebjerg-frederiksberg", "Bispebjerg og Frederiksberg Hospital", 1309,
     "264461000016002", "bfh", "38 63", ("Bispebjerg, bygning", "Frederiksberg, afsnit")),
    ("sjaelland", "slagelse-sygehus", "Slagelse Sygehus", 4202, "395781000016004", "sla",
     "58 55", ("Ingemannsvej", "Slagelse, indgang")),
    ("hovedstaden", "nordsjaellands-hospital", "Nordsjællands Hospital", 1401, "264541000016008",
     "noh", "48 29", ("Hillerød, opgang", "Frederikssund, bygning")),
    ("sjaelland", "naestved-sygehus", "Næstved Sygehus", 3804, "395351000016006", "nae",
     "56 51", ("Ringstedgade, bygning", "Næstved, indgang")),
    ("hovedstaden", "amager-hospital", "Amager Hospital", 1351, "264621000016002", "amh",
     "38 62", ("Italiensvej, opgang",)),
    ("hovedstaden", "bornholms-hospital", "Bornholms Hospital", 4001, "264911000016009", "boh",
     "38 67", ("Rønne, afsnit",)),
)  # fmt: skip
SPECIALTIES = (
    ("intern medicin", "Medicinsk"), ("kardiologi", "Kardiologisk"), ("onkologi", "Onkologisk"),
    ("ortopædkirurgi", "Ortopædkirurgisk"), ("pædiatri", "Børne- og Unge"),
    ("gynækologi og obstetrik", "Gynækologisk-Obstetrisk"), ("neurologi", "Neurologisk"),
    ("geriatri", "Geriatrisk"), ("lungemedicin", "Lungemedicinsk"), ("nefrologi", "Nefrologisk"),
    ("gastroenterologi", "Gastroenterologisk"), ("endokrinologi", "Endokrinologisk"),
    ("hæmatologi", "Hæmatologisk"), ("infektionsmedicin", "Infektionsmedicinsk"),
    ("urologi", "Urologisk"), ("anæstesiologi", "Anæstesiologisk"), ("akutmedicin", "Akut"),
)  # fmt: skip
UNIT_TYPES = (
    ("sengeafsnit", "Sengeafsnit"), ("ambulatorium", "Ambulatorium"),
    ("dagafsnit", "Dagafsnit"), ("akutmodtagelse", "Akutmodtagelse"),
)  # fmt: skip


# The master file of each kind in the exporting system, for the record ids in ``meta``.
_MASTER = {
    "DecisionRule": "BPA", "DocumentationTemplate": "ETX", "EarlyWarningScore": "FLO",
    "Medication": "ERX", "Navigator": "VCN", "OrderSet": "SSC", "PreferenceList": "LPP",
    "PrintGroup": "LPG", "ProfileSetting": "LSD", "VisitType": "PRC",
}  # fmt: skip


def _meta(meta: dict[str, Any], unit: _Unit, kind: str, rnd: random.Random) -> dict[str, Any]:
    """A department copy's export data: its region's export job, and the record's own id and
    last change (its change ticket, and a build user id, never a person's name)."""
    domain = "RH" if unit.region == "hovedstaden" else "RSJ"
    source = str(meta.get("source", f"{unit.region}/export.csv"))
    return {
        **meta,
        "exported_by": f"{domain}\\svc_spexport",
        "source": f"{unit.region}/{source.split('/', 1)[-1]}",
        "record": f"{_MASTER.get(kind, 'REC')} {rnd.randint(10**6, 10**8)}",
        "changed_at": f"{_date(rnd, 2025)}T{rnd.randint(6, 22):02d}:{rnd.randint(0, 59):02d}:"
        f"{rnd.randint(0, 59):02d}+01:00",
        "changed_by": f"{domain}\\kb{rnd.randint(1000, 1400)}",
        "change": f"CHG{rnd.randint(10**6, 10**7 - 1)}",
    }


class _Unit:
    """A synthetic department: its SHAK code, names and Department record."""

    def __init__(self, n: int, hospital: tuple[Any, ...], local: int, rnd: random.Random) -> None:
        region, slug, hospital_name, code, hospital_sor, mail, phone, places = hospital
        specialty, adjective = SPECIALTIES[rnd.randrange(len(SPECIALTIES))]
        unit_type, unit_word = UNIT_TYPES[0 if rnd.random() < 0.5 else rnd.randrange(4)]
        letter, section = "ABCDEFGHJKLMNOPRSTUV"[local % 20], rnd.randint(1, 9)
        self.region, self.hospital, self.shak = region, slug, f"{code:04d}{local:03d}"
        self.owner = f"{adjective} {unit_word} {rnd.randint(1000, 9999)}"
        self.short = f"{adjective[:3].upper()} {letter}{section}"
        self.record = {
            "kind": "Department",
            "id": f"2019{n:04d}",
            "name": f"{adjective} Afdeling {letter}, {unit_word} {letter}{section}",
            "scope": {"level": "hospital", "region": region, "hospital": slug},
            "status": "active",
            "owner": f"{hospital_name}, Organisation og Data",
            "spec": {
                "sor_code": f"{rnd.randint(100, 999)}{n:04d}1000016{rnd.randint(0, 999):03d}",
                "shak_code": self.shak,
                "hospital": slug,
                "hospital_sor": hospital_sor,
                "hospital_name": hospital_name,
                "specialty": specialty,
                "unit_type": unit_type,
                "contact": {
                    "phone": f"{phone} {rnd.randint(10, 99)} {rnd.randint(0, 99):02d}",
                    "email": f"{mail}-{self.shak}@region{'h' if region == 'hovedstaden' else region}.dk",
                    "location": f"{places[rnd.randrange(len(places))]} {rnd.randint(1, 80)}, "
                    + ("stuen" if rnd.random() < 0.2 else f"{rnd.randint(1, 14)}. sal"),
                },
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
    hospitals = HOSPITALS[: max(6, min(len(HOSPITALS), artifacts // 1500))]
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
    index, left, started = 0, 0, 0
    units: dict[str, _Unit] = {}
    unit: _Unit | None = None
    while len(written) < artifacts:
        template = variants[index % len(variants)]
        if unit is None or left == 0:  # the next department takes the next run of variants
            number, started = started, started + 1
            hospital = hospitals[number % len(hospitals)]
            local = 11 + number // len(hospitals) % 989
            shak = f"{hospital[3]:04d}{local:03d}"
            unit = units.get(shak)
            if unit is None:  # its Department record, as a real repository has
                unit = units[shak] = _Unit(len(units) + 1, hospital, local, rnd)
                emit(unit.record)
                if len(written) >= artifacts:
                    break
            left = rnd.randint(6, 18)
        left -= 1
        data = copy.deepcopy(template)
        data["id"] = f"{template['id']}-{index}"
        data["scope"] = {
            "level": "department",
            "region": unit.region,
            "hospital": unit.hospital,
            "department": unit.shak,
        }
        data["owner"] = unit.owner
        if rnd.random() < 0.6:
            data["name"] = f"{template['name']} - {unit.short}"
        data["meta"] = _meta(data.get("meta", {}), unit, data["kind"], rnd)
        if "usage" in data:
            data["usage"] = {
                "uses_90d": int(rnd.lognormvariate(4.5, 1.3)),
                "last_used": f"2026-{rnd.choice((9, 10, 10)):02d}-{rnd.randint(1, 30):02d}",
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


def stats(folder: Path) -> dict[str, Any]:
    """How repetitive the artifact files of a folder are: files, lines, distinct lines and their
    share (the line memory of the canonical reader is only as good as this share is low)."""
    files = [p for p in sorted(folder.rglob("*.yaml")) if p.name != "spguard.yaml"]
    lines = [line for p in files for line in p.read_text(encoding="utf-8").splitlines()]
    distinct = len(set(lines))
    return {
        "files": len(files),
        "lines": len(lines),
        "distinct": distinct,
        "ratio": round(distinct / len(lines), 4) if lines else 0.0,
    }


def main() -> None:
    """Command line: ``--artifacts N --seed S --out DIR``, or ``--stats DIR``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--stats", type=Path, metavar="DIR", help="distinct-line ratio of DIR")
    args = parser.parse_args()
    if args.stats is not None:
        info = stats(args.stats)
        print(
            f"{args.stats}: {info['files']} files, {info['lines']} lines, {info['distinct']} "
            f"distinct ({info['ratio']:.1%})"
        )
        return
    if args.out is None:
        parser.error("--out DIR is required (or --stats DIR)")
    info = generate(args.artifacts, args.seed, args.out)
    print(f"wrote {info['artifacts']} artifacts to {args.out} ({len(info['planted'])} planted)")


if __name__ == "__main__":
    main()
