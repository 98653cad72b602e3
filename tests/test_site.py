"""The built site, parsed with a real HTML parser: pages, languages, links, facts, safety.

One real `mkdocs build --strict` of the real content plus three test records (a minimal
one, one with texts in one language only, one with hostile text) at a fixed build date.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from katalog.records.load import load_catalogue
from tests.paths import CONTENT
from tests.support import BUILD_DATE_EPOCH, add_partner_calls, build, copy_project, snapshot

REPO_URL = "https://github.com/example/katalog"

MINIMAL = """\
title: {nb: Minimalt prosjekt, en: Minimal project}
summary: {nb: Bare det som kreves., en: Only what is required.}
countries: [SE]
themes: [local-democracy]
"""

ONE_LANGUAGE = """\
title: {nb: Prosjekt med norsk beskrivelse, en: Project with a Norwegian description}
summary: {nb: Kort norsk sammendrag., en: A short English summary.}
countries: [LV]
themes: [cultural-heritage]
description:
  nb: |
    Denne beskrivelsen finnes **bare** på norsk.
partner_call:
  text:
    en: We are looking for a museum.
  contact:
    email: museum@example.org
links:
  - title: {nb: Rapport}
    url: https://example.org/rapport
"""

HOSTILE = """\
title:
  nb: "<script>alert('nb')</script> Tittel"
  en: "<script>alert('en')</script> Title"
