"""axe-core on a page of every type, in both languages, wide and narrow, in a real browser.

axe-core (from the npm registry, see tests/checkers.py) is injected into each page as
Debian's Chromium shows it, once the page's scripts (and its search, where it has one)
have run, and checks it against the rules tagged for WCAG 2.0 and 2.1, levels A and AA.
Every page must have no violation at all; no rule is turned off. Each page must also fit
its window without scrolling sideways (reflow, WCAG 1.4.10, at 320 px). Automated rules find only
part of what WCAG asks: the accessibility statement says which part.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.checkers import AXE, required
from tests.support import PublishedSite
from tests.test_browser import horizontal_overflow
from tests.test_identity_browser import LOCALE, PAGE_TYPES, settle

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = [1280, 320]

PAGES = {
    **PAGE_TYPES,
    "projects-filtered": "{lang}/projects/?status=completed&country=pl",
    "search-filtered": "{lang}/search/?q=kommune&type=project&country=pl&sort=title-asc",
    "search-nothing": "{lang}/search/?q=kommune&country=zz",
}
"""A page of every type: each index, record type, the site's own pages, the 404 page, and
search with a query alone, with filters, and with a filter that finds nothing."""


@pytest.fixture(scope="module")
def site(published_site: PublishedSite) -> PublishedSite:
    """The published site (tests/conftest.py), built once for this and the other
    page-type checks; `open_page` opens its pages."""
    required(AXE, "axe-core")
    return published_site


def axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations of the WCAG 2.1 A and AA rules on the page, each with where."""
    page.add_script_tag(path=str(AXE))
    violations: list[dict[str, Any]] = page.evaluate(
        """async tags => {
          const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + n.failureSummary),
          }));
        }""",
        WCAG_TAGS,
    )
    return violations


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_axe_finds_no_wcag_violation(
    site: PublishedSite, open_page: Callable[..., Page], kind: str, lang: str, width: int
) -> None:
    page = open_page(viewport={"width": width, "height": 900}, locale=LOCALE[lang])
    path = PAGES[kind].format(lang=lang)
    page.goto(site.base + path)
    settle(page, path.split("?")[0])
    violations = axe(page)
    assert violations == [], f"{path} at {width}px: " + "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in violations
    )
    # Reflow (WCAG 1.4.10): at 320 px, as at 1280, the page does not scroll sideways.
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["innerWidth"], (
        f"{path} is {overflow['scrollWidth']}px wide in a {width}px window; "
        f"sticking out: {overflow['culprits']}"
    )


def test_axe_finds_what_it_is_meant_to(site: PublishedSite, open_page: Callable[..., Page]) -> None:
    """The check can fail: an image without a text and a field without a label are found."""
    page = open_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page.goto(site.base + "en/about/")
    page.evaluate(
        """() => document.querySelector("article").insertAdjacentHTML("beforeend",
             '<img src="../assets/logo.svg"><input type="text">')"""
    )
    found = {violation["id"] for violation in axe(page)}
    assert {"image-alt", "label"} <= found, found
