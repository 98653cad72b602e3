"""Every registered output of a real build with the site's address set: open data beside
the pages, a sitemap with every page's translations, robots.txt, schema.org data, the
data page, and no stray sitemap requests from Material's JavaScript."""

from __future__ import annotations

import csv
import io
import json
import posixpath
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from tests.support import BUILD_DATE_EPOCH, browse, build, copy_project, page_opener

SITE_URL = "https://example.org/katalog/"
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}
GEORGIA = "georgia-municipalities-new-tasks"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("outputs") / "project")
    done = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "KATALOG_SITE_URL": SITE_URL})
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


def soup_of(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "lxml")


def html_pages(site: Path) -> list[str]:
    """Every page's folder address, as the sitemap lists it (`nb/projects/x/`)."""
    found = []
    for file in sorted(site.rglob("index.html")):
        relative = file.parent.relative_to(site).as_posix()
        if not relative.startswith("pagefind"):
            found.append("" if relative == "." else relative + "/")
    return found


def test_sitemap_lists_every_page_with_its_translations(site: Path) -> None:
    tree = etree.parse(str(site / "sitemap.xml"))
    entries = tree.findall("s:url", SITEMAP_NS)
    locs = [entry.findtext("s:loc", namespaces=SITEMAP_NS) for entry in entries]
    assert sorted(locs) == sorted(SITE_URL + page for page in html_pages(site))
    for entry in entries:
        loc = entry.findtext("s:loc", namespaces=SITEMAP_NS) or ""
        links = {
            link.get("hreflang"): link.get("href")
            for link in entry.findall("x:link", SITEMAP_NS)
            if link.get("rel") == "alternate"
        }
        assert set(links) == {"nb", "en", "x-default"}, loc
        assert links["x-default"] == SITE_URL
        assert loc in links.values(), loc
        for href in links.values():
            path = (href or "").removeprefix(SITE_URL)
            assert (site / path / "index.html").is_file(), href
    assert not (site / "sitemap.xml.gz").exists()


def test_the_404_page_links_from_the_site_address_path(site: Path) -> None:
    soup = BeautifulSoup((site / "404.html").read_text("utf-8"), "lxml")
    links = [str(a["href"]) for a in soup.select("main section a, nav.kat-sections a")]
    assert links and all(link.startswith("/katalog/") for link in links), links
    assert not (site / "404" / "index.html").exists()


