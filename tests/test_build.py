"""``mdgettext build``: languages built in parallel processes give the very files ``mkdocs build`` gives."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs_static_i18n.reconfigure import ExtendedPlugin

import mdgettext.build as build_module
from mdgettext.build import BuildTask, _Schedule, merge_tree, plan_tasks, share_out, slice_cuts
from mdgettext.site import dedupe_search_entries
from support import FIXTURES, copy_project

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["en", "be", "ru", "de", "pl"]


def test_five_languages_on_two_workers_split_the_fifth_in_halves() -> None:
    tasks = plan_tasks(LANGUAGES, 2)
    assert [t for t in tasks if t.chunks == 1] == [BuildTask(lang, n) for n, lang in enumerate(LANGUAGES[:4])]
    assert [t for t in tasks if t.chunks > 1] == [BuildTask("pl", 4, 0, 2), BuildTask("pl", 4, 1, 2)]
    assert sum(task.weight for task in tasks) == len(LANGUAGES)


@pytest.mark.parametrize("jobs", [1, 5, 8])
def test_whole_languages_when_they_fill_the_workers(jobs: int) -> None:
    assert plan_tasks(LANGUAGES, jobs) == [BuildTask(lang, n) for n, lang in enumerate(LANGUAGES)]


def test_slices_cut_so_that_workers_free_at_different_times_finish_together() -> None:
    # Free now and in one second; the language takes ten seconds on one worker.
    cuts = slice_cuts([0.0, 1.0], 10.0)
    assert cuts[0] == 0.0 and cuts[-1] == 1.0
    ends = [free + (cuts[n + 1] - cuts[n]) * 10.0 for n, free in enumerate([0.0, 1.0])]
    assert ends[0] == pytest.approx(ends[1]) and cuts[1] == pytest.approx(0.55)
    assert slice_cuts([2.0, 2.0, 2.0], 9.0) == pytest.approx([0, 1 / 3, 2 / 3, 1])


def test_a_worker_busy_past_the_end_still_gets_its_floor() -> None:
    assert slice_cuts([0.0, 30.0], 10.0) == pytest.approx([0.0, 0.9, 1.0])
    assert slice_cuts([0.0, 30.0, 30.0], 10.0) == pytest.approx([0.0, 0.8, 0.9, 1.0])


@given(
    st.lists(st.floats(min_value=0, max_value=100), min_size=1, max_size=6),
    st.floats(min_value=0.01, max_value=100),
    st.integers(min_value=0, max_value=3000),
)
def test_cut_slices_cover_every_page_once(free_in: list[float], work: float, count: int) -> None:
    cuts = slice_cuts(free_in, work)
    assert cuts[0] == 0.0 and cuts[-1] == 1.0 and cuts == sorted(cuts)
    shares = [later - earlier for earlier, later in itertools.pairwise(cuts)]
    assert min(shares) >= min(0.1, 1 / len(free_in)) - 1e-9
    slices = share_out([BuildTask("pl", 4, n, len(free_in)) for n in range(len(free_in))], free_in, work)
    pages: list[int] = []
    for task in slices:
        start, stop = task.page_range(count)
        pages.extend(range(start, stop))
    assert pages == list(range(count))
    unclamped = [n for n, share in enumerate(shares) if share > 0.1 + 1e-9]
    ends = {round(free_in[n] + shares[n] * work, 6) for n in unclamped}
    assert len(ends) <= 1 or max(ends) - min(ends) < 1e-6 * max(1.0, max(ends))


def test_the_schedule_cuts_slices_when_a_worker_runs_out_of_languages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [0.0]
    monkeypatch.setattr(build_module, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    schedule = _Schedule(plan_tasks(LANGUAGES, 2), 2)
    en, be, ru, de = (BuildTask(language, n) for n, language in enumerate(LANGUAGES[:4]))
    assert schedule.first() == [en, be, ru, de]  # slices wait: how to cut them is not known yet
    clock[0] = 10.0
    assert schedule.done(en) == []  # ru starts now
    clock[0] = 11.0
    assert schedule.done(be) == []  # de starts now
    clock[0] = 18.0
    # ru took 8 s (a later task), so de should end at 19 s: the worker idle now takes more of pl.
    slices = schedule.done(ru)
    assert [(task.language, task.chunk) for task in slices] == [("pl", 0), ("pl", 1)]
    assert slices[0].cuts == pytest.approx((0.0, 0.5625)) and slices[1].cuts == pytest.approx((0.5625, 1.0))
    clock[0] = 19.0
    assert schedule.done(de) == []


def _static_i18n_dedupe(entries: list[dict[str, str]], languages: list[str]) -> list[dict[str, str]]:
    """static-i18n's own reconfigure_search_duplicates, run on a copy."""
    result = [dict(entry) for entry in entries]
    ExtendedPlugin.reconfigure_search_duplicates(SimpleNamespace(build_languages=languages), result)  # type: ignore[arg-type]
    return result


