"""The output folder of a build: one build at a time, each in its own staging folder,
and the finished site put in place in one step that a kill cannot leave half done.

Beside the output folder `site/` live, hidden:

- `.site.lock`, locked (`flock`) by the build writing the site for as long as it runs, so a
  second build in the same checkout waits for the first to finish (and says so) instead of
  writing into the same folders; the kernel lets go of the lock when a build dies, however
  it dies, and the file is deleted when a build lets go of it;
- `.site.staging-<unique>`, the folder each build writes into, its own;
- `.site.old`, the previous site, only ever between the two renames of the fallback swap.

The swap exchanges the staging folder and `site/` in one `renameat2(RENAME_EXCHANGE)` on
Linux, so that `site/` always exists and is always a whole site. Where that is not
available (another system, or a file system without it), `site/` is first renamed to
`.site.old` and the staging folder then to `site/`; a build killed between the two leaves
no `site/`, and the next build, whether it succeeds or fails, first moves `.site.old`
back. Each build, once it holds the lock, also deletes the staging folders of builds that
were killed: no other build can be using them.

It knows nothing of MkDocs.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO

STAGING = ".staging-"
OLD = ".old"
LOCK = ".lock"
RENAME_EXCHANGE = 2
AT_FDCWD = -100


def sibling(final: Path, suffix: str) -> Path:
    return final.with_name(f".{final.name}{suffix}")


class SiteFolder:
    """The output folder `final`, held by one build from `lock` to `release`."""

    def __init__(self, final: Path) -> None:
        self.final = final
        self.staging: Path | None = None
        self._lock: IO[bytes] | None = None

    def lock(self, waiting: Callable[[Path], None]) -> None:
        """Take the lock, calling `waiting(lock file)` first if another build holds it.

        The holder deletes the lock file as it lets go, so none is left behind; a build
        that was waiting then holds a lock on a deleted file, and so tries again."""
        path = sibling(self.final, LOCK)
        path.parent.mkdir(parents=True, exist_ok=True)
        told = False
        while True:
            flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC
            try:
                handle = os.fdopen(os.open(path, flags, 0o644), "r+b")
            except OSError as error:
                raise OSError(f"cannot take the build lock {path}: {error}") from None
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not told:
                    waiting(path)
                    told = True
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                same = os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self._lock = handle
                return
            handle.close()

    def release(self) -> None:
        if self._lock is not None:
            sibling(self.final, LOCK).unlink(missing_ok=True)
            self._lock.close()  # closing the file lets go of the lock
            self._lock = None

    def recover(self) -> list[Path]:
        """Undo what killed builds left: the previous site moved aside, staging folders.
        Only with the lock held. Returns what was restored or removed."""
        while _removing:  # a previous site this process is still deleting
            _removing.pop().join()
        done: list[Path] = []
        old = sibling(self.final, OLD)
        if _is_folder(old) and not os.path.lexists(self.final):
            old.rename(self.final)
            done.append(self.final)
        elif os.path.lexists(old):
            remove(old)
            done.append(old)
        for stale in sorted(self.final.parent.glob(f".{self.final.name}{STAGING}*")):
            remove(stale)
            done.append(stale)
        return done

    def new_staging(self) -> Path:
        self.staging = Path(
            tempfile.mkdtemp(prefix=f".{self.final.name}{STAGING}", dir=self.final.parent)
        )
        return self.staging

    def discard(self) -> None:
        if self.staging is not None and os.path.lexists(self.staging):
            remove(self.staging)
        self.staging = None

    def swap_in(self, later: bool = False) -> None:
        """Put the staging folder in place as `final`, and delete the site it replaces:
        `later`, in a thread of its own (the next build in this process waits for it)."""
        staging = self.staging
        if staging is None:
            raise RuntimeError("no staging folder to put in place")
        if not os.path.lexists(self.final):
            staging.rename(self.final)
        elif exchange(staging, self.final):  # the staging folder is now the previous site
            if later:
                _removing.append(threading.Thread(target=remove_quietly, args=(staging,)))
                _removing[-1].start()
            else:
                remove(staging)
        else:
            old = sibling(self.final, OLD)
            if os.path.lexists(old):
                remove(old)
            self.final.rename(old)
            staging.rename(self.final)
            remove(old)
        self.staging = None


def _is_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


REMOVERS = 4
"""Threads that delete a site: deleting is waiting on the disk, file after file, and a
disk (or the kernel) answers several at once sooner."""


_removing: list[threading.Thread] = []
"""The threads deleting previous sites (`swap_in(later=True)`)."""


def remove_quietly(path: Path) -> None:
    """`remove`, whatever fails left as it is (a temporary folder, or what the next build's
    recovery deletes)."""
    with contextlib.suppress(OSError):
        remove(path)


def write_anew(path: Path, data: bytes) -> None:
    """Write `path` as a new file, in one step: a reader gets the old file or the new,
    never part of one, and the file `path` was (a page of the site may be a link to a file
    kept for the next build, `katalog.site.pagecache`) keeps its bytes."""
    fresh = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.new")
    try:
        fresh.write_bytes(data)
        os.replace(fresh, path)
    except BaseException:
        with contextlib.suppress(OSError):
            fresh.unlink()
        raise


def link(source: Path, target: Path) -> None:
    """`target` made a hard link to `source`; a copy where the file system has none (a
    missing `source` raises `FileNotFoundError` either way)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def remove(path: Path) -> None:
    """Delete a folder and all in it; a link or a file is only unlinked, never followed.

    A folder's sub-folders two levels down (a site's `nb/projects/`, `en/projects/` ...)
    are deleted by several threads at once, the rest after them."""
    if not _is_folder(path):
        path.unlink(missing_ok=True)
        return
    parts = [inner for outer in _folders(path) for inner in _folders(outer)]
    if len(parts) > 1:
        with ThreadPoolExecutor(REMOVERS) as pool:
            for done in [pool.submit(shutil.rmtree, part) for part in parts]:
                done.result()
    shutil.rmtree(path)


def _folders(path: Path) -> list[Path]:
    with os.scandir(path) as entries:
        return sorted(Path(entry.path) for entry in entries if entry.is_dir(follow_symlinks=False))


def _renameat2() -> Callable[..., int] | None:
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    result: Callable[..., int] = function
    return result


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step; False where the system or file system cannot."""
    function = _renameat2()
    if function is None:
        return False
    result = function(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))
