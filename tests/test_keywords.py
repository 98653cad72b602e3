"""Keywords: other names readers search for find the record, with extra weight, and are
not shown on its page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from tests.support import (
    BUILD_DATE_EPOCH,
    browse,
    build,
    copy_project,
    page_opener,
    search_results,
    settle_search,
)

RECORD = """\
title: {nb: Et prosjekt med mange navn, en: A project of many names}
summary: {nb: Et prosjekt som er kjent under andre navn., en: A project known by other names.}
countries: [NO]
themes: [local-democracy]
keywords: {nb: "Zylofonmidlene, ZFM", en: "Zylophone Grants, ZFM"}
"""
SLUG = "test-many-names"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, Browser]]:
    project = copy_project(tmp_path_factory.mktemp("keywords") / "project")
    (project / "content" / "projects" / f"{SLUG}.yml").write_text(RECORD, encoding="utf-8")
    done = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH})
    assert done.returncode == 0, done.stdout + done.stderr
    with browse(project / "site") as (base, browser):
        yield project / "site", base, browser


@pytest.mark.parametrize(
    ("lang", "query"), [("nb", "Zylofonmidlene"), ("en", "Zylophone"), ("nb", "ZFM")]
)
def test_a_keyword_finds_the_record(site: tuple[Path, str, Browser], lang: str, query: str) -> None:
    _, base, browser = site
    with page_opener(browser, 20_000) as open_page:
        page = open_page()
        page.goto(f"{base}{lang}/search/?q={query}")
        settle_search(page)
        links = search_results(page)
        assert links and links[0].rstrip("/").endswith(f"{lang}/projects/{SLUG}"), links


def test_keywords_are_indexed_but_not_shown(site: tuple[Path, str, Browser]) -> None:
    folder, _, _ = site
    soup = BeautifulSoup((folder / "nb/projects" / SLUG / "index.html").read_text(), "lxml")
    held = soup.select_one("[data-pagefind-body] [data-pagefind-weight]")
    assert held is not None and held.has_attr("hidden")
    assert held.get_text() == "Zylofonmidlene, ZFM"
    shown = soup.select_one("article.kat-record")
    assert shown is not None
    visible = " ".join(
        element.get_text(" ")
        for element in shown.find_all(recursive=False)
        if not element.has_attr("hidden")
    )
    assert "Zylofonmidlene" not in visible
