"""Python's cyclic garbage collector, held off while a stage makes objects that all live on.

Loading a catalogue and making its page models each make hundreds of thousands of small
objects, none of them garbage, and the collector would walk them all again and again as
they pile up (a third of a load's time at 5,000 records, and 1.4 s of 5 s of page models).
`paused()` holds it off for the stage, then freezes what was made (`gc.freeze`: left out
of later collections, still freed once no longer used), so the first collection afterwards
does not walk it all either, and lets the collector run again as it was. `thawed()` puts
frozen objects back in the collector's care, once what was made for a build is no longer
needed (`mkdocs serve` builds again and again in one process). `released()` then collects
what a finished stage left in the background, and gives the memory it freed back to the
system, so that the programs the build runs next (Pagefind) find it free.

It knows nothing of MkDocs.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector held off for the block; what the block made is then frozen."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def thawed() -> None:
    """What was frozen put back in the collector's care."""
    gc.unfreeze()


def released() -> threading.Thread:
    """Collect every generation now, in a thread of its own (a full collection of a large
    build's objects takes a fifth of a second, which the build need not wait for), then
    give the freed memory back to the system where the C library can (glibc's
    `malloc_trim`: Python's small objects are freed to the allocator, which would keep
    it). The thread, started; the caller may wait for it."""
    thread = threading.Thread(target=_release, name="katalog-release", daemon=True)
    thread.start()
    return thread


def _release() -> None:
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's `malloc_trim`, or None where the C library has none (the process's own
    symbols, the C library's among them)."""
    with contextlib.suppress(OSError, AttributeError, TypeError):
        function: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
        return function
    return None
