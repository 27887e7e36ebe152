#!/usr/bin/env python3
"""Generate the synthetic example exports, mapping profiles and planted deviations.

Everything here is made up: no real patients, staff or build. The script is deterministic
(fixed seed, fixed export timestamps) and needs only the standard library and PyYAML.

    python examples/generate.py            # writes examples/exports, examples/profiles,
                                           # examples/planted.yaml and examples/README.md
    python examples/generate.py --truth F  # also writes the intended canonical artifacts (JSON)

The script first builds every artifact in canonical shape (the "truth"), plants the
deviations into some local variants, and then renders each artifact into a vendor-shaped,
deliberately messy export. The mapping profiles turn the exports back into the truth.
"""
from __future__ import annotations

import argparse
import copy
import csv
import io
import json
import pathlib
import random
import re
import shutil
import xml.etree.ElementTree as ET

import yaml

HERE = pathlib.Path(__file__).resolve().parent
KIND_SCHEMAS = HERE.parent / "schemas" / "kinds"
SEED = 20261101
RNG = random.Random(SEED)

# ---------------------------------------------------------------------------
# Organisation: regions, hospitals, departments
# ---------------------------------------------------------------------------

REGIONS = {
    "hovedstaden": {"name": "Region Hovedstaden", "code": "1084"},
    "sjaelland": {"name": "Region Sjælland", "code": "1085"},
}

# slug: (region, display name, SHAK hospital code, hospital SOR code, short code)
HOSPITALS = {
    "rigshospitalet": ("hovedstaden", "Rigshospitalet", "1301", "265161000016000", "RH"),
    "herlev-gentofte": ("hovedstaden", "Herlev og Gentofte Hospital", "1516", "264831000016005", "HGH"),
    "bispebjerg-frederiksberg": ("hovedstaden", "Bispebjerg og Frederiksberg Hospital", "1309", "264461000016002", "BFH"),
    "hvidovre": ("hovedstaden", "Hvidovre Hospital", "1330", "264801000016007", "HVH"),
    "sjaellands-universitetshospital": ("sjaelland", "Sjællands Universitetshospital", "3800", "395441000016009", "SUH"),
    "holbaek-sygehus": ("sjaelland", "Holbæk Sygehus", "3750", "395311000016003", "HOL"),
    "nykoebing-f-sygehus": ("sjaelland", "Nykøbing F. Sygehus", "3970", "395621000016001", "NYK"),
    "slagelse-sygehus": ("sjaelland", "Slagelse Sygehus", "4202", "395781000016004", "SLA"),
}

# SHAK, hospital, name, specialty, unit type, phone, location
DEPARTMENTS = [
    ("1301011", "rigshospitalet", "Kardiologisk Klinik, Sengeafsnit 2143", "kardiologi", "sengeafsnit", "35 45 21 43", "Opgang 2, 14. etage"),
    ("1301012", "rigshospitalet", "Kardiologisk Ambulatorium 2014", "kardiologi", "ambulatorium", "35 45 20 14", "Opgang 2, 1. etage"),
    ("1301041", "rigshospitalet", "Nefrologisk Klinik, Sengeafsnit P", "nefrologi", "sengeafsnit", "35 45 21 06", "Opgang 2, 11. etage"),
    ("1301061", "rigshospitalet", "Onkologisk Dagafsnit 5073", "onkologi", "dagafsnit", "35 45 50 73", "Opgang 5, 7. etage"),
    ("1301081", "rigshospitalet", "Neurologisk Klinik, Sengeafsnit 2082", "neurologi", "sengeafsnit", "35 45 20 82", "Opgang 2, 8. etage"),
    ("1301110", "rigshospitalet", "Akutmodtagelsen, Rigshospitalet", "akutmedicin", "akutmodtagelse", "35 45 11 00", "Opgang 1, stuen"),
    ("1516021", "herlev-gentofte", "Medicinsk Afdeling O, Sengeafsnit O1", "intern medicin", "sengeafsnit", "38 68 21 01", "Herlev, 21. etage"),
    ("1516025", "herlev-gentofte", "Hjertemedicinsk Ambulatorium, Gentofte", "kardiologi", "ambulatorium", "38 67 25 00", "Gentofte, opgang 3"),
    ("1516050", "herlev-gentofte", "Onkologisk Dagafsnit, Herlev", "onkologi", "dagafsnit", "38 68 50 50", "Herlev, 54. etage sydfløj"),
    ("1516070", "herlev-gentofte", "Reumatologisk Ambulatorium, Gentofte", "reumatologi", "ambulatorium", "38 67 70 00", "Gentofte, opgang 5"),
    ("1516100", "herlev-gentofte", "Akutmodtagelsen, Herlev", "akutmedicin", "akutmodtagelse", "38 68 10 00", "Herlev, stuen"),
    ("1309031", "bispebjerg-frederiksberg", "Geriatrisk Afdeling, Sengeafsnit G2", "geriatri", "sengeafsnit", "38 63 31 02", "Bispebjerg, bygning 40"),
    ("1309042", "bispebjerg-frederiksberg", "Lungemedicinsk Ambulatorium", "lungemedicin", "ambulatorium", "38 63 42 00", "Bispebjerg, bygning 60"),
    ("1309061", "bispebjerg-frederiksberg", "Ortopædkirurgisk Afdeling, Sengeafsnit M3", "ortopædkirurgi", "sengeafsnit", "38 16 61 30", "Frederiksberg, afsnit M3"),
    ("1330011", "hvidovre", "Gastroenheden, Sengeafsnit 360", "gastroenterologi", "sengeafsnit", "38 62 36 00", "Afsnit 360, 3. sal"),
    ("1330052", "hvidovre", "Infektionsmedicinsk Ambulatorium", "infektionsmedicin", "ambulatorium", "38 62 52 00", "Afsnit 144, stuen"),
    ("1330100", "hvidovre", "Akutmodtagelsen, Hvidovre", "akutmedicin", "akutmodtagelse", "38 62 10 00", "Indgang 1, stuen"),
    ("3800011", "sjaellands-universitetshospital", "Kardiologisk Afdeling, Sengeafsnit Roskilde", "kardiologi", "sengeafsnit", "47 32 11 00", "Roskilde, afsnit 11"),
    ("3800021", "sjaellands-universitetshospital", "Medicinsk Afdeling, Sengeafsnit Køge Øst", "intern medicin", "sengeafsnit", "47 32 21 00", "Køge, bygning 3, 2. sal"),
    ("3800034", "sjaellands-universitetshospital", "Hjerteambulatoriet, Roskilde", "kardiologi", "ambulatorium", "47 32 34 00", "Roskilde, indgang 8"),
    ("3800061", "sjaellands-universitetshospital", "Onkologisk Dagafsnit, Næstved-Roskilde", "onkologi", "dagafsnit", "47 32 61 00", "Roskilde, afsnit 61"),
    ("3800100", "sjaellands-universitetshospital", "Fælles Akutmodtagelse, Køge", "akutmedicin", "akutmodtagelse", "47 32 10 00", "Køge, akutindgang"),
    ("3750011", "holbaek-sygehus", "Medicinsk Afdeling, Sengeafsnit M1", "intern medicin", "sengeafsnit", "59 48 11 00", "Bygning 1, 3. sal"),
    ("3750032", "holbaek-sygehus", "Ortopædkirurgisk Ambulatorium", "ortopædkirurgi", "ambulatorium", "59 48 32 00", "Bygning 2, stuen"),
    ("3970011", "nykoebing-f-sygehus", "Medicinsk Afdeling, Sengeafsnit 111", "intern medicin", "sengeafsnit", "54 88 11 10", "Fjordvej, 1. sal"),
    ("3970100", "nykoebing-f-sygehus", "Akutmodtagelsen, Nykøbing F.", "akutmedicin", "akutmodtagelse", "54 88 10 00", "Fjordvej, stuen"),
    ("4202011", "slagelse-sygehus", "Medicinsk Afdeling, Sengeafsnit Syd", "intern medicin", "sengeafsnit", "58 55 11 00", "Ingemannsvej, 4. sal"),
    ("4202045", "slagelse-sygehus", "Børneambulatoriet, Slagelse", "pædiatri", "ambulatorium", "58 55 45 00", "Børnehuset, stuen"),
]
DEPT = {d[0]: d for d in DEPARTMENTS}

EXPORT_INFO = {
    "central": ("2026-11-01T03:12:00+01:00", "CIMT\\svc_spexport", "B20261101-0312"),
    "hovedstaden": ("2026-11-01T03:40:17+01:00", "RH\\svc_spexport", "B20261101-0340"),
    "sjaelland": ("2026-11-01T04:05:52+01:00", "RSJ\\klinbyg_export", "B20261101-0405"),
}

CENTRAL_OWNER = "CIMT Fællesindhold"
MED_OWNER = "DSØ Fokusområde Medicinprocessen"

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def q(value, unit):
    return {"value": value, "unit": unit}


def scope_central():
    return {"level": "central"}


def scope_region(region):
    return {"level": "region", "region": region}


def scope_hospital(hospital):
    return {"level": "hospital", "region": HOSPITALS[hospital][0], "hospital": hospital}


def scope_dept(shak):
    hosp = DEPT[shak][1]
    return {"level": "department", "region": HOSPITALS[hosp][0], "hospital": hosp, "department": shak}


def scope_user(shak, user):
    return dict(scope_dept(shak), level="user", user=user)


def region_of(art):
    return art["scope"].get("region", "central")


def envelope(kind, id_, name, scope, spec, *, revision=None, derived_from=None, status="active", owner=None, usage=None):
    art = {"kind": kind, "id": id_, "name": name, "scope": scope}
    if revision:
        art["revision"] = revision
    if derived_from:
        art["derived_from"] = derived_from
    art["status"] = status
    if owner:
        art["owner"] = owner
    art["spec"] = spec
    if usage:
        art["usage"] = usage
    return art


LAST_USED_DAYS = ["2026-10-%02d" % d for d in range(3, 32)]


def random_usage(rng, unused=False):
    if unused:
        return {"uses_90d": 0, "last_used": "2026-02-%02d" % rng.randint(2, 27)}
    return {"uses_90d": rng.randint(3, 480), "last_used": rng.choice(LAST_USED_DAYS)}


def natural_key(value):
    text = str(value)
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part != ""]


def dk_number(value):
    """A number as a Danish spreadsheet writes it: decimal comma, no thousands separator."""
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def jn(flag):
    return "J" if flag else "N"


# ---------------------------------------------------------------------------
# Schema-driven canonical ordering (for the truth and for JSON paths of planted items)
# ---------------------------------------------------------------------------

_SCHEMAS = {}


