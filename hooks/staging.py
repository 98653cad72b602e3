"""MkDocs hook: build into a staging folder and put it in place only when the build succeeds.

MkDocs writes pages straight into `site_dir` and, in `--strict` mode, aborts only after
every page is written; any error part-way leaves a half-written site. Here a build
writes into a hidden sibling folder (`.site.staging` beside `site`), which replaces the
real output folder in one rename at the end of a build that succeeded, and is deleted
after one that failed. `mkdocs serve` is staged the same way, into its own temporary
folder, so the page a reader has open is never half-rebuilt.

Nothing is kept in this module: each build's `Staging` is made in `on_config` and lives
on the "mkdocs" logger for that build, where it counts the warnings that will make a
`--strict` build abort (so the site is not swapped in), and where `on_build_error`,
which MkDocs calls with the error alone, finds it to clean up. Put this hook last: it
moves the site after every other `post_build` step has run.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.staging")
LOGGER = logging.getLogger("mkdocs")
PREFIX, SUFFIX = ".", ".staging"


def staging_for(site_dir: Path) -> Path:
    return site_dir.with_name(f"{PREFIX}{site_dir.name}{SUFFIX}")


class Staging(logging.Handler):
    """One build's staging folder, and the warnings logged while it is written."""

    def __init__(self, final: Path) -> None:
        super().__init__(level=logging.WARNING)
        self.final = final
        self.folder = staging_for(final)
        self.warnings = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.warnings += 1

    def start(self) -> None:
        for stale in current():  # a build that was killed left its Staging behind
            stale.stop()
        LOGGER.addHandler(self)

    def stop(self) -> None:
        LOGGER.removeHandler(self)

    def discard(self) -> None:
        self.stop()
        if self.folder.is_dir():
            shutil.rmtree(self.folder)

    def swap_in(self) -> None:
        self.stop()
        old = self.folder.with_name(f"{PREFIX}{self.final.name}.old")
        if old.exists():
            shutil.rmtree(old)
        if self.final.exists():
            self.final.rename(old)
        self.folder.rename(self.final)
        if old.exists():
            shutil.rmtree(old)


def current() -> list[Staging]:
    return [handler for handler in LOGGER.handlers if isinstance(handler, Staging)]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    staging = Staging(Path(config.site_dir))
    staging.start()
    config.site_dir = str(staging.folder)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    staging = Path(config.site_dir)
    if staging.name.endswith(SUFFIX) and staging.exists():
        shutil.rmtree(staging)  # left over from a build that was killed


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
