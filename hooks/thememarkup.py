"""MkDocs hook: Material's markup that no template override reaches is corrected in each
finished page MkDocs writes (`katalog.site.thememarkup`), before its content security
policy is made; the catalogue's own pages are corrected as `katalog.site.render` writes
them."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from katalog.site import thememarkup


@event_priority(-50)  # after the catalogue's own hooks, before hooks/csp.py (-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    return thememarkup.correct(output)


@event_priority(-50)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return thememarkup.correct(output_content)
