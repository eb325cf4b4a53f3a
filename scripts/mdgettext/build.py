"""The five-language build, with languages built in parallel processes, byte-identical to ``mkdocs build``.

mkdocs-static-i18n builds the default language, then, from its ``on_post_build``, every other language one
after the other on the same config object: five languages cost five times one, whatever the machine has.
Here each language (or, to keep every core busy to the end, a slice of a language's pages) is built by its own
process into its own temporary folder, with static-i18n driven exactly as in its sequential loop (its
``current_language`` set, its own loop switched off). The parent then assembles what the sequential build
would have written:

* every language's files land where static-i18n puts them (English at ``/``, the others at ``/<lang>/``);
  a file written by several languages (theme assets) comes from the last one in build order, as in the
  sequential build where each language overwrites the previous one;
* ``search/search_index.json`` holds every language's entries in build order, deduplicated by static-i18n's
  own rule (an entry identical to the English one is dropped, quirks included);
* static-i18n's cumulative ``sitemap.xml`` holds every language's entries in build order;
* then the mdgettext plugin's own ``on_post_build`` runs here, as it would after the last language, with the
  state its workers' instances gathered (the default language's, plus each language's 404 page): per-language
  search indexes, 404 pages, sitemap, offline archive. A language built in slices gets its per-language step
  run here too, with all its entries.

``tests/test_build.py`` builds the same site both ways and compares every file byte for byte.

This is an edge module like ``plugin``: it imports MkDocs, but only inside functions, so that importing the
package (the CLI) stays cheap.
"""

from __future__ import annotations

import gc
import gzip
import json
import logging
import os
import pickle
import shutil
import struct
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from .site import dedupe_search_entries

__all__ = [
    "BuildTask",
    "SiteDirError",
    "build_sequential",
    "build_site",
    "merge_tree",
    "plan_tasks",
    "site_languages",
]

SITEMAP = "sitemap.xml"
SEARCH_INDEX = Path("search") / "search_index.json"


class SiteDirError(ValueError):
    """The site folder given would contain the project (building empties it first)."""


@dataclass(frozen=True)
class BuildTask:
    """One worker's share: a language, or one contiguous slice of its pages (``chunk`` of ``chunks``)."""

    language: str
    order: int  # the language's place in static-i18n's build order
    chunk: int = 0
    chunks: int = 1
    #: The slice's share of the language's pages, as cut points between 0 and 1 (None: an equal share);
    #: set when the slices are handed out (``share_out``). Neighbouring slices share a cut point.
    cuts: tuple[float, float] | None = field(default=None, compare=False)

    @property
    def weight(self) -> float:
        return 1 / self.chunks

    def page_range(self, count: int) -> tuple[int, int]:
        """The slice of ``count`` pages (in build order) this task builds: neighbours meet, none overlap."""
        start, stop = self.cuts or (self.chunk / self.chunks, (self.chunk + 1) / self.chunks)
        return round(start * count), round(stop * count)


def plan_tasks(languages: Sequence[str], jobs: int) -> list[BuildTask]:
    """Whole languages while they fill every worker evenly; the remainder is split into page slices.

    Five languages on two workers: four whole languages, and the fifth in two halves, so both workers finish
    after two and a half languages instead of one waiting while the other builds a third.
    """
    jobs = max(1, jobs)
    whole = len(languages) - len(languages) % jobs if jobs < len(languages) else len(languages)
    tasks = [BuildTask(language, order) for order, language in enumerate(languages[:whole])]
    for order, language in enumerate(languages[whole:], start=whole):
        tasks.extend(BuildTask(language, order, chunk, jobs) for chunk in range(jobs))
    # Longest first, so slices fill in the gaps at the end (LPT scheduling).
    return sorted(tasks, key=lambda task: (-task.weight, task.order, task.chunk))


