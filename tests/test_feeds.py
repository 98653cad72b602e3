"""The Atom feeds and the iCalendar files of application windows, from real builds.

The project is copied into a git repository with fixed commit dates (so each record has
a last change, as in the published site), one programme is given a window that runs over
New Year, and the site is built with and without its public address. The feeds are read
with feedparser and lxml, the calendars with icalendar and dateutil's rrule.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup
from dateutil.rrule import rrulestr
from lxml import etree

from katalog.exports.windows_calendar import LINE_OCTETS, escape, fold
from tests.support import BUILD_DATE_EPOCH, build, copy_project

SITE_URL = "https://example.org/katalog/"
ATOM = {"a": "http://www.w3.org/2005/Atom"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BUILD_DAY = date(2026, 11, 25)
FIRST_COMMIT = "2026-10-01T12:00:00+00:00"
LAST_COMMIT = "2026-11-20T12:00:00+00:00"
TOUCHED = "georgia-municipalities-new-tasks"
"""The project changed in the second commit: the feeds' newest entry."""
SWEDISH = "swedish-municipal-partnership-programme"
"""A programme with two windows, both from a 2016 source (due for review)."""
WRAPPING = "norway-ukraine-municipal-cooperation"
"""Given a window from 15 November to 15 January here: open on the build date."""
WRAP_WINDOW = 'application_windows:\n  - opens: "11-15"\n    closes: "01-15"\n'
ICS = {
    "nb": "data/application-windows.ics",
    "en": "data/application-windows.en.ics",
}


def _git(project: Path, *args: str, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=project,
        check=True,
        capture_output=True,
        env=env,
    )


def _project(root: Path) -> Path:
    project = copy_project(root / "project")
    programme = project / "content" / "programmes" / f"{WRAPPING}.yml"
    programme.write_text(programme.read_text("utf-8") + WRAP_WINDOW, encoding="utf-8")
    _git(project, "init", "-q", when=FIRST_COMMIT)
    _git(project, "add", "-A", when=FIRST_COMMIT)
    _git(project, "commit", "-qm", "all records", when=FIRST_COMMIT)
    touched = project / "content" / "projects" / f"{TOUCHED}.yml"
    touched.write_text(touched.read_text("utf-8") + "# reviewed\n", encoding="utf-8")
    _git(project, "commit", "-qam", "one record changed", when=LAST_COMMIT)
    return project


