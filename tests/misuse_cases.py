"""The CLI-misuse cases: a command given something it cannot check (a missing path, an unknown
code, a mistyped configuration value, ...) and what it must answer: the exit code and the first
line of the message. ``tests/test_misuse.py`` runs every case on the real CLI, and
``tests/hostile_cases.py`` renders them as the section "CLI misuse" of
``docs/hostile-input.md`` (regenerate with ``python -m tests.hostile_cases``).

In ``args`` and ``line``, ``{repo}`` stands for the repository's absolute path and ``{outside}``
for an empty folder beside it; the table shows them as ``<repo>`` and ``<outside>``."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# The working folders a case can run from.
ROOT, SUBFOLDER, OUTSIDE = "root", "subfolder", "outside"


@dataclass(frozen=True)
class Misuse:
    """One misuse: what was wrong, the command, where it runs, and what it must answer."""

    name: str
    args: tuple[str, ...]
    exit: int
    line: str  # the first line of the message, exactly
    cwd: str = ROOT
    make: Callable[[Path], None] | None = None  # changes to the repository before the run


def message_line(stdout: str, stderr: str) -> str:
    """The first line of what the user is told: standard error first (without click's usage
    preamble), else standard output."""
    for text in (stderr, stdout):
        for line in text.splitlines():
            if line.strip() and not line.startswith(("Usage: ", "Try '")):
                return line
    return ""


# Paths that do not exist, and discovery.
def _write(*files: tuple[str, str]) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        for place, text in files:
            (root / place).parent.mkdir(parents=True, exist_ok=True)
            (root / place).write_text(text, encoding="utf-8")

    return make


_MED = "central/Medication/100101.yaml"
_CLEAN = "validate: 1 file(s) checked, 0 error(s), 0 warning(s), 0 info"
_MISSING = "spguard: error: no such file or folder: "


def _nested(root: Path) -> None:
    """A copy of the repository inside it, in a folder named like a kind folder."""
    for place in ("spguard.yaml", _MED):
        (root / "H" / place).parent.mkdir(parents=True, exist_ok=True)
        (root / "H" / place).write_bytes((root / place).read_bytes())


PATHS: list[Misuse] = [
    Misuse(
        "lint: a path that does not exist, from an empty folder",
        ("lint", "{outside}/nonexistent-path"),
        2,
        _MISSING + "{outside}/nonexistent-path",
        OUTSIDE,
    ),
    Misuse(
        "lint: several paths that do not exist",
        ("lint", _MED, "nope.yaml", "centrl"),
        2,
        _MISSING + "nope.yaml, centrl",
    ),
    Misuse(
        "lint: a mistyped artifact file",
        ("lint", "central/OrderSet/30411016.yaml"),
        2,
        _MISSING + "central/OrderSet/30411016.yaml",
    ),
    Misuse(
        "validate: a mistyped artifact file",
        ("validate", "Medication/10010.yaml"),
        2,
        _MISSING + "Medication/10010.yaml",
        SUBFOLDER,
    ),
    Misuse(
        "drift: a folder that does not exist",
        ("drift", "{outside}/typo"),
        2,
        _MISSING + "{outside}/typo",
        OUTSIDE,
    ),
    Misuse(
        "diff: both sides missing",
        ("diff", "{outside}/a", "{outside}/b"),
        2,
        _MISSING + "{outside}/a, {outside}/b",
        OUTSIDE,
    ),
    Misuse(
        "diff: the new side missing",
        ("diff", "Medication", "Medicaton"),
        2,
        _MISSING + "Medicaton",
        SUBFOLDER,
    ),
    Misuse(
        "baseline create: a folder that does not exist",
        ("baseline", "create", "centrl"),
        2,
        _MISSING + "centrl",
    ),
    Misuse(
        "baseline update: a folder that does not exist",
        ("baseline", "update", "{outside}/repo"),
        2,
        _MISSING + "{outside}/repo",
        OUTSIDE,
    ),
    Misuse(
        "waivers check: a folder that does not exist",
        ("waivers", "check", "centrl"),
        2,
        _MISSING + "centrl",
    ),
    Misuse(
        "normalize: an export that does not exist",
        ("normalize", "--check", "exports/orders.json"),
        2,
        _MISSING + "exports/orders.json",
    ),
    Misuse(
        "normalize: a profile that does not exist",
        ("normalize", "--profile", "profiles/epic.yaml", _MED),
        2,
        _MISSING + "profiles/epic.yaml",
    ),
    Misuse(
        "lint: a file named that is no artifact",
        ("lint", "--format", "github", "notes.yaml"),
        1,
        "::error file=notes.yaml,line=1,col=1,title=LOAD007::has no 'kind'; every artifact "
        "names its kind",
        make=_write(("notes.yaml", "title: my notes\n")),
    ),
    Misuse(
        "validate: a file named that is no artifact",
        ("validate", "notes.yaml"),
        1,
        "notes.yaml:1:1: error LOAD007 has no 'kind'; every artifact names its kind [$]",
        make=_write(("notes.yaml", "title: my notes\n")),
    ),
    Misuse("validate from a subfolder: no false SCH004", ("validate",), 0, _CLEAN, SUBFOLDER),
    Misuse(
        "validate: a file excluded in spguard.yaml",
        ("validate",),
        0,
        _CLEAN,
        make=_write(
            ("spguard.yaml", "rulesets: [medication]\nexclude: ['*/draft.yaml']\n"),
            ("central/Medication/draft.yaml", "kind: [\n"),
        ),
    ),
    Misuse(
        "validate: a repository folder named like a kind folder (H/)",
        ("validate", "{repo}/H"),
        0,
        _CLEAN,
        OUTSIDE,
        make=_nested,
    ),
]

# Rule codes and prefixes (--select, --ignore, rules explain).
_NOT_IN_RUN = "in the rule sets of this run"
_OWN = "is no rule but one of spguard's own problems (LOAD, SCH, WAV, ...); they are always "
_OWN += "reported and cannot be selected or ignored"


def _spguard_yaml(text: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / "spguard.yaml").write_text(text, encoding="utf-8")

    return make


def _overrides(body: str) -> Callable[[Path], None]:
    return _spguard_yaml(f"rulesets: [medication]\noverrides:\n  - paths: ['central/*']\n{body}")


CODES: list[Misuse] = [
    Misuse(
        "unknown rule code",
        ("rules", "explain", "NOPE001"),
        2,
        f"spguard: error: no rule 'NOPE001' {_NOT_IN_RUN} (did you mean 'MED001'?); "
        "see spguard rules list",
    ),
    Misuse(
        "prefix given to rules explain",
        ("rules", "explain", "MED00"),
        2,
        f"spguard: error: no rule 'MED00' {_NOT_IN_RUN} (did you mean 'MED001'?); "
        "see spguard rules list",
    ),
    Misuse(
        "mistyped --select code",
        ("lint", "--select", "MDE001"),
        2,
        f"spguard: error: --select: no rule 'MDE001' {_NOT_IN_RUN} (did you mean 'MED001'?); "
        "see spguard rules list",
    ),
    Misuse(
        "mistyped --select code, from a subfolder",
        ("lint", "--select", "MDE001"),
        2,
        f"spguard: error: --select: no rule 'MDE001' {_NOT_IN_RUN} (did you mean 'MED001'?); "
        "see spguard rules list",
        cwd=SUBFOLDER,
    ),
    Misuse(
        "mistyped --ignore code, from outside",
        ("lint", "{repo}", "--ignore", "MDE010"),
        2,
        f"spguard: error: --ignore: no rule 'MDE010' {_NOT_IN_RUN} (did you mean 'MED010'?); "
        "see spguard rules list",
        cwd=OUTSIDE,
    ),
    Misuse(
        "comma list with a prefix of a rule set not in use",
        ("lint", "--ignore", "ORD,MED"),
        2,
        f"spguard: error: --ignore: no rule 'ORD' {_NOT_IN_RUN}; see spguard rules list",
    ),
    Misuse(
        "comma list of a code and a prefix (honoured: the planted findings are ignored)",
        ("lint", "--ignore", "MED001,MED0"),
        0,
        "lint: 1 file(s) checked, 0 error(s), 0 warning(s), 0 info",
    ),
    Misuse(
        "code of spguard's own problems in --ignore",
        ("lint", "--ignore", "LOAD"),
        2,
        f"spguard: error: --ignore: 'LOAD' {_OWN}",
    ),
    Misuse(
        "mistyped code in overrides[].ignore",
        ("lint",),
        2,
        "spguard: error: {repo}/spguard.yaml:4: overrides.0.ignore.1: "
        f"no rule 'MDE' {_NOT_IN_RUN} (did you mean 'MED'?); see spguard rules list",
        make=_overrides("    ignore: [MED001, MDE]\n"),
    ),
    Misuse(
        "unknown code in overrides[].severity",
        ("lint",),
        2,
        "spguard: error: {repo}/spguard.yaml:4: overrides.0.severity.MED019: "
        f"no rule 'MED019' {_NOT_IN_RUN} (did you mean 'MED001'?); see spguard rules list",
        make=_overrides("    severity: {MED019: info}\n"),
    ),
]


# Configuration values (spguard.yaml, flags, environment).
CONFIG: list[Misuse] = [
    Misuse(
        "mistyped standard folder in spguard.yaml",
        ("lint",),
        2,
        "spguard: error: {repo}/spguard.yaml:2: standard: no folder 'centrl' in the repository "
        "(did you mean 'central'?)",
        make=_spguard_yaml("rulesets: [medication]\nstandard: centrl\n"),
    ),
    Misuse(
        "mistyped standard folder, drift from a subfolder",
        ("drift",),
        2,
        "spguard: error: {repo}/spguard.yaml:2: standard: no folder 'centrl' in the repository "
        "(did you mean 'central'?)",
        cwd=SUBFOLDER,
        make=_spguard_yaml("rulesets: [medication]\nstandard: centrl\n"),
    ),
    Misuse(
        "standard folder outside the repository",
        ("lint",),
        2,
        "spguard: error: {repo}/spguard.yaml:1: standard: no folder '..' in the repository",
        make=_spguard_yaml("standard: ..\n"),
    ),
    Misuse(
        "waivers file in spguard.yaml that does not exist",
        ("lint",),
        2,
        "spguard: error: {repo}/spguard.yaml:2: waivers: no file {repo}/waiver.yaml",
        make=_spguard_yaml("rulesets: [medication]\nwaivers: waiver.yaml\n"),
    ),
    Misuse(
        "baseline in spguard.yaml that does not exist, for lint",
        ("lint",),
        2,
        "spguard: error: {repo}/spguard.yaml:2: baseline: no file {repo}/accepted.yaml",
        make=_spguard_yaml("rulesets: [medication]\nbaseline: accepted.yaml\n"),
    ),
    Misuse(
        "baseline in spguard.yaml that does not exist, for baseline create (which writes it)",
        ("baseline", "create"),
        0,
        "new (added): MED001 Medication 100101 $.spec.double_check",
        make=_spguard_yaml("rulesets: [medication]\nbaseline: accepted.yaml\n"),
    ),
    Misuse(
        "mistyped rule set name in spguard.yaml",
        ("lint",),
        2,
        "spguard: error: {repo}/spguard.yaml:1: rulesets.0: no shipped rule set or file "
        "'medicaton' (did you mean 'medication'?)",
        make=_spguard_yaml("rulesets: [medicaton]\n"),
    ),
    Misuse(
        "rule-set file in spguard.yaml that does not exist",
        ("rules", "list"),
        2,
        "spguard: error: {repo}/spguard.yaml:1: rulesets.1: no shipped rule set or file "
        "'local/rules.yaml'",
        make=_spguard_yaml("rulesets: [medication, local/rules.yaml]\n"),
    ),
    Misuse(
        "override path whose folder does not exist",
        ("lint",),
        2,
        "spguard: error: {repo}/spguard.yaml:3: overrides.0.paths.0: no file or folder "
        "'hovedstadn' in the repository",
        make=_spguard_yaml("rulesets: [medication]\noverrides:\n  - paths: ['hovedstadn/*']\n"),
    ),
    Misuse(
        "--waivers of a file that does not exist, from outside",
        ("lint", "{repo}", "--waivers", "nope.yaml"),
        2,
        "spguard: error: --waivers: no file {outside}/nope.yaml",
        cwd=OUTSIDE,
    ),
    Misuse(
        "--baseline of a file that does not exist",
        ("lint", "--baseline", "nope.yaml"),
        2,
        "spguard: error: --baseline: no file {repo}/nope.yaml",
    ),
    Misuse(
        "waivers check --file of a file that does not exist",
        ("waivers", "check", "--file", "nope.yaml"),
        2,
        "spguard: error: --file: no file {repo}/central/nope.yaml",
        cwd=SUBFOLDER,
    ),
    Misuse(
        "--ruleset of a file that does not exist",
        ("lint", "--ruleset", "local/rules.yaml"),
        2,
        "spguard: error: --ruleset: no shipped rule set or file 'local/rules.yaml'",
    ),
]

# Git revisions.


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd`` as a test author, whatever the machine's git configuration."""
    who = ("-c", "user.name=Test", "-c", "user.email=test@example.invalid")
    run = subprocess.run(["git", *who, *args], cwd=cwd, capture_output=True, text=True, check=True)
    return run.stdout