def slice_cuts(free_in: Sequence[float], work: float, floor: float = 0.1) -> list[float]:
    """Cut points (0 .. 1) sharing one language's pages among workers so that they finish together.

    ``free_in[i]`` is when worker ``i`` (in the order they take slices) will be free, in seconds from now;
    ``work`` is what the whole language takes on one worker. Each share is at least ``floor``: the
    estimates are rough, and a slice always builds a few pages.
    """
    count = len(free_in)
    shares = [1 / count] * count
    if work > 0 and count > 1:
        fixed: dict[int, float] = {}
        while True:
            # All the unfixed workers end at the same moment, ``end``; a share under the floor is fixed there.
            free = [n for n in range(count) if n not in fixed]
            left = 1 - sum(fixed.values())
            end = (left * work + sum(free_in[n] for n in free)) / len(free)
            wanted = {n: (end - free_in[n]) / work for n in free}
            low = [n for n in free if wanted[n] < floor]
            if not low or len(low) == len(free):
                shares = [fixed.get(n, wanted.get(n, floor)) for n in range(count)]
                break
            fixed.update(dict.fromkeys(low, floor))
        shares = [max(share, floor) for share in shares]
        total = sum(shares)
        shares = [share / total for share in shares]
    cuts = [0.0]
    for share in shares[:-1]:
        cuts.append(cuts[-1] + share)
    return [*cuts, 1.0]


def share_out(slices: Sequence[BuildTask], free_in: Sequence[float], work: float) -> list[BuildTask]:
    """``slices`` (one language's, in the order workers take them) with their cut points set."""
    cuts = slice_cuts(free_in, work)
    return [replace(task, cuts=(cuts[n], cuts[n + 1])) for n, task in enumerate(slices)]


class _Schedule:
    """Hands tasks to the pool: whole languages at once, a sliced language's slices once a worker runs out.

    Slices are cut then, not planned: when one language is sliced (five languages on two or four workers),
    each worker's share of its pages is what makes the workers finish together, from when each will be free
    (a running language's start plus the mean time a language took); several sliced languages get equal
    shares. A worker's first task also pays for what the process does once (the coverage table, cold
    caches), so the mean is taken over later tasks when there are any. Tasks are taken first come, first
    served, so a task starts when an earlier one ends.
    """

    def __init__(self, tasks: Sequence[BuildTask], workers: int) -> None:
        self.workers = workers
        self.whole = [task for task in tasks if task.chunks == 1]
        self.sliced = [task for task in tasks if task.chunks > 1]
        self.waiting = list(self.whole[workers:])  # submitted, not yet taken by a worker
        self.begun: dict[BuildTask, float] = {}
        self.took: list[float] = []  # how long each whole language took
        self.took_later: list[float] = []  # the same, of tasks that were not their worker's first

    def first(self) -> list[BuildTask]:
        now = time.monotonic()
        self.begun = dict.fromkeys(self.whole[: self.workers], now)
        return list(self.whole) if self.whole else self._slices(now)

    def done(self, task: BuildTask) -> list[BuildTask]:
        """``task`` has ended: what to submit now."""
        now = time.monotonic()
        if task in self.begun:
            took = now - self.begun.pop(task)
            self.took.append(took)
            if task not in self.whole[: self.workers]:
                self.took_later.append(took)
        if self.waiting:
            self.begun[self.waiting.pop(0)] = now  # the worker just freed takes the next one
            return []
        return self._slices(now)

    def _slices(self, now: float) -> list[BuildTask]:
        slices, self.sliced = self.sliced, []
        if not slices or len({task.language for task in slices}) > 1 or not self.took:
            return slices  # equal shares: several languages sliced (or nothing measured yet)
        measured = self.took_later or self.took
        mean = sum(measured) / len(measured)
        running = sorted(max(0.0, start + mean - now) for start in self.begun.values())
        free_in = [0.0] * (len(slices) - len(running)) + running
        return share_out(slices, free_in[: len(slices)], mean)


def _load_config(config_file: Path, site_dir: Path, *, strict: bool | None = None) -> Any:
    from mkdocs.config import load_config

    options: dict[str, Any] = {"config_file": str(config_file), "site_dir": str(site_dir)}
    if strict is not None:
        options["strict"] = strict
    return load_config(**options)


