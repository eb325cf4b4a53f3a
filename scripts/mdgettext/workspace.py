"""The project on disk: pages, templates and catalogs, read strictly and written atomically.

The core reads and writes nothing; this module does it for ``cli`` and ``plugin`` (``build`` and ``reader``
write the built site). Nothing is written unless all the catalogs it depends on were read without error,
and a file whose content would not change is left alone, so running any command twice changes nothing.
"""

from __future__ import annotations

import gc
import glob
import os
import re
import traceback
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from .catalogs import SiteString, page_domain, page_template, same_entries, site_template
from .config import SITE_DOMAIN, ConfigError, ProjectConfig, load_mkdocs_yaml, project_config
from .figures import Figures, parse_figures
from .languages import nplurals
from .pofile import CatalogError, format_po, parse_po
from .segments import Segment, extract_segments

if TYPE_CHECKING:
    from .glossary import Glossary
    from .merge import SimilarTexts

# merge (with rapidfuzz) and glossary are imported where they are used: extract needs neither.

__all__ = ["StagedWrite", "Workspace", "extract_jobs", "now_stamp", "stage_write", "write_if_changed"]

# Template text is marked ``t("...")`` in theme overrides (see overrides/ and the README); ``lang.t(...)`` is
# Material's own translation function, and comments are not template text.
_TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|<!--.*?-->", re.S)
_POT_DATE = re.compile(r'^"POT-Creation-Date: ([^"\\]*)\\n"$', re.M)
_TEMPLATE_STRING = re.compile(r"""(?<![\w.])t\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)""")


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")


@dataclass(frozen=True)
class StagedWrite:
    """A file's new content, waiting in a temp file beside it (same permissions) to be renamed over it."""

    path: Path
    temp: Path

    def commit(self) -> None:
        os.replace(self.temp, self.path)

    def discard(self) -> None:
        self.temp.unlink(missing_ok=True)


def stage_write(path: Path, text: str, *, durable: bool = True) -> StagedWrite | None:
    """The first half of ``write_if_changed``: None if ``path`` already holds ``text``, else a temp file
    holding it, so that several files can be prepared and then all renamed into place, or none.

    Few system calls, as extract stages a thousand files: a new file is created with the usual 0666 less
    the umask (not mkstemp's 0600, which would need a chmod), a replacement gets the old file's mode.
    """
    data = text.encode("utf-8")
    try:
        mode: int | None = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    else:
        if path.read_bytes() == data:
            return None
    handle, temp = _create_temp(path, 0o666 if mode is None else 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temp, mode)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return StagedWrite(path, temp)


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL
_TEMP_FLAGS |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


_TEMP_SUFFIX = re.compile("[0-9a-f]{12}")


def _create_temp(path: Path, mode: int) -> tuple[int, Path]:
    """A new, empty, hidden file next to ``path`` (its folder created if need be), as mkstemp makes one:
    ``.NAME.`` and 12 hex digits (_TEMP_SUFFIX)."""
    for _ in range(100):
        temp = path.with_name(f".{path.name}.{os.urandom(6).hex()}")
        try:
            return os.open(temp, _TEMP_FLAGS, mode), temp
        except FileExistsError:
            continue
        except FileNotFoundError:
            if path.parent.is_dir():
                raise
            path.parent.mkdir(parents=True, exist_ok=True)
    raise FileExistsError(f"no free temporary name next to {path}")