def diverged(repo: Path) -> None:
    """``feature`` forks from ``main`` and doubles the strength of 100101; after the fork,
    ``main`` adds 100102 (what ``main...feature`` must not show). Checked out: main."""
    medication = repo / "central" / "Medication"
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "standard")
    git(repo, "checkout", "-qb", "feature")
    text = (medication / "100101.yaml").read_text(encoding="utf-8")
    (medication / "100101.yaml").write_text(text.replace("500", "1000"), encoding="utf-8")
    git(repo, "commit", "-qam", "stronger")
    git(repo, "checkout", "-q", "main")
    (medication / "100102.yaml").write_text(text.replace("100101", "100102"), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "another")


def shallow_clone(repo: Path) -> None:
    """``repo`` becomes a clone of the diverged history one commit deep on each branch (as CI
    checks out), so the merge base of main and feature is not in it."""
    origin = repo.with_name(f"{repo.name}-origin")
    repo.rename(origin)
    diverged(origin)
    git(
        origin.parent,
        "clone",
        "-q",
        "--depth",
        "1",
        "--no-single-branch",
        origin.as_uri(),
        repo.name,
    )


def unrelated(repo: Path) -> None:
    """``main`` and an ``orphan`` branch with no commit in common."""
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "standard")
    git(repo, "checkout", "-q", "--orphan", "orphan")
    git(repo, "commit", "-qm", "unrelated")
    git(repo, "checkout", "-q", "main")


