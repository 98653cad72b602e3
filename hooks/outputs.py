"""MkDocs hook: every output of the catalogue, its pages written by the catalogue itself.

`katalog.outputs` decides every output: pages (a path and a page model, laid out by the
page's own template) and files (a path and bytes: open data, the sitemap). Files are
added to MkDocs as virtual files (`File.generated`, nothing is written to the source
tree), so that a documentation page may link to them, but MkDocs does not write them.
Neither pages nor files are MkDocs': once MkDocs has written its own (the theme's
assets, `docs/`), `katalog.site.render` writes them, in several processes at once; this adapter
only lays one out, with the theme's templates and the context MkDocs would give it (the
page model as `katalog`, its language and template, "edit this record" pointing at the
record's YAML file). No Markdown is rendered for them (a title is text, never Markdown);
the one heading in the table of contents is Material's "skip to content" target, which
the templates give their h1 (`HEADING_ID`).

Per-build state (the page models, the navigation, the template environment) travels on
the config, so no state outlives a build. The 404 page (`urls.not_found()`) is served at
any address, so it is the theme's error template, which MkDocs renders with every address
starting at the site's root path; its model waits on this build's config, and its own
template stands in for Material's `404.html`.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from jinja2 import Environment, Template
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from katalog import collector
from katalog.exports import iati
from katalog.outputs import build_outputs
from katalog.site import history, l10n, preview, quickpages, render, urls
from katalog.site.context import BuildContext
from katalog.site.richtext import Renderer
from katalog.site.views import Page

log = logging.getLogger("mkdocs.hooks.outputs")
PAGES = "katalog_pages"
"""This build's catalogue pages on the config, in order, for `on_post_build` to write."""
FILES = "katalog_files"
"""This build's finished files on the config, (path, bytes), for `on_post_build` to write."""
NAV = "katalog_nav"
INDEXED = "katalog_indexed"
"""Per language, the pages the search index takes, for hooks/search.py."""
THEME = "katalog_theme"
"""The navigation, documentation pages and template environment pages are laid out with."""
CATALOGUE = "katalog_catalogue"
"""Where hooks/validate.py leaves this build's validated catalogue on the config."""
PAGE_TEXTS = "katalog_page_texts"
"""Where hooks/validate.py leaves the texts of the site's own pages (About and others)."""
ERROR_PAGES = "katalog_error_pages"
"""This build's error pages on the config: theme template name -> page model."""
CONTEXT = "katalog_context"
"""This build's context (catalogue, settings, texts), for `on_post_build` to hand on."""
FINAL = "katalog_final_site"
"""Where hooks/staging.py leaves the folder the site is put in place as (and served from)."""
HEADING_ID = "kat-title"
"""The id of every catalogue page's h1: the catalogue's own, never made from the title,
which is contributed text (a title `__config` must not take the id of Material's
configuration, nor one of the page's section ids)."""


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
    config[CONTEXT] = ctx
    # edit links are relative to the repository: docs_dir's path from the project, even
    # where docs_dir is a link to a folder elsewhere
    docs = Path(os.path.relpath(Path(config.docs_dir).absolute(), project.absolute())).as_posix()
    for file in files.documentation_pages():
        file.edit_uri = f"{docs}/{file.src_uri}"
    if not settings.site_url:
        log.info(
            "No sitemap.xml or robots.txt: site_url (KATALOG_SITE_URL) is not set, "
            "so no Atom feeds either"
        )
    for notice in iati.notices(ctx):
        log.info(notice)
    config[ERROR_PAGES] = {}
    config[PAGES] = pages = []
    config[FILES] = written = []
    # Every page model lives until the build ends: keep Python's cyclic garbage
    # collector from walking them again and again as they are made and while the pages
    # are written, and the processes that write them from copying the memory it would
    # touch.
    with collector.paused():
        for output in build_outputs(ctx):
            if output.page is not None and output.path == urls.not_found():
                config[ERROR_PAGES][output.path] = output.page
            elif output.page is not None:
                _replace(files, urls.src_uri(output.page.path))
                pages.append(output.page)
            elif output.file is not None:
                _replace(files, output.path)
                files.append(_Written.generated(config, output.path, content=output.file.content))
                written.append((output.path, output.file.content))
    return files


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    preview.start(command == "serve")
    # Under `mkdocs serve`: its preview server runs threads beside the build, which forked
    # processes must not inherit, so the pages are written in the build's own process,
    # only those an edit changed (`katalog.site.pagecache`), and their policies allow the
    # preview's live-reload script (`katalog.site.csp`).


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    config[THEME] = Theme(env, config[NAV], files.documentation_pages())
    env.globals["remembered"] = render.Remembered()  # this build's, for the templates
    return env


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    config[NAV] = nav
    return nav


