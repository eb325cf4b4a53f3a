"""``python -m bench``: generate the campaign at each scale, time our pipeline and the peers in one run.

Everything that is compared is measured in the same run, interleaved (ours, then each peer, for every run, at
every scale: ``ScaleRuns``), so a machine busy with something else slows both sides and every scale alike and
the ratios stay meaningful; absolute seconds on a shared 2-core machine are noisy and are reported as medians.
"""

from __future__ import annotations

import argparse
import os
import pickle
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from .corpus import Campaign, edit_pages, make_campaign, translate_catalogs
from .measure import Result, run_once
from .mergebench import OURS_SCRIPT, Score, make_merge_case, merge_only_seconds, score
from .report import COLD, STATIC, STATIC_LINEAR, STATIC_TRANSLATED

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / ".bench"
BENCH_VENV = BENCH_DIR / "venv"
REQUIREMENTS = ROOT / "requirements" / "bench.txt"


# --- environments -------------------------------------------------------------------------------------------
def python() -> str:
    """The project's Python (the one with mdgettext, MkDocs and the plugins installed)."""
    return sys.executable


def bench_python() -> Path:
    return BENCH_VENV / "bin" / "python"


def ensure_peers(log: Callable[[str], None]) -> list[str]:
    """The peers' environment: a venv with the pinned Python peers, po4a and gettext from Debian."""
    notes = []
    if not bench_python().exists():
        log(f"creating {BENCH_VENV.relative_to(ROOT)} for the peers")
        subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
    stamp = BENCH_VENV / ".installed"
    if not stamp.exists() or stamp.read_text() != REQUIREMENTS.read_text():
        subprocess.run(
            [
                str(bench_python()),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
                str(REQUIREMENTS),
            ],
            check=True,
        )
        stamp.write_text(REQUIREMENTS.read_text())
    missing = [
        package
        for tool, package in (("po4a-updatepo", "po4a"), ("msgmerge", "gettext"))
        if shutil.which(tool) is None
    ]
    if missing:
        sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
        log(f"installing {', '.join(missing)} with apt-get")
        result = subprocess.run(
            [*sudo, "apt-get", "install", "-y", "-q", *missing], capture_output=True, text=True
        )
        if result.returncode != 0:
            notes.append(f"could not install {', '.join(missing)} (apt-get failed); those peers are skipped")
    return notes


def versions() -> dict[str, str]:
    def run(command: Sequence[str], pattern: str = r"(\d+\.\d+(?:\.\d+)?)") -> str:
        try:
            output = subprocess.run(list(command), capture_output=True, text=True, timeout=60).stdout
        except (OSError, subprocess.TimeoutExpired):
            return "missing"
        match = re.search(pattern, output)
        return match.group(1) if match else "?"

    found = {"python": platform.python_version()}
    script = (
        "import importlib.metadata as m\nfor p in {names}:\n"
        "    try: print(p, m.version(p))\n    except Exception: print(p, 'missing')"
    )
    for interpreter, names in (
        (
            python(),
            ["mkdocs", "mkdocs-material", "mkdocs-static-i18n", "polib", "rapidfuzz", "deflate", "mdgettext"],
        ),
        (str(bench_python()), ["mdpo", "translate-toolkit", "babel", "mistletoe"]),
    ):
        output = subprocess.run(
            [interpreter, "-c", script.format(names=names)], capture_output=True, text=True
        ).stdout
        for line in output.splitlines():
            name, _, version = line.partition(" ")
            found[name] = version
    found["msgmerge (GNU gettext)"] = run(["msgmerge", "--version"])
    found["po4a"] = run(["po4a-updatepo", "--version"], r"(\d+\.\d+(?:\.\d+)?)")
    return found


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    except OSError:
        memory = 0
    return f"{os.cpu_count()} CPUs ({cpu}), {memory:.0f} GiB RAM, {platform.system()} {platform.release()}"


# --- the project at one scale -------------------------------------------------------------------------------
def env() -> dict[str, str]:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore")
    environment.pop("PREVIEW_LANGUAGE", None)
    return environment


def mdgettext(*args: str) -> list[str]:
    return [python(), "-m", "mdgettext.cli", *args]


