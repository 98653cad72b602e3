"""Names, dates, amounts and sort order for a reader of each language, from CLDR via Babel.

Every country name, month name, date pattern, number pattern and currency symbol comes
from the Unicode CLDR data that Babel ships: there are no hand-written month or country
tables here. Bokmål uses the `nb` locale and English uses British English (`en_GB`), so
dates read "15. mars 2019" and "15 March 2019".

The few words CLDR does not provide ("from", "every year") come from the languages table
(`katalog.languages`); the dashes joining two dates are written here, as is the sort order
for names (`collation_key`), since Babel has no collation: Norwegian follows the CLDR `nb`
tailoring for letters (æ, ø, å after z).

This module also answers when a yearly application window is open (`window_state`) and
which day the site is built for (`build_date`, honouring `SOURCE_DATE_EPOCH`).

It does not read content, produce HTML or import MkDocs; every function is pure apart
from `build_date`, which reads the clock when no `SOURCE_DATE_EPOCH` is set.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import (
    NumberPattern,
    format_currency,
    format_decimal,
    get_currency_symbol,
)
from babel.units import format_unit

from katalog.languages import KNOWN, Lang
from katalog.records.model import ApplicationWindow, MonthDay, PartialDate, Period

LOCALES: dict[Lang, str] = {code: language.locale for code, language in KNOWN.items()}
"""The Babel locale used for each language (`katalog.languages`): Bokmål is `nb`,
English is British English (`en_GB`)."""

EN_DASH = "\N{EN DASH}"
NO_BREAK_SPACE = "\N{NO-BREAK SPACE}"


# A leap year, so that any month and day can be formatted; the year itself is not shown.
_ANY_YEAR = 2000


@cache
def babel_locale(lang: Lang) -> Locale:
    """The Babel locale for `lang`."""
    return Locale.parse(LOCALES[lang])


# --- Names -----------------------------------------------------------------------------


def country_name(code: str, lang: Lang) -> str:
    """The CLDR name of a country or territory code ("PL" → "Polen" / "Poland").

    Accepts any two-capital-letter region code CLDR names, including Kosovo (XK).
    Raises KeyError for anything else, including CLDR's "unknown region" (ZZ) and the
    numeric region codes ("001", the world).
    """
    territories = babel_locale(lang).territories
    if len(code) != 2 or not (code.isascii() and code.isalpha() and code.isupper()):
        raise KeyError(code)
    if code == "ZZ" or code not in territories:
        raise KeyError(code)
    name: str = territories[code]
    return name


# --- Dates -----------------------------------------------------------------------------


@lru_cache(maxsize=65536)  # babel's formatting is slow, and dates repeat across pages
def format_date(d: date, lang: Lang) -> str:
    """A full date in CLDR's long format: "15. mars 2019" / "15 March 2019"."""
    return babel_format_date(d, "long", locale=babel_locale(lang))


@lru_cache(maxsize=65536)
def format_partial_date(d: PartialDate, lang: Lang) -> str:
    """A date at its own precision: "2019"; "mars 2019" / "March 2019"; or a full date."""
    if d.month is None:
        return format_skeleton("y", date(d.year, 1, 1), locale=babel_locale(lang))
    if d.day is None:
        return format_skeleton("yMMMM", date(d.year, d.month, 1), locale=babel_locale(lang))
    return format_date(date(d.year, d.month, d.day), lang)


def format_period(p: Period, lang: Lang) -> str:
    """A period: "2019–2023"; "mars 2019 – juni 2021"; "fra 2019" / "from 2019".

    Two bare years are joined by an unspaced en dash, anything finer by a spaced one. An
    open end reads "from <start>"; a period that starts and ends on the same value is
    that value alone.
    """
    start = format_partial_date(p.start, lang)
    if p.end is None:
        return KNOWN[lang].period_from.format(start=start)
    if p.end == p.start:
        return start
    end = format_partial_date(p.end, lang)
    if p.start.month is None and p.end.month is None:
        return f"{start}{EN_DASH}{end}"
    return f"{start} {EN_DASH} {end}"


def format_month_day(md: MonthDay, lang: Lang) -> str:
    """A day of the year: "15. februar" / "15 February" (CLDR skeleton MMMMd)."""
    return format_skeleton("MMMMd", date(_ANY_YEAR, md.month, md.day), locale=babel_locale(lang))


