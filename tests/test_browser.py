"""The built site in a real browser: language choice, layout, keyboard use, language switch.

One build and one Chromium (Debian's, installed by .ci/run; Playwright downloads none) for the
whole module. Every page is served from localhost; requests anywhere else (web fonts) are
blocked, so the tests need no network and show the site as a reader without them sees it.
Full-page screenshots go to the folder named by KATALOG_SCREENSHOTS, if set, for a person to
look at; otherwise to pytest's temporary folder.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from katalog.site.texts import text
from tests.support import BUILD_DATE_EPOCH, browse, build, copy_project, page_opener

TIMEOUT_MS = 10_000
PROJECT = "polish-municipalities-capacity-building"
SKIP_TEXT = {"nb": "Gå til innhold", "en": "Skip to content"}
LOCALE = {"nb": "nb-NO", "en": "en-GB"}


@dataclass(frozen=True)
class Site:
    base: str
    """The served site's root URL, ending in /."""
    project: Path
    browser: Browser

    def url(self, path: str = "") -> str:
        return self.base + path

    def project_url(self, lang: str, slug: str = PROJECT) -> str:
        return self.url(f"{lang}/projects/{slug}/")

    def title(self, lang: str, slug: str = PROJECT) -> str:
        record = yaml.safe_load(
            (self.project / "content" / "projects" / f"{slug}.yml").read_text(encoding="utf-8")
        )
        title: str = record["title"][lang]
        return title


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = copy_project(tmp_path_factory.mktemp("browser") / "project")
    result = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH})
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    with browse(project / "site") as (base, browser):
        yield Site(base=base, project=project, browser=browser)


@pytest.fixture
def open_page(site: Site) -> Iterator[Callable[..., Page]]:
    """Opens a page in a fresh browser context; fails on JavaScript errors; closes them all."""
    with page_opener(site.browser, TIMEOUT_MS) as opener:
        yield opener


def html_lang(page: Page) -> str:
    lang: str = page.evaluate("document.documentElement.lang")
    return lang


def screenshot_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("KATALOG_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def horizontal_overflow(page: Page) -> dict[str, Any]:
    """The page's width against the window's, with the first elements sticking out."""
    overflow: dict[str, Any] = page.evaluate(
        """() => {
          const clipped = e => {
            for (let up = e.parentElement; up && up !== document.body; up = up.parentElement) {
              if (getComputedStyle(up).overflowX !== "visible") return true;
            }
            return false;
          };
          return {
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            culprits: [...document.querySelectorAll("body *")]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                .filter(e => getComputedStyle(e).visibility !== "hidden")
                .filter(e => !clipped(e))
                .slice(0, 10)
                .map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "")
                     + " right=" + Math.round(e.getBoundingClientRect().right)),
          };
        }"""
    )
    return overflow


# The root page: a language chooser.


def expect_redirect(page: Page, url: str) -> None:
    try:
        page.wait_for_url(url, timeout=5_000)
    except PlaywrightTimeoutError:
        languages = page.evaluate("navigator.languages")
        pytest.fail(f"a browser preferring {languages} stayed on {page.url}, not sent to {url}")


@pytest.mark.parametrize(
    ("locale", "lang"), [("nb-NO", "nb"), ("nn-NO", "nb"), ("en-GB", "en"), ("en-US", "en")]
)
def test_root_sends_the_browser_to_its_preferred_language(
    site: Site, open_page: Callable[..., Page], locale: str, lang: str
) -> None:
    page = open_page(locale=locale)
    page.goto(site.url())
    expect_redirect(page, site.url(f"{lang}/"))
    assert html_lang(page) == lang
    expect(page.locator("h1")).to_be_visible()


def test_root_tries_each_preferred_language_in_turn(
    site: Site, open_page: Callable[..., Page]
) -> None:
    page = open_page(locale="de-DE")
    page.add_init_script(
        "Object.defineProperty(navigator, 'languages', {get: () => ['de-DE', 'fr', 'en-US']})"
    )
    page.goto(site.url())
    expect_redirect(page, site.url("en/"))
    assert html_lang(page) == "en"


def expect_both_choices(site: Site, page: Page) -> None:
    for lang in ("nb", "en"):
        link = page.locator(f"main a[hreflang={lang}]")
        expect(link).to_be_visible()
        assert link.evaluate("a => a.href") == site.url(f"{lang}/")


def test_root_stays_for_a_language_the_site_does_not_have(
    site: Site, open_page: Callable[..., Page]
) -> None:
    page = open_page(locale="de-DE")
    page.goto(site.url())
    page.wait_for_timeout(500)  # time for a redirect, were there one
    assert page.url == site.url()
    expect_both_choices(site, page)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_root_without_javascript_offers_working_links(
    site: Site, open_page: Callable[..., Page], lang: str
) -> None:
    page = open_page(java_script_enabled=False, locale="nb-NO")
    page.goto(site.url())
    page.wait_for_timeout(300)
    assert page.url == site.url()
    expect_both_choices(site, page)
    page.locator(f"main a[hreflang={lang}]").click()
    page.wait_for_url(site.url(f"{lang}/"))
    assert html_lang(page) == lang
    expect(page.locator("h1")).to_be_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_root_fits_the_window(site: Site, open_page: Callable[..., Page], width: int) -> None:
    """The header's language menu, closed, at the right edge: it must not widen the page."""
    page = open_page(viewport={"width": width, "height": 800}, locale="de-DE")
    page.goto(site.url())
    expect_both_choices(site, page)
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], (
        f"the root page is {overflow['scrollWidth']}px wide in a {width}px window; "
        f"sticking out: {overflow['culprits']}"
    )