def kind_schema(kind):
    if kind not in _SCHEMAS:
        _SCHEMAS[kind] = json.loads((KIND_SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return _SCHEMAS[kind]


def _resolve(schema, node):
    while isinstance(node, dict) and "$ref" in node and node["$ref"].startswith("#/$defs/"):
        target = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _is_empty(value):
    return value is None or value == "" or value == [] or value == {}


def _canon(schema, node, value):
    node = _resolve(schema, node or {})
    if isinstance(value, dict):
        props = node.get("properties", {})
        out = {}
        for key in list(props) + sorted(k for k in value if k not in props):
            if key in value:
                item = _canon(schema, props.get(key), value[key])
                if not _is_empty(item):
                    out[key] = item
        return out
    if isinstance(value, list):
        items = [_canon(schema, node.get("items"), v) for v in value]
        if node.get("x-ordered") is False:
            ident = node.get("x-identity")
            items.sort(key=(lambda v: natural_key(v[ident])) if ident else natural_key)
        return items
    return value


def canonical(art):
    schema = kind_schema(art["kind"])
    out = copy.deepcopy(art)
    out["spec"] = _canon(schema, schema["properties"]["spec"], art["spec"])
    return out


def json_path(art, steps):
    """JSON path into the canonical form of art. Steps: keys, or (identity key, value) for list items."""
    node = canonical(art)
    parts = ["$"]
    for step in steps:
        if isinstance(step, tuple):
            key, wanted = step
            idx = next(i for i, item in enumerate(node) if item.get(key) == wanted)
            parts.append(f"[{idx}]")
            node = node[idx]
        elif isinstance(step, int):
            parts.append(f"[{step}]")
            node = node[step]
        else:
            parts.append(f".{step}")
            node = node[step]
    return "".join(parts)


def canonical_path(art):
    sc = art["scope"]
    level = sc["level"]
    tail = f"{art['kind']}/{art['id']}.yaml"
    if level == "central":
        return f"central/{tail}"
    if level == "region":
        return f"{sc['region']}/{tail}"
    if level == "hospital":
        return f"{sc['region']}/{sc['hospital']}/{tail}"
    if level == "department":
        return f"{sc['region']}/{sc['hospital']}/{sc['department']}/{tail}"
    return f"{sc['region']}/{sc['hospital']}/{sc['department']}/users/{sc['user']}/{tail}"


# ---------------------------------------------------------------------------
# Central standards
# ---------------------------------------------------------------------------

FREQ_STD = ["1 gang dagligt", "2 gange dagligt", "3 gange dagligt", "4 gange dagligt", "efter behov"]

# key: (id, display name, generic, ATC, form, strength, route, default dose, (min, max, unit),
#       frequency, allowed frequencies, high alert, double check, tablet optimisation, label text, status)
MEDICATIONS = {
    "paracetamol": ("100101", "Paracetamol tablet 500 mg", "paracetamol", "N02BE01", "tablet", q(500, "mg"), "PO",
                    q(1000, "mg"), (500, 1000, "mg"), "4 gange dagligt", ["4 gange dagligt", "3 gange dagligt", "efter behov"],
                    False, False, True, "1 g 4 gange dagligt mod smerter.\nHøjst 4 g i døgnet."),
    "ibuprofen": ("100115", "Ibuprofen tablet 400 mg", "ibuprofen", "M01AE01", "filmovertrukket tablet", q(400, "mg"), "PO",
                  q(400, "mg"), (200, 600, "mg"), "3 gange dagligt", ["3 gange dagligt", "efter behov"],
                  False, False, True, "Tages med mad.\nHøjst 1200 mg i døgnet."),
    "morfin_inj": ("100129", "Morfin injektionsvæske 10 mg/ml", "morfin", "N02AA01", "injektionsvæske, opløsning", q(10, "mg/ml"), "SC",
                   q(5, "mg"), (2.5, 10, "mg"), "efter behov", ["efter behov", "hver 4. time"],
                   True, True, False, "Injiceres subkutant efter behov.\nMindst 4 timer mellem doser."),
    "oxycodon": ("100132", "Oxycodon depottablet 10 mg", "oxycodon", "N02AA05", "depottablet", q(10, "mg"), "PO",
                 q(10, "mg"), (5, 40, "mg"), "2 gange dagligt", ["2 gange dagligt"],
                 True, True, False, "Depottablet. Må ikke deles eller knuses.\nTages morgen og aften."),
    "dextropropoxyphen": ("100146", "Dextropropoxyphen kapsel 65 mg (udgået)", "dextropropoxyphen", "N02AC04", "kapsel", q(65, "mg"), "PO",
                          q(65, "mg"), (65, 130, "mg"), "3 gange dagligt", ["3 gange dagligt", "efter behov"],
                          False, False, False, "Udgået fra markedet.", "retired"),
    "insulin_aspart": ("100153", "Insulin aspart injektionsvæske 100 IE/ml", "insulin aspart", "A10AB05", "injektionsvæske, opløsning", q(100, "IE/ml"), "SC",
                       q(4, "IE"), (1, 30, "IE"), "3 gange dagligt", ["3 gange dagligt", "efter behov"],
                       True, True, False, "Hurtigtvirkende insulin. Gives umiddelbart før måltid.\nDosis efter blodsukker."),
    "metformin": ("100167", "Metformin tablet 500 mg", "metformin", "A10BA02", "filmovertrukket tablet", q(500, "mg"), "PO",
                  q(500, "mg"), (500, 1000, "mg"), "2 gange dagligt", ["1 gang dagligt", "2 gange dagligt", "3 gange dagligt"],
                  False, False, True, "Tages med mad."),
    "enoxaparin": ("100174", "Enoxaparin injektionsvæske 100 mg/ml", "enoxaparin", "B01AB05", "injektionsvæske, opløsning", q(100, "mg/ml"), "SC",
                   q(40, "mg"), (20, 150, "mg"), "1 gang dagligt", ["1 gang dagligt", "2 gange dagligt"],
                   True, True, False, "Injiceres subkutant 1 gang dagligt.\nDosis efter vægt og nyrefunktion."),
    "heparin": ("100188", "Heparin injektionsvæske 5000 IE/ml", "heparin", "B01AB01", "injektionsvæske, opløsning", q(5000, "IE/ml"), "SC",
                q(5000, "IE"), (2500, 10000, "IE"), "hver 12. time", ["hver 8. time", "hver 12. time"],
                True, True, False, "Injiceres subkutant."),
    "warfarin": ("100195", "Warfarin tablet 2,5 mg", "warfarin", "B01AA03", "tablet", q(2.5, "mg"), "PO",
                 q(5, "mg"), (1.25, 15, "mg"), "1 gang dagligt", ["1 gang dagligt"],
                 True, True, False, "Dosis efter INR.\nTages om aftenen."),
    "asa": ("100202", "Acetylsalicylsyre tablet 75 mg", "acetylsalicylsyre", "B01AC06", "tablet", q(75, "mg"), "PO",
            q(75, "mg"), (75, 300, "mg"), "1 gang dagligt", ["1 gang dagligt", "engangsdosis"],
            False, False, True, "Tages 1 gang dagligt."),
    "ticagrelor": ("100216", "Ticagrelor tablet 90 mg", "ticagrelor", "B01AC24", "filmovertrukket tablet", q(90, "mg"), "PO",
                   q(90, "mg"), (90, 180, "mg"), "2 gange dagligt", ["2 gange dagligt", "engangsdosis"],
                   False, False, True, "Tages morgen og aften."),
    "kalium_iv": ("100223", "Kaliumchlorid infusionskoncentrat 1 mmol/ml", "kaliumchlorid", "A12BA01", "koncentrat til infusionsvæske", q(1, "mmol/ml"), "IV",
                  q(20, "mmol"), (10, 40, "mmol"), "engangsdosis", ["engangsdosis", "kontinuerlig infusion"],
                  True, True, False, "SKAL fortyndes før brug.\nHøjst 10 mmol/time i perifer vene."),
    "kalium_tab": ("100237", "Kaliumchlorid depottablet 750 mg", "kaliumchlorid", "A12BA01", "depottablet", q(750, "mg"), "PO",
                   q(1500, "mg"), (750, 2250, "mg"), "2 gange dagligt", ["1 gang dagligt", "2 gange dagligt", "3 gange dagligt"],
                   False, False, True, "Synkes hele med rigeligt vand."),
    "metoprolol": ("100244", "Metoprolol depottablet 50 mg", "metoprolol", "C07AB02", "depottablet", q(50, "mg"), "PO",
                   q(50, "mg"), (25, 200, "mg"), "1 gang dagligt", ["1 gang dagligt", "2 gange dagligt"],
                   False, False, True, "Tages om morgenen."),
    "furosemid_tab": ("100258", "Furosemid tablet 40 mg", "furosemid", "C03CA01", "tablet", q(40, "mg"), "PO",
                      q(40, "mg"), (20, 160, "mg"), "1 gang dagligt", ["1 gang dagligt", "2 gange dagligt"],
                      False, False, True, "Tages om morgenen."),
    "furosemid_inj": ("100265", "Furosemid injektionsvæske 10 mg/ml", "furosemid", "C03CA01", "injektionsvæske, opløsning", q(10, "mg/ml"), "IV",
                      q(40, "mg"), (10, 250, "mg"), "engangsdosis", ["engangsdosis", "2 gange dagligt"],
                      False, False, False, "Injiceres langsomt intravenøst."),
    "digoxin": ("100279", "Digoxin tablet 62,5 mikrogram", "digoxin", "C01AA05", "tablet", q(62.5, "mikrogram"), "PO",
                q(125, "mikrogram"), (62.5, 250, "mikrogram"), "1 gang dagligt", ["1 gang dagligt"],
                True, True, False, "Tages 1 gang dagligt.\nKontrol af P-digoxin og P-kalium."),
    "atorvastatin": ("100286", "Atorvastatin tablet 40 mg", "atorvastatin", "C10AA05", "filmovertrukket tablet", q(40, "mg"), "PO",
                     q(40, "mg"), (10, 80, "mg"), "1 gang dagligt", ["1 gang dagligt"],
                     False, False, True, "Tages om aftenen."),
    "amoxicillin": ("100293", "Amoxicillin tablet 750 mg", "amoxicillin", "J01CA04", "filmovertrukket tablet", q(750, "mg"), "PO",
                    q(750, "mg"), (500, 1000, "mg"), "3 gange dagligt", ["3 gange dagligt"],
                    False, False, True, "Tages med jævne mellemrum.\nHele kuren gennemføres."),
    "piptazo": ("100307", "Piperacillin/tazobactam pulver til infusionsvæske 4 g", "piperacillin og tazobactam", "J01CR05",
                "pulver til infusionsvæske", q(4, "g"), "IV",
                q(4, "g"), (2, 4, "g"), "3 gange dagligt", ["3 gange dagligt", "4 gange dagligt"],
                False, False, False, "Infunderes over 30 minutter."),
    "ceftriaxon": ("100314", "Ceftriaxon pulver til injektionsvæske 1 g", "ceftriaxon", "J01DD04", "pulver til injektionsvæske", q(1, "g"), "IV",
                   q(2, "g"), (1, 4, "g"), "1 gang dagligt", ["1 gang dagligt", "2 gange dagligt"],
                   False, False, False, "Gives intravenøst over 30 minutter."),
    "nacl": ("100321", "Natriumchlorid infusionsvæske 9 mg/ml", "natriumchlorid", "B05XA03", "infusionsvæske", q(9, "mg/ml"), "IV",
             q(1000, "ml"), (250, 2000, "ml"), "kontinuerlig infusion", ["kontinuerlig infusion", "engangsdosis"],
             False, False, False, "Infusionshastighed efter ordination."),
    "ondansetron": ("100335", "Ondansetron tablet 4 mg", "ondansetron", "A04AA01", "filmovertrukket tablet", q(4, "mg"), "PO",
                    q(4, "mg"), (4, 8, "mg"), "efter behov", ["efter behov", "2 gange dagligt"],
                    False, False, True, "Mod kvalme. Højst 16 mg i døgnet."),
    "pantoprazol": ("100342", "Pantoprazol enterotablet 40 mg", "pantoprazol", "A02BC02", "enterotablet", q(40, "mg"), "PO",
                    q(40, "mg"), (20, 80, "mg"), "1 gang dagligt", ["1 gang dagligt", "2 gange dagligt"],
                    False, False, True, "Synkes hele. Tages før morgenmaden."),
    "methotrexat": ("100356", "Methotrexat tablet 2,5 mg", "methotrexat", "L04AX03", "tablet", q(2.5, "mg"), "PO",
                    q(15, "mg"), (7.5, 25, "mg"), "1 gang ugentligt", ["1 gang ugentligt"],
                    True, True, False, "Tages 1 gang UGENTLIGT - samme ugedag.\nIKKE daglig dosering."),
    "folsyre": ("100363", "Folsyre tablet 5 mg", "folsyre", "B03BB01", "tablet", q(5, "mg"), "PO",
                q(5, "mg"), (5, 10, "mg"), "1 gang ugentligt", ["1 gang ugentligt", "1 gang dagligt"],
                False, False, True, "Tages dagen efter methotrexat."),
    "prednisolon": ("100377", "Prednisolon tablet 5 mg", "prednisolon", "H02AB06", "tablet", q(5, "mg"), "PO",
                    q(25, "mg"), (5, 100, "mg"), "1 gang dagligt", ["1 gang dagligt"],
                    False, False, True, "Tages om morgenen med mad."),
    "zopiclon": ("100384", "Zopiclon tablet 7,5 mg", "zopiclon", "N05CF01", "filmovertrukket tablet", q(7.5, "mg"), "PO",
                 q(7.5, "mg"), (3.75, 7.5, "mg"), "efter behov", ["efter behov"],
                 False, False, True, "Tages ved sengetid efter behov."),
}
MED_ID = {key: v[0] for key, v in MEDICATIONS.items()}
NONEXISTENT_MED_ID = "109999"


def build_medications():
    arts = []
    for key, v in MEDICATIONS.items():
        (id_, name, generic, atc, form, strength, route, dose, (lo, hi, unit), freq, allowed, ha, dc, to, label, *rest) = v
        status = rest[0] if rest else "active"
        spec = {
            "generic_name": generic, "atc": atc, "form": form, "strength": strength, "route": route,
            "default_dose": dose, "dose_range": {"min": lo, "max": hi, "unit": unit}, "frequency": freq,
            "allowed_frequencies": list(allowed), "high_alert": ha, "double_check": dc, "tablet_optimisation": to,
            "label_text": label,
        }
        arts.append(envelope("Medication", id_, name, scope_central(), spec, revision="2026.3", status=status,
                             owner=MED_OWNER, usage=None if status == "retired" else random_usage(RNG)))
    return arts


def line(id_, med, dose, unit, freq, route, selected, comment=None):
    out = {"id": id_, "medication": MED_ID[med], "dose": q(dose, unit), "frequency": freq, "route": route,
           "default_selected": selected}
    if comment:
        out["comment"] = comment
    return out


def group(id_, name, selection, required, lines, local=False):
    return {"id": id_, "name": name, "standard": not local, "local": local, "selection": selection,
            "required": required, "lines": lines}


ONE, MANY, OPT = "vælg én", "vælg flere", "vælg ingen/flere"

ORDER_SETS = {
    "hjertesvigt": ("304100200", "Hjertesvigt - ambulant opstart", "Nydiagnosticeret hjertesvigt med nedsat uddrivningsfraktion", [
        group("100", "Diuretika", ONE, True, [
            line("1001", "furosemid_tab", 40, "mg", "1 gang dagligt", "PO", True, "Justeres efter vægt og væskebalance"),
            line("1002", "furosemid_inj", 40, "mg", "engangsdosis", "IV", False, "Ved utilstrækkelig effekt af peroral behandling")]),
        group("200", "Betablokker", ONE, False, [
            line("2001", "metoprolol", 25, "mg", "1 gang dagligt", "PO", True, "Optitreres hver 2. uge")]),
        group("300", "Elektrolytter", MANY, False, [
            line("3001", "kalium_tab", 750, "mg", "2 gange dagligt", "PO", False, "Ved P-kalium < 3,5 mmol/l; kontrol efter 1 uge")]),
        group("900", "Lokale tilføjelser", OPT, False, [
            line("9001", "paracetamol", 1000, "mg", "efter behov", "PO", False)], local=True)]),
    "akk": ("304100210", "Akut koronart syndrom - indlæggelse", "NSTEMI/ustabil angina, indlæggelsesdøgnet", [
        group("100", "Antitrombotisk behandling", MANY, True, [
            line("1001", "asa", 300, "mg", "engangsdosis", "PO", True, "Startdosis"),
            line("1002", "asa", 75, "mg", "1 gang dagligt", "PO", True, "Vedligeholdelse fra dag 2"),
            line("1003", "ticagrelor", 180, "mg", "engangsdosis", "PO", True, "Startdosis"),
            line("1004", "ticagrelor", 90, "mg", "2 gange dagligt", "PO", True)]),
        group("200", "Anden behandling", MANY, False, [
            line("2001", "metoprolol", 50, "mg", "1 gang dagligt", "PO", True),
            line("2002", "atorvastatin", 80, "mg", "1 gang dagligt", "PO", True)]),
        group("300", "Smertebehandling", OPT, False, [
            line("3001", "morfin_inj", 5, "mg", "efter behov", "SC", False, "Ved brystsmerter")]),
        group("900", "Lokale tilføjelser", OPT, False, [
            line("9001", "pantoprazol", 40, "mg", "1 gang dagligt", "PO", False)], local=True)]),
    "sepsis": ("304100220", "Sepsis - første døgn", "Mistanke om sepsis, ukendt fokus", [
        group("100", "Antibiotika", ONE, True, [
            line("1001", "piptazo", 4, "g", "3 gange dagligt", "IV", True, "Empirisk behandling, ukendt fokus"),
            line("1002", "ceftriaxon", 2, "g", "1 gang dagligt", "IV", False, "Ved penicillinallergi (ikke type 1)")]),
        group("200", "Væsketerapi", ONE, True, [
            line("2001", "nacl", 1000, "ml", "engangsdosis", "IV", True, "Bolus over 30 min; revurder efter hver bolus")]),
        group("300", "Symptombehandling", MANY, False, [
            line("3001", "paracetamol", 1000, "mg", "4 gange dagligt", "PO", False)]),
        group("900", "Lokale tilføjelser", OPT, False, [
            line("9001", "ondansetron", 4, "mg", "efter behov", "PO", False)], local=True)]),
    "postop": ("304100230", "Smertebehandling - postoperativt", "Voksne efter ortopædkirurgisk indgreb", [
        group("100", "Basis smertebehandling", MANY, True, [
            line("1001", "paracetamol", 1000, "mg", "4 gange dagligt", "PO", True),
            line("1002", "ibuprofen", 400, "mg", "3 gange dagligt", "PO", True, "Højst 3 døgn; obs. nyrefunktion")]),
        group("200", "Opioid", ONE, False, [
            line("2001", "oxycodon", 10, "mg", "2 gange dagligt", "PO", False),
            line("2002", "morfin_inj", 2.5, "mg", "efter behov", "SC", False, "Ved gennembrudssmerter")]),
        group("300", "Kvalme", OPT, False, [
            line("3001", "ondansetron", 4, "mg", "efter behov", "PO", False)]),
        group("900", "Lokale tilføjelser", OPT, False, [
            line("9001", "pantoprazol", 40, "mg", "1 gang dagligt", "PO", False, "Ulcusprofylakse ved NSAID")], local=True)]),
    "diabetes": ("304100240", "Diabetes - insulinregime under indlæggelse", "Kendt diabetes, indlagt", [
        group("100", "Måltidsinsulin", MANY, True, [
            line("1001", "insulin_aspart", 4, "IE", "3 gange dagligt", "SC", True, "Justeres efter blodsukkerprofil")]),
        group("200", "Korrektionsinsulin", OPT, False, [
            line("2001", "insulin_aspart", 2, "IE", "efter behov", "SC", False, "Ved BS > 12 mmol/l")]),
        group("300", "Peroral antidiabetika", OPT, False, [
            line("3001", "metformin", 500, "mg", "2 gange dagligt", "PO", False, "Pauseres ved eGFR < 30")]),
        group("900", "Lokale tilføjelser", OPT, False, [
            line("9001", "paracetamol", 1000, "mg", "efter behov", "PO", False)], local=True)]),
    "trombose": ("304100250", "Tromboseprofylakse", "Indlagte med øget risiko for venøs tromboemboli", [
        group("100", "Profylakse", ONE, True, [
            line("1001", "enoxaparin", 40, "mg", "1 gang dagligt", "SC", True, "Ved normal nyrefunktion"),
            line("1002", "enoxaparin", 20, "mg", "1 gang dagligt", "SC", False, "Ved eGFR < 30")]),
        group("900", "Lokale tilføjelser", OPT, False, [
            line("9001", "heparin", 5000, "IE", "hver 12. time", "SC", False, "Alternativ ved dialyse")], local=True)]),
    "methotrexat": ("304100260", "Methotrexat - lavdosis opstart", "Reumatoid artritis, opstart af methotrexat", [
        group("100", "Methotrexat", ONE, True, [
            line("1001", "methotrexat", 15, "mg", "1 gang ugentligt", "PO", True, "Samme ugedag hver uge")]),
        group("200", "Folsyre", ONE, True, [
            line("2001", "folsyre", 5, "mg", "1 gang ugentligt", "PO", True, "Tages dagen efter methotrexat")]),
        group("300", "Kvalme", OPT, False, [
            line("3001", "ondansetron", 4, "mg", "efter behov", "PO", False)]),
        group("900", "Lokale tilføjelser", OPT, False, [
            line("9001", "paracetamol", 1000, "mg", "efter behov", "PO", False)], local=True)]),
    "pneumoni": ("304100270", "Pneumoni - indlæggelse", "Samfundserhvervet pneumoni", [
        group("100", "Antibiotika", ONE, True, [
            line("1001", "amoxicillin", 750, "mg", "3 gange dagligt", "PO", True, "Let til moderat pneumoni (CURB-65 0-1)"),
            line("1002", "ceftriaxon", 2, "g", "1 gang dagligt", "IV", False, "Svær pneumoni")]),
        group("200", "Symptombehandling", MANY, False, [
            line("2001", "paracetamol", 1000, "mg", "4 gange dagligt", "PO", True)]),
        group("900", "Lokale tilføjelser", OPT, False, [
            line("9001", "ibuprofen", 400, "mg", "3 gange dagligt", "PO", False, "Ved pleurasmerter")], local=True)]),
    "hypokaliaemi": ("304100280", "Hypokaliæmi", "P-kalium < 3,5 mmol/l", [
        group("100", "Kaliumtilskud", ONE, True, [
            line("1001", "kalium_tab", 1500, "mg", "2 gange dagligt", "PO", True, "P-kalium 3,0-3,4 mmol/l"),
            line("1002", "kalium_iv", 20, "mmol", "engangsdosis", "IV", False, "P-kalium < 3,0 mmol/l; højst 10 mmol/time i perifer vene")]),
        group("900", "Lokale tilføjelser", OPT, False, [
            line("9001", "kalium_tab", 750, "mg", "1 gang dagligt", "PO", False, "Vedligeholdelse")], local=True)]),
    "antiemetika": ("304100290", "Antiemetika ved kemoterapi", "Moderat emetogen kemoterapi", [
        group("100", "Antiemetika", MANY, True, [
            line("1001", "ondansetron", 8, "mg", "2 gange dagligt", "PO", True, "Dag 1-3")]),
        group("200", "Steroid", OPT, False, [
            line("2001", "prednisolon", 25, "mg", "1 gang dagligt", "PO", False, "Dag 1-3")]),
        group("900", "Lokale tilføjelser", OPT, False, [
            line("9001", "ondansetron", 4, "mg", "efter behov", "PO", False, "Ved gennembrudskvalme")], local=True)]),
}


def build_order_sets():
    arts = []
    for key, (id_, name, indication, groups) in ORDER_SETS.items():
        arts.append(envelope("OrderSet", id_, name, scope_central(), {"indication": indication, "groups": copy.deepcopy(groups)},
                             revision="2026.3", owner=MED_OWNER if key in ("methotrexat", "hypokaliaemi") else CENTRAL_OWNER,
                             usage=random_usage(RNG)))
    return arts


def pentry(id_, med=None, order=None, dose=None, freq=None, route=None):
    out = {"id": id_}
    if med:
        out["medication"] = MED_ID[med]
    if order:
        out["order"] = order
    if dose:
        out["default_dose"] = q(*dose)
    if freq:
        out["default_frequency"] = freq
    if route:
        out["route"] = route
    return out


PREF_LISTS = {
    "intern": ("520010", "Medicin - intern medicin", "medicin", "intern medicin", [
        pentry("1", "paracetamol", dose=(1000, "mg"), freq="4 gange dagligt", route="PO"),
        pentry("2", "furosemid_tab", dose=(40, "mg"), freq="1 gang dagligt", route="PO"),
        pentry("3", "metoprolol", dose=(50, "mg"), freq="1 gang dagligt", route="PO"),
        pentry("4", "enoxaparin", dose=(40, "mg"), freq="1 gang dagligt", route="SC"),
        pentry("5", "pantoprazol", dose=(40, "mg"), freq="1 gang dagligt", route="PO"),
        pentry("6", "kalium_tab", dose=(750, "mg"), freq="2 gange dagligt", route="PO"),
        pentry("7", "zopiclon", dose=(7.5, "mg"), freq="efter behov", route="PO"),
        pentry("8", "amoxicillin", dose=(750, "mg"), freq="3 gange dagligt", route="PO"),
        pentry("9", "ondansetron", dose=(4, "mg"), freq="efter behov", route="PO"),
        pentry("10", "metformin", dose=(500, "mg"), freq="2 gange dagligt", route="PO"),
        pentry("11", "atorvastatin", dose=(40, "mg"), freq="1 gang dagligt", route="PO")]),
    "kirurgi": ("520020", "Medicin - kirurgi og ortopædi", "medicin", "ortopædkirurgi", [
        pentry("1", "paracetamol", dose=(1000, "mg"), freq="4 gange dagligt", route="PO"),
        pentry("2", "ibuprofen", dose=(400, "mg"), freq="3 gange dagligt", route="PO"),
        pentry("3", "oxycodon", dose=(10, "mg"), freq="2 gange dagligt", route="PO"),
        pentry("4", "morfin_inj", dose=(2.5, "mg"), freq="efter behov", route="SC"),
        pentry("5", "ondansetron", dose=(4, "mg"), freq="efter behov", route="PO"),
        pentry("6", "enoxaparin", dose=(40, "mg"), freq="1 gang dagligt", route="SC")]),
    "lab": ("520030", "Laboratorie - akut pakke", "laboratorie", "akutmedicin", [
        pentry("1", order="NPU02319 B-Hæmoglobin"),
        pentry("2", order="NPU03230 P-Kalium"),
        pentry("3", order="NPU03429 P-Natrium"),
        pentry("4", order="NPU19748 P-C-reaktivt protein"),
        pentry("5", order="NPU04998 P-Kreatinin"),
        pentry("6", order="NPU02192 B-Leukocytter"),
        pentry("7", order="NPU22089 P-Glukose")]),
    "onkologi": ("520040", "Medicin - onkologisk dagbehandling", "medicin", "onkologi", [
        pentry("1", "ondansetron", dose=(8, "mg"), freq="2 gange dagligt", route="PO"),
        pentry("2", "prednisolon", dose=(25, "mg"), freq="1 gang dagligt", route="PO"),
        pentry("3", "paracetamol", dose=(1000, "mg"), freq="efter behov", route="PO"),
        pentry("4", "pantoprazol", dose=(40, "mg"), freq="1 gang dagligt", route="PO")]),
}


def build_pref_lists():
    return [envelope("PreferenceList", id_, name, scope_central(),
                     {"list_type": lt, "specialty": spec, "entries": copy.deepcopy(entries)},
                     revision="2026.3", owner=CENTRAL_OWNER, usage=random_usage(RNG))
            for id_, name, lt, spec, entries in PREF_LISTS.values()]


TEMPLATES = {
    "indl": ("730010", "Indlæggelsesnotat", ".INDLAEGGELSE", "smarttext", [
        ("kontaktaarsag", "Kontaktårsag", True), ("anamnese", "Anamnese", True), ("objektiv", "Objektiv undersøgelse", True),
        ("paraklinik", "Parakliniske fund", False), ("medicin", "Medicin (medicinafstemning)", True),
        ("vurdering_plan", "Vurdering og plan", True)],
        "Kontaktårsag: ***\n\nAnamnese:\n@NAME@, @AGE@-årig @SEX@, indlagt med ***.\nTidligere: ***\n\n"
        "Objektiv undersøgelse:\nTOKS: @TOKS@\n***\n\nParakliniske fund:\n@LASTLABS@\n\n"
        "Medicin:\n@MEDLIST@\nMedicinafstemning foretaget: {Ja/Nej:1234}\n\nVurdering og plan:\n***"),
    "udskr": ("730020", "Udskrivningsnotat og epikrise", ".UDSKRIVNING", "smarttext", [
        ("forloeb", "Forløb", True), ("medicin", "Medicin ved udskrivelse", True),
        ("opfoelgning", "Opfølgning", True), ("egen_laege", "Information til egen læge", True)],
        "Forløb:\n@NAME@ har været indlagt fra @ADMITDATE@ med ***.\n\n"
        "Medicin ved udskrivelse:\n@DISCHMEDS@\nÆndringer under indlæggelsen: ***\n\n"
        "Opfølgning:\n***\n\nInformation til egen læge:\n***"),
    "kardamb": ("730030", "Kardiologisk ambulant notat", ".KARDAMB", "smarttext", [
        ("aarsag", "Årsag til besøg", True), ("status", "Status og symptomer (NYHA)", True),
        ("ekg_ekko", "EKG og ekkokardiografi", False), ("plan", "Plan", True)],
        "Årsag til besøg: ***\n\nStatus: NYHA-klasse {I/II/III/IV:5521}\nBT @BP@, puls @PULSE@, vægt @WEIGHT@ kg\n\n"
        "EKG: ***\nEkko: LVEF *** %\n\nPlan:\n***"),
    "toks": ("730040", "TOKS-notat", ".TOKSNOTAT", "smartphrase", [],
             "TOKS-score @TOKS@ kl. @NOW@. Tilkaldt: ***. Aftalt observationsfrekvens: ***."),
    "medafstem": ("730050", "Medicinafstemning", ".MEDAFSTEM", "smartphrase", [
        ("medicinafstemning", "Medicinafstemning", True)],
        "Medicinafstemning foretaget @TODAY@ ud fra FMK og samtale med patienten.\nAfvigelser: ***"),
    "onkdag": ("730060", "Onkologisk dagbehandling", ".ONKDAG", "smarttext", [
        ("status", "Almentilstand (performance status)", True), ("bivirkninger", "Bivirkninger (CTCAE)", True),
        ("behandling", "Behandling givet", True)],
        "Performance status: {0/1/2/3/4:7712}\nBivirkninger siden sidst: ***\n\nBehandling givet i dag:\n@MARTODAY@\n***"),
    "akut": ("730070", "Akut visitation", ".AKUTVISIT", "smarttext", [
        ("triage", "Triage", True), ("anamnese", "Anamnese", True), ("plan", "Plan og visitation", True)],
        "Triage: {Rød/Orange/Gul/Grøn:3310}\nTOKS: @TOKS@\n\nAnamnese:\n***\n\nPlan og visitation:\n***"),
}


def tsections(sections):
    return [{"id": i, "title": t, "required": r} for i, t, r in sections]


def build_templates():
    return [envelope("DocumentationTemplate", id_, name, scope_central(),
                     {"mnemonic": mn, "template_type": tt, "sections": tsections(sec), "body": body},
                     revision="2026.3", owner=CENTRAL_OWNER, usage=random_usage(RNG))
            for id_, name, mn, tt, sec, body in TEMPLATES.values()]


def bands(*rows):
    out = []
    for n, row in enumerate(rows, 1):
        lo, hi, points = row[:3]
        band = {"id": str(n)}
        if lo is not None:
            band["min"] = lo
        if hi is not None:
            band["max"] = hi
        if len(row) > 3:
            band["value"] = row[3]
        band["points"] = points
        out.append(band)
    return out


EWS_ID = "610001"


def build_ews():
    params = [
        {"id": "respiration_rate", "name": "Respirationsfrekvens", "unit": "/min",
         "bands": bands((None, 8, 3), (9, 11, 1), (12, 20, 0), (21, 24, 2), (25, None, 3))},
        {"id": "spo2", "name": "Iltmætning", "unit": "%",
         "bands": bands((None, 91, 3), (92, 93, 2), (94, 95, 1), (96, None, 0))},
        {"id": "systolic_bp", "name": "Systolisk blodtryk", "unit": "mmHg",
         "bands": bands((None, 90, 3), (91, 100, 2), (101, 110, 1), (111, 219, 0), (220, None, 3))},
        {"id": "pulse", "name": "Puls", "unit": "/min",
         "bands": bands((None, 40, 3), (41, 50, 1), (51, 90, 0), (91, 110, 1), (111, 130, 2), (131, None, 3))},
        {"id": "consciousness", "name": "Bevidsthedsniveau", "unit": "AVPU",
         "bands": bands((None, None, 0, "A"), (None, None, 3, "V/P/U"))},
        {"id": "temperature", "name": "Temperatur", "unit": "°C",
         "bands": bands((None, 35.0, 3), (35.1, 36.0, 1), (36.1, 38.0, 0), (38.1, 39.0, 1), (39.1, None, 2))},
    ]
    thresholds = [
        {"id": "t0", "min_total": 0, "max_total": 0, "observation_frequency": "hver 12. time", "response": "Fortsæt rutinemæssig observation."},
        {"id": "t1", "min_total": 1, "max_total": 2, "observation_frequency": "hver 8. time", "response": "Sygeplejerske vurderer patienten."},
        {"id": "t3", "min_total": 3, "max_total": 5, "observation_frequency": "hver time",
         "response": "Kontakt læge inden for 30 minutter.\nSygeplejerske genvurderer efter 1 time."},
        {"id": "t6", "min_total": 6, "observation_frequency": "kontinuerligt",
         "response": "Tilkald læge straks. Overvej akutteam."},
    ]
    spec = {"score_system": "TOKS", "parameters": params, "thresholds": thresholds,
            "escalation": {"target": "Vagthavende læge", "observation_frequency": "jf. tærskelværdier"}}
    return [envelope("EarlyWarningScore", EWS_ID, "TOKS - voksne", scope_central(), spec, revision="2026.2",
                     owner="DSØ Fokusområde Den akutte patient", usage={"uses_90d": 48211, "last_used": "2026-10-31"})]


def crit(id_, source, op, value=None):
    out = {"id": id_, "source": source, "operator": op}
    if value is not None:
        out["value"] = value
    return out


def action(id_, type_, label, target=None):
    out = {"id": id_, "type": type_, "label": label}
    if target:
        out["target"] = target
    return out


DECISION_RULES = {
    "kalium": ("910010", "Koncentreret kaliumchlorid intravenøst", "safety", ["ordre_signeret"],
               [crit("1", "medicin", "=", "A12BA01"), crit("2", "administrationsvej", "=", "IV")],
               "Koncentreret kaliumchlorid SKAL fortyndes før indgift.\nHøjst 10 mmol/time i perifer vene.",
               [action("1", "annuller_ordre", "Annullér ordren"),
                action("2", "aabn_ordresaet", "Åbn ordresæt Hypokaliæmi", "304100280")],
               ["Ordineret efter aftale med bagvagt", "Patient i intensiv overvågning"]),
    "mtx": ("910020", "Methotrexat - ugentlig dosering", "safety", ["ordre_signeret", "ordre_aendret"],
            [crit("1", "medicin", "=", "L04AX03"), crit("2", "frekvens", "!=", "1 gang ugentligt")],
            "Methotrexat i lav dosis gives 1 gang UGENTLIGT.\nDaglig dosering kan være livsfarlig.",
            [action("1", "annuller_ordre", "Annullér ordren")],
            ["Onkologisk højdosisbehandling efter protokol"]),
    "warfarin_nsaid": ("910030", "Warfarin og NSAID", "safety", ["ordre_signeret"],
                       [crit("1", "medicin", "findes", "B01AA03"), crit("2", "medicin", "=", "M01AE01")],
                       "Samtidig behandling med warfarin og NSAID øger risikoen for blødning.",
                       [action("1", "annuller_ordre", "Annullér NSAID"), action("2", "bestil", "Bestil INR", "NPU01685")],
                       ["Kortvarig behandling med tæt INR-kontrol", "Aftalt med behandlingsansvarlig læge"]),
    "metformin_egfr": ("910040", "Metformin ved nedsat nyrefunktion", "safety", ["ordre_signeret", "lab_resultat"],
                       [crit("1", "medicin", "findes", "A10BA02"), crit("2", "lab:eGFR", "<", "30")],
                       "eGFR under 30: metformin bør pauseres (risiko for laktatacidose).",
                       [action("1", "pauser_ordre", "Pausér metformin")],
                       ["Nyrefunktion i bedring", "Aftalt med endokrinolog"]),
    "trombose": ("910050", "Tromboseprofylakse ved indlæggelse", "advisory", ["indlaeggelse_registreret"],
                 [crit("1", "alder", ">=", "18"), crit("2", "medicin", "mangler", "B01AB05")],
                 "Patienten har ikke tromboseprofylakse ordineret.\nVurdér risiko og ordinér efter instruks.",
                 [action("1", "aabn_ordresaet", "Åbn ordresæt Tromboseprofylakse", "304100250")],
                 ["Ikke relevant", "Kontraindiceret", "Vurderet af læge"]),
    "sepsis": ("910060", "Sepsisscreening", "advisory", ["vitalparametre_registreret"],
               [crit("1", "toks", ">=", "5")],
               "TOKS 5 eller derover: overvej sepsis.\nTag bloddyrkning og laktat, og vurder behov for antibiotika.",
               [action("1", "aabn_ordresaet", "Åbn ordresæt Sepsis", "304100220")],
               ["Kendt årsag til forhøjet TOKS", "Allerede vurderet af læge"]),
    "digoxin": ("910070", "Digoxin og lavt kalium", "safety", ["lab_resultat"],
                [crit("1", "medicin", "findes", "C01AA05"), crit("2", "lab:P-Kalium", "<", "3,5")],
                "P-kalium under 3,5 mmol/l hos patient i digoxinbehandling øger risikoen for arytmi.",
                [action("1", "aabn_ordresaet", "Åbn ordresæt Hypokaliæmi", "304100280"),
                 action("2", "bestil", "Bestil P-digoxin", "NPU02070")],
                ["Kalium substitueres allerede", "Aftalt med behandlingsansvarlig læge"]),
}


def build_decision_rules():
    arts = []
    for key, (id_, name, atype, triggers, criteria, text, actions, reasons) in DECISION_RULES.items():
        spec = {"alert_type": atype, "triggers": list(triggers), "criteria": copy.deepcopy(criteria), "text": text,
                "actions": copy.deepcopy(actions), "override_reasons": list(reasons)}
        arts.append(envelope("DecisionRule", id_, name, scope_central(), spec, revision="2026.3",
                             owner=MED_OWNER if atype == "safety" else CENTRAL_OWNER, usage=random_usage(RNG)))
    return arts


def nsec(id_, title, mandatory, condition=None, template=None):
    out = {"id": id_, "title": title, "mandatory": mandatory}
    if condition:
        out["condition"] = condition
    if template:
        out["template"] = template
    return out


NAVIGATORS = {
    "indl": ("820010", "Indlæggelse - medicinsk", "indlaeggelse", [
        nsec("allergier", "Allergier og intolerancer", True),
        nsec("medicinafstemning", "Medicinafstemning", True, template="730050"),
        nsec("problemliste", "Problemliste", False),
        nsec("indlaeggelsesnotat", "Indlæggelsesnotat", True, template="730010"),
        nsec("ordrer", "Ordrer og ordresæt", False),
        nsec("toks", "TOKS og observationsplan", True),
        nsec("ernaering", "Ernæringsscreening", False, condition="alder >= 65 eller BMI < 18,5")]),
    "overfl": ("820020", "Overflytning", "overflytning", [
        nsec("medicinafstemning", "Medicinafstemning", True, template="730050"),
        nsec("ordregennemgang", "Gennemgang af aktive ordrer", True),
        nsec("overflytningsnotat", "Overflytningsnotat", True),
        nsec("toks", "Seneste TOKS", False)]),
    "udskr": ("820030", "Udskrivelse", "udskrivelse", [
        nsec("udskrivningsnotat", "Udskrivningsnotat og epikrise", True, template="730020"),
        nsec("medicinafstemning", "Medicinafstemning", True, template="730050"),
        nsec("recepter", "Recepter og FMK", True),
        nsec("opfoelgning", "Opfølgning og ambulante tider", False),
        nsec("hjemmepleje", "Besked til hjemmepleje", False, condition="modtager hjemmepleje")]),
    "amb": ("820040", "Ambulant besøg", "ambulant", [
        nsec("besoegsaarsag", "Besøgsårsag", True),
        nsec("ambulant_notat", "Ambulant notat", True),
        nsec("diagnoser", "Diagnoser og procedurer (SKS)", True),
        nsec("ordrer", "Ordrer", False),
        nsec("naeste_besoeg", "Næste besøg", False)]),
}


def build_navigators():
    return [envelope("Navigator", id_, name, scope_central(), {"context": ctx, "sections": copy.deepcopy(secs)},
                     revision="2026.3", owner=CENTRAL_OWNER, usage=random_usage(RNG))
            for id_, name, ctx, secs in NAVIGATORS.values()]


VISIT_TYPES = {
    "kard_foerste": ("410010", "Kardiologi - første besøg", "kardiologi", "BVAA33A", 60, "fysisk"),
    "kard_kontrol": ("410020", "Kardiologi - kontrol", "kardiologi", "BVAA33B", 30, "fysisk"),
    "kard_video": ("410030", "Kardiologi - videokonsultation", "kardiologi", "BVAA34A", 20, "video"),
    "lunge_kontrol": ("410040", "Lungemedicin - kontrol", "lungemedicin", "BVAA33B", 30, "fysisk"),
    "onk_dag": ("410050", "Onkologi - dagbehandling", "onkologi", "BWAA62", 120, "fysisk"),
    "onk_tlf": ("410055", "Onkologi - telefonkonsultation", "onkologi", "BVAA33D", 15, "telefon"),
    "orto_foerste": ("410060", "Ortopædi - første besøg", "ortopædkirurgi", "BVAA33A", 30, "fysisk"),
    "inf_tlf": ("410070", "Infektionsmedicin - telefonkonsultation", "infektionsmedicin", "BVAA33D", 15, "telefon"),
    "paed_foerste": ("410080", "Pædiatri - første besøg", "pædiatri", "BVAA33A", 60, "fysisk"),
    "reuma_kontrol": ("410090", "Reumatologi - kontrol", "reumatologi", "BVAA33B", 30, "fysisk"),
}


def build_visit_types():
    arts = []
    for id_, name, specialty, sks, dur, ctype in VISIT_TYPES.values():
        spec = {"specialty": specialty, "sks_code": sks, "duration_minutes": dur, "contact_type": ctype}
        arts.append(envelope("VisitType", id_, name, scope_central(), spec, revision="2026.3", owner=CENTRAL_OWNER,
                             usage=random_usage(RNG)))
    return arts


def block(id_, title, content_type, med):
    return {"id": id_, "title": title, "content_type": content_type, "medication_content": med}


PRINT_GROUPS = {
    "medliste": ("650010", "Medicinliste ved udskrivelse", "medicinliste", [
        block("hoved", "Patientoplysninger", "patientoplysninger", False),
        block("aktuel", "Aktuel medicin", "aktuel_medicin", True),
        block("pauseret", "Pauseret medicin", "pauseret_medicin", True),
        block("seponeret", "Seponeret under indlæggelsen", "seponeret_medicin", True),
        block("allergier", "Allergier", "allergier", False),
        block("signatur", "Ansvarlig læge", "signatur", False)],
        {"orientation": "portrait", "font_size": 10, "logo": "Sundhedsplatformen"}),
    "udskrivningsbrev": ("650020", "Udskrivningsbrev til patienten", "udskrivningsbrev", [
        block("hoved", "Patientoplysninger", "patientoplysninger", False),
        block("forloeb", "Dit forløb", "tekst", False),
        block("medicin", "Din medicin", "aktuel_medicin", True),
        block("kontrol", "Kontrol og opfølgning", "aftaler", False),
        block("kontakt", "Hvis du har spørgsmål", "kontaktoplysninger", False)],
        {"orientation": "portrait", "font_size": 11, "logo": "Sundhedsplatformen"}),
    "etiket": ("650030", "Medicinetiket", "etiket", [
        block("patient", "Patient", "patientoplysninger", False),
        block("praeparat", "Præparat og styrke", "praeparat", True),
        block("dosering", "Dosering", "doseringstekst", True)],
        {"orientation": "landscape", "font_size": 8}),
    "ordreseddel": ("650040", "Ordreseddel - laboratorie", "ordreseddel", [
        block("patient", "Patient", "patientoplysninger", False),
        block("analyser", "Bestilte analyser", "ordrer", False),
        block("stregkode", "Stregkode", "stregkode", False)],
        {"orientation": "portrait", "font_size": 10}),
}


def build_print_groups():
    return [envelope("PrintGroup", id_, name, scope_central(),
                     {"report_type": rt, "blocks": copy.deepcopy(blocks), "layout": dict(layout)},
                     revision="2026.3", owner=CENTRAL_OWNER, usage=random_usage(RNG))
            for id_, name, rt, blocks, layout in PRINT_GROUPS.values()]


SETTINGS = {
    "ORDER_DEFAULT_EXPIRY_DAYS": ("950010", "Standardudløb for ordrer", "department", 0, True,
                                  "Antal dage før en ordre udløber automatisk; 0 = intet tvungent udløb."),
    "MED_TABLET_OPTIMISATION_DEFAULT": ("950020", "Tabletoptimering som standard", "region", False, True,
                                        "Om dosisfunktionen 'færrest tabletter' er slået til for nye præparater."),
    "MAR_DOUBLE_CHECK_HIGH_ALERT": ("950030", "Dobbeltkontrol ved risikosituationslægemidler", "region", True, True,
                                    "Kræv dobbeltkontrol i medicinadministrationen for risikosituationslægemidler."),
    "MED_LABEL_DOSING_TEXT_SOURCE": ("950040", "Kilde til doseringstekst på etiket", "region", "ordination", True,
                                     "Hvorfra doseringsteksten på etiketter hentes (ordination eller præparat)."),
    "MED_TALLMAN_LETTERING": ("950050", "Tall man-bogstaver for forvekslingstruede lægemidler", "region", True, True,
                              "Vis forvekslingstruede lægemiddelnavne med tall man-bogstaver."),
    "TOKS_REMINDER_INTERVAL_HOURS": ("950060", "Påmindelse om TOKS-måling", "department", 8, True,
                                     "Timer mellem påmindelser om TOKS-måling, når intet andet er ordineret."),
    "NOTE_AUTOSAVE_SECONDS": ("950070", "Autogem af notater", "department", 60, False,
                              "Sekunder mellem automatisk gemning af notater."),
    "PRINT_DUPLEX_MODE": ("950080", "Dobbeltsidet udskrift", "hospital", "off", False,
                          "Standard for dobbeltsidet udskrift (on/off)."),
    "DEFAULT_ROUNDS_START": ("950090", "Starttidspunkt for stuegang", "department", "0800", False,
                             "Tidspunkt (ttmm) hvor stuegangslisten nulstilles."),
    "SCHED_SMS_REMINDER_DAYS": ("950100", "SMS-påmindelse før ambulant besøg", "hospital", 3, False,
                                "Antal dage før et besøg der sendes SMS-påmindelse."),
}


def build_settings():
    arts = []
    for setting, (id_, name, level, value, safety, desc) in SETTINGS.items():
        spec = {"setting": setting, "level": level, "value": value, "safety_relevant": safety, "description": desc}
        arts.append(envelope("ProfileSetting", id_, name, scope_central(), spec, revision="2026.3", owner=CENTRAL_OWNER))
    return arts


def build_departments():
    arts = []
    for n, (shak, hosp, name, specialty, unit_type, phone, location) in enumerate(DEPARTMENTS):
        region, hname, hshak, hsor, short = HOSPITALS[hosp]
        sor = "%d%s%03d" % (4180 + n * 37 + int(hshak[:2]), "1000016", (n * 7 + 3) % 1000)
        email = "%s-%s@regionh.dk" % (short.lower(), shak) if region == "hovedstaden" else "%s-%s@regionsjaelland.dk" % (short.lower(), shak)
        spec = {"sor_code": sor, "shak_code": shak, "hospital": hosp, "hospital_sor": hsor, "specialty": specialty,
                "unit_type": unit_type, "contact": {"phone": phone, "email": email, "location": location}}
        spec["hospital_name"] = hname  # drift-lang: the hospital's name, as both exports give it
        arts.append(envelope("Department", "2010%04d" % (n * 13 + 11), name, scope_hospital(hosp), spec,
                             owner=f"{hname}, Organisation og Data"))
    return arts


# ---------------------------------------------------------------------------
# Local variants
# ---------------------------------------------------------------------------

class Registry:
    def __init__(self):
        self.arts = []
        self.by_key = {}
        self.counters = {}
        self.planted = []
        self.legit = []

    def add(self, art, key=None):
        self.arts.append(art)
        if key:
            self.by_key[key] = art
        return art

    def next_id(self, kind, start):
        self.counters[kind] = self.counters.get(kind, start) + RNG.choice((1, 2, 3, 7))
        return str(self.counters[kind])


VARIANT_ID_START = {
    "Medication": 180000, "OrderSet": 304110000, "PreferenceList": 521000, "DocumentationTemplate": 731000,
    "EarlyWarningScore": 611000, "DecisionRule": 911000, "Navigator": 821000, "VisitType": 411000,
    "PrintGroup": 651000, "ProfileSetting": 951000,
}


def make_variant(reg, std, scope, owner, *, unused=False):
    art = envelope(std["kind"], reg.next_id(std["kind"], VARIANT_ID_START[std["kind"]]), std["name"], scope,
                   copy.deepcopy(std["spec"]), derived_from={"id": std["id"], "revision": std["revision"]},
                   status=std["status"], owner=owner,
                   usage=None if std["kind"] == "ProfileSetting" else random_usage(RNG, unused=unused))
    return reg.add(art)


def dept_owner(shak):
    return DEPT[shak][2]


def std(reg, kind, id_):
    return next(a for a in reg.arts if a["kind"] == kind and a["id"] == id_ and a["scope"]["level"] == "central")


def find_group(spec, gid):
    return next(g for g in spec["groups"] if g["id"] == gid)


def find_item(items, id_):
    return next(i for i in items if i["id"] == id_)


def plant(reg, pid, art, steps, description, matter, drift_class=None, rule=None, *, on_standard=None, item=None,
          code=None, finding=None, divergence=None):
    """Record a planted deviation. steps address the field in art (or in on_standard, for removed items).

    A rule matter (matter rule or both) names the rule that reports it (code) and, where the finding lies
    elsewhere than path (a removed item is reported at its list in the variant), finding: steps into art."""
    if (matter in ("rule", "both")) != bool(code):
        raise ValueError(f"{pid}: a rule matter needs a rule code, and only a rule matter has one")
    entry = {
        "id": pid,
        "file": canonical_path(art),
        "kind": art["kind"],
        "artifact_id": art["id"],
        "path": json_path(on_standard or art, steps),
    }
    if on_standard is not None:
        entry["path_in"] = "standard"
        entry["standard_file"] = canonical_path(on_standard)
    if item:
        entry["item_id"] = item
    entry["description"] = description
    entry["matter"] = matter
    if drift_class:
        entry["drift_class"] = drift_class
    if rule:
        entry["rule"] = rule
    if code:
        entry["rule_code"] = code
    if finding is not None:
        entry["finding_path"] = json_path(art, finding)
    if divergence:
        entry["divergence"] = divergence
    reg.planted.append((entry, art))


def legit(reg, art, steps, description, drift_class):
    reg.legit.append(({"file": canonical_path(art), "kind": art["kind"], "artifact_id": art["id"],
                       "path": json_path(art, steps), "description": description, "drift_class": drift_class}, art))


# which central standards each kind of department takes a copy of
ORDERSETS_FOR = {
    ("kardiologi", "sengeafsnit"): ["akk", "trombose", "hypokaliaemi"],
    ("kardiologi", "ambulatorium"): ["hjertesvigt"],
    ("intern medicin", "sengeafsnit"): ["pneumoni", "diabetes", "trombose"],
    ("nefrologi", "sengeafsnit"): ["diabetes", "hypokaliaemi"],
    ("neurologi", "sengeafsnit"): ["trombose", "pneumoni"],
    ("gastroenterologi", "sengeafsnit"): ["trombose", "hypokaliaemi"],
    ("geriatri", "sengeafsnit"): ["pneumoni", "trombose"],
    ("ortopædkirurgi", "sengeafsnit"): ["postop", "trombose"],
    ("akutmedicin", "akutmodtagelse"): ["sepsis", "akk", "pneumoni"],
    ("onkologi", "dagafsnit"): ["antiemetika"],
    ("reumatologi", "ambulatorium"): ["methotrexat"],
}
VISITS_FOR = {
    "kardiologi": ["kard_foerste", "kard_kontrol", "kard_video"],
    "lungemedicin": ["lunge_kontrol"],
    "onkologi": ["onk_dag", "onk_tlf"],
    "ortopædkirurgi": ["orto_foerste"],
    "infektionsmedicin": ["inf_tlf"],
    "pædiatri": ["paed_foerste"],
    "reumatologi": ["reuma_kontrol"],
}
PREFLIST_FOR = {
    "sengeafsnit": "intern", "akutmodtagelse": "lab", "dagafsnit": "onkologi",
}
PREFLIST_SPECIAL = {"ortopædkirurgi": "kirurgi"}


def build_variants(reg):
    """Department, hospital and region copies of the standards; all identical to their standard here."""
    out = {}  # (shak or scope key, kind, std key) -> variant

    for shak, hosp, name, specialty, unit_type, *_ in DEPARTMENTS:
        owner = dept_owner(shak)
        sc = scope_dept(shak)
        for key in ORDERSETS_FOR.get((specialty, unit_type), []):
            out[(shak, "OrderSet", key)] = make_variant(reg, std(reg, "OrderSet", ORDER_SETS[key][0]), sc, owner)
        if unit_type in ("sengeafsnit", "akutmodtagelse"):
            out[(shak, "EarlyWarningScore", "toks")] = make_variant(reg, std(reg, "EarlyWarningScore", EWS_ID), sc, owner)
            out[(shak, "Navigator", "indl")] = make_variant(reg, std(reg, "Navigator", NAVIGATORS["indl"][0]), sc, owner)
            out[(shak, "DocumentationTemplate", "indl")] = make_variant(
                reg, std(reg, "DocumentationTemplate", TEMPLATES["indl"][0]), sc, owner)
        if unit_type == "sengeafsnit":
            out[(shak, "Navigator", "udskr")] = make_variant(reg, std(reg, "Navigator", NAVIGATORS["udskr"][0]), sc, owner)
            out[(shak, "Navigator", "overfl")] = make_variant(reg, std(reg, "Navigator", NAVIGATORS["overfl"][0]), sc, owner)
            out[(shak, "DocumentationTemplate", "udskr")] = make_variant(
                reg, std(reg, "DocumentationTemplate", TEMPLATES["udskr"][0]), sc, owner)
            out[(shak, "ProfileSetting", "ORDER_DEFAULT_EXPIRY_DAYS")] = make_variant(
                reg, std(reg, "ProfileSetting", SETTINGS["ORDER_DEFAULT_EXPIRY_DAYS"][0]), sc, owner)
            out[(shak, "ProfileSetting", "TOKS_REMINDER_INTERVAL_HOURS")] = make_variant(
                reg, std(reg, "ProfileSetting", SETTINGS["TOKS_REMINDER_INTERVAL_HOURS"][0]), sc, owner)
        if unit_type == "akutmodtagelse":
            out[(shak, "DocumentationTemplate", "akut")] = make_variant(
                reg, std(reg, "DocumentationTemplate", TEMPLATES["akut"][0]), sc, owner)
        if unit_type in ("ambulatorium", "dagafsnit"):
            out[(shak, "Navigator", "amb")] = make_variant(reg, std(reg, "Navigator", NAVIGATORS["amb"][0]), sc, owner)
            for key in VISITS_FOR.get(specialty, []):
                out[(shak, "VisitType", key)] = make_variant(reg, std(reg, "VisitType", VISIT_TYPES[key][0]), sc, owner)
        if specialty == "kardiologi" and unit_type == "ambulatorium":
            out[(shak, "DocumentationTemplate", "kardamb")] = make_variant(
                reg, std(reg, "DocumentationTemplate", TEMPLATES["kardamb"][0]), sc, owner)
        if unit_type == "dagafsnit":
            out[(shak, "DocumentationTemplate", "onkdag")] = make_variant(
                reg, std(reg, "DocumentationTemplate", TEMPLATES["onkdag"][0]), sc, owner)
        plist = PREFLIST_SPECIAL.get(specialty) or PREFLIST_FOR.get(unit_type)
        if plist:
            out[(shak, "PreferenceList", plist)] = make_variant(
                reg, std(reg, "PreferenceList", PREF_LISTS[plist][0]), sc, owner, unused=(shak == "1301081"))

    # department copies of single medication records
    for shak, key in [("1301011", "enoxaparin"), ("3800011", "metoprolol"), ("1301041", "kalium_iv"),
                      ("3750011", "insulin_aspart"), ("1516070", "methotrexat"), ("1330100", "morfin_inj"),
                      ("1516021", "furosemid_tab"), ("4202011", "paracetamol"), ("3970011", "paracetamol"),
                      ("1301011", "digoxin"), ("3800021", "warfarin")]:
        out[(shak, "Medication", key)] = make_variant(reg, std(reg, "Medication", MED_ID[key]), scope_dept(shak), dept_owner(shak))

    # region and hospital copies
    for region in REGIONS:
        rname = REGIONS[region]["name"]
        for key in ("trombose", "sepsis"):
            out[(region, "DecisionRule", key)] = make_variant(
                reg, std(reg, "DecisionRule", DECISION_RULES[key][0]), scope_region(region), rname)
        for key in ("medliste", "udskrivningsbrev"):
            out[(region, "PrintGroup", key)] = make_variant(
                reg, std(reg, "PrintGroup", PRINT_GROUPS[key][0]), scope_region(region), rname)
        for key in ("NOTE_AUTOSAVE_SECONDS", "PRINT_DUPLEX_MODE", "MED_TALLMAN_LETTERING"):
            out[(region, "ProfileSetting", key)] = make_variant(
                reg, std(reg, "ProfileSetting", SETTINGS[key][0]), scope_region(region), rname)
        out[(region, "Medication", "warfarin")] = make_variant(
            reg, std(reg, "Medication", MED_ID["warfarin"]), scope_region(region), rname)
    for hosp, (region, hname, *_rest) in HOSPITALS.items():
        out[(hosp, "ProfileSetting", "DEFAULT_ROUNDS_START")] = make_variant(
            reg, std(reg, "ProfileSetting", SETTINGS["DEFAULT_ROUNDS_START"][0]), scope_hospital(hosp), hname)
        out[(hosp, "ProfileSetting", "SCHED_SMS_REMINDER_DAYS")] = make_variant(
            reg, std(reg, "ProfileSetting", SETTINGS["SCHED_SMS_REMINDER_DAYS"][0]), scope_hospital(hosp), hname)
        out[(hosp, "PrintGroup", "etiket")] = make_variant(
            reg, std(reg, "PrintGroup", PRINT_GROUPS["etiket"][0]), scope_hospital(hosp), hname)
    for hosp in ("rigshospitalet", "hvidovre", "slagelse-sygehus", "holbaek-sygehus"):
        hname = HOSPITALS[hosp][1]
        out[(hosp, "PrintGroup", "medliste")] = make_variant(
            reg, std(reg, "PrintGroup", PRINT_GROUPS["medliste"][0]), scope_hospital(hosp), hname)
        out[(hosp, "DecisionRule", "kalium")] = make_variant(
            reg, std(reg, "DecisionRule", DECISION_RULES["kalium"][0]), scope_hospital(hosp), hname)
    out[("rigshospitalet", "DecisionRule", "mtx")] = make_variant(
        reg, std(reg, "DecisionRule", DECISION_RULES["mtx"][0]), scope_hospital("rigshospitalet"), "Rigshospitalet")
    out[("herlev-gentofte", "OrderSet", "trombose")] = make_variant(
        reg, std(reg, "OrderSet", ORDER_SETS["trombose"][0]), scope_hospital("herlev-gentofte"), "Herlev og Gentofte Hospital")
    out[("hvidovre", "PrintGroup", "ordreseddel")] = make_variant(
        reg, std(reg, "PrintGroup", PRINT_GROUPS["ordreseddel"][0]), scope_hospital("hvidovre"), "Hvidovre Hospital")
    return out


def build_local_only(reg):
    """Hospital-level local build and user-level personal build (no derived_from)."""
    local = {}
    local["rh_praeop"] = reg.add(envelope(
        "DocumentationTemplate", "732001", "Præoperativ vurdering (RH)", scope_hospital("rigshospitalet"),
        {"mnemonic": ".RHPRAEOP", "template_type": "smarttext",
         "sections": tsections([("anamnese", "Anamnese", True), ("asa", "ASA-klassifikation", True), ("plan", "Plan", True)]),
         "body": "Anamnese: ***\nASA-klasse: {I/II/III/IV:6610}\nFaste fra kl. ***\n\nPlan:\n***"},
        owner="Rigshospitalet, Anæstesiologisk Klinik", usage=random_usage(RNG)))
    local["hol_ortoinfo"] = reg.add(envelope(
        "DocumentationTemplate", "732015", "Information efter knæalloplastik (Holbæk)", scope_hospital("holbaek-sygehus"),
        {"mnemonic": ".HOLKNAEINFO", "template_type": "smartphrase",
         "body": "Du er opereret med nyt knæ @TODAY@.\nGenoptræning starter dagen efter operationen.\n"
                 "Ved spørgsmål kontakt Ortopædkirurgisk Ambulatorium på tlf. ***."},
        owner="Holbæk Sygehus, Ortopædkirurgi", usage=random_usage(RNG)))
    # user-level personal build (reported, never governed)
    local["u_rh_kardio_phrase"] = reg.add(envelope(
        "DocumentationTemplate", "739101", "Min kardiologiske huskeliste", scope_user("1301011", "rhkar0231"),
        {"mnemonic": ".MINKARDIO", "template_type": "smartphrase",
         "body": "Huskeliste:\n- EKG gennemset: ***\n- Ekko bestilt: ***\n- Pårørende orienteret: ***"},
        owner="rhkar0231", usage=random_usage(RNG)))
    local["u_suh_phrase"] = reg.add(envelope(
        "DocumentationTemplate", "739117", "Mit status-notat", scope_user("3800021", "suhmed112"),
        {"mnemonic": ".MITSTATUS", "template_type": "smartphrase",
         "body": "Status @TODAY@: @TOKS@\nPlan for natten: ***"},
        owner="suhmed112", usage=random_usage(RNG)))
    local["u_hvh_pref"] = reg.add(envelope(
        "PreferenceList", "529101", "Mine favoritter - gastro", scope_user("1330011", "hvdgas4711"),
        {"list_type": "medicin", "specialty": "gastroenterologi", "entries": [
            pentry("1", "pantoprazol", dose=(40, "mg"), freq="2 gange dagligt", route="PO"),
            pentry("2", "ondansetron", dose=(4, "mg"), freq="efter behov", route="PO"),
            pentry("3", "paracetamol", dose=(1000, "mg"), freq="4 gange dagligt", route="PO")]},
        owner="hvdgas4711", usage=random_usage(RNG)))
    local["u_suh_pref"] = reg.add(envelope(
        "PreferenceList", "529118", "Mine favoritter - hjerte", scope_user("3800011", "suhkar07"),
        {"list_type": "medicin", "specialty": "kardiologi", "entries": [
            pentry("1", "metoprolol", dose=(100, "mg"), freq="1 gang dagligt", route="PO"),
            pentry("2", "furosemid_tab", dose=(40, "mg"), freq="1 gang dagligt", route="PO"),
            pentry("3", "atorvastatin", dose=(80, "mg"), freq="1 gang dagligt", route="PO"),
            pentry("4", "asa", dose=(75, "mg"), freq="1 gang dagligt", route="PO")]},
        owner="suhkar07", usage=random_usage(RNG)))
    local["u_rh_orderset"] = reg.add(envelope(
        "OrderSet", "309900101", "Mit ordresæt - hjertesvigt", scope_user("1301012", "rhkar0517"),
        {"indication": "Personlig favorit", "groups": [group("1", "Favoritter", MANY, False, [
            line("1", "furosemid_tab", 40, "mg", "1 gang dagligt", "PO", True),
            line("2", "metoprolol", 50, "mg", "1 gang dagligt", "PO", True)], local=True)]},
        owner="rhkar0517", usage=random_usage(RNG)))
    return local


def plant_deviations(reg, v, local):
    """Plant the deviations. Every variant not touched here stays identical to its standard."""
    S = lambda kind, id_: std(reg, kind, id_)  # noqa: E731

    # P01 dose changed on a standard order line
    a = v[("1516025", "OrderSet", "hjertesvigt")]
    find_item(find_group(a["spec"], "100")["lines"], "1001")["dose"]["value"] = 80
    plant(reg, "P01", a, ["spec", "groups", ("id", "100"), "lines", ("id", "1001"), "dose", "value"],
          "Standard order line furosemid 40 mg changed to 80 mg in a locked standard group.", "both", "violation",
          "standard order set groups are locked", code="ORD001")

    # P02 early warning band points changed
    a = v[("4202011", "EarlyWarningScore", "toks")]
    param = find_item(a["spec"]["parameters"], "respiration_rate")
    find_item(param["bands"], "4")["points"] = 1
    plant(reg, "P02", a, ["spec", "parameters", ("id", "respiration_rate"), "bands", ("id", "4"), "points"],
          "TOKS respiration rate band 21-24/min scores 1 point instead of 2.", "both", "violation",
          "early-warning bands and points must equal the standard", code="EWS001")

    # P03 lokalaftale without approver
    a = v[("1330011", "EarlyWarningScore", "toks")]
    a["spec"]["escalation"] = {"target": "Gastroenterologisk forvagt", "observation_frequency": "hver 2. time ved TOKS 3-5",
                               "agreement": "Ved TOKS 3-5 tilkaldes gastroenterologisk forvagt i dagtiden.",
                               "expires": "2027-12-31"}
    plant(reg, "P03", a, ["spec", "escalation"],
          "Escalation lokalaftale has no approver.", "both", "adaptation", "lokalaftaler need an approver and expiry",
          code="EWS002")

    # P04 expired lokalaftale
    a = v[("3750011", "EarlyWarningScore", "toks")]
    a["spec"]["escalation"] = {"target": "Medicinsk bagvagt", "observation_frequency": "hver time ved TOKS 3-5",
                               "agreement": "Medicinsk bagvagt tilkaldes direkte ved TOKS 6 eller derover.",
                               "approver": "Ledende overlæge, Medicinsk Afdeling", "expires": "2024-06-30"}
    plant(reg, "P04", a, ["spec", "escalation", "expires"],
          "Escalation lokalaftale expired on 2024-06-30.", "both", "adaptation", "lokalaftaler must not be expired",
          code="EWS003")

    # P05 standard group removed
    a = v[("3970100", "OrderSet", "sepsis")]
    standard = S("OrderSet", ORDER_SETS["sepsis"][0])
    a["spec"]["groups"] = [g for g in a["spec"]["groups"] if g["id"] != "200"]
    plant(reg, "P05", a, ["spec", "groups", ("id", "200")],
          "Required standard group 'Væsketerapi' removed from the sepsis order set.", "both", "removed-standard-item",
          "standard order set groups are locked", code="ORD001", finding=["spec", "groups"],
          on_standard=standard, item="200")

    # P06 mandatory order line removed
    a = v[("3800011", "OrderSet", "akk")]
    standard = S("OrderSet", ORDER_SETS["akk"][0])
    g = find_group(a["spec"], "100")
    g["lines"] = [ln for ln in g["lines"] if ln["id"] != "1003"]
    plant(reg, "P06", a, ["spec", "groups", ("id", "100"), "lines", ("id", "1003")],
          "Ticagrelor loading-dose line removed from the required antithrombotic group.", "both", "removed-standard-item",
          "standard order set groups are locked", code="ORD001", finding=["spec", "groups", ("id", "100"), "lines"],
          on_standard=standard, item="1003")

    # P07 fake CPR number in a template body
    a = v[("1301081", "DocumentationTemplate", "indl")]
    a["spec"]["body"] = a["spec"]["body"].replace(
        "indlagt med ***.", "indlagt med ***.\nEksempel fra undervisning: pt. 010101-1234 (FIKTIVT TEST-CPR) med apopleksi.")
    plant(reg, "P07", a, ["spec", "body"],
          "Template body contains a CPR number (fictitious test number 010101-1234).", "both", "adaptation",
          "documentation templates contain no CPR numbers", code="DOC001")

    # P08 personal name in a local template
    a = local["hol_ortoinfo"]
    a["spec"]["body"] = a["spec"]["body"].replace(
        "på tlf. ***.", "på tlf. ***.\nDin kontaktperson er sygeplejerske Hanne Kristensen.")
    plant(reg, "P08", a, ["spec", "body"],
          "Hospital-level SmartPhrase contains a personal name (fictitious: Hanne Kristensen).", "rule", None,
          "documentation templates contain no personal names", code="DOC002")

    # P09 high-alert medication without double check
    a = v[("3750011", "Medication", "insulin_aspart")]
    a["spec"]["double_check"] = False
    plant(reg, "P09", a, ["spec", "double_check"],
          "High-alert insulin aspart with double check switched off.", "both", "violation",
          "high-alert medications need double check", code="MED001")

    # P10 tablet optimisation on a high-alert drug
    a = v[("1516070", "Medication", "methotrexat")]
    a["spec"]["tablet_optimisation"] = True
    plant(reg, "P10", a, ["spec", "tablet_optimisation"],
          "Tablet optimisation ('fewest tablets') switched on for high-alert methotrexat.", "both", "violation",
          "no tablet optimisation on high-alert drugs", code="MED002")

    # P11 default dose outside the dose range
    a = v[("1330100", "Medication", "morfin_inj")]
    a["spec"]["default_dose"]["value"] = 20
    plant(reg, "P11", a, ["spec", "default_dose", "value"],
          "Morfin default dose 20 mg is outside the dose range 2.5-10 mg.", "both", "adaptation",
          "default doses within the medication's range", code="MED003")

    # P12 locked field (route) changed
    a = v[("1516021", "Medication", "furosemid_tab")]
    a["spec"]["route"] = "IV"
    plant(reg, "P12", a, ["spec", "route"],
          "Locked route of furosemid tablets changed from PO to IV.", "both", "violation",
          "locked product fields of a medication equal the standard", code="MED006")

    # P13 adaptable field within bounds
    a = v[("3800034", "VisitType", "kard_kontrol")]
    a["spec"]["duration_minutes"] = 45
    plant(reg, "P13", a, ["spec", "duration_minutes"],
          "Visit duration 30 -> 45 minutes, within the allowed 10-120 (a legitimate adaptation).", "drift", "adaptation")

    # P14 adaptable field out of bounds
    a = v[("1516050", "VisitType", "onk_dag")]
    a["spec"]["duration_minutes"] = 240
    plant(reg, "P14", a, ["spec", "duration_minutes"],
          "Visit duration 120 -> 240 minutes, outside the allowed 10-120.", "both", "out-of-bounds",
          "visit duration within 10-120 minutes", code="VIS002")

    # P15 local addition in the designated local group
    a = v[("1309031", "OrderSet", "pneumoni")]
    find_group(a["spec"], "900")["lines"].append(
        line("9002", "ondansetron", 4, "mg", "efter behov", "PO", False, "Ved kvalme"))
    plant(reg, "P15", a, ["spec", "groups", ("id", "900"), "lines", ("id", "9002")],
          "Extra line (ondansetron) added to the designated local group.", "drift", "local-addition")

    # P16 variant derived from an old standard revision
    a = v[("3970011", "EarlyWarningScore", "toks")]
    a["derived_from"]["revision"] = "2025.4"
    plant(reg, "P16", a, ["derived_from", "revision"],
          "Variant copied from TOKS revision 2025.4; the standard is at 2026.2.", "both", "stale",
          "a local copy is brought up to its standard's revision", code="BLD007")

    # P17 order line referencing a medication that does not exist
    a = v[("3800100", "OrderSet", "sepsis")]
    g = find_group(a["spec"], "900")
    g["lines"].append({"id": "9002", "medication": NONEXISTENT_MED_ID, "dose": q(1, "g"), "frequency": "engangsdosis",
                       "route": "IV", "default_selected": False, "comment": "Metronidazol ved abdominalt fokus"})
    plant(reg, "P17", a, ["spec", "groups", ("id", "900"), "lines", ("id", "9002"), "medication"],
          f"Local order line references medication {NONEXISTENT_MED_ID}, which does not exist.", "both", "local-addition",
          "referenced medication exists, is a Medication and is active", code="ORD002")

    # P18 preference list entry referencing a retired medication
    a = v[("1330011", "PreferenceList", "intern")]
    a["spec"]["entries"].append(pentry("12", "dextropropoxyphen", dose=(65, "mg"), freq="efter behov", route="PO"))
    plant(reg, "P18", a, ["spec", "entries", ("id", "12"), "medication"],
          "Preference list entry references retired medication dextropropoxyphen.", "both", "local-addition",
          "referenced medication exists, is a Medication and is active", code="PRF001")

    # P19 department with an invalid SHAK code
    a = next(d for d in reg.arts if d["kind"] == "Department" and d["spec"]["shak_code"] == "1309042")
    a["spec"]["shak_code"] = "130942"
    plant(reg, "P19", a, ["spec", "shak_code"],
          "Department SHAK code '130942' is malformed (6 characters; should be 1309042); the variants at "
          "department 1309042 then match no Department record.", "rule", None,
          "every department maps to a valid SOR/SHAK code", code="ORG001")

    # P20 shared build referencing user-level personal build
    a = v[("1301011", "Navigator", "indl")]
    a["spec"]["sections"].append(nsec("kardio_huskeliste", "Kardiologisk huskeliste", False,
                                      template=local["u_rh_kardio_phrase"]["id"]))
    plant(reg, "P20", a, ["spec", "sections", ("id", "kardio_huskeliste"), "template"],
          "Department navigator section uses a user's personal SmartPhrase (.MINKARDIO).", "both", "local-addition",
          "no user-level build referenced from shared build", code="BLD001")

    # P21 navigator missing the mandatory medicinafstemning section
    a = v[("4202011", "Navigator", "udskr")]
    standard = S("Navigator", NAVIGATORS["udskr"][0])
    a["spec"]["sections"] = [s for s in a["spec"]["sections"] if s["id"] != "medicinafstemning"]
    plant(reg, "P21", a, ["spec", "sections", ("id", "medicinafstemning")],
          "Discharge navigator lacks the mandatory medicinafstemning section.", "both", "removed-standard-item",
          "medication reconciliation is mandatory at transfer and discharge", on_standard=standard, item="medicinafstemning",
          code="NAV004", finding=["spec", "sections"])

    # P22 preference list default contradicting the medication record
    a = v[("3970011", "PreferenceList", "intern")]
    find_item(a["spec"]["entries"], "1")["default_dose"]["value"] = 2000
    plant(reg, "P22", a, ["spec", "entries", ("id", "1"), "default_dose", "value"],
          "Paracetamol entry proposes 2000 mg; the medication record allows 500-1000 mg.", "both", "adaptation",
          "preference list defaults must not contradict the medication record", code="PRF001")

    # P23 safety alert changed locally
    a = v[("rigshospitalet", "DecisionRule", "mtx")]
    a["spec"]["override_reasons"].append("Andet - se journal")
    plant(reg, "P23", a, ["spec", "override_reasons", 0],
          "Free-text override reason added to the locked methotrexat safety alert.", "both", "violation",
          "safety alerts are locked", code="BPA002", finding=["spec", "override_reasons"])

    # P24 safety-relevant setting changed at department level
    a = v[("1516021", "ProfileSetting", "ORDER_DEFAULT_EXPIRY_DAYS")]
    a["spec"]["value"] = 3
    plant(reg, "P24", a, ["spec", "value"],
          "Forced order expiry (3 days) set at department level on a safety-relevant setting.", "both", "violation",
          "safety-relevant settings are locked at department level", code="PRO001")

    # P25 medication content removed from a print group
    a = v[("slagelse-sygehus", "PrintGroup", "medliste")]
    standard = S("PrintGroup", PRINT_GROUPS["medliste"][0])
    a["spec"]["blocks"] = [b for b in a["spec"]["blocks"] if b["id"] != "pauseret"]
    plant(reg, "P25", a, ["spec", "blocks", ("id", "pauseret")],
          "'Pauseret medicin' block removed from the discharge medication list.", "both", "removed-standard-item",
          "medication list content is locked", code="PRT001", finding=["spec", "blocks"],
          on_standard=standard, item="pauseret")

    # P26 adaptable frequency outside its enum
    a = v[("4202011", "Medication", "paracetamol")]
    a["spec"]["frequency"] = "5 gange dagligt"
    plant(reg, "P26", a, ["spec", "frequency"],
          "Default frequency '5 gange dagligt' is not one of the allowed frequencies.", "both", "out-of-bounds",
          "default frequency is one of the common frequencies", code="MED007")

    # P27 a local variant nobody has used for months
    a = v[("1301081", "PreferenceList", "intern")]
    plant(reg, "P27", a, ["usage", "last_used"],
          f"Preference list unused: 0 uses in 90 days, last used {a['usage']['last_used']}.", "rule", None,
          "unused build (no use for half a year)", code="BLD002")

    # ---- legitimate differences (not planted faults) ----
    a = v[("3970011", "Medication", "paracetamol")]
    a["spec"]["frequency"] = "3 gange dagligt"
    legit(reg, a, ["spec", "frequency"], "Default frequency 3 gange dagligt, within the enum.", "adaptation")

    a = v[("1301011", "EarlyWarningScore", "toks")]
    a["spec"]["escalation"] = {"target": "Kardiologisk forvagt", "observation_frequency": "hver time ved TOKS 3-5",
                               "agreement": "Kardiologisk forvagt tilkaldes før vagthavende læge ved TOKS 3-5.",
                               "approver": "Klinikchef, Kardiologisk Klinik", "expires": "2028-06-30"}
    legit(reg, a, ["spec", "escalation"], "Lokalaftale with approver and expiry.", "adaptation")
    a = v[("3800100", "EarlyWarningScore", "toks")]
    a["spec"]["escalation"] = {"target": "Akutteam", "observation_frequency": "hver 30. minut ved TOKS 6 eller derover",
                               "agreement": "Akutteamet tilkaldes direkte fra triage ved TOKS 6 eller derover.",
                               "approver": "Ledende overlæge, Fælles Akutmodtagelse", "expires": "2028-12-31"}
    legit(reg, a, ["spec", "escalation"], "Lokalaftale with approver and expiry.", "adaptation")

    a = v[("1309031", "Navigator", "indl")]
    a["spec"]["sections"].append(nsec("geriatrisk_screening", "Geriatrisk screening (funktionsevne)", False,
                                      condition="alder >= 75"))
    legit(reg, a, ["spec", "sections", ("id", "geriatrisk_screening")], "Optional local section added.", "local-addition")

    a = v[("1301011", "DocumentationTemplate", "indl")]
    a["spec"]["body"] = a["spec"]["body"].replace("TOKS: @TOKS@\n", "TOKS: @TOKS@\nEKG: ***\n")
    legit(reg, a, ["spec", "body"], "EKG line added to the body.", "adaptation")

    for region, depts in (("hovedstaden", ["1301011", "1301081", "1516021", "1330011"]),
                          ("sjaelland", ["3800011", "3800021", "3750011", "4202011"])):
        a = v[(region, "DecisionRule", "trombose")]
        a["spec"]["departments"] = list(depts)
        legit(reg, a, ["spec", "departments"], "Rule switched on for the region's medical wards.", "adaptation")
        a = v[(region, "PrintGroup", "medliste")]
        a["spec"]["layout"]["logo"] = REGIONS[region]["name"]
        legit(reg, a, ["spec", "layout", "logo"], "Region logo on the printed medication list.", "adaptation")

    a = v[("sjaelland", "ProfileSetting", "NOTE_AUTOSAVE_SECONDS")]
    a["spec"]["value"] = 30
    legit(reg, a, ["spec", "value"], "Non-safety setting changed at region level.", "adaptation")
    a = v[("hovedstaden", "ProfileSetting", "PRINT_DUPLEX_MODE")]
    a["spec"]["value"] = "on"
    legit(reg, a, ["spec", "value"], "Non-safety setting changed at region level (value 'on' must stay a string).",
          "adaptation")
    for hosp, start in (("rigshospitalet", "0830"), ("nykoebing-f-sygehus", "0745")):
        a = v[(hosp, "ProfileSetting", "DEFAULT_ROUNDS_START")]
        a["spec"]["value"] = start
        legit(reg, a, ["spec", "value"], f"Rounds start at {start} (value must stay a string).", "adaptation")
    a = v[("rigshospitalet", "PrintGroup", "etiket")]
    a["spec"]["layout"]["font_size"] = 9
    legit(reg, a, ["spec", "layout", "font_size"], "Label font size 9.", "adaptation")

    a = v[("1330052", "VisitType", "inf_tlf")]
    a["spec"]["booking_notes"] = "Patienten ringes op fra afsnit 144.\nHusk tolk ved behov."
    legit(reg, a, ["spec", "booking_notes"], "Local booking note (a local field: free, no finding).", "local")
    a = v[("3800034", "VisitType", "kard_video")]
    a["spec"]["contact_type"] = "telefon"
    legit(reg, a, ["spec", "contact_type"], "Video consultation offered by phone.", "adaptation")

    clean = [
        v[("1301012", "OrderSet", "hjertesvigt")], v[("1301011", "Medication", "enoxaparin")],
        v[("3800011", "Medication", "metoprolol")], v[("1516021", "EarlyWarningScore", "toks")],
        v[("1516021", "Navigator", "udskr")], v[("3800021", "Navigator", "udskr")],
        v[("1330052", "Navigator", "amb")], v[("hvidovre", "DecisionRule", "kalium")],
        v[("hvidovre", "PrintGroup", "ordreseddel")], v[("herlev-gentofte", "OrderSet", "trombose")],
        v[("3750011", "ProfileSetting", "ORDER_DEFAULT_EXPIRY_DAYS")], v[("1309061", "PreferenceList", "kirurgi")],
        v[("4202045", "VisitType", "paed_foerste")], v[("3800061", "DocumentationTemplate", "onkdag")],
    ]
    return clean


def plant_identity_swaps(reg, v):
    """A standard entry of an adaptable list that keeps its id but offers something else (the
    list's x-identity-bound fields are locked while the entry is the standard's)."""
    # P29 look-alike swap: the emergency lab package's P-Kalium entry now orders P-Calcium
    a = v[("1330100", "PreferenceList", "lab")]
    find_item(a["spec"]["entries"], "2")["order"] = "NPU01443 P-Calcium"
    plant(reg, "P29", a, ["spec", "entries", ("id", "2"), "order"],
          "Look-alike swap in the emergency lab package: standard entry 2 (P-Kalium) now orders P-Calcium.",
          "both", "violation", "a standard entry keeps what it offers", code="PRF003")


def plant_envelope_deviations(reg, v):
    """Deviations through the envelope: its fields have governance contracts as spec's do."""
    # P28 a department switches its copy of TOKS off (status) while every field of spec is unchanged
    a = v[("1309061", "EarlyWarningScore", "toks")]
    a["status"] = "inactive"
    plant(reg, "P28", a, ["status"],
          "Department copy of TOKS set to inactive while the standard is active: early warning switched off "
          "through the envelope.", "both", "violation", "a local copy keeps its standard's status", code="BLD006")


def plant_org_integrity(reg, v, local):
    """Organisation integrity (issue #15 item 5: ORG007, ORG008) and a lokalaftale about to expire
    (item 8: EWS005). Returns the artifacts that must stay clean under these rules."""
    # ORG007: a lung-medicine day unit moved from Bispebjerg to Hvidovre kept its Bispebjerg SHAK code.
    # A new Department (no variants point at it), id and SOR code outside the generated ranges.
    region, hname, _hshak, hsor, short = HOSPITALS["hvidovre"]
    moved = reg.add(envelope(
        "Department", "20100901", "Lungemedicinsk Dagafsnit, Hvidovre", scope_hospital("hvidovre"),
        {"sor_code": "59011000016901", "shak_code": "1309071", "hospital": "hvidovre", "hospital_sor": hsor,
         "specialty": "lungemedicin", "unit_type": "dagafsnit",
         "contact": {"phone": "38 62 71 00", "email": "%s-1309071@regionh.dk" % short.lower(),
                     "location": "Afsnit 171, 1. sal"}},
        owner=f"{hname}, Organisation og Data"))
    plant(reg, "P-ORG1", moved, ["spec", "shak_code"],
          "Department at Hvidovre (hospital code 1330) has Bispebjerg's SHAK code 1309071 (kept when the unit moved).",
          "rule", None, "a department's SHAK code begins with its parent hospital's code", code="ORG007")

    # ORG008: Holbæk's orthopaedic first visit filed under Slagelse Sygehus (scope kept from a copied build).
    a = v[("3750032", "VisitType", "orto_foerste")]
    a["scope"] = dict(a["scope"], hospital="slagelse-sygehus")
    plant(reg, "P-ORG2", a, ["scope", "hospital"],
          "Variant scoped to department 3750032 (Holbæk Sygehus) under hospital slagelse-sygehus.",
          "rule", None, "a scope names an existing department under its hospital and region", code="ORG008")

    # ORG008, consequences of P19: the variants at department 1309042 match no Department record,
    # since that department's SHAK code is written 130942.
    for pid, key in (("P-ORG3", ("1309042", "Navigator", "amb")), ("P-ORG4", ("1309042", "VisitType", "lunge_kontrol"))):
        a = v[key]
        plant(reg, pid, a, ["scope", "department"],
              "Variant at department 1309042, which no Department has as SHAK code (P19 wrote it 130942).",
              "rule", None, "a scope names an existing department under its hospital and region", code="ORG008")

    # EWS005: a lokalaftale 27 days before it expires (the example's date is 2026-11-23).
    a = v[("1516100", "EarlyWarningScore", "toks")]
    a["spec"]["escalation"] = {"target": "Akutteam", "observation_frequency": "hver 30. minut ved TOKS 6 eller derover",
                               "agreement": "Akutteamet tilkaldes direkte ved TOKS 6 eller derover.",
                               "approver": "Ledende overlæge, Akutmodtagelsen Herlev", "expires": "2026-12-20"}
    plant(reg, "P-EWS1", a, ["spec", "escalation", "expires"],
          "Escalation lokalaftale expires on 2026-12-20, within 30 days.", "both", "adaptation",
          "lokalaftaler expiring within 30 days are warned about", code="EWS005")

    # clean: a Gentofte unit of Herlev og Gentofte Hospital (SHAK 1516, the name says Gentofte),
    # and personal build at an existing department
    gentofte = next(a for a in reg.arts if a["kind"] == "Department" and a["id"] == "20100102")
    return [gentofte, local["u_rh_kardio_phrase"]]


# ---------------------------------------------------------------------------
# Personal data in template texts (issue #15 item 7): names outside the old fixed list of first
# names, a title with a surname, a fictitious CPR number that satisfies modulus 11, and
# CPR-shaped numbers with impossible dates that must not be reported. Only artifacts no other
# plant touches.
# ---------------------------------------------------------------------------

def plant_personal_data(reg, v):
    """Plant PD1-PD3 and their clean counter-example (a legitimate difference)."""
    # PD1 a common first name and surname, the first name outside the old list of twenty-odd
    a = v[("3800021", "DocumentationTemplate", "udskr")]
    a["spec"]["body"] = a["spec"]["body"].replace(
        "Opfølgning:\n***", "Opfølgning:\nKontrol i ambulatoriet hos Ida Mortensen om 3 måneder.\n***")
    plant(reg, "PD1", a, ["spec", "body"],
          "Discharge note body names a person by first name and surname (fictitious: Ida Mortensen).",
          "both", "adaptation", "documentation templates contain no personal names", code="DOC002")

    # PD2 a clinical title and a surname
    a = v[("1516100", "DocumentationTemplate", "akut")]
    a["spec"]["body"] = a["spec"]["body"].replace(
        "Plan og visitation:\n***", "Plan og visitation:\nVisitation aftales med overlæge Jensen.\n***")
    plant(reg, "PD2", a, ["spec", "body"],
          "Emergency triage note body names a doctor by title and surname (fictitious: overlæge Jensen).",
          "both", "adaptation", "documentation templates contain no personal names", code="DOC002")

    # PD3 an obviously fake CPR number with a real date (11-11-1911) that satisfies modulus 11
    a = v[("3800034", "DocumentationTemplate", "kardamb")]
    a["spec"]["body"] = a["spec"]["body"].replace(
        "EKG: ***\n", "EKG: ***\nEksempel til oplæring: pt. 111111-1118 (FIKTIVT TEST-CPR).\n")
    plant(reg, "PD3", a, ["spec", "body"],
          "Template body contains a CPR number whose modulus-11 check holds (fictitious test number 111111-1118).",
          "both", "adaptation", "documentation templates contain no CPR numbers", code="DOC001")

    # clean counter-example: CPR-shaped numbers with impossible dates (31 February; 29 February
    # 1900, the 7th digit 1 giving the 1900s), and a title before a department, not a name
    a = v[("1309031", "DocumentationTemplate", "udskr")]
    a["spec"]["body"] = a["spec"]["body"].replace(
        "Ændringer under indlæggelsen: ***\n",
        "Ændringer under indlæggelsen: ***\nApoteksbestilling nr. 310299-4711 og 290200-1234.\n"
        "Ved forværring kontaktes vagthavende læge Medicinsk Afdeling.\n")
    legit(reg, a, ["spec", "body"], "Order numbers shaped like CPR numbers but with impossible dates, and a "
          "title before a department name: no personal data.", "adaptation")


# ---------------------------------------------------------------------------
# Personal build hidden inside template text (issue #15 item 6): a SmartPhrase token (.MNEMONIC)
# in a shared template's body that resolves only to personal (user-level) build, one that
# resolves to nothing, and a clean counter-example. Only artifacts no other plant touches.
# ---------------------------------------------------------------------------

def plant_regional_split(reg, v):
    """Cross-region divergence (issue #15 item 4): every Region Sjælland hospital sends the SMS
    reminder before an ambulatory visit 2 days ahead instead of the standard's 3, while every
    Hovedstaden hospital keeps 3. Each copy's change is an allowed adaptation (the value is
    adaptable: the setting is not safety-relevant); the split between the regions is UNI001's
    finding and a divergence in drift's report (each entry names its level)."""
    for hosp in sorted(h for h, (region, *_rest) in HOSPITALS.items() if region == "sjaelland"):
        a = v[(hosp, "ProfileSetting", "SCHED_SMS_REMINDER_DAYS")]
        a["spec"]["value"] = 2
        plant(reg, f"UNI1-{hosp}", a, ["spec", "value"],
              "Region Sjælland's copies of the SMS reminder send it 2 days before the visit, Region "
              "Hovedstaden's keep the standard's 3: an allowed adaptation in each copy, a split between the "
              "regions.", "both", "adaptation", "copies of a standard are not split by region", code="UNI001",
              divergence="region")


def plant_embedded_tokens(reg, v):
    """Plant TOK1-TOK2 and their clean counter-example (a legitimate difference)."""
    # TOK1 a department's discharge note embeds a cardiologist's personal checklist phrase
    a = v[("1301011", "DocumentationTemplate", "udskr")]
    a["spec"]["body"] = a["spec"]["body"].replace("Opfølgning:\n***", "Opfølgning:\n.MINKARDIO\n***")
    plant(reg, "TOK1", a, ["spec", "body"],
          "Department discharge note embeds .MINKARDIO, a SmartPhrase that exists only as one user's "
          "personal build (DocumentationTemplate 739101).",
          "both", "adaptation", "shared template text does not use personal SmartPhrases", code="BLD008")

    # TOK2 a department's admission note embeds a phrase no template has (misspelt or deleted)
    a = v[("3800011", "DocumentationTemplate", "indl")]
    a["spec"]["body"] = a["spec"]["body"].replace(
        "Objektiv undersøgelse:\n", "Objektiv undersøgelse:\n.KARDIOSTATUS\n")
    plant(reg, "TOK2", a, ["spec", "body"],
          "Admission note embeds .KARDIOSTATUS, a SmartPhrase no documentation template has: inserted as "
          "plain text, its content missing.",
          "both", "adaptation", "SmartPhrases in template text exist", code="DOC006")

    # clean counter-example: a shared phrase (.MEDAFSTEM, central), and full stops before capital
    # words that are no tokens
    a = v[("1330011", "DocumentationTemplate", "indl")]
    a["spec"]["body"] = a["spec"]["body"].replace(
        "Medicinafstemning foretaget: {Ja/Nej:1234}\n",
        "Medicinafstemning foretaget: {Ja/Nej:1234}\n.MEDAFSTEM\nSe afsnittets instruks. OBS ved "
        "nyresvigt.EKG tages ved indlæggelse.\n")
    legit(reg, a, ["spec", "body"], "A shared SmartPhrase (.MEDAFSTEM, central) embedded in the body, and "
          "sentences ending in a full stop before a capital word: no token problem.", "adaptation")


# ---------------------------------------------------------------------------
# Export writers
# ---------------------------------------------------------------------------

LEVEL_CSV = {"central": "CENTRAL", "region": "REGION", "hospital": "HOSPITAL", "department": "AFDELING", "user": "BRUGER"}
LEVEL_JSON = {"central": "C", "region": "R", "hospital": "H", "department": "D", "user": "U"}
STATUS_DA = {"active": "Aktiv", "draft": "Kladde", "inactive": "Inaktiv", "retired": "Udgået"}
STATUS_EN = {"active": "ACTIVE", "draft": "DRAFT", "inactive": "INACTIVE", "retired": "RETIRED"}


def inverse(d):
    return {v: k for k, v in d.items()}


def hospital_name(slug):
    return HOSPITALS[slug][1] if slug else ""


def hospital_code(slug):
    return HOSPITALS[slug][2] if slug else ""


def messy(text, rng, p=0.25):
    """Free text sometimes gets trailing spaces (as spreadsheet exports do)."""
    if text and rng.random() < p:
        return text + " " * rng.randint(1, 3)
    return text


def shuffled(d, rng):
    items = list(d.items())
    rng.shuffle(items)
    return dict(items)


def envelope_columns_csv(art, rng):
    sc = art["scope"]
    df = art.get("derived_from", {})
    return {
        "NIVEAU": LEVEL_CSV[sc["level"]],
        "REGION": REGIONS[sc["region"]]["name"] if "region" in sc else "",
        "HOSPITAL": hospital_name(sc.get("hospital")),
        "AFDELING_SHAK": sc.get("department", ""),
        "REVISION": art.get("revision", ""),
        "AFLEDT_AF_ID": df.get("id", ""),
        "AFLEDT_AF_REV": df.get("revision", ""),
        "STATUS": STATUS_DA[art["status"]],
        "EJER": messy(art.get("owner", ""), rng),
    }


def usage_csv(art):
    u = art.get("usage", {})
    return {"ANTAL_90D": str(u["uses_90d"]) if "uses_90d" in u else "", "SIDST_BRUGT": u.get("last_used", "")}


def export_csv(region):
    ts, user, batch = EXPORT_INFO[region]
    return {"EKSPORT_TIDSPUNKT": ts, "EKSPORTERET_AF": user, "EKSPORT_BATCH": batch}


def write_csv(path, header, rows, encoding="utf-8-sig"):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(col, "") for col in header])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode(encoding))


