"""The content security policy, and nothing from other hosts.

The policy itself (katalog/site/csp.py) on small pages; every built page's policy against
its own inline scripts, parsed independently; a page without the policy's element stops
the build; and, in Debian's Chromium, a page of every type in both languages, built and
served as published (with KATALOG_SITE_URL and KATALOG_REPO_URL, at the site address's
path), where no request may go to another host or fail, and the policy may block
nothing, while search still finds what is typed; and the same pages of a preview build
(no KATALOG_SITE_URL, so no sitemap.xml), where no request may fail either.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, expect

from katalog.site import csp
from tests.support import (
    BUILD_DATE_EPOCH,
    LOCAL_HOSTS,
    browse,
    build,
    copy_project,
    page_opener,
    serve,
)
from tests.test_identity_browser import LOCALE, PAGE_TYPES
from tests.test_serve import serving

TIMEOUT_MS = 10_000
SITE_URL = "https://example.github.io/katalog/"
REPO_URL = "https://github.com/example/katalog"
MOUNT = urlsplit(SITE_URL).path


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def page(head: str = "", body: str = "") -> str:
    return (
        f'<!doctype html><html><head><meta charset="utf-8">{csp.META}{head}</head>'
        f"<body>{body}</body></html>"
    )


def directives(policy: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} twice in {policy!r}"
        parsed[name] = sources
    return parsed


def meta_policy(html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1, metas
    content = metas[0]["content"]
    assert isinstance(content, str)
    return content


# The policy of one page.


def test_a_pages_inline_scripts_are_allowed_by_their_hashes_and_nothing_else() -> None:
    first, second = "var a = 1;", "\n  console.log('two');\n"
    html = page(head=f"<script>{first}</script>", body=f"<script>{second}</script>")
    policy = directives(meta_policy(csp.secure(html)))
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'", digest(first), digest(second)]
    # The form browsers compare: base64 of the SHA-256 of the script's UTF-8 text.
    assert csp.sha256(first) == "'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w='"
    assert "'unsafe-inline'" not in meta_policy(csp.secure(html))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert "frame-ancestors" not in policy  # a meta element cannot set it


def test_data_blocks_and_scripts_from_files_are_not_listed() -> None:
    html = page(
        head='<script type="application/ld+json">{"@type": "Project"}</script>'
        '<script id="__config" type="application/json">{"base": "."}</script>'
        '<script src="bundle.js"></script>',
        body='<script type="text/javascript">run()</script><script type="module">go()</script>',
    )
    policy = directives(meta_policy(csp.secure(html)))
    assert policy["script-src"][2:] == [digest("run()"), digest("go()")]


def test_the_same_script_is_listed_once_and_line_ends_are_read_as_the_browser_reads_them() -> None:
    html = page(head="<script>a();\r\nb();</script>", body="<script>a();\nb();</script>")
    assert directives(meta_policy(csp.secure(html)))["script-src"][2:] == [digest("a();\nb();")]


@pytest.mark.parametrize(
    ("html", "scripts", "styles"),
    [
        ("<SCRIPT type=module>a()</SCRIPT >", ["a()"], []),
        ("<script type=text/javascript>b()</script>", ["b()"], []),
        ("<script\n>c()</script\n>", ["c()"], []),
        ("<script>d()</script/>", ["d()"], []),  # a browser ends the element there too
        ("<script>e('</scrip')</script>", ["e('</scrip')"], []),
        ("<script src='f.js'></script><script type='application/json'>{}</script>", [], []),
        ("<!-- <script>g()</script> --><p>x</p>", [], []),
        ('<a title="<script>h()</script>" href="#">x</a>', [], []),
        ("<div data-x='>'><script>i()</script></div>", ["i()"], []),
        ("<scripts>j()</scripts><stylesheet>k</stylesheet>", [], []),
        ("<p>1 < 2 <script>l()</script></p>", ["l()"], []),
        ("<style media=print>p{}</style><style>\r\nq{}</style>", [], ["p{}", "\nq{}"]),
    ],
)
def test_inline_scripts_and_styles_are_told_from_look_alikes(
    html: str, scripts: list[str], styles: list[str]
) -> None:
    """What is a script or a style element, and what only looks like one: comments,
    attribute values, other elements' names, a data block, a script from a file."""
    assert csp.inline(html) == (scripts, styles)


