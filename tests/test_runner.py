"""The test suite's two ways to run the CLI agree, and the in-process one leaves no trace."""

from __future__ import annotations

import os
from pathlib import Path

from sp_config_guard.messages import current_lang
from tests.conftest import MEDICATION_YAML, invoke_spguard, run_spguard


def _repository(root: Path) -> Path:
    (root / "central" / "Medication").mkdir(parents=True)
    bad = MEDICATION_YAML.replace("high_alert: false", "high_alert: true")  # MED001: no check
    (root / "central" / "Medication" / "100101.yaml").write_text(bad, encoding="utf-8")
    (root / "spguard.yaml").write_text("rulesets: [medication]\n", encoding="utf-8")
    return root


def test_in_process_and_fresh_process_give_the_same_code_and_output(tmp_path: Path) -> None:
    root = _repository(tmp_path / "repo")
    for args in (("lint", ".", "--no-cache"), ("lint", "--nonsense"), ("--lang", "da", "--help")):
        here, fresh = invoke_spguard(*args, cwd=root), run_spguard(*args, cwd=root)
        # in this process the program is called spguard, as the installed command is
        fresh_err = fresh.stderr.replace("python -m sp_config_guard", "spguard")
        assert (here.returncode, here.stdout, here.stderr) == (
            fresh.returncode,
            fresh.stdout,
            fresh_err,
        ), args
    assert invoke_spguard("lint", ".", "--no-cache", cwd=root).returncode == 1


def test_an_in_process_run_puts_back_folder_environment_and_language(tmp_path: Path) -> None:
    root = _repository(tmp_path / "repo")
    folder, environment = Path.cwd(), dict(os.environ)
    ran = invoke_spguard(
        "lint", ".", "--no-cache", "--lang", "da", cwd=root, env={"SPGUARD_WORKERS": "1"}
    )
    assert ran.returncode == 1 and "MED001" in ran.stdout
    assert (Path.cwd(), dict(os.environ), current_lang()) == (folder, environment, "en")
