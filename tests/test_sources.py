"""Sources and how current the information is: the record format, the review warnings,
what record pages, the data page and the lists of windows opening soon show, and the
real content's sources."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser

from katalog import cli
from katalog.records import codes
from katalog.records.load import load_catalogue
from katalog.records.model import Localized, PartialDate, Source, information_date
from katalog.records.review import Review
from katalog.settings import Settings
from katalog.site import pages
from katalog.site.context import BuildContext
from katalog.site.richtext import Renderer
from katalog.site.views import DataView
from tests.paths import CONTENT
from tests.support import (
    BUILD_DATE_EPOCH,
    browse,
    build,
    copy_project,
    page_opener,
    search_results,
    settle_search,
)
from tests.test_corpus import BASE


def _source(as_of: PartialDate | None) -> Source:
    return Source(title=Localized(nb="Kilde", en="Source"), publisher="ks", as_of=as_of)


# --- The information date and the review interval ---------------------------------------


def test_checked_wins_over_the_sources_dates() -> None:
    sources = [_source(PartialDate(2020, 6))]
    assert information_date(date(2018, 3, 1), sources) == PartialDate(2018, 3, 1)


def test_the_newest_source_gives_the_date_at_its_precision() -> None:
    sources = [_source(PartialDate(2016)), _source(None), _source(PartialDate(2020, 6))]
    assert information_date(None, sources) == PartialDate(2020, 6)
    assert information_date(None, [_source(None)]) is None
    assert information_date(None, []) is None


@pytest.mark.parametrize(
    ("information", "due"),
    [
        (PartialDate(2016), True),
        (PartialDate(2024, 11, 24), True),
        (PartialDate(2024, 11, 25), False),
        (PartialDate(2024), False),  # a year speaks for all of it, up to 31 December
        (PartialDate(2024, 10), True),
        (PartialDate(2026, 11, 1), False),
        (None, True),
    ],
)
def test_due_when_older_than_the_interval_or_unknown(
    information: PartialDate | None, due: bool
) -> None:
    review = Review(date(2026, 11, 25), 24)
    assert review.cutoff == date(2024, 11, 25)
    assert review.is_due(information) is due


def test_the_cutoff_keeps_to_the_month_s_last_day() -> None:
    assert Review(date(2026, 3, 31), 1).cutoff == date(2026, 2, 28)


# --- katalog validate ---------------------------------------------------------------------

OLD = """\
title: {nb: Gammelt prosjekt, en: Old project}
summary: {nb: Fra en gammel side., en: From an old page.}
countries: [PL]
themes: [local-development]
sources:
  - title: {nb: Gammel side, en: Old page}
    publisher: ks
    url: https://www.ks.no/
    as_of: 2016
"""
UNDATED = """\
title: {nb: Udatert prosjekt, en: Undated project}
summary: {nb: Fra et brev uten dato., en: From an undated letter.}
countries: [PL]
themes: [local-development]
sources:
  - title: {nb: Brev, en: Letter}
    publisher: ks
"""
UNSOURCED = """\
title: {nb: Prosjekt uten kilder, en: Project without sources}
summary: {nb: Ingen kilder., en: No sources.}
countries: [PL]
themes: [local-development]
"""
MISSPELT = """\
title: {nb: Feilstavet utgiver, en: Misspelt publisher}
summary: {nb: Utgiveren er feilstavet., en: The publisher is misspelt.}
countries: [PL]
themes: [local-development]
sources:
  - title: {nb: Side, en: Page}
    publisher: kss
    as_of: 2026
