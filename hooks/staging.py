"""MkDocs hook: build into a staging folder and put it in place only when the build succeeds.

MkDocs writes pages straight into `site_dir` and, in `--strict` mode, aborts only after
every page is written; any error part-way leaves a half-written site. Here a build first
takes the output folder's lock (a second build in the same checkout waits for it, and
says so), repairs what a killed build left, and writes into a staging folder of its own
beside `site` (`.site.staging-<unique>`), which replaces the real output folder in one
step at the end of a build that succeeded, and is deleted after one that failed
(`katalog.sitefolder`). `mkdocs serve` is staged the same way, beside its own temporary
folder, so the page a reader has open is never half-rebuilt.

While a build runs in the main thread, SIGTERM and SIGINT (Ctrl-C) stop it as an error
would (the staging folder is deleted, Pagefind is killed) instead of ending Python on the
spot; during the swap itself they wait until the swap is done.

Nothing is kept in this module: each build's `Staging` is made in `on_config` and lives
on the "mkdocs" logger for that build, where it counts the warnings that will make a
`--strict` build abort (so the site is not swapped in), and where `on_build_error`,
which MkDocs calls with the error alone, finds it to clean up. Put this hook last: it
moves the site after every other `post_build` step has run.
"""

from __future__ import annotations

import logging
import signal
import threading
from pathlib import Path
from types import FrameType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from katalog.site import preview
from katalog.sitefolder import SiteFolder

log = logging.getLogger("mkdocs.hooks.staging")
LOGGER = logging.getLogger("mkdocs")
FINAL = "katalog_final_site"
"""The folder the site is put in place as, on the config (the search hook reads it)."""
STOPPING = {signal.SIGTERM, signal.SIGINT}
"""The signals that stop a build as an error does, so that it cleans up."""


class Staging(logging.Handler):
    """One build's staging folder, and the warnings logged while it is written."""

    def __init__(self, final: Path) -> None:
        super().__init__(level=logging.WARNING)
        self.final = final
        self.folder = SiteFolder(final)
        self.warnings = 0
        self._handlers: dict[int, Any] = {}

    def emit(self, record: logging.LogRecord) -> None:
        self.warnings += 1

    def start(self) -> Path:
        for stale in current():  # a `mkdocs serve` build that failed before its end
            stale.stop()
        self.folder.lock(_waiting)
        for path in self.folder.recover():
            log.info(f"Cleaned up after a build that was killed: {path.name}")
        LOGGER.addHandler(self)
        if threading.current_thread() is threading.main_thread():
            for signum in STOPPING:
                self._handlers[signum] = signal.signal(signum, _stopped)
        return self.folder.new_staging()

    def stop(self) -> None:
        LOGGER.removeHandler(self)
        for signum, handler in self._handlers.items():
            signal.signal(signum, handler)
        self._handlers = {}
        self.folder.release()

    def discard(self) -> None:
        try:
            self.folder.discard()
        finally:
            self.stop()

    def swap_in(self) -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
        try:
            # a preview's next build waits for the previous site to be deleted, not the page
            self.folder.swap_in(later=preview.serving())
        finally:
            self.stop()  # a signal that came meanwhile then ends the process as usual
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)


def _waiting(lock: Path) -> None:
    log.info(
        f"Another build is writing {lock.parent / lock.name[1:].removesuffix('.lock')}; "
        f"waiting for it to finish (lock: {lock.name})"
    )


def _stopped(signum: int, frame: FrameType | None) -> None:
    raise Abort(f"Stopped by {signal.Signals(signum).name}; the site was not changed")


def current() -> list[Staging]:
    return [handler for handler in LOGGER.handlers if isinstance(handler, Staging)]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    staging = Staging(Path(config.site_dir))
    try:
        config.site_dir = str(staging.start())
        config[FINAL] = str(staging.final)
    except OSError as error:
        staging.stop()
        raise Abort(f"The output folder could not be prepared: {error}") from None
    return config


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    for staging in current():
        if not config.strict or staging.warnings == 0:
            staging.swap_in()
            config.site_dir = str(staging.final)
            log.info(f"Site put in place: {staging.final}")
        # else: MkDocs is about to abort for warnings, and on_build_error cleans up


def on_build_error(error: Exception) -> None:
    for staging in current():
        staging.discard()