_MODIFIED = (
    "Medication 100101 (central standard): modified [feature:central/Medication/100101.yaml]"
)
_FETCH = "fetch more history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)"
_NOT_WORK_TREE = (
    "is not in a git work tree; run spguard diff --git inside a git repository, "
    "or compare two folders with spguard diff OLD NEW"
)

GIT: list[Misuse] = [
    Misuse(
        "three dots: what B changed since it left A",
        ("diff", "--git", "main...feature"),
        1,
        _MODIFIED,
        make=diverged,
    ),
    Misuse(
        "three dots, from a subfolder",
        ("diff", "--git", "main...feature", "."),
        1,
        _MODIFIED,
        cwd=SUBFOLDER,
        make=diverged,
    ),
    Misuse(
        "three dots, from outside the repository",
        ("diff", "--git", "main...feature", "{repo}"),
        1,
        _MODIFIED,
        cwd=OUTSIDE,
        make=diverged,
    ),
    Misuse(
        "unknown revision",
        ("diff", "--git", "main..nope"),
        2,
        "spguard: error: unknown revision 'nope': no commit of that name in {repo}; "
        "check the spelling (git branch -a, git log --oneline)",
        make=diverged,
    ),
    Misuse(
        "unknown revision in a shallow clone",
        ("diff", "--git", "HEAD~1"),
        2,
        "spguard: error: unknown revision 'HEAD~1': no commit of that name in {repo}, "
        "a shallow clone; fetch it or more history (git fetch --unshallow, or fetch-depth: 0 "
        "in actions/checkout)",
        make=shallow_clone,
    ),
    Misuse(
        "malformed revision range",
        ("diff", "--git", "main..feature..x"),
        2,
        "spguard: error: malformed revision range 'main..feature..x': give REV, A..B or A...B",
        make=diverged,
    ),
    Misuse(
        "an option where the revision goes",
        ("diff", "--git", "-x"),
        2,
        "spguard: error: not a revision: '-x' (it starts with '-'); give REV, A..B or A...B",
        make=diverged,
    ),
    Misuse(
        "three dots, no common history",
        ("diff", "--git", "main...orphan"),
        2,
        "spguard: error: main...orphan: 'main' and 'orphan' share no history (no merge base); "
        "compare them directly with --git main..orphan",
        make=unrelated,
    ),
    Misuse(
        "three dots in a shallow clone without the merge base",
        ("diff", "--git", "main...origin/feature"),
        2,
        "spguard: error: main...origin/feature: the merge base of 'main' and 'origin/feature' "
        f"is missing from this shallow clone; {_FETCH}",
        make=shallow_clone,
    ),
    Misuse(
        "a path in neither the work tree nor the revisions",
        ("diff", "--git", "main...feature", "centrl"),
        2,
        "spguard: error: centrl: no such file or folder in the work tree, nor at main...feature",
        make=diverged,
    ),
    Misuse(
        "not a git work tree",
        ("diff", "--git", "HEAD"),
        2,
        f"spguard: error: {{repo}} {_NOT_WORK_TREE}",
    ),
    Misuse(
        "not a git work tree, given from outside",
        ("diff", "--git", "HEAD", "{outside}"),
        2,
        f"spguard: error: {{outside}} {_NOT_WORK_TREE}",
        cwd=OUTSIDE,
    ),
]

