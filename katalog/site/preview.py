"""Whether this process is a live preview (`mkdocs serve`), which builds the site again on
every edit, and what its builds keep from one to the next.

The command is known only once, as the generator starts, while the generator loads its
plugins and hooks anew for every build: so it is kept here, in the core, for the life of
the process.
"""

from __future__ import annotations

from katalog.records.readcache import ReadCache
from katalog.site.pagecache import PageCache

_cache: PageCache | None = None
_read: ReadCache | None = None


def start(serving: bool) -> None:
    """The process builds once (False) or previews, building again on each edit (True)."""
    global _cache, _read
    if not serving and _cache is not None:
        _cache.clear()
    _cache = (_cache or PageCache()) if serving else None
    _read = (_read or ReadCache()) if serving else None


def serving() -> bool:
    return _cache is not None


def cache() -> PageCache | None:
    """The pages kept from the previous build of a preview; None outside one."""
    return _cache


def read_cache() -> ReadCache | None:
    """The record files read by the previous build of a preview; None outside one."""
    return _read