@event_priority(90)  # after MkDocs has written its own pages, before search and staging
def on_post_build(config: MkDocsConfig) -> None:
    theme: Theme = config[THEME]
    site = Path(config.site_dir)
    cache = preview.cache()
    if cache is not None:  # each edit rebuilds: lay out again only the pages it changes
        cache.start(site, _theme_key(theme, config))
    layout = functools.partial(_layout, theme, config)
    try:
        config[INDEXED] = render.write_pages(
            config[PAGES],
            layout,
            site,
            serving=preview.serving(),
            processes=1 if preview.serving() else None,
            cache=cache,
            files=config[FILES],
        )
        if cache is not None:
            log.info(f"Catalogue pages: {cache.laid_out} laid out, {cache.reused} unchanged")
    except render.RenderError as error:
        raise Abort(str(error)) from None
    finally:
        collector.thawed()  # under `mkdocs serve`, the next build's garbage can then be collected
    # Written: this build keeps its page models and its files' bytes no longer.
    config[PAGES], config[FILES] = [], []
    if preview.serving():
        # the next edit's own pages are laid out as this build laid them out
        # (`katalog.site.quickpages`), before the next build
        content = Path(config.config_file_path).parent / "content"
        served = Path(config.get(FINAL) or site)
        quickpages.remember(config[CONTEXT], layout, served, content, config[INDEXED])
    else:
        # Pagefind, next, needs the memory most (its runs hold 1.3 GB at 5,000 projects):
        # the models and the cards laid out are collected, and the memory given back,
        # while the search index is started.
        theme.env.globals["remembered"] = render.Remembered()
        collector.released()

class _Written(File):
    """A file of the catalogue's that MkDocs knows of but does not write:
    `katalog.site.render` writes it, with the pages."""

    def copy_file(self, dirty: bool = False) -> None:
        return None


@dataclass(frozen=True)
class Theme:
    env: Environment
    nav: Navigation
    docs: Sequence[File]


KEYED = (
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "copyright",
    "repo_url",
    "repo_name",
    "edit_uri",
    "edit_uri_template",
    "use_directory_urls",
    "extra",
    "extra_css",
    "extra_javascript",
    "extra_templates",
    "markdown_extensions",
    "mdx_configs",
)
"""The settings a catalogue page's layout may read, beside its model."""


def _theme_key(theme: Theme, config: MkDocsConfig) -> str:
    """What every catalogue page's HTML comes from beside its model: the settings, the
    theme's settings and templates, and the navigation (the documentation pages' titles
    and addresses), as text; the same text, the same layout."""
    settings = {name: config.get(name) for name in KEYED}
    settings["theme"] = dict(config.theme.items())
    settings["theme_dirs"] = list(config.theme.dirs)
    templates = hashlib.sha256()
    for folder in config.theme.dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            templates.update(f"{path}\0".encode())
            templates.update(path.read_bytes())
    navigation = [(file.src_uri, file.page.title if file.page else None) for file in theme.docs]
    nav = [(item.title, getattr(item, "url", None)) for item in theme.nav]
    parts = [settings, templates.hexdigest(), navigation, nav]
    return json.dumps(parts, sort_keys=True, default=repr, ensure_ascii=False)


def _layout(theme: Theme, config: MkDocsConfig, model: Page) -> str:
    """One catalogue page laid out by its template, in the context MkDocs gives a page."""
    file = File.generated(
        config, urls.src_uri(model.path), content="", inclusion=InclusionLevel.NOT_IN_NAV
    )
    file.edit_uri = model.source  # "edit this record" opens the record's YAML file
    page = MkDocsPage(model.title, file, config)
    page.meta = {
        "template": model.template,
        "lang": model.lang,
        "title": model.title,
        "description": model.description,
        "hide": ["navigation", "toc"],
    }
    page.content = ""
    page.toc = get_toc(
        [{"level": 1, "id": HEADING_ID, "name": html.escape(model.title), "children": []}]
    )
    context = cast("dict[str, Any]", get_context(theme.nav, theme.docs, config, page))
    context["katalog"] = model
    return theme.env.get_template(model.template).render(context)


def _replace(files: Files, src_uri: str) -> None:
    clash = files.get_file_from_path(src_uri)
    if clash is not None:
        log.warning(f"docs/{src_uri} is replaced by the catalogue's own")
        files.remove(clash)


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
