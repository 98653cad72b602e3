"""MkDocs hook: add every output of the catalogue to the build, and hand pages their model.

`katalog.outputs` decides every output: pages (a path and a page model, laid out by the
page's own template) and files (a path and bytes: open data, the sitemap). This adapter
only adds them to MkDocs as virtual files (`File.generated`, nothing is written to the
source tree), points "edit this page" at the record's YAML file, sets each page's
template and language, and gives templates the page model as `katalog`.

The page model travels on its File object, so no state outlives a build. The one
exception is the 404 page (`urls.not_found()`): it is served at any address, so it is
not a page of MkDocs' but the theme's error template, which MkDocs renders with every
address starting at the site's root path; its model waits on this build's config, and
its own template stands in for Material's `404.html`.
"""

from __future__ import annotations

import functools
import gc
import html
import logging
from pathlib import Path
from typing import Any

from jinja2 import Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from katalog.exports import iati
from katalog.outputs import build_outputs
from katalog.site import history, l10n, urls
from katalog.site.context import BuildContext
from katalog.site.richtext import Renderer
from katalog.site.views import Page

log = logging.getLogger("mkdocs.hooks.outputs")
MODEL = "katalog_page"
CATALOGUE = "katalog_catalogue"
"""Where hooks/validate.py leaves this build's validated catalogue on the config."""
PAGE_TEXTS = "katalog_page_texts"
"""Where hooks/validate.py leaves the texts of the site's own pages (About and others)."""
ERROR_PAGES = "katalog_error_pages"
"""This build's error pages on the config: theme template name -> page model."""
HEADING_ID = "kat-title"
"""The id of every catalogue page's h1: the catalogue's own, never made from the title,
which is contributed text (a title `__config` must not take the id of Material's
configuration, nor one of the page's section ids)."""


def model_of(file: File) -> Page | None:
    model: Page | None = getattr(file, MODEL, None)
    return model


def on_files(files: Files, config: MkDocsConfig) -> Files:
    project = Path(config.config_file_path).parent
    settings = config["katalog_settings"]  # read by hooks/settings.py
    ctx = BuildContext(
        catalogue=config[CATALOGUE],
        today=l10n.build_date(),
        render=Renderer(config.markdown_extensions, config.mdx_configs),
        render_page=Renderer(config.markdown_extensions, config.mdx_configs, shift_headings=0),
        page_texts=config[PAGE_TEXTS],
        settings=settings,
        last_changed=history.last_changed(project / "content"),
        source_root=project,
    )
    missing = ctx.missing_texts()
    if missing:
        raise Abort(missing)
    docs = Path(config.docs_dir).resolve().relative_to(project.resolve()).as_posix()
    for file in files.documentation_pages():
        file.edit_uri = f"{docs}/{file.src_uri}"  # edit links are relative to the repository
    if not settings.site_url:
        log.info(
            "No sitemap.xml or robots.txt: site_url (KATALOG_SITE_URL) is not set, "
            "so no Atom feeds either"
        )
    for notice in iati.notices(ctx):
        log.info(notice)
    config[ERROR_PAGES] = {}
    for output in build_outputs(ctx):
        if output.page is not None and output.path == urls.not_found():
            config[ERROR_PAGES][output.path] = output.page
        elif output.page is not None:
            _add_page(files, config, output.page)
        elif output.file is not None:
            _replace(files, output.path)
            files.append(File.generated(config, output.path, content=output.file.content))
    # Every page model now lives until the build ends: keep Python's cyclic garbage
    # collector from scanning them again and again while MkDocs renders the pages.
    gc.freeze()
    return files


@event_priority(100)  # first: as soon as the pages are written
def on_post_build(config: MkDocsConfig) -> None:
    gc.unfreeze()  # under `mkdocs serve`, the next build's garbage can then be collected


def _replace(files: Files, src_uri: str) -> None:
    clash = files.get_file_from_path(src_uri)
    if clash is not None:
        log.warning(f"docs/{src_uri} is replaced by the catalogue's own")
        files.remove(clash)


def _add_page(files: Files, config: MkDocsConfig, page: Page) -> None:
    src_uri = urls.src_uri(page.path)
    _replace(files, src_uri)
    file = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
    file.edit_uri = page.source
    setattr(file, MODEL, page)
    files.append(file)


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    model = model_of(page.file)
    if model is None:
        return markdown
    page.meta.update(
        template=model.template,
        lang=model.lang,
        title=model.title,
        description=model.description,
        hide=["navigation", "toc"],
    )
    # The page's content is its template's; MkDocs' Markdown rendering is skipped.
    page.render = functools.partial(_render_heading, page, model)  # type: ignore[method-assign]
    return markdown


def _render_heading(page: MkDocsPage, model: Page, config: MkDocsConfig, files: Files) -> None:
    """Stands in for MkDocs' rendering of a catalogue page: no Markdown at all (a title is
    text, never Markdown, and its attribute lists such as `{: #id }` are text too), one
    heading in the table of contents, so that Material's "skip to content" link has a
    target; the templates give their h1 this heading's id, `HEADING_ID`."""
    page.content = ""
    page.toc = get_toc(
        [{"level": 1, "id": HEADING_ID, "name": html.escape(model.title), "children": []}]
    )
    page.present_anchor_ids = {HEADING_ID}
    page.links_to_anchors = {}


def on_page_context(
    context: dict[str, Any], page: MkDocsPage, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    context["katalog"] = model_of(page.file)
    return context


def _error_page(config: MkDocsConfig, template_name: str) -> Page | None:
    pages: dict[str, Page] = config.get(ERROR_PAGES) or {}
    return pages.get(template_name)


def on_pre_template(template: Template, template_name: str, config: MkDocsConfig) -> Template:
    model = _error_page(config, template_name)
    if model is None:
        return template
    return template.environment.get_template(model.template)


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    model = _error_page(config, template_name)
    if model is not None:
        context["katalog"] = model
    return context