# ---- Medication: CSV wide ----

MED_COLUMNS = ["ERX_ID", "ERX_NAVN", "ATC_KODE", "GENERISK_NAVN", "DISPENSERINGSFORM", "STYRKE", "STYRKE_ENHED",
               "ADM_VEJ", "STD_DOSIS", "STD_DOSIS_ENHED", "MIN_DOSIS", "MAKS_DOSIS", "DOSIS_ENHED", "STD_FREKVENS",
               "TILLADTE_FREKVENSER", "RISIKOSITUATIONSLAEGEMIDDEL", "DOBBELTKONTROL", "TABLETOPTIMERING", "ETIKETTEKST",
               "NIVEAU", "REGION", "HOSPITAL", "AFDELING_SHAK", "REVISION", "AFLEDT_AF_ID", "AFLEDT_AF_REV", "STATUS", "EJER",
               "ANTAL_90D", "SIDST_BRUGT", "EKSPORT_TIDSPUNKT", "EKSPORTERET_AF", "EKSPORT_BATCH"]


def medication_rows(arts, region, rng):
    rows = []
    for a in arts:
        s = a["spec"]
        row = {"ERX_ID": a["id"], "ERX_NAVN": messy(a["name"], rng), "ATC_KODE": s["atc"],
               "GENERISK_NAVN": s["generic_name"], "DISPENSERINGSFORM": s["form"],
               "STYRKE": dk_number(s["strength"]["value"]), "STYRKE_ENHED": s["strength"]["unit"], "ADM_VEJ": s["route"],
               "STD_DOSIS": dk_number(s["default_dose"]["value"]), "STD_DOSIS_ENHED": s["default_dose"]["unit"],
               "MIN_DOSIS": dk_number(s["dose_range"]["min"]), "MAKS_DOSIS": dk_number(s["dose_range"]["max"]),
               "DOSIS_ENHED": s["dose_range"]["unit"], "STD_FREKVENS": s["frequency"],
               "TILLADTE_FREKVENSER": "|".join(s["allowed_frequencies"]),
               "RISIKOSITUATIONSLAEGEMIDDEL": jn(s["high_alert"]), "DOBBELTKONTROL": jn(s["double_check"]),
               "TABLETOPTIMERING": jn(s["tablet_optimisation"]), "ETIKETTEKST": s["label_text"]}
        row.update(envelope_columns_csv(a, rng))
        row.update(usage_csv(a))
        row.update(export_csv(region))
        rows.append(row)
    return rows


