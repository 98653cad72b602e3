"""Shared test fixtures: throw-away copies of the project to build and break."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.support import (
    BUILD_DATE_EPOCH,
    REPO_URL,
    PublishedSite,
    browse,
    build,
    copy_project,
    page_opener,
)


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test's build date is the fixed one (SOURCE_DATE_EPOCH), never the clock's:
    which records are due for review depends on it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the site project (config, docs, hooks, overrides, content)."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PublishedSite]:
    """The real project built once as published (with the repository's address) and served,
    for the checks that look at every page type in a browser (axe-core, the keyboard)."""
    project = copy_project(tmp_path_factory.mktemp("published") / "project")
    result = build(
        project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "KATALOG_REPO_URL": REPO_URL}
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    with browse(project / "site") as (base, browser):
        yield PublishedSite(base=base, browser=browser)


@pytest.fixture
def open_page(published_site: PublishedSite) -> Iterator[Callable[..., Page]]:
    """Opens pages of the published site that let the test add its own script or styles:
    the site's content security policy refuses inline ones (tests/test_csp.py checks the
    policy itself). Modules with a site of their own define their own `open_page`."""
    with page_opener(published_site.browser, 15_000) as opener:
        yield functools.partial(opener, bypass_csp=True)
