"""The site's own look and promises, in a real browser: contrast, focus outlines, the footer,
the site's own pages, and what a visit leaves behind (no cookies, no storage, no other host).

One build, as the publishing workflow makes it (with the repository's address, so the
header links the repository and the footer offers the issue form) and with a publisher
named in the footer, served from localhost
to Debian's Chromium. Contrast is measured as WCAG 2.1 defines it, from the colours the
browser computes: each visible piece of text against the background it is drawn on (the
first opaque background up the tree, with any translucent ones in between laid over it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from katalog.site.texts import text
from tests.support import BUILD_DATE_EPOCH, LOCAL_HOSTS, browse, build, copy_project, page_opener
from tests.test_browser import horizontal_overflow
from tests.test_identity import LANGUAGES, PUBLISHER

TIMEOUT_MS = 10_000
REPO_URL = "https://github.com/example/katalog"
LOCALE = {"nb": "nb-NO", "en": "en-GB"}


@dataclass(frozen=True)
class Site:
    base: str
    browser: Browser

    def url(self, path: str = "") -> str:
        return self.base + path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = copy_project(tmp_path_factory.mktemp("identity") / "project")
    config = project / "mkdocs.yml"  # a publisher, so that its colours are measured too
    settings = config.read_text(encoding="utf-8")
    config.write_text(settings.replace(LANGUAGES, LANGUAGES + PUBLISHER), encoding="utf-8")
    result = build(
        project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "KATALOG_REPO_URL": REPO_URL}
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    with browse(project / "site") as (base, browser):
        yield Site(base=base, browser=browser)


@pytest.fixture
def open_page(site: Site) -> Iterator[Callable[..., Page]]:
    with page_opener(site.browser, TIMEOUT_MS) as opener:
        yield opener


PAGE_TYPES = {
    "home": "{lang}/",
    "projects": "{lang}/projects/",
    "programmes": "{lang}/programmes/",
    "countries": "{lang}/countries/",
    "themes": "{lang}/themes/",
    "organisations": "{lang}/organisations/",
    "project": "{lang}/projects/polish-municipalities-capacity-building/",
    "programme": "{lang}/programmes/eea-grants-2014-2021/",
    "country": "{lang}/countries/ge/",
    "theme": "{lang}/themes/local-democracy/",
    "organisation": "{lang}/organisations/ks/",
    "search": "{lang}/search/?q=kommune",
    "data": "{lang}/data/",
    "about": "{lang}/about/",
    "accessibility": "{lang}/accessibility/",
    "privacy": "{lang}/privacy/",
    "missing": "{lang}/no/such/page/",
}
"""A page of every type, in each language."""

COLOUR = """
  const parse = value => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = i => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const luminance = c => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  // The colour behind `element`: backgrounds up the tree, laid over each other until an
  // opaque one (the page is white below everything). null where an image is in the way.
  const background = element => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.backgroundImage !== "none") return null;
      const colour = parse(style.backgroundColor);
      if (colour && colour[3] > 0) {
        layers.push(colour);
        if (colour[3] >= 1) break;
      }
    }
    let result = [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const opacity = element => {
    let value = 1;
    for (let e = element; e; e = e.parentElement) value *= Number(getComputedStyle(e).opacity);
    return value;
  };
  const describe = e =>
    e.tagName.toLowerCase() + (e.className && typeof e.className === "string"
      ? "." + e.className.trim().split(/\\s+/).join(".") : "");
"""

TEXT_CONTRAST = (
    "() => {"
    + COLOUR
    + """
  const failures = [];
  let checked = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || !element || seen.has(element)) continue;
    seen.add(element);
    if (element.closest("script, style, noscript, template, svg")) continue;
    const style = getComputedStyle(element);
    if (style.visibility !== "visible" || style.display === "none") continue;
    const box = element.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // visually hidden, for screen readers
    const seenOpacity = opacity(element);
    if (seenOpacity === 0) continue;  // a closed menu
    const behind = background(element);
    if (behind === null) continue;
    const ink = parse(style.color);
    const shown = over([ink[0], ink[1], ink[2], ink[3] * seenOpacity], behind);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const needed = large ? 3 : 4.5;
    const value = ratio(shown, behind);
    checked += 1;
    if (value < needed) {
      failures.push(`${describe(element)} "${node.textContent.trim().slice(0, 40)}": `
        + `${value.toFixed(2)} < ${needed} (${style.color} on `
        + `rgb(${behind.slice(0, 3).map(Math.round)}))`);
    }
  }
  return {checked, failures};
}"""
)

FOCUS_CONTRAST = (
    "() => {"
    + COLOUR
    + """
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  const box = e.getBoundingClientRect();
  const behind = background(e.parentElement || e);
  const outline = parse(style.outlineColor);
  const width = parseFloat(style.outlineWidth);
  return {
    element: describe(e) + " " + (e.getAttribute("href") || e.textContent.trim().slice(0, 30)),
    visible: box.width > 0 && box.height > 0,
    style: style.outlineStyle,
    width,
    ratio: behind && outline ? ratio(over(outline, behind), behind) : null,
  };
}"""
)


def settle(page: Page, path: str) -> None:
    """Wait until the page's search (where it has one) has shown its results."""
    if "search/" in path or path.endswith("projects/"):
        page.wait_for_selector(".kat-search--ready", timeout=TIMEOUT_MS)
        page.wait_for_function(
            "() => !document.querySelector('.kat-search[aria-busy=\"true\"]')",
            timeout=TIMEOUT_MS,
        )
        # Results fade while a search runs: measure them once they are shown in full.
        page.wait_for_function(
            "() => [...document.querySelectorAll('.kat-search__results')]"
            ".every(e => getComputedStyle(e).opacity === '1')",
            timeout=TIMEOUT_MS,
        )


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_every_text_meets_wcag_aa_contrast(
    site: Site, open_page: Callable[..., Page], kind: str, lang: str
) -> None:
    page = open_page(viewport={"width": 1280, "height": 900}, locale=LOCALE[lang])
    path = PAGE_TYPES[kind].format(lang=lang)
    page.goto(site.url(path))
    settle(page, path)
    result: dict[str, Any] = page.evaluate(TEXT_CONTRAST)
    assert result["checked"] > 20, f"{path}: only {result['checked']} texts measured"
    assert result["failures"] == [], f"{path}: text under WCAG AA contrast: {result['failures']}"


