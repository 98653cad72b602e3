"""Search and faceted browsing in a real browser (docs/javascripts/catalogue-search.js).

One build (with its Pagefind index) and one Chromium for the module, as in test_browser.py:
Debian's Chromium, every page served from localhost, requests anywhere else blocked. What
each search should find is worked out from the catalogue itself (`katalog.records.load`), so the
tests follow the content rather than repeat it.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from katalog.records.load import load_catalogue
from katalog.records.model import Catalogue, Project, call_state
from katalog.site import l10n
from katalog.site.texts import text
from tests.support import (
    BUILD_DATE_EPOCH,
    add_partner_calls,
    browse,
    build,
    copy_project,
    count_text,
    page_opener,
    search_status,
    serve,
    settle_search,
)
from tests.test_browser import (
    LOCALE,
    TIMEOUT_MS,
    html_lang,
    screenshot_folder,
)

GENDER = "georgia-gender-balance-municipal-councils"
RESULT_LINKS = ".kat-search__results .kat-card__title a"
STATIC_LINKS = "[data-kat-static] .kat-card__title a"


@dataclass(frozen=True)
class Site:
    base: str
    """The served site's root URL, ending in /."""
    project: Path
    browser: Browser
    catalogue: Catalogue

    def url(self, path: str = "") -> str:
        return self.base + path

    def projects(self, where: Callable[[Project], bool] = lambda _: True) -> set[str]:
        """Slugs of the projects for which `where` holds."""
        return {slug for slug, project in self.catalogue.projects.items() if where(project)}


# Two records added to the test build's copy of the content, so sorting by title meets
# Bokmål's own order: Ø before Å, both after Z (code points put Å before Ø).
EXTRA_PROJECTS = {
    "nordic-open-municipalities": (
        "Åpne kommuner i Norden",
        "Open municipalities in the Nordic region",
    ),
    "oresund-municipal-cooperation": ("Øresundssamarbeid for kommuner", "Øresund cooperation"),
}


def add_projects(content: Path) -> None:
    for slug, (nb, en) in EXTRA_PROJECTS.items():
        record = {
            "title": {"nb": nb, "en": en},
            "summary": {"nb": f"{nb}: testprosjekt.", "en": f"{en}: a test project."},
            "countries": ["DK", "SE"],
            "themes": ["local-democracy"],
            "partners": [{"organisation": "ks", "role": "lead"}],
        }
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
        (content / "projects" / f"{slug}.yml").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = copy_project(tmp_path_factory.mktemp("search") / "project")
    add_projects(project / "content")
    add_partner_calls(project / "content")
    result = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH})
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    catalogue = load_catalogue(project / "content").catalogue
    assert catalogue is not None
    with browse(project / "site") as (base, browser):
        yield Site(base=base, project=project, browser=browser, catalogue=catalogue)


@pytest.fixture
def open_page(site: Site) -> Iterator[Callable[..., Page]]:
    """Opens a page in a fresh browser context; fails on JavaScript errors; closes them all."""
    with page_opener(site.browser, TIMEOUT_MS) as opener:
        yield opener


# Helpers.


def result_urls(page: Page) -> list[str]:
    urls: list[str] = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")
    return urls


def result_slugs(site: Site, page: Page, lang: str, section: str = "projects") -> list[str]:
    """The slugs of the shown results, which must all be pages of `section` in `lang`."""
    prefix = site.url(f"{lang}/{section}/")
    urls = result_urls(page)
    assert all(url.startswith(prefix) for url in urls), f"not all under {prefix}: {urls}"
    return [url.removeprefix(prefix).strip("/") for url in urls]


def params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def option(page: Page, facet: str, label: str) -> Any:
    """A facet's checkbox, found by its visible label."""
    group = page.locator(f"fieldset[data-facet={facet}]")
    return group.locator(".kat-search__option", has_text=re.compile(rf"^{re.escape(label)}\s"))


