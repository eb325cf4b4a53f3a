"""Offline-archive entries made while MkDocs is still rendering pages (an edge: it runs a helper process).

The archive (:mod:`mdgettext.archive`) is written after the last language's build. At that point, on the
1,100-page site, rewriting and deflating 150 MB of HTML took about 2.5 s, after everything else and mostly on
one core. A page's final HTML is known at ``on_post_page``, so its entry is made there instead (and the
entries of the search indexes, 404 pages and sitemap when the plugin writes them, so that only the last
language's are left for the end): in a helper process on the core a sequential ``mkdocs build`` leaves idle,
or in the build process itself where every core already builds (``mdgettext build``'s workers).
``build_archive`` uses an entry only if the file on disk still has the bytes it was made from, so a failed
helper or a plugin that rewrites pages later changes how long the archive takes, never what it holds.

The helper (helper_process.py) is fed batches of pages and answers their entries. A site smaller than one
batch never starts a helper (its pages are compressed at the end, in this process); if the helper cannot
start or stops, the pages it did not answer are made by ``build_archive`` and later pages in this process as
they come.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import threading
from typing import BinaryIO

from .archive import ArchiveEntry, archive_entry
from .helper_process import HelperProcess, helper_worthwhile, read_frame, write_frame

__all__ = ["PageArchiver", "helper_worthwhile"]

log = logging.getLogger("mkdocs.plugins.mdgettext")

#: Pages go to the helper in batches of about this many characters: one message per page costs more than
#: the page's compression on small pages.
_BATCH_CHARS = 1 << 21


def _entries(batch: list[tuple[str, str]]) -> list[tuple[str, ArchiveEntry]]:
    """Each page's entry, made from the bytes MkDocs writes for it (``xmlcharrefreplace``, as it does)."""
    return [
        (relative, archive_entry(relative, html.encode("utf-8", errors="xmlcharrefreplace")))
        for relative, html in batch
    ]


def _serve(source: BinaryIO | None = None, sink: BinaryIO | None = None) -> None:
    """The helper's loop: a batch of (path, html) in, its entries out as tuples, until stdin ends."""
    source = source or sys.stdin.buffer
    sink = sink or sys.stdout.buffer
    while (batch := read_frame(source)) is not None:
        entries = _entries(batch)  # type: ignore[arg-type]
        write_frame(sink, [(relative, dataclasses.astuple(entry)) for relative, entry in entries])


class PageArchiver:
    """Collects archive entries of built pages; ``entries()`` hands over what is ready.

    ``background=True`` makes them in one helper process, started when a first full batch is ready;
    otherwise (and for the pages of a site smaller than a batch) at once, in the calling process.
    """

    def __init__(self, *, background: bool) -> None:
        self._background = background
        self._helper: HelperProcess | None = None
        self._batch: list[tuple[str, str]] = []
        self._batch_chars = 0
        self._ready: dict[str, ArchiveEntry] = {}
        self._lock = threading.Lock()

    def add(self, relative: str, html: str) -> None:
        """A page as MkDocs is about to write it to ``relative`` (a path in the site folder), or another
        file's text as the plugin writes it (a search index, the sitemap)."""
        if not self._background:
            self._receive(_entries([(relative, html)]))
            return
        self._batch.append((relative, html))
        self._batch_chars += len(html)
        if self._batch_chars >= _BATCH_CHARS:
            self._send()

    def _receive(self, entries: list[tuple[str, ArchiveEntry]]) -> None:
        with self._lock:
            self._ready.update(entries)

    def _receive_answer(self, answer: object) -> None:
        self._receive([(relative, ArchiveEntry(*fields)) for relative, fields in answer])  # type: ignore[attr-defined]

    def _send(self) -> None:
        batch, self._batch, self._batch_chars = self._batch, [], 0
        if not batch or not self._background:
            return
        if self._helper is None:
            try:
                self._helper = HelperProcess(
                    "mdgettext.archive_helper:_serve", self._receive_answer, name="offline archive"
                )
            except (OSError, TypeError, ValueError) as error:
                # No helper process: this batch is made by build_archive, later pages here as they come.
                log.debug("offline archive: no helper process (%s); pages are compressed here", error)
                self._background = False
                return
        if not self._helper.send(batch):
            self._background = False  # it stopped: build_archive makes this batch, later pages are made here

    def entries(self) -> dict[str, ArchiveEntry]:
        """Every entry made so far; waits for the helper, which then stops (later pages are made here)."""
        leftover, self._batch, self._batch_chars = self._batch, [], 0
        if leftover and self._background:
            # The last pages: here at once (a helper still running is busy; none for a small site).
            self._receive(_entries(leftover))
        if self._helper is not None:
            self._helper.finish()
            self._helper = None
        self._background = False
        with self._lock:
            return dict(self._ready)

    def close(self) -> None:
        """Stop the helper at once and forget every entry."""
        if self._helper is not None:
            self._helper.kill()
            self._helper = None
        self._batch, self._batch_chars, self._ready = [], 0, {}