def test_the_root_page_meets_wcag_aa_contrast(site: Site, open_page: Callable[..., Page]) -> None:
    page = open_page(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page.goto(site.url())
    result: dict[str, Any] = page.evaluate(TEXT_CONTRAST)
    assert result["checked"] > 5
    assert result["failures"] == [], result["failures"]


@pytest.mark.parametrize(
    "kind", ["home", "project", "search", "about", "data", "organisation", "missing"]
)
def test_every_focus_outline_shows_with_3_to_1_contrast(
    site: Site, open_page: Callable[..., Page], kind: str
) -> None:
    page = open_page(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    path = PAGE_TYPES[kind].format(lang="nb")
    page.goto(site.url(path))
    settle(page, path)
    stops: list[dict[str, Any]] = []
    for _ in range(120):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_CONTRAST)
        if stop is None or (stops and stop["element"] == stops[0]["element"]):
            break
        stops.append(stop)
    assert len(stops) > 10, f"{path}: Tab reached only {stops}"
    weak = [
        stop
        for stop in stops
        if stop["visible"]
        and (stop["style"] == "none" or stop["width"] < 1 or (stop["ratio"] or 0) < 3)
    ]
    assert weak == [], f"{path}: focus outlines missing or under 3:1: {weak}"


# The footer and the site's own pages.


FOOTER_LINKS = {
    "nb": [
        ("Om katalogen", "nb/about/"),
        ("Tilgjengelighetserklæring", "nb/accessibility/"),
        ("Personvern", "nb/privacy/"),
        ("Åpne data", "nb/data/"),
        ("Foreslå et prosjekt", f"{REPO_URL}/issues/new?template=propose-project.yml"),
        ("Meld fra om feil", f"{REPO_URL}/issues"),
    ],
    "en": [
        ("About the catalogue", "en/about/"),
        ("Accessibility statement", "en/accessibility/"),
        ("Privacy", "en/privacy/"),
        ("Open data", "en/data/"),
        ("Propose a project", f"{REPO_URL}/issues/new?template=propose-project.yml"),
        ("Report a problem", f"{REPO_URL}/issues"),
    ],
}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("name", ["about", "accessibility", "privacy"])
def test_the_sites_own_pages_fit_and_their_footer_works(
    site: Site, open_page: Callable[..., Page], name: str, lang: str, width: int
) -> None:
    page = open_page(viewport={"width": width, "height": 800}, locale=LOCALE[lang])
    page.goto(site.url(f"{lang}/{name}/"))
    assert page.evaluate("document.documentElement.lang") == lang
    expect(page.locator("h1")).to_be_visible()
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], (
        f"{lang}/{name}/ is {overflow['scrollWidth']}px wide in a {width}px window; "
        f"sticking out: {overflow['culprits']}"
    )
    links = page.locator("footer nav.kat-footer__nav a")
    found = [
        (text.strip(), href)
        for text, href in links.evaluate_all("as => as.map(a => [a.textContent, a.href])")
    ]
    assert [text for text, _ in found] == [text for text, _ in FOOTER_LINKS[lang]]
    for (_, href), (_, expected) in zip(found, FOOTER_LINKS[lang], strict=True):
        assert href == (expected if expected.startswith("https://") else site.url(expected))
    for index in range(links.count()):
        link = links.nth(index)
        link.scroll_into_view_if_needed()
        expect(link).to_be_in_viewport()
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        assert box["height"] >= 24, f"{found[index][0]}: a {box['height']}px target is too small"
    # The footer leads on: its link to the About page opens it in the same language.
    links.first.click()
    page.wait_for_url(site.url(f"{lang}/about/"))
    expect(page.locator("h1")).to_have_text(
        "Om katalogen" if lang == "nb" else "About the catalogue"
    )


