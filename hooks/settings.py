"""MkDocs hook: read the catalogue's settings once per build, and give Material its share.

`katalog.settings` reads `extra.katalog` (languages, interface texts, licence) with
`site_url` and `repo_url`; the result is kept on this build's config for the other hooks
(`settings_of`). Material's default interface language and the language selector of
pages that are not the catalogue's (the 404 page) follow the languages setting, so the
site's languages are named in one place.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from katalog.languages import KNOWN
from katalog.settings import Settings, SettingsError, from_config
from katalog.site import urls

SETTINGS = "katalog_settings"


def settings_of(config: MkDocsConfig) -> Settings:
    settings: Settings = config[SETTINGS]
    return settings


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        settings = from_config(config, Path(config.config_file_path).parent)
    except SettingsError as error:
        raise Abort(f"mkdocs.yml: {error}") from None
    config[SETTINGS] = settings
    languages = settings.languages
    config.theme["language"] = KNOWN[languages.default].material
    config.extra["alternate"] = [
        {"name": KNOWN[code].name, "link": urls.home(code), "lang": code} for code in languages
    ]
    return config