def profile_scope_csv(dept_col="AFDELING_SHAK"):
    return {
        "scope.level": {"from": "NIVEAU", "values": inverse(LEVEL_CSV)},
        "scope.region": {"from": "REGION", "values": {v["name"]: k for k, v in REGIONS.items()}},
        "scope.hospital": {"from": "HOSPITAL", "values": {v[1]: k for k, v in HOSPITALS.items()}},
        "scope.department": dept_col,
        "revision": "REVISION",
        "derived_from.id": "AFLEDT_AF_ID",
        "derived_from.revision": "AFLEDT_AF_REV",
        "status": {"from": "STATUS", "values": inverse(STATUS_DA)},
        "owner": "EJER",
    }


CSV_DK = {"delimiter": ";", "decimal": ",", "encoding": "utf-8", "layout": "wide"}
META_CSV = {"exported_at": "EKSPORT_TIDSPUNKT", "exported_by": "EKSPORTERET_AF", "export_batch": "EKSPORT_BATCH"}
JN = {"J": True, "N": False}

PROFILE_MEDICATION = {
    "profile": "erx-medicin-csv",
    "description": "Medicinstamdata (ERX), Excel-eksport fra CIMT og regionerne: en række pr. præparat",
    "format": "csv",
    "match": ["*/ERX_medicin_*.csv"],
    "csv": CSV_DK,
    "kind": "Medication",
    "fields": {
        "id": "ERX_ID", "name": "ERX_NAVN",
        **profile_scope_csv(),
        "spec.generic_name": "GENERISK_NAVN", "spec.atc": "ATC_KODE", "spec.form": "DISPENSERINGSFORM",
        "spec.strength.value": "STYRKE", "spec.strength.unit": "STYRKE_ENHED", "spec.route": "ADM_VEJ",
        "spec.default_dose.value": "STD_DOSIS", "spec.default_dose.unit": "STD_DOSIS_ENHED",
        "spec.dose_range.min": "MIN_DOSIS", "spec.dose_range.max": "MAKS_DOSIS", "spec.dose_range.unit": "DOSIS_ENHED",
        "spec.frequency": "STD_FREKVENS",
        "spec.allowed_frequencies": {"from": "TILLADTE_FREKVENSER", "split": "|"},
        "spec.high_alert": {"from": "RISIKOSITUATIONSLAEGEMIDDEL", "values": JN},
        "spec.double_check": {"from": "DOBBELTKONTROL", "values": JN},
        "spec.tablet_optimisation": {"from": "TABLETOPTIMERING", "values": JN},
        "spec.label_text": "ETIKETTEKST",
        "usage.uses_90d": "ANTAL_90D", "usage.last_used": "SIDST_BRUGT",
    },
    "meta": META_CSV,
}

