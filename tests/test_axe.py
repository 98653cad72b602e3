"""axe-core on a page of every type, in both languages, wide and narrow, in a real browser.

axe-core (from the npm registry, see tests/checkers.py) is injected into each page as
Debian's Chromium shows it, once the page's scripts (and its search, where it has one)
have run, and checks it against the rules tagged for WCAG 2.0 and 2.1, levels A and AA.
Every page must have no violation at all; no rule is turned off. Each page must also fit
its window without scrolling sideways (reflow, WCAG 1.4.10, at 320 px). Automated rules find only
part of what WCAG asks: the accessibility statement says which part.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.checkers import AXE, required
from tests.support import BUILD_DATE_EPOCH, browse, build, copy_project, page_opener
from tests.test_browser import horizontal_overflow
from tests.test_identity_browser import LOCALE, PAGE_TYPES, REPO_URL, settle

TIMEOUT_MS = 15_000
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


@dataclass(frozen=True)
class Site:
    base: str
    browser: Browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    required(AXE, "axe-core")
    project = copy_project(tmp_path_factory.mktemp("axe") / "project")
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
    site: Site, open_page: Callable[..., Page], kind: str, lang: str, width: int
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


def test_axe_finds_what_it_is_meant_to(site: Site, open_page: Callable[..., Page]) -> None:
    """The check can fail: an image without a text and a field without a label are found."""
    page = open_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page.goto(site.base + "en/about/")
    page.evaluate(
        """() => document.querySelector("article").insertAdjacentHTML("beforeend",
             '<img src="../assets/logo.svg"><input type="text">')"""
    )
    found = {violation["id"] for violation in axe(page)}
    assert {"image-alt", "label"} <= found, found