summary: {nb: "Sammendrag <b>fet</b>", en: "Summary <b>bold</b>"}
countries: [RO]
themes: [good-governance]
description:
  nb: |
    <img src=x onerror="alert(1)"> [lenke](javascript:alert(2)) <script>alert(3)</script>
  en: |
    <iframe src="https://example.org"></iframe> [ok](https://example.org/ok)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("site") / "project")
    projects = project / "content" / "projects"
    (projects / "test-minimal-project.yml").write_text(MINIMAL, encoding="utf-8")
    (projects / "test-one-language.yml").write_text(ONE_LANGUAGE, encoding="utf-8")
    (projects / "test-hostile-text.yml").write_text(HOSTILE, encoding="utf-8")
    add_partner_calls(project / "content")
    done = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "KATALOG_REPO_URL": REPO_URL})
    assert done.returncode == 0, done.stdout + done.stderr
    (project / "build.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    return project / "site"


def test_without_site_url_no_sitemap_and_the_build_says_so_once(site: Path) -> None:
    log = (site.parent / "build.log").read_text(encoding="utf-8")
    assert log.count("No sitemap.xml or robots.txt: site_url") == 1
    assert not (site / "sitemap.xml").exists()
    assert not (site / "sitemap.xml.gz").exists()
    assert not (site / "robots.txt").exists()
    assert (site / "data" / "catalogue.json").is_file()


def parse(site: Path, url_path: str) -> BeautifulSoup:
    file = site / url_path / "index.html" if not url_path.endswith(".html") else site / url_path
    assert file.is_file(), f"no page at /{url_path}"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


def pages(site: Path) -> Iterator[tuple[str, BeautifulSoup]]:
    for file in sorted(site.rglob("*.html")):
        yield file.relative_to(site).as_posix(), BeautifulSoup(file.read_bytes(), "lxml")


def resolve(page: str, href: str) -> str:
    """A link's target as a path in the site folder ('' for the root)."""
    target = unquote(urlsplit(href).path)
    if target.startswith("/"):  # only 404.html uses root-relative links, for any depth
        target, page = target.lstrip("/") or ".", ""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
    return "" if joined == "." else joined


def target_file(site: Path, path: str) -> Path | None:
    candidate = site / path
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def text_of(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ").split())


def facts(soup: BeautifulSoup) -> dict[str, str]:
    """The record's facts list: term -> its value as text."""
    facts_list = soup.select_one("dl.kat-facts")
    if facts_list is None:
        return {}
    return {text_of(dt): _value(dt.find_next_sibling("dd")) for dt in facts_list.find_all("dt")}


def _value(dd: Tag | None) -> str:
    """A fact's value as a reader sees it: list items joined by commas."""
    assert dd is not None
    items = dd.select("li")
    return ", ".join(text_of(li) for li in items) if items else text_of(dd)


CATALOGUE = load_catalogue(CONTENT).catalogue
assert CATALOGUE is not None
RECORDS = [("projects", slug) for slug in CATALOGUE.projects] + [
    ("programmes", slug) for slug in CATALOGUE.programmes
]


@pytest.mark.parametrize(("section", "slug"), RECORDS)
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_record_has_a_page_in_each_language(
    site: Path, section: str, slug: str, lang: str
) -> None:
    soup = parse(site, f"{lang}/{section}/{slug}")
    assert soup.html is not None and soup.html["lang"] == lang
    assert CATALOGUE is not None
    record = CATALOGUE.projects.get(slug) or CATALOGUE.programmes[slug]
    assert text_of(soup.h1) == record.title.get(lang)  # type: ignore[arg-type]
    assert text_of(soup.select_one(".kat-lead")) == record.summary.get(lang)  # type: ignore[arg-type]
    title = text_of(soup.title)
    assert title.startswith(record.title.get(lang))  # type: ignore[arg-type]


def test_project_facts_are_localised(site: Path) -> None:
    nb = facts(parse(site, "nb/projects/polish-municipalities-capacity-building"))
    en = facts(parse(site, "en/projects/polish-municipalities-capacity-building"))
    assert nb["Periode"] == "2019–2023" and en["Period"] == "2019–2023"
    assert nb["Land"] == "Polen" and en["Countries"] == "Poland"
    assert nb["Program"] == "Program for lokal utvikling i Polen"
    assert en["Programme"] == "Local development programme in Poland"
    assert nb["Partnere"] == (
        "KS, Association of Polish Cities, Polsk forskningsinstitutt for arealplanlegging, OECD"
    )
    assert en["Partners"].endswith("Polish research institute for spatial planning, OECD")
    soup = parse(site, "en/projects/polish-municipalities-capacity-building")
    assert text_of(soup.select_one(".kat-status")) == "Completed"  # derived: ended 2023
    assert soup.select_one("#kat-partner-call") is None  # the call was from 2019–2023


# --- Partner calls: open only while the project is not completed and `until` has not passed


def call_section(site: Path, path: str) -> Tag:
    section = parse(site, path).select_one("section.kat-call")
    assert section is not None, path
    return section


def test_an_open_call_is_shown_with_its_contact_and_last_day(site: Path) -> None:
    for lang, heading, until in [
        ("nb", "Søker partnere", "Søket er åpent til og med 1. mars 2027."),
        ("en", "Looking for partners", "The call is open until 1 March 2027."),
    ]:
        call = call_section(site, f"{lang}/projects/test-call-open")
        assert call["data-call"] == "open" and "kat-call--closed" not in call["class"]
        assert text_of(call.h2) == heading
        assert text_of(call.select_one(".kat-call__until")) == until
        contact = call.select_one(".kat-call__contact")
        assert contact is not None and " ".join(contact.get_text().split()) == (
            f"{'Kontakt' if lang == 'nb' else 'Contact'}: Prosjektkontoret, "
            "partnere@example.org, https://example.org/partnere"
        )
        assert [a["href"] for a in contact.select("a")] == [
            "mailto:partnere@example.org",
            "https://example.org/partnere",
        ]
        assert call.select_one(".kat-call__closed") is None


def test_a_closed_call_is_not_shown_as_open(site: Path) -> None:
    for lang, slug, closed in [
        ("nb", "test-call-closed-by-date", "Partnersøket ble avsluttet 1. mars 2025."),
        ("en", "test-call-closed-by-date", "This partner search closed on 1 March 2025."),
        (
            "nb",
            "test-call-closed-by-completion",
            "Partnersøket er avsluttet fordi prosjektet er avsluttet.",
        ),
        (
            "en",
            "test-call-closed-by-completion",
            "This partner search is closed: the project is completed.",
        ),
    ]:
        soup = parse(site, f"{lang}/projects/{slug}")
        call = call_section(site, f"{lang}/projects/{slug}")
        assert call["data-call"] != "open" and "kat-call--closed" in call["class"]
        assert text_of(call.h2) == (
            "Avsluttet partnersøk" if lang == "nb" else "Closed partner search"
        )
        assert text_of(call.select_one(".kat-call__closed")) == closed
        assert call.select(".kat-call__contact, .kat-call__until, a") == []  # no one to reach
        article = text_of(soup.select_one("article.kat-record"))
        assert "Søker partnere" not in article and "Looking for partners" not in article
        assert "filter:partners" not in index_entry(soup)


def test_only_open_calls_count_as_looking_for_partners(site: Path) -> None:
    for lang in ("nb", "en"):
        seeking = sorted(
            page
            for page, soup in pages(site)
            if page.startswith(f"{lang}/") and soup.select('[data-pagefind-filter="partners"]')
        )
        assert seeking == [  # the museum call has no last day and its project no period
            f"{lang}/projects/test-call-open/index.html",
            f"{lang}/projects/test-one-language/index.html",
        ]
        data = json.loads(
            parse(site, f"{lang}/projects").select_one(".kat-search__data").get_text()  # type: ignore[union-attr]
        )
        (partners,) = [facet for facet in data["facets"] if facet["key"] == "partners"]
        assert [(o["value"], o["count"]) for o in partners["options"]] == [("yes", 2)]


def test_warnings_about_closed_calls_do_not_fail_the_strict_build(site: Path) -> None:
    log = (site.parent / "build.log").read_text(encoding="utf-8")
    by_date = (
        "content/projects/test-call-closed-by-date.yml:18:10: warning[K186]: partner_call.until"
    )
    by_completion = "content/projects/test-call-closed-by-completion.yml:13:3: warning[K185]"
    assert by_date in log and by_completion in log
    open_call = [line for line in log.splitlines() if "test-call-open.yml" in line]
    assert not [line for line in open_call if "partner_call" in line], open_call


# --- Programmes and their projects, linked both ways


@pytest.mark.parametrize(
    ("programme", "projects"),
    [
        ("polish-local-development-programme", ["polish-municipalities-capacity-building"]),
        ("norway-ukraine-municipal-cooperation", ["norway-ukraine-municipal-matching"]),
    ],
)
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_programme_and_project_pages_link_each_other(
    site: Path, lang: str, programme: str, projects: list[str]
) -> None:
    programme_page = f"{lang}/programmes/{programme}/index.html"
    listed = parse(site, f"{lang}/programmes/{programme}").select(
        "#kat-projects ~ ul .kat-card__title a"
    )
    assert [resolve(programme_page, a["href"]) for a in listed] == [
        f"{lang}/projects/{slug}" for slug in projects
    ]
    for slug in projects:
        project_page = f"{lang}/projects/{slug}/index.html"
        facts_list = parse(site, f"{lang}/projects/{slug}").select_one("dl.kat-facts")
        assert facts_list is not None
        term = "Program" if lang == "nb" else "Programme"
        (dt,) = [dt for dt in facts_list.find_all("dt") if text_of(dt) == term]
        link = dt.find_next_sibling("dd").a  # type: ignore[union-attr]
        assert resolve(project_page, link["href"]) == f"{lang}/programmes/{programme}"


def test_programme_windows_in_words_with_the_next_opening(site: Path) -> None:
    slug = "swedish-municipal-partnership-programme"
    for lang, windows, following in [
        (
            "nb",
            ["15. februar – 15. mars hvert år", "15. september – 15. oktober hvert år"],
            "Neste søknadsrunde åpner: 15. februar 2027 (Ifølge ICLD, 2016)",
        ),
        (
            "en",
            ["15 February – 15 March every year", "15 September – 15 October every year"],
            "Next application round opens: 15 February 2027 (According to ICLD, 2016)",
        ),
    ]:
        section = parse(site, f"{lang}/programmes/{slug}").select_one("section.kat-windows")
        assert section is not None
        assert [text_of(li) for li in section.select("li")] == windows
        assert text_of(section.select_one(".kat-windows__next")) == following


def test_programme_lists_its_projects(site: Path) -> None:
    soup = parse(site, "nb/programmes/norway-ukraine-municipal-cooperation")
    titles = [text_of(a) for a in soup.select(".kat-related .kat-card__title a")]
    assert titles == ["Matching av norske og ukrainske kommuner"]
    assert text_of(soup.select_one(".kat-status")) == "Foreslått"


def test_country_theme_and_organisation_pages(site: Path) -> None:
    georgia = parse(site, "en/countries/ge")
    assert text_of(georgia.h1) == "Georgia"
    projects = {text_of(a) for a in georgia.select("#kat-projects ~ ul .kat-card__title a")}
    assert projects == {
        "Better gender balance in Georgian municipal councils",
        "Preparing Georgian municipalities for new tasks",
    }
    programmes = [text_of(a) for a in georgia.select("#kat-programmes ~ ul .kat-card__title a")]
    assert programmes == ["Kommunalt partnerskap – Swedish municipal partnership programme"]
    assert text_of(parse(site, "nb/countries/xk").h1) == "Kosovo"
    assert text_of(parse(site, "nb/themes/gender-balance").h1) == "Kjønnsbalanse"
    ks = parse(site, "nb/organisations/ks")
    assert len(ks.select(".kat-card")) == 9  # 3 programmes and 6 projects name KS
    roles = {
        text_of(card.select_one(".kat-card__title")): text_of(card.select_one(".kat-card__roles"))
        for card in ks.select(".kat-card")
    }
    assert roles["Bedre kjønnsbalanse i georgiske kommunestyrer"] == "Rolle: Partner"
    assert roles["EØS-midlene 2014–2021"] == "Rolle: Partner"
    sida = parse(site, "en/organisations/sida")
    assert text_of(sida.select_one(".kat-card__roles")) == "Role: Funder"
    assert facts(ks) == {"Land": "Norge", "Nettside": "https://www.ks.no/"}


def test_index_pages_are_sorted_for_their_readers(site: Path) -> None:
    countries = [text_of(a) for a in parse(site, "nb/countries").select(".kat-entries a")]
    assert countries[-4:] == ["Uganda", "Ukraina", "Vietnam", "Zambia"]
    assert countries.index("Sør-Afrika") < countries.index("Tanzania")
    english = [text_of(a) for a in parse(site, "en/countries").select(".kat-entries a")]
    assert english.index("South Africa") > english.index("Serbia")
    statuses = [
        text_of(card.select_one(".kat-status")) if card.select_one(".kat-status") else None
        for card in parse(site, "en/projects").select(".kat-card")
    ]
    assert statuses.index("Completed") < statuses.index(None)  # unknown status last


def test_language_switches_pair_up_on_every_page(site: Path) -> None:
    checked = 0
    for page, soup in pages(site):
        if page.startswith(("nb/", "en/")) and page != "404.html":
            lang = page[:2]
            other = "en" if lang == "nb" else "nb"
            switch = soup.select_one("a.kat-switch")
            assert switch is not None, page
            assert switch["hreflang"] == other
            target = resolve(page, str(switch["href"]))
            assert target == other + page[2:].removesuffix("index.html").rstrip("/"), page
            back = parse(site, target).select_one("a.kat-switch")
            assert back is not None and resolve(target + "/index.html", str(back["href"])) == (
                page.removesuffix("/index.html")
            )
            # Translations are declared in sitemap.xml (tests/test_outputs.py): a
            # <link rel="alternate"> makes Material's JavaScript fetch a sitemap beside it.
            assert not soup.select('link[rel="alternate"]'), page
            checked += 1
    assert checked > 100


def test_material_interface_follows_the_page_language(site: Path) -> None:
    nb = parse(site, "nb/projects/georgia-municipalities-new-tasks")
    en = parse(site, "en/projects/georgia-municipalities-new-tasks")
    assert text_of(nb.select_one("a.md-skip")) == "Gå til innhold"
    assert text_of(en.select_one("a.md-skip")) == "Skip to content"
    for soup, label, target in [
        (nb, "Søk i katalogen", "../../search/"),
        (en, "Search the catalogue", "../../search/"),
    ]:
        form = soup.select_one("form.kat-header-search")
        assert form is not None and form["action"] == target and form["role"] == "search"
        assert text_of(form.select_one('label[for="kat-header-q"]')) == label
        assert soup.select("input.md-search__input") == []  # Material's lunr search is gone
    for soup, full, short in [
        (nb, "Internasjonalt kommunesamarbeid", "Kommunesamarbeid"),
        (en, "International municipal cooperation", "Municipal cooperation"),
    ]:
        name = soup.select_one(".md-header__topic .md-ellipsis")
        assert name is not None
        assert text_of(name.select_one(".kat-site-name:not([aria-hidden])")) == full
        assert text_of(name.select_one('.kat-site-name--short[aria-hidden="true"]')) == short


def test_a_missing_language_falls_back_marked_and_noted(site: Path) -> None:
    en = parse(site, "en/projects/test-one-language")
    description = en.select_one(".kat-description > div")
    assert description is not None and description["lang"] == "nb"
    assert "bare" in text_of(description)
    notes = [text_of(note) for note in en.select(".kat-note")]
    assert notes == ["This text is only available in Norwegian."]
    link = en.select_one("#kat-links ~ ul a")
    assert link is not None and link["lang"] == "nb" and text_of(link) == "Rapport"
    nb = parse(site, "nb/projects/test-one-language")
    call = nb.select_one(".kat-call__text")
    assert call is not None and call["lang"] == "en"
    assert [text_of(note) for note in nb.select(".kat-note")] == [
        "Denne teksten finnes bare på engelsk."
    ]


def test_a_minimal_record_leaves_no_trace_of_what_it_lacks(site: Path) -> None:
    for lang in ("nb", "en"):
        soup = parse(site, f"{lang}/projects/test-minimal-project")
        article = soup.select_one("article.kat-record")
        assert article is not None
        assert [h2.get("id") for h2 in article.select("h2")] == []
        # Only how current its information is is always said: here, that nobody knows.
        as_of = "Opplysningene gjelder per" if lang == "nb" else "Information as of"
        assert set(facts(soup)) == (
            {"Land", "Temaer", as_of} if lang == "nb" else {"Countries", "Themes", as_of}
        )
        assert facts(soup)[as_of] == ("dato ikke oppgitt" if lang == "nb" else "date not stated")
        assert article.select(".kat-status") == []  # related projects' cards have their own
        for dd in article.select("dd"):
            assert text_of(dd), dd


@pytest.mark.parametrize("word", ["None", "null", "undefined", "{{", "{%"])
def test_no_page_shows_template_leftovers(site: Path, word: str) -> None:
    for page, soup in pages(site):
        main = soup.select_one("main")
        if main is not None:
            assert word not in main.get_text(" "), page


def test_record_text_cannot_inject_markup(site: Path) -> None:
    for lang in ("nb", "en"):
        soup = parse(site, f"{lang}/projects/test-hostile-text")
        assert text_of(soup.h1).startswith("<script>alert(")
        assert soup.select(".md-content script") == []
        assert soup.select(".md-content iframe, .md-content [onerror]") == []
        assert "<b>" in text_of(soup.select_one(".kat-lead"))
        for anchor in soup.select("main a[href]"):
            assert not str(anchor["href"]).lower().startswith("javascript:")
    nb = parse(site, "nb/projects/test-hostile-text")
    assert text_of(nb.select_one(".kat-description")).endswith("lenke")
    en = parse(site, "en/projects/test-hostile-text")
    ok = en.select_one('.kat-description a[href="https://example.org/ok"]')
    assert ok is not None and "noopener" in str(ok.get("rel"))


def test_edit_links_point_at_the_yaml_record(site: Path) -> None:
    soup = parse(site, "nb/projects/georgia-municipalities-new-tasks")
    edit = soup.select_one('a[rel="edit"]')
    assert edit is not None
    assert (
        edit["href"]
        == f"{REPO_URL}/edit/main/content/projects/georgia-municipalities-new-tasks.yml"
    )
    assert parse(site, "nb/countries/ge").select_one('a[rel="edit"]') is None


def test_every_internal_link_resolves(site: Path) -> None:
    checked = 0
    for page, soup in pages(site):
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                value = element.get(attribute)
                if not value:
                    continue
                url = urlsplit(str(value))
                if url.scheme or url.netloc or str(value).startswith("mailto:"):
                    continue
                target = page if not url.path else resolve(page, str(value))
                found = target_file(site, target)
                assert found is not None, f"{page}: {value} -> {target}"
                if url.fragment and found.suffix == ".html":
                    ids = {
                        str(node["id"])
                        for node in BeautifulSoup(found.read_bytes(), "lxml").select("[id]")
                    }
                    assert url.fragment in ids, f"{page}: {value}"
                checked += 1
    assert checked > 1000


def test_the_root_page_offers_both_languages(site: Path) -> None:
    soup = parse(site, "")
    choices = {str(a["hreflang"]): str(a["href"]) for a in soup.select(".kat-choices a")}
    assert choices == {"nb": "nb/", "en": "en/"}
    assert [str(span["lang"]) for span in soup.select("h1 span[lang]")] == ["nb", "en"]
    assert any("navigator.languages" in script.get_text() for script in soup.select("script"))


def test_the_404_page_is_a_catalogue_page_in_both_languages(site: Path) -> None:
    soup = parse(site, "404.html")
    assert soup.html is not None and soup.html["lang"] == "nb"
    assert soup.title is not None
    assert (
        text_of(soup.title) == "Fant ikke siden – Page not found – Internasjonalt kommunesamarbeid"
    )
    assert soup.body is not None and "<title>" not in soup.body.get_text()
    headings = {str(h1.find_parent(lang=True)["lang"]): text_of(h1) for h1 in soup.select("h1")}
    assert headings == {"nb": "Fant ikke siden", "en": "Page not found"}
    for section in soup.select("main section[lang]"):
        assert text_of(section.p)
    # Served at any address: every link starts at the site's root, none at the page.
    links = [str(a["href"]) for a in soup.select("main section a")]
    assert links == ["/nb/", "/nb/search/", "/en/", "/en/search/"]
    form = soup.select_one("form.kat-header-search")
    assert form is not None and form["action"] == "/nb/search/"
    sections = [str(a["href"]) for a in soup.select("nav.kat-sections a")]
    assert sections[0] == "/nb/" and len(sections) >= 5
    for tag in soup.select("link[href], script[src]"):
        address = str(tag.get("href") or tag.get("src"))
        assert address.startswith("/") or urlsplit(address).scheme, address


def test_navigation_does_not_list_every_record(site: Path) -> None:
    """Material renders the navigation into every page: it must stay small."""
    soup = parse(site, "nb/projects/georgia-municipalities-new-tasks")
    project_links = [
        a
        for a in soup.select("a[href]")
        if "/projects/" in str(a["href"]) or "../" in str(a["href"])
    ]
    assert len(soup.select(".md-nav__item")) == 0
    assert len(project_links) < 30


def test_only_the_pages_that_search_or_browse_load_the_search_script(site: Path) -> None:
    """The search and browsing script is loaded where its form is, and nowhere else, and
    no page loads Material's JavaScript: a reader of a record page downloads none of it."""
    loading = set()
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).parts[0] == "pagefind":
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        sources = [str(script["src"]) for script in soup.select("script[src]")]
        assert not [src for src in sources if "assets/javascripts/" in src], page  # Material's
        assert soup.select_one("script#__config") is None, page
        scripts = [src for src in sources if src.endswith("javascripts/catalogue-search.js")]
        assert len(scripts) <= 1, page
        if scripts:
            assert soup.select_one("[data-kat-search]") is not None, page
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(page.relative_to(site).as_posix()), scripts[0])
            )
            assert (site / target).is_file(), page
            loading.add(page.relative_to(site).parent.as_posix())
        else:
            assert soup.select_one("[data-kat-search]") is None, page
    assert loading == {f"{lang}/{name}" for lang in ("nb", "en") for name in ("projects", "search")}


