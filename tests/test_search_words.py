"""What a query finds, how a result shows why, and where undated pages go when sorting.

In a real browser against a real build with its Pagefind index (docs/javascripts/
catalogue-search.js). The content is the real catalogue plus a few test records: two with
periods, two without, and one whose title and summary are markup. What each page's text
holds is read from the built HTML, as Pagefind reads it, so the tests follow the content.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from katalog.records.load import load_catalogue
from katalog.records.model import Catalogue
from katalog.site.texts import text
from tests.support import (
    BUILD_DATE_EPOCH,
    browse,
    build,
    copy_project,
    count_text,
    page_opener,
    search_status,
    settle_search,
)
from tests.test_browser import LOCALE, TIMEOUT_MS

GENDER = "georgia-gender-balance-municipal-councils"
HOSTILE = "test-markup-in-the-title"
CARDS = ".kat-search__results .kat-card"
RESULT_LINKS = f"{CARDS} .kat-card__title a"

RECORDS = {
    "projects": {
        HOSTILE: {
            "title": {
                "nb": "Vannverk <img src=x onerror=window.katHostile=1> for <b>alle</b>",
                "en": "Waterworks <img src=x onerror=window.katHostile=1> for <b>all</b>",
            },
            "summary": {
                "nb": "Et vannverk <script>window.katHostile=2</script> for to kommuner.",
                "en": "A waterworks <script>window.katHostile=2</script> for two municipalities.",
            },
            "countries": ["NO"],
            "themes": ["local-democracy"],
            "period": {"start": "2021-06"},
        },
        "test-coastal-water": {
            "title": {"nb": "Rent vann i kystkommuner", "en": "Clean water in coastal towns"},
            "summary": {
                "nb": "Kystkommuner deler erfaringer med vannforsyning.",
                "en": "Coastal towns share experience of water supply.",
            },
            "countries": ["NO"],
            "themes": ["local-democracy"],
            "period": {"start": "2016-03", "end": "2018"},
            "keywords": {"nb": "Kystvannsmidlene", "en": "Coastal Water Grants"},
        },
        "test-network-late": {
            "title": {"nb": "Nytt nettverk for kommuner", "en": "A new network of municipalities"},
            "summary": {
                "nb": "Kommuner bygger et nytt nettverk.",
                "en": "Municipalities build a new network.",
            },
            "countries": ["NO"],
            "themes": ["local-democracy"],
            "period": {"start": "2024-09-15"},
        },
        "test-undated-cooperation": {
            "title": {"nb": "Samarbeid uten periode", "en": "Cooperation without a period"},
            "summary": {"nb": "Et samarbeid uten dato.", "en": "A cooperation without a date."},
            "countries": ["NO"],
            "themes": ["local-democracy"],
        },
    },
    "programmes": {
        "test-undated-programme": {
            "title": {"nb": "Program uten periode", "en": "Programme without a period"},
            "summary": {"nb": "Et program uten dato.", "en": "A programme without a date."},
        },
    },
}


# Many projects that a common word finds, more than one page of results: some with the
# short word "de", some only with words that start with it ("den", "det").
PAGE_SIZE = 20
MANY = 3 * PAGE_SIZE
SAYINGS = (
    "Kommunene deler erfaringer med de andre.",
    "Kommunen lærer av den andre.",
    "Et kommunalt nettverk for det lokale.",
)
for n in range(MANY):
    RECORDS["projects"][f"test-many-{n:02d}"] = {
        "title": {"nb": f"Nettverk {n} for kommuner", "en": f"Network {n} of municipalities"},
        "summary": {"nb": SAYINGS[n % len(SAYINGS)], "en": "Municipalities share experience."},
        "countries": ["NO"],
        "themes": ["local-democracy"],
    }


@dataclass(frozen=True)
class Site:
    base: str
    folder: Path
    browser: Browser
    catalogue: Catalogue

    def url(self, path: str = "") -> str:
        return self.base + path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = copy_project(tmp_path_factory.mktemp("search-words") / "project")
    for section, records in RECORDS.items():
        for slug, record in records.items():
            dumped = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
            (project / "content" / section / f"{slug}.yml").write_text(dumped, encoding="utf-8")
    result = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH})
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    catalogue = load_catalogue(project / "content").catalogue
    assert catalogue is not None
    with browse(project / "site") as (base, browser):
        yield Site(base=base, folder=project / "site", browser=browser, catalogue=catalogue)


@pytest.fixture
def open_page(site: Site) -> Iterator[Callable[..., Page]]:
    with page_opener(site.browser, TIMEOUT_MS) as opener:
        yield opener


# Helpers.


def fold(value: str) -> str:
    """Text as the search compares it: lower case, without diacritics."""
    decomposed = unicodedata.normalize("NFD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words_of(value: str) -> set[str]:
    return {word for word in re.split(r"[\W_]+", fold(value)) if word}


def indexed_texts(site: Site, lang: str) -> dict[str, str]:
    """Each indexed page of `lang` (by its address) with the text Pagefind indexes."""
    return _indexed_texts(site.folder, lang)


@functools.cache
def _indexed_texts(folder: Path, lang: str) -> dict[str, str]:
    texts = {}
    for path in sorted((folder / lang).rglob("index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        bodies = soup.select("[data-pagefind-body]")
        if not bodies:
            continue
        for ignored in soup.select("[data-pagefind-ignore]"):
            ignored.decompose()
        address = "/" + path.parent.relative_to(folder).as_posix() + "/"
        texts[address] = " ".join(body.get_text(" ") for body in bodies)
    return texts


def search(page: Page, site: Site, lang: str, query: str = "", path: str = "search/") -> None:
    address = site.url(f"{lang}/{path}") + (f"?{query}" if query else "")
    response = page.goto(address)
    assert response is not None and response.ok
    settle_search(page)


def every_result(page: Page, site: Site) -> list[str]:
    """The addresses of all results (relative to the site's root), showing more until all are."""
    more = page.locator(".kat-search__more")
    while more.is_visible():
        shown = page.locator(RESULT_LINKS).count()
        more.click()
        expect(page.locator(RESULT_LINKS)).not_to_have_count(shown)
    hrefs: list[str] = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")
    return ["/" + href.removeprefix(site.base) for href in hrefs]


def pagefind_count(page: Page, query: str) -> int:
    """How many pages Pagefind itself returns for `query`, before the page checks them."""
    count: int = page.evaluate(
        """async (query) => {
            const root = document.querySelector("[data-kat-search]");
            const pagefind = await import(new URL(root.dataset.script, document.baseURI).href);
            return (await pagefind.search(query)).results.length;
        }""",
        query,
    )
    return count


# No confident false hits.

# Pagefind alone finds these English words on the Norwegian index by a Norwegian word
# that is the start of them: "to", "en", "dem", "Polen", "de".
HALF_WORDS = ["tools", "energy", "democracy", "police", "development"]


@pytest.mark.parametrize("query", [*HALF_WORDS, "water", "gender"])
def test_an_english_word_finds_nothing_in_the_norwegian_catalogue(
    site: Site, open_page: Callable[..., Page], query: str
) -> None:
    texts = indexed_texts(site, "nb")
    words = set().union(*(words_of(t) for t in texts.values()))
    assert not any(word.startswith(fold(query)) for word in words), "a Norwegian page has it"
    page = open_page(locale=LOCALE["nb"])
    search(page, site, "nb", f"q={query}")
    if query in HALF_WORDS:
        assert pagefind_count(page, query) > 0, f"Pagefind no longer half-matches {query!r}"
    expect(page.locator(CARDS)).to_have_count(0)
    assert search_status(page) == count_text("nb", 0)
    expect(page.locator(".kat-search__none")).to_be_visible()


@pytest.mark.parametrize(
    ("lang", "query", "slug"),
    [
        ("en", "water", HOSTILE),
        ("en", "tools", "ukraine-competence-and-dialogue-tools"),
        ("en", "municipality", "polish-municipalities-capacity-building"),
    ],
)
def test_the_same_words_find_their_records_in_english(
    site: Site, open_page: Callable[..., Page], lang: str, query: str, slug: str
) -> None:
    page = open_page(locale=LOCALE[lang])
    search(page, site, lang, f"q={query}")
    assert f"/{lang}/projects/{slug}/" in every_result(page, site)


@pytest.mark.parametrize("query", ["de", "å"])
def test_a_short_word_finds_the_pages_with_that_word(
    site: Site, open_page: Callable[..., Page], query: str
) -> None:
    texts = indexed_texts(site, "nb")
    expected = {address for address, t in texts.items() if fold(query) in words_of(t)}
    assert expected, f"no Norwegian page has the word {query!r}"
    page = open_page(locale=LOCALE["nb"])
    fragments: list[str] = []
    page.on("request", lambda r: fragments.append(r.url) if ".pf_fragment" in r.url else None)
    search(page, site, "nb", f"q={query}")
    # Looked up as the word alone: only the results shown are loaded.
    assert len(fragments) <= PAGE_SIZE, f"{len(fragments)} fragments for one page of results"
    assert pagefind_count(page, query) > len(expected), "Pagefind no longer matches prefixes"
    assert set(every_result(page, site)) == expected
    assert search_status(page) == count_text("nb", len(expected))
    # Every card shows the word, and only the word itself is marked, not the words that
    # start with it ("den", "det").
    expect(page.locator(f"{CARDS}:not(:has(.kat-card__excerpt mark))")).to_have_count(0)
    marks = page.locator(f"{CARDS} .kat-card__excerpt mark").all_inner_texts()
    assert marks and {"".join(words_of(mark)) for mark in marks} == {fold(query)}
    # The facet counts are those of the results shown.
    count = page.locator(
        "fieldset[data-facet=type] input[value=project] + label .kat-search__count"
    )
    projects = [a for a in expected if a.startswith("/nb/projects/")]
    expect(count).to_have_text(f"({len(projects)})")


def test_a_short_word_among_others_leaves_out_the_pages_without_it(
    site: Site, open_page: Callable[..., Page]
) -> None:
    texts = indexed_texts(site, "nb")
    expected = {
        address
        for address, t in texts.items()
        if "de" in words_of(t) and any(word.startswith("kommun") for word in words_of(t))
    }
    page = open_page(locale=LOCALE["nb"])
    search(page, site, "nb", "q=de+kommunene")
    # Pagefind also finds the pages with "den" and "det": they are neither shown nor counted.
    assert pagefind_count(page, "de kommunene") > len(expected) > PAGE_SIZE
    assert search_status(page) == count_text("nb", len(expected))
    count = page.locator(
        "fieldset[data-facet=type] input[value=project] + label .kat-search__count"
    )
    projects = [a for a in expected if a.startswith("/nb/projects/")]
    expect(count).to_have_text(f"({len(projects)})")
    assert set(every_result(page, site)) == expected


def test_inflections_and_the_start_of_a_word_still_find_their_records(
    site: Site, open_page: Callable[..., Page]
) -> None:
    texts = indexed_texts(site, "nb")
    gender = f"/nb/projects/{GENDER}/"
    page = open_page(locale=LOCALE["nb"])

    # A form of the word that no page has finds the page with the others.
    assert "kommunestyret" not in words_of(" ".join(texts.values()))
    search(page, site, "nb", "q=kommunestyret")
    assert every_result(page, site)[0] == gender

    search(page, site, "nb", "q=kommune")
    kommune = set(every_result(page, site))
    search(page, site, "nb", "q=kommunen")
    assert set(every_result(page, site)) == kommune and gender in kommune and len(kommune) >= 10

    # While typing: three letters are enough.
    ukrainian = {
        f"/nb/projects/{slug}/"
        for slug, p in site.catalogue.projects.items()
        if "UA" in p.countries
    }
    assert ukrainian
    search(page, site, "nb")
    page.locator(".kat-search__input").press_sequentially("Ukr")
    page.wait_for_url(re.compile(r"q=Ukr$"))
    settle_search(page)
    assert ukrainian <= set(every_result(page, site))

    # Keywords, whole and begun.
    for query in ("Kystvannsmidlene", "Kystvann"):
        search(page, site, "nb", f"q={query}")
        assert every_result(page, site) == ["/nb/projects/test-coastal-water/"]


def test_a_common_word_loads_only_the_fragments_of_the_results_shown(
    site: Site, open_page: Callable[..., Page]
) -> None:
    texts = indexed_texts(site, "nb")
    expected = {a for a, t in texts.items() if any(w.startswith("kommun") for w in words_of(t))}
    assert len(expected) > 2 * PAGE_SIZE
    page = open_page(locale=LOCALE["nb"])
    fragments: list[str] = []
    page.on("request", lambda r: fragments.append(r.url) if ".pf_fragment" in r.url else None)
    search(page, site, "nb", "q=kommune")
    # Every result is counted, and the facets count them, but only those shown are loaded.
    assert search_status(page) == count_text("nb", len(expected))
    assert page.locator(CARDS).count() == PAGE_SIZE
    assert len(fragments) <= PAGE_SIZE, f"{len(fragments)} fragments for one page of results"
    count = page.locator(
        "fieldset[data-facet=type] input[value=project] + label .kat-search__count"
    )
    projects = [a for a in expected if a.startswith("/nb/projects/")]
    expect(count).to_have_text(f"({len(projects)})")
    assert set(every_result(page, site)) == expected


# Why a result was found.


def test_a_result_shows_where_the_words_were_found(
    site: Site, open_page: Callable[..., Page]
) -> None:
    page = open_page(locale=LOCALE["nb"])
    search(page, site, "nb", "q=kommunestyrene")
    card = page.locator(CARDS).first
    expect(card.locator(".kat-card__title a")).to_have_attribute("href", re.compile(GENDER))
    excerpt = card.locator("p.kat-card__excerpt")
    expect(excerpt).to_be_visible()
    marks = excerpt.locator("mark").all_inner_texts()
    assert marks and all(fold(mark).startswith("kommunestyre") for mark in marks), marks
    # Text beside the summary, not a second link.
    expect(card.locator("a")).to_have_count(1)
    expect(card.locator(".kat-card__summary")).to_have_text(
        site.catalogue.projects[GENDER].summary.get("nb")
    )

    search(page, site, "nb", "", path="projects/")
    expect(page.locator(f"{CARDS} .kat-card__excerpt")).to_have_count(0)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_markup_in_a_record_is_shown_as_text(
    site: Site, open_page: Callable[..., Page], lang: str
) -> None:
    record = RECORDS["projects"][HOSTILE]
    page = open_page(locale=LOCALE[lang])
    query = {"nb": "vannverk", "en": "waterworks"}[lang]
    search(page, site, lang, f"q={query}")
    card = page.locator(CARDS).filter(has=page.locator(f"a[href*='{HOSTILE}']"))
    expect(card).to_have_count(1)
    expect(card.locator(".kat-card__title a")).to_have_text(record["title"][lang])
    expect(card.locator(".kat-card__summary")).to_have_text(record["summary"][lang])
    excerpt = card.locator(".kat-card__excerpt")
    expect(excerpt).to_contain_text("<script>window.katHostile=2</script>")
    assert [fold(m) for m in excerpt.locator("mark").all_inner_texts()][:1] == [query]
    # Of the record's markup, no element was made, and nothing ran.
    results = page.locator(".kat-search__results")
    expect(results.locator("img, script, b")).to_have_count(0)
    assert excerpt.evaluate("p => [...p.children].every(c => c.tagName === 'MARK')")
    assert page.evaluate("window.katHostile") is None


# Undated pages come last in each order by date, and the page says so.


def starts(site: Site, lang: str) -> dict[str, str]:
    """The first day of each dated record's period, by its address."""
    catalogue = site.catalogue
    found = {}
    for section, records in (
        ("projects", catalogue.projects),
        ("programmes", catalogue.programmes),
    ):
        for slug, record in records.items():
            if record.period:
                found[f"/{lang}/{section}/{slug}/"] = record.period.start.first_day.isoformat()
    return found


@pytest.mark.parametrize(("lang", "path"), [("nb", "projects/"), ("en", "search/")])
def test_undated_pages_come_last_in_either_order_by_date(
    site: Site, open_page: Callable[..., Page], lang: str, path: str
) -> None:
    dated = starts(site, lang)
    page = open_page(locale=LOCALE[lang])
    search(page, site, lang, "sort=title-asc", path=path)
    everything = set(every_result(page, site))
    note = page.locator(".kat-search__sort-note")
    expect(note).to_be_hidden()  # the order by title knows no dates
    assert len(everything & dated.keys()) >= 3 and everything - dated.keys()

    for sort, newest_first in (("start-desc", True), ("start-asc", False)):
        search(page, site, lang, f"sort={sort}" if sort != "start-desc" else "", path=path)
        expect(page.locator(".kat-search__sort")).to_have_value(sort)
        expect(note).to_be_visible()
        expect(note).to_have_text(text(lang, "search.sort.undated"))
        sort_box = page.locator(".kat-search__sort")
        expect(sort_box).to_have_attribute("aria-describedby", note.get_attribute("id") or "")
        shown = every_result(page, site)
        assert set(shown) == everything, f"{sort} left pages out"
        days = [dated.get(address) for address in shown]
        first_undated = days.index(None)
        assert all(day is None for day in days[first_undated:]), (
            f"{sort}: a dated page after an undated one"
        )
        assert days[:first_undated] == sorted(days[:first_undated], reverse=newest_first)  # type: ignore[type-var]

    search(page, site, lang, "q=kommune", path=path)
    expect(page.locator(".kat-search__sort")).to_have_value("relevance")
    expect(note).to_be_hidden()