# ---- OrderSet: CSV items ----

OS_COLUMNS = ["ORDRESAET_ID", "ORDRESAET_NAVN", "NIVEAU", "REGION", "HOSPITAL", "AFDELING_SHAK", "REVISION",
              "AFLEDT_AF_ID", "AFLEDT_AF_REV", "STATUS", "EJER", "INDIKATION", "GRUPPE_ID", "GRUPPE_NAVN",
              "STANDARDGRUPPE", "LOKAL_GRUPPE", "VALGREGEL", "OBLIGATORISK", "LINJE_ID", "ERX_ID", "DOSIS",
              "DOSIS_ENHED", "FREKVENS", "ADM_VEJ", "FORVALGT", "KOMMENTAR", "ANTAL_90D", "SIDST_BRUGT",
              "EKSPORT_TIDSPUNKT", "EKSPORTERET_AF", "EKSPORT_BATCH"]
SELECTION_CODES = {"vælg én": "EN", "vælg flere": "FLERE", "vælg ingen/flere": "INGEN_FLERE"}


def order_set_rows(arts, region, rng):
    rows = []
    for a in arts:
        base = {"ORDRESAET_ID": a["id"], "ORDRESAET_NAVN": a["name"], "INDIKATION": a["spec"].get("indication", "")}
        base.update(envelope_columns_csv(a, rng))
        base.update(usage_csv(a))
        base.update(export_csv(region))
        for g in a["spec"]["groups"]:
            gcols = {"GRUPPE_ID": g["id"], "GRUPPE_NAVN": g["name"], "STANDARDGRUPPE": jn(g["standard"]),
                     "LOKAL_GRUPPE": jn(g["local"]), "VALGREGEL": SELECTION_CODES[g["selection"]],
                     "OBLIGATORISK": jn(g["required"])}
            for ln in g["lines"]:
                row = dict(base, **gcols)
                row.update({"LINJE_ID": ln["id"], "ERX_ID": ln["medication"], "DOSIS": dk_number(ln["dose"]["value"]),
                            "DOSIS_ENHED": ln["dose"]["unit"], "FREKVENS": ln["frequency"], "ADM_VEJ": ln["route"],
                            "FORVALGT": jn(ln["default_selected"]), "KOMMENTAR": messy(ln.get("comment", ""), rng)})
                rows.append(row)
    return rows


