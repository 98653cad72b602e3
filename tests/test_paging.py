"""Long listings over several pages (katalog/site/paging.py), on a real build of the real
catalogue with `page_size: 3`: the projects page and a collection page go on over further
pages, each record listed once, every page linked from every other, titles that tell the
pages apart, the same page in each language, later pages left out of the search index; a
small catalogue gets no extra pages; a bad `page_size` and the reserved slug `page` are
refused."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from katalog.records.load import load_catalogue
from katalog.settings import SettingsError, from_config
from tests.support import build, copy_project

PAGE_SIZE = 3


def _set_page_size(project: Path, size: int) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  katalog:\n", f"  katalog:\n    page_size: {size}\n", 1)
    config.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("paging"))
    _set_page_size(project, PAGE_SIZE)
    done = build(project)
    assert done.returncode == 0, done.stdout
    return project / "site"


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def _card_links(soup: BeautifulSoup) -> list[str]:
    return [str(a["href"]) for a in soup.select("[data-kat-static] .kat-cards h2 a[href]")]


def _projects() -> list[str]:
    loaded = load_catalogue(Path(__file__).resolve().parent.parent / "content")
    assert loaded.catalogue is not None
    return sorted(loaded.catalogue.projects)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_projects_page_goes_on_over_pages_each_project_once(site: Path, lang: str) -> None:
    projects = _projects()
    pages = math.ceil(len(projects) / PAGE_SIZE)
    assert pages >= 2
    seen: list[str] = []
    titles = set()
    for number in range(1, pages + 1):
        path = f"{lang}/projects/" + ("" if number == 1 else f"page/{number}/")
        soup = _soup(site, path)
        links = _card_links(soup)
        assert 1 <= len(links) <= PAGE_SIZE
        seen += [link.rstrip("/").rsplit("/", 1)[-1] for link in links]
        nav = soup.select_one("nav.kat-pagination")
        assert nav is not None and nav.get("aria-label")
        numbers = nav.select(".kat-pagination__pages a[aria-label]")
        assert [a.get_text(strip=True) for a in numbers] == [str(n) for n in range(1, pages + 1)]
        current = nav.select("a[aria-current=page]")
        assert [a.get_text(strip=True) for a in current] == [str(number)]
        assert bool(nav.select_one("a[rel=prev]")) == (number > 1)
        assert bool(nav.select_one("a[rel=next]")) == (number < pages)
        for a in nav.select("a[href]"):  # every link leads to a page of the listing
            target = (site / path / str(a["href"])).resolve()
            assert (target / "index.html").is_file(), a["href"]
        first = (number - 1) * PAGE_SIZE + 1
        showing = nav.select_one(".kat-pagination__showing").get_text(" ", strip=True)
        assert re.search(rf"\b{first}\D+{first + len(links) - 1}\D+{len(projects)}\b", showing)
        titles.add(soup.title.get_text(strip=True))
        # The same page in the other language.
        other = "en" if lang == "nb" else "nb"
        switch = soup.select_one(f"a.md-select__link[hreflang={other}]")
        assert switch is not None
        target = (site / path / str(switch["href"])).resolve()
        assert target == (site / path.replace(f"{lang}/", f"{other}/", 1)).resolve()
    assert sorted(seen) == projects and len(seen) == len(set(seen))
    assert len(titles) == pages  # each page's title tells it apart


def test_a_collection_goes_on_over_pages_and_only_its_first_is_searched(site: Path) -> None:
    soup = _soup(site, "nb/organisations/ks")
    projects = soup.select("section[aria-labelledby=kat-projects] h3 a")
    assert 1 <= len(projects) <= PAGE_SIZE
    assert soup.select_one("[data-pagefind-body]") is not None
    later = _soup(site, "nb/organisations/ks/page/2")
    assert later.select_one("nav.kat-pagination a[aria-current=page]").get_text(strip=True) == "2"
    assert later.select_one("[data-pagefind-body]") is None
    assert later.select_one("script[type='application/ld+json']") is None
    assert later.select_one("#kat-programmes") is None  # programmes are on the first page


def test_a_listing_that_fits_on_one_page_has_no_pagination(site: Path) -> None:
    soup = _soup(site, "nb/countries/bg")  # Bulgaria: one programme, no project
    assert soup.select_one("nav.kat-pagination") is None
    assert not (site / "nb/countries/bg/page").exists()
    assert not (site / "nb/themes/page").exists()  # the themes index lists no cards


def test_the_real_catalogue_gets_no_extra_pages_without_the_setting(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    done = build(project)
    assert done.returncode == 0, done.stdout
    site = project / "site"
    assert not list(site.rglob("page/2/index.html"))
    assert _soup(site, "nb/projects").select_one("nav.kat-pagination") is None


@pytest.mark.parametrize("value", [0, -1, "ten", True, 10_001, 2.5])
def test_a_page_size_that_is_not_a_count_is_refused(value: object, tmp_path: Path) -> None:
    config = {"extra": {"katalog": {"page_size": value}}}
    with pytest.raises(SettingsError, match=r"extra\.katalog\.page_size"):
        from_config(config, tmp_path)


def test_page_is_a_reserved_slug(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    projects = project / "content" / "projects"
    original = sorted(projects.glob("*.yml"))[0]
    (projects / "page.yml").write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    loaded = load_catalogue(project / "content")
    reserved = [p for p in loaded.problems if p.code.name == "reserved-slug"]
    assert [p.path for p in reserved] == ["content/projects/page.yml"]
    assert "page" in reserved[0].message
    # The record is a copy of a valid one: only its name is refused.
    assert len(reserved) == len([p for p in loaded.problems if p.severity.name == "ERROR"])