def test_inline_styles_are_listed_by_their_hashes() -> None:
    html = page(head="<style>:root{--x:1}</style>")
    assert directives(meta_policy(csp.secure(html)))["style-src"] == [
        "'self'",
        digest(":root{--x:1}"),
    ]


def test_the_preview_server_allows_inline_scripts_instead_of_listing_them() -> None:
    html = page(head="<script>a()</script>")
    policy = directives(meta_policy(csp.secure(html, serving=True)))
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"]


@pytest.mark.parametrize("html", ["<html><head></head></html>", page() + csp.META])
def test_a_page_without_exactly_one_policy_element_is_refused(html: str) -> None:
    with pytest.raises(csp.CspError, match=r"must extend main\.html"):
        csp.secure(html)


def test_the_readme_gives_the_header_a_host_should_add() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"Content-Security-Policy: {csp.header()}" in readme
    assert csp.header() == "frame-ancestors 'none'"


# Every built page.


@dataclass(frozen=True)
class Site:
    base: str
    folder: Path
    browser: Browser

    def url(self, path: str = "") -> str:
        return self.base + path


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("csp") / "project")
    env = {
        "SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH,
        "KATALOG_SITE_URL": SITE_URL,
        "KATALOG_REPO_URL": REPO_URL,
    }
    result = build(project, env=env)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    return project / "site"


JAVASCRIPT = {None, "", "text/javascript", "module"}


def test_every_built_page_lists_exactly_the_hashes_of_its_own_inline_scripts(
    published: Path,
) -> None:
    pages = sorted(published.rglob("*.html"))
    assert len(pages) > 100
    assert published / "404.html" in pages and published / "index.html" in pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "lxml")
        head = soup.head
        assert head is not None
        first = [child for child in head.children if isinstance(child, Tag)][:2]
        assert [tag.name for tag in first] == ["meta", "meta"], path
        assert first[0].get("charset") == "utf-8"
        assert first[1].get("http-equiv") == "Content-Security-Policy", (
            f"{path}: the policy is not the first element after the charset"
        )
        policy = directives(meta_policy(html))
        inline = [
            script.string or ""
            for script in soup.find_all("script")
            if not script.has_attr("src") and script.get("type") in JAVASCRIPT
        ]
        assert inline, f"{path}: Material's inline scripts are missing"
        expected = {digest(text) for text in inline}
        sources = policy["script-src"]
        assert sources[:2] == ["'self'", "'wasm-unsafe-eval'"]
        assert set(sources[2:]) == expected, path
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert soup.find("style") is None and soup.find(style=True) is None, path
        assert not re.search(r"\son[a-z]+=", html), f"{path}: an inline event handler"


def test_a_page_template_without_the_policy_stops_the_build(project: Path) -> None:
    template = project / "overrides" / "catalogue" / "404.html"
    template.write_text("<!doctype html><title>Not found</title><p>Not found</p>\n")
    result = build(project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "404.html: the page must carry the policy's meta element exactly once" in output
    assert "Traceback" not in output


def test_the_preview_server_lets_its_live_reload_script_run(project: Path, tmp_path: Path) -> None:
    """`mkdocs serve` adds an inline script to every page it serves, a different one each
    time: its pages allow inline scripts, and keep the rest of the policy."""
    with serving(project, tmp_path / "serve.log") as server:
        server.wait_for_page_with("nb/", "livereload(")
        html = server.fetch("nb/") or ""
    policy = directives(meta_policy(html))
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]


# In a browser, as published.


@pytest.fixture(scope="module")
def site(published: Path) -> Iterator[Site]:
    with browse(published, mount=MOUNT) as (base, browser):
        yield Site(base=base, folder=published, browser=browser)


