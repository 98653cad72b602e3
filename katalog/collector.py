"""Python's cyclic garbage collector, held off while a stage makes objects that all live on.

Loading a catalogue and making its page models each make hundreds of thousands of small
objects, none of them garbage, and the collector would walk them all again and again as
they pile up (a third of a load's time at 5,000 records, and 1.4 s of 5 s of page models).
`paused()` holds it off for the stage, then freezes what was made (`gc.freeze`: left out
of later collections, still freed once no longer used), so the first collection afterwards
does not walk it all either, and lets the collector run again as it was. `thawed()` puts
frozen objects back in the collector's care, once what was made for a build is no longer
needed (`mkdocs serve` builds again and again in one process).

It knows nothing of MkDocs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
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
