"""MkDocs hook: turn the catalogue's page models into pages, and hand each its data.

`katalog.site.pages` decides every page, its path, template and data; this adapter only
adds them to MkDocs as virtual files (`File.generated`, nothing is written to the source
tree), points "edit this page" at the record's YAML file, sets each page's template and
language, and gives templates the page model as `katalog`.

The page model travels on its File object, so no state outlives a build.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from validate import catalogue_of, content_root

from katalog.site import history, l10n
from katalog.site.pages import Page, Site, build_pages
from katalog.site.richtext import Renderer

log = logging.getLogger("mkdocs.hooks.pages")
MODEL = "katalog_page"


def model_of(file: File) -> Page | None:
    model: Page | None = getattr(file, MODEL, None)
    return model


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = content_root(config)
    site = Site(
        catalogue=catalogue_of(config),
        today=l10n.build_date(),
        render=Renderer(config.markdown_extensions, config.mdx_configs),
        last_changed=history.last_changed(root),
    )
    docs = Path(config.docs_dir).resolve().relative_to(root.parent.resolve()).as_posix()
    for file in files.documentation_pages():
        file.edit_uri = f"{docs}/{file.src_uri}"  # edit links are relative to the repository
    for page in build_pages(site):
        clash = files.get_file_from_path(page.src_uri)
        if clash is not None:
            log.warning(f"docs/{page.src_uri} is replaced by the catalogue's own page")
            files.remove(clash)
        file = File.generated(
            config, page.src_uri, content=f"# {page.title}\n", inclusion=InclusionLevel.NOT_IN_NAV
        )
        file.edit_uri = page.source
        setattr(file, MODEL, page)
        files.append(file)
    return files


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
    # One heading, so Material's "skip to content" link has a target: the templates give
    # their h1 this heading's id. Escaped: the text is the editor's, not Markdown.
    return f"# {html.escape(model.title)}\n"


def on_page_context(
    context: dict[str, Any], page: MkDocsPage, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    context["katalog"] = model_of(page.file)
    return context