def site_languages(config_file: Path) -> tuple[list[str], bool]:
    """The languages static-i18n builds, in build order (the default first), and its search dedup switch."""
    os.environ.pop("PREVIEW_LANGUAGE", None)  # build_only_locale would make one language the only one
    with tempfile.TemporaryDirectory() as scratch:
        config = _load_config(config_file, Path(scratch))
    i18n = config.plugins["i18n"]
    default = i18n.default_language
    languages = [default, *(language for language in i18n.build_languages if language != default)]
    return languages, bool(i18n.config.reconfigure_search)


#: Per worker process: how many tasks it ran, and the mdgettext plugin's coverage table, computed by the
#: process's first task and handed to its later ones (the catalogs do not change during a build;
#: static-i18n's sequential loop does the same). Pages' segments are kept per process by the plugin itself.
#: Also the build's abort flag ("aborted", from the pool's initializer).
_PROCESS_MEMO: dict[str, Any] = {}


def _keep_abort_flag(aborted: Any) -> None:
    """A worker's initializer: the event the parent sets once the build failed (inherited, not pickled)."""
    _PROCESS_MEMO["aborted"] = aborted


class _Skipped(Exception):
    """A task not built because another one failed first: that one's error is the build's."""


def _run_unless_aborted(config_file: str, out_dir: str, task: BuildTask, strict: bool | None) -> str:
    """A worker's entry point: the task, unless the build failed while the task waited in the pool's queue.

    The pool cannot cancel what it has already queued: such a task would build a language nobody will see,
    and the error would reach the user only after it.
    """
    aborted = _PROCESS_MEMO.get("aborted")
    if aborted is not None and aborted.is_set():
        raise _Skipped(task.language)
    try:
        return _run_task(config_file, out_dir, task, strict)
    except BaseException:
        if aborted is not None:
            aborted.set()  # before the parent hears of it: tasks already queued check it when they start
        raise


def _reader_state(plugin: Any) -> dict[str, Any] | None:
    state = getattr(plugin, "_reader_state", None)
    return state() if callable(state) else None


def _run_task(config_file: str, out_dir: str, task: BuildTask, strict: bool | None) -> str:
    """Build one task's share into ``out_dir`` (runs in a worker process); its side state goes to a pickle."""
    from mkdocs.commands import build as mkdocs_build

    os.environ.pop("PREVIEW_LANGUAGE", None)
    if _PROCESS_MEMO.get("tasks_run"):
        # Not this worker's first task: what earlier tasks left alive (modules, pages' segments, the coverage
        # table) stays alive to the end, so the cycle collector stops rescanning it (a tenth of a second per
        # task at 1,100 pages). The previous task's garbage is collected first, so none of it is kept.
        gc.collect()
        gc.freeze()
    config = _load_config(Path(config_file), Path(out_dir), strict=strict)
    i18n = config.plugins["i18n"]
    # What static-i18n's own loop does before each language's build(), without the loop.
    i18n.current_language = task.language
    i18n.building = True
    ours = config.plugins.get("mdgettext")
    state = _reader_state(ours)
    if state is not None and "coverage" in _PROCESS_MEMO:
        state["coverage"] = _PROCESS_MEMO["coverage"]
    if ours is not None:
        # Every core builds here: each page's archive entry and translation is made in this process, not
        # in a helper.
        ours.archive_in_background = False
        ours.translate_ahead = False
        # The parent writes the default language's index (from the merged one, as static-i18n's loop ends)
        # and a sliced language's (from all its slices' entries): a worker's would be written over.
        ours.language_index_here = task.chunks == 1 and task.order != 0
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with _only_slice(config, task):
            mkdocs_build.build(config)
    finally:
        config.plugins.on_shutdown()
    side: dict[str, Any] = {"search": None, "reader": None}
    search = next(
        (plugin for name, plugin in config.plugins.items() if name in ("search", "material/search")), None
    )
    if search is not None and hasattr(search, "search_index"):
        keys = ("lang", "separator", "pipeline", "fields")
        side["search"] = {
            "config": {key: search.search_index.config[key] for key in keys},
            # As the index file gives them back: Material writes it with default=str (a front matter
            # boost may be a date), and the parent hands them on without writing and reading the file.
            "docs": json.loads(json.dumps(list(i18n.search_entries), default=str)),
        }
    state = _reader_state(ours)
    if state is not None:
        _PROCESS_MEMO["coverage"] = state.get("coverage")
        side["reader"] = dict(state, archive_entries=ours.take_archive_entries())
    with open(_side_file(Path(out_dir)), "wb") as stream:
        pickle.dump(side, stream, protocol=pickle.HIGHEST_PROTOCOL)
    _PROCESS_MEMO["tasks_run"] = _PROCESS_MEMO.get("tasks_run", 0) + 1
    return out_dir