@pytest.mark.parametrize("name", ["about", "accessibility", "privacy"])
def test_the_sites_own_pages_switch_language(
    site: Site, open_page: Callable[..., Page], name: str
) -> None:
    page = open_page(locale="nb-NO")
    page.goto(site.url(f"nb/{name}/"))
    switch = page.locator("a.kat-switch")
    expect(switch).to_have_attribute("hreflang", "en")
    switch.click()
    page.wait_for_url(site.url(f"en/{name}/"))
    assert page.evaluate("document.documentElement.lang") == "en"


# What a visit leaves behind.


def test_a_visit_sets_no_cookie_stores_nothing_and_asks_no_other_host(
    site: Site, open_page: Callable[..., Page]
) -> None:
    """The privacy page's promises: no cookies, nothing in the browser's storage, no
    request to another host, through pages of every kind and a search."""
    page = open_page(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for kind in ("home", "project", "programme", "projects", "search", "about", "data"):
        path = PAGE_TYPES[kind].format(lang="nb")
        page.goto(site.url(path))
        settle(page, path)
    page.locator("#kat-header-q").fill("Polen")
    page.locator("#kat-header-q").press("Enter")
    page.wait_for_url("**/nb/search/?q=Polen")
    settle(page, "nb/search/")
    expect(page.locator(".kat-search__results li").first).to_be_visible()
    page.locator("a.kat-switch").click()
    page.wait_for_url("**/en/search/**")
    settle(page, "en/search/")

    assert page.context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    storage = page.evaluate(
        "() => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage)})"
    )
    assert storage == {"local": [], "session": []}
    elsewhere = sorted({url for url in requested if urlsplit(url).hostname not in LOCAL_HOSTS})
    assert elsewhere == []
    assert len(requested) > 20  # the pages, their styles, scripts and the search index


def test_the_logo_is_shown_with_the_sites_name(site: Site, open_page: Callable[..., Page]) -> None:
    page = open_page(viewport={"width": 1280, "height": 800}, locale="en-GB")
    page.goto(site.url("en/"))
    logo = page.locator(".md-header img").first
    expect(logo).to_be_visible()
    expect(logo).to_have_attribute("alt", text("en", "site.name"))
    assert page.evaluate("document.querySelector('.md-header img').naturalWidth") > 0
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon is not None and Path(urlsplit(icon).path).name == "logo.svg"


def test_the_contrast_measure_catches_pale_text(site: Site, open_page: Callable[..., Page]) -> None:
    """The measure above finds what it is meant to: grey on white, and text on a
    translucent layer over a dark background."""
    page = open_page(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page.goto(site.url("nb/about/"))
    # Styled through the CSSOM: the pages' content security policy blocks style attributes.
    page.evaluate(
        """() => {
          const add = (parent, tag, style, text) => {
            const element = document.createElement(tag);
            Object.assign(element.style, style);
            if (text) element.textContent = text;
            parent.append(element);
            return element;
          };
          const main = document.querySelector("article");
          add(main, "p", {color: "#999"}, "pale grey text");
          const dark = add(main, "div", {background: "#0b3a47"});
          const veil = add(dark, "div", {background: "rgba(255,255,255,0.7)"});
          add(veil, "span", {color: "#ffffff"}, "white on a light veil");
        }"""
    )
    result: dict[str, Any] = page.evaluate(TEXT_CONTRAST)
    failing = " ".join(result["failures"])
    assert "pale grey text" in failing and "white on a light veil" in failing
    assert len(result["failures"]) == 2, result["failures"]