def format_window(w: ApplicationWindow, lang: Lang) -> str:
    """A yearly window: "15. februar – 15. mars hvert år" / "… every year"."""
    window = f"{format_month_day(w.opens, lang)} {EN_DASH} {format_month_day(w.closes, lang)}"
    return KNOWN[lang].every_year.format(window=window)


# --- Application windows ---------------------------------------------------------------


@dataclass(frozen=True)
class WindowState:
    """Where a set of yearly application windows stands on a given day.

    `closes` is the last day of the window open that day (the latest one, if several
    overlap), or None when none is open. `next_opens` is the first day strictly after
    that day on which any of the windows opens.
    """

    closes: date | None
    next_opens: date

    @property
    def is_open(self) -> bool:
        return self.closes is not None


def _on(year: int, md: MonthDay) -> date:
    return date(year, md.month, md.day)


def window_closes(w: ApplicationWindow, today: date) -> date | None:
    """The last day of the occurrence of `w` that includes `today`, or None if closed.

    Both ends are included. A window that closes earlier in the year than it opens runs
    over New Year (11-15 to 01-31 closes in the January after it opens).
    """
    runs_over_new_year = w.closes < w.opens
    for year in (today.year - 1, today.year):
        opens = _on(year, w.opens)
        closes = _on(year + 1 if runs_over_new_year else year, w.closes)
        if opens <= today <= closes:
            return closes
    return None


def next_opening(w: ApplicationWindow, today: date) -> date:
    """The first day strictly after `today` on which `w` opens."""
    this_year = _on(today.year, w.opens)
    return this_year if this_year > today else _on(today.year + 1, w.opens)


def window_state(windows: Sequence[ApplicationWindow], today: date) -> WindowState | None:
    """Whether any window is open on `today`, until when, and when one next opens.

    None when there are no windows. Windows never fall on 29 February (the schema
    rejects it), so every opening and closing day exists in every year.
    """
    if not windows:
        return None
    closing = [c for w in windows if (c := window_closes(w, today)) is not None]
    return WindowState(
        closes=max(closing, default=None),
        next_opens=min(next_opening(w, today) for w in windows),
    )


# --- Numbers and amounts ---------------------------------------------------------------


def format_count(n: int, lang: Lang) -> str:
    """A whole number with the language's grouping: "5 000" (no-break space) / "5,000"."""
    return format_decimal(n, locale=babel_locale(lang))


def _is_symbol(char: str) -> bool:
    return unicodedata.category(char).startswith("S")


def _currency_pattern(currency: str, lang: Lang, whole: bool) -> NumberPattern:
    """The locale's standard currency pattern, with CLDR's currency spacing applied.

    CLDR asks for a no-break space between a currency sign and an adjacent digit when the
    sign's touching character is not a symbol ("NOK 1,500", but "€1,500"); Babel 2.18
    leaves that rule out and would print "NOK1,500". A whole amount gets no decimals.
    """
    loc = babel_locale(lang)
    pattern: NumberPattern = loc.currency_formats["standard"]
    sign = get_currency_symbol(currency, locale=loc)
    prefix = tuple(
        f"{text}{NO_BREAK_SPACE}" if text.endswith("¤") and not _is_symbol(sign[-1]) else text
        for text in pattern.prefix
    )
    suffix = tuple(
        f"{NO_BREAK_SPACE}{text}" if text.startswith("¤") and not _is_symbol(sign[0]) else text
        for text in pattern.suffix
    )
    return NumberPattern(
        pattern.pattern,
        (prefix[0], prefix[1]),
        (suffix[0], suffix[1]),
        pattern.grouping,
        pattern.int_prec,
        (0, 0) if whole else pattern.frac_prec,
        pattern.exp_prec,
        pattern.exp_plus,
        pattern.number_pattern,
    )


def format_amount(amount: Decimal, currency: str, lang: Lang) -> str:
    """An amount of money in CLDR's standard currency format for the language.

    A whole amount has no decimals ("1 500 000 €" / "€1,500,000"); any other amount has
    the currency's usual number of decimals ("2 500,50 €" / "€2,500.50").
    """
    whole = amount == amount.to_integral_value()
    return format_currency(
        amount,
        currency,
        format=_currency_pattern(currency, lang, whole),
        locale=babel_locale(lang),
        currency_digits=not whole,
    )


