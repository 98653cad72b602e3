"""The timeline, in a real build of the site with the timeline fixture's records added:
a programme given in years, projects given in months, in days, with an open end and with
no period, and a programme with no period.

The drawing is read as XML (the `<svg>` element of the built page): every bar's x
positions, mapped back to days through the axis's own year ticks, cover exactly the days
the record's period gives at its precision (whole years, whole months, days; an open end
to the build date); each bar links to its record's page and is named by its title and
period in words; the build date is marked; records without a period are listed; the
table says the same as the bars. In Chromium at 390 and 1280 px, every bar link is
reached by the keyboard with a visible focus ring, the page never scrolls sideways, and
the table and the list are there.
"""

from __future__ import annotations

import itertools
import posixpath
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from katalog.records.load import load_catalogue
from katalog.site import timeline as timeline_module
from tests.paths import REPO
from tests.support import BUILD_DATE_EPOCH, browse, build, copy_project, page_opener

FIXTURE = REPO / "tests" / "fixtures" / "sites" / "timeline" / "content"
TODAY = date(2026, 11, 25)
"""The build date of BUILD_DATE_EPOCH."""
SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Expected:
    section: str
    first: date
    last: date
    """The last day the bar covers."""
    precision: str
    open_end: bool = False


EXPECTED = {
    "test-timeline-programme": Expected("programmes", date(2024, 1, 1), date(2027, 12, 31), "year"),
    "test-timeline-months": Expected("projects", date(2025, 3, 1), date(2026, 6, 30), "month"),
    "test-timeline-days": Expected("projects", date(2025, 9, 15), date(2027, 2, 28), "day"),
    "test-timeline-open": Expected("projects", date(2022, 3, 1), TODAY, "month", open_end=True),
    "eea-grants-2014-2021": Expected("programmes", date(2014, 1, 1), date(2021, 12, 31), "year"),
    "polish-municipalities-capacity-building": Expected(
        "projects", date(2019, 1, 1), date(2023, 12, 31), "year"
    ),
}
"""Every record with a period in the built catalogue: the site's own two and the fixture's."""

NAMES = {
    "en": {
        "test-timeline-programme": "Timeline test programme, 2024–2027 (years only)",
        "test-timeline-months": "Test project with months, March 2025 – June 2026",
        "test-timeline-days": "Test project with days, 15 September 2025 – 28 February 2027",
        "test-timeline-open": (
            "Test project without an end date, from March 2022 (no end date stated)"
        ),
    },
    "nb": {
        "test-timeline-programme": "Prøveprogram for tidslinjen, 2024–2027 (bare årstall oppgitt)",
        "test-timeline-months": "Prøveprosjekt med måneder, mars 2025 – juni 2026",
        "test-timeline-days": "Prøveprosjekt med datoer, 15. september 2025 – 28. februar 2027",
        "test-timeline-open": (
            "Prøveprosjekt uten sluttdato, fra mars 2022 (ingen sluttdato oppgitt)"
        ),
    },
}

RECENT = {
    "test-timeline-programme",
    "test-timeline-months",
    "test-timeline-days",
    "test-timeline-open",
}
"""Running on the build date or ended within two years before it (the months project
ended in June 2026); the site's own two ended in 2021 and 2023."""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("timeline") / "project")
    for kind in ("programmes", "projects"):
        for record in sorted((FIXTURE / kind).glob("*.yml")):
            shutil.copy2(record, project / "content" / kind / record.name)
    done = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH})
    assert done.returncode == 0, done.stdout + done.stderr
    return project


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "site"


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def chart(site: Path, path: str) -> etree._Element:
    """The page's timeline drawing, parsed as XML."""
    page = html(site, path)
    start = page.index('<svg class="kat-timeline__chart"')
    end = page.index("</svg>", start) + len("</svg>")
    return etree.fromstring(page[start:end])


def section(site: Path, path: str) -> BeautifulSoup:
    found = BeautifulSoup(html(site, path), "lxml").find("section", class_="kat-timeline")
    assert found is not None, f"{path}: no timeline"
    return found