"""


def _content(tmp_path: Path, **records: str) -> Path:
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    for slug, text in records.items():
        (tmp_path / "content" / "projects" / f"{slug}.yml").write_text(text, encoding="utf-8")
    return tmp_path / "content"


def _validate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[str], int]:
    capsys.readouterr()
    code = cli.main(["validate", "--content", str(root)])
    return capsys.readouterr().out.splitlines(), code


def test_review_warnings_have_codes_and_places_and_do_not_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _content(tmp_path, old=OLD, undated=UNDATED, unsourced=UNSOURCED)
    lines, code = _validate(root, capsys)
    assert code == 0
    assert lines == [
        "content/projects/old.yml:6:3: warning[K301]: sources: the information (as of 2016) is "
        "older than the review interval of 24 months on 2026-11-25: check the record against "
        "its sources and set `checked`",
        "content/projects/undated.yml:6:3: warning[K302]: sources: the date of the information "
        "is unknown: no `checked` date, and no source has an `as_of` date",
        "content/projects/unsourced.yml:1:1: warning[K191]: sources: no sources: add where the "
        "record's facts come from, so readers can check them",
        "content/projects/unsourced.yml:1:1: warning[K302]: sources: the date of the "
        "information is unknown: no `checked` date, and no source has an `as_of` date",
    ]
    assert codes.REVIEW_DUE.severity == codes.INFORMATION_UNDATED.severity == "warning"


def test_the_review_interval_is_a_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _content(tmp_path, old=OLD)
    (tmp_path / "mkdocs.yml").write_text(
        "extra:\n  katalog:\n    review_months: 240\n", encoding="utf-8"
    )
    assert _validate(root, capsys) == ([], 0)
    (tmp_path / "mkdocs.yml").write_text(
        "extra:\n  katalog:\n    review_months: none\n", encoding="utf-8"
    )
    assert cli.main(["validate", "--content", str(root)]) == 2
    assert "review_months must be a whole number" in capsys.readouterr().err


def test_a_misspelt_publisher_is_an_unknown_organisation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines, code = _validate(_content(tmp_path, misspelt=MISSPELT), capsys)
    assert code == 1
    assert lines == [
        "content/projects/misspelt.yml:7:16: error[K202]: sources[1].publisher: unknown "
        "organisation 'kss'; did you mean 'ks'?"
    ]


def test_a_window_source_is_parsed_like_a_source(tmp_path: Path) -> None:
    programme = (BASE / "content/programmes/test-programme.yml").read_text(encoding="utf-8")
    programme += (
        "application_windows:\n"
        '  - opens: "01-10"\n'
        '    closes: "01-31"\n'
        "    source: {title: {nb: Frister, en: Deadlines}, publisher: ks, as_of: 2025-09}\n"
    )
    root = _content(tmp_path)
    (root / "programmes" / "test-programme.yml").write_text(programme, encoding="utf-8")
    result = load_catalogue(root)
    assert result.catalogue is not None, result.problems
    window = result.catalogue.programmes["test-programme"].application_windows[0]
    assert window.source is not None
    assert (window.source.publisher, window.source.as_of) == ("ks", PartialDate(2025, 9))


# --- The real content -------------------------------------------------------------------


def test_every_programme_and_project_names_its_sources() -> None:
    result = load_catalogue(CONTENT)
    assert result.catalogue is not None
    records = [*result.catalogue.programmes.values(), *result.catalogue.projects.values()]
    assert len(records) == 11
    for record in records:
        assert record.sources, f"{record.slug} names no sources"
        assert record.checked is None, f"{record.slug}: nobody has checked it against the pages"
        for source in record.sources:
            assert source.publisher in result.catalogue.organisations
    assert not any(problem.is_error for problem in result.problems)
    assert all(problem.code != codes.NO_SOURCES for problem in result.problems)


# --- A real build -------------------------------------------------------------------------

WINDOW_PROGRAMME = """\
title: {nb: Program med vintervindu, en: Programme with a winter window}
summary: {nb: Et program som åpner i januar., en: A programme that opens in January.}
application_windows:
  - opens: "01-10"
    closes: "01-31"
    source:
      title: {nb: Søknadsfrister, en: Application deadlines}
      publisher: ks
      url: https://www.ks.no/
      as_of: 2025-09
sources:
  - title: {nb: Zylofonsiden, en: The zylophone page}
    publisher: ks
    url: https://www.ks.no/
    as_of: 2025-09
checked: 2026-11-20
"""
OCTOBER = "1790812800"
"""2026-10-01 00:00 UTC: 101 days before the window opens, so it is not "soon"."""


def _built(project: Path, epoch: str) -> Path:
    (project / "content" / "programmes" / "test-window-programme.yml").write_text(
        WINDOW_PROGRAMME, encoding="utf-8"
    )
    done = build(project, env={"SOURCE_DATE_EPOCH": epoch})
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project with a programme whose window opens 46 days after the build date."""
    return _built(copy_project(tmp_path_factory.mktemp("sources") / "project"), BUILD_DATE_EPOCH)


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _facts(soup: BeautifulSoup) -> dict[str, list[str]]:
    facts: dict[str, list[str]] = {}
    listing = soup.select_one("dl.kat-facts")
    assert listing is not None
    current = ""
    for item in listing.find_all(["dt", "dd"]):
        if item.name == "dt":
            current = _text(item)
        else:
            facts.setdefault(current, []).append(_text(item).replace(" ,", ","))
    return facts


