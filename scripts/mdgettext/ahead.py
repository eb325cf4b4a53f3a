"""The languages still to build, translated ahead in a helper process (an edge: it runs one).

static-i18n builds one language after the other, on one core. Translating a page (its catalog's checked
translations, from the cache; the page's segments; the splice) needs no MkDocs, so while the first language
is being built, a helper process (helper_process.py) on the idle core translates every page of every
language, in build order, and works out the coverage table; the build then only looks the answers up.

An answer is used only if it was made from the same inputs: the page's text (a digest of what MkDocs read),
the catalog file (its modification and change times, size and inode, taken before the helper read it, so a
catalog saved meanwhile never matches) and this package's code (the helper imports it from disk again).
Otherwise, and for pages the helper has not reached, cannot do (plural segments need the figures, which the
build reads; a page with a byte-order mark) or never will (it failed), the plugin translates the page
itself with the same functions, so the site is the same either way. A rejected translation's warning
travels with the answer and is logged by the build when it uses it, as it would have logged it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import subprocess
import sys
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .cache import ResultCache, checked_translations, code_fingerprint, translated_keys
from .catalogs import page_domain
from .checks import NOTHING_USABLE, Finding
from .helper_process import HelperProcess, read_frame, write_frame
from .render import translated_markdown
from .segments import Segment, extract_segments
from .site import Coverage, coverage_table, untranslated_fallback
from .workspace import Workspace

__all__ = ["AHEAD_MIN_PAGES", "TranslationsAhead", "catalog_stamp", "source_digest"]

log = logging.getLogger("mkdocs.plugins.mdgettext")

#: Below this many pages a site builds in a few seconds and the helper's start-up would be most of its work.
AHEAD_MIN_PAGES = 50
#: Pages per answer: one frame per page would cost the build's drain thread more than the lookups save.
_BATCH_PAGES = 64
#: How long the build waits for the helper's coverage table before it works the table out itself. The
#: helper normally has it before MkDocs renders the first page's template; this only bounds a stuck helper.
_COVERAGE_WAIT = 120.0


def source_digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def catalog_stamp(path: Path) -> tuple[int, int, int, int] | None:
    """(modification and change times in ns, size, inode) of a catalog file; None when there is none."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino


# -- the helper's side ------------------------------------------------------------------------------------
def _page_answer(
    workspace: Workspace,
    cache: ResultCache,
    request: dict[str, Any],
    language: str,
    page: str,
    source: str,
    segments: list[Segment],
) -> tuple[str, bytes, tuple[int, int, int, int] | None, str | None, list[tuple[Any, ...]]] | None:
    """(page, digest of its text, catalog stamp, translated Markdown or None for "as written", rejected)."""
    if any(segment.plural for segment in segments):
        return None  # the form depends on the figures: the build translates this page
    path = workspace.catalog_file(language, page_domain(page))
    stamp = catalog_stamp(path)  # before reading: a file saved after it never matches
    usable = (
        checked_translations(workspace, cache, path, language, request["allowlist"])
        if stamp is not None
        else NOTHING_USABLE
    )
    default = request["default"]
    if language == default and not usable.singular and not usable.plural:
        markdown = None
    else:
        markdown = translated_markdown(
            source, segments, usable.singular, untranslated_fallback(language, default)
        )
    rejected = [dataclasses.astuple(finding) for finding in usable.rejected]
    return page, source_digest(source), stamp, markdown, rejected


