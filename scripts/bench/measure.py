"""Timing and memory of one command: wall time, and the peak resident memory of its whole process tree.

Peak memory is sampled from ``/proc`` (the sum of VmRSS over the process and all its descendants, every
20 ms), because a parallel build's workers are grandchildren whose memory ``getrusage`` would report only as
the largest single process, not the sum that has to fit in RAM. ``ru_maxrss`` of the child is kept as a floor
(very short commands finish between two samples).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Result", "Sample", "run_once"]


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mib: float
    returncode: int
    output: str = ""


@dataclass
class Result:
    """Several runs of the same command; medians are what the report shows."""

    name: str
    samples: list[Sample] = field(default_factory=list)
    note: str = ""
    #: Exit codes that mean the command did its work (``mdgettext check`` exits 1 when it finds problems).
    accept: tuple[int, ...] = (0,)

    @property
    def ok(self) -> bool:
        return bool(self.samples) and all(sample.returncode in self.accept for sample in self.samples)

    @property
    def seconds(self) -> float:
        return statistics.median(sample.seconds for sample in self.samples) if self.samples else float("nan")

    @property
    def peak_mib(self) -> float:
        return max(sample.peak_mib for sample in self.samples) if self.samples else float("nan")


def _tree_rss_kib(root: int) -> int:
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as stream:
                for line in stream:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as stream:
                    stack.extend(int(child) for child in stream.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError, ValueError):
            continue
    return total


def run_once(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
) -> Sample:
    """Run ``command`` once; its output is kept (trimmed) for the report when it fails."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        cwd=cwd,
        env=dict(env) if env is not None else None,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kib(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        output, _ = process.communicate(timeout=timeout)
        returncode = process.returncode
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        returncode = -9
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return Sample(seconds, peak[0] / 1024, returncode, (output or "")[-2000:])
