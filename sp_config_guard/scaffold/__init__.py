"""``spguard init``: scaffold a configuration repository from the templates shipped as package
data (``sp_config_guard/templates/``, Danish ones in ``templates/da/``): settings, an empty
waivers file, pre-commit hooks and CI pipelines for GitHub Actions and GitLab CI, which install
spguard from the source :mod:`.install` chose."""

from __future__ import annotations

from importlib import resources
from pathlib import Path, PurePosixPath

from sp_config_guard.errors import UsageError
from sp_config_guard.load.sources import atomic_write
from sp_config_guard.messages import t
from sp_config_guard.scaffold.install import InstallSource, installed

# Where each file goes in the repository -> the template it is copied from.
FILES: dict[str, str] = {
    "spguard.yaml": "spguard.yaml",
    "waivers.yaml": "waivers.yaml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/spguard.yml": "github-workflow.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    "central/README.md": "central-README.md",
}


def template(name: str, lang: str = "en") -> str:
    """The text of the shipped template ``name`` in ``lang``, with its placeholders."""
    folder = resources.files("sp_config_guard") / "templates"
    return (folder / "da" / name if lang == "da" else folder / name).read_text(encoding="utf-8")


def render(name: str, lang: str = "en", install: InstallSource | None = None) -> str:
    """The template ``name`` as ``init`` writes it: in ``lang``, installing from ``install``."""
    install = install or installed()
    values = {"INSTALL": install.pip_args, "REPO": install.repo, "REV": install.rev, "LANG": lang}
    text = template(name, lang)
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    return text


def init(
    target: Path, force: bool = False, lang: str = "en", install: InstallSource | None = None
) -> list[Path]:
    """Write the scaffold into ``target`` (created if missing) and return the files written.

    Existing files are overwritten only with ``force``; otherwise nothing is written and a
    :class:`UsageError` names every file that is in the way."""
    if target.exists() and not target.is_dir():
        raise UsageError(t("init.not_folder", target=target))
    blocked = [rel for rel in FILES if _blocked(target, rel)]
    if blocked:
        raise UsageError(t("init.blocked", target=target, files=", ".join(blocked)))
    existing = [rel for rel in FILES if (target / rel).exists()]
    if existing and not force:
        raise UsageError(t("init.exists", target=target, files=", ".join(existing)))
    install = install or installed()
    texts = {
        rel: render(name, lang, install) for rel, name in FILES.items()
    }  # all read before any write
    written = []
    for rel, text in texts.items():
        atomic_write(target / rel, text)
        written.append(target / rel)
    return written


def _blocked(target: Path, rel: str) -> bool:
    """Whether ``rel`` is a folder, or one of its folders is a file, below ``target``."""
    parents = PurePosixPath(rel).parents
    return (target / rel).is_dir() or any(
        (target / parent).is_file() for parent in parents if parent != PurePosixPath(".")
    )
