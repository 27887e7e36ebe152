"""The ``spguard`` command line: click options -> settings -> run() -> exit code.

Exit codes: 0 clean, 1 findings (or files not in canonical form), 2 usage or configuration
error, 3 internal error."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sp_config_guard import __version__, reporters
from sp_config_guard.errors import UsageError
from sp_config_guard.normalize import NormalizeSettings, run_normalize
from sp_config_guard.reporters.text_report import render_normalize
from sp_config_guard.validate import validate as run_validate

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

_paths = click.Path(path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="spguard")
def cli() -> None:
    """Governance linter and diff for Sundhedsplatformen configuration.

    Raw exports are normalised to canonical YAML (one file per artifact), validated against
    the schema of their kind, and checked against the central standard."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=_paths)
@click.option("--out", "out", type=_paths, help="Folder of the canonical tree to write.")
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    type=_paths,
    help="Mapping profile file, or a folder of them (repeatable).",
)
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 listing files not in canonical form."
)
@click.option("--diff", "show_diff", is_flag=True, help="Write nothing; show what would change.")
@click.option("--encoding", help="Encoding of the exports (e.g. cp1252); overrides the profiles.")
def normalize(
    inputs: tuple[Path, ...],
    out: Path | None,
    profiles: tuple[Path, ...],
    check: bool,
    show_diff: bool,
    encoding: str | None,
) -> int:
    """Turn raw exports (or canonical files, in place) into the canonical tree.

    Without --out, INPUTS are canonical artifact files and are rewritten in place."""
    settings = NormalizeSettings(inputs, out, profiles, check, show_diff, encoding)
    result = run_normalize(settings)
    click.echo(render_normalize(result, settings), nl=False)
    return EXIT_FINDINGS if result.failed else EXIT_CLEAN


@cli.command()
@click.argument("paths", nargs=-1, type=_paths)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(reporters.REPORTERS)),
    default="text",
    show_default=True,
    help="Output format.",
)
def validate(paths: tuple[Path, ...], fmt: str) -> int:
    """Check every artifact against its kind's JSON Schema (default: the current folder)."""
    result = run_validate(list(paths) or [Path(".")])
    click.echo(reporters.get(fmt)(result), nl=False)
    return EXIT_FINDINGS if result.failed("error") else EXIT_CLEAN


def main() -> None:
    """Run the CLI and turn every outcome into an exit code (never a bare traceback)."""
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        code = EXIT_USAGE
    except click.exceptions.Abort:
        click.echo("spguard: aborted", err=True)
        code = EXIT_USAGE
    except UsageError as exc:
        click.echo(f"spguard: error: {exc}", err=True)
        code = EXIT_USAGE
    except Exception as exc:  # the last line of defence: one line, not a traceback
        click.echo(f"spguard: internal error: {type(exc).__name__}: {exc}", err=True)
        code = EXIT_INTERNAL
    sys.exit(code if isinstance(code, int) else EXIT_CLEAN)
