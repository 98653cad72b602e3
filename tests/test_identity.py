"""The site's own parts, in built and parsed HTML: the footer on every page, the publisher
setting, the About, accessibility and privacy pages, the logo, and nothing from other hosts.

Two real builds: one as published (the repository's address and a publisher with name,
e-mail and postal address set in a copy of mkdocs.yml) and one with neither.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from katalog.editors.issueform import FORM_PATH
from katalog.records.pagetexts import PAGES
from katalog.settings import SettingsError, from_config
from katalog.site import urls
from katalog.site.texts import text
from tests.paths import REPO
from tests.support import BUILD_DATE_EPOCH, build, copy_project

REPO_URL = "https://github.com/example/katalog"
LANGUAGES = "    languages: [nb, en]\n"
"""The line of mkdocs.yml the publisher setting is put after, in test builds."""
PUBLISHER = """\
    publisher:
      name: {nb: Testutgiveren, en: The test publisher}
      email: post@example.org
      address: |
        Postboks 1
        0101 Oslo
"""
LANGS = ("nb", "en")


def _built(project: Path, env: dict[str, str]) -> Path:
    done = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, **env})
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("published") / "project")
    config = project / "mkdocs.yml"
    settings = config.read_text(encoding="utf-8")
    assert LANGUAGES in settings
    config.write_text(settings.replace(LANGUAGES, LANGUAGES + PUBLISHER), encoding="utf-8")
    return _built(project, {"KATALOG_REPO_URL": REPO_URL})


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(copy_project(tmp_path_factory.mktemp("plain") / "project"), {})


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_bytes(), "lxml")


def html_files(site: Path) -> Iterator[str]:
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        if not relative.startswith("pagefind/"):
            yield relative


def resolves(site: Path, page: str, href: str) -> bool:
    """Whether a site-internal link from `page` leads to a built file."""
    path = urlsplit(href).path
    # The 404 page links from the site's root, every other page from itself.
    start = site if path.startswith("/") else (site / page).parent
    target = (start / path.lstrip("/")).resolve()
    return (target / "index.html").is_file() if target.is_dir() else target.is_file()


def footer_links(soup: BeautifulSoup) -> list[tuple[str, str]]:
    nav = soup.select_one("footer nav.kat-footer__nav")
    assert nav is not None
    return [(a.get_text(strip=True), str(a["href"])) for a in nav.select("a")]


def page_lang(page: str) -> str:
    return page[:2] if page[:3] in ("nb/", "en/") else "nb"


def test_every_page_has_the_footer_with_links_that_resolve(published: Path) -> None:
    checked = 0
    for page in html_files(published):
        soup = soup_of(published, page)
        lang = page_lang(page)
        links = footer_links(soup)
        labels = [text(lang, f"footer.{name}") for name in PAGES] + [
            text(lang, "data.footer"),
            text(lang, "footer.propose"),
            text(lang, "footer.issues"),
        ]
        assert [label for label, _ in links] == labels, page
        internal, external = links[:4], links[4:]
        for label, href in internal:
            assert resolves(published, page, href), f"{page}: {label} -> {href}"
        expected = [f"{REPO_URL}/issues/new?template=propose-project.yml", f"{REPO_URL}/issues"]
        assert [href for _, href in external] == expected, page
        checked += 1
    assert checked > 100


def test_footer_links_lead_to_the_pages_of_the_same_language(published: Path) -> None:
    for lang in LANGS:
        soup = soup_of(published, f"{lang}/projects/georgia-municipalities-new-tasks/index.html")
        hrefs = [href for _, href in footer_links(soup)[:4]]
        assert hrefs == ["../../about/", "../../accessibility/", "../../privacy/", "../../data/"]


def test_the_propose_form_is_the_repositorys_issue_form() -> None:
    assert PurePosixPath(FORM_PATH).name == urls.PROPOSE_FORM
    assert (REPO / FORM_PATH).is_file()
    assert urls.propose("https://github.com/o/r/") == (
        "https://github.com/o/r/issues/new?template=propose-project.yml"
    )


def test_the_publisher_is_named_with_email_and_address_when_set(published: Path) -> None:
    for lang, name in (("nb", "Testutgiveren"), ("en", "The test publisher")):
        soup = soup_of(published, f"{lang}/index.html")
        section = soup.select_one("footer .kat-footer__publisher")
        assert section is not None
        heading = section.select_one("h2")
        assert heading is not None
        assert heading.get_text(strip=True) == text(lang, "footer.publisher")
        assert section.select_one(".kat-footer__name").get_text(strip=True) == name  # type: ignore[union-attr]
        email = section.select_one('a[href^="mailto:"]')
        assert email is not None and email["href"] == "mailto:post@example.org"
        address = section.select_one("address")
        assert address is not None
        assert [line.strip() for line in address.stripped_strings] == ["Postboks 1", "0101 Oslo"]
        assert len(address.select("br")) == 1


def test_without_a_publisher_or_repository_the_footer_names_neither(plain: Path) -> None:
    for page in ("nb/index.html", "en/about/index.html", "404.html", "index.html"):
        soup = soup_of(plain, page)
        assert soup.select_one("footer .kat-footer__publisher") is None, page
        assert soup.select_one("footer address, footer a[href^='mailto:']") is None, page
        lang = page_lang(page)
        labels = [label for label, _ in footer_links(soup)]
        assert labels == [text(lang, f"footer.{name}") for name in PAGES] + [
            text(lang, "data.footer")
        ]
        assert "/issues" not in str(soup.select_one("footer"))


def test_a_publisher_setting_that_cannot_be_used_is_named() -> None:
    base = Path()

    def settings(publisher: object) -> object:
        return from_config({"extra": {"katalog": {"publisher": publisher}}}, base).publisher

    assert settings({"email": "a@b.no"}).email == "a@b.no"  # type: ignore[attr-defined]
    for wrong, message in (
        ({"mail": "a@b.no"}, "takes `name`, `email` and `address`"),
        ({"email": "not an address"}, "publisher.email must be an e-mail address"),
        ({"name": {"de": "Herausgeber"}}, "publisher.name needs a text"),
        ({"address": 12}, "publisher.address must be a text"),
    ):
        with pytest.raises(SettingsError, match=message):
            settings(wrong)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_the_sites_own_pages_exist_in_each_language(published: Path, name: str, lang: str) -> None:
    source = (REPO / "content" / "pages" / f"{name}.{lang}.md").read_text(encoding="utf-8")
    title = source.splitlines()[0].removeprefix("# ")
    soup = soup_of(published, f"{lang}/{name}/index.html")
    assert soup.html is not None and soup.html["lang"] == lang
    assert soup.title is not None
    assert soup.title.get_text(strip=True) == f"{title} – {text(lang, 'site.name')}"
    h1 = soup.select("main h1")
    assert [h.get_text(strip=True) for h in h1] == [title]
    # The text's own sections stay h2s, under the page's h1.
    sections = [line[3:] for line in source.splitlines() if line.startswith("## ")]
    assert [h.get_text(strip=True) for h in soup.select("main h2")] == sections
    other = "en" if lang == "nb" else "nb"
    switch = soup.select_one("a.kat-switch")
    assert switch is not None and switch["hreflang"] == other
    assert switch["href"] == f"../../{other}/{name}/"
    description = soup.select_one('meta[name="description"]')
    assert description is not None and len(str(description["content"])) > 20


def test_the_accessibility_statement_names_the_standard_and_the_authority(
    published: Path,
) -> None:
    for lang in LANGS:
        body = soup_of(published, f"{lang}/accessibility/index.html").select_one("main")
        assert body is not None
        words = body.get_text(" ")
        assert "WCAG 2.1" in words and "Uutilsynet" in words
        assert ("2. desember 2026" if lang == "nb" else "2 December 2026") in words


def test_page_texts_pass_through_the_sanitiser(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    about = project / "content" / "pages" / "about.en.md"
    about.write_text(
        "# About\n\n<script>alert(1)</script> [link](javascript:alert(2)) **fine**\n",
        encoding="utf-8",
    )
    site = _built(project, {})
    main = soup_of(site, "en/about/index.html").select_one("main article.kat-text-page")
    assert main is not None
    assert main.select("script") == [] and main.select_one("strong") is not None
    assert "javascript:" not in str(main)


def test_a_missing_page_text_stops_the_build_naming_the_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "content" / "pages" / "privacy.en.md").unlink()
    (project / "content" / "pages" / "about.nb.md").write_text("Uten tittel\n", encoding="utf-8")
    done = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH})
    assert done.returncode != 0
    assert (
        "content/pages/privacy.en.md:1:1: error[K058]: missing: the privacy note has no text "
        "in 'en': write this file"
    ) in done.stderr
    assert "content/pages/about.nb.md:1:1: error[K059]" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / "site").exists()


def test_the_logo_is_an_svg_with_a_name_used_as_logo_and_favicon(published: Path) -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert config["theme"]["logo"] == config["theme"]["favicon"] == "assets/logo.svg"
    svg = etree.parse(REPO / "docs" / "assets" / "logo.svg").getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.tag == f"{ns}svg" and svg.get("role") == "img"
    title = svg.find(f"{ns}title")
    assert title is not None and title.get("id") == svg.get("aria-labelledby")
    assert (title.text or "").strip() == text("nb", "site.name")
    for lang in LANGS:
        soup = soup_of(published, f"{lang}/projects/index.html")
        logo = soup.select_one(".md-header a.md-logo img")
        assert logo is not None and logo["alt"] == text(lang, "site.name")
        assert resolves(published, f"{lang}/projects/index.html", str(logo["src"]))
        assert str(logo["src"]).endswith("assets/logo.svg")
        icon = soup.select_one('link[rel="icon"]')
        assert icon is not None and str(icon["href"]).endswith("assets/logo.svg")
    assert (published / "assets" / "logo.svg").read_bytes() == (
        REPO / "docs" / "assets" / "logo.svg"
    ).read_bytes()


def test_nothing_is_loaded_from_another_host_and_nothing_tracks(published: Path) -> None:
    """What the privacy page says, in the configuration and the built pages: system fonts,
    no analytics, no cookie consent (no cookies to consent to), no colour-scheme toggle
    that would remember a choice, no repository facts fetched from the forge's API."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert config["theme"]["font"] is False
    assert "palette" not in config["theme"]
    assert not {"analytics", "consent"} & set(config["extra"])
    for page in html_files(published):
        soup = soup_of(published, page)
        for tag in soup.select("script[src], link[href], img[src], iframe, source[src]"):
            address = str(tag.get("src") or tag.get("href") or "")
            if tag.name == "link" and tag.get("rel") == ["canonical"]:
                continue
            assert not urlsplit(address).netloc, f"{page}: {tag.name} from {address}"
        assert soup.select('[data-md-component="source"], [data-md-component="consent"]') == []
        assert "googleapis" not in str(soup) and "gtag(" not in str(soup)


