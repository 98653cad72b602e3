"""A site's settings: its languages, its own interface texts, where it is published, the
data licence. One place reads them, for the MkDocs hooks and the `katalog` command alike.

They live in `mkdocs.yml` under `extra: katalog:` (MkDocs' own `site_url` and `repo_url`
are read from there too), so one file configures the site:

    extra:
      katalog:
        languages: [nb, en]        # the site's languages, in order; the first is the default
        texts: texts/              # optional: <lang>.yml files of interface texts
        licence:                   # optional: the data's licence, shown with the downloads
          name: CC BY 4.0          #   a text, or one per language ({nb: ..., en: ...})
          url: https://creativecommons.org/licenses/by/4.0/
        review_months: 24          # optional: how long a record's information stays
                                   #   current before validation asks for a review
        publisher:                 # optional: who publishes the site, in every page's footer
          name: ...                #   a text, or one per language
          email: post@example.org
          address: ...             #   a postal address: a text, or one per language
        iati:                      # optional: the IATI export (katalog.exports.iati)
          organisation: NO-BRC-123456789   # the publisher's IATI organisation identifier
          type: "11"               #   its IATI organisation type code (11: local government)
          name: ...                #   its name: a text, or one per language (else the
                                   #   publisher's name)

Each publisher setting is shown only when set. Without a licence, the data page says that
the site's publisher sets the terms of use.
Nothing here imports MkDocs: `mkdocs.yml` is read as YAML, with MkDocs' `!ENV` tags
resolved from the environment.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from katalog.languages import SITE_LANGUAGES, Lang, Languages
from katalog.records.model import Localized
from katalog.records.review import DEFAULT_MONTHS as DEFAULT_REVIEW_MONTHS
from katalog.records.schema import invisible_character, line_break, unsafe_in_email

DEFAULT_PAGE_SIZE = 100
"""Records a listing page (the projects and programmes pages, a country's, a theme's or an
organisation's) shows before it goes on to a next page: a national catalogue's full list
would be megabytes of HTML on a phone."""


class SettingsError(Exception):
    """A setting that cannot be used; the message names it."""


@dataclass(frozen=True)
class Licence:
    name: Localized | None = None
    url: str | None = None


@dataclass(frozen=True)
class Publisher:
    """Who publishes the site, as every page's footer names them; each part optional."""

    name: Localized | None = None
    email: str | None = None
    address: Localized | None = None
    """A postal address; its lines are separated by newlines."""


@dataclass(frozen=True)
class Iati:
    """The publisher as the IATI export names it: without `organisation`, no export."""

    organisation: str | None = None
    """The publisher's IATI organisation identifier (`NO-BRC-123456789`)."""
    type: str | None = None
    """Its code in IATI's OrganisationType list (`11`, local government)."""
    name: Localized | None = None
    """Its name, for `reporting-org`: the `iati.name` setting, else the publisher's."""


IATI_ORGANISATION = re.compile(r"[A-Z]{2}-[A-Z0-9]+-[A-Za-z0-9][A-Za-z0-9._-]*")
"""An IATI organisation identifier: a registration agency's code (a country or `XM`/`XI`,
a hyphen, the agency, as in `NO-BRC`), a hyphen, and the organisation's number there."""
IATI_ORGANISATION_TYPES = (
    *("10", "11", "15", "21", "22", "23", "24", "30", "40"),
    *("60", "70", "71", "72", "73", "80", "90"),
)
"""IATI 2.03's OrganisationType codes."""


@dataclass(frozen=True)
class Settings:
    languages: Languages = SITE_LANGUAGES
    texts: Mapping[Lang, Mapping[str, str]] = field(default_factory=dict)
    site_url: str | None = None
    repo_url: str | None = None
    licence: Licence = Licence()
    review_months: int = DEFAULT_REVIEW_MONTHS
    """How many months a record's information stays current (`katalog.records.review`)."""
    publisher: Publisher = Publisher()
    page_size: int = DEFAULT_PAGE_SIZE
    """How many records a listing page shows before it goes on to a next page."""
    iati: Iati = Iati()
    """Who publishes the IATI export; without an organisation identifier, there is none."""


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: MkDocs' `!ENV` tags give the variable's value or their default."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1], items[-1]
    for name in names:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return default


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict[str, Any]:
    """`mkdocs.yml` as plain data (or an empty mapping where there is none)."""
    if not path.is_file():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except yaml.YAMLError as error:
        raise SettingsError(f"{path}: not readable as YAML: {error}") from None
    return data if isinstance(data, dict) else {}


def from_config(config: Mapping[str, Any], base: Path) -> Settings:
    """Settings from a MkDocs configuration (`extra.katalog`, `site_url`, `repo_url`)."""
    extra = config.get("extra") or {}
    own = extra.get("katalog") or {} if isinstance(extra, Mapping) else {}
    if not isinstance(own, Mapping):
        raise SettingsError("extra.katalog must be a mapping of settings")
    codes = own.get("languages", list(SITE_LANGUAGES))
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        raise SettingsError("extra.katalog.languages must be a list of language codes")
    try:
        languages = Languages.of(codes)
    except ValueError as error:
        raise SettingsError(f"extra.katalog.languages: {error}") from None
    publisher = _publisher(own.get("publisher"), languages)
    return Settings(
        languages=languages,
        texts=_texts(own.get("texts"), base, languages),
        site_url=config.get("site_url") or None,
        repo_url=config.get("repo_url") or None,
        licence=_licence(own.get("licence"), languages),
        review_months=_review_months(own.get("review_months", DEFAULT_REVIEW_MONTHS)),
        publisher=publisher,
        page_size=_page_size(own.get("page_size", DEFAULT_PAGE_SIZE)),
        iati=_iati(own.get("iati"), languages, publisher),
    )


def _review_months(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError(
            "extra.katalog.review_months must be a whole number of months, 1 or more"
        )
    return value


def _page_size(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10_000:
        raise SettingsError(
            "extra.katalog.page_size must be a whole number of records from 1 to 10000"
        )
    return value


def read_settings(project: Path) -> Settings:
    """The settings of the site whose `mkdocs.yml` is in `project`."""
    return from_config(read_config(project / "mkdocs.yml"), project)


def _texts(folder: object, base: Path, languages: Languages) -> dict[Lang, dict[str, str]]:
    if folder is None:
        return {}
    if not isinstance(folder, str):
        raise SettingsError("extra.katalog.texts must be a folder of <lang>.yml files")
    tables: dict[Lang, dict[str, str]] = {}
    for lang in languages:
        path = base / folder / f"{lang}.yml"
        if not path.is_file():
            continue
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in table.items()
        ):
            raise SettingsError(f"{folder}/{lang}.yml must map text keys to texts")
        tables[lang] = table
    return tables


def _licence(value: object, languages: Languages) -> Licence:
    if value is None:
        return Licence()
    if not isinstance(value, Mapping) or set(value) - {"name", "url"}:
        raise SettingsError("extra.katalog.licence takes `name` and `url`")
    name, url = value.get("name"), value.get("url")
    if url is not None and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
        raise SettingsError("extra.katalog.licence.url must be an http(s) address")
    return Licence(_localized(name, languages, "extra.katalog.licence.name"), url)


def _localized(value: object, languages: Languages, setting: str) -> Localized | None:
    """A setting given as one text for every language, or one per language."""
    if value is None:
        return None
    if isinstance(value, str):
        return Localized((lang, value) for lang in languages)
    if isinstance(value, Mapping):
        given = [(lang, value[lang]) for lang in languages if isinstance(value.get(lang), str)]
        if not given:
            raise SettingsError(
                f"{setting} needs a text in at least one of the site's "
                f"languages ({', '.join(languages)})"
            )
        return Localized(given)
    raise SettingsError(f"{setting} must be a text, or one per language")


EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _publisher(value: object, languages: Languages) -> Publisher:
    if value is None:
        return Publisher()
    if not isinstance(value, Mapping) or set(value) - {"name", "email", "address"}:
        raise SettingsError("extra.katalog.publisher takes `name`, `email` and `address`")
    email = value.get("email")
    if email is not None and not (isinstance(email, str) and EMAIL.fullmatch(email)):
        raise SettingsError("extra.katalog.publisher.email must be an e-mail address")
    unsafe = None
    if email is not None and invisible_character(email) is not None:
        unsafe = "it holds an invisible character"
    elif email is not None:
        unsafe = unsafe_in_email(email)
    if unsafe is not None:
        raise SettingsError(
            f"extra.katalog.publisher.email must be a plain e-mail address: {unsafe}"
        )
    name = _localized(value.get("name"), languages, "extra.katalog.publisher.name")
    for lang, text in name.items() if name else ():
        if line_break(text.strip()) is not None:
            raise SettingsError(
                f"extra.katalog.publisher.name ({lang}) must be a single line of plain text"
            )
    return Publisher(
        name=name,
        email=email,
        address=_localized(value.get("address"), languages, "extra.katalog.publisher.address"),
    )


def _iati(value: object, languages: Languages, publisher: Publisher) -> Iati:
    """The IATI settings: an identifier (given by KATALOG_IATI_ORG through `!ENV`, or
    written in), and with it the organisation's type and name, which every IATI file
    must state; without an identifier, the rest is not needed."""
    if value is None:
        return Iati()
    if not isinstance(value, Mapping) or set(value) - {"organisation", "type", "name"}:
        raise SettingsError("extra.katalog.iati takes `organisation`, `type` and `name`")
    organisation = value.get("organisation")
    if organisation is None or organisation == "":
        return Iati()
    setting = "extra.katalog.iati.organisation (KATALOG_IATI_ORG)"
    if not isinstance(organisation, str) or not IATI_ORGANISATION.fullmatch(organisation):
        raise SettingsError(
            f"{setting} must be an IATI organisation identifier: the registration agency's "
            "code, a hyphen and the organisation's number there, such as NO-BRC-123456789, "
            f"with only letters, digits, '.', '_' and '-'; not {str(organisation)!r}"
        )
    kind = value.get("type")
    if kind is None:
        raise SettingsError(
            "extra.katalog.iati.type is needed with an IATI organisation identifier: "
            'the organisation\'s IATI OrganisationType code, such as "11" (local government)'
        )
    if str(kind) not in IATI_ORGANISATION_TYPES:
        raise SettingsError(
            "extra.katalog.iati.type must be an IATI OrganisationType code, one of "
            f"{', '.join(IATI_ORGANISATION_TYPES)}; not {str(kind)!r}"
        )
    name = _localized(value.get("name"), languages, "extra.katalog.iati.name") or publisher.name
    if name is None:
        raise SettingsError(
            "extra.katalog.iati.name (or extra.katalog.publisher.name) is needed with an "
            "IATI organisation identifier: the organisation's name, which IATI states"
        )
    for lang, text in name.items():
        if line_break(text.strip()) is not None:
            raise SettingsError(
                f"extra.katalog.iati.name ({lang}) must be a single line of plain text"
            )
    return Iati(organisation=organisation, type=str(kind), name=name)