def strip_translation(config: str, *, keep_i18n: bool) -> str:
    """mkdocs.yml without our plugin (and without the theme overrides that use its template helpers).

    ``keep_i18n=False`` also drops static-i18n: a plain single-language MkDocs build of the English pages.
    """
    text = re.sub(r"\n  - mdgettext:\n(?:    .*\n|\s*#.*\n)*", "\n", config + "\n")
    text = re.sub(r"\n  custom_dir: .*", "", text)
    if not keep_i18n:
        text = re.sub(r"\n  - i18n:\n(?:      .*\n|\s*#.*\n)*", "\n", text)
    return text


#: Where ``prepare`` writes the translated Markdown files static-i18n alone builds the same site from.
TRANSLATED_DOCS = "docs-translated"


def translated_docs_config(config: str) -> str:
    """A configuration without our plugin that reads the translated files instead of ``docs/``."""
    text, count = re.subn(r"(?m)^docs_dir: .*$", f"docs_dir: {TRANSLATED_DOCS}", config)
    return text if count else f"docs_dir: {TRANSLATED_DOCS}\n{text}"


@dataclass
class Scale:
    """Everything measured for one corpus (a synthetic N, or a real docs folder)."""

    label: str
    pages: int
    words: int
    results: dict[str, Result] = field(default_factory=dict)
    identical: str = ""
    entries: int = 0


def prepare(campaign: Campaign, log: Callable[[str], None]) -> Path:
    """Templates and catalogs for the campaign (once, untimed); a pristine copy to restore between runs."""
    subprocess.run(mdgettext("-C", str(campaign.root), "update"), check=True, env=env(), capture_output=True)
    translate_catalogs(campaign.root, campaign.languages)
    config = (campaign.root / "mkdocs.yml").read_text(encoding="utf-8")
    (campaign.root / "mkdocs-static-i18n.yml").write_text(strip_translation(config, keep_i18n=True))
    (campaign.root / "mkdocs-plain.yml").write_text(strip_translation(config, keep_i18n=False))
    # The same site as static-i18n alone builds it: the plugin's Markdown of each page and language, in files.
    subprocess.run(
        [python(), "-m", "bench.pretranslate", str(campaign.root), str(campaign.root / TRANSLATED_DOCS)],
        # With the cache off: the timed `mdgettext check` below must not find this build's answers.
        check=True,
        env=dict(env(), PYTHONPATH=str(ROOT / "scripts"), MDGETTEXT_CACHE="0"),
        capture_output=True,
    )
    (campaign.root / "mkdocs-static-i18n-translated.yml").write_text(
        translated_docs_config(strip_translation(config, keep_i18n=True))
    )
    pristine = campaign.root.with_name(campaign.root.name + ".pristine")
    if pristine.exists():
        shutil.rmtree(pristine)
    shutil.copytree(campaign.root, pristine)
    log(f"  prepared {campaign.pages} pages in {campaign.root}")
    return pristine


def restore(pristine: Path, root: Path, *names: str) -> Callable[[], None]:
    def before() -> None:
        for name in names:
            if (root / name).exists():
                shutil.rmtree(root / name)
            if (pristine / name).exists():
                shutil.copytree(pristine / name, root / name)

    return before


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def compare_sites(sequential: Path, parallel: Path) -> str:
    left, right = _files(sequential), _files(parallel)
    if sorted(left) != sorted(right):
        return f"DIFFERENT file lists ({len(set(left) ^ set(right))} files)"
    different = [name for name in left if left[name] != right[name]]
    if not different:
        return f"identical ({len(left)} files)"
    if different == ["404.html"]:
        return (
            f"identical ({len(left)} files) except 404.html's language switcher "
            "(static-i18n leaks the previous language's last page into it; see below)"
        )
    return f"DIFFERENT: {len(different)} files, e.g. {different[:3]}"


@dataclass(frozen=True)
class Command:
    """One timed command of a step; ``before`` sets up its starting state (not timed)."""

    name: str
    argv: list[str]
    environment: dict[str, str] | None = None
    accept: tuple[int, ...] = (0,)
    before: Callable[[], None] | None = None