def translate_ahead(request: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """The helper's answers: the first language's pages, the coverage table, then the other languages."""
    workspace = Workspace(Path(request["root"]))
    workspace.catalog_memo = {}
    cache = ResultCache(Path(request["cache"]) if request["cache"] else None)
    languages: list[str] = list(request["languages"])
    separator: str = request["separator"]
    if request["fingerprint"] != code_fingerprint():
        return  # this package changed on disk since the build imported it: its answers could differ
    pages = workspace.pages()
    texts: dict[str, str] = {}
    segments: dict[str, list[Segment]] = {}
    for page in pages:
        try:
            text = workspace.read_page(page)
            segments[page] = extract_segments(text, separator=separator)
        except Exception:  # the build reads this page itself, and reports what is wrong
            continue
        texts[page] = text
    # MkDocs reads pages as "utf-8-sig": a page with a byte-order mark is translated by the build itself.
    sources = {page: text for page, text in texts.items() if not text.startswith("\ufeff")}

    def pages_of(language: str) -> Iterator[tuple[Any, ...]]:
        batch = []
        for page, source in sources.items():
            try:
                answer = _page_answer(workspace, cache, request, language, page, source, segments[page])
            except Exception:  # a catalog that cannot be read: the build reports it
                answer = None
            if answer is not None:
                batch.append(answer)
            if len(batch) >= _BATCH_PAGES:
                yield "pages", language, batch
                batch = []
        if batch:
            yield "pages", language, batch

    yield from pages_of(languages[0])
    try:
        table = coverage_table(
            texts, segments.__getitem__, request["all_languages"], request["default"],
            lambda language, page: translated_keys(
                workspace, cache, workspace.catalog_file(language, page_domain(page)), language
            ),
        )
    except Exception:  # the build works the table out itself and reports what is wrong
        table = None
    rows = None
    if table is not None and len(texts) == len(pages):
        rows = [(language, page, found.translated, found.total) for (language, page), found in table.items()]
    yield "coverage", rows  # None: the build works it out (and must not wait for the other languages)
    for language in languages[1:]:
        yield from pages_of(language)


def _serve(source: BinaryIO | None = None, sink: BinaryIO | None = None) -> None:
    """The helper's main: one request in, answers out until all are sent."""
    source = source or sys.stdin.buffer
    sink = sink or sys.stdout.buffer
    request = read_frame(source)
    if isinstance(request, dict):
        for answer in translate_ahead(request):
            write_frame(sink, answer)


# -- the build's side -------------------------------------------------------------------------------------
def _kill(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()


class TranslationsAhead:
    """The helper's answers as they arrive; the build asks ``page()`` and ``coverage()``.

    Raises OSError when no helper can be started (the build then does all the work itself).
    """

    def __init__(
        self,
        workspace: Workspace,
        cache: ResultCache,
        languages: list[str],
        all_languages: list[str],
        default: str,
        separator: str,
        allowlist: dict[str, tuple[tuple[str, str], ...]],
    ) -> None:
        self._pages: dict[tuple[str, str], tuple[Any, ...]] = {}
        self._coverage: dict[tuple[str, str], Coverage] | None = None
        self._lock = threading.Lock()
        self._ended = threading.Event()
        self.asked = self.used = 0
        request = {
            "root": str(workspace.root),
            "languages": languages,
            "all_languages": all_languages,
            "default": default,
            "separator": separator,
            "allowlist": allowlist,
            "cache": str(cache.folder) if cache.folder is not None else None,
            "fingerprint": code_fingerprint(),
        }
        self._helper: HelperProcess | None = HelperProcess(
            "mdgettext.ahead:_serve", self._receive, name="translations ahead", on_end=self._ended.set
        )
        # Killed when this object goes or the interpreter exits, whatever way the build ended (an interrupt
        # skips on_build_error).
        self._finalizer = weakref.finalize(self, _kill, self._helper.process)
        self._helper.send(request)
        self._helper.end_input()

    def _receive(self, answer: object) -> None:
        kind = answer[0]  # type: ignore[index]
        if kind == "pages":
            _, language, rows = answer  # type: ignore[misc]
            with self._lock:
                for page, *rest in rows:
                    self._pages[(language, page)] = tuple(rest)
        elif kind == "coverage":
            rows = answer[1]  # type: ignore[index]
            if rows is not None:
                self._coverage = {
                    (language, page): Coverage(translated, total)
                    for language, page, translated, total in rows
                }
            self._ended.set()  # what the build may wait for is here (or will not come)

    def page(self, language: str, page: str, source: str, catalog: Path) -> tuple[str, list[Finding]] | None:
        """The page translated ahead and the findings that held translations back; None: translate it here.

        Each answer is handed over once (static-i18n reads a page once per language).
        """
        self.asked += 1
        with self._lock:
            found = self._pages.pop((language, page), None)
        if found is None:
            return None
        digest, stamp, markdown, rejected = found
        if digest != source_digest(source) or stamp != catalog_stamp(catalog):
            return None
        self.used += 1
        return (source if markdown is None else markdown), [Finding(*fields) for fields in rejected]

    def coverage(self) -> dict[tuple[str, str], Coverage] | None:
        """The coverage table, waiting for the helper if it is still working it out; None if it has none."""
        self._ended.wait(_COVERAGE_WAIT)
        return self._coverage

    def close(self) -> None:
        """Stop the helper and let its answers go."""
        if self._helper is not None:
            self._helper.kill()
            self._helper = None
            self._finalizer.detach()
        with self._lock:
            self._pages.clear()
        log.debug("translations ahead: %d of %d pages taken from the helper", self.used, self.asked)