@pytest.mark.parametrize("seed", range(40))
def test_search_dedupe_gives_what_static_i18n_gives_quirks_included(seed: int) -> None:
    rng = random.Random(seed)
    pages = [f"page{n}/" for n in range(rng.randint(1, 6))]
    entries: list[dict[str, str]] = []
    for language in LANGUAGES:
        for page in pages:
            for section in ("", "#a", "#b")[: rng.randint(1, 3)]:
                # Untranslated entries (same title and text as the English) are what static-i18n drops.
                same = language == "en" or rng.random() < 0.6
                entries.append(
                    {
                        "location": ("" if language == "en" else f"{language}/") + page + section,
                        "title": f"T{page}{section}" + ("" if same else language),
                        "text": f"text of {page}{section}" + ("" if same else language),
                    }
                )
    if seed % 4 == 3:
        rng.shuffle(entries)  # not as a build orders them (English first): the rule must still agree
    ours = [dict(entry) for entry in entries]
    dedupe_search_entries(ours, LANGUAGES)
    assert ours == _static_i18n_dedupe(entries, LANGUAGES)


def test_merge_tree_later_files_win_and_folders_join(tmp_path: Path) -> None:
    first, second, target = tmp_path / "a", tmp_path / "b", tmp_path / "site"
    for folder, text in ((first, "first"), (second, "second")):
        (folder / "assets").mkdir(parents=True)
        (folder / "404.html").write_text(text)
        (folder / "assets" / f"{text}.js").write_text(text)
    merge_tree(first, target)
    merge_tree(second, target)
    assert (target / "404.html").read_text() == "second"
    assert sorted(p.name for p in (target / "assets").iterdir()) == ["first.js", "second.js"]


# -- whole builds, compared file by file ------------------------------------------------------------------
def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }


def _run(command: list[str]) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PREVIEW_LANGUAGE", None)
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _sequential_build(project: Path, site_dir: Path) -> None:
    """What ``mkdocs build`` writes: static-i18n's own loop, one language after the other."""
    _run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site_dir),
        ]
    )


def _parallel_build(project: Path, site_dir: Path, jobs: int) -> None:
    _run(
        [
            sys.executable,
            "-m",
            "mdgettext.cli",
            "-C",
            str(project),
            "build",
            "--jobs",
            str(jobs),
            "--site-dir",
            str(site_dir),
            "--strict",
        ]
    )


def assert_same_site(sequential: Path, parallel: Path) -> None:
    """Every file byte for byte: pages, assets, 404 pages, sitemap, search indexes, the offline archive."""
    left, right = _files(sequential), _files(parallel)
    assert sorted(left) == sorted(right)
    assert [name for name in left if left[name] != right[name]] == []


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_build_of_the_real_site_is_the_sequential_build(tmp_path: Path, jobs: int) -> None:
    project = copy_project(tmp_path / "project")
    _sequential_build(project, tmp_path / "sequential")
    _parallel_build(project, tmp_path / "parallel", jobs)
    assert_same_site(tmp_path / "sequential", tmp_path / "parallel")


