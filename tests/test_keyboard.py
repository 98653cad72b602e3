"""The keyboard, larger text and less motion, on a page of every type, in a real browser.

- Tab reaches every control a page shows, in turn, and comes back round to the first: no
  control is out of reach and none holds the focus (WCAG 2.1.1, 2.1.2); each shows where the
  focus is (2.4.7). Searching, filtering and the link past the filters by keyboard alone
  are in tests/test_search.py; the skip link in tests/test_browser.py.
- Text at 200 % (1.4.4): the root font size doubled, as a browser's text-size setting does
  it, in a 1280 px window. Material sizes everything in rem, so this doubles all text
  without the window narrowing; browser zoom to 200 % narrows the layout to 640 CSS px
  instead, which the 320 px runs of tests/test_axe.py and the narrow-window tests cover
  more strictly. The page may not scroll sideways, and no text may be cut off.
- Reduced motion (2.3.3): with `prefers-reduced-motion: reduce` emulated, no element of the
  page has a transition or an animation that takes time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.support import BUILD_DATE_EPOCH, browse, build, copy_project, page_opener
from tests.test_axe import PAGES
from tests.test_browser import horizontal_overflow
from tests.test_identity_browser import LOCALE, REPO_URL, settle

TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class Site:
    base: str
    browser: Browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = copy_project(tmp_path_factory.mktemp("keyboard") / "project")
    result = build(
        project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "KATALOG_REPO_URL": REPO_URL}
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    with browse(project / "site") as (base, browser):
        yield Site(base=base, browser=browser)


@pytest.fixture
def open_page(site: Site) -> Iterator[Callable[..., Page]]:
    """Opens pages that let the test add its own script or styles: the site's content
    security policy refuses inline ones (tests/test_csp.py checks the policy itself)."""
    with page_opener(site.browser, TIMEOUT_MS) as opener:
        yield functools.partial(opener, bypass_csp=True)


def visit(open_page: Callable[..., Page], site: Site, kind: str, lang: str, **options: Any) -> Page:
    page = open_page(locale=LOCALE[lang], **options)
    path = PAGES[kind].format(lang=lang)
    page.goto(site.base + path)
    settle(page, path.split("?")[0])
    return page


TABBABLE = """() => {
  // Shown: rendered and visible, or, like the skip links, transparent until focused.
  const shown = e => e.checkVisibility({visibilityProperty: true})
    && e.getClientRects().length > 0 && !e.closest("[hidden]");
  const all = [...document.querySelectorAll(
      "a[href], button, input, select, textarea, summary, [tabindex]")]
    .filter(e => !e.disabled && e.tabIndex >= 0 && e.type !== "hidden")
    .filter(e => !e.closest("[inert]") && shown(e));
  all.forEach((e, n) => e.setAttribute("data-kat-stop", String(n)));
  return all.map(e => e.outerHTML.slice(0, 120));
}"""

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const style = getComputedStyle(e);
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1)
    || style.boxShadow !== "none";
  return {stop: e.getAttribute("data-kat-stop"), ring,
          what: e.outerHTML.slice(0, 120)};
}"""


@pytest.mark.parametrize(("lang", "width"), [("nb", 1280), ("en", 320)])
@pytest.mark.parametrize("kind", list(PAGES))
def test_tab_reaches_every_control_shows_the_focus_and_comes_round(
    site: Site, open_page: Callable[..., Page], kind: str, lang: str, width: int
) -> None:
    page = visit(open_page, site, kind, lang, viewport={"width": width, "height": 900})
    controls: list[str] = page.evaluate(TABBABLE)
    assert len(controls) > 5, controls
    reached: list[dict[str, Any]] = []
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (reached and focused == reached[0]):
            break
        reached.append(focused)
    else:
        pytest.fail(f"Tab never left the page or came round: stuck after {reached[-3:]}")
    stops = {stop["stop"] for stop in reached}
    missed = [html for n, html in enumerate(controls) if str(n) not in stops]
    assert missed == [], f"Tab never reached {len(missed)} controls: {missed[:5]}"
    unmarked = [stop["what"] for stop in reached if not stop["ring"]]
    assert unmarked == [], f"no visible focus on {unmarked[:5]}"


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_control_hides_itself_under_the_focus(
    site: Site, open_page: Callable[..., Page], kind: str
) -> None:
    """Material's "back to top" button (its `navigation.top` feature) hides itself, blurs
    and leaves the tab order whenever the page scrolls down, as tabbing through a page
    does: a reader who tabs onto it loses their place. The site has none."""
    page = visit(open_page, site, kind, "nb", viewport={"width": 1280, "height": 900})
    assert page.locator("[data-md-component='top']").count() == 0