def test_a_project_page_cites_its_source_and_the_date_it_speaks_for(site: Path) -> None:
    soup = _page(site, "nb/projects/vestland-international-municipal-network")
    facts = _facts(soup)
    assert facts["Kilde"] == [
        "Vestland fylkeskommune, « Internasjonalt kommunenettverk Vestland », 2020"
    ]
    assert facts["Opplysningene gjelder per"] == ["2020"]
    link = soup.select_one("dd.kat-source cite a")
    assert link is not None
    assert link["href"] == (
        "https://www.vestlandfylke.no/internasjonalt-samarbeid/internasjonalt-kommunenettverk-vestland/"
    )
    english = _facts(_page(site, "en/projects/vestland-international-municipal-network"))
    assert english["Source"] == [
        "Vestland County Council, “ International municipal network Vestland ”, 2020"
    ]
    assert english["Information as of"] == ["2020"]
    body = soup.get_text()
    assert "Sist endret" not in body and "Endret i katalogen" not in body


@pytest.mark.parametrize(
    ("lang", "source", "sources", "as_of", "stale"),
    [
        ("nb", "Kilde", "Kilder", "Opplysningene gjelder per", "Sist endret"),
        ("en", "Source", "Sources", "Information as of", "Last changed"),
    ],
)
def test_every_record_page_shows_its_sources_and_as_of_date(
    site: Path, lang: str, source: str, sources: str, as_of: str, stale: str
) -> None:
    """Every real programme and project, in both languages: its sources, with publisher and
    title, and how current its information is; never a date from the file's history."""
    records = sorted((CONTENT / "programmes").glob("*.yml")) + sorted(
        (CONTENT / "projects").glob("*.yml")
    )
    assert len(records) >= 11
    for record in records:
        soup = _page(site, f"{lang}/{record.parent.name}/{record.stem}")
        facts = _facts(soup)
        cited = facts.get(source, []) + facts.get(sources, [])
        assert cited, (record.name, sorted(facts))
        assert all(", " in item for item in cited), cited  # publisher, title[, date]
        assert len(facts.get(as_of, [])) == 1, (record.name, sorted(facts))
        assert stale not in soup.get_text(), record.name


def test_a_source_without_an_address_or_a_date_says_so(site: Path) -> None:
    soup = _page(site, "en/programmes/norway-ukraine-municipal-cooperation")
    facts = _facts(soup)
    assert facts["Source"] == [
        "KS, “ Letter on chapter 159.73 (Ukraine and neighbouring countries), programme area "
        "03 ”, date not stated"
    ]
    assert facts["Information as of"] == ["date not stated"]
    assert soup.select("dd.kat-source cite a") == []


def test_checked_gives_the_day_the_information_is_current_as_of(site: Path) -> None:
    facts = _facts(_page(site, "en/programmes/test-window-programme"))
    assert facts["Information as of"] == ["20 November 2026"]
    assert facts["Source"] == ["KS, “ The zylophone page ”, September 2025"]


def test_the_next_window_says_whose_word_it_is(site: Path) -> None:
    soup = _page(site, "nb/programmes/swedish-municipal-partnership-programme")
    next_window = soup.select_one(".kat-windows__next")
    assert next_window is not None
    assert _text(next_window) == "Neste søknadsrunde åpner: 15. februar 2027 (Ifølge ICLD, 2016)"
    english = _page(site, "en/programmes/swedish-municipal-partnership-programme")
    source = english.select_one(".kat-windows__source")
    assert source is not None and _text(source) == "(According to ICLD, 2016)"


@pytest.mark.parametrize("path", ["en", "en/programmes"])
def test_programmes_opening_within_60_days_are_listed(site: Path, path: str) -> None:
    soon = _page(site, path).select_one("section.kat-soon")
    assert soon is not None
    items = [" ".join(item.get_text().split()) for item in soon.select("li")]
    assert items == [
        "Programme with a winter window: opens 10 January 2027 (According to KS, September 2025)"
    ]
    link = soon.select_one("a")
    assert link is not None and link["href"].rstrip("/").endswith("test-window-programme")


def test_no_list_of_windows_when_none_opens_within_60_days(tmp_path: Path) -> None:
    site = _built(copy_project(tmp_path / "project"), OCTOBER)
    for path in ("en", "nb", "en/programmes", "nb/programmes"):
        soup = _page(site, path)
        assert soup.select("section.kat-soon") == [], path
        assert "opening soon" not in soup.get_text() and "åpner snart" not in soup.get_text()


