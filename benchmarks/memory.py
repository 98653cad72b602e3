"""The memory a command needs: the most its processes hold at once, all of them together.

A build is several processes: the one MkDocs runs in, the ones it forks to write pages,
and Pagefind, once for each language, at the same time. The largest resident set of any
one of them (`ru_maxrss`) is not what the machine must have; the sum of what they hold
at the same moment is. `Sampler` reads, every `INTERVAL` seconds, the proportional set
size (PSS: a page shared by several processes, as forked ones share theirs, is counted
once, split between them) of the command and all its descendants from Linux's `/proc`,
and keeps the largest sum. A peak shorter than the interval may be missed, so the figure
is a lower bound; where `/proc` is missing (not Linux), nothing is sampled.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

INTERVAL = 0.1
"""Seconds between samples."""
PROC = Path("/proc")


def available() -> bool:
    """Whether this system's processes can be sampled."""
    return (PROC / "self" / "smaps_rollup").is_file()


def _parents() -> dict[int, int]:
    """Every process's parent, by process id."""
    found: dict[int, int] = {}
    for entry in os.scandir(PROC):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text(encoding="utf-8", errors="replace")
        except OSError:  # ended meanwhile
            continue
        # pid (comm) state ppid ...: the command name may hold spaces and parentheses
        found[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
    return found


def tree(root: int) -> list[int]:
    """`root` and all its descendants now."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    found, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        found.append(pid)
        waiting.extend(children.get(pid, ()))
    return found


def pss(pid: int) -> int:
    """A process's proportional set size in bytes; 0 once it has ended."""
    try:
        with open(PROC / str(pid) / "smaps_rollup", encoding="ascii", errors="replace") as lines:
            for line in lines:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def together(root: int) -> int:
    """What `root` and its descendants hold now, together (bytes)."""
    return sum(pss(pid) for pid in tree(root))


class Sampler:
    """Samples the process tree of `pid` in a thread until `stop`: `peak` is the largest
    sum seen (0 where sampling is not `available`)."""

    def __init__(self, pid: int, interval: float = INTERVAL) -> None:
        self.peak = 0
        self._pid = pid
        self._interval = interval
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        if available():
            self._thread.start()

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, together(self._pid))
            self._done.wait(self._interval)

    def stop(self) -> int:
        """Stop sampling; the peak."""
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()
        return self.peak
