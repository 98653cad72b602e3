"""The content security policy, and nothing from other hosts.

The policy itself (katalog/site/csp.py) on small pages; every built page's policy against
its own inline scripts, parsed independently; a page without the policy's element stops
the build; the preview server's pages let its live-reload script run.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from katalog.site import csp
from tests.support import BUILD_DATE_EPOCH, build, copy_project
from tests.test_serve import Server, free_port

SITE_URL = "https://example.github.io/katalog/"
REPO_URL = "https://github.com/example/katalog"


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
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    server = Server(process=process, base=f"http://127.0.0.1:{port}/", log=log)
    try:
        server.wait_for_page_with("nb/", "livereload(")
        html = server.fetch("nb/") or ""
    finally:
        process.terminate()
        process.wait(timeout=10)
    policy = directives(meta_policy(html))
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