# --- Sort order ------------------------------------------------------------------------

CollationKey = tuple[tuple[int, ...], str]
"""Primary weights (case and accents ignored), then the text itself to break ties."""

# Letters Unicode does not decompose into a base letter and accents.
_FOLDED = {"æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i"}

# CLDR's `nb` tailoring: æ, ø, å follow z, in that order; ä sorts with æ, ö and ő with ø,
# ü and ű with y.
_NB_AFTER_Z = {"æ": 1, "ä": 1, "ø": 2, "ö": 2, "ő": 2, "å": 3}
_NB_AS = {"ü": "y", "ű": "y"}


@cache  # a few hundred characters at most, met again in every name
def _primary(char: str, lang: Lang) -> tuple[int, ...]:
    """Primary weights of one case-folded character: its base letters, accents dropped."""
    norwegian = KNOWN[lang].collation == "nb"
    if norwegian:
        if char in _NB_AFTER_Z:
            return (4 * ord("z") + _NB_AFTER_Z[char],)
        char = _NB_AS.get(char, char)
    decomposed = unicodedata.normalize("NFKD", char)
    weights: list[int] = []
    for base in (c for c in decomposed if not unicodedata.combining(c)):
        if norwegian and base in _NB_AFTER_Z:
            weights.append(4 * ord("z") + _NB_AFTER_Z[base])
        else:
            weights.extend(4 * ord(c) for c in _FOLDED.get(base, base))
    return tuple(weights)


@lru_cache(maxsize=65536)
def collation_key(text: str, lang: Lang) -> CollationKey:
    """A sort key for names in `lang`: case-insensitive, with accents ignored (é as e).

    In Bokmål æ, ø and å (and Æ, Ø, Å) sort after z, in that order; in English they sort
    as ae, o and a. Names that differ only in case or accents are ordered by their text,
    so sorting is deterministic.
    """
    folded = unicodedata.normalize("NFC", text).casefold()
    return tuple(w for char in folded for w in _primary(char, lang)), text


# --- The build's date ------------------------------------------------------------------


LAST_BUILD_YEAR = 9998
"""The latest year a site can be built for: next year's application windows must exist."""


def build_date(environ: Mapping[str, str] | None = None) -> date:
    """The date the site is built for: SOURCE_DATE_EPOCH's UTC date, else today in UTC.

    `environ` defaults to the process environment. An empty SOURCE_DATE_EPOCH counts as
    unset; any other value that is not a whole, non-negative number of seconds since
    1970-01-01 UTC raises ValueError (https://reproducible-builds.org/specs/source-date-epoch/).
    """
    env = os.environ if environ is None else environ
    value = env.get("SOURCE_DATE_EPOCH", "")
    if value == "":
        return datetime.now(UTC).date()
    if not (value.isascii() and value.isdigit()):
        raise ValueError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, "
            f"such as 1700000000; got {value!r}"
        )
    try:
        day = (datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=int(value))).date()
    except OverflowError:
        day = date.max
    if day.year > LAST_BUILD_YEAR:
        raise ValueError(
            f"SOURCE_DATE_EPOCH {value!r} is after the year {LAST_BUILD_YEAR}: the site looks "
            "a year ahead of its build date (the next application window), and Python's "
            "dates end with the year 9999"
        )
    return day


# --- File sizes ------------------------------------------------------------------------

_SIZE_UNITS = ((1000 * 1000, "digital-megabyte"), (1000, "digital-kilobyte"))


def format_size(size: int, lang: Lang) -> str:
    """A file size as CLDR writes it: "12 kB", "1,4 MB" / "1.4 MB"; small files in bytes."""
    for factor, unit in _SIZE_UNITS:
        if size >= factor:
            value = round(size / factor, 1) if size < 10 * factor else round(size / factor)
            return str(format_unit(value, unit, length="short", locale=babel_locale(lang)))
    return str(format_unit(size, "digital-byte", length="short", locale=babel_locale(lang)))
