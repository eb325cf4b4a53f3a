"""Offline-archive entries made while MkDocs is still rendering pages (an edge: it runs a helper process).

The archive (:mod:`mdgettext.archive`) is written after the last language's build. At that point, on the
1,100-page site, rewriting and deflating 150 MB of HTML took about 2.5 s, after everything else and mostly on
one core. A page's final HTML is known at ``on_post_page``, so its entry is made there instead: in a helper
process on the core a sequential ``mkdocs build`` leaves idle, or in the build process itself where every
core already builds (``mdgettext build``'s workers). ``build_archive`` uses an entry only if the file on disk
still has the bytes it was made from, so a failed helper or a plugin that rewrites pages later changes how
long the archive takes, never what it holds.

The helper is ``python -I -c`` running :func:`_serve` with the build's own ``sys.path``, fed batches of
pages on its stdin (``marshal`` frames: plain strings, bytes and ints, nothing that runs code when read).
``multiprocessing`` is not used: its ``spawn`` imports the parent's ``__main__`` again, and a build script
without a ``__main__`` guard would then build the site a second time; ``fork`` copies a process that may
run threads. A site smaller than one batch never starts a helper (its pages are compressed at the end, in
this process); if the helper cannot start or stops, the pages it did not answer are made by
``build_archive`` and later pages in this process as they come.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import marshal
import os
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from queue import SimpleQueue
from typing import BinaryIO

from .archive import ArchiveEntry, archive_entry

__all__ = ["PageArchiver", "helper_worthwhile"]

log = logging.getLogger("mkdocs.plugins.mdgettext")

#: Pages go to the helper in batches of about this many characters: one message per page costs more than
#: the page's compression on small pages.
_BATCH_CHARS = 1 << 21
_LENGTH = struct.Struct("<Q")


def _entries(batch: list[tuple[str, str]]) -> list[tuple[str, ArchiveEntry]]:
    """Each page's entry, made from the bytes MkDocs writes for it (``xmlcharrefreplace``, as it does)."""
    return [
        (relative, archive_entry(relative, html.encode("utf-8", errors="xmlcharrefreplace")))
        for relative, html in batch
    ]


def _write_frame(stream: BinaryIO, value: object) -> None:
    data = marshal.dumps(value)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def _read_frame(stream: BinaryIO) -> object | None:
    """The next frame's value; None at the end of the stream (or a frame cut short)."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    data = stream.read(size)
    return marshal.loads(data) if len(data) == size else None


def _serve(source: BinaryIO | None = None, sink: BinaryIO | None = None) -> None:
    """The helper's loop: a batch of (path, html) in, its entries out as tuples, until stdin ends."""
    source = source or sys.stdin.buffer
    sink = sink or sys.stdout.buffer
    while (batch := _read_frame(source)) is not None:
        entries = _entries(batch)  # type: ignore[arg-type]
        _write_frame(sink, [(relative, dataclasses.astuple(entry)) for relative, entry in entries])


class _Helper:
    """The helper process and the two threads that feed it and drain it (the build never waits on a pipe)."""

    def __init__(self, on_entries: Callable[[list[tuple[str, ArchiveEntry]]], None]) -> None:
        if not sys.executable or getattr(sys, "frozen", False):
            raise OSError("no Python interpreter to run a helper with")
        # -I: no PYTHON* variables, user site or current folder; the path is the build's own, as it is.
        code = (
            f"import sys; sys.path[:] = {sys.path!r}; "
            "from mdgettext.archive_helper import _serve; _serve()"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.outbox: SimpleQueue[list[tuple[str, str]] | None] = SimpleQueue()
        self.on_entries = on_entries
        #: Set when the helper stops reading: later batches are not queued (they would only wait in memory).
        self.stopped = threading.Event()
        self.writer = threading.Thread(target=self._feed, name="mdgettext-archive-feed", daemon=True)
        self.reader = threading.Thread(target=self._drain, name="mdgettext-archive-drain", daemon=True)
        self.writer.start()
        self.reader.start()

    def _feed(self) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        try:
            while (batch := self.outbox.get()) is not None:
                _write_frame(stdin, batch)
        except (OSError, ValueError) as error:  # the helper is gone: build_archive makes what it left
            log.debug("offline archive: the helper stopped reading (%s)", error)
        finally:
            self.stopped.set()
            self._let_go()
            with contextlib.suppress(OSError):
                stdin.close()

    def _let_go(self) -> None:
        """Drop batches no one will send (queued before the stop was seen): they only hold memory."""
        while self.outbox.qsize():
            self.outbox.get()

    def _drain(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        try:
            while (answer := _read_frame(stdout)) is not None:
                self.on_entries([(relative, ArchiveEntry(*fields)) for relative, fields in answer])  # type: ignore[union-attr]
        except (OSError, ValueError, TypeError, EOFError) as error:
            log.debug("offline archive: an unreadable answer from the helper (%s)", error)
        finally:
            stdout.close()

    def send(self, batch: list[tuple[str, str]]) -> bool:
        """Queue a batch; False once the helper has stopped reading."""
        if self.stopped.is_set():
            return False
        self.outbox.put(batch)
        return True

    def finish(self) -> None:
        """Send the end, wait for the last answers and the process."""
        self.outbox.put(None)
        self.writer.join()
        self._let_go()
        self.reader.join()
        code = self.process.wait()
        if code:
            log.debug("offline archive: the helper exited with code %s", code)

    def kill(self) -> None:
        self.outbox.put(None)
        self.process.kill()
        self.process.wait()
        self.writer.join()
        self._let_go()


class PageArchiver:
    """Collects archive entries of built pages; ``entries()`` hands over what is ready.

    ``background=True`` makes them in one helper process, started when a first full batch is ready;
    otherwise (and for the pages of a site smaller than a batch) at once, in the calling process.
    """

    def __init__(self, *, background: bool) -> None:
        self._background = background
        self._helper: _Helper | None = None
        self._batch: list[tuple[str, str]] = []
        self._batch_chars = 0
        self._ready: dict[str, ArchiveEntry] = {}
        self._lock = threading.Lock()

    def add(self, relative: str, html: str) -> None:
        """A page as MkDocs is about to write it to ``relative`` (a path in the site folder)."""
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

    def _send(self) -> None:
        batch, self._batch, self._batch_chars = self._batch, [], 0
        if not batch or not self._background:
            return
        if self._helper is None:
            try:
                self._helper = _Helper(self._receive)
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


def helper_worthwhile() -> bool:
    """A helper process pays off only beside an idle core (of those this process may run on)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores > 1
