"""MkDocs hook: every finished page gets its content security policy (`katalog.site.csp`).

The base template (overrides/main.html) writes the policy's meta element first in
`<head>`, with a placeholder; once a page's HTML is final, this hook puts in the policy
listing the hashes of that page's own inline scripts. This hook does so for the pages
MkDocs writes (any of `docs/`, and the 404 page, which MkDocs renders as a theme
template); the catalogue's own pages get theirs as `katalog.site.render` writes them. A
page without the element stops the build.

Under `mkdocs serve` the preview server adds an inline live-reload script to each page as
it serves it, which no hash made here can match, so the preview's pages allow inline
scripts; everything else in the policy is as published. The command is known only when
MkDocs starts (`on_startup`), and MkDocs loads this hook anew for every build, so it is
kept in the core (`katalog.site.preview`) for the life of the process.
"""

from __future__ import annotations

from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from katalog.site import csp, preview


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    preview.start(command == "serve")


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["katalog_csp"] = csp.PLACEHOLDER
    return env


def _secure(html: str, what: str) -> str:
    try:
        return csp.secure(html, serving=preview.serving())
    except csp.CspError as error:
        raise Abort(f"{what}: {error}") from None


@event_priority(-100)  # last: after any other hook has changed the page
def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    return _secure(output, page.file.dest_uri)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content  # sitemap.xml: the catalogue writes its own
    return _secure(output_content, template_name)