PROFILE_ORDERSET = {
    "profile": "ordresaet-items-csv",
    "description": "Ordresæt, byggeudtræk på linjeniveau: en række pr. ordresæt x gruppe x ordrelinje",
    "format": "csv",
    "match": ["*/ordresaet_*.csv"],
    "csv": dict(CSV_DK, layout="items"),
    "key": "ORDRESAET_ID",
    "kind": "OrderSet",
    "fields": {
        "id": "ORDRESAET_ID", "name": "ORDRESAET_NAVN",
        **profile_scope_csv(),
        "spec.indication": "INDIKATION",
        "spec.groups": {
            "group_by": "GRUPPE_ID",
            "fields": {
                "id": "GRUPPE_ID", "name": "GRUPPE_NAVN",
                "standard": {"from": "STANDARDGRUPPE", "values": JN},
                "local": {"from": "LOKAL_GRUPPE", "values": JN},
                "selection": {"from": "VALGREGEL", "values": inverse(SELECTION_CODES)},
                "required": {"from": "OBLIGATORISK", "values": JN},
                "lines": {
                    "group_by": "LINJE_ID",
                    "fields": {
                        "id": "LINJE_ID", "medication": "ERX_ID", "dose.value": "DOSIS", "dose.unit": "DOSIS_ENHED",
                        "frequency": "FREKVENS", "route": "ADM_VEJ",
                        "default_selected": {"from": "FORVALGT", "values": JN}, "comment": "KOMMENTAR",
                    },
                },
            },
        },
        "usage.uses_90d": "ANTAL_90D", "usage.last_used": "SIDST_BRUGT",
    },
    "meta": META_CSV,
}

# ---- VisitType: CSV wide ----

VT_COLUMNS = ["BESOEGSTYPE_ID", "NAVN", "SPECIALE", "SKS_KODE", "VARIGHED_MIN", "KONTAKTFORM", "BOOKINGNOTAT",
              "NIVEAU", "REGION", "HOSPITAL", "AFDELING_SHAK", "REVISION", "AFLEDT_AF_ID", "AFLEDT_AF_REV", "STATUS",
              "EJER", "ANTAL_90D", "SIDST_BRUGT", "EKSPORT_TIDSPUNKT", "EKSPORTERET_AF", "EKSPORT_BATCH"]
CONTACT_CODES = {"fysisk": "Fremmøde", "video": "Video", "telefon": "Telefon"}


def visit_type_rows(arts, region, rng):
    rows = []
    for a in arts:
        s = a["spec"]
        row = {"BESOEGSTYPE_ID": a["id"], "NAVN": messy(a["name"], rng), "SPECIALE": s["specialty"],
               "SKS_KODE": s["sks_code"], "VARIGHED_MIN": str(s["duration_minutes"]),
               "KONTAKTFORM": CONTACT_CODES[s["contact_type"]], "BOOKINGNOTAT": s.get("booking_notes", "")}
        row.update(envelope_columns_csv(a, rng))
        row.update(usage_csv(a))
        row.update(export_csv(region))
        rows.append(row)
    return rows


PROFILE_VISITTYPE = {
    "profile": "besoegstype-csv",
    "description": "Ambulante besøgstyper med SKS-registrering, Excel-eksport",
    "format": "csv",
    "match": ["*/besoegstyper_*.csv"],
    "csv": CSV_DK,
    "kind": "VisitType",
    "fields": {
        "id": "BESOEGSTYPE_ID", "name": "NAVN", **profile_scope_csv(),
        "spec.specialty": "SPECIALE", "spec.sks_code": "SKS_KODE", "spec.duration_minutes": "VARIGHED_MIN",
        "spec.contact_type": {"from": "KONTAKTFORM", "values": inverse(CONTACT_CODES)},
        "spec.booking_notes": "BOOKINGNOTAT",
        "usage.uses_90d": "ANTAL_90D", "usage.last_used": "SIDST_BRUGT",
    },
    "meta": META_CSV,
}

# ---- Navigator (Region Sjælland): CSV items ----

NAV_CSV_COLUMNS = ["NAV_ID", "NAVN", "KONTEKST", "NIVEAU", "REGION", "HOSPITAL", "AFDELING_SHAK", "REVISION",
                   "AFLEDT_AF_ID", "AFLEDT_AF_REV", "STATUS", "EJER", "SEKTION_ID", "SEKTION_TITEL",
                   "OBLIGATORISK", "BETINGELSE", "SKABELON_ID", "ANTAL_90D", "SIDST_BRUGT",
                   "EKSPORT_TIDSPUNKT", "EKSPORTERET_AF", "EKSPORT_BATCH"]
CONTEXT_CODES = {"indlaeggelse": "INDLÆGGELSE", "overflytning": "OVERFLYTNING", "udskrivelse": "UDSKRIVELSE",
                 "ambulant": "AMBULANT"}


def navigator_csv_rows(arts, region, rng):
    rows = []
    for a in arts:
        base = {"NAV_ID": a["id"], "NAVN": a["name"], "KONTEKST": CONTEXT_CODES[a["spec"]["context"]]}
        base.update(envelope_columns_csv(a, rng))
        base.update(usage_csv(a))
        base.update(export_csv(region))
        for s in a["spec"]["sections"]:
            rows.append(dict(base, SEKTION_ID=s["id"], SEKTION_TITEL=s["title"],
                             OBLIGATORISK=jn(s["mandatory"]), BETINGELSE=s.get("condition", ""),
                             SKABELON_ID=s.get("template", "")))
    return rows


PROFILE_NAVIGATOR_CSV = {
    "profile": "navigator-rsj-items-csv",
    "description": "Region Sjælland: navigatorer, en række pr. navigator x sektion",
    "format": "csv",
    "match": ["sjaelland/navigatorer_*.csv"],
    "csv": dict(CSV_DK, layout="items"),
    "key": "NAV_ID",
    "kind": "Navigator",
    "fields": {
        "id": "NAV_ID", "name": "NAVN", **profile_scope_csv(),
        "spec.context": {"from": "KONTEKST", "values": inverse(CONTEXT_CODES)},
        "spec.sections": {
            "group_by": "SEKTION_ID",
            "fields": {"id": "SEKTION_ID", "title": "SEKTION_TITEL",
                       "mandatory": {"from": "OBLIGATORISK", "values": JN},
                       "condition": "BETINGELSE", "template": "SKABELON_ID"},
        },
        "usage.uses_90d": "ANTAL_90D", "usage.last_used": "SIDST_BRUGT",
    },
    "meta": META_CSV,
}

# ---- Department (Region Sjælland): CSV wide, cp1252 ----

