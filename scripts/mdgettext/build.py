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

import gzip
import json
import logging
import os
import pickle
import shutil
import struct
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
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

    @property
    def weight(self) -> float:
        return 1 / self.chunks


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


#: Per worker process: the mdgettext plugin's coverage table, computed by the process's first task and handed
#: to its later ones (the catalogs do not change during a build; static-i18n's sequential loop does the same).
#: Pages' segments are kept per process by the plugin itself.
_PROCESS_MEMO: dict[str, Any] = {}


def _reader_state(plugin: Any) -> dict[str, Any] | None:
    state = getattr(plugin, "_reader_state", None)
    return state() if callable(state) else None


def _run_task(config_file: str, out_dir: str, task: BuildTask, strict: bool | None) -> str:
    """Build one task's share into ``out_dir`` (runs in a worker process); its side state goes to a pickle."""
    from mkdocs.commands import build as mkdocs_build

    os.environ.pop("PREVIEW_LANGUAGE", None)
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
            "docs": list(i18n.search_entries),
        }
    state = _reader_state(ours)
    if state is not None:
        _PROCESS_MEMO["coverage"] = state.get("coverage")
        side["reader"] = dict(state, archive_entries=ours.take_archive_entries())
    with open(_side_file(Path(out_dir)), "wb") as stream:
        pickle.dump(side, stream, protocol=pickle.HIGHEST_PROTOCOL)
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
    page is rendered, as before.
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
        count = len(pages)
        mine.update(pages[task.chunk * count // task.chunks : (task.chunk + 1) * count // task.chunks])
        return nav

    config.plugins.on_nav = on_nav
    build_page, populate_page = mkdocs_build._build_page, mkdocs_build._populate_page

    def populate_slice(page: Any, *args: Any, **kwargs: Any) -> None:
        if not skip_unseen or page.file.src_uri in in_nav or page.file.src_uri in mine:
            populate_page(page, *args, **kwargs)

    def build_slice(page: Any, *args: Any, **kwargs: Any) -> None:
        if page.file.src_uri in mine:
            build_page(page, *args, **kwargs)

    mkdocs_build._build_page, mkdocs_build._populate_page = build_slice, populate_slice
    try:
        yield
    finally:
        mkdocs_build._build_page, mkdocs_build._populate_page = build_page, populate_page
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


def _assemble(
    config_file: Path,
    site_dir: Path,
    outputs: list[tuple[BuildTask, Path]],
    languages: Sequence[str],
    reconfigure_search: bool,
    strict: bool | None,
) -> None:
    """Merge the workers' folders into ``site_dir`` as static-i18n's sequential build would have left it."""
    ordered = sorted(outputs, key=lambda item: (item[0].order, item[0].chunk))
    sides = {}
    for task, folder in ordered:
        with open(_side_file(folder), "rb") as stream:
            sides[task] = pickle.load(stream)
    # static-i18n's sitemap (when no plugin writes its own): every language's entries in build order.
    sitemap_parts: list[str] = []
    head = tail = ""
    gzip_mtime = 0
    for task, folder in ordered:
        sitemap = folder / SITEMAP
        if task.chunk == 0 and sitemap.exists():
            head, body, tail = _sitemap_parts(sitemap.read_text(encoding="utf-8"))
            sitemap_parts.append(body)
            with open(folder / f"{SITEMAP}.gz", "rb") as stream:
                gzip_mtime = struct.unpack("<I", stream.read(8)[4:8])[0]
    site_dir.mkdir(parents=True, exist_ok=True)  # emptied by _clear_in_background, hidden entries kept
    for _, folder in ordered:
        merge_tree(folder, site_dir)
    if sitemap_parts:
        output = (head + "".join(sitemap_parts) + tail).encode("utf-8")
        (site_dir / SITEMAP).write_bytes(output)
        gz_filename = str(site_dir / f"{SITEMAP}.gz")
        with (
            open(gz_filename, "wb") as stream,
            gzip.GzipFile(fileobj=stream, filename=gz_filename, mode="wb", mtime=gzip_mtime) as gz_buf,
        ):
            gz_buf.write(output)
    searches = [(task, side["search"]) for task, side in sides.items() if side["search"] is not None]
    readers = [(task, side["reader"]) for task, side in sides.items() if side["reader"] is not None]
    index_path = site_dir / SEARCH_INDEX
    # The mdgettext plugin's post-build steps, run here with the state the workers' plugins gathered.
    finish = _plugin_finisher(config_file, site_dir, readers, strict) if readers else None
    # A language built in slices: its own post-build step (per-language search index) sees all its entries.
    for language in languages:
        slices = [
            (task, search) for task, search in searches if task.language == language and task.chunks > 1
        ]
        if slices and finish is not None:
            index_path.parent.mkdir(parents=True, exist_ok=True)
            index_path.write_bytes(
                _search_json(slices[0][1], [doc for _, search in slices for doc in search["docs"]])
            )
            finish(language, building=True)
    if searches:
        # static-i18n's reconfigure_search_index: every language's entries in build order, deduplicated.
        docs = [doc for _, search in searches for doc in search["docs"]]
        if reconfigure_search:
            dedupe_search_entries(docs, languages)
        index_path.parent.mkdir(parents=True, exist_ok=True)
        index_path.write_bytes(_search_json(searches[-1][1], docs))
    if finish is not None:
        finish(languages[0], building=False)


def _plugin_finisher(
    config_file: Path, site_dir: Path, readers: list[tuple[BuildTask, dict[str, Any]]], strict: bool | None
) -> Callable[..., None]:
    """Run the mdgettext plugin's ``on_post_build`` as static-i18n's loop would, for one language at a time.

    Its state is the default language's worker's (what the sequential build's plugin holds at the end), with
    the per-language pieces (each language's 404 page) gathered from every worker in build order.
    """
    from .workspace import Workspace

    config = _load_config(config_file, site_dir, strict=strict)
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

    def finish(language: str, *, building: bool) -> None:
        i18n.current_language = language
        i18n.building = building
        ours.language = language
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
        # fork: workers inherit the imported MkDocs, Material and Markdown modules instead of importing again.
        import mkdocs.commands.build  # noqa: F401

        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=get_context("fork")) as pool:
            futures = {
                task: pool.submit(_run_task, str(config_file), str(folders[task]), task, strict)
                for task in tasks
            }
            # Only now, with every worker forked (no thread may run while a process forks).
            clearing = _clear_in_background(site_dir, scratch / "previous-site")
            for task, future in futures.items():
                future.result()
                if on_task:
                    on_task(task)
        _assemble(
            config_file,
            site_dir,
            [(task, folders[task]) for task in tasks],
            languages,
            reconfigure_search,
            strict,
        )
    finally:
        if clearing is not None:
            clearing.join()
        shutil.rmtree(scratch, ignore_errors=True)
    return tasks


def _clear_in_background(site_dir: Path, trash: Path) -> threading.Thread:
    """Empty ``site_dir`` as ``mkdocs build`` does (hidden entries, such as a gh-pages ``.git``, stay), by
    moving its entries aside at once and deleting them in a thread while the workers build."""
    trash.mkdir()
    if site_dir.is_dir():
        for child in site_dir.iterdir():
            if not child.name.startswith("."):
                os.replace(child, trash / child.name)
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