class ScaleRuns:
    """One corpus's measurements, taken one run at a time.

    ``main`` takes the n-th run of a step at every scale together (run 1 at 100, 550 and 1,100 pages, then
    run 2, ...), so a machine that slows down during the hour slows every scale alike: the growth from one
    scale to the next (the linear target) is then the software's, not the machine's.
    """

    #: In this order. Extraction and update change the corpus and restore it after their last run; check
    #: and the builds leave it as it is (check stores its answers in the cache the builds then use).
    STEPS: ClassVar[tuple[str, ...]] = ("extract", "update", "check", "builds")

    def __init__(
        self,
        scale: Scale,
        campaign: Campaign,
        pristine: Path,
        args: argparse.Namespace,
        log: Callable[[str], None],
    ) -> None:
        self.scale, self.campaign, self.pristine, self.args, self.log = scale, campaign, pristine, args, log
        self.root = campaign.root
        self.work = self.root.parent / f"{self.root.name}.out"
        self.work.mkdir(exist_ok=True)
        self.env = env()
        self.docs = sorted(str(p) for p in campaign.docs.rglob("*.md"))
        self.steps: dict[str, tuple[Callable[[], list[Command]], Callable[[], None]]] = {
            "extract": (self._extract, self._end_extract),
            "update": (self._update, self._end_update),
            "check": (self._check, self._end_check),
            "builds": (self._builds, self._end_builds),
        }
        self.names: dict[str, list[str]] = {}  # by step: the results it fills, in order

    def run(self, step: str) -> None:
        """One run of every command of ``step``."""
        commands, _ = self.steps[step]
        for command in commands():
            if command.name not in self.names.setdefault(step, []):
                self.names[step].append(command.name)
            self._sample(command)

    def end(self, step: str) -> None:
        """After the last run of ``step``: its results logged, the corpus restored."""
        for result in (self.scale.results[name] for name in self.names.get(step, [])):
            if result.ok:
                status = f"{result.seconds:7.2f} s  {result.peak_mib:7.0f} MiB"
            else:
                status = f"FAILED {result.note}"
            self.log(f"  {self.scale.label:>10}: {result.name:<44} {status}")
        _, finish = self.steps[step]
        finish()

    def _sample(self, command: Command) -> None:
        result = self.scale.results.setdefault(command.name, Result(command.name, accept=command.accept))
        if result.samples and not result.ok:
            return  # failed once: not run again, its failure is reported
        if command.before:
            command.before()
        sample = run_once(command.argv, cwd=self.root, env=command.environment or self.env)
        result.samples.append(sample)
        if sample.returncode not in command.accept:
            result.note = sample.output.strip().splitlines()[-1][:200] if sample.output.strip() else "failed"

    # Extraction, cold: no templates yet; the peers write theirs into a scratch folder.
    def _clean_templates(self) -> None:
        shutil.rmtree(self.root / "locales" / "templates", ignore_errors=True)
        shutil.rmtree(self.work / "extract", ignore_errors=True)
        (self.work / "extract").mkdir()

    def _extract(self) -> list[Command]:
        extract = self.work / "extract"
        bp = str(bench_python())
        commands = [
            ("extract: mdgettext extract", mdgettext("-C", str(self.root), "extract")),
            (
                "extract: Translate Toolkit md2po",
                [
                    bp,
                    "-m",
                    "translate.convert.md2po",
                    "-i",
                    str(self.campaign.docs),
                    "-o",
                    str(extract / "tt"),
                    "--progress=none",
                ],
            ),
            (
                "extract: mdpo md2po",
                [
                    bp,
                    "-m",
                    "mdpo.md2po",
                    *self.docs,  # its "**" glob does not recurse into folders
                    "-s",
                    "--po-filepath",
                    str(extract / "mdpo.pot"),
                    "-q",
                ],
            ),
        ]
        if shutil.which("po4a-updatepo") and not self.args.no_po4a:
            commands.append(
                (
                    "extract: po4a-updatepo (text/markdown)",
                    [
                        "po4a-updatepo",
                        "-f",
                        "text",
                        "-o",
                        "markdown",
                        "-M",
                        "UTF-8",
                        "-p",
                        str(extract / "po4a.pot"),
                        *(arg for path in self.docs for arg in ("-m", path)),
                    ],
                )
            )
        return [Command(name, argv, before=self._clean_templates) for name, argv in commands]

    def _end_extract(self) -> None:
        restore(self.pristine, self.root, "locales")()

    # Update after a batch of edits (5% of the portraits' paragraphs edited, as many added).
    def _edited_state(self) -> None:
        restore(self.pristine, self.root, "docs", "locales")()
        edit_pages(self.campaign.docs, fraction=0.05)

    def _update(self) -> list[Command]:
        update = mdgettext("-C", str(self.root), "update")
        return [Command("update after edits: mdgettext update", update, before=self._edited_state)]

    def _end_update(self) -> None:
        restore(self.pristine, self.root, "docs", "locales")()

    def _check(self) -> list[Command]:
        return [
            Command("check: mdgettext check", mdgettext("-C", str(self.root), "check"), accept=(0, 1)),
            Command("stats: mdgettext stats", mdgettext("-C", str(self.root), "stats")),
        ]

    def _end_check(self) -> None:
        self.scale.entries = sum(
            1
            for path in (self.root / "locales" / "templates").rglob("*.pot")
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("msgid ")
        )

    # Builds, interleaved so a busy machine slows every variant alike.
    def _mkdocs_build(self, config: str, out: str, module: str = "mkdocs") -> list[str]:
        config_file, site = str(self.root / config), str(self.work / out)
        return [python(), "-m", module, "build", "-q", "-f", config_file, "-d", site]

    def _builds(self) -> list[Command]:
        jobs, build = str(self.args.jobs), self._mkdocs_build
        translated = "mkdocs-static-i18n-translated.yml"
        builds = [
            ("build: mkdocs, English only (no i18n)", build("mkdocs-plain.yml", "plain")),
            (STATIC, build("mkdocs-static-i18n.yml", "static-i18n")),
            (STATIC_TRANSLATED, build(translated, "static-i18n-translated")),
            (STATIC_LINEAR, build(translated, "linear", "bench.linear_dedupe")),
            ("build: static-i18n + mdgettext, sequential", build("mkdocs.yml", "seq")),
            (COLD, build("mkdocs.yml", "cold")),
            (
                f"build: mdgettext build --jobs {jobs}",
                mdgettext("-C", str(self.root), "build", "--jobs", jobs, "--site-dir", str(self.work / "par"))
            ),
        ]
        # The cache (cache.py, in the user's cache folder) holds what `mdgettext check` stored in the step
        # before, as in CI; the cold variant turns it off: each of its runs parses and checks every catalog.
        cold = dict(self.env, MDGETTEXT_CACHE="0")
        return [Command(name, argv, cold if name == COLD else None) for name, argv in builds]

    def _end_builds(self) -> None:
        work = self.work
        if (work / "seq").exists() and (work / "par").exists():
            self.scale.identical = compare_sites(work / "seq", work / "par")
            self.log(f"  {self.scale.label:>10}: parallel vs sequential output: {self.scale.identical}")
        shutil.rmtree(work, ignore_errors=True)