#: Plugins known to read no page but the one being built, nor other pages' content at the end of a build.
SLICE_SAFE_PLUGINS = frozenset({"search", "material/search", "i18n", "mdgettext"})


@contextmanager
def _only_slice(config: Any, task: BuildTask) -> Iterator[None]:
    """Within it, MkDocs builds only ``task``'s slice of the pages (``mkdocs.commands.build`` patched).

    Pages of the other slices are still read and rendered when the nav shows them, since their titles and
    metadata appear on every page; pages outside the nav are not, which halves a slice's translating and
    Markdown work on a site of portraits listed by an index page. That is safe only where nothing reads
    such a page from another one: with the plugins this project uses (``SLICE_SAFE_PLUGINS``; a tags or
    blog plugin reads every page) and when MkDocs only reports unchecked anchor links at INFO level (the
    default), since links from this slice into such a page's anchors are not checked here. Otherwise every
    page is rendered, as before. The theme's own templates (404 page, sitemap) are rendered by the first
    slice only.
    """
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.structure.files import InclusionLevel

    if task.chunks == 1:
        yield
        return
    anchors_checked_quietly = config.validation.links.anchors <= logging.INFO
    skip_unseen = set(config.plugins) <= SLICE_SAFE_PLUGINS and anchors_checked_quietly
    in_nav: set[str] = set()
    mine: set[str] = set()
    run_nav_events = config.plugins.on_nav

    def on_nav(nav: Any, *, config: Any, files: Any) -> Any:
        """After every plugin's on_nav: the nav's pages, and this slice of the pages in build order (the
        list MkDocs' page loops walk, from these files)."""
        nav = run_nav_events(nav, config=config, files=files)
        in_nav.update(page.file.src_uri for page in nav.pages)
        pages = [file.src_uri for file in files.documentation_pages(inclusion=InclusionLevel.is_included)]
        start, stop = task.page_range(len(pages))
        mine.update(pages[start:stop])
        return nav

    config.plugins.on_nav = on_nav
    build_page, populate_page = mkdocs_build._build_page, mkdocs_build._populate_page

    def populate_slice(page: Any, *args: Any, **kwargs: Any) -> None:
        if not skip_unseen or page.file.src_uri in in_nav or page.file.src_uri in mine:
            populate_page(page, *args, **kwargs)

    def build_slice(page: Any, *args: Any, **kwargs: Any) -> None:
        if page.file.src_uri in mine:
            build_page(page, *args, **kwargs)

    def theme_template_once(*args: Any, **kwargs: Any) -> None:
        """The language's 404 page and sitemap: its first slice renders them, the others would render the
        same bytes again (the parent takes the sitemap's entries from the first slice only)."""
        if task.chunk == 0:
            build_theme_template(*args, **kwargs)

    build_theme_template = mkdocs_build._build_theme_template
    mkdocs_build._build_page, mkdocs_build._populate_page = build_slice, populate_slice
    mkdocs_build._build_theme_template = theme_template_once
    try:
        yield
    finally:
        mkdocs_build._build_page, mkdocs_build._populate_page = build_page, populate_page
        mkdocs_build._build_theme_template = build_theme_template
        del config.plugins.on_nav


