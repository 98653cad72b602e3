"""MkDocs hook: autoescaping for the catalogue's templates, and edit links only with a repository.

MkDocs builds the theme's Jinja environment without autoescaping, and Material's own
templates rely on that (they print HTML such as `page.content` unescaped). The
catalogue's templates, and the overrides of Material's templates that print catalogue
data, are compiled with autoescaping on: a record's text can never become markup.

"Edit this record" links need the repository's address (`repo_url`, from the
KATALOG_REPO_URL environment variable); without it there are no edit links at all,
rather than broken ones.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

ESCAPED = ("catalogue/", "partials/catalogue/")
ESCAPED_OVERRIDES = (
    "main.html",
    "partials/header.html",
    "partials/alternate.html",
    "partials/copyright.html",
)


def autoescape(name: str | None) -> bool:
    return name is not None and (name.startswith(ESCAPED) or name in ESCAPED_OVERRIDES)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.repo_url:
        config.edit_uri_template = None
        config.edit_uri = None
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.autoescape = autoescape
    return env