def bars(svg: etree._Element) -> list[etree._Element]:
    return svg.findall(f".//{SVG}a")


class Axis:
    """Days to x, read from the drawing's own ticks (1 January of their years)."""

    def __init__(self, svg: etree._Element) -> None:
        ticks = [
            (int(line.get("data-year")), float(line.get("x1")))
            for line in svg.iter(f"{SVG}line")
            if line.get("data-year")
        ]
        assert len(ticks) >= 2, "the axis has fewer than two ticks"
        (year0, x0), (year1, x1) = ticks[0], ticks[-1]
        self.origin = date(year0, 1, 1).toordinal()
        self.x0 = x0
        self.scale = (x1 - x0) / (date(year1, 1, 1).toordinal() - self.origin)

    def x(self, day: date) -> float:
        return self.x0 + (day.toordinal() - self.origin) * self.scale


def resolve(page: str, href: str) -> str:
    """A link's target as a site-relative folder."""
    return posixpath.normpath(posixpath.join(page, href)) + "/"


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_bar_covers_its_period_at_the_precision_given(site: Path, lang: str) -> None:
    svg = chart(site, f"{lang}/programmes/")
    axis = Axis(svg)
    drawn = {}
    for link in bars(svg):
        rect = link.find(f"{SVG}rect")
        left, width = float(rect.get("x")), float(rect.get("width"))
        drawn[link.get("data-slug")] = (left, left + width, rect.get("class"))
    assert set(drawn) == set(EXPECTED)
    for slug, expected in EXPECTED.items():
        left, right, classes = drawn[slug]
        assert left == pytest.approx(axis.x(expected.first), abs=0.02), slug
        assert right == pytest.approx(axis.x(expected.last + timedelta(days=1)), abs=0.02), slug
        assert f"kat-timeline__bar--{expected.precision}" in classes.split(), slug


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_bars_link_to_their_records_and_are_named_by_title_and_period(
    site: Path, lang: str
) -> None:
    path = f"{lang}/programmes/"
    for link in bars(chart(site, path)):
        slug = link.get("data-slug")
        target = resolve(path, link.get("href"))
        assert target == f"{lang}/{EXPECTED[slug].section}/{slug}/"
        assert (site / target / "index.html").is_file()
        name = link.get("aria-label")
        assert link.find(f"{SVG}title").text == name
        if slug in NAMES[lang]:
            assert name == NAMES[lang][slug]


def test_an_open_end_has_an_arrow_and_only_it(site: Path) -> None:
    svg = chart(site, "en/programmes/")
    arrows = {link.get("data-slug") for link in bars(svg) if link.find(f"{SVG}polygon") is not None}
    assert arrows == {slug for slug, e in EXPECTED.items() if e.open_end}


@pytest.mark.parametrize(("lang", "label"), [("nb", "i dag"), ("en", "today")])
def test_the_build_date_is_marked(site: Path, lang: str, label: str) -> None:
    svg = chart(site, f"{lang}/programmes/")
    today = svg.find(f".//{SVG}g[@class='kat-timeline__today']")
    line = today.find(f"{SVG}line")
    assert float(line.get("x1")) == pytest.approx(Axis(svg).x(TODAY), abs=0.02)
    assert today.find(f"{SVG}text").text == label


def test_bars_are_grouped_by_programme_the_programme_first(site: Path) -> None:
    svg = chart(site, "en/programmes/")
    groups = [
        (group.get("data-group"), [link.get("data-slug") for link in bars(group)])
        for group in svg.iter(f"{SVG}g")
        if group.get("class") == "kat-timeline__group"
    ]
    assert groups == [
        ("eea-grants-2014-2021", ["eea-grants-2014-2021"]),
        ("polish-local-development-programme", ["polish-municipalities-capacity-building"]),
        (
            "test-timeline-programme",
            ["test-timeline-programme", "test-timeline-months", "test-timeline-days"],
        ),
        ("-", ["test-timeline-open"]),
    ]
    headings = [
        text.text for text in svg.iter(f"{SVG}text") if text.get("class") == "kat-timeline__heading"
    ]
    # A programme without a bar of its own, and the projects without a programme, are headed.
    assert headings == ["Local development programme in Poland", "Without a programme"]


