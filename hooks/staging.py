"""MkDocs hook: build into a staging folder and put it in place only when the build succeeds.

MkDocs writes pages straight into `site_dir` and, in `--strict` mode, aborts only after
every page is written; any error part-way leaves a half-written site. Here `mkdocs build`
writes into a hidden sibling folder (`.site.staging` beside `site`), which replaces the
real output folder in one rename at the end of a build that succeeded, and is deleted
after one that failed. `mkdocs serve` builds in its own temporary folder and is left alone.

The staging folder is derived from the output folder's name; the only state kept between
events is the command MkDocs was started with and the folder being staged, so that a
failed build can remove it. Put this hook last: it moves the site after every other
`post_build` step has run (it also runs at the lowest priority).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

log = logging.getLogger("mkdocs.hooks.staging")
PREFIX, SUFFIX = ".", ".staging"
_state: dict[str, str] = {}
_strict_counter = CountHandler()
_strict_counter.setLevel(logging.WARNING)


def staging_for(site_dir: Path) -> Path:
    return site_dir.with_name(f"{PREFIX}{site_dir.name}{SUFFIX}")


def final_for(staging: Path) -> Path | None:
    name = staging.name
    if name.startswith(PREFIX) and name.endswith(SUFFIX) and len(name) > len(PREFIX + SUFFIX):
        return staging.with_name(name[len(PREFIX) : -len(SUFFIX)])
    return None


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    _state["command"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _state.get("command") != "serve":
        config.site_dir = str(staging_for(Path(config.site_dir)))
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    staging = Path(config.site_dir)
    if final_for(staging) is not None and staging.exists():
        shutil.rmtree(staging)  # left over from a build that was killed
    _state["staging"] = str(staging)
    _strict_counter.counts.clear()
    if config.strict:
        logging.getLogger("mkdocs").addHandler(_strict_counter)


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    logging.getLogger("mkdocs").removeHandler(_strict_counter)
    staging = Path(config.site_dir)
    final = final_for(staging)
    if final is None or _strict_counter.get_counts():
        return  # serving, or MkDocs is about to abort for warnings: on_build_error cleans up
    old = staging.with_name(f"{PREFIX}{final.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    if old.exists():
        shutil.rmtree(old)
    config.site_dir = str(final)
    log.info(f"Site put in place: {final}")


def on_build_error(error: Exception) -> None:
    logging.getLogger("mkdocs").removeHandler(_strict_counter)
    staging = Path(_state.pop("staging", ""))
    if final_for(staging) is not None and staging.is_dir():
        shutil.rmtree(staging)