def test_same_content_same_bytes(site: Path, tmp_path: Path) -> None:
    """A second, fresh build of the same content gives the same tree, byte for byte: the
    pages and the whole search index, whose filter and metadata files Pagefind writes in no
    fixed order until the build puts them in one (katalog/site/searchfiles.py)."""
    project = site.parent
    again = copy_project(tmp_path / "again")
    for record in ("test-minimal-project", "test-one-language", "test-hostile-text"):
        source = project / "content" / "projects" / f"{record}.yml"
        (again / "content" / "projects" / f"{record}.yml").write_bytes(source.read_bytes())
    add_partner_calls(again / "content")
    done = build(again, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "KATALOG_REPO_URL": REPO_URL})
    assert done.returncode == 0, done.stdout
    first, second = snapshot(site), snapshot(again / "site")
    assert sum(name.endswith(".html") for name in first) > 150
    assert sum(name.startswith("pagefind/fragment/") for name in first) > 150
    assert sum(name.startswith("pagefind/filter/") for name in first) >= 14
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def index_entry(soup: BeautifulSoup) -> dict[str, list[str]]:
    """The filters, sorts and metadata a page gives Pagefind, as key -> values."""
    entry: dict[str, list[str]] = {}
    for kind in ("filter", "sort", "meta"):
        for element in soup.select(f"[data-pagefind-{kind}]"):
            key = f"{kind}:{element[f'data-pagefind-{kind}']}"
            entry.setdefault(key, []).append(text_of(element))
    return entry