def test_records_without_a_period_are_listed_not_dropped(site: Path, project: Path) -> None:
    result = load_catalogue(project / "content")
    assert result.catalogue is not None
    records = [*result.catalogue.programmes.values(), *result.catalogue.projects.values()]
    undated = {record.title.get("en") for record in records if record.period is None}
    assert {"Test project without a period", "Test programme without a period"} <= undated
    found = section(site, "en/programmes/").find("section", class_="kat-timeline__undated")
    assert found.find("h3").get_text(strip=True) == "No period stated"
    assert {a.get_text(strip=True) for a in found.find_all("a")} == undated
    nb = section(site, "nb/programmes/").find("section", class_="kat-timeline__undated")
    assert nb.find("h3").get_text(strip=True) == "Uten oppgitt periode"


def test_the_table_says_what_the_bars_show(site: Path) -> None:
    path = "en/programmes/"
    svg_order = [link.get("data-slug") for link in bars(chart(site, path))]
    table = section(site, path).find("table")
    headers = [th.get_text(strip=True) for th in table.find("thead").find_all("th")]
    assert headers == ["Programme or project", "Programme", "From", "To"]
    rows = {
        row.get("data-slug"): [
            cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])
        ]
        for row in table.find("tbody").find_all("tr")
    }
    assert list(rows) == svg_order
    assert rows["test-timeline-programme"] == [
        "Timeline test programme",
        "(the programme itself)",
        "2024",
        "2027",
    ]
    assert rows["test-timeline-months"] == [
        "Test project with months",
        "Timeline test programme",
        "March 2025",
        "June 2026",
    ]
    assert rows["test-timeline-days"][2:] == ["15 September 2025", "28 February 2027"]
    assert rows["test-timeline-open"] == [
        "Test project without an end date",
        "No programme",
        "March 2022",
        "no end date stated",
    ]
    links = {row.get("data-slug"): row.find("a").get("href") for row in table.find_all("tr")[1:]}
    for slug, href in links.items():
        assert resolve(path, href) == f"en/{EXPECTED[slug].section}/{slug}/"


def test_a_programme_page_shows_the_programme_and_its_projects(site: Path) -> None:
    path = "nb/programmes/test-timeline-programme/"
    svg = chart(site, path)
    assert [link.get("data-slug") for link in bars(svg)] == [
        "test-timeline-programme",
        "test-timeline-months",
        "test-timeline-days",
    ]
    undated = section(site, path).find("section", class_="kat-timeline__undated")
    assert [a.get_text(strip=True) for a in undated.find_all("a")] == ["Prøveprosjekt uten periode"]


def test_a_programme_without_dated_records_lists_itself_undated(site: Path) -> None:
    path = "en/programmes/test-timeline-undated-programme/"
    found = section(site, path)
    assert found.find("svg") is None
    undated = found.find("section", class_="kat-timeline__undated")
    assert [a.get_text(strip=True) for a in undated.find_all("a")] == [
        "Test programme without a period"
    ]


@pytest.mark.parametrize(
    ("lang", "heading", "date_words"),
    [
        ("nb", "Pågår nå eller nylig avsluttet", "25. november 2026"),
        ("en", "Running now or recently ended", "25 November 2026"),
    ],
)
def test_the_home_page_shows_the_current_and_recent(
    site: Path, lang: str, heading: str, date_words: str
) -> None:
    path = f"{lang}/"
    svg = chart(site, path)
    assert {link.get("data-slug") for link in bars(svg)} == RECENT
    found = section(site, path)
    assert found.find("h2").get_text(strip=True) == heading
    assert date_words in found.find("p").get_text()
    assert found.find("section", class_="kat-timeline__undated") is None
    more = found.find_all("a")[-1]
    assert resolve(path, more.get("href").split("#")[0]) == f"{lang}/programmes/"
    assert more.get("href").endswith("#kat-timeline")