def _build(project: Path, site_url: str | None) -> Path:
    env = {"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "KATALOG_SITE_URL": site_url or ""}
    done = build(project, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    (project / "build.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    return project / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(_project(tmp_path_factory.mktemp("feeds")), SITE_URL)


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site built without its public address."""
    return _build(_project(tmp_path_factory.mktemp("feeds-plain")), None)


def records(kind: str) -> list[str]:
    folder = Path(__file__).parent.parent / "content" / kind
    return sorted(file.stem for file in folder.glob("*.yml"))


def windows_of(slug: str) -> list[tuple[str, str]]:
    path = Path(__file__).parent.parent / "content" / "programmes" / f"{slug}.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    return [(w["opens"], w["closes"]) for w in data.get("application_windows", [])]


# --- Atom ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_each_language_has_a_valid_feed_of_every_record(site: Path, lang: str) -> None:
    raw = (site / lang / "feed.xml").read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    tree = etree.fromstring(raw)
    assert tree.get(XML_LANG) == lang
    feed = parsed.feed
    assert feed.id == f"{SITE_URL}{lang}/feed.xml"
    links = {link.rel: link.href for link in feed.links}
    assert links == {"self": f"{SITE_URL}{lang}/feed.xml", "alternate": f"{SITE_URL}{lang}/"}
    assert feed.title.startswith("Internasjonalt" if lang == "nb" else "International")
    expected = {
        f"{SITE_URL}{lang}/{kind}/{slug}/"
        for kind in ("programmes", "projects")
        for slug in records(kind)
    }
    entries = parsed.entries
    assert {entry.id for entry in entries} == expected
    assert len(entries) == len(expected)
    for entry in entries:
        assert entry.link == entry.id
        assert [link.rel for link in entry.links] == ["alternate"]
        assert entry.title and entry.summary and entry.author
        assert entry.tags[0].term in ("programme", "project")
        path = urlsplit(entry.link).path.removeprefix("/katalog/")
        assert (site / path / "index.html").is_file(), entry.link
        page = BeautifulSoup((site / path / "index.html").read_bytes(), "lxml")
        assert page.h1 is not None and entry.title in page.h1.get_text()


def test_entries_are_dated_by_the_last_commit_newest_first(site: Path) -> None:
    entries = feedparser.parse((site / "nb" / "feed.xml").read_bytes()).entries
    days = [entry.updated for entry in entries]
    assert days == sorted(days, reverse=True)
    assert entries[0].id == f"{SITE_URL}nb/projects/{TOUCHED}/"
    assert days[0] == "2026-11-20T00:00:00Z"
    assert set(days[1:]) == {"2026-10-01T00:00:00Z"}
    tree = etree.parse(str(site / "nb" / "feed.xml"))
    assert tree.findtext("a:updated", namespaces=ATOM) == "2026-11-20T00:00:00Z"


def test_feeds_are_listed_on_the_data_pages(site: Path) -> None:
    for lang, other in (("nb", "en"), ("en", "nb")):
        page = BeautifulSoup((site / lang / "data" / "index.html").read_bytes(), "lxml")
        hrefs = [str(a["href"]) for a in page.select("a[href]")]
        assert "../feed.xml" in hrefs
        assert not any(href.endswith(f"{other}/feed.xml") for href in hrefs)
        assert any(href.endswith(ICS[lang]) for href in hrefs)
        assert not any(href.endswith(ICS[other]) for href in hrefs)


def html_files(site: Path) -> list[Path]:
    return [
        file
        for file in sorted(site.rglob("*.html"))
        if not file.relative_to(site).as_posix().startswith("pagefind")
    ]


def test_every_page_links_its_languages_feed_in_its_head(site: Path) -> None:
    kinds = set()
    for file in html_files(site):
        soup = BeautifulSoup(file.read_bytes(), "lxml")
        links = soup.head.select('link[rel="alternate"][type="application/atom+xml"]')  # type: ignore[union-attr]
        relative = file.relative_to(site).as_posix()
        assert len(links) == 1, relative
        lang = str(soup.html["lang"])  # type: ignore[index]
        href = str(links[0]["href"])
        assert links[0].get("title"), relative
        if relative == "404.html":
            assert href == f"/katalog/{lang}/feed.xml"
            target = site / href.removeprefix("/katalog/")
        else:
            target = (file.parent / href).resolve()
        assert target == (site / lang / "feed.xml").resolve(), relative
        kinds.add(relative.split("/")[1] if "/" in relative else relative)
    assert {"index.html", "404.html", "projects", "programmes", "countries", "themes"} <= kinds
    assert {"organisations", "search", "data", "about"} <= kinds


def test_without_site_url_no_feed_and_no_head_link(plain_site: Path) -> None:
    log = (plain_site.parent / "build.log").read_text("utf-8")
    assert log.count("so no Atom feeds either") == 1
    assert not list(plain_site.rglob("feed.xml"))
    for file in html_files(plain_site):
        soup = BeautifulSoup(file.read_bytes(), "lxml")
        assert not soup.select('link[type="application/atom+xml"]'), file
    data = (plain_site / "nb" / "data" / "index.html").read_text("utf-8")
    assert "feed.xml" not in data


# --- iCalendar ----------------------------------------------------------------------------


def calendar(site: Path, path: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / path).read_bytes())


def events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    found = list(cal.walk("VEVENT"))
    uids = [str(event["UID"]) for event in found]
    assert len(uids) == len(set(uids)), uids
    return dict(zip(uids, found, strict=True))


def uid(slug: str, opens: str, closes: str, host: str = "example.org") -> str:
    return f"{slug}-window-{opens}-{closes}@{host}"


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_one_yearly_all_day_event_per_window(site: Path, lang: str) -> None:
    cal = calendar(site, ICS[lang])
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert cal["PRODID"]
    expected = {
        uid(slug, opens, closes)
        for slug in records("programmes")
        for opens, closes in windows_of(slug) or ([("11-15", "01-15")] if slug == WRAPPING else [])
    }
    found = events(cal)
    assert set(found) == expected
    for event in found.values():
        assert str(event["RRULE"].to_ical().decode()) == "FREQ=YEARLY"
        assert type(event.decoded("DTSTART")) is date
        assert type(event.decoded("DTEND")) is date
        assert event.decoded("DTSTAMP") == datetime(
            2026, 11, 25, tzinfo=event.decoded("DTSTAMP").tzinfo
        )
        slug = str(event["UID"]).split("-window-")[0]
        assert str(event["URL"]) == f"{SITE_URL}{lang}/programmes/{slug}/"
        assert event["SUMMARY"] and event["DESCRIPTION"]


def _next(event: icalendar.Event, count: int) -> list[date]:
    start = event.decoded("DTSTART")
    rule = rrulestr(
        event["RRULE"].to_ical().decode(), dtstart=datetime(start.year, start.month, start.day)
    )
    return [day.date() for day in rule[:count]]


def test_recurrence_gives_the_next_windows_from_the_build_date(site: Path) -> None:
    found = events(calendar(site, ICS["nb"]))
    february = found[uid(SWEDISH, "02-15", "03-15")]
    assert _next(february, 3) == [date(2027, 2, 15), date(2028, 2, 15), date(2029, 2, 15)]
    assert february.decoded("DTEND") == date(2027, 3, 16)  # exclusive: the day after it closes


def test_a_window_over_new_year_open_on_the_build_date(site: Path) -> None:
    event = events(calendar(site, ICS["nb"]))[uid(WRAPPING, "11-15", "01-15")]
    # Open on 2026-11-25: the occurrence from 15 November 2026 comes first.
    assert _next(event, 2) == [date(2026, 11, 15), date(2027, 11, 15)]
    assert event.decoded("DTEND") == date(2027, 1, 16)
    assert event.decoded("DTSTART") <= BUILD_DAY


def test_an_old_source_says_the_days_may_have_changed(site: Path) -> None:
    nb = events(calendar(site, ICS["nb"]))[uid(SWEDISH, "02-15", "03-15")]
    en = events(calendar(site, ICS["en"]))[uid(SWEDISH, "02-15", "03-15")]
    assert "Ifølge ICLD, 2016 – datoene kan ha endret seg." in str(nb["DESCRIPTION"])
    assert "According to ICLD, 2016 – the dates may have changed." in str(en["DESCRIPTION"])
    assert str(nb["SUMMARY"]).startswith("Søknadsperiode: ")
    assert str(en["SUMMARY"]).startswith("Application window: ")
    wrapping = events(calendar(site, ICS["en"]))[uid(WRAPPING, "11-15", "01-15")]
    assert "According to" not in str(wrapping["DESCRIPTION"])  # it names no source


@pytest.mark.parametrize("path", [*ICS.values(), f"data/programmes/{SWEDISH}.ics"])
def test_lines_end_in_crlf_and_fold_at_75_octets(site: Path, path: str) -> None:
    raw = (site / path).read_bytes()
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= LINE_OCTETS
    assert any(line.startswith(b" ") for line in lines)  # the descriptions are folded


def test_fold_keeps_utf8_characters_whole_and_unfolds_to_the_line() -> None:
    line = "DESCRIPTION:" + "Søknad – æøå 𝄞 " * 20
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    for part in parts:
        assert len(part.encode("utf-8")) <= LINE_OCTETS
        part.encode("utf-8").decode("utf-8")  # no character cut in two
    assert all(part.startswith(" ") for part in parts[1:])
    assert parts[0] + "".join(part[1:] for part in parts[1:]) == line
    assert fold("SHORT:line") == "SHORT:line"


def test_text_values_are_escaped() -> None:
    assert escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    event = icalendar.Event.from_ical(
        "BEGIN:VEVENT\r\n"
        + fold("SUMMARY:" + escape("Ja; nei, kanskje\\ ø\nny linje"))
        + "\r\nEND:VEVENT\r\n"
    )
    assert str(event["SUMMARY"]) == "Ja; nei, kanskje\\ ø\nny linje"


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_programme_page_links_its_own_calendar(site: Path, lang: str) -> None:
    page = site / lang / "programmes" / SWEDISH / "index.html"
    soup = BeautifulSoup(page.read_bytes(), "lxml")
    link = soup.select_one(".kat-windows a[href$='.ics']")
    assert link is not None
    assert link.get_text(strip=True) == (
        "Legg til i kalender" if lang == "nb" else "Add to calendar"
    )
    target = (page.parent / str(link["href"])).resolve()
    suffix = "" if lang == "nb" else ".en"
    assert target == (site / "data" / "programmes" / f"{SWEDISH}{suffix}.ics").resolve()
    own = events(icalendar.Calendar.from_ical(target.read_bytes()))
    assert set(own) == {uid(SWEDISH, opens, closes) for opens, closes in windows_of(SWEDISH)}
    other = site / lang / "programmes" / "eea-grants-2014-2021" / "index.html"
    assert not BeautifulSoup(other.read_bytes(), "lxml").select(".kat-windows__calendar")


def test_without_site_url_the_calendars_have_no_addresses(plain_site: Path) -> None:
    found = events(calendar(plain_site, ICS["nb"]))
    assert uid(SWEDISH, "02-15", "03-15", host="katalog") in found
    assert all("URL" not in event for event in found.values())
    assert "https://" not in (plain_site / ICS["nb"]).read_text("utf-8")


def test_two_builds_write_the_same_feeds_and_calendars(
    site: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    again = _build(_project(tmp_path_factory.mktemp("feeds-again")), SITE_URL)
    written = sorted(
        [*site.rglob("feed.xml"), *site.rglob("*.ics")], key=lambda file: file.as_posix()
    )
    assert len(written) >= 6
    for file in written:
        relative = file.relative_to(site)
        assert (again / relative).read_bytes() == file.read_bytes(), relative