def test_the_data_page_lists_the_records_due_for_review(site: Path) -> None:
    soup = _page(site, "en/data")
    section = soup.select_one("section.kat-review")
    assert section is not None
    assert "older than 24 months on 25 November 2026" in _text(section)
    rows = [
        [_text(cell) for cell in row.find_all(["th", "td"])]
        for row in section.select("table.kat-review__records tbody tr")
    ]
    assert len(rows) == 11, "every real record: none is checked, all are old or undated"
    assert ["Programme with a winter window", "Programme", "20 November 2026"] not in rows
    assert rows[-2:] == [
        ["Kommunalt partnerskap – Swedish municipal partnership programme", "Programme", "2016"],
        ["Vestland international municipal network", "Project", "2020"],
    ], "undated first, then the oldest"
    assert all(row[2] == "date not stated" for row in rows[:-2])
    links = [a["href"] for a in section.select("table.kat-review__records tbody a")]
    assert any(
        href.rstrip("/").endswith("vestland-international-municipal-network") for href in links
    )


def test_the_exports_carry_the_sources_and_validate(site: Path) -> None:
    document = json.loads((site / "data" / "catalogue.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "catalogue.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    programmes = {item["slug"]: item for item in document["programmes"]}
    swedish = programmes["swedish-municipal-partnership-programme"]
    assert swedish["sources"] == [
        {
            "title": {
                "nb": "Programmet kommunala partnerskap",
                "en": "The municipal partnership programme",
            },
            "publisher": {"slug": "icld", "name": {"nb": "ICLD", "en": "ICLD"}},
            "url": "http://www.icld.se/kommunalapartnerskap.pab",
            "as_of": "2016",
        }
    ]
    assert swedish["application_windows"][0]["source"] == swedish["sources"][0]
    assert (swedish["checked"], swedish["information_as_of"], swedish["review_due"]) == (
        None,
        "2016",
        True,
    )
    assert "updated" not in swedish
    window = programmes["test-window-programme"]
    assert (window["checked"], window["information_as_of"], window["review_due"]) == (
        "2026-11-20",
        "2026-11-20",
        False,
    )
    table = (site / "data" / "programmes.en.csv").read_text(encoding="utf-8-sig")
    header, *rows = table.splitlines()
    assert "Sources" in header.split(",") and "Information as of" in header.split(",")
    assert any(
        "ICLD, “The municipal partnership programme” <http://www.icld.se/kommunalapartnerskap.pab>"
        ", 2016" in row
        for row in rows
    )


def test_json_ld_names_the_sources_a_record_is_based_on(site: Path) -> None:
    soup = _page(site, "en/projects/vestland-international-municipal-network")
    script = soup.select_one('script[type="application/ld+json"]')
    assert script is not None
    data = json.loads(script.get_text())
    assert "dateModified" not in data
    [source] = data["isBasedOn"]
    assert source["@type"] == "CreativeWork"
    assert source["name"] == "International municipal network Vestland"
    assert source["temporalCoverage"] == "2020"
    assert source["publisher"]["name"] == "Vestland County Council"


# --- Page models, without MkDocs ------------------------------------------------------------


def _context(root: Path, today: date, months: int = 24) -> BuildContext:
    result = load_catalogue(root)
    assert result.catalogue is not None, result.problems
    return BuildContext(
        catalogue=result.catalogue,
        today=today,
        render=Renderer(),
        settings=Settings(review_months=months),
    )


def test_a_data_page_with_nothing_due_says_so() -> None:
    ctx = _context(BASE / "content", date(2026, 11, 25))  # its records were checked 2026-11-01
    view = pages.data_page(ctx, "en", ()).view
    assert isinstance(view, DataView)
    assert view.review == ()
    assert (
        view.review_intro
        == "Every record's information is newer than 24 months on 25 November 2026."
    )


def test_the_interval_setting_decides_what_is_due() -> None:
    later = _context(BASE / "content", date(2027, 1, 5), months=2)
    view = pages.data_page(later, "nb", ()).view
    assert isinstance(view, DataView)
    assert [(item.link.label, item.as_of) for item in view.review] == [
        ("Testprogram for kommunesamarbeid", "1. november 2026"),
        ("Lokal utvikling i polske kommuner", "1. november 2026"),
    ]
    assert view.review_intro.startswith("Disse oppføringene har opplysninger som er eldre enn 2 ")


def _search(base: str, browser: Browser, lang: str, query: str) -> list[str]:
    """The addresses of the search page's results for `query`, once it has answered."""
    with page_opener(browser, 20_000) as open_page:
        page = open_page()
        page.goto(f"{base}{lang}/search/?q={query}")
        settle_search(page)
        links = search_results(page)
        return links


def test_a_source_s_title_is_not_searched_as_the_record_s_text(site: Path) -> None:
    with browse(site) as (base, browser):
        found = _search(base, browser, "nb", "vintervindu")
        assert [link.rstrip("/").rsplit("/", 1)[-1] for link in found] == ["test-window-programme"]
        assert _search(base, browser, "nb", "Zylofonsiden") == []
        assert _search(base, browser, "en", "zylophone") == []