UNIT_CODES = {"sengeafsnit": "Sengeafsnit", "ambulatorium": "Ambulatorium", "akutmodtagelse": "Akutmodtagelse",
              "dagafsnit": "Dagafsnit"}
DEPT_RSJ_COLUMNS = ["AFD_ID", "AFDELINGSNAVN", "SYGEHUS", "SYGEHUS_SOR", "SOR_KODE", "SHAK_KODE", "SPECIALE",
                    "AFSNITSTYPE", "TELEFON", "EMAIL", "BELIGGENHED", "ANSVARLIG", "STATUS", "UDTRAEK_TIDSPUNKT",
                    "UDTRUKKET_AF", "KOERSEL_ID"]


def department_rsj_rows(arts, region, rng):
    rows = []
    ts, user, batch = EXPORT_INFO[region]
    for a in arts:
        s = a["spec"]
        rows.append({"AFD_ID": a["id"], "AFDELINGSNAVN": messy(a["name"], rng, 0.4),
                     "SYGEHUS": hospital_name(s["hospital"]), "SYGEHUS_SOR": s["hospital_sor"], "SOR_KODE": s["sor_code"],
                     "SHAK_KODE": s["shak_code"], "SPECIALE": s["specialty"], "AFSNITSTYPE": UNIT_CODES[s["unit_type"]],
                     "TELEFON": s["contact"]["phone"], "EMAIL": s["contact"]["email"],
                     "BELIGGENHED": s["contact"]["location"], "ANSVARLIG": a["owner"], "STATUS": STATUS_DA[a["status"]],
                     "UDTRAEK_TIDSPUNKT": ts, "UDTRUKKET_AF": user, "KOERSEL_ID": batch})
    return rows


PROFILE_DEPT_RSJ = {
    "profile": "afdeling-rsj-csv",
    "description": "Region Sjælland: afdelingsstamdata, Excel-eksport i Windows-1252",
    "format": "csv",
    "match": ["sjaelland/afdelinger*.csv"],
    "csv": dict(CSV_DK, encoding="cp1252"),
    "kind": "Department",
    "fields": {
        "id": "AFD_ID", "name": "AFDELINGSNAVN",
        "scope.level": {"const": "hospital"},
        "scope.region": {"const": "sjaelland"},
        "scope.hospital": {"from": "SYGEHUS", "values": {v[1]: k for k, v in HOSPITALS.items() if v[0] == "sjaelland"}},
        "status": {"from": "STATUS", "values": inverse(STATUS_DA)},
        "owner": "ANSVARLIG",
        "spec.sor_code": "SOR_KODE", "spec.shak_code": "SHAK_KODE",
        "spec.hospital": {"from": "SYGEHUS", "values": {v[1]: k for k, v in HOSPITALS.items() if v[0] == "sjaelland"}},
        "spec.hospital_sor": "SYGEHUS_SOR", "spec.specialty": "SPECIALE",
        "spec.hospital_name": "SYGEHUS",  # drift-lang: the name beside the slug
        "spec.unit_type": {"from": "AFSNITSTYPE", "values": inverse(UNIT_CODES)},
        "spec.contact.phone": "TELEFON", "spec.contact.email": "EMAIL", "spec.contact.location": "BELIGGENHED",
    },
    "meta": {"exported_at": "UDTRAEK_TIDSPUNKT", "exported_by": "UDTRUKKET_AF", "export_batch": "KOERSEL_ID"},
}

# ---- JSON helpers ----


def json_org(art):
    sc = art["scope"]
    org = {"lvl": LEVEL_JSON[sc["level"]]}
    if "region" in sc:
        org["region"] = REGIONS[sc["region"]]["code"]
    if "hospital" in sc:
        org["hosp"] = hospital_code(sc["hospital"])
    if "department" in sc:
        org["dept"] = sc["department"]
    return org


def json_export(region):
    ts, user, batch = EXPORT_INFO[region]
    return {"ts": ts, "user": user, "batch": batch}


def profile_scope_json(prefix="org"):
    return {
        "scope.level": {"from": f"{prefix}.lvl", "values": inverse(LEVEL_JSON)},
        "scope.region": {"from": f"{prefix}.region", "values": {v["code"]: k for k, v in REGIONS.items()}},
        "scope.hospital": {"from": f"{prefix}.hosp", "values": {v[2]: k for k, v in HOSPITALS.items()}},
        "scope.department": f"{prefix}.dept",
    }


META_JSON = {"exported_at": "_export.ts", "exported_by": "_export.user", "export_batch": "_export.batch"}


def write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# ---- EarlyWarningScore: JSON ----

def ews_record(a, region, rng):
    s = a["spec"]
    rec = {
        "scoreId": int(a["id"]), "displayName": a["name"], "state": STATUS_EN[a["status"]], "org": json_org(a),
        "responsible": messy(a.get("owner"), rng), "system": s["score_system"],
        "params": [shuffled({"key": p["id"], "label": p["name"], "unit": p["unit"],
                             "bands": [{"bandId": int(b["id"]), "from": b.get("min"), "to": b.get("max"),
                                        "category": b.get("value"), "score": b["points"]} for b in p["bands"]]}, rng)
                   for p in s["parameters"]],
        "thresholds": [{"thrId": t["id"], "totalFrom": t["min_total"], "totalTo": t.get("max_total"),
                        "obsFreq": t["observation_frequency"], "action": t["response"]} for t in s["thresholds"]],
        "_export": json_export(region),
    }
    if "revision" in a:
        rec["stdRevision"] = a["revision"]
    if "derived_from" in a:
        rec["basedOn"] = {"id": a["derived_from"]["id"], "rev": a["derived_from"]["revision"]}
    esc = s.get("escalation")
    if esc:
        rec["localAgreement"] = {"calls": esc.get("target"), "obsFreq": esc.get("observation_frequency"),
                                 "text": esc.get("agreement"), "approvedBy": esc.get("approver"),
                                 "validUntil": esc.get("expires")}
    if "usage" in a:
        rec["usage"] = {"n90": a["usage"]["uses_90d"], "last": a["usage"]["last_used"]}
    return shuffled(rec, rng)


PROFILE_EWS = {
    "profile": "toks-json",
    "description": "TOKS (tidlig opsporing af kritisk sygdom): standard og lokalaftaler, JSON-udtræk",
    "format": "json",
    "match": ["*/toks_*.json"],
    "records": "toksExport.scores",
    "kind": "EarlyWarningScore",
    "fields": {
        "id": "scoreId", "name": "displayName", **profile_scope_json(),
        "revision": "stdRevision", "derived_from.id": "basedOn.id", "derived_from.revision": "basedOn.rev",
        "status": {"from": "state", "values": inverse(STATUS_EN)}, "owner": "responsible",
        "spec.score_system": "system",
        "spec.parameters": {"from": "params", "fields": {
            "id": "key", "name": "label", "unit": "unit",
            "bands": {"from": "bands", "fields": {"id": "bandId", "min": "from", "max": "to", "value": "category",
                                                  "points": "score"}}}},
        "spec.thresholds": {"from": "thresholds", "fields": {
            "id": "thrId", "min_total": "totalFrom", "max_total": "totalTo", "observation_frequency": "obsFreq",
            "response": "action"}},
        "spec.escalation.target": "localAgreement.calls",
        "spec.escalation.observation_frequency": "localAgreement.obsFreq",
        "spec.escalation.agreement": "localAgreement.text",
        "spec.escalation.approver": "localAgreement.approvedBy",
        "spec.escalation.expires": "localAgreement.validUntil",
        "usage.uses_90d": "usage.n90", "usage.last_used": "usage.last",
    },
    "meta": META_JSON,
}

# ---- Navigator: JSON ----

CTX_JSON = {"indlaeggelse": "ADMISSION", "overflytning": "TRANSFER", "udskrivelse": "DISCHARGE", "ambulant": "OUTPATIENT"}


def navigator_record(a, region, rng):
    rec = {"NAV_ID": a["id"], "Title": messy(a["name"], rng), "Context": CTX_JSON[a["spec"]["context"]],
           "Org": json_org(a), "Status": STATUS_EN[a["status"]], "Owner": a.get("owner"),
           "Sections": [shuffled({"SectionId": s["id"], "Caption": s["title"], "Mandatory": "Y" if s["mandatory"] else "N",
                                  "ShowIf": s.get("condition"), "SmartText": s.get("template")}, rng)
                        for s in a["spec"]["sections"]],
           "_export": json_export(region)}
    if "revision" in a:
        rec["Revision"] = a["revision"]
    if "derived_from" in a:
        rec["CopiedFrom"] = {"NAV_ID": a["derived_from"]["id"], "Revision": a["derived_from"]["revision"]}
    if "usage" in a:
        rec["Usage"] = {"Count90d": a["usage"]["uses_90d"], "LastUsed": a["usage"]["last_used"]}
    return shuffled(rec, rng)


PROFILE_NAVIGATOR_JSON = {
    "profile": "navigator-json",
    "description": "Navigatorer (arbejdsgange), JSON-udtræk fra CIMT og Region Hovedstaden",
    "format": "json",
    "match": ["*/navigatorer_*.json"],
    "records": "navigators",
    "kind": "Navigator",
    "fields": {
        "id": "NAV_ID", "name": "Title", **profile_scope_json("Org"),
        "revision": "Revision", "derived_from.id": "CopiedFrom.NAV_ID", "derived_from.revision": "CopiedFrom.Revision",
        "status": {"from": "Status", "values": inverse(STATUS_EN)}, "owner": "Owner",
        "spec.context": {"from": "Context", "values": inverse(CTX_JSON)},
        "spec.sections": {"from": "Sections", "fields": {
            "id": "SectionId", "title": "Caption", "mandatory": {"from": "Mandatory", "values": {"Y": True, "N": False}},
            "condition": "ShowIf", "template": "SmartText"}},
        "usage.uses_90d": "Usage.Count90d", "usage.last_used": "Usage.LastUsed",
    },
    "meta": META_JSON,
}

# ---- PreferenceList: JSON ----

LIST_TYPE_JSON = {"medicin": "MED", "laboratorie": "LAB", "billeddiagnostik": "IMG", "procedure": "PROC"}


def preflist_record(a, region, rng):
    s = a["spec"]
    entries = []
    for e in s["entries"]:
        rec = {"line": int(e["id"])}
        if "medication" in e:
            rec["erx"] = int(e["medication"])
        if "order" in e:
            rec["proc"] = e["order"]
        if "default_dose" in e:
            rec["dose"] = e["default_dose"]["value"]
            rec["doseUnit"] = e["default_dose"]["unit"]
        rec["freq"] = e.get("default_frequency")
        rec["route"] = e.get("route")
        entries.append(shuffled(rec, rng))
    rec = {"id": int(a["id"]), "name": a["name"], "type": LIST_TYPE_JSON[s["list_type"]], "specialty": s.get("specialty"),
           "org": json_org(a), "status": STATUS_EN[a["status"]], "owner": a.get("owner"), "entries": entries,
           "_export": json_export(region)}
    if "revision" in a:
        rec["rev"] = a["revision"]
    if "derived_from" in a:
        rec["parent"] = {"id": int(a["derived_from"]["id"]), "rev": a["derived_from"]["revision"]}
    if "usage" in a:
        rec["usage"] = {"n90": a["usage"]["uses_90d"], "last": a["usage"]["last_used"]}
    return shuffled(rec, rng)


PROFILE_PREFLIST = {
    "profile": "praeferenceliste-json",
    "description": "Præferencelister, JSON-udtræk (id'er som tal)",
    "format": "json",
    "match": ["*/praeferencelister_*.json"],
    "records": "prefLists",
    "kind": "PreferenceList",
    "fields": {
        "id": "id", "name": "name", **profile_scope_json(),
        "revision": "rev", "derived_from.id": "parent.id", "derived_from.revision": "parent.rev",
        "status": {"from": "status", "values": inverse(STATUS_EN)}, "owner": "owner",
        "spec.list_type": {"from": "type", "values": inverse(LIST_TYPE_JSON)},
        "spec.specialty": "specialty",
        "spec.entries": {"from": "entries", "fields": {
            "id": "line", "medication": "erx", "order": "proc", "default_dose.value": "dose",
            "default_dose.unit": "doseUnit", "default_frequency": "freq", "route": "route"}},
        "usage.uses_90d": "usage.n90", "usage.last_used": "usage.last",
    },
    "meta": META_JSON,
}

# ---- ProfileSetting: JSON ----


def setting_record(a, region, rng):
    s = a["spec"]
    rec = {"recId": a["id"], "name": a["name"], "param": s["setting"], "allowLevel": s["level"].upper(),
           "val": s["value"], "safety": s["safety_relevant"], "descr": s.get("description"), "profile": json_org(a),
           "status": STATUS_EN[a["status"]], "owner": a.get("owner"), "_export": json_export(region)}
    if "revision" in a:
        rec["rev"] = a["revision"]
    if "derived_from" in a:
        rec["copyOf"] = {"recId": a["derived_from"]["id"], "rev": a["derived_from"]["revision"]}
    return shuffled(rec, rng)


PROFILE_SETTING = {
    "profile": "profilindstilling-json",
    "description": "Profilindstillinger (system-, region-, hospitals- og afdelingsniveau), JSON-udtræk",
    "format": "json",
    "match": ["*/profilindstillinger_*.json"],
    "records": "settingsExport.rows",
    "kind": "ProfileSetting",
    "fields": {
        "id": "recId", "name": "name", **profile_scope_json("profile"),
        "revision": "rev", "derived_from.id": "copyOf.recId", "derived_from.revision": "copyOf.rev",
        "status": {"from": "status", "values": inverse(STATUS_EN)}, "owner": "owner",
        "spec.setting": "param",
        "spec.level": {"from": "allowLevel", "values": {"SYSTEM": "system", "REGION": "region", "HOSPITAL": "hospital",
                                                        "DEPARTMENT": "department"}},
        "spec.value": "val", "spec.safety_relevant": "safety", "spec.description": "descr",
    },
    "meta": META_JSON,
}

# ---- XML helpers ----


def sub(parent, tag, text=None, **attrs):
    el = ET.SubElement(parent, tag, {k: str(v) for k, v in attrs.items() if v not in (None, "")})
    if text not in (None, ""):
        el.text = str(text)
    return el


def xml_placement(parent, a, tag="Placering"):
    sc = a["scope"]
    sub(parent, tag, Niveau=LEVEL_CSV[sc["level"]], Region=REGIONS[sc["region"]]["code"] if "region" in sc else None,
        Hospital=hospital_code(sc.get("hospital")), Afdeling=sc.get("department"), Bruger=sc.get("user"))


def xml_envelope(el, a, region, rng):
    xml_placement(el, a)
    if "revision" in a:
        sub(el, "Revision", a["revision"])
    if "derived_from" in a:
        sub(el, "AfledtAf", Id=a["derived_from"]["id"], Revision=a["derived_from"]["revision"])
    sub(el, "Ejer", messy(a.get("owner"), rng))


def xml_tail(el, a, region):
    if "usage" in a:
        sub(el, "Anvendelse", Antal90d=a["usage"]["uses_90d"], SidstBrugt=a["usage"]["last_used"])
    ts, user, batch = EXPORT_INFO[region]
    sub(el, "Eksport", Tidspunkt=ts, Bruger=user, Batch=batch)


def profile_scope_xml():
    return {
        "scope.level": {"from": "Placering.@Niveau", "values": inverse(LEVEL_CSV)},
        "scope.region": {"from": "Placering.@Region", "values": {v["code"]: k for k, v in REGIONS.items()}},
        "scope.hospital": {"from": "Placering.@Hospital", "values": {v[2]: k for k, v in HOSPITALS.items()}},
        "scope.department": "Placering.@Afdeling",
        "scope.user": "Placering.@Bruger",
        "revision": "Revision", "derived_from.id": "AfledtAf.@Id", "derived_from.revision": "AfledtAf.@Revision",
        "owner": "Ejer",
    }


USAGE_XML = {"usage.uses_90d": "Anvendelse.@Antal90d", "usage.last_used": "Anvendelse.@SidstBrugt"}
META_XML = {"exported_at": "Eksport.@Tidspunkt", "exported_by": "Eksport.@Bruger", "export_batch": "Eksport.@Batch"}


def write_xml(path, root):
    ET.indent(root, space="  ")
    path.parent.mkdir(parents=True, exist_ok=True)
    data = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + data + "\n", encoding="utf-8")


# ---- DocumentationTemplate: XML ----

TEMPLATE_TYPES = {"smarttext": "SmartText", "smartphrase": "SmartPhrase"}


def templates_xml(arts, region, rng):
    root = ET.Element("SmartTekstEksport")
    for a in arts:
        s = a["spec"]
        el = sub(root, "Skabelon", Type=TEMPLATE_TYPES[s["template_type"]], Id=a["id"], Status=STATUS_DA[a["status"]])
        sub(el, "Navn", a["name"])
        sub(el, "Mnemonic", s["mnemonic"])
        xml_envelope(el, a, region, rng)
        if s.get("sections"):
            secs = sub(el, "Sektioner")
            for sec in s["sections"]:
                sub(secs, "Sektion", sec["title"], Id=sec["id"], Obligatorisk=jn(sec["required"]))
        body = s["body"]
        if rng.random() < 0.5:  # some bodies carry trailing spaces on their lines
            body = body.replace("***\n", "***  \n")
        sub(el, "Tekst", body)
        xml_tail(el, a, region)
    return root


PROFILE_TEMPLATE = {
    "profile": "smarttekst-xml",
    "description": "SmartText- og SmartPhrase-skabeloner, XML-udtræk; type afgør kind",
    "format": "xml",
    "match": ["*/smarttekster_*.xml"],
    "records": "SmartTekstEksport.Skabelon",
    "kind_from": "@Type",
    "kind_map": {"SmartText": "DocumentationTemplate", "SmartPhrase": "DocumentationTemplate"},
    "fields": {
        "id": "@Id", "name": "Navn", **profile_scope_xml(),
        "status": {"from": "@Status", "values": inverse(STATUS_DA)},
        "spec.mnemonic": "Mnemonic",
        "spec.template_type": {"from": "@Type", "values": inverse(TEMPLATE_TYPES)},
        "spec.sections": {"from": "Sektioner.Sektion", "fields": {
            "id": "@Id", "title": "#text", "required": {"from": "@Obligatorisk", "values": JN}}},
        "spec.body": "Tekst",
        **USAGE_XML,
    },
    "meta": META_XML,
}

# ---- DecisionRule: XML ----

ALERT_TYPES = {"safety": "SIKKERHED", "advisory": "RAADGIVENDE"}


def rules_xml(arts, region, rng):
    root = ET.Element("BpaEksport")
    for a in arts:
        s = a["spec"]
        el = sub(root, "Regel", Id=a["id"], Status=STATUS_DA[a["status"]], Type=ALERT_TYPES[s["alert_type"]])
        sub(el, "Navn", messy(a["name"], rng))
        xml_envelope(el, a, region, rng)
        sub(el, "Udloesere", "|".join(s["triggers"]))
        crits = sub(el, "Kriterier")
        for c in s["criteria"]:
            sub(crits, "Kriterium", Id=c["id"], Kilde=c["source"], Operator=c["operator"], Vaerdi=c.get("value"))
        sub(el, "Tekst", s["text"])
        if s.get("actions"):
            acts = sub(el, "Handlinger")
            for act in s["actions"]:
                sub(acts, "Handling", act.get("label"), Id=act["id"], Type=act["type"], Maal=act.get("target"))
        sub(el, "Overstyringsaarsager", "|".join(s.get("override_reasons", [])))
        if s.get("departments"):
            sub(el, "Afdelinger", ",".join(s["departments"]))
        xml_tail(el, a, region)
    return root