# --- merge (issue 5) ----------------------------------------------------------------------------------------
@dataclass
class MergeReport:
    entries: int
    results: dict[str, Result] = field(default_factory=dict)
    scores: dict[str, Score] = field(default_factory=dict)
    merge_only: float | None = None
    edited: int = 0
    new: int = 0


def bench_merge(
    folder: Path, entries: int, runs: int, pybabel_timeout: float, log: Callable[[str], None]
) -> MergeReport:
    case = make_merge_case(folder, entries)
    report = MergeReport(entries, edited=len(case.edited), new=len(case.new))
    e = env()
    ours_script = folder / "ours.py"
    ours_script.write_text(OURS_SCRIPT)
    commands = {
        "mdgettext (update_catalog)": [
            python(),
            str(ours_script),
            str(case.old_po),
            str(case.new_pot),
            str(folder / "ours.po"),
        ],
        "msgmerge": [
            "msgmerge",
            "--quiet",
            "-o",
            str(folder / "msgmerge.po"),
            str(case.old_po),
            str(case.new_pot),
        ],
    }
    outputs = {
        "mdgettext (update_catalog)": folder / "ours.po",
        "msgmerge": folder / "msgmerge.po",
        "pybabel update": folder / "pybabel.po",
    }
    only: list[float] = []
    for _ in range(runs):
        for name, command in commands.items():
            sample = run_once(command, env=e)
            report.results.setdefault(name, Result(name)).samples.append(sample)
            if name.startswith("mdgettext") and (value := merge_only_seconds(sample.output)) is not None:
                only.append(value)
    if only:
        report.merge_only = sorted(only)[len(only) // 2]
    shutil.copy2(case.old_po, folder / "pybabel.po")
    # pybabel's difflib matcher is quadratic: one run, with a time limit.
    pybabel = [
        str(bench_python()),
        "-m",
        "babel.messages.frontend",
        "update",
        "-i",
        str(case.new_pot),
        "-o",
        str(folder / "pybabel.po"),
        "-l",
        "be",
    ]
    sample = run_once(pybabel, env=e, timeout=pybabel_timeout)
    result = Result("pybabel update", [sample])
    if sample.returncode == -9:
        result.note = f"stopped after {pybabel_timeout:.0f} s"
    report.results["pybabel update"] = result
    for name, result in report.results.items():
        if result.ok and outputs[name].exists():
            report.scores[name] = score(case, outputs[name])
        status = f"{result.seconds:8.2f} s" if result.ok else f"FAILED {result.note}"
        log(f"  merge {name:<30} {status}  {report.scores.get(name, '')}")
    return report


# --- preview (issue 9: one .po edited, that language re-rendered) -------------------------------------------
PREVIEW_SCRIPT = r"""
import os, re, sys, time, logging
from pathlib import Path
os.environ["PREVIEW_LANGUAGE"] = sys.argv[2]
logging.disable(logging.WARNING)
from mkdocs.config import load_config
from mkdocs.commands.build import build
root, language, catalog, site = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), sys.argv[4]
def once(dirty):
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=site)
    config.plugins.on_startup(command="serve", dirty=dirty)
    start = time.perf_counter()
    build(config, dirty=dirty)
    config.plugins.on_shutdown()
    return time.perf_counter() - start
once(False)  # the first build, when the preview starts
times = []
for n in range(int(sys.argv[5])):
    text = catalog.read_text(encoding="utf-8")
    marker = f"preview-edit-{n}"
    # Change one translation, as a translator saving the file does.
    text = re.sub(r'\nmsgstr "(?=[^"\n])', f'\nmsgstr "{marker} ', text, count=1)
    catalog.write_text(text, encoding="utf-8")
    times.append(once(True))
    page = Path(site) / catalog.stem / "index.html"
    shown = page.exists() and marker in page.read_text(encoding="utf-8")
    print(f"rebuild {times[-1]:.3f} shown={shown}")
"""


def bench_preview(
    source: Path, folder: Path, runs: int, log: Callable[[str], None]
) -> tuple[list[float], bool]:
    """Rebuild time of the one-language preview after a .po is saved, on a copy of the real site."""
    project = folder / "project"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    for name in ("mkdocs.yml", "figures.yml", "docs", "locales", "overrides"):
        path = source / name
        if path.is_dir():
            shutil.copytree(path, project / name)
        elif path.exists():
            shutil.copy2(path, project / name)
    script = folder / "preview.py"
    script.write_text(PREVIEW_SCRIPT)
    catalog = project / "locales" / "be" / "LC_MESSAGES" / "prisoners.po"
    sample = run_once(
        [python(), str(script), str(project), "be", str(catalog), str(folder / "site"), str(runs)], env=env()
    )
    times = [float(value) for value in re.findall(r"rebuild ([0-9.]+)", sample.output)]
    shown = bool(times) and "shown=False" not in sample.output
    log(f"  preview rebuilds after a .po save: {times} (edit shown: {shown})")
    if not times:
        log(sample.output[-1500:])
    return times, shown


# --- command line -------------------------------------------------------------------------------------------
def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--pages", default="100,550,1100", help="comma-separated page counts (default 100,550,1100)"
    )
    parser.add_argument(
        "--docs",
        type=Path,
        action="append",
        default=[],
        help="also benchmark a real docs folder (its pages replace the synthetic ones)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; medians are reported")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="processes for mdgettext build")
    parser.add_argument("--merge-entries", type=int, default=1200, help="entries of the merge benchmark")
    parser.add_argument(
        "--pybabel-timeout", type=float, default=900, help="seconds before pybabel is stopped"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a small run: 10 and 40 pages, 1 run, 300-entry merge (minutes, not an hour)",
    )
    parser.add_argument("--work", type=Path, default=BENCH_DIR / "work", help="scratch folder")
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="report file (default BENCHMARKS.md; --quick writes .bench/BENCHMARKS-quick.md)",
    )
    parser.add_argument("--no-peers-setup", action="store_true", help="do not create/update .bench/venv")
    parser.add_argument("--no-po4a", action="store_true", help="skip po4a")
    parser.add_argument(
        "--report-only",
        type=Path,
        default=None,
        metavar="RESULTS",
        help="only write the report again from a run's results.pickle (in --work)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.pages, args.runs, args.merge_entries = "10,40", 1, 300
        args.pybabel_timeout = min(args.pybabel_timeout, 300)
    if args.output is None:
        args.output = BENCH_DIR / "BENCHMARKS-quick.md" if args.quick else ROOT / "BENCHMARKS.md"
    return args


def main(argv: Sequence[str] | None = None) -> int:
    from .report import write_report

    args = parse_args(argv)
    started = time.time()

    def log(message: str) -> None:
        print(message, flush=True)

    if args.report_only:
        with open(args.report_only, "rb") as stream:
            saved = pickle.load(stream)
        write_report(args.output, args=args, **saved)
        log(f"wrote {args.output}")
        return 0
    notes = [] if args.no_peers_setup else ensure_peers(log)
    # Byte-compiled, as pip leaves the peers: no run compiles mdgettext's modules again, even with
    # PYTHONDONTWRITEBYTECODE set (it is in some containers).
    compiled = subprocess.run([python(), "-m", "compileall", "-q", str(ROOT / "scripts" / "mdgettext")])
    if compiled.returncode:
        log("warning: could not byte-compile scripts/mdgettext; its modules are compiled on every run")
    args.work.mkdir(parents=True, exist_ok=True)
    log(f"== merge: {args.merge_entries} entries, 25% edited, 25% new")
    merge = bench_merge(args.work / "merge", args.merge_entries, max(args.runs, 3), args.pybabel_timeout, log)
    log("== preview of one language after a .po save (the real site)")
    preview = bench_preview(ROOT, args.work / "preview", max(args.runs, 3), log)
    scales: list[Scale] = []
    corpora: list[tuple[str, int, Path | None]] = [
        (f"{n} pages", int(n), None) for n in args.pages.split(",") if n
    ]
    corpora += [(f"docs: {path}", 0, path) for path in args.docs]
    benches: list[ScaleRuns] = []
    for label, pages, docs in corpora:
        log(f"== preparing {label}")
        root = args.work / re.sub(r"\W+", "-", label).strip("-")
        campaign = make_campaign(root, pages if docs is None else 0, source=ROOT)
        if docs is not None:
            shutil.rmtree(campaign.docs)
            shutil.copytree(docs, campaign.docs)
            config = (root / "mkdocs.yml").read_text(encoding="utf-8")
            (root / "mkdocs.yml").write_text(re.sub(r"\nnav:\n(?:  - .*\n)+", "\n", config))
            campaign = Campaign(root, len(list(campaign.docs.rglob("*.md"))), campaign.languages)
        pristine = prepare(campaign, log)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in campaign.docs.rglob("*.md"))
        scale = Scale(label, campaign.pages, words)
        benches.append(ScaleRuns(scale, campaign, pristine, args, log))
        scales.append(scale)
    for step in ScaleRuns.STEPS:
        log(f"== {step}: run 1 at every scale, then run 2, ...")
        for number in range(1, args.runs + 1):
            for bench in benches:
                bench.run(step)
            log(f"  run {number} of {args.runs} done")
        for bench in benches:
            bench.end(step)
    saved = {
        "scales": scales,
        "merge": merge,
        "preview": preview,
        "versions": versions(),
        "machine": machine(),
        "notes": notes,
        "minutes": (time.time() - started) / 60,
    }
    # Kept so the report can be written again (python -m bench --report-only) without hours of measuring.
    with open(args.work / "results.pickle", "wb") as stream:
        pickle.dump(saved, stream)
    write_report(args.output, args=args, **saved)
    log(f"wrote {args.output}")
    return 0