def _side_file(folder: Path) -> Path:
    return folder.with_name(folder.name + ".side.pickle")


def merge_tree(source: Path, target: Path) -> None:
    """Move ``source``'s files into ``target``, replacing files there (whole folders in one rename)."""
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        return
    for child in source.iterdir():
        destination = target / child.name
        if child.is_dir() and not child.is_symlink():
            if destination.exists() and not destination.is_dir():
                destination.unlink()
            merge_tree(child, destination)
        else:
            if destination.is_dir():
                shutil.rmtree(destination)
            os.replace(child, destination)


def _sitemap_parts(text: str) -> tuple[str, str, str]:
    """(head, the <url> entries, tail) of a sitemap written by static-i18n's template."""
    head_end = text.index(">", text.index("<urlset")) + 1
    tail_start = text.rindex("\n</urlset>") if "\n</urlset>" in text else text.rindex("</urlset>")
    return text[:head_end], text[head_end:tail_start], text[tail_start:]


def _search_json(search: dict[str, Any], docs: list[dict[str, Any]]) -> bytes:
    """The search plugin's own serialisation (material/plugins/search: generate_search_index)."""
    return json.dumps({"config": search["config"], "docs": docs}, separators=(",", ":"), default=str).encode()


class _Assembler:
    """Puts the workers' folders together into ``site_dir`` as static-i18n's sequential build leaves it.

    A task's folder is merged as soon as it and every task before it in build order are done, while the
    last slices still build; what needs every language (the sliced language's and the default language's
    post-build steps, the sitemap, the offline archive) waits for ``finish``.
    """

    def __init__(
        self,
        config_file: Path,
        site_dir: Path,
        folders: dict[BuildTask, Path],
        strict: bool | None,
    ) -> None:
        self.config_file, self.site_dir, self.folders, self.strict = config_file, site_dir, folders, strict
        self.ordered = sorted(folders, key=lambda task: (task.order, task.chunk))
        self.sides: dict[BuildTask, dict[str, Any]] = {}
        self.merged = 0  # how many of self.ordered are merged into site_dir
        # static-i18n's sitemap (when no plugin writes its own): every language's entries in build order.
        self.sitemap_parts: list[str] = []
        self.sitemap_frame = ("", "")
        self.gzip_mtime = 0
        self.plugin_config: Any = None

    def done(self, task: BuildTask) -> None:
        """``task``'s worker has finished: take its side state, merge what can be merged in build order."""
        with open(_side_file(self.folders[task]), "rb") as stream:
            self.sides[task] = pickle.load(stream)
        while self.merged < len(self.ordered) and self.ordered[self.merged] in self.sides:
            self._merge(self.ordered[self.merged])
            self.merged += 1
        if self.plugin_config is None and self.sides[task]["reader"] is not None:
            # The finishing plugin's config, loaded while workers still build.
            self.plugin_config = _load_config(self.config_file, self.site_dir, strict=self.strict)

    def _merge(self, task: BuildTask) -> None:
        folder = self.folders[task]
        sitemap = folder / SITEMAP
        if task.chunk == 0 and sitemap.exists():
            head, body, tail = _sitemap_parts(sitemap.read_text(encoding="utf-8"))
            self.sitemap_parts.append(body)
            self.sitemap_frame = (head, tail)
            with open(folder / f"{SITEMAP}.gz", "rb") as stream:
                self.gzip_mtime = struct.unpack("<I", stream.read(8)[4:8])[0]
        # Emptied by _clear_in_background, hidden entries kept.
        self.site_dir.mkdir(parents=True, exist_ok=True)
        merge_tree(folder, self.site_dir)

    def finish(self, languages: Sequence[str], reconfigure_search: bool) -> None:
        """Every task is done and merged: the steps that need every language."""
        assert self.merged == len(self.ordered), "a task's folder was not merged"
        site_dir = self.site_dir
        if self.sitemap_parts:
            head, tail = self.sitemap_frame
            output = (head + "".join(self.sitemap_parts) + tail).encode("utf-8")
            (site_dir / SITEMAP).write_bytes(output)
            gz_filename = str(site_dir / f"{SITEMAP}.gz")
            mtime = self.gzip_mtime
            with (
                open(gz_filename, "wb") as stream,
                gzip.GzipFile(fileobj=stream, filename=gz_filename, mode="wb", mtime=mtime) as gz_buf,
            ):
                gz_buf.write(output)
        sides = [(task, self.sides[task]) for task in self.ordered]
        searches = [(task, side["search"]) for task, side in sides if side["search"] is not None]
        readers = [(task, side["reader"]) for task, side in sides if side["reader"] is not None]
        # The mdgettext plugin's post-build steps, run here with the state the workers' plugins gathered.
        # They are handed each search index as it would be read back from disk, instead of reading it.
        finish = _plugin_finisher(self.config_file, self.plugin_config, readers) if readers else None
        # A language built in slices: its own post-build step (its search index) sees all its entries.
        for language in languages:
            slices = [
                (task, search) for task, search in searches if task.language == language and task.chunks > 1
            ]
            if slices and finish is not None:
                finish(language, building=True, search_index=_search_index(
                    slices[0][1], [doc for _, search in slices for doc in search["docs"]]
                ))
        merged = None
        if searches:
            # static-i18n's reconfigure_search_index: every language's entries in build order, deduplicated.
            docs = [doc for _, search in searches for doc in search["docs"]]
            if reconfigure_search:
                dedupe_search_entries(docs, languages)
            merged = _search_index(searches[-1][1], docs)
            if finish is None:
                index_path = site_dir / SEARCH_INDEX
                index_path.parent.mkdir(parents=True, exist_ok=True)
                index_path.write_bytes(_search_json(searches[-1][1], docs))
        if finish is not None:
            # Writes the default language's own index where static-i18n's merged one was.
            finish(languages[0], building=False, search_index=merged)