@pytest.fixture
def open_page(site: Site) -> Iterator[Callable[..., Page]]:
    with page_opener(site.browser, TIMEOUT_MS) as opener:
        yield opener


VIOLATIONS = """
document.addEventListener("securitypolicyviolation", e => console.error(
  "Content Security Policy violation: " + e.violatedDirective + " blocked "
  + (e.blockedURI || "inline") + " " + (e.sample || "")));
"""
"""Reports every violation of the policy on the console, where `Watch` hears it."""


@dataclass
class Watch:
    """Everything a page asked for and every sign of trouble, page by page."""

    site: Site
    requested: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    missing: str | None = None
    """The address whose 404 is the point of the visit."""

    def attach(self, page: Page) -> None:
        page.add_init_script(VIOLATIONS)
        page.on("request", self.request)
        page.on("requestfailed", self.failed)
        page.on("response", self.response)
        page.on("console", self.console)

    def request(self, request: Request) -> None:
        self.requested.append(request.url)
        if urlsplit(request.url).hostname not in LOCAL_HOSTS:
            self.problems.append(f"request to another host: {request.url}")

    def failed(self, request: Request) -> None:
        self.problems.append(f"failed: {request.url} ({request.failure})")

    def response(self, response: Response) -> None:
        if response.status >= 400 and response.url != self.missing:
            self.problems.append(f"{response.status}: {response.url}")

    def console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.problems.append(f"console {message.type}: {message.text}")


def settle(page: Page) -> None:
    """Wait for the page's requests to end, and for a search (where there is one) to show."""
    page.wait_for_load_state("networkidle")
    if page.locator(".kat-search").count():
        page.wait_for_selector(".kat-search--ready")
        page.wait_for_function("() => !document.querySelector('.kat-search[aria-busy=\"true\"]')")
        page.wait_for_load_state("networkidle")


PAGES = {
    **PAGE_TYPES,
    "search": "{lang}/search/",
    "search-query": "{lang}/search/?q=kommune",
    "search-filters": "{lang}/search/?q=kommune&type=project&country=ge&sort=start-desc",
    "projects-filters": "{lang}/projects/?country=ua&status=completed",
}
"""A page of every type, and the search pages with a query and with filters."""


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_no_page_asks_another_host_fails_a_request_or_breaks_the_policy(
    site: Site, open_page: Callable[..., Page], lang: str
) -> None:
    page = open_page(viewport={"width": 1280, "height": 900}, locale=LOCALE[lang])
    watch = Watch(site)
    watch.attach(page)
    for kind, path in PAGES.items():
        url = site.url(path.format(lang=lang))
        watch.missing = url if kind == "missing" else None
        response = page.goto(url)
        assert response is not None and response.status == (404 if kind == "missing" else 200)
        settle(page)
        policy = page.locator("meta[http-equiv=Content-Security-Policy]")
        expect(policy).to_have_count(1)
        assert "'unsafe-inline'" not in (policy.get_attribute("content") or "")
        assert page.locator("header .md-source").get_attribute("href") == REPO_URL
    watch.missing = None
    assert watch.problems == []
    assert any(url.endswith(".pagefind") for url in watch.requested)  # the search's WebAssembly
    # Material's script fetches sitemap.xml beside every <link rel=alternate> (main.html
    # writes none) and for instant navigation (not enabled): a build without site_url has
    # no sitemap.xml, so each such request would fail there.
    assert not any("sitemap.xml" in url for url in watch.requested)


def test_a_preview_build_fails_no_request_either(
    project: Path, site: Site, open_page: Callable[..., Page]
) -> None:
    """As the pull-request workflow builds its preview: with the repository, without the
    site's address, so there is no sitemap.xml and the 404 page links from /."""
    result = build(
        project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "KATALOG_REPO_URL": REPO_URL}
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    assert not (project / "site" / "sitemap.xml").exists()
    with serve(project / "site") as base:
        page = open_page(viewport={"width": 1280, "height": 900}, locale="nb-NO")
        watch = Watch(site)
        watch.attach(page)
        for kind, path in PAGES.items():
            url = base + path.format(lang="nb")
            watch.missing = url if kind == "missing" else None
            page.goto(url)
            settle(page)
        watch.missing = None
    assert watch.problems == []