CUT_OFF = """() => [...document.querySelectorAll("body *")]
  // Left out: what is hidden for screen readers only (a 1 px box) and the header's topic,
  // which repeats the site's name (the logo's text) and the page's h1 and may end in "…".
  .filter(e => e.getBoundingClientRect().width > 1 && !e.closest(".md-header__topic"))
  .filter(e => e.checkVisibility() && [...e.childNodes].some(
      n => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
  .filter(e => {
    const style = getComputedStyle(e);
    const clips = v => v !== "visible";
    return (clips(style.overflowX) && e.scrollWidth > e.clientWidth + 1)
      || (clips(style.overflowY) && style.overflowY !== "auto" && style.overflowY !== "scroll"
          && e.scrollHeight > e.clientHeight + 1);
  })
  .map(e => e.tagName.toLowerCase() + "." + e.className + ": " + e.textContent.trim().slice(0, 40))
"""


@pytest.mark.parametrize("kind", list(PAGES))
def test_text_at_200_percent_fits_without_sideways_scrolling(
    site: Site, open_page: Callable[..., Page], kind: str
) -> None:
    page = visit(open_page, site, kind, "nb", viewport={"width": 1280, "height": 900})
    before = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.add_style_tag(content=f"html {{ font-size: {2 * before}px !important; }}")
    after = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert after == 2 * before
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], (
        f"{kind}: {overflow['scrollWidth']}px wide at 200 % text; sticking out: "
        f"{overflow['culprits']}"
    )
    cut: list[str] = page.evaluate(CUT_OFF)
    assert cut == [], f"{kind}: text cut off at 200 %: {cut[:5]}"


MOVING = """() => {
  const seconds = value => Math.max(...value.split(",").map(v => parseFloat(v) || 0));
  const moving = [];
  for (const e of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(e, pseudo);
      const transition = style.transitionProperty !== "none"
        && seconds(style.transitionDuration) + seconds(style.transitionDelay) > 0;
      const animation = style.animationName !== "none" && seconds(style.animationDuration) > 0;
      if (transition || animation) {
        moving.push(e.tagName.toLowerCase() + (pseudo || "") + "." + e.className + " "
          + style.transitionDuration + " " + style.animationName);
      }
    }
  }
  return moving;
}"""


@pytest.mark.parametrize("kind", ["home", "projects", "project", "search-filtered", "missing"])
def test_reduced_motion_stops_every_transition_and_animation(
    site: Site, open_page: Callable[..., Page], kind: str
) -> None:
    page = visit(
        open_page,
        site,
        kind,
        "en",
        viewport={"width": 1280, "height": 900},
        reduced_motion="reduce",
    )
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    moving: list[str] = page.evaluate(MOVING)
    assert moving == [], f"{kind}: still moving with reduced motion: {moving[:8]}"


def test_without_the_preference_the_page_does_move(
    site: Site, open_page: Callable[..., Page]
) -> None:
    """The measure above sees motion where there is some: Material's own transitions."""
    page = visit(open_page, site, "projects", "en", viewport={"width": 1280, "height": 900})
    assert page.evaluate(MOVING) != []


def test_reduced_motion_stops_animations_as_well_as_transitions(
    site: Site, open_page: Callable[..., Page]
) -> None:
    """Material's own rule for reduced motion removes only transitions: the catalogue's
    stops animations too, those of any element a page may come to have."""
    page = visit(
        open_page,
        site,
        "about",
        "en",
        viewport={"width": 1280, "height": 900},
        reduced_motion="reduce",
    )
    page.add_style_tag(
        content="@keyframes kat-probe { to { opacity: 0.5; } }"
        " #kat-probe { animation: kat-probe 2s infinite; transition: opacity 1s; }"
    )
    page.evaluate(
        """() => document.querySelector("article").insertAdjacentHTML("beforeend",
             '<p id="kat-probe">moving</p>')"""
    )
    assert page.evaluate(MOVING) == []