@pytest.mark.slow
def test_a_rebuild_replaces_the_old_site_but_keeps_hidden_entries_as_mkdocs_does(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURES / "tiny")
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / "stale.html").write_text("from an older build")
    (site / "old-folder").mkdir()
    _parallel_build(project, site, 2)
    assert (site / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert not (site / "stale.html").exists() and not (site / "old-folder").exists()
    assert (site / "de" / "index.html").is_file()
    assert _scratch_folders(tmp_path) == []


def _scratch_folders(folder: Path) -> list[str]:
    """The build's scratch folders left beside the site folder ``folder / "site"``."""
    return [path.name for path in folder.iterdir() if path.name.startswith(".site.build-")]


def _tiny_build_failing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    step: str,
    replacement: Callable[..., str],
    jobs: int,
    error: str,
) -> None:
    """Build the tiny project with the build's ``step`` (a function of build.py) replaced: it must raise."""
    project = copy_project(tmp_path / "project", FIXTURES / "tiny")
    # Workers are forked: they run the replacement too.
    monkeypatch.setattr(build_module, step, replacement)
    with pytest.raises(RuntimeError, match=error):
        build_module.build_site(project / "mkdocs.yml", tmp_path / "site", jobs=jobs)


def _fail_in_polish(config_file: str, out_dir: str, task: BuildTask, strict: bool | None) -> str:
    """A worker's task that fails for the sliced language, once built (slices are handed out only once a
    whole language is done, so one is merged by then)."""
    built = _REAL_RUN_TASK(config_file, out_dir, task, strict)
    if task.language == "pl":
        raise RuntimeError("pl failed")
    return built


_REAL_RUN_TASK = build_module._run_task


@pytest.mark.slow
def test_a_failed_build_raises_and_leaves_no_half_assembled_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project", FIXTURES / "tiny")
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    (site / "old.html").write_text("from an older build")
    merged: list[str] = []
    # Workers are forked: they run the patched task too.
    monkeypatch.setattr(build_module, "_run_task", _fail_in_polish)
    with pytest.raises(RuntimeError, match="pl failed"):
        build_module.build_site(
            project / "mkdocs.yml", site, jobs=2, on_task=lambda task: merged.append(task.language)
        )
    assert merged and "pl" not in merged  # a whole language was merged before the failure
    assert sorted(path.name for path in site.iterdir()) == [".git"]
    assert _scratch_folders(tmp_path) == []


def _fail_while_another_task_writes(
    config_file: str, out_dir: str, task: BuildTask, strict: bool | None
) -> str:
    """The first language fails once the second has begun; the second writes into its folder a second
    later, as a task still running when the error reaches the parent does."""
    begun = Path(config_file).parent.parent / "second-begun"
    if task.order == 0:
        for _ in range(600):
            if begun.exists():
                break
            time.sleep(0.05)
        raise RuntimeError("en failed")
    begun.touch()
    time.sleep(1)
    Path(out_dir).mkdir(parents=True, exist_ok=True)  # as MkDocs makes its site folder
    (Path(out_dir) / "late.html").write_text("written after the failure")
    return out_dir


@pytest.mark.slow
def test_a_failed_build_removes_its_scratch_folder_after_the_tasks_still_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tiny_build_failing(tmp_path, monkeypatch, "_run_task", _fail_while_another_task_writes, 2, "en failed")
    for worker in multiprocessing.active_children():  # none, unless the build left some running
        worker.join(timeout=60)
    assert _scratch_folders(tmp_path) == []


def _fail_in_english_and_note_the_others(
    config_file: str, out_dir: str, task: BuildTask, strict: bool | None
) -> str:
    """English fails at once; any other language leaves a note beside the project that it was built."""
    if task.language == "en":
        raise RuntimeError("en failed")
    (Path(config_file).parent.parent / f"built-{task.language}").touch()
    return out_dir