def open_search(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok
    settle_search(page)


# 1-2. Queries, in each language's own index.


@pytest.mark.parametrize(
    ("lang", "path", "query"),
    [
        ("nb", "search/", "kommunestyrene"),
        ("en", "search/", "municipal councils"),
        ("nb", "projects/", "kjønnsbalanse"),
        ("en", "projects/", "gender balance"),
    ],
)
def test_a_query_finds_the_record_first(
    site: Site, open_page: Callable[..., Page], lang: str, path: str, query: str
) -> None:
    record = site.catalogue.projects[GENDER]
    words = f"{record.title.get(lang)} {record.summary.get(lang)}".lower()
    assert query in words, f"{query!r} is not in the {lang} text of {GENDER}"

    page = open_page(locale=LOCALE[lang])
    open_search(page, site.url(f"{lang}/{path}?q={query}"))
    expect(page.locator(".kat-search__input")).to_have_value(query)
    urls = result_urls(page)
    assert urls, f"{query!r} found nothing on /{lang}/{path}"
    assert urls[0] == site.url(f"{lang}/projects/{GENDER}/"), urls
    expect(page.locator("[data-kat-static]")).to_be_hidden()
    assert search_status(page) == count_text(lang, len(urls))


def test_a_query_stays_in_the_pages_language(site: Site, open_page: Callable[..., Page]) -> None:
    page = open_page(locale=LOCALE["en"])
    open_search(page, site.url("en/search/?q=kommunestyrene"))  # Norwegian only
    assert html_lang(page) == "en"
    assert result_urls(page) == []
    assert search_status(page) == count_text("en", 0)

    page = open_page(locale=LOCALE["nb"])
    open_search(page, site.url("nb/search/?q=kommune"))
    urls = result_urls(page)
    assert len(urls) >= 5, urls
    assert all(url.startswith(site.url("nb/")) for url in urls), urls


# 3-4, 7. Facets: OR within a facet, AND across facets, counts.


def test_country_filter_shows_exactly_that_countrys_projects(
    site: Site, open_page: Callable[..., Page]
) -> None:
    expected = site.projects(lambda p: "GE" in p.countries)
    assert len(expected) >= 2
    page = open_page(locale=LOCALE["en"])
    open_search(page, site.url("en/projects/"))
    georgia = option(page, "country", "Georgia")
    expect(georgia.locator(".kat-search__count")).to_have_text(f"({len(expected)})")

    # Found as assistive technology finds it: a named search landmark, a group per facet
    # named by its legend, a checkbox named by its label and count, a status line.
    expect(page.get_by_role("search", name=text("en", "section.projects"))).to_have_count(1)
    expect(page.get_by_role("status")).to_have_text(count_text("en", len(site.catalogue.projects)))
    country = page.get_by_role("group", name=text("en", "facet.country"))
    country.get_by_role("checkbox", name=f"Georgia ({len(expected)})").check()
    settle_search(page)
    assert set(result_slugs(site, page, "en")) == expected
    assert search_status(page) == count_text("en", len(expected))
    assert params(page) == {"country": ["ge"]}
    expect(georgia.locator("input")).to_be_checked()
    expect(georgia.locator(".kat-search__count")).to_have_text(f"({len(expected)})")


def test_facets_narrow_across_and_widen_within(site: Site, open_page: Callable[..., Page]) -> None:
    page = open_page(locale=LOCALE["en"])

    both = site.projects(lambda p: "UA" in p.countries and "reconstruction" in p.themes)
    ukraine = site.projects(lambda p: "UA" in p.countries)
    assert both and both < ukraine, "the content no longer shows AND narrowing"
    open_search(page, site.url("en/projects/?country=ua&theme=reconstruction"))
    assert set(result_slugs(site, page, "en")) == both
    assert search_status(page) == count_text("en", len(both))

    either = site.projects(lambda p: bool({"GE", "MD"} & set(p.countries)))
    georgia = site.projects(lambda p: "GE" in p.countries)
    moldova = site.projects(lambda p: "MD" in p.countries)
    assert georgia < either and moldova < either, "the content no longer shows OR widening"
    open_search(page, site.url("en/projects/?country=ge&country=md"))
    assert set(result_slugs(site, page, "en")) == either
    assert search_status(page) == count_text("en", len(either))

    # With Georgia alone chosen, Moldova's count is what choosing it would add (OR),
    # not the Georgian projects that are also Moldovan (AND, which would be 0).
    open_search(page, site.url("en/projects/?country=ge"))
    moldova_option = option(page, "country", "Moldova")
    expect(moldova_option.locator(".kat-search__count")).to_have_text(f"({len(moldova)})")
    expect(moldova_option.locator("input")).to_be_enabled()
    # Other facets count within the chosen country (AND).
    reconstruction = option(page, "theme", "Reconstruction")
    in_georgia = georgia & site.projects(lambda p: "reconstruction" in p.themes)
    expect(reconstruction.locator(".kat-search__count")).to_have_text(f"({len(in_georgia)})")
    if not in_georgia:
        expect(reconstruction.locator("input")).to_be_disabled()


def test_partner_filter_shows_the_projects_seeking_partners(
    site: Site, open_page: Callable[..., Page]
) -> None:
    """Only open calls: the test projects' calls closed by their last day or by the project's
    completion are not counted, nor found."""
    today = l10n.build_date({"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH})

    def seeking_partners(project: Project) -> bool:
        call = project.partner_call
        return call is not None and call_state(call, project.status_on(today), today).is_open

    expected = site.projects(seeking_partners)
    assert expected == {"test-call-open"}
    with_calls = site.projects(lambda p: p.partner_call is not None)
    assert with_calls == expected | {"test-call-closed-by-date", "test-call-closed-by-completion"}
    page = open_page(locale=LOCALE["nb"])
    open_search(page, site.url("nb/projects/"))
    seeking = option(page, "partners", text("nb", "facet.partners.yes"))
    expect(seeking.locator(".kat-search__count")).to_have_text(f"({len(expected)})")
    seeking.locator("input").check()
    settle_search(page)
    assert params(page) == {"partners": ["yes"]}
    assert set(result_slugs(site, page, "nb")) == expected
    assert search_status(page) == count_text("nb", len(expected))


# 5. The address holds the state: reload and Back restore the results.


def test_address_holds_the_state_through_reload_and_back(
    site: Site, open_page: Callable[..., Page]
) -> None:
    page = open_page(locale=LOCALE["nb"])
    open_search(page, site.url("nb/projects/"))
    everything = set(result_slugs(site, page, "nb"))

    option(page, "country", "Georgia").locator("input").check()
    settle_search(page)
    georgian = set(result_slugs(site, page, "nb"))
    assert georgian == site.projects(lambda p: "GE" in p.countries)

    page.locator(".kat-search__input").fill("kjønnsbalanse")
    page.wait_for_url(re.compile(r"[?&]q="))
    settle_search(page)
    assert params(page) == {"q": ["kjønnsbalanse"], "country": ["ge"]}
    assert result_slugs(site, page, "nb") == [GENDER]

    page.reload()
    settle_search(page)
    assert params(page) == {"q": ["kjønnsbalanse"], "country": ["ge"]}
    assert result_slugs(site, page, "nb") == [GENDER]
    expect(page.locator(".kat-search__input")).to_have_value("kjønnsbalanse")
    expect(option(page, "country", "Georgia").locator("input")).to_be_checked()

    page.go_back()
    page.wait_for_url(lambda url: "q=" not in url)
    settle_search(page)
    assert params(page) == {"country": ["ge"]}
    assert set(result_slugs(site, page, "nb")) == georgian
    expect(page.locator(".kat-search__input")).to_have_value("")

    page.go_back()
    page.wait_for_url(site.url("nb/projects/"))
    settle_search(page)
    assert set(result_slugs(site, page, "nb")) == everything
    expect(option(page, "country", "Georgia").locator("input")).not_to_be_checked()

    page.go_forward()
    page.wait_for_url(re.compile(r"\?country=ge$"))
    settle_search(page)
    assert set(result_slugs(site, page, "nb")) == georgian


# 6. Keyboard only.


def tab_to(page: Page, selector: str, limit: int = 80) -> int:
    """Presses Tab until `selector` has the focus; returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    pytest.fail(f"{limit} presses of Tab never reached {selector}")


def focus_is_visible(page: Page) -> bool:
    visible: bool = page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
        }"""
    )
    return visible


def test_keyboard_alone_searches_and_filters(site: Site, open_page: Callable[..., Page]) -> None:
    total = len(site.catalogue.projects)
    georgian = site.projects(lambda p: "GE" in p.countries)
    page = open_page(locale=LOCALE["nb"])
    open_search(page, site.url("nb/projects/"))
    assert search_status(page) == count_text("nb", total)

    tab_to(page, ".kat-search__input")
    assert focus_is_visible(page)
    page.keyboard.type("kommunestyrene")
    page.wait_for_url(re.compile(r"q=kommunestyrene"))
    settle_search(page)
    assert result_slugs(site, page, "nb") == [GENDER]
    assert search_status(page) == count_text("nb", 1)

    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Backspace")
    page.wait_for_url(site.url("nb/projects/"))
    settle_search(page)
    assert search_status(page) == count_text("nb", total)

    presses = tab_to(page, "fieldset[data-facet=country] input[value=ge]")
    # The query box, its button and the link past the filters come first.
    assert presses <= 5, "the facets should follow the query box in the tab order"
    assert focus_is_visible(page)
    page.keyboard.press("Space")
    expect(page.locator("fieldset[data-facet=country] input[value=ge]")).to_be_checked()
    settle_search(page)
    assert set(result_slugs(site, page, "nb")) == georgian
    assert search_status(page) == count_text("nb", len(georgian))
    assert params(page) == {"country": ["ge"]}

    page.keyboard.press("Space")
    settle_search(page)
    assert search_status(page) == count_text("nb", total)
    assert page.evaluate("document.activeElement.matches('input[value=ge]')")

    # On through the remaining controls to the results: no trap on the way.
    tab_to(page, ".kat-search__sort", limit=120)
    tab_to(page, RESULT_LINKS, limit=10)


# 8. Browsing without a query, and sorting.


def test_browsing_lists_every_project_newest_first_and_sorts_by_title(
    site: Site, open_page: Callable[..., Page]
) -> None:
    projects = site.catalogue.projects
    page = open_page(locale=LOCALE["nb"])
    open_search(page, site.url("nb/projects/"))
    slugs = result_slugs(site, page, "nb")
    assert sorted(slugs) == sorted(projects)
    assert search_status(page) == count_text("nb", len(projects))
    expect(page.locator(".kat-search__sort")).to_have_value("start-desc")
    starts = [
        projects[slug].period.start.first_day if projects[slug].period else None for slug in slugs
    ]
    dated = [start for start in starts if start is not None]
    assert dated == sorted(dated, reverse=True), "dated projects are not newest first"
    assert starts[: len(dated)] == dated, "projects without a period should come last"
    undated = [projects[slug].title.get("nb") for slug in slugs[len(dated) :]]
    assert undated == sorted(undated, key=lambda title: l10n.collation_key(title, "nb"))

    page.locator(".kat-search__sort").select_option("start-asc")
    settle_search(page)
    oldest = [projects[slug].period for slug in result_slugs(site, page, "nb")]
    firsts = [period.start.first_day for period in oldest if period is not None]
    assert firsts == sorted(firsts), "dated projects are not oldest first"
    assert oldest[: len(firsts)] == [p for p in oldest if p is not None], "undated come last"

    page.locator(".kat-search__sort").select_option("title-asc")
    settle_search(page)
    assert params(page) == {"sort": ["title-asc"]}
    titles = page.locator(RESULT_LINKS).all_inner_texts()
    expected = sorted(
        (project.title.get("nb") for project in projects.values()),
        key=lambda title: l10n.collation_key(title, "nb"),
    )
    assert titles == expected
    # Bokmål order, not code points: Ø before Å, both after the titles in a to z.
    nordic = [title for title in titles if title[0] in "ØÅ"]
    assert nordic == [title for title, _ in EXTRA_PROJECTS.values()][::-1]
    assert titles[-2:] == nordic


def test_every_sort_is_offered_and_title_sort_covers_every_kind_of_page(
    site: Site, open_page: Callable[..., Page]
) -> None:
    """Every indexed page carries every sort key, so no sort drops pages."""
    page = open_page(locale=LOCALE["en"])
    open_search(page, site.url("en/search/"))
    sort = page.locator(".kat-search__sort option")
    assert sort.evaluate_all("options => options.map(o => o.value)") == [
        "start-desc",
        "start-asc",
        "title-asc",
    ]
    total = search_status(page)
    page.locator(".kat-search__input").fill("municipal")
    page.wait_for_url(re.compile(r"q=municipal"))
    settle_search(page)
    assert sort.evaluate_all("options => options.map(o => o.value)")[0] == "relevance"
    expect(page.locator(".kat-search__sort")).to_have_value("relevance")

    open_search(page, site.url("en/search/?sort=title-asc"))
    expect(page.locator(".kat-search__sort")).to_have_value("title-asc")
    assert search_status(page) == total, "sorting by title left pages out"
    catalogue = site.catalogue
    countries = {
        code
        for r in [*catalogue.projects.values(), *catalogue.programmes.values()]
        for code in r.countries
    }
    titles = sorted(
        [
            *(r.title.get("en") for r in catalogue.projects.values()),
            *(r.title.get("en") for r in catalogue.programmes.values()),
            *(l10n.country_name(code, "en") for code in countries),
            *(t.label.get("en") for t in catalogue.themes.values()),
            *(o.name.get("en") for o in catalogue.organisations.values()),
        ],
        key=lambda title: l10n.collation_key(title, "en"),
    )
    shown = page.locator(RESULT_LINKS).all_inner_texts()
    assert shown == titles[: len(shown)] and len(shown) >= 20


# 9. Without JavaScript, and when Pagefind cannot load.


def test_without_javascript_every_project_is_listed(
    site: Site, open_page: Callable[..., Page]
) -> None:
    page = open_page(java_script_enabled=False, locale=LOCALE["nb"])
    response = page.goto(site.url("nb/projects/"))
    assert response is not None and response.ok
    links = page.locator(STATIC_LINKS)
    expect(links).to_have_count(len(site.catalogue.projects))
    expect(links.first).to_be_visible()
    titles = {project.title.get("nb") for project in site.catalogue.projects.values()}
    assert set(links.all_inner_texts()) == titles
    expect(page.locator(".kat-search__input")).to_have_count(0)
    expect(page.locator("fieldset")).to_have_count(0)


def test_the_static_list_stays_when_pagefind_fails(
    site: Site, open_page: Callable[..., Page]
) -> None:
    page = open_page(locale=LOCALE["nb"])
    page.route("**/pagefind/pagefind.js", lambda route: route.abort())
    page.goto(site.url("nb/projects/"))
    expect(page.locator(".kat-search__status")).to_have_text(text("nb", "search.failed"))
    expect(page.locator(STATIC_LINKS)).to_have_count(len(site.catalogue.projects))
    expect(page.locator("[data-kat-static]")).to_be_visible()
    expect(page.locator(".kat-search__input")).to_have_count(0)


# 10. The header's search box.


def test_header_search_submits_to_the_search_page(
    site: Site, open_page: Callable[..., Page]
) -> None:
    page = open_page(locale=LOCALE["en"])
    page.goto(site.url("en/projects/polish-municipalities-capacity-building/"))
    page.locator("#kat-header-q").fill("municipal councils")
    page.locator("#kat-header-q").press("Enter")
    page.wait_for_url(site.url("en/search/?q=municipal+councils"))
    settle_search(page)
    expect(page.locator(".kat-search__input")).to_have_value("municipal councils")
    urls = result_urls(page)
    assert urls and urls[0] == site.url(f"en/projects/{GENDER}/")
    assert search_status(page) == count_text("en", len(urls))


# Paging, a site under a sub-path, and how it looks.


def test_show_more_pages_through_results(site: Site, open_page: Callable[..., Page]) -> None:
    catalogue = site.catalogue
    records = [*catalogue.projects.values(), *catalogue.programmes.values()]
    countries = {code for record in records for code in record.countries}
    pages = (
        len(catalogue.projects)
        + len(catalogue.programmes)
        + len(countries)
        + len(catalogue.themes)
        + len(catalogue.organisations)
    )
    assert pages > 40
    page = open_page(locale=LOCALE["nb"])
    open_search(page, site.url("nb/search/"))
    assert search_status(page) == count_text("nb", pages)
    expect(page.locator(RESULT_LINKS)).to_have_count(20)
    more = page.locator(".kat-search__more")
    more.focus()
    page.keyboard.press("Enter")
    expect(page.locator(RESULT_LINKS)).to_have_count(40)
    expect(page.locator(RESULT_LINKS).nth(20)).to_be_focused()
    shown = 40
    while shown < pages:
        more.click()
        shown = min(shown + 20, pages)
        expect(page.locator(RESULT_LINKS)).to_have_count(shown)
    expect(more).to_be_hidden()
    assert len(set(result_urls(page))) == pages


def test_result_links_work_under_a_sub_path(
    site: Site, open_page: Callable[..., Page], tmp_path: Path
) -> None:
    (tmp_path / "sub").symlink_to(site.project / "site", target_is_directory=True)
    with serve(tmp_path) as base:
        page = open_page(locale=LOCALE["en"])
        open_search(page, base + "sub/en/projects/?country=ge")
        urls = result_urls(page)
        assert urls and all(url.startswith(base + "sub/en/projects/") for url in urls), urls
        for url in urls:
            assert page.request.get(url).ok, f"{url} is not a page of the site"
        page.locator(RESULT_LINKS).first.click()
        page.wait_for_url(urls[0])
        assert html_lang(page) == "en"
        expect(page.locator("h1")).to_be_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_filtered_projects_fit_the_window(
    site: Site, open_page: Callable[..., Page], tmp_path: Path, width: int
) -> None:
    page = open_page(viewport={"width": width, "height": 900}, locale=LOCALE["nb"])
    open_search(page, site.url("nb/projects/?country=ge&country=md"))
    filters = page.locator("details.kat-search__filters")
    if width < 960:
        expect(filters).not_to_have_attribute("open", "")  # folded away on a phone
        filters.locator("summary").click()
    expect(option(page, "country", "Georgia").locator("input")).to_be_visible()
    wide = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert wide[0] <= wide[1], f"the page is {wide[0]}px wide in a {width}px window"
    shot = screenshot_folder(tmp_path) / f"projects-filtered-nb-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    shot_width = struct.unpack(">I", shot.read_bytes()[16:20])[0]
    assert shot_width == width


# The language switch, the address's mistakes, a way past the filters, and no results.


def switch_targets(page: Page, lang: str) -> list[str]:
    """Where the breadcrumbs' switch and the header's selector lead for `lang`, resolved."""
    links = page.locator(f"a.kat-switch[hreflang={lang}], a.md-select__link[hreflang={lang}]")
    expect(links).to_have_count(2)
    targets: list[str] = links.evaluate_all("links => links.map(a => a.href)")
    return targets


def test_the_language_switch_keeps_the_query_and_filters(
    site: Site, open_page: Callable[..., Page]
) -> None:
    page = open_page(locale=LOCALE["en"])
    open_search(page, site.url("en/projects/?country=ge"))
    assert switch_targets(page, "nb") == [site.url("nb/projects/?country=ge")] * 2

    # It follows later changes: a filter ticked, then Back.
    option(page, "country", "Moldova").locator("input").check()
    settle_search(page)
    assert switch_targets(page, "nb") == [site.url("nb/projects/?country=ge&country=md")] * 2
    page.go_back()
    page.wait_for_url(re.compile(r"\?country=ge$"))
    settle_search(page)
    assert switch_targets(page, "nb") == [site.url("nb/projects/?country=ge")] * 2

    page.locator("a.kat-switch[hreflang=nb]").click()
    page.wait_for_url(site.url("nb/projects/?country=ge"))
    settle_search(page)
    assert html_lang(page) == "nb"
    expect(option(page, "country", "Georgia").locator("input")).to_be_checked()

    page = open_page(locale=LOCALE["nb"])
    open_search(page, site.url("nb/search/?q=Polen"))
    assert switch_targets(page, "en") == [site.url("en/search/?q=Polen")] * 2

    # Without JavaScript they are plain links to the other language's page.
    page = open_page(java_script_enabled=False, locale=LOCALE["en"])
    page.goto(site.url("en/projects/?country=ge"))
    assert switch_targets(page, "nb") == [site.url("nb/projects/")] * 2


def notice(page: Page) -> str:
    return page.locator(".kat-search__notice").inner_text().strip()


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_what_the_address_gets_wrong_is_said_and_the_rest_applied(
    site: Site, open_page: Callable[..., Page], lang: str
) -> None:
    georgian = site.projects(lambda p: "GE" in p.countries)
    page = open_page(locale=LOCALE[lang])
    wrong = "status=ongoing&country=XX&sort=unknown&type=nonsense"
    open_search(page, site.url(f"{lang}/projects/?country=GE&{wrong}"))
    # Country codes in either case; the rest applied.
    assert set(result_slugs(site, page, lang)) == georgian
    assert search_status(page) == count_text(lang, len(georgian))
    expect(option(page, "country", l10n.country_name("GE", lang)).locator("input")).to_be_checked()
    parts = ["status=ongoing", "country=XX", "sort=unknown", "type=nonsense"]
    listed = {"en": ", ".join(parts[:-1]) + ", and " + parts[-1]}
    listed["nb"] = ", ".join(parts[:-1]) + " og " + parts[-1]
    assert notice(page) == text(lang, "search.unknown", parts=listed[lang])
    assert page.locator(".kat-search__notice").get_attribute("aria-live") == "polite"

    # What the page's own filter asks for again is no mistake; the address as the reader
    # changes it holds only what was understood, and the notice goes.
    open_search(page, site.url(f"{lang}/projects/?type=project&country=ge&year=abc"))
    assert notice(page) == text(lang, "search.unknown", parts="year=abc")
    option(page, "country", l10n.country_name("MD", lang)).locator("input").check()
    settle_search(page)
    assert params(page) == {"country": ["ge", "md"]}
    assert notice(page) == ""

    open_search(page, site.url(f"{lang}/search/?q=kommune&country=ge"))
    assert notice(page) == ""


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_keyboard_reader_can_skip_the_filters(
    site: Site, open_page: Callable[..., Page], lang: str
) -> None:
    page = open_page(locale=LOCALE[lang])
    open_search(page, site.url(f"{lang}/projects/"))
    skip = page.locator("a.kat-search__skip")
    expect(skip).to_have_text(text(lang, "search.skip"))
    assert skip.bounding_box() is None or skip.bounding_box()["width"] <= 1  # type: ignore[index]

    page.locator(".kat-search__input").focus()
    presses = tab_to(page, "a.kat-search__skip", limit=5)
    assert presses <= 3, "the skip link should come right after the query box"
    box = skip.bounding_box()
    assert box is not None and box["width"] > 20 and box["height"] > 10, "not visible on focus"
    assert focus_is_visible(page)

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.matches('.kat-search__results')")
    assert focus_is_visible(page)
    assert page.url == site.url(f"{lang}/projects/")
    expect(page.get_by_role("list", name=search_status(page))).to_be_focused()
    # The next Tab goes to the first result.
    page.keyboard.press("Tab")
    assert page.evaluate(f"document.activeElement.matches({RESULT_LINKS!r})")


@pytest.mark.parametrize(("lang", "other"), [("en", "nb"), ("nb", "en")])
def test_no_results_offer_clearing_the_filters_and_the_other_language(
    site: Site, open_page: Callable[..., Page], lang: str, other: str
) -> None:
    # The Danish test records are about local democracy, and no Danish project rebuilds.
    assert not site.projects(lambda p: "DK" in p.countries and "reconstruction" in p.themes)
    page = open_page(locale=LOCALE[lang])
    query = "country=dk&theme=reconstruction"
    open_search(page, site.url(f"{lang}/projects/?{query}"))
    none = page.locator(".kat-search__none")
    assert result_urls(page) == []
    assert search_status(page) == count_text(lang, 0)
    expect(none).to_be_visible()
    expect(none).to_contain_text(text(lang, "search.none.hint"))
    elsewhere = none.locator(f"a[hreflang={other}]")
    label = text(lang, "search.none.elsewhere", language=text(lang, f"language.{other}"))
    expect(elsewhere).to_have_text(label)
    assert elsewhere.evaluate("a => a.href") == site.url(f"{other}/search/?{query}")

    # Clearing the filters keeps the words and the order.
    open_search(page, site.url(f"{lang}/projects/?q=zzzxq&{query}&sort=title-asc"))
    assert elsewhere.evaluate("a => a.href") == site.url(
        f"{other}/search/?q=zzzxq&{query}&sort=title-asc"
    )
    clear = none.get_by_role("button", name=text(lang, "search.none.clear"))
    clear.click()
    settle_search(page)
    assert params(page) == {"q": ["zzzxq"], "sort": ["title-asc"]}
    expect(page.locator(".kat-search__input")).to_have_value("zzzxq")
    # Words alone that find nothing: no filters to clear, the other language still offered.
    expect(none).to_be_visible()
    expect(clear).to_be_hidden()
    assert elsewhere.evaluate("a => a.href") == site.url(f"{other}/search/?q=zzzxq&sort=title-asc")

    page.get_by_role("button", name=text(lang, "search.clear")).click()
    settle_search(page)
    assert len(result_urls(page)) > 0
    expect(none).to_be_hidden()