def test_robots_txt_points_at_the_sitemap(site: Path) -> None:
    lines = (site / "robots.txt").read_text("utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITE_URL}sitemap.xml" in lines


def test_record_pages_carry_schema_org_data(site: Path) -> None:
    types = {}
    for path, expected in (
        (f"nb/projects/{GEORGIA}", "Project"),
        ("en/programmes/eea-grants-2014-2021", "Project"),
        ("en/organisations/ks", "Organization"),
        ("nb/countries/ge", "Country"),
        ("en", "WebSite"),
    ):
        scripts = soup_of(site, path).select('script[type="application/ld+json"]')
        assert len(scripts) == 1, path
        data = json.loads(scripts[0].string or "")
        assert data["@context"] == "https://schema.org"
        types[path] = data["@type"]
        assert data["@type"] == expected, path
        assert data["url"] == SITE_URL + path + "/"
    project = json.loads(
        soup_of(site, f"en/projects/{GEORGIA}")
        .select_one('script[type="application/ld+json"]')
        .string  # type: ignore[union-attr]
    )
    assert {country["identifier"] for country in project["areaServed"]} == {"GE"}
    programme = json.loads(
        soup_of(site, "en/programmes/norway-ukraine-municipal-cooperation")
        .select_one('script[type="application/ld+json"]')
        .string  # type: ignore[union-attr]
    )
    children = {child["url"] for child in programme.get("subOrganization", [])}
    for child in children:
        page = json.loads(
            soup_of(site, child.removeprefix(SITE_URL).rstrip("/"))
            .select_one('script[type="application/ld+json"]')
            .string  # type: ignore[union-attr]
        )
        assert page["parentOrganization"]["url"].endswith(
            "/programmes/norway-ukraine-municipal-cooperation/"
        )
    assert children


def test_data_page_lists_every_download_in_each_language(site: Path) -> None:
    for lang, heading in (("nb", "Åpne data"), ("en", "Open data")):
        soup = soup_of(site, f"{lang}/data")
        assert soup.html is not None and soup.html["lang"] == lang
        h1 = soup.select_one("h1")
        assert h1 is not None and h1.get_text(strip=True) == heading
        rows = soup.select("table.kat-downloads tbody tr")
        hrefs = [str(row.select_one("a")["href"]) for row in rows]  # type: ignore[index]
        targets = {
            posixpath.normpath(posixpath.join(f"{lang}/data/", urlsplit(href).path))
            for href in hrefs
        }
        assert targets == {
            "data/catalogue.json",
            "data/catalogue.schema.json",
            f"data/projects.{lang}.csv",
            f"data/programmes.{lang}.csv",
            "data/quality.json",
            "data/quality.schema.json",
            f"{lang}/feed.xml",
            "data/application-windows.ics"
            if lang == "nb"
            else f"data/application-windows.{lang}.ics",
        }
        for row in rows:
            cells = [cell.get_text(strip=True) for cell in row.select("td")]
            assert cells[0] in {"JSON", "JSON Schema", "CSV", "Atom", "iCalendar"}, row
            number, unit = cells[1].split(
                "\N{NO-BREAK SPACE}" if "\N{NO-BREAK SPACE}" in cells[1] else " "
            )
            assert unit in {"B", "byte", "kB", "MB"} and float(number.replace(",", ".")) > 0, row
        for target in targets:
            assert (site / target).is_file()
        licence = soup.select_one("#kat-licence + p")
        assert licence is not None and not licence.select("a")  # no licence set: the statement
        assert (
            licence.get_text(strip=True)
            == {
                "nb": "Vilkårene for bruk av dataene fastsettes av den som publiserer nettstedet.",
                "en": "The terms of use of the data are set by the site's publisher.",
            }[lang]
        )


DATA_LINK_TEXTS = {"Åpne data", "Open data"}


def test_every_page_links_the_data_page_from_its_footer(site: Path) -> None:
    checked = 0
    for page in html_pages(site):
        if not page or page.startswith("pagefind"):
            continue
        soup = soup_of(site, page.rstrip("/"))
        links = soup.select("footer nav.kat-footer__nav a")
        link = next((a for a in links if a.get_text(strip=True) in DATA_LINK_TEXTS), None)
        assert link is not None, page
        lang = page[:2]
        target = (site / page / str(link["href"])).resolve()
        assert target == (site / lang / "data").resolve(), page
        checked += 1
    assert checked > 100


def test_record_pages_link_their_data_and_yaml_source(site: Path) -> None:
    soup = soup_of(site, f"nb/projects/{GEORGIA}")
    links = soup.select("p.kat-record-data a")
    targets = [(site / f"nb/projects/{GEORGIA}" / str(a["href"])).resolve() for a in links]
    assert targets == [
        (site / f"data/projects/{GEORGIA}.json").resolve(),
        (site / f"data/projects/{GEORGIA}.yml").resolve(),
    ]
    record = json.loads(targets[0].read_text("utf-8"))
    assert record["slug"] == GEORGIA
    source = Path(__file__).parent.parent / "content" / "projects" / f"{GEORGIA}.yml"
    assert targets[1].read_bytes() == source.read_bytes()


def test_csv_downloads_open_in_a_spreadsheet(site: Path) -> None:
    raw = (site / "data" / "projects.nb.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) - 1 == len(
        list((Path(__file__).parent.parent / "content/projects").glob("*.yml"))
    )


def test_no_sitemap_request_from_any_page(site: Path) -> None:
    """Material fetches `sitemap.xml` beside every `<link rel=alternate>`: none may happen."""
    with browse(site) as (base, browser), page_opener(browser, 15_000) as open_page:
        requested: list[str] = []
        page = open_page()
        page.on("request", lambda request: requested.append(request.url))
        for path in (f"nb/projects/{GEORGIA}/", "en/", "en/programmes/", "nb/search/"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
        assert requested
        assert not [url for url in requested if url.endswith("sitemap.xml")]


def test_build_data_writes_the_same_files_without_mkdocs(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from katalog.cli import main

    monkeypatch.setenv("KATALOG_SITE_URL", SITE_URL)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)
    monkeypatch.chdir(site.parent)
    assert main(["build-data", "--out", str(tmp_path / "out")]) == 0
    written = sorted(p.relative_to(tmp_path / "out") for p in (tmp_path / "out").rglob("*.*"))
    assert Path("data/catalogue.json") in written and Path("sitemap.xml") in written
    for relative in written:
        assert (tmp_path / "out" / relative).read_bytes() == (site / relative).read_bytes()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_data_page_fits_a_small_screen(site: Path, lang: str) -> None:
    with browse(site) as (base, browser), page_opener(browser, 15_000) as open_page:
        page = open_page(viewport={"width": 320, "height": 640})
        response = page.goto(f"{base}{lang}/data/")
        assert response is not None and response.ok
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], widths
        # JSON, its schema, two CSV tables, the quality report and its schema, the feed,
        # the calendar
        assert page.locator("table.kat-downloads tbody tr").count() == 8