def _search_index(search: dict[str, Any], docs: list[dict[str, Any]]) -> dict[str, Any]:
    """The index ``_search_json`` writes, as ``json.loads`` gives it back (the workers' documents already
    went through JSON; the config, small, goes through here)."""
    return {"config": json.loads(json.dumps(search["config"], default=str)), "docs": docs}


def _plugin_finisher(
    config_file: Path, config: Any, readers: list[tuple[BuildTask, dict[str, Any]]]
) -> Callable[..., None]:
    """Run the mdgettext plugin's ``on_post_build`` as static-i18n's loop would, for one language at a time.

    Its state is the default language's worker's (what the sequential build's plugin holds at the end), with
    the per-language pieces (each language's 404 page) gathered from every worker in build order.
    """
    from .workspace import Workspace

    i18n, ours = config.plugins["i18n"], config.plugins["mdgettext"]
    default_state = next(state for task, state in readers if task.order == 0)
    state = _reader_state(ours)
    assert state is not None
    state.update(default_state)
    not_found: dict[str, Any] = {}
    archive_entries: dict[str, Any] = {}
    for _, worker_state in readers:
        not_found.update(worker_state.get("not_found") or {})
        archive_entries.update(worker_state.get("archive_entries") or {})
    state["not_found"] = not_found
    state["archive_entries"] = archive_entries
    ours.workspace = Workspace(config_file.parent)
    # The few entries made here (search indexes, 404 pages, sitemap) are made at once: no helper process,
    # so none is left running if a step below fails.
    ours.archive_in_background = False

    def finish(language: str, *, building: bool, search_index: dict[str, Any] | None) -> None:
        i18n.current_language = language
        i18n.building = building
        ours.language = language
        ours.merged_search_index = search_index
        ours.on_post_build(config)

    return finish


