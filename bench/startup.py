"""Start-up: ``python -c pass``, ``spguard --help`` and a lint of one artifact of the bundled
example, each the median of 7 runs after a warm-up, in the same run, against #19's targets
(``--help`` at most 5x ``python -c pass``; the lint at most 0.15 s).

The example is the README's first command: ``spguard normalize examples/exports --profile
examples/profiles --out DIR``; the lint names one artifact of DIR by path, as an editor or a
pre-commit hook does (with the cache, warm after the warm-up run; and without it). The
package is compiled first, as an installed package is.

    python -m bench.startup          # prints the steps and the targets"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.run import PACKAGE, Measure, median_command, timed_command

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ARTIFACT = Path("central") / "Medication" / "100101.yaml"
HELP = "spguard --help"
LINT = "spguard lint <one file of the example>"


def _spguard() -> list[str]:
    """The installed ``spguard`` script beside this Python (what a user runs), else
    ``python -m sp_config_guard``."""
    script = shutil.which("spguard", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "sp_config_guard"]


def startup_steps(example_dir: Path = EXAMPLES) -> list[Measure]:
    """The start-up steps on ``example_dir`` (the repository's ``examples`` folder): the
    normalised example is written to a temporary folder, which the lints run in."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(PACKAGE)], check=True)
    spguard = _spguard()
    with tempfile.TemporaryDirectory(prefix="spguard-startup-") as tmp:
        out, cache = Path(tmp) / "sp-config", Path(tmp) / "cache"
        env = {"SPGUARD_CACHE_DIR": str(cache), "SPGUARD_LANG": "en"}
        normalize = [*spguard, "normalize", str(example_dir / "exports")]
        normalize += ["--profile", str(example_dir / "profiles"), "--out", str(out)]
        timed_command("normalize the example", [*normalize, "--quiet"], Path(tmp), env)
        lint = [*spguard, "lint", ARTIFACT.as_posix()]
        return [
            median_command("python -c pass", [sys.executable, "-c", "pass"], out, env),
            median_command(HELP, [*spguard, "--help"], Path(tmp), env),
            median_command(LINT, lint, out, env),
            median_command(f"{LINT}, no cache", [*lint, "--no-cache"], out, env),
        ]


def startup_targets(steps: list[Measure]) -> list[tuple[str, float, float]]:
    """#19's start-up targets as (target, value, bound), as bench/run.py lists them."""
    by_name = {m.name: m.seconds for m in steps}
    return [
        ("spguard --help <= 5 x python -c pass", by_name[HELP] / by_name["python -c pass"], 5.0),
        ("lint of one file of the example <= 0.15 s", by_name[LINT], 0.15),
    ]


if __name__ == "__main__":
    measured = startup_steps()
    for m in measured:
        print(f"{m.name:50s} {m.seconds:7.3f} s  {m.peak_rss_mb:6.1f} MB")
    for target, value, bound in startup_targets(measured):
        print(f"{target:50s} {value:7.3f}  {'met' if value <= bound else 'NOT met'}")