def test_the_three_language_fixture_has_every_page_text() -> None:
    """The fixture site has the site's own pages in nb, nn and en (its build is tested in
    tests/test_languages.py)."""
    folder = REPO / "tests" / "fixtures" / "sites" / "three-languages" / "content" / "pages"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{name}.{lang}.md" for name in PAGES for lang in ("nb", "nn", "en")
    )


def _css_blocks(text: str) -> list[tuple[str, int]]:
    """Each block's prelude (the selector or at-rule before its `{`) and its depth, with
    comments and strings left out; raises on a `}` that closes nothing or a block left open."""
    import re

    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', text)
    blocks: list[tuple[str, int]] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char == "{":
            prelude = text[start:index].rsplit(";", 1)[-1].strip()
            blocks.append((prelude, depth))
            depth += 1
            start = index + 1
        elif char == "}":
            depth -= 1
            assert depth >= 0, f"a }} that closes nothing, at character {index}"
            start = index + 1
        elif char == ";":
            start = index + 1
    assert depth == 0, f"{depth} block(s) left open: every later rule would nest in them"
    return blocks


def test_the_stylesheet_has_no_rule_left_open_or_nested_by_mistake() -> None:
    """An unclosed rule turns every rule after it into a rule nested in it (CSS nesting),
    which matches nothing: each style rule stands at the top level or in an at-rule."""
    blocks = _css_blocks((REPO / "docs/stylesheets/catalogue.css").read_text(encoding="utf-8"))
    assert len(blocks) > 100
    parents: list[str] = []
    for prelude, depth in blocks:
        del parents[depth:]
        if depth:
            assert parents[-1].startswith("@"), f"{prelude!r} is nested in {parents[-1]!r}"
        parents.append(prelude)


def test_the_stylesheet_check_finds_a_rule_left_open() -> None:
    with pytest.raises(AssertionError, match="left open"):
        _css_blocks("a { color: red; }\n.b:focus { outline: 0;\n.c { color: blue; }")
    with pytest.raises(AssertionError, match="closes nothing"):
        _css_blocks("a { color: red; } }")
