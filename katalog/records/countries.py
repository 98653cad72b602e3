"""Which country codes a record may use, with CLDR as the authority.

The site names every country from CLDR's data (through Babel), in each of its languages.
So a record may use exactly the codes CLDR can name there: the ISO 3166-1 alpha-2 codes
(the list comes from pycountry), plus `XK` for Kosovo, which is not in ISO 3166-1 but is
the code in common use and has a CLDR name; of these, only those CLDR names in every
language the site can be published in (`katalog.languages.KNOWN`). CLDR's other region codes (`EU`,
`UN`, `ZZ`, `001`, ...) are not countries and are not accepted.

`katalog countries` lists the accepted codes with their names.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import pycountry
from babel import Locale

from katalog.languages import KNOWN, Lang

LANGUAGES = tuple(KNOWN)
"""Every language the site can be published in: a code must have a name in each."""

EXTRA_CODES = ("XK",)
"""Codes outside ISO 3166-1 that name a country unambiguously: Kosovo."""

ALIASES = {"UK": "GB", "EL": "GR"}
"""Codes in common use for a country whose ISO code is another."""


@cache
def _territories(lang: Lang) -> Mapping[str, str]:
    """CLDR's names of regions in `lang`, by code."""
    territories: Mapping[str, str] = Locale.parse(lang).territories
    return territories


def cldr_name(code: str, lang: Lang) -> str | None:
    """CLDR's name for a region code in `lang`, or None if CLDR has none."""
    return _territories(lang).get(code)


def iso_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes, and the extra codes."""
    return frozenset({str(country.alpha_2) for country in pycountry.countries} | {*EXTRA_CODES})


@cache
def accepted() -> frozenset[str]:
    """Every code a record may use: those of `iso_codes` that CLDR names in every language."""
    return frozenset(
        code for code in iso_codes() if all(cldr_name(code, lang) is not None for lang in LANGUAGES)
    )


def english_name(code: str) -> str | None:
    """The English CLDR name of an accepted code, or None for any other text."""
    return cldr_name(code, "en") if code in accepted() else None


def by_name(text: str) -> str | None:
    """The accepted code a country's name (in a site language, or ISO's) stands for."""
    wanted = text.strip().casefold()
    for lang in LANGUAGES:
        for code, name in _territories(lang).items():
            if name.casefold() == wanted and code in accepted():
                return code
    try:
        found = pycountry.countries.lookup(text)
    except LookupError:
        return None
    code = str(found.alpha_2)
    return code if code in accepted() else None