def build_site(
    config_file: Path,
    site_dir: Path,
    *,
    jobs: int | None = None,
    strict: bool | None = None,
    on_task: Callable[[BuildTask], None] | None = None,
) -> list[BuildTask]:
    """Build every language of the site into ``site_dir`` with ``jobs`` processes; returns the tasks run."""
    config_file, site_dir = Path(config_file).resolve(), Path(site_dir).resolve()
    if config_file.parent.is_relative_to(site_dir) or (site_dir / config_file.name).exists():
        # Emptying it, as every build does first, would delete the project's pages and catalogs.
        raise SiteDirError(f"the site folder {site_dir} holds the project itself; choose a folder inside it")
    languages, reconfigure_search = site_languages(config_file)
    jobs = jobs or os.cpu_count() or 1
    tasks = plan_tasks(languages, jobs)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Siblings of site_dir, on the same filesystem, so assembling is renames, not copies.
    scratch = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.build-", dir=site_dir.parent))
    clearing: threading.Thread | None = None
    try:
        folders = {task: scratch / f"{task.order}-{task.language}-{task.chunk}" for task in tasks}
        assembler = _Assembler(config_file, site_dir, folders, strict)
        # fork: workers inherit the imported MkDocs, Material and Markdown modules instead of importing again.
        import mkdocs.commands.build  # noqa: F401

        workers = min(jobs, len(tasks))
        context = get_context("fork")
        aborted = context.Event()
        try:
            with ProcessPoolExecutor(
                max_workers=workers, mp_context=context, initializer=_keep_abort_flag, initargs=(aborted,)
            ) as pool:
                def submit(task: BuildTask) -> Future[str]:
                    folder = str(folders[task])
                    return pool.submit(_run_unless_aborted, str(config_file), folder, task, strict)

                try:
                    schedule = _Schedule(tasks, workers)
                    pending = {submit(task): task for task in schedule.first()}
                    # Only now, with every worker forked (no thread may run while a process forks).
                    clearing = _clear_in_background(site_dir, scratch / "previous-site")
                    skipped = 0
                    while pending:
                        finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                        for future in finished:
                            task = pending.pop(future)
                            if isinstance(future.exception(), _Skipped):
                                skipped += 1
                                continue  # the task that failed first reports its own error
                            future.result()  # raises the worker's error
                            pending.update({submit(later): later for later in schedule.done(task)})
                            assembler.done(task)
                            if on_task:
                                on_task(task)
                    if skipped:  # never without a failed task, whose error is raised first: no half site
                        raise RuntimeError(f"{skipped} tasks were skipped, yet no task failed")
                except BaseException:
                    # Languages not begun are not built (those already queued are skipped at once); the tasks
                    # running still write into the scratch folder, so they are waited for before it goes.
                    aborted.set()
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise
            assembler.finish(languages, reconfigure_search)
        except BaseException:
            # Languages merged so far are no site to publish: the folder is left as emptied at the start
            # (what is moved aside goes with the scratch folder).
            _move_aside(site_dir, scratch / "failed-site")
            raise
    finally:
        if clearing is not None:
            clearing.join()
        shutil.rmtree(scratch, ignore_errors=True)
    return tasks


def _move_aside(site_dir: Path, trash: Path) -> None:
    """Empty ``site_dir`` as ``mkdocs build`` does (hidden entries, such as a gh-pages ``.git``, stay) at
    once, by moving its entries into ``trash`` (a new folder on the same filesystem) to be deleted later."""
    trash.mkdir()
    if site_dir.is_dir():
        for child in site_dir.iterdir():
            if not child.name.startswith("."):
                os.replace(child, trash / child.name)


def _clear_in_background(site_dir: Path, trash: Path) -> threading.Thread:
    """Empty ``site_dir`` (``_move_aside``) and delete what was in it in a thread while the workers build."""
    _move_aside(site_dir, trash)
    thread = threading.Thread(
        target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True}, daemon=True
    )
    thread.start()
    return thread


def build_sequential(config_file: Path, site_dir: Path, *, strict: bool | None = None) -> None:
    """Exactly ``mkdocs build``: static-i18n's own sequential loop, in this process (the reference)."""
    from mkdocs.commands import build as mkdocs_build

    os.environ.pop("PREVIEW_LANGUAGE", None)
    config = _load_config(Path(config_file), Path(site_dir), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build.build(config)
    finally:
        config.plugins.on_shutdown()