def test_record_pages_give_the_index_every_filter_and_sort_key(site: Path) -> None:
    entry = index_entry(parse(site, "nb/projects/polish-municipalities-capacity-building"))
    entry_seeking = index_entry(parse(site, "nb/projects/test-call-open"))
    assert entry["filter:type"] == ["project"]
    assert entry["filter:country"] == ["pl"]
    assert entry["filter:programme"] == ["polish-local-development-programme"]
    assert entry["filter:status"] == ["completed"]
    assert entry["filter:year"] == ["2019", "2020", "2021", "2022", "2023"]
    assert "filter:partners" not in entry  # no open call for partners
    assert entry_seeking["filter:partners"] == ["yes"]
    assert "polish-spatial-planning-research-institute" in entry["filter:organisation"]
    rank = int(entry["sort:title"][0])
    assert entry["sort:newest"] == [str(20190101 * 100_000 + 99_999 - rank)]
    assert entry["sort:oldest"] == [str(20190101 * 100_000 + rank)]
    assert entry["meta:status"] == ["Avsluttet"] and entry["meta:period"] == ["2019–2023"]
    undated = index_entry(parse(site, "en/projects/georgia-municipalities-new-tasks"))
    undated_rank = int(undated["sort:title"][0])
    assert undated["sort:newest"] == [str(99_999 - undated_rank)]  # last, newest first
    assert undated["sort:oldest"] == [str(99_999_999 * 100_000 + undated_rank)]  # and oldest
    assert "filter:year" not in undated and undated["filter:status"] == ["none"]
    titles = []
    for section, slug in RECORDS:
        page = index_entry(parse(site, f"en/{section}/{slug}"))
        assert set(page) >= {"sort:newest", "sort:oldest", "sort:title", "filter:type"}
        titles.append(int(page["sort:title"][0]))
    assert len(set(titles)) == len(titles)
    georgia = index_entry(parse(site, "en/countries/ge"))
    assert set(georgia) >= {"sort:newest", "sort:oldest", "sort:title", "filter:type"}


