"""Run a helper program so that it can neither stall nor outlive the build that started it.

The program runs in its own process group, with a time limit; when it overruns the limit,
or the build fails or is interrupted while it runs, the whole group is killed (SIGKILL)
before the error goes on. On Linux the kernel also kills it the moment the build's process
dies, even by SIGKILL, which no handler sees (`PR_SET_PDEATHSIG`). So a killed build leaves
no program behind still writing into its folders.

It knows nothing of MkDocs.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

PR_SET_PDEATHSIG = 1


class TimedOut(Exception):
    """The program did not finish within its time limit, and was killed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"did not finish within {seconds:g} seconds, and was stopped")
        self.seconds = seconds


def deathsig() -> Callable[[], None] | None:
    """What a child process runs first, to die with its parent (Linux only): before the
    program it starts, or before anything else if it runs none. Called in the parent."""
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        prctl = libc.prctl  # looked up here, not in the child between fork and exec
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def die_with_parent() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the line above
            os._exit(1)

    return die_with_parent


class Stopped(Exception):
    """The programs were no longer wanted, and were killed."""


STOP_POLL = 0.05
"""Seconds between two looks at whether programs run with a `stop` event are still wanted."""


def run_all(
    argvs: Sequence[Sequence[str]],
    timeout: float,
    cwd: Path | None = None,
    stop: threading.Event | None = None,
) -> list[tuple[int, str, str]]:
    """Run every program of `argvs` at once, each to its end, all within one `timeout`:
    (exit status, standard output, standard error) of each, in order. When the limit
    passes, or the build fails or is interrupted while they run, every one still running
    is killed; so is every one still running once `stop` is set, and `Stopped` raised.
    What they print goes to temporary files, so none waits on a full pipe while another
    is waited for."""
    deadline = time.monotonic() + timeout
    started: list[tuple[subprocess.Popen[bytes], IO[bytes], IO[bytes]]] = []
    with contextlib.ExitStack() as files:
        try:
            for argv in argvs:
                out = files.enter_context(tempfile.TemporaryFile())
                err = files.enter_context(tempfile.TemporaryFile())
                process = subprocess.Popen(
                    list(argv),
                    cwd=cwd,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=err,
                    start_new_session=True,
                    preexec_fn=deathsig(),  # resolved before the fork: see deathsig
                )
                started.append((process, out, err))
            for process, _, _ in started:
                _wait(process, deadline, timeout, stop)
            return [(process.returncode, _read(out), _read(err)) for process, out, err in started]
        finally:
            for process, _, _ in started:
                if process.returncode is None:  # timed out, or the build is failing
                    _kill(process)


def _wait(
    process: subprocess.Popen[bytes], deadline: float, timeout: float, stop: threading.Event | None
) -> None:
    """Wait for `process` to end: `TimedOut` past `deadline`, `Stopped` once `stop` is set."""
    while True:
        left = deadline - time.monotonic()
        if stop is not None and stop.is_set():
            raise Stopped()
        try:
            process.wait(timeout=max(0.0, left if stop is None else min(left, STOP_POLL)))
            return
        except subprocess.TimeoutExpired:
            if time.monotonic() >= deadline:
                raise TimedOut(timeout) from None


def _read(file: IO[bytes]) -> str:
    file.seek(0)
    return file.read().decode("utf-8", errors="replace")


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