# Deletions and renames under pre-commit: the lint hook runs `spguard lint --changed` with the
# files of the commit, and pre-commit gives none for a deleted file.
STANDARD, VARIANT = "central/Medication/100101.yaml", "hovedstaden/Medication/180101.yaml"
# the variant's finding once its standard is gone: lint's first line names the variant's file
VARIANT_MISSES_STANDARD = (
    f"{VARIANT}:4:7: error MED006 Medication 180101 differs from standard 100101: the "
    "standard 100101 is not in the repository [$.derived_from.id]"
)


def _committed(root: Path) -> None:
    """The repository in git, with a region's variant of the standard 100101 and a second
    standard that nothing uses."""
    standard = (root / STANDARD).read_text(encoding="utf-8")
    variant = standard.replace('"100101"', '"180101"\nderived_from:\n  id: "100101"', 1)
    variant = variant.replace("level: central", "level: region\n  region: hovedstaden")
    (root / VARIANT).parent.mkdir(parents=True)
    (root / VARIANT).write_text(variant, encoding="utf-8")
    (root / STANDARD).with_name("100102.yaml").write_text(
        standard.replace('"100101"', '"100102"'), encoding="utf-8"
    )
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "configuration")


def _staged(*change: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        _committed(root)
        git(root, *change)

    return make


def _renamed(root: Path) -> None:
    _committed(root)
    git(root, "mv", STANDARD, "central/Medication/100103.yaml")
    moved = root / "central/Medication/100103.yaml"
    moved.write_text(moved.read_text(encoding="utf-8").replace("100101", "100103"), "utf-8")
    git(root, "add", "-A")


def _notes(root: Path) -> None:
    _committed(root)
    (root / "README.md").write_text("Notes\n", encoding="utf-8")
    git(root, "add", "README.md")


DELETIONS: list[Misuse] = [
    Misuse(
        "commit deletes the standard a variant derives from",
        ("lint", "--changed"),
        1,
        VARIANT_MISSES_STANDARD,
        make=_staged("rm", "-q", STANDARD),
    ),
    Misuse(
        "commit renames the standard a variant derives from (new id)",
        ("lint", "--changed", "central/Medication/100103.yaml", "--select", "MED006"),
        1,
        VARIANT_MISSES_STANDARD,
        make=_renamed,
    ),
    Misuse(
        "commit deletes an artifact nothing uses",
        ("lint", "--changed", "--format", "github"),
        0,
        "",
        make=_staged("rm", "-q", "central/Medication/100102.yaml"),
    ),
    Misuse(
        "commit deletes an artifact nothing uses",
        ("lint", "--changed", "--format", "github"),
        0,
        "",
        SUBFOLDER,
        make=_staged("rm", "-q", "central/Medication/100102.yaml"),
    ),
    Misuse(
        "commit changes no artifact",
        ("lint", "--changed", "--format", "github"),
        0,
        "",
        make=_notes,
    ),
    Misuse(
        "lint --changed outside a git work tree",
        ("lint", "--changed"),
        2,
        "spguard: error: lint --changed reads the change from git, but {repo} is not in a git "
        "work tree; run without --changed to check the files",
    ),
]

# What a command reports, and its exit code, when input files are bad.
_BAD = "central/Medication/bad.yaml"
_DUPLICATE_KEY = f"{_BAD}:18:1: LOAD002 duplicate key 'status': each key may appear once; "
_DUPLICATE_KEY += "remove or merge the copies"
_KINDS = (
    "DecisionRule, Department, DocumentationTemplate, EarlyWarningScore, Medication, Navigator, "
    "OrderSet, PreferenceList, PrintGroup, ProfileSetting, VisitType"
)
_UNKNOWN_KIND = f"unknown kind 'Frobnicator'; known kinds: {_KINDS}"
_ID_USED = "Medication id '100101' is also used by central/Medication/100101.yaml; ids are unique"
_ID_USED += " per kind"


def _bad_file(change: Callable[[str], str]) -> Callable[[Path], None]:
    """A second artifact file beside the good one, made from it by ``change``."""

    def make(repo: Path) -> None:
        good = (repo / "central/Medication/100101.yaml").read_text(encoding="utf-8")
        (repo / _BAD).write_text(change(good), encoding="utf-8")

    return make


def _loop(repo: Path) -> None:
    (repo / _BAD).symlink_to("bad.yaml")


def _with_waivers(make: Callable[[Path], None]) -> Callable[[Path], None]:
    def both(repo: Path) -> None:
        make(repo)
        (repo / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")

    return both


_duplicate_key = _bad_file(lambda text: text + "status: retired\n")
_unknown_kind = _bad_file(lambda text: text.replace("kind: Medication", "kind: Frobnicator"))
_same_id = _bad_file(lambda text: text)

REPORTS: list[Misuse] = [
    Misuse("drift with an invalid file", ("drift", "."), 1, _DUPLICATE_KEY, make=_duplicate_key),
    Misuse(
        "drift with an invalid file, JSON report",
        ("drift", "--format", "json", "--output", "{outside}/drift.json", "."),
        1,
        _DUPLICATE_KEY,
        make=_duplicate_key,
    ),
    Misuse(
        "diff of trees with an invalid file",
        ("diff", ".", "."),
        1,
        _DUPLICATE_KEY,
        make=_duplicate_key,
    ),
    Misuse(
        "baseline create with a file that cannot be read",
        ("baseline", "create"),
        1,
        f"{_BAD}:1:1: LOAD010 symbolic link cannot be followed (it loops); fix or remove it",
        make=_loop,
    ),
    Misuse(
        "baseline update with an invalid file",
        ("baseline", "update"),
        1,
        _DUPLICATE_KEY,
        make=_duplicate_key,
    ),
    Misuse(
        "waivers check with an invalid file",
        ("waivers", "check", "--format", "github"),
        1,
        f"::error file={_BAD},line=18,col=1,title=LOAD002::duplicate key 'status': each key may "
        "appear once; remove or merge the copies",
        make=_with_waivers(_duplicate_key),
    ),
    Misuse(
        "lint of an artifact of an unknown kind",
        ("lint", "--format", "github", _BAD),
        1,
        f"::error file={_BAD},line=1,col=7,title=LOAD008::{_UNKNOWN_KIND}",
        make=_unknown_kind,
    ),
    Misuse(
        "drift with an artifact of an unknown kind",
        ("drift", "."),
        1,
        f"{_BAD}:1:7: LOAD008 {_UNKNOWN_KIND}",
        make=_unknown_kind,
    ),
    Misuse(
        "lint of an artifact whose kind and id another file has",
        ("lint", "--format", "github", _BAD),
        1,
        f"::error file={_BAD},line=2,col=5,title=SCH003::{_ID_USED}",
        make=_same_id,
    ),
    Misuse(
        "drift with two files of one kind and id",
        ("drift", "."),
        1,
        f"{_BAD}:2:5: SCH003 {_ID_USED}",
        make=_same_id,
    ),
]

CASES: list[Misuse] = [*PATHS, *CODES, *CONFIG, *GIT, *DELETIONS, *REPORTS]


def cell(text: str) -> str:
    """``text`` as a Markdown table cell (the generated tables of docs/hostile-input.md)."""
    return text.replace("|", "\\|")


def _shown(text: str) -> str:
    return text.replace("{repo}", "<repo>").replace("{outside}", "<outside>")


def table() -> str:
    """The Markdown section of every case."""
    lines = [
        "## CLI misuse",
        "",
        "Each row runs the real CLI in a small repository (`tests/test_misuse.py`), from its",
        "root, a subfolder or an empty folder outside it. Nothing a command did not check",
        "passes: a missing path, an unknown code or a mistyped setting is an error.",
        "",
        "| Misuse | Command | Run from | Exit | First line of the message |",
        "|---|---|---|---|---|",
    ]
    for case in CASES:
        command = _shown(" ".join(("spguard", *case.args)))
        lines.append(
            f"| {cell(case.name)} | `{cell(command)}` | {case.cwd} | {case.exit} | "
            f"`{cell(_shown(case.line))}` |"
        )
    return "\n".join(lines) + "\n"