def test_only_main_content_is_indexed(site: Path) -> None:
    for page, soup in pages(site):
        bodies = soup.select("[data-pagefind-body]")
        if page.startswith(("nb/projects/", "en/programmes/")) and page.count("/") == 3:
            assert len(bodies) == 1, page
        for body in bodies:
            assert body.select("nav, header.md-header, .kat-switch, footer") == [], page
        if page in (
            "index.html",
            "nb/index.html",
            "nb/projects/index.html",
            "en/search/index.html",
        ):
            assert bodies == [], page
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"nb", "en"}
    assert entry["languages"]["nb"]["page_count"] == entry["languages"]["en"]["page_count"]


def test_collection_pages_say_what_they_hold(site: Path) -> None:
    for path, expected in (
        ("nb/countries/ge", "Programmer og prosjekter i katalogen som foregår i Georgia."),
        ("en/countries/ge", "Programmes and projects in the catalogue that take place in Georgia."),
        (
            "nb/themes/local-democracy",
            "Programmer og prosjekter i katalogen med temaet «Lokaldemokrati».",
        ),
        (
            "en/organisations/ks",
            "Programmes and projects in the catalogue that KS takes part in, and its role in each.",
        ),
    ):
        lead = parse(site, path).select_one("h1 ~ p.kat-collection__lead")
        assert lead is not None and text_of(lead) == expected, path


def test_an_entry_no_record_names_is_not_counted_as_zero(site: Path) -> None:
    for lang, words in (
        ("nb", "ingen programmer eller prosjekter ennå"),
        ("en", "no programmes or projects yet"),
    ):
        counts = [
            text_of(span) for span in parse(site, f"{lang}/organisations").select(".kat-count")
        ]
        assert "(0)" not in counts
        assert f"– {words}" in counts  # the Council of Europe is named by no record


def test_records_without_a_status_can_be_filtered_as_not_stated(site: Path) -> None:
    soup = parse(site, "nb/projects")
    data = json.loads(soup.select_one(".kat-search__data").get_text())  # type: ignore[union-attr]
    status = next(facet for facet in data["facets"] if facet["key"] == "status")
    values = [option["value"] for option in status["options"]]
    assert values[-1] == "none"
    assert status["options"][-1]["label"] == "Status ikke oppgitt"
    page = parse(site, "nb/projects/test-minimal-project")
    filters = {
        span["data-pagefind-filter"]: text_of(span)
        for span in page.select("[data-pagefind-filter]")
    }
    assert filters["status"] == "none"