PROFILE_DECISIONRULE = {
    "profile": "bpa-xml",
    "description": "Beslutningsstøtteregler (BPA), XML-udtræk",
    "format": "xml",
    "match": ["*/bpa_*.xml"],
    "records": "BpaEksport.Regel",
    "kind": "DecisionRule",
    "fields": {
        "id": "@Id", "name": "Navn", **profile_scope_xml(),
        "status": {"from": "@Status", "values": inverse(STATUS_DA)},
        "spec.alert_type": {"from": "@Type", "values": inverse(ALERT_TYPES)},
        "spec.triggers": {"from": "Udloesere", "split": "|"},
        "spec.criteria": {"from": "Kriterier.Kriterium", "fields": {
            "id": "@Id", "source": "@Kilde", "operator": "@Operator", "value": "@Vaerdi"}},
        "spec.text": "Tekst",
        "spec.actions": {"from": "Handlinger.Handling", "fields": {
            "id": "@Id", "type": "@Type", "label": "#text", "target": "@Maal"}},
        "spec.override_reasons": {"from": "Overstyringsaarsager", "split": "|"},
        "spec.departments": {"from": "Afdelinger", "split": ","},
        **USAGE_XML,
    },
    "meta": META_XML,
}

# ---- PrintGroup: XML ----

ORIENTATION = {"portrait": "Staaende", "landscape": "Liggende"}


def printgroups_xml(arts, region, rng):
    root = ET.Element("Printgrupper")
    for a in arts:
        s = a["spec"]
        el = sub(root, "Printgruppe", ID=a["id"], Status=STATUS_DA[a["status"]])
        sub(el, "Navn", a["name"])
        sub(el, "Rapporttype", s["report_type"])
        xml_envelope(el, a, region, rng)
        blocks = sub(el, "Blokke")
        for b in s["blocks"]:
            sub(blocks, "Blok", b.get("title"), ID=b["id"], Indhold=b["content_type"], Medicin=jn(b["medication_content"]))
        lay = s.get("layout", {})
        if lay:
            sub(el, "Layout", Retning=ORIENTATION.get(lay.get("orientation")), Skrift=lay.get("font_size"), Logo=lay.get("logo"))
        xml_tail(el, a, region)
    return root


PROFILE_PRINTGROUP = {
    "profile": "printgruppe-xml",
    "description": "Printgrupper og rapporter, XML-udtræk",
    "format": "xml",
    "match": ["*/printgrupper_*.xml"],
    "records": "Printgrupper.Printgruppe",
    "kind": "PrintGroup",
    "fields": {
        "id": "@ID", "name": "Navn", **profile_scope_xml(),
        "status": {"from": "@Status", "values": inverse(STATUS_DA)},
        "spec.report_type": "Rapporttype",
        "spec.blocks": {"from": "Blokke.Blok", "fields": {
            "id": "@ID", "title": "#text", "content_type": "@Indhold",
            "medication_content": {"from": "@Medicin", "values": JN}}},
        "spec.layout.orientation": {"from": "Layout.@Retning", "values": inverse(ORIENTATION)},
        "spec.layout.font_size": "Layout.@Skrift",
        "spec.layout.logo": "Layout.@Logo",
        **USAGE_XML,
    },
    "meta": META_XML,
}

# ---- Department (Region Hovedstaden): XML ----


def departments_rh_xml(arts, region, rng):
    root = ET.Element("OrgEksport")
    ts, user, batch = EXPORT_INFO[region]
    for a in arts:
        s = a["spec"]
        el = sub(root, "Afdeling", DepId=a["id"], Status=STATUS_DA[a["status"]])
        sub(el, "Navn", messy(a["name"], rng, 0.4))
        sub(el, "Hospital", hospital_name(s["hospital"]), Kode=HOSPITALS[s["hospital"]][4])
        sub(el, "HospitalSOR", s["hospital_sor"])
        sub(el, "SOR", s["sor_code"])
        sub(el, "SHAK", s["shak_code"])
        sub(el, "Speciale", s["specialty"])
        sub(el, "Enhedstype", s["unit_type"].upper())
        kontakt = sub(el, "Kontakt", Telefon=s["contact"]["phone"], Email=s["contact"]["email"])
        sub(kontakt, "Placering", s["contact"]["location"])
        sub(el, "Ansvarlig", a["owner"])
        sub(el, "Eksport", Tidspunkt=ts, Bruger=user, Batch=batch)
    return root


RH_HOSP_CODES = {v[4]: k for k, v in HOSPITALS.items() if v[0] == "hovedstaden"}
PROFILE_DEPT_RH = {
    "profile": "afdeling-rh-xml",
    "description": "Region Hovedstaden: afdelingsstamdata fra organisationsudtrækket (XML)",
    "format": "xml",
    "match": ["hovedstaden/afdelinger*.xml"],
    "records": "OrgEksport.Afdeling",
    "kind": "Department",
    "fields": {
        "id": "@DepId", "name": "Navn",
        "scope.level": {"const": "hospital"},
        "scope.region": {"const": "hovedstaden"},
        "scope.hospital": {"from": "Hospital.@Kode", "values": RH_HOSP_CODES},
        "status": {"from": "@Status", "values": inverse(STATUS_DA)},
        "owner": "Ansvarlig",
        "spec.sor_code": "SOR", "spec.shak_code": "SHAK",
        "spec.hospital": {"from": "Hospital.#text", "values": {v[1]: k for k, v in HOSPITALS.items() if v[0] == "hovedstaden"}},
        "spec.hospital_sor": "HospitalSOR", "spec.specialty": "Speciale",
        "spec.hospital_name": "Hospital.#text",  # drift-lang: the name beside the slug
        "spec.unit_type": {"from": "Enhedstype", "values": {k.upper(): k for k in UNIT_CODES}},
        "spec.contact.phone": "Kontakt.@Telefon", "spec.contact.email": "Kontakt.@Email",
        "spec.contact.location": "Kontakt.Placering",
    },
    "meta": META_XML,
}

# ---- Personal build: YAML in envelope shape (no profile) ----


def yaml_record(a, region, rng):
    rec = copy.deepcopy(a)
    ts, user, batch = EXPORT_INFO[region]
    rec["meta"] = {"exported_at": ts, "exported_by": user, "export_batch": batch}
    rec["spec"] = shuffled(rec["spec"], rng)
    return shuffled(rec, rng)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def _str_presenter(dumper, data):
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_presenter)


def write_yaml_export(path, records):
    """Personal build as a vendor tool writes it: unquoted numeric ids (they survive as strings)."""
    text = yaml.dump(records, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    # codes that are all digits and have no leading zero are written bare, as the exporting tool does
    text = re.sub(r"'([1-9][0-9]{5,8})'", r"\1", text)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Personlig build (brugerniveau) - eksporteret fra SP-byggeværktøj\n" + text, encoding="utf-8")


# ---------------------------------------------------------------------------
# Routing: which artifact goes to which export file
# ---------------------------------------------------------------------------

SHAPES = {
    # kind: (file stem per region or None, writer kind, row/record function, profile)
    "Medication": ("ERX_medicin_{suffix}.csv", "csv", medication_rows, MED_COLUMNS),
    "OrderSet": ("ordresaet_{suffix}.csv", "csv", order_set_rows, OS_COLUMNS),
    "VisitType": ("besoegstyper_{suffix}.csv", "csv", visit_type_rows, VT_COLUMNS),
    "EarlyWarningScore": ("toks_{suffix}.json", "json", ews_record, ("toksExport", "scores")),
    "PreferenceList": ("praeferencelister_{suffix}.json", "json", preflist_record, ("prefLists",)),
    "ProfileSetting": ("profilindstillinger_{suffix}.json", "json", setting_record, ("settingsExport", "rows")),
    "DocumentationTemplate": ("smarttekster_{suffix}.xml", "xml", templates_xml, None),
    "DecisionRule": ("bpa_{suffix}.xml", "xml", rules_xml, None),
    "PrintGroup": ("printgrupper_{suffix}.xml", "xml", printgroups_xml, None),
}

PROFILES = [PROFILE_MEDICATION, PROFILE_ORDERSET, PROFILE_VISITTYPE, PROFILE_NAVIGATOR_CSV, PROFILE_DEPT_RSJ,
            PROFILE_EWS, PROFILE_NAVIGATOR_JSON, PROFILE_PREFLIST, PROFILE_SETTING, PROFILE_TEMPLATE,
            PROFILE_DECISIONRULE, PROFILE_PRINTGROUP, PROFILE_DEPT_RH]


def write_exports(reg, out_dir):
    rng = random.Random(SEED + 1)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    groups = {}
    for a in reg.arts:
        region = region_of(a)
        if a["scope"]["level"] == "user":
            key = (region, "personal")
        elif a["kind"] == "Department":
            key = (region, "Department")
        elif a["kind"] == "Navigator":
            key = (region, "Navigator-csv" if region == "sjaelland" else "Navigator-json")
        else:
            key = (region, a["kind"])
        groups.setdefault(key, []).append(a)

    written = []
    for (region, what), arts in sorted(groups.items()):
        suffix = "standard" if region == "central" else "lokal"
        if what == "personal":
            path = out_dir / region / "personlig_build.yaml"
            write_yaml_export(path, [yaml_record(a, region, rng) for a in arts])
        elif what == "Department" and region == "hovedstaden":
            path = out_dir / region / "afdelinger.xml"
            write_xml(path, departments_rh_xml(arts, region, rng))
        elif what == "Department":
            path = out_dir / region / "afdelinger.csv"
            write_csv(path, DEPT_RSJ_COLUMNS, department_rsj_rows(arts, region, rng), encoding="cp1252")
        elif what == "Navigator-csv":
            path = out_dir / region / f"navigatorer_{suffix}.csv"
            write_csv(path, NAV_CSV_COLUMNS, navigator_csv_rows(arts, region, rng))
        elif what == "Navigator-json":
            path = out_dir / region / f"navigatorer_{suffix}.json"
            write_json(path, {"navigators": [navigator_record(a, region, rng) for a in arts]})
        else:
            stem, fmt, fn, extra = SHAPES[what]
            path = out_dir / region / stem.format(suffix=suffix)
            if fmt == "csv":
                write_csv(path, extra, fn(arts, region, rng))
            elif fmt == "json":
                records = [fn(a, region, rng) for a in arts]
                data = records
                for k in reversed(extra):
                    data = {k: data}
                write_json(path, data)
            else:
                write_xml(path, fn(arts, region, rng))
        written.append((path.relative_to(out_dir).as_posix(), len(arts)))
    return sorted(written)


class _ProfileDumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _quote_all_str(dumper, data):
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_ProfileDumper.add_representer(str, _quote_all_str)


def write_profiles(out_dir):
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    for prof in PROFILES:
        text = yaml.dump(prof, Dumper=_ProfileDumper, allow_unicode=True, sort_keys=False, width=110,
                         default_flow_style=False)
        (out_dir / f"{prof['profile']}.yaml").write_text(text, encoding="utf-8")


# ---- Usage report (spguard usage import): SP reports usage apart from the build ----

USAGE_COLUMNS = ["Ordresæt-ID", "Ordresæt", "Afdeling (SHAK)", "Anvendelser 90 dage", "Senest anvendt"]


def usage_report_rows(reg):
    """The active order sets' usage in the 90 days up to 30 November 2026, one row per order set
    as SP's usage report gives it (Danish dates). It has its own random source, so the build
    exports stay byte for byte as they are. Realistic: 0-600 uses; a set not used in the period
    has no date."""
    rng = random.Random(SEED + 90)
    rows = []
    order_sets = [a for a in reg.arts if a["kind"] == "OrderSet" and a.get("status") == "active"]
    for a in sorted(order_sets, key=lambda a: natural_key(a["id"])):
        unused = rng.random() < 0.08
        rows.append({
            "Ordresæt-ID": a["id"],
            "Ordresæt": a["name"],
            "Afdeling (SHAK)": a["scope"].get("department", ""),
            "Anvendelser 90 dage": "0" if unused else str(rng.randint(1, 600)),
            "Senest anvendt": "" if unused else "%02d-11-2026" % rng.randint(1, 30),
        })
    return rows


def write_usage_report(reg, out_dir):
    write_csv(out_dir / "anvendelse_ordresaet_90d.csv", USAGE_COLUMNS, usage_report_rows(reg))


# ---------------------------------------------------------------------------
# planted.yaml and README.md
# ---------------------------------------------------------------------------

def write_planted(reg, clean, path):
    doc = {
        "description": "Deviations planted in the synthetic example build, and variants that must stay clean. "
                       "Paths are JSON paths into the canonical (normalised) artifact; list indexes count in canonical "
                       "order (lists with x-ordered false sorted by their identity key). For removed items "
                       "(path_in: standard) the path points into the standard the item was removed from. "
                       "drift_class 'local' marks a change to a local (free) field: no finding at all. A rule matter "
                       "(matter rule or both) names the code of the shipped rule that reports it (rule_code); "
                       "finding_path is where that finding lies in the variant's own file when it is not path (a "
                       "removed item is reported at the list it was removed from). divergence (region or hospital) "
                       "marks a copy that is part of a split between the groups at that level: drift's divergence "
                       "section reports it, and so does the uniformity rule. Linting the tree reports exactly "
                       "these findings and nothing on the legitimate differences or the clean variants.",
        "planted": [e for e, _ in reg.planted],
        "legitimate": [e for e, _ in reg.legit],
        "clean": [{"file": canonical_path(a), "kind": a["kind"], "artifact_id": a["id"]} for a in clean],
    }
    text = yaml.dump(doc, Dumper=_ProfileDumper, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(text, encoding="utf-8")


def counts(reg):
    by_kind, by_level = {}, {}
    for a in reg.arts:
        by_kind[a["kind"]] = by_kind.get(a["kind"], 0) + 1
        by_level[a["scope"]["level"]] = by_level.get(a["scope"]["level"], 0) + 1
    return by_kind, by_level


def write_readme(reg, clean, written, path):
    by_kind, by_level = counts(reg)
    lines = [
        "# Example exports, mapping profiles and planted deviations",
        "",
        "Synthetic configuration build for Sundhedsplatformen: the central standard (CIMT/DSØ) and local build of",
        "Region Hovedstaden and Region Sjælland. Everything is made up. There are no real patients, staff or build here;",
        "the CPR number and the personal name planted below are fictitious on purpose.",
        "",
        "## Layout",
        "",
        "- `generate.py` writes everything below. It is deterministic (fixed seed, fixed export timestamps).",
        "- `exports/`: raw, vendor-shaped and slightly messy exports (upper-case Danish column names, J/N booleans,",
        "  decimal comma, trailing spaces, shuffled JSON keys, numeric ids in JSON, volatile export columns).",
        "  - `central/`: the central standards (scope `central`).",
        "  - `hovedstaden/`, `sjaelland/`: region, hospital and department variants, department master data and",
        "    personal (user-level) build.",
        "- `profiles/`: one mapping profile per export shape (`schemas/profile.schema.json`). The personal build",
        "  (`*/personlig_build.yaml`) is already in envelope shape and needs no profile.",
        "- `planted.yaml`: machine-readable list of planted deviations, legitimate differences and clean variants.",
        "- `sp-config/`: the canonical tree, produced by the normaliser (not by `generate.py`).",
        "",
        "## Regenerate",
        "",
        "```sh",
        "python examples/generate.py",
        "spguard normalize examples/exports --profile examples/profiles --out examples/sp-config",
        "```",
        "",
        "## Export files",
        "",
        "CSV files are Danish spreadsheet exports: `;` separator, decimal comma, CRLF line ends, UTF-8 with BOM;",
        "`sjaelland/afdelinger.csv` is Windows-1252 (cp1252) without BOM. `ordresaet_*.csv` and",
        "`sjaelland/navigatorer_*.csv` are item-level (a row per record x group x line, or record x section).",
        "",
        "| file | artifacts | format |",
        "| --- | ---: | --- |",
    ]
    fmt_of = {"csv": "CSV", "json": "JSON", "xml": "XML", "yaml": "YAML (envelope shape)"}
    for rel, n in written:
        ext = rel.rsplit(".", 1)[1]
        desc = fmt_of[ext]
        if ext == "csv":
            desc += " items" if ("ordresaet" in rel or "navigatorer" in rel) else " wide"
            if rel == "sjaelland/afdelinger.csv":
                desc += ", cp1252"
        lines.append(f"| `{rel}` | {n} | {desc} |")
    lines += [
        "",
        "## Content",
        "",
        f"{len(reg.arts)} artifacts, {len(HOSPITALS)} hospitals, {len(DEPARTMENTS)} departments.",
        "",
        "| kind | artifacts |",
        "| --- | ---: |",
    ]
    for k in sorted(by_kind):
        lines.append(f"| {k} | {by_kind[k]} |")
    lines += ["", "| scope level | artifacts |", "| --- | ---: |"]
    for lvl in ("central", "region", "hospital", "department", "user"):
        lines.append(f"| {lvl} | {by_level.get(lvl, 0)} |")
    lines += [
        "",
        "Standards carry `revision` (mostly `2026.3`; TOKS is at `2026.2`). Local variants point at their standard",
        "with `derived_from`. Department records are hospital-level master data. Each department takes copies of",
        "the order sets, TOKS, navigators, templates, preference lists, visit types and settings that fit its",
        "specialty and unit type. Unless listed below, a variant is identical to its standard in `spec` and `name`",
        "(only id, scope, owner and usage differ).",
        "",
        "## Planted deviations",
        "",
        "`matter`: `rule` = a rule set should report it; `drift` = `spguard drift` should classify it;",
        "`both` = both. Paths index lists in canonical order; for removed items the path is in the standard.",
        "`rule` is the code of the shipped rule (`rules/`) that reports a rule matter; where its finding lies",
        "elsewhere than `path` (a removed item is reported at its list in the variant), the finding's path follows.",
        "`spguard lint examples/sp-config` reports exactly these findings and nothing else",
        "(`tests/test_example_lint.py`).",
        "",
        "| id | file | path | what | matter | drift class | rule |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for e, _ in reg.planted:
        code = e.get("rule_code", "")
        if code and "finding_path" in e:
            code += f" at `{e['finding_path']}`"
        lines.append(f"| {e['id']} | `{e['file']}` | `{e['path']}` | {e['description']} | {e['matter']} | "
                     f"{e.get('drift_class', '')} | {code} |")
    lines += [
        "",
        "## Legitimate differences (not faults)",
        "",
        "These variants differ from their standard in an allowed way: drift should show the class given, and no",
        "rule should fire. A `local` field is free: no finding at all.",
        "",
        "| file | path | what | class |",
        "| --- | --- | --- | --- |",
    ]
    for e, _ in reg.legit:
        lines.append(f"| `{e['file']}` | `{e['path']}` | {e['description']} | {e['drift_class']} |")
    lines += [
        "",
        "## Clean variants (must produce no finding and no drift)",
        "",
    ]
    for a in clean:
        lines.append(f"- `{canonical_path(a)}` ({a['kind']} {a['name']})")
    lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


# ---------------------------------------------------------------------------


def build():
    reg = Registry()
    for fn in (build_medications, build_order_sets, build_pref_lists, build_templates, build_ews,
               build_decision_rules, build_navigators, build_visit_types, build_print_groups, build_settings,
               build_departments):
        for a in fn():
            reg.add(a)
    variants = build_variants(reg)
    local = build_local_only(reg)
    clean = plant_deviations(reg, variants, local)
    plant_envelope_deviations(reg, variants)
    plant_identity_swaps(reg, variants)
    clean += plant_org_integrity(reg, variants, local)
    plant_personal_data(reg, variants)
    plant_embedded_tokens(reg, variants)
    plant_regional_split(reg, variants)
    return reg, clean


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=pathlib.Path, default=HERE, help="directory to write into (default: examples/)")
    ap.add_argument("--truth", type=pathlib.Path, help="also write the intended canonical artifacts as one JSON file")
    args = ap.parse_args(argv)

    reg, clean = build()
    ids = {}
    for a in reg.arts:
        key = (a["kind"], a["id"])
        if key in ids:
            raise SystemExit(f"duplicate id {key}")
        ids[key] = a
    written = write_exports(reg, args.out / "exports")
    write_profiles(args.out / "profiles")
    write_usage_report(reg, args.out / "usage")
    write_planted(reg, clean, args.out / "planted.yaml")
    write_readme(reg, clean, written, args.out / "README.md")
    if args.truth:
        truth = [dict(canonical(a), _file=canonical_path(a)) for a in reg.arts]
        args.truth.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    by_kind, by_level = counts(reg)
    print(f"{len(reg.arts)} artifacts in {len(written)} export files; "
          f"{len(reg.planted)} planted, {len(reg.legit)} legitimate, {len(clean)} clean")
    print("per kind:", ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items())))
    print("per level:", ", ".join(f"{k} {n}" for k, n in by_level.items()))


if __name__ == "__main__":
    main()