@pytest.mark.slow
def test_a_failed_build_does_not_build_the_languages_already_queued(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One worker, three languages: when English fails, German waits in the pool's queue, which the pool
    # cannot cancel, and Polish waits to be queued.
    _tiny_build_failing(
        tmp_path, monkeypatch, "_run_task", _fail_in_english_and_note_the_others, 1, "en failed"
    )
    assert sorted(path.name for path in tmp_path.glob("built-*")) == []


def _skipped_before_english_fails(
    config_file: str, out_dir: str, task: BuildTask, strict: bool | None
) -> str:
    """German reports itself skipped at once, as a task does when it starts after another one failed;
    English's error comes after it."""
    if task.language == "en":
        time.sleep(0.5)
        raise RuntimeError("en failed")
    raise build_module._Skipped(task.language)


@pytest.mark.slow
def test_the_error_of_a_failed_build_is_the_failed_task_s_not_a_skipped_one_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tiny_build_failing(
        tmp_path, monkeypatch, "_run_unless_aborted", _skipped_before_english_fails, 2, "en failed"
    )


@pytest.mark.slow
def test_a_failure_in_the_parent_raises_and_leaves_no_scratch_folder_nor_half_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURES / "tiny")
    site = tmp_path / "site"

    def fail_on_merge(task: BuildTask) -> None:
        raise RuntimeError(f"merging {task.language} failed")

    with pytest.raises(RuntimeError, match=r"merging \w+ failed"):
        build_module.build_site(project / "mkdocs.yml", site, jobs=2, on_task=fail_on_merge)
    assert list(site.iterdir()) == []
    assert _scratch_folders(tmp_path) == []


@pytest.mark.slow
def test_a_search_boost_json_cannot_hold_is_written_as_the_sequential_build_writes_it(tmp_path: Path) -> None:
    # Material copies a page's boost from its front matter (here a date) and writes it with default=str.
    project = copy_project(tmp_path / "project", FIXTURES / "tiny")
    page = project / "docs" / "index.md"
    boosted = "title: Welcome home\nsearch:\n  boost: 2024-01-01\n"
    page.write_text(page.read_text().replace("title: Welcome home\n", boosted, 1))
    _sequential_build(project, tmp_path / "sequential")
    _parallel_build(project, tmp_path / "parallel", 2)
    assert "2024-01-01" in (tmp_path / "parallel" / "search" / "search_index.json").read_text()
    # Search files only: this fixture has no theme overrides, and stock Material's 404 pages differ there
    # (static-i18n's loop hands a language's 404 page the alternates of the previous language's last page).
    left, right = _files(tmp_path / "sequential"), _files(tmp_path / "parallel")
    searched = [name for name in left if "search/" in name]
    assert len(searched) == 6 and [name for name in searched if left[name] != right.get(name)] == []


@pytest.mark.parametrize("where", [".", ".."])
def test_a_site_folder_holding_the_project_is_refused_and_nothing_is_deleted(
    tmp_path: Path, where: str
) -> None:
    project = copy_project(tmp_path / "project", FIXTURES / "tiny")
    before = sorted(path.relative_to(tmp_path) for path in tmp_path.rglob("*"))
    result = subprocess.run(
        [sys.executable, "-m", "mdgettext.cli", "-C", str(project), "build",
         "--site-dir", str(project / where)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2 and "holds the project itself" in result.stderr
    assert sorted(path.relative_to(tmp_path) for path in tmp_path.rglob("*")) == before


@pytest.mark.slow
def test_parallel_build_of_a_synthetic_campaign_is_the_sequential_build(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from bench.corpus import make_campaign, translate_catalogs
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    campaign = make_campaign(tmp_path / "project", 14, source=ROOT)
    from mdgettext.cli import main

    assert main(["-C", str(campaign.root), "update"]) == 0
    translate_catalogs(campaign.root, campaign.languages, share=0.8)
    # Polish portraits untranslated: pages of the sliced language built with English fallbacks.
    shutil.rmtree(campaign.root / "locales" / "pl" / "LC_MESSAGES" / "portraits")
    _sequential_build(campaign.root, tmp_path / "sequential")
    _parallel_build(campaign.root, tmp_path / "parallel", 2)
    assert_same_site(tmp_path / "sequential", tmp_path / "parallel")
    # The plugin gives static-i18n a linear search deduplication (tested against static-i18n's own above);
    # with static-i18n's own (quadratic) loop kept, the site is the same.
    keep_static_i18n_own = (
        "import sys, mdgettext.reader as reader; from mkdocs.__main__ import cli; "
        "assert reader._dedupe_search_linearly; reader._dedupe_search_linearly = lambda i18n: None; "
        " cli(sys.argv[1:], prog_name='mkdocs')"
    )
    _run([sys.executable, "-c", keep_static_i18n_own, "build", "-f", str(campaign.root / "mkdocs.yml"),
          "-d", str(tmp_path / "stock")])
    assert_same_site(tmp_path / "stock", tmp_path / "sequential")
