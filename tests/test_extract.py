"""``mdgettext extract``: the same templates and report in one process or several, errors included."""

from __future__ import annotations

import concurrent.futures
import hashlib
import os
import shutil
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from mdgettext import workspace as workspace_module
from mdgettext.cli import main
from mdgettext.config import ConfigError
from mdgettext.workspace import PARALLEL_EXTRACT_MIN_PAGES, Workspace, extract_jobs
from support import copy_project

STAMP = "2026-01-02 03:04+0000"
EXTRA_PAGES = PARALLEL_EXTRACT_MIN_PAGES + 10


def _templates(root: Path) -> dict[str, str]:
    """Every file under locales/templates (temp files included, so leftovers show) and its hash."""
    folder = root / "locales" / "templates"
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project with enough extra pages (copies of the real ones, each a little different) to be
    extracted in parallel by default; its templates are not written yet."""
    root = copy_project(tmp_path_factory.mktemp("big") / "project")
    sources = sorted((root / "docs").glob("*.md"))
    for number in range(EXTRA_PAGES):
        source = sources[number % len(sources)].read_text(encoding="utf-8")
        page = root / "docs" / "more" / f"page-{number:03}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"{source}\nParagraph number {number} of the copies.\n", encoding="utf-8")
    shutil.rmtree(root / "locales" / "templates")
    return root


@pytest.fixture
def project(big_project: Path, tmp_path: Path) -> Path:
    destination = tmp_path / "project"
    shutil.copytree(big_project, destination)
    return destination


def _extract(root: Path, jobs: int | None) -> list[str]:
    changed = Workspace(root).extract_templates(STAMP, jobs=jobs)
    return [path.relative_to(root).as_posix() for path in changed]


def test_parallel_extraction_writes_and_reports_what_the_sequential_one_does(
    project: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    shutil.copytree(project, other)
    assert extract_jobs(None, EXTRA_PAGES + 5) > 1 or os.cpu_count() == 1
    sequential = _extract(project, jobs=1)
    parallel = _extract(other, jobs=2)
    assert parallel == sequential
    assert sequential[0] == "locales/templates/_site.pot"
    assert len(sequential) == 1 + EXTRA_PAGES + 5
    assert _templates(other) == _templates(project)
    # Written the way write_templates(build_templates()) writes them.
    reference = tmp_path / "reference"
    shutil.copytree(project, reference)
    shutil.rmtree(reference / "locales" / "templates")
    workspace = Workspace(reference)
    workspace.write_templates(workspace.build_templates(STAMP))
    assert _templates(reference) == _templates(project)

    # A page edited, one removed: only their templates change, in the same order both ways.
    for root in (project, other):
        page = root / "docs" / "more" / "page-007.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
        (root / "docs" / "more" / "page-003.md").unlink()
    sequential = _extract(project, jobs=1)
    assert sequential == ["locales/templates/more/page-007.pot", "locales/templates/more/page-003.pot"]
    assert _extract(other, jobs=2) == sequential
    assert _templates(other) == _templates(project)
    assert _extract(other, jobs=2) == []


def test_the_command_prints_the_same_lines_either_way(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    shutil.copytree(project, other)
    assert main(["-C", str(project), "extract", "--jobs", "1"]) == 0
    sequential = capsys.readouterr().out
    assert main(["-C", str(other), "extract"]) == 0
    assert capsys.readouterr().out == sequential
    assert sequential.count("\nwrote ") == EXTRA_PAGES + 5
    assert main(["-C", str(other), "extract"]) == 0
    assert capsys.readouterr().out == "templates: up to date\n"


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_unreadable_page_stops_extraction_before_anything_is_written(
    project: Path, jobs: int, capsys: pytest.CaptureFixture[str]
) -> None:
    _extract(project, jobs=1)
    for page in ("index.md", "more/page-050.md"):
        path = project / "docs" / page
        path.write_text(path.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    (project / "docs" / "more" / "page-040.md").write_bytes(b"caf\xe9\n")
    # A malformed template is read only when its page changed, and reported only if no page is unreadable.
    (project / "locales" / "templates" / "index.pot").write_text('msgid "broken\n', encoding="utf-8")
    before = _templates(project)
    assert main(["-C", str(project), "extract", "--jobs", str(jobs)]) == 2
    error = capsys.readouterr().err
    assert "docs/more/page-040.md:1: not UTF-8 text" in error and "nothing was written" in error
    assert _templates(project) == before

    (project / "docs" / "more" / "page-040.md").write_text("Fixed.\n", encoding="utf-8")
    assert main(["-C", str(project), "extract", "--jobs", str(jobs)]) == 2
    error = capsys.readouterr().err
    assert "locales/templates/index.pot:" in error and "Traceback" not in error
    assert _templates(project) == before


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_broken_figures_file_is_reported_before_the_pages(
    project: Path, jobs: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """The site's template (mkdocs.yml, overrides, figures) is made first: its error wins, as it did."""
    _extract(project, jobs=1)
    (project / "docs" / "more" / "page-040.md").write_bytes(b"caf\xe9\n")
    (project / "figures.yml").write_text("prisoners_held: [unclosed\n", encoding="utf-8")
    before = _templates(project)
    assert main(["-C", str(project), "extract", "--jobs", str(jobs)]) == 2
    error = capsys.readouterr().err
    assert "figures.yml" in error and "page-040" not in error and "Traceback" not in error
    assert _templates(project) == before


def test_a_bug_in_a_worker_keeps_its_traceback(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Workspace._page_template

    def failing(self: Workspace, page: str, stamp: str) -> object:
        if page == "more/page-020.md":
            raise RuntimeError("a bug")
        return real(self, page, stamp)

    monkeypatch.setattr(Workspace, "_page_template", failing)  # the forked workers inherit it
    with pytest.raises(RuntimeError, match="a bug") as raised:
        _extract(project, jobs=2)
    assert any("Traceback" in note and "failing" in note for note in raised.value.__notes__)
    assert not (project / "locales" / "templates").exists() or _templates(project) == {}


def _dying_worker(pages: list[str]) -> object:
    """A worker that writes its temp files and then dies without reporting them."""
    result = _real_render_pages_forked(pages)
    if "more/page-030.md" in pages:
        os._exit(1)
    return result


_real_render_pages_forked = workspace_module._render_pages_forked


def test_a_worker_that_dies_leaves_no_temp_files(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workspace_module, "_render_pages_forked", _dying_worker)
    with pytest.raises(BrokenProcessPool):
        _extract(project, jobs=2)
    assert _templates(project) == {}


def test_jobs_follow_the_request_the_cpus_and_the_page_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert extract_jobs(None, PARALLEL_EXTRACT_MIN_PAGES) == 1
    assert extract_jobs(None, PARALLEL_EXTRACT_MIN_PAGES + 1) == 3
    assert extract_jobs(4, 2) == 2
    assert extract_jobs(0, 10) == 1
    assert extract_jobs(1, 500) == 1


def test_a_small_site_starts_no_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    before = _templates(project)

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    assert main(["-C", str(project), "extract"]) == 0
    assert _templates(project) == before  # the committed templates are up to date


def test_config_errors_from_workers_are_the_usual_errors() -> None:
    """A worker's error travels back by pickling: it must come back as the same type and message."""
    import pickle

    error = ConfigError("docs/x.md:1: not UTF-8 text; save it as UTF-8")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is ConfigError and str(again) == str(error)