# A project page: renders, fits narrow and wide screens, screenshot for a person to check.


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_project_page_renders_without_horizontal_overflow(
    site: Site, open_page: Callable[..., Page], tmp_path: Path, lang: str, width: int
) -> None:
    page = open_page(viewport={"width": width, "height": 800}, locale=LOCALE[lang])
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(site.project_url(lang))
    assert response is not None and response.ok

    assert html_lang(page) == lang
    heading = page.locator("h1")
    expect(heading).to_have_count(1)
    expect(heading).to_be_visible()
    expect(heading).to_have_text(site.title(lang))

    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], (
        f"{lang} page is {overflow['scrollWidth']}px wide in a {width}px window; "
        f"sticking out: {overflow['culprits']}"
    )

    shot = screenshot_folder(tmp_path) / f"project-{PROJECT}-{lang}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    shot_width, shot_height = struct.unpack(">II", data[16:24])
    assert shot_width == width, "the full-page screenshot is wider than the window"
    assert shot_height >= 800
    assert len(data) > 20_000, f"{shot} is suspiciously small: {len(data)} bytes"
    assert errors == [], f"JavaScript errors on the page: {errors}"


# The 404 page, served for an address the site lacks.


@pytest.mark.parametrize("width", [390, 1280])
def test_a_missing_address_gets_the_bilingual_404_page(
    site: Site, open_page: Callable[..., Page], width: int
) -> None:
    page = open_page(viewport={"width": width, "height": 800}, locale="nb-NO")
    response = page.goto(site.url("nb/no/such/page/"))
    assert response is not None and response.status == 404
    assert html_lang(page) == "nb"
    assert page.title().startswith("Fant ikke siden")
    for lang, heading in (("nb", "Fant ikke siden"), ("en", "Page not found")):
        expect(page.locator(f"main [lang={lang}] h1")).to_have_text(heading)
        expect(page.locator(f"main [lang={lang}] h1")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("<title>")
    # The stylesheets load from this depth: the catalogue's header search is laid out.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('form.kat-header-search')).display")
        == "flex"
    )
    expect(page.locator("nav.kat-sections a").first).to_be_visible()
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], (
        f"the 404 page is {overflow['scrollWidth']}px wide in a {width}px window; "
        f"sticking out: {overflow['culprits']}"
    )
    page.locator("main [lang=en] a[href$='/en/']").click()
    page.wait_for_url(site.url("en/"))
    assert html_lang(page) == "en"


# The header on a phone and on a wide screen.

