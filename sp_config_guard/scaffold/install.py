"""Where the files ``spguard init`` writes install spguard from: a package index, a git URL at
a tag or commit, a wheel or source archive, or a folder.

Without ``--install-from`` the source is the one this spguard was installed from, read from the
installed distribution's ``direct_url.json`` (PEP 610): a git URL with its commit, an archive's
URL or a folder. A spguard installed from a package index has no such file and installs as
``sp-config-guard==<version>`` from the index the CI machine uses. A folder or a ``file:`` URL
only resolves on the machine it names: ``init`` still writes it, with a note that says so."""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sp_config_guard.errors import UsageError
from sp_config_guard.messages import t
from sp_config_guard.version import __version__

DISTRIBUTION = "sp-config-guard"
ARCHIVES = (".whl", ".tar.gz", ".zip")


@dataclass(frozen=True)
class InstallSource:
    """What ``pip install`` is given, and the pre-commit ``repo``/``rev`` of the remote hooks."""

    pip_args: str  # shell words after `pip install`, quoted
    repo: str  # the sp-config-guard git repository for remote pre-commit hooks
    rev: str  # its tag or commit
    local: bool  # resolves only on this machine (a folder or a file: URL)


def source(spec: str | None, root: Path | None = None) -> InstallSource:
    """The install source ``spec`` (``--install-from``), or this installation's own; a wheel or
    folder inside ``root`` (the repository being set up) is named relative to it."""
    if spec is None:
        return installed()
    spec = spec.strip()
    if not spec:
        raise UsageError(t("init.install_empty"))
    if spec.startswith("git+"):
        return _git(spec)
    if spec.startswith(("http://", "https://")):
        if spec.endswith(ARCHIVES):
            return _plain(_requirement(spec))
        # a package index: the released version from there
        return _plain(f"--index-url {shlex.quote(spec)} {DISTRIBUTION}=={__version__}")
    if spec.startswith("file:"):
        return _path(Path(unquote(urlsplit(spec).path)), root)
    if spec.startswith(DISTRIBUTION) and not Path(spec).exists():
        return _plain(shlex.quote(spec))  # a requirement: sp-config-guard, sp-config-guard==0.1.0
    return _path(Path(spec), root)


def installed() -> InstallSource:
    """The source this spguard was installed from (PEP 610), else the index at this version."""
    try:
        text = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        text = None
    if not text:
        return _plain(f"{DISTRIBUTION}=={__version__}")
    data = json.loads(text)
    url = str(data.get("url", ""))
    vcs = data.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git":
        return _git(f"git+{url}@{vcs.get('commit_id') or vcs.get('requested_revision') or ''}")
    if url.startswith("file:"):
        return _path(Path(unquote(urlsplit(url).path)))
    return _plain(_requirement(url))


def _git(spec: str) -> InstallSource:
    """``git+URL@REV``: pip installs that revision; pre-commit's remote hooks use the same."""
    url = spec.removeprefix("git+")
    repo, at, rev = url.rpartition("@")
    if not at or "/" in rev or not repo or repo.endswith(":"):
        raise UsageError(t("init.install_git", spec=spec))
    return InstallSource(_requirement(spec), repo, rev, local=repo.startswith("file:"))


def _path(path: Path, root: Path | None = None) -> InstallSource:
    """A folder or archive: relative to ``root`` when inside it (the repository carries it, so
    CI finds it), else absolute and only on this machine."""
    target = path.resolve()
    if not target.exists() or (target.is_file() and not target.name.endswith(ARCHIVES)):
        raise UsageError(t("init.install_missing", path=path))
    if root is not None and target.is_relative_to(root.resolve()):
        inside = target.relative_to(root.resolve()).as_posix()
        return InstallSource(shlex.quote(f"./{inside}"), _REPO, _REV, local=False)
    return InstallSource(shlex.quote(target.as_posix()), _REPO, _REV, local=True)


_REPO = "https://github.com/<organisation>/sp-config-guard"  # remote hooks: fill in your copy
_REV = f"v{__version__}"


def _plain(pip_args: str) -> InstallSource:
    return InstallSource(pip_args, _REPO, _REV, local=False)


def _requirement(url: str) -> str:
    """A direct reference (PEP 508) to ``url``, quoted for the shell."""
    return shlex.quote(f"{DISTRIBUTION} @ {url}")