def write_if_changed(path: Path, text: str, *, durable: bool = True) -> bool:
    """Atomically replace ``path`` with ``text`` (temp file + rename); do nothing if it already holds it.

    The new file keeps the old one's permissions (a new one gets the usual 0666 less the umask, not
    mkstemp's 0600). ``durable`` files (translators' catalogs) are flushed to disk before the rename, so a
    crash leaves the old file or the new; files that can be regenerated (templates) skip the fsync, which
    costs more than the rest of writing them: a crash may then leave one empty, and ``extract`` rewrites it.
    """
    staged = stage_write(path, text, durable=durable)
    if staged is None:
        return False
    try:
        staged.commit()
    except BaseException:
        staged.discard()
        raise
    return True


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector: extraction, parsing and merging catalogs make many small objects
    and almost no reference cycles (same peak memory either way), so the collector would only scan them
    again and again (6% of extraction's time; about a tenth of ``update``'s, which keeps every catalog of
    every language); reference counting frees the rest, and the few cycles (an error's traceback) are
    collected once it runs again. Also a decorator."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Workspace:
    root: Path
    config: ProjectConfig = field(init=False)
    mkdocs_text: str = field(init=False, repr=False)
    #: Parsed catalogs by (path, language, bytes), for a reader that only reads and reads each catalog
    #: several times (the MkDocs plugin: coverage, translations, plurals). None (off) by default: commands
    #: that modify what they read must get fresh objects.
    catalog_memo: dict[tuple[str, str | None, bytes], polib.POFile] | None = field(
        default=None, init=False, repr=False
    )
    #: Templates whose text build_templates already wrote out (domain -> (template, text)), so an
    #: unchanged template is formatted once per command, not twice.
    _template_text: dict[str, tuple[polib.POFile, str]] = field(default_factory=dict, init=False, repr=False)
    _template_files: dict[str, Path] = field(default_factory=dict, init=False, repr=False)
    #: (language, domain) -> catalog path: a build asks for each one at every page and template string.
    _catalog_files: dict[tuple[str, str], Path] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        self.mkdocs_text = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
        self.config = project_config(load_mkdocs_yaml(self.mkdocs_text))

    @classmethod
    def find(cls, start: Path | None = None) -> Workspace:
        """The project whose mkdocs.yml is in ``start`` or above it."""
        here = Path(start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file():
                return cls(folder)
        raise FileNotFoundError("no mkdocs.yml in this folder or above it")

    # -- sources ---------------------------------------------------------------------------------------
    @property
    def docs_dir(self) -> Path:
        return self.root / self.config.docs_dir

    def pages(self) -> list[str]:
        """docs-relative paths of every Markdown page, sorted."""
        return sorted(path.relative_to(self.docs_dir).as_posix() for path in self.docs_dir.rglob("*.md"))

    def page_file(self, page: str) -> str:
        return f"{self.config.docs_dir}/{page}"

    def read_page(self, page: str) -> str:
        path = self.docs_dir / page
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            line = path.read_bytes()[: error.start].count(b"\n") + 1
            raise ConfigError(f"{self.relative(path)}:{line}: not UTF-8 text; save it as UTF-8") from None

    def segments(self, page: str) -> list[Segment]:
        return extract_segments(self.read_page(page))

    def _mkdocs_line(self, text: str) -> int:
        for number, line in enumerate(self.mkdocs_text.splitlines(), 1):
            if text in line:
                return number
        return 0

    def site_strings(self) -> list[SiteString]:
        """What the site shows outside pages: site name and description, nav titles, template text."""
        strings: list[SiteString] = []
        config = self.config
        if config.site_name:
            strings.append(
                SiteString(
                    config.site_name,
                    f"mkdocs.yml:{self._mkdocs_line('site_name')}",
                    "The site's name, shown in the header and the browser tab.",
                )
            )
        if config.site_description:
            strings.append(
                SiteString(
                    config.site_description,
                    f"mkdocs.yml:{self._mkdocs_line('site_description')}",
                    "The site's description, for search engines and link previews.",
                )
            )
        for item in config.nav:
            note = (
                "A section title in the navigation."
                if item.target is None
                else "A page title in the navigation."
            )
            strings.append(SiteString(item.title, f"mkdocs.yml:{self._mkdocs_line(item.title)}", note))
        if config.custom_dir:
            overrides = self.root / config.custom_dir
            for path in sorted(overrides.rglob("*.html")):
                text = _TEMPLATE_COMMENT.sub(
                    lambda m: re.sub(r"[^\n]", " ", m.group()), path.read_text(encoding="utf-8")
                )
                relative = path.relative_to(self.root).as_posix()
                for match in _TEMPLATE_STRING.finditer(text):
                    value = re.sub(r"\\(.)", r"\1", match.group(1) or match.group(2) or "")
                    line = text.count("\n", 0, match.start()) + 1
                    strings.append(SiteString(value, f"{relative}:{line}", "Text of the site's templates."))
        figures = self.figures()
        for chart in figures.charts.values():
            for text, line in ((chart.title, chart.title_line), (chart.sources, chart.sources_line)):
                if text:
                    note = "Text of a chart. Country names come from CLDR: keep {country.XX}."
                    strings.append(SiteString(text, f"{config.figures_file}:{line}", note))
        return strings

    def figures(self) -> Figures:
        """The figures data file named in mkdocs.yml (no figures when none is named)."""
        if not self.config.figures_file:
            return Figures("")
        path = self.root / self.config.figures_file
        return parse_figures(path.read_text(encoding="utf-8"), self.config.figures_file)

    # -- templates ------------------------------------------------------------------------------------
    def template_file(self, domain: str) -> Path:
        path = self._template_files.get(domain)
        if path is None:  # remembered: extract asks several times for each of a thousand templates
            path = self._template_files[domain] = self.root / self.config.template_path(domain)
        return path

    def catalog_file(self, language: str, domain: str) -> Path:
        path = self._catalog_files.get((language, domain))
        if path is None:
            # One Path from a joined string (an absolute locales_dir replaces the root, as with "/"): joining
            # Path parts costs more, and a build asks for every page's catalog.
            path = Path(os.path.join(self.root, self.config.catalog_path(language, domain)))
            self._catalog_files[(language, domain)] = path
        return path

    def domains(self) -> list[str]:
        return [SITE_DOMAIN, *(page_domain(page) for page in self.pages())]

    def build_templates(self, stamp: str | None = None) -> dict[str, polib.POFile]:
        """Fresh templates; each keeps its old creation date when nothing but dates would change."""
        stamp = stamp or now_stamp()
        templates = {SITE_DOMAIN: site_template(self.site_strings(), stamp)}
        for page in self.pages():
            templates[page_domain(page)] = self._page_template(page, stamp)
        self._template_text.clear()
        for domain, template in templates.items():
            text = self._settle_date(domain, template, stamp)
            if text is not None:
                self._template_text[domain] = (template, text)
        return templates

    def _page_template(self, page: str, stamp: str) -> polib.POFile:
        return page_template(self.page_file(page), self.segments(page), stamp)

    def _settle_date(self, domain: str, template: polib.POFile, stamp: str) -> str | None:
        """Give a template its old file's creation date when nothing but dates would change.

        The quick test: written with the old file's date, does the template give the old file's text?
        Then that text is returned (formatted once). Only when it does not is the old file parsed, to
        tell a real change from a mere layout difference.
        """
        path = self.template_file(domain)
        if not path.exists():
            return None
        old_text = path.read_text(encoding="utf-8")
        old_date = _POT_DATE.search(old_text)
        if old_date:
            template.metadata["POT-Creation-Date"] = old_date.group(1)
            text = format_po(template)
            if text == old_text:
                return text
        old = self.read_catalog(path)
        template.metadata["POT-Creation-Date"] = (
            old.metadata.get("POT-Creation-Date", stamp) if same_entries(old, template) else stamp
        )
        return None

    def write_templates(self, templates: dict[str, polib.POFile]) -> list[Path]:
        """Write templates; remove those of pages that no longer exist. Returns the files changed."""
        known = self._template_text
        changed = []
        for domain, template in templates.items():
            cached = known.get(domain)
            text = cached[1] if cached and cached[0] is template else format_po(template)
            if write_if_changed(path := self.template_file(domain), text, durable=False):
                changed.append(path)
        return changed + self._remove_stale_templates(templates)

    def _remove_stale_templates(self, domains: Collection[str]) -> list[Path]:
        removed = self._stale_templates(domains)
        for path in removed:
            path.unlink()
        return removed

    def _stale_templates(self, domains: Collection[str]) -> list[Path]:
        """Templates of pages that no longer exist, sorted."""
        templates_dir = self.root / self.config.templates_dir
        return [
            path
            for path in (sorted(templates_dir.rglob("*.pot")) if templates_dir.exists() else [])
            if path.relative_to(templates_dir).with_suffix("").as_posix() not in domains
        ]

    def extract_templates(self, stamp: str | None = None, jobs: int | None = None) -> list[Path]:
        """``write_templates(build_templates())`` for ``extract``, which needs no catalog objects back.

        The pages are segmented, their templates formatted and written to temp files in ``jobs`` forked
        processes (by default one per CPU, once there are enough pages to repay starting them), while
        this one makes the site's template; it renames the temp files into place, in order, only when
        every page succeeded, so an error leaves the templates untouched and reports what a sequential
        run would. Returns the files changed, in write_templates' order.
        """
        stamp = stamp or now_stamp()
        pages = self.pages()
        domains = [SITE_DOMAIN, *(page_domain(page) for page in pages)]
        jobs = extract_jobs(jobs, len(pages))
        staged: dict[str, StagedWrite] = {}
        changed: list[Path] = []
        try:
            if jobs > 1:
                outcomes, stale = self._render_in_processes(pages, domains, stamp, jobs, staged)
            else:
                site_outcome = self._render_site(stamp)
                if site_outcome.phase == _SITE_CONFIG:
                    outcomes = [site_outcome]
                else:
                    outcomes = [site_outcome, self._render_pages(pages, stamp)]
                if not any(outcome.phase for outcome in outcomes):
                    outcomes = [self._write_rendered(outcome) for outcome in outcomes]
                    for outcome in outcomes:
                        staged.update(outcome.staged)
                stale = self._stale_templates(set(domains))
            # The error a sequential run meets first: making the site's template, reading a page, comparing
            # the site's template with its file, then the pages', writing (outcomes: site, then pages).
            failed = [(out.phase, order, out.error) for order, out in enumerate(outcomes) if out.phase]
            if failed:
                error = min(failed, key=lambda failure: failure[:2])[2]
                assert error is not None
                raise error
            for domain in domains:
                if domain in staged:
                    staged[domain].commit()
                    changed.append(staged.pop(domain).path)
        finally:
            for write in staged.values():
                write.discard()
        for path in stale:
            path.unlink(missing_ok=True)
        return changed + stale

    def _render_in_processes(
        self, pages: list[str], domains: list[str], stamp: str, jobs: int, staged: dict[str, StagedWrite]
    ) -> tuple[list[_Rendered], list[Path]]:
        """The site's outcome and the pages', the pages rendered and written to temp files by forked
        workers in small chunks (so that both stay busy to the end; file creation is costly too) while
        this process makes the site's template and lists the stale templates. ``staged`` gets every
        temp file made, even when something failed, for the caller to discard."""
        import multiprocessing  # here, not above: the plugin and small sites never need them
        from concurrent.futures import ProcessPoolExecutor

        global _FORKED
        chunks = _chunks(pages, jobs)
        _FORKED = (self, stamp)
        try:
            with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
                futures = [pool.submit(_render_pages_forked, chunk) for chunk in chunks]
                try:
                    site_outcome = self._render_site(stamp)
                    if site_outcome.phase == _SITE_CONFIG:
                        pool.shutdown(cancel_futures=True)
                        return [site_outcome], []
                    if not site_outcome.phase:
                        site_outcome = self._write_rendered(site_outcome)
                        staged.update(site_outcome.staged)
                    stale = self._stale_templates(set(domains))
                    outcomes: list[_Rendered] = []
                    for future in futures:
                        outcomes.append(future.result())
                        staged.update(outcomes[-1].staged)
                except BaseException:
                    pool.shutdown(cancel_futures=True)
                    # A worker that died (killed, out of memory) could not report its temp files.
                    for future, chunk in zip(futures, chunks, strict=True):
                        if future.done() and not future.cancelled():
                            if future.exception() is None:
                                staged.update(future.result().staged)
                            else:
                                self._remove_temp_files(chunk)
                    raise
        finally:
            _FORKED = None
        return [site_outcome, *outcomes], stale

    def _write_rendered(self, outcome: _Rendered) -> _Rendered:
        """The rendered texts written to temp files (``staged``); an error is returned, not raised."""
        staged: list[tuple[str, StagedWrite]] = []
        try:
            for domain, text in outcome.texts:
                if write := stage_write(self.template_file(domain), text, durable=False):
                    staged.append((domain, write))
        except Exception as error:
            for _, write in staged:
                write.discard()
            return _Rendered([], error, phase=_WRITING)
        return _Rendered([], staged=staged)

    def _remove_temp_files(self, pages: Sequence[str]) -> None:
        for page in pages:
            path = self.template_file(page_domain(page))
            for temp in path.parent.glob(f".{glob.escape(path.name)}.*"):
                if _TEMP_SUFFIX.fullmatch(temp.name[len(path.name) + 2 :]):
                    temp.unlink(missing_ok=True)

    def _render_site(self, stamp: str) -> _Rendered:
        try:
            site = site_template(self.site_strings(), stamp)
        except Exception as error:
            return _Rendered([], error, phase=_SITE_CONFIG)
        try:
            return _Rendered(self._changed_text(SITE_DOMAIN, site, stamp))
        except Exception as error:
            return _Rendered([], error, phase=_OLD_TEMPLATES)

    def _render_pages(self, pages: Sequence[str], stamp: str) -> _Rendered:
        """Texts of the pages' templates that differ from their files; an error is returned, not raised."""
        with _no_cycle_collection():
            try:
                templates = [(page_domain(page), self._page_template(page, stamp)) for page in pages]
            except Exception as error:
                return _Rendered([], error, phase=_PAGES)
            try:
                texts = [
                    item
                    for domain, template in templates
                    for item in self._changed_text(domain, template, stamp)
                ]
            except Exception as error:
                return _Rendered([], error, phase=_OLD_TEMPLATES)
        return _Rendered(texts)

    def _changed_text(self, domain: str, template: polib.POFile, stamp: str) -> list[tuple[str, str]]:
        """[(domain, text)] if the template's text differs from its file's bytes, else []."""
        text = self._settle_date(domain, template, stamp)
        if text is None:
            text = format_po(template)
        path = self.template_file(domain)
        if path.exists() and path.read_bytes() == text.encode("utf-8"):
            return []
        return [(domain, text)]

    # -- catalogs -------------------------------------------------------------------------------------------
    def catalog_bytes(self, path: Path) -> bytes:
        """A catalog file's bytes; CatalogError (naming the file) when it cannot be read."""
        try:
            return path.read_bytes()
        except OSError as error:
            raise CatalogError(
                self.relative(path),
                0,
                f"cannot read the file: {error.strerror}",
                "check the path and permissions",
            ) from error

    def read_catalog(
        self, path: Path, language: str | None = None, data: bytes | None = None
    ) -> polib.POFile:
        """Parse one catalog strictly; CatalogError names the file (relative to the project) and line.

        ``data``: the file's bytes when the caller has read them already, so that what it concludes (and
        may keep, cache.py) is about exactly the bytes parsed, even if the file changes meanwhile.
        """
        if data is None:
            data = self.catalog_bytes(path)
        key = (str(path), language, data)
        if self.catalog_memo is not None and key in self.catalog_memo:
            return self.catalog_memo[key]
        catalog = parse_po(data, self.relative(path), nplurals=nplurals(language) if language else None)
        if self.catalog_memo is not None:
            self.catalog_memo[key] = catalog
        return catalog

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def catalog_files(self, language: str) -> Iterator[tuple[str, Path]]:
        """(domain, path) of every catalog of a language on disk, pages that vanished included."""
        folder = self.root / self.config.locales_dir / language / "LC_MESSAGES"
        if folder.exists():
            for path in sorted(folder.rglob("*.po")):
                yield path.relative_to(folder).with_suffix("").as_posix(), path

    @_no_cycle_collection()
    def read_language(self, language: str) -> dict[str, polib.POFile]:
        """Every catalog of a language; raises on the first malformed one (nothing is written then)."""
        return {domain: self.read_catalog(path, language) for domain, path in self.catalog_files(language)}

    @_no_cycle_collection()
    def update_language(
        self, language: str, templates: dict[str, polib.POFile], similar: SimilarTexts | None = None
    ) -> list[Path]:
        """Bring one language's catalogs in line with the templates. Returns the files changed.

        ``similar``: shared by the languages of one run, so each new text is fuzzy-matched once.
        """
        from .merge import build_memory, update_catalog

        old_catalogs = self.read_language(language)
        memory = build_memory(old_catalogs.values(), similar)
        plural_count = nplurals(language)
        changed: list[Path] = []
        for domain, template in templates.items():
            old = old_catalogs.get(domain)
            catalog = update_catalog(template, old, memory, language, plural_count)
            if old is not None and same_entries(old, catalog):
                catalog = old  # nothing changed but maybe the layout: keep its dates, write it canonically
            if write_if_changed(path := self.catalog_file(language, domain), format_po(catalog)):
                changed.append(path)
        for domain, old in old_catalogs.items():
            if domain in templates:
                continue
            # The page is gone: keep its translations, as obsolete entries, in the language's memory.
            retired = update_catalog(polib.POFile(), old, memory, language, plural_count)
            retired.metadata = dict(old.metadata)
            if same_entries(old, retired):
                retired = old
            if write_if_changed(path := self.catalog_file(language, domain), format_po(retired)):
                changed.append(path)
        return changed

    def glossary(self) -> Glossary:
        """``locales/glossary.csv`` and ``locales/do-not-translate.txt`` (both optional)."""
        from .glossary import parse_glossary

        folder = self.root / self.config.locales_dir
        table = folder / "glossary.csv"
        keep = folder / "do-not-translate.txt"
        return parse_glossary(
            table.read_text(encoding="utf-8") if table.exists() else "",
            keep.read_text(encoding="utf-8") if keep.exists() else "",
        )


#: Pages below which ``extract`` stays in one process: forking and feeding workers costs more than it saves.
PARALLEL_EXTRACT_MIN_PAGES = 50


def extract_jobs(requested: int | None, pages: int) -> int:
    """Processes for extracting ``pages`` pages: as asked (at most one per page), else one per CPU when
    there are more than PARALLEL_EXTRACT_MIN_PAGES; 1 where processes cannot be forked."""
    if requested is None:
        if pages <= PARALLEL_EXTRACT_MIN_PAGES:
            return 1
        requested = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if requested <= 1 or pages <= 1:
        return 1
    import multiprocessing

    return min(requested, pages) if "fork" in multiprocessing.get_all_start_methods() else 1


def _chunks(pages: list[str], jobs: int) -> list[list[str]]:
    """Pages in order, in chunks that shrink towards the end (a quarter of what is left per worker, at
    least 8 pages): few round trips, yet no worker is left alone with a big last chunk."""
    chunks = []
    start = 0
    while start < len(pages):
        size = max(8, (len(pages) - start) // (jobs * 4))
        chunks.append(pages[start : start + size])
        start += size
    return chunks


# Where extraction failed, in the order a sequential run meets the steps (0: it did not).
_SITE_CONFIG, _PAGES, _OLD_TEMPLATES, _WRITING = 1, 2, 3, 4


@dataclass
class _Rendered:
    """What rendering some templates gave: (domain, text) of those that differ from their files, in order,
    or the error and the step it failed at (_SITE_CONFIG, _PAGES, _OLD_TEMPLATES, _WRITING)."""

    texts: list[tuple[str, str]]
    error: Exception | None = None
    phase: int = 0
    #: The texts once written to temp files (_write_rendered), by domain.
    staged: list[tuple[str, StagedWrite]] = field(default_factory=list)


#: The workspace and creation date forked extract workers inherit (set only while their pool runs).
_FORKED: tuple[Workspace, str] | None = None


def _render_pages_forked(pages: list[str]) -> _Rendered:
    assert _FORKED is not None
    workspace, stamp = _FORKED
    result = workspace._render_pages(pages, stamp)
    if not result.phase:
        result = workspace._write_rendered(result)
    if result.error is not None and not isinstance(result.error, ConfigError | CatalogError):
        # A bug, not bad input: keep the worker's traceback, which pickling the error back would drop.
        result.error.add_note("".join(traceback.format_exception(result.error)).rstrip())
    return result
