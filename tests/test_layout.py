"""The house keeps its plan (issue 13): no module of the package is over 400 lines but the
message catalog (data), so a stage that grows is split by what it owns before it sprawls; and
the rule sets' table in rules/README.md says what the rule sets hold."""

from __future__ import annotations

from pathlib import Path

import yaml

PACKAGE = Path(__file__).resolve().parent.parent / "sp_config_guard"
DATA = {"catalog.py"}  # the da/en message texts
LIMIT = 400


def test_no_module_over_400_lines_but_data() -> None:
    long = {
        path.relative_to(PACKAGE).as_posix(): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name not in DATA
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert long == {}


RULES = PACKAGE.parent / "rules"


def test_the_rule_set_table_names_every_rule_sets_codes_and_owner() -> None:
    """rules/README.md's table: each shipped rule set, its first and last code, its owner."""
    rows = {}
    for line in (RULES / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 3 and cells[0].endswith(".yaml"):
            rows[cells[0]] = (cells[1], cells[2])
    shipped = {}
    for path in sorted(RULES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        codes = sorted(rule["code"] for rule in data["rules"])
        shipped[path.name] = (f"{codes[0]}-{codes[-1]}", data["owner"])
    assert rows == shipped