@pytest.mark.parametrize(
    ("years", "step"), [((2019, 2023), 1), ((2010, 2030), 2), ((1990, 2026), 5)]
)
def test_a_long_span_has_a_tick_every_two_or_five_years(years: tuple[int, int], step: int) -> None:
    axis = timeline_module._Axis(*years)
    labelled = [tick.year for tick in axis.ticks("en") if tick.label]
    # The first tick is the axis's first year, which need not be a multiple of the step.
    gaps = {b - a for a, b in itertools.pairwise(labelled[1:])}
    assert gaps == {step}
    first, last = years
    assert labelled[0] == first and labelled[-1] <= last


FOCUS = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  const box = e.getBoundingClientRect();
  return {
    slug: e.getAttribute("data-slug"),
    timeline: e.closest(".kat-timeline") !== null,
    what: e.outerHTML.slice(0, 80),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1,
    inside: box.width > 0 && box.height > 0,
  };
}"""


@pytest.mark.parametrize(("lang", "width"), [("nb", 390), ("en", 1280)])
@pytest.mark.parametrize("path", ["programmes/", ""])
def test_bar_links_are_reached_by_keyboard_and_the_page_never_scrolls_sideways(
    site: Path, lang: str, width: int, path: str
) -> None:
    with browse(site) as (base, browser), page_opener(browser, 15_000) as open_page:
        page = open_page(viewport={"width": width, "height": 900})
        page.goto(f"{base}{lang}/{path}")
        wanted = page.locator(".kat-timeline__link").evaluate_all(
            "links => links.map(a => a.getAttribute('data-slug'))"
        )
        assert wanted, "no bar links"
        reached, stops = [], []
        for _ in range(200):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUS)
            if not focused["timeline"]:
                if stops:
                    break  # past the timeline
                continue
            # The scrolling box, each bar, the table's summary and each link show the focus.
            assert focused["ring"], f"no visible focus on {focused['what']}"
            stops.append(focused["what"])
            if focused["slug"]:
                assert focused["inside"]
                reached.append(focused["slug"])
        assert reached == wanted
        assert any("kat-timeline__scroll" in stop for stop in stops)
        assert any(stop.startswith("<summary") for stop in stops)
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"
        rows = page.locator(".kat-timeline__table tbody tr").count()
        assert rows == len(wanted)
        page.locator(".kat-timeline__details summary").click()
        assert page.locator(".kat-timeline__table").is_visible()
        region = page.locator(".kat-timeline__scroll")
        assert region.get_attribute("aria-label")
        assert region.get_attribute("tabindex") == "0"


def test_a_home_page_with_nothing_current_says_so_and_links_on() -> None:
    """The site's own records all ended before 2024: the home page's timeline says that
    none runs or ended lately, draws nothing, and still links to the whole timeline."""
    from katalog.site.context import BuildContext
    from katalog.site.richtext import Renderer

    result = load_catalogue(REPO / "content")
    assert result.catalogue is not None
    ctx = BuildContext(catalogue=result.catalogue, today=TODAY, render=Renderer())
    view = timeline_module.recent_timeline(ctx, "en")
    assert view is not None
    assert view.groups == () and view.undated == ()
    assert view.intro == (
        "No programme or project with a stated period runs on 25 November 2026 or ended "
        "within the last 2 years."
    )
    assert view.more is not None and view.more.url == "en/programmes/#kat-timeline"


@pytest.mark.parametrize("width", [320, 1280])
def test_axe_finds_nothing_on_the_pages_with_a_timeline(site: Path, width: int) -> None:
    """axe-core's WCAG 2.1 A and AA rules on each page with a timeline of the fixture, in
    both languages (tests/test_axe.py runs them on the site's own pages)."""
    from tests.checkers import AXE, required
    from tests.test_axe import axe

    required(AXE, "axe-core")
    paths = [
        f"{lang}/{path}"
        for lang in ("nb", "en")
        for path in ("", "programmes/", "programmes/test-timeline-programme/")
    ]
    with browse(site) as (base, browser), page_opener(browser, 15_000) as open_page:
        for path in paths:
            page = open_page(viewport={"width": width, "height": 900}, bypass_csp=True)
            page.goto(base + path)
            assert axe(page) == [], path