def test_the_root_page_asks_no_other_host_and_breaks_no_policy(
    site: Site, open_page: Callable[..., Page]
) -> None:
    page = open_page(locale="de-DE")  # no language of the site's: the page stays
    watch = Watch(site)
    watch.attach(page)
    page.goto(site.url())
    settle(page)
    expect(page.locator("main a[hreflang=en]")).to_be_visible()
    assert page.url == site.url()
    assert watch.problems == []


@pytest.mark.parametrize("locale", ["nb-NO", "en-GB"])
def test_the_root_pages_inline_redirect_runs_under_the_policy(
    site: Site, open_page: Callable[..., Page], locale: str
) -> None:
    page = open_page(locale=locale)
    watch = Watch(site)
    watch.attach(page)
    page.goto(site.url(), wait_until="commit")
    page.wait_for_url(site.url(f"{locale[:2]}/"))
    settle(page)
    # Requests the redirect cut short are the browser's doing, not the site's.
    assert [p for p in watch.problems if "ERR_ABORTED" not in p] == []


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_search_finds_what_is_typed_and_filters_under_the_policy(
    site: Site, open_page: Callable[..., Page], lang: str
) -> None:
    page = open_page(viewport={"width": 1280, "height": 900}, locale=LOCALE[lang])
    watch = Watch(site)
    watch.attach(page)
    page.goto(site.url(f"{lang}/about/"))
    settle(page)
    page.locator("#kat-header-q").fill("Polen" if lang == "nb" else "Poland")
    page.locator("#kat-header-q").press("Enter")
    page.wait_for_url(f"**/{lang}/search/?q=*")
    settle(page)
    results = page.locator(".kat-search__results li")
    expect(results.first).to_be_visible()
    expect(results.first).to_contain_text("Pol")
    found = results.count()
    page.locator(".kat-search__facet[data-facet=type] input[value=project]").check()
    page.wait_for_url("**type=project*")
    settle(page)
    expect(results.first).to_be_visible()
    assert 0 < results.count() <= found
    assert watch.problems == []


def test_the_watch_sees_a_blocked_script_a_foreign_host_and_a_failed_request(
    site: Site, open_page: Callable[..., Page]
) -> None:
    """The checks above can fail: a script put into the page is blocked and reported, and
    a request elsewhere and a missing file are caught."""
    page = open_page(locale="nb-NO")
    watch = Watch(site)
    watch.attach(page)
    page.goto(site.url("nb/about/"))
    settle(page)
    assert watch.problems == []
    ran = page.evaluate(
        """() => new Promise(done => {
          document.addEventListener("securitypolicyviolation", () => done(window.injected === 1));
          const script = document.createElement("script");
          script.textContent = "window.injected = 1";
          document.body.append(script);
        })"""
    )
    assert ran is False, "an injected inline script ran"
    reported = "Content Security Policy violation: img-src"
    with (
        page.expect_console_message(lambda message: message.text.startswith(reported)),
        page.expect_response(lambda response: response.url.endswith("nothing-here.png")),
    ):
        page.evaluate(
            """sources => {
              for (const src of sources) {
                const image = document.createElement("img");
                image.src = src;
                document.body.append(image);
              }
            }""",
            ["https://api.github.com/repos/example/katalog", "nothing-here.png"],
        )
    problems = "\n".join(watch.problems)
    assert "script-src-elem blocked inline" in problems
    assert "img-src blocked https://api.github.com/repos/example/katalog" in problems
    assert "404: " + site.url("nb/about/nothing-here.png") in problems
    page.evaluate("location.href = 'https://example.org/'")
    page.wait_for_event("requestfailed")
    assert "request to another host: https://example.org/" in "\n".join(watch.problems)