HEADER_FIT = """() => {
  const name = document.querySelector(".md-header__topic:first-child .md-ellipsis");
  const input = document.querySelector("#kat-header-q");
  const style = getComputedStyle(input);
  const probe = document.createElement("span");
  for (const key of ["fontFamily", "fontSize", "fontWeight", "fontStyle", "letterSpacing"]) {
    probe.style[key] = style[key];
  }
  probe.style.position = "absolute";
  probe.style.whiteSpace = "pre";
  probe.textContent = input.placeholder;
  document.body.append(probe);
  const placeholder = probe.getBoundingClientRect().width;
  probe.remove();
  return {
    name: [name.scrollWidth, name.clientWidth],
    placeholder: [
      input.placeholder,
      placeholder,
      input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
    ],
  };
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_header_name_and_search_placeholder_fit(
    site: Site, open_page: Callable[..., Page], lang: str, width: int
) -> None:
    page = open_page(viewport={"width": width, "height": 800}, locale=LOCALE[lang])
    page.goto(site.url(f"{lang}/projects/"))
    full, short = text(lang, "site.name"), text(lang, "site.short_name")
    title = page.locator(".md-header__topic").first
    shown = title.locator(".kat-site-name--short" if width < 960 else ".kat-site-name").first
    expect(shown).to_be_visible()
    expect(shown).to_have_text(short if width < 960 else full)
    # Screen readers get the full name on every screen; the short one is hidden from them.
    expect(title.locator(".kat-site-name:not([aria-hidden])")).to_have_text(full)
    expect(title.locator(".kat-site-name--short")).to_have_attribute("aria-hidden", "true")
    expect(page.locator("#kat-header-q")).to_be_visible()

    fit = page.evaluate(HEADER_FIT)
    scroll_width, client_width = fit["name"]
    assert scroll_width <= client_width, (
        f"the header's name is cut at {width}px: {scroll_width}px of text in {client_width}px"
    )
    placeholder, needed, room = fit["placeholder"]
    assert needed <= room, f"the placeholder {placeholder!r} needs {needed}px, has {room}px"


# Keyboard use.


def focused(page: Page) -> dict[str, Any]:
    """What has the keyboard focus."""
    info: dict[str, Any] = page.evaluate(
        """() => {
            const e = document.activeElement;
            return {
                tag: e.tagName.toLowerCase(),
                id: e.id,
                href: e.href || null,
                text: e.textContent.trim(),
                skip: e.matches("a.md-skip"),
                section: e.closest("nav.kat-sections") !== null,
                switch: e.matches("a.kat-switch"),
            };
        }"""
    )
    return info


def test_first_tab_reaches_the_skip_link_which_leads_to_the_heading(
    site: Site, open_page: Callable[..., Page]
) -> None:
    page = open_page(locale="nb-NO")
    page.goto(site.project_url("nb"))
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    expect(skip).to_have_text(SKIP_TEXT["nb"])

    heading_id = page.locator("h1").get_attribute("id")
    assert heading_id, "the h1 has no id to skip to"
    page.keyboard.press("Enter")
    page.wait_for_function("id => location.hash === '#' + id", arg=heading_id)
    expect(page.locator("h1")).to_be_focused()
    expect(page.locator("h1")).to_be_in_viewport()


def test_tabbing_reaches_the_sections_and_the_language_switch(
    site: Site, open_page: Callable[..., Page]
) -> None:
    page = open_page(locale="nb-NO")
    page.goto(site.project_url("nb"))
    sections: list[str] = page.locator("nav.kat-sections a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    assert len(sections) >= 5, sections

    stops: list[dict[str, Any]] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        stops.append(focused(page))
        if stops[-1]["switch"]:
            break
    assert stops[0]["skip"], f"the first Tab went to {stops[0]}"
    assert stops[-1]["switch"], "Tab never reached the language switch: " + ", ".join(
        f"{stop['tag']} {stop['href'] or stop['text'][:30]!r}" for stop in stops
    )
    assert [stop["href"] for stop in stops if stop["section"]] == sections
    expect(page.locator("a.kat-switch")).to_be_visible()

    page.keyboard.press("Enter")
    page.wait_for_url(site.project_url("en"))
    assert html_lang(page) == "en"
    expect(page.locator("h1")).to_have_text(site.title("en"))


# The language switch.


def test_language_switch_round_trip(site: Site, open_page: Callable[..., Page]) -> None:
    page = open_page(locale="nb-NO")
    page.goto(site.project_url("nb"))
    for lang in ("en", "nb"):
        switch = page.locator("a.kat-switch")
        expect(switch).to_have_attribute("hreflang", lang)
        switch.click()
        page.wait_for_url(site.project_url(lang))
        assert html_lang(page) == lang
        expect(page.locator("h1")).to_have_text(site.title(lang))
