"""Check types come only from spguard itself and from plugins installed outside the
repository under review: the repository's files never run as code, under ``spguard`` or under
``python -m sp_config_guard`` (which puts the working folder first on ``sys.path``), while an
installed plugin works, from a ``.venv`` inside the checkout too."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

from tests.conftest import MEDICATION_YAML

RULES = """\
ruleset: local
version: "1"
owner: Test
rules:
  - code: LOC001
    name: local-check
    severity: warning
    title: {da: Lokalt tjek, en: Local check}
    message: {da: "{value} er ulige", en: "{value} is odd"}
    rationale: {da: Et plugin-tjek., en: A plugin check.}
    applies_to: {kinds: [Medication]}
    check: {type: %s}
"""

# what a reviewed branch would commit to have its Python run: a module that leaves a marker
EVIL = """\
import pathlib
pathlib.Path(%r).write_text("ran", encoding="utf-8")
NAME = "evil"
OPTIONS_SCHEMA = {"type": "object"}
def check(ctx, options):
    return iter(())
"""


def _repository(root: Path, check_type: str) -> Path:
    """Three Medication artifacts (ids 5001-5003) and a rule set using ``check_type``."""
    (root / "central" / "Medication").mkdir(parents=True)
    for id_ in ("5001", "5002", "5003"):
        text = MEDICATION_YAML.replace('id: "100101"', f'id: "{id_}"')
        (root / "central" / "Medication" / f"{id_}.yaml").write_text(text, encoding="utf-8")
    (root / "spguard.yaml").write_text("rulesets: [local.yaml]\n", encoding="utf-8")
    (root / "local.yaml").write_text(RULES % check_type, encoding="utf-8")
    return root


def _evil_distribution(folder: Path, module_folder: Path, marker: Path) -> None:
    """``evil-1.0.dist-info`` in ``folder`` registering check type ``evil``, whose module
    (in ``module_folder``) writes ``marker`` when imported."""
    info = folder / "evil-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[sp_config_guard.checks]\nevil = evil_check\n")
    module_folder.mkdir(parents=True, exist_ok=True)
    (module_folder / "evil_check.py").write_text(EVIL % str(marker), encoding="utf-8")


def _run(
    python: str, cwd: Path, *args: str, pythonpath: list[Path] | None = None
) -> subprocess.CompletedProcess[str]:
    """``PYTHON -m sp_config_guard ARGS`` in ``cwd`` (``PYTHONPATH`` exactly as given)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(map(str, pythonpath))
    return subprocess.run(
        [python, "-m", "sp_config_guard", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env=env,
    )


def test_python_m_does_not_load_a_plugin_from_the_reviewed_repository(tmp_path: Path) -> None:
    """The reproducer: the repository root holds a dist-info and its module."""
    repo, marker = _repository(tmp_path / "repo", "evil"), tmp_path / "pwned"
    _evil_distribution(repo, repo, marker)
    out = _run(sys.executable, repo, "lint", ".")
    assert not marker.exists(), "the repository's module was imported"
    assert out.returncode == 2, out.stderr
    assert "local.yaml:" in out.stderr and "unknown check type 'evil'" in out.stderr, out.stderr


@pytest.mark.parametrize("module", ["__future__", "typing", "yaml"])
def test_python_m_imports_nothing_from_the_working_folder(tmp_path: Path, module: str) -> None:
    """A module in the repository root shadowing one the tool imports, even one imported
    while ``python -m`` loads the package (before ``__main__`` runs), is never imported."""
    repo, marker = _repository(tmp_path / "repo", "enum"), tmp_path / "pwned"
    (repo / "local.yaml").write_text("ruleset: local\nversion: '1'\nowner: T\nrules: []\n")
    (repo / f"{module}.py").write_text(EVIL % str(marker), encoding="utf-8")
    out = _run(sys.executable, repo, "lint", ".")
    assert not marker.exists(), f"{module}.py from the working folder was imported"
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("module_inside", [True, False], ids=["module", "distribution"])
def test_a_plugin_from_inside_the_repository_is_a_rule_set_error(
    tmp_path: Path, module_inside: bool
) -> None:
    """On ``sys.path`` some other way (here ``PYTHONPATH``), a plugin whose module or
    distribution lies inside the repository is refused, naming the type and why."""
    repo, marker = _repository(tmp_path / "repo", "evil"), tmp_path / "pwned"
    module_folder = repo / "vendor" if module_inside else tmp_path / "outside"
    _evil_distribution(repo / "vendor", module_folder, marker)
    out = _run(sys.executable, repo, "lint", ".", pythonpath=[repo / "vendor", module_folder])
    assert not marker.exists(), "the repository's plugin was imported"
    assert out.returncode == 2, out.stderr
    where = "vendor/evil_check.py" if module_inside else "vendor/evil-1.0.dist-info"
    refused = f"check type 'evil' comes from {where} inside the repository under review"
    assert f"local.yaml:12:19: invalid rule set: {refused}" in out.stderr, out.stderr
    assert "never runs code" in out.stderr and "Traceback" not in out.stderr


def test_a_plugin_that_moved_into_the_repository_is_refused_after_a_cached_run(
    tmp_path: Path,
) -> None:
    """Rules of a plugin check type are never read back from the cache: checked rule sets
    are stored only when every check type is spguard's own, so the same rule set whose plugin
    now comes from inside the repository is refused on the next run (its code never runs)."""
    repo, inside, outside = _repository(tmp_path / "repo", "evil"), tmp_path / "x", tmp_path / "y"
    _evil_distribution(tmp_path / "site", tmp_path / "site", outside)
    first = _run(sys.executable, repo, "lint", ".", pythonpath=[tmp_path / "site"])
    assert first.returncode == 0, first.stderr
    assert outside.exists() and (repo / ".spguard-cache").is_dir()  # installed: it ran
    _evil_distribution(repo / "vendor", repo / "vendor", inside)
    out = _run(sys.executable, repo, "lint", ".", pythonpath=[repo / "vendor"])
    assert out.returncode == 2, out.stderr
    assert "inside the repository under review" in out.stderr
    assert not inside.exists(), "the repository's plugin was imported"


def _install_plugin(tmp_path: Path, target: Path) -> None:
    """Build and install (``pip --target``) a plugin with check type ``even-id``."""
    plugin = tmp_path / "plugin-src"
    (plugin / "spguard_even_ids").mkdir(parents=True)
    (plugin / "spguard_even_ids" / "__init__.py").write_text(
        textwrap.dedent('''\
        """even-id: artifact ids must be even numbers. Passing: id 5002. Failing: id 5001."""
        NAME = "even-id"
        OPTIONS_SCHEMA = {"type": "object", "additionalProperties": False, "properties": {}}

        def check(ctx, options):
            from sp_config_guard.lint.checks import Hit
            if int(ctx.data["id"]) % 2:
                yield Hit(("id",), ctx.data["id"], {})
        '''),
        encoding="utf-8",
    )
    (plugin / "pyproject.toml").write_text(
        textwrap.dedent("""\
        [build-system]
        requires = ["setuptools"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "spguard-even-ids"
        version = "0.1"
        [project.entry-points."sp_config_guard.checks"]
        even-id = "spguard_even_ids"
        """),
        encoding="utf-8",
    )
    install = ["install", "-q", "--no-deps", "--no-build-isolation", "--target", str(target)]
    pip = subprocess.run(
        [sys.executable, "-m", "pip", *install, str(plugin)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert pip.returncode == 0, pip.stderr


def _assert_even_id_findings(out: subprocess.CompletedProcess[str]) -> None:
    assert out.returncode == 1, out.stderr
    assert "5001 is odd" in out.stdout and "5003 is odd" in out.stdout, out.stdout
    assert "5002" not in out.stdout


def test_third_party_check_type_through_an_entry_point(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo", "even-id")
    _install_plugin(tmp_path, tmp_path / "site")
    out = _run(sys.executable, repo, "lint", "--fail-on", "warning", pythonpath=[tmp_path / "site"])
    _assert_even_id_findings(out)


def test_a_plugin_installed_in_a_venv_inside_the_checkout_works(tmp_path: Path) -> None:
    """A ``.venv`` in the repository folder is the reviewer's environment: its plugins count
    as installed (a branch that could write there could replace spguard itself)."""
    repo = _repository(tmp_path / "repo", "even-id")
    venv = repo / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site_dir = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # spguard and its dependencies from this environment, as a .pth line that runs at start
    ours = sysconfig.get_path("purelib")
    (Path(site_dir) / "spguard-test.pth").write_text(f"import site; site.addsitedir({ours!r})\n")
    _install_plugin(tmp_path, Path(site_dir))
    _assert_even_id_findings(_run(str(python), repo, "lint", "--fail-on", "warning"))
