"""A helper process beside the build, on the core a sequential ``mkdocs build`` leaves idle (an edge).

MkDocs renders pages on one core; work that does not need MkDocs (compressing the offline archive,
archive_helper.py; translating the languages still to come, ahead.py) can run meanwhile in a second
process. The helper is ``python -I -c`` running one function of this package with the build's own
``sys.path``; both sides talk in ``marshal`` frames (plain strings, bytes, numbers, tuples, lists and dicts,
nothing that runs code when read), fed by one thread and drained by another, so the build never waits on a
pipe. ``multiprocessing`` is not used: its ``spawn`` imports the parent's ``__main__`` again, and a build
script without a ``__main__`` guard would then build the site a second time; ``fork`` copies a process
that may run threads (``mkdocs serve`` does).

Whatever a helper answers is only ever a shortcut: its users check an answer against the input they have
and do the work themselves when it is missing, late or stale, so a helper that cannot start, dies or is
killed changes how long a build takes, never what it makes.
"""

from __future__ import annotations

import contextlib
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

__all__ = ["HelperProcess", "helper_worthwhile", "read_frame", "write_frame"]

log = logging.getLogger("mkdocs.plugins.mdgettext")

_LENGTH = struct.Struct("<Q")


def write_frame(stream: BinaryIO, value: object) -> None:
    data = marshal.dumps(value)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: BinaryIO) -> object | None:
    """The next frame's value; None at the end of the stream (or a frame cut short)."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    data = stream.read(size)
    return marshal.loads(data) if len(data) == size else None


class HelperProcess:
    """One helper process running ``serve`` (``"module:function"`` of this package) and its two threads.

    ``on_answer`` gets each frame the helper writes (in the drain thread); ``on_end`` is called once the
    helper's output ends, however it ends.
    """

    def __init__(
        self,
        serve: str,
        on_answer: Callable[[object], None],
        *,
        name: str,
        on_end: Callable[[], None] | None = None,
    ) -> None:
        if not sys.executable or getattr(sys, "frozen", False):
            raise OSError("no Python interpreter to run a helper with")
        module, function = serve.split(":")
        # -I: no PYTHON* variables, user site or current folder; the path is the build's own, as it is.
        code = f"import sys; sys.path[:] = {sys.path!r}; from {module} import {function}; {function}()"
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.outbox: SimpleQueue[object | None] = SimpleQueue()
        self.on_answer = on_answer
        self.on_end = on_end
        #: Set when the helper stops reading: later frames are not queued (they would only wait in memory).
        self.stopped = threading.Event()
        self.writer = threading.Thread(target=self._feed, name=f"mdgettext-{name}-feed", daemon=True)
        self.reader = threading.Thread(target=self._drain, name=f"mdgettext-{name}-drain", daemon=True)
        self.writer.start()
        self.reader.start()

    def _feed(self) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        try:
            while (frame := self.outbox.get()) is not None:
                write_frame(stdin, frame)
        except (OSError, ValueError) as error:  # the helper is gone: its users do the work themselves
            log.debug("%s: the helper stopped reading (%s)", self.name, error)
        finally:
            self.stopped.set()
            self._let_go()
            with contextlib.suppress(OSError):
                stdin.close()

    def _let_go(self) -> None:
        """Drop frames no one will send (queued before the stop was seen): they only hold memory."""
        while self.outbox.qsize():
            self.outbox.get()

    def _drain(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        try:
            while (answer := read_frame(stdout)) is not None:
                self.on_answer(answer)
        except (OSError, ValueError, TypeError, KeyError, EOFError) as error:
            log.debug("%s: an unreadable answer from the helper (%s)", self.name, error)
        finally:
            stdout.close()
            if self.on_end is not None:
                self.on_end()

    def send(self, frame: object) -> bool:
        """Queue a frame; False once the helper has stopped reading."""
        if self.stopped.is_set():
            return False
        self.outbox.put(frame)
        return True

    def end_input(self) -> None:
        """No more frames: the helper sees the end of its input once the queued ones are written."""
        self.outbox.put(None)

    def finish(self) -> None:
        """Send the end, wait for the last answers and the process."""
        self.end_input()
        self.writer.join()
        self._let_go()
        self.reader.join()
        code = self.process.wait()
        if code:
            log.debug("%s: the helper exited with code %s", self.name, code)

    def kill(self) -> None:
        self.end_input()
        self.process.kill()
        self.process.wait()
        self.writer.join()
        self._let_go()


def helper_worthwhile() -> bool:
    """A helper process pays off only beside an idle core (of those this process may run on)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores > 1
