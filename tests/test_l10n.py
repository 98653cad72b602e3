"""Names, dates, amounts and sort order read as a Norwegian or a British reader expects."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal

import pytest

from katalog.records.model import ApplicationWindow, Lang, MonthDay, PartialDate, Period
from katalog.site import l10n
from katalog.site.l10n import (
    LOCALES,
    WindowState,
    build_date,
    collation_key,
    country_name,
    format_amount,
    format_count,
    format_date,
    format_month_day,
    format_partial_date,
    format_period,
    format_window,
    window_state,
)

NBSP = "\N{NO-BREAK SPACE}"


def test_locales_are_bokmal_and_british_english() -> None:
    assert (LOCALES["nb"], LOCALES["en"]) == ("nb", "en_GB")


# --- Names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "nb", "en"),
    [
        ("PL", "Polen", "Poland"),
        ("NO", "Norge", "Norway"),
        ("XK", "Kosovo", "Kosovo"),
        ("MK", "Nord-Makedonia", "North Macedonia"),
        ("CZ", "Tsjekkia", "Czechia"),
        ("GB", "Storbritannia", "United Kingdom"),
        ("UA", "Ukraina", "Ukraine"),
    ],
)
def test_country_name(code: str, nb: str, en: str) -> None:
    assert (country_name(code, "nb"), country_name(code, "en")) == (nb, en)


@pytest.mark.parametrize("code", ["ZZ", "QQ", "pl", "Pl", "POL", "P", "", "001", "150"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_country_name_rejects_unknown_codes(code: str, lang: Lang) -> None:
    with pytest.raises(KeyError):
        country_name(code, lang)


# --- Dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "nb", "en"),
    [
        (date(2019, 3, 15), "15. mars 2019", "15 March 2019"),
        (date(2019, 3, 5), "5. mars 2019", "5 March 2019"),
        (date(2024, 5, 1), "1. mai 2024", "1 May 2024"),
        (date(2020, 12, 31), "31. desember 2020", "31 December 2020"),
    ],
)
def test_format_date(day: date, nb: str, en: str) -> None:
    assert (format_date(day, "nb"), format_date(day, "en")) == (nb, en)


@pytest.mark.parametrize(
    ("value", "nb", "en"),
    [
        (PartialDate(2019), "2019", "2019"),
        (PartialDate(2019, 3), "mars 2019", "March 2019"),
        (PartialDate(2021, 1), "januar 2021", "January 2021"),
        (PartialDate(2020, 5), "mai 2020", "May 2020"),
        (PartialDate(2022, 12), "desember 2022", "December 2022"),
        (PartialDate(2019, 3, 15), "15. mars 2019", "15 March 2019"),
        (PartialDate(2024, 2, 29), "29. februar 2024", "29 February 2024"),
    ],
)
def test_format_partial_date_keeps_its_precision(value: PartialDate, nb: str, en: str) -> None:
    assert (format_partial_date(value, "nb"), format_partial_date(value, "en")) == (nb, en)


@pytest.mark.parametrize(
    ("period", "nb", "en"),
    [
        (Period(PartialDate(2019), PartialDate(2023)), "2019–2023", "2019–2023"),
        (
            Period(PartialDate(2019, 3), PartialDate(2021, 6)),
            "mars 2019 – juni 2021",
            "March 2019 – June 2021",
        ),
        (
            Period(PartialDate(2019, 3, 15), PartialDate(2021, 6, 30)),
            "15. mars 2019 – 30. juni 2021",
            "15 March 2019 – 30 June 2021",
        ),
        (
            Period(PartialDate(2019), PartialDate(2021, 6)),
            "2019 – juni 2021",
            "2019 – June 2021",
        ),
        (
            Period(PartialDate(2019, 3), PartialDate(2021)),
            "mars 2019 – 2021",
            "March 2019 – 2021",
        ),
        (
            Period(PartialDate(2021, 3), PartialDate(2021, 6)),
            "mars 2021 – juni 2021",
            "March 2021 – June 2021",
        ),
        (Period(PartialDate(2019)), "fra 2019", "from 2019"),
        (Period(PartialDate(2019, 3)), "fra mars 2019", "from March 2019"),
        (Period(PartialDate(2019, 3, 15)), "fra 15. mars 2019", "from 15 March 2019"),
        (Period(PartialDate(2019), PartialDate(2019)), "2019", "2019"),
        (Period(PartialDate(2019, 3), PartialDate(2019, 3)), "mars 2019", "March 2019"),
        (
            Period(PartialDate(2019, 3, 15), PartialDate(2019, 3, 15)),
            "15. mars 2019",
            "15 March 2019",
        ),
        (
            Period(PartialDate(2019), PartialDate(2019, 12)),
            "2019 – desember 2019",
            "2019 – December 2019",
        ),
    ],
)
def test_format_period(period: Period, nb: str, en: str) -> None:
    assert (format_period(period, "nb"), format_period(period, "en")) == (nb, en)


@pytest.mark.parametrize(
    ("value", "nb", "en"),
    [
        (MonthDay(2, 15), "15. februar", "15 February"),
        (MonthDay(1, 1), "1. januar", "1 January"),
        (MonthDay(5, 1), "1. mai", "1 May"),
        (MonthDay(12, 31), "31. desember", "31 December"),
    ],
)
def test_format_month_day(value: MonthDay, nb: str, en: str) -> None:
    assert (format_month_day(value, "nb"), format_month_day(value, "en")) == (nb, en)


@pytest.mark.parametrize(
    ("window", "nb", "en"),
    [
        (
            ApplicationWindow(MonthDay(2, 15), MonthDay(3, 15)),
            "15. februar – 15. mars hvert år",
            "15 February – 15 March every year",
        ),
        (
            ApplicationWindow(MonthDay(11, 15), MonthDay(1, 31)),
            "15. november – 31. januar hvert år",
            "15 November – 31 January every year",
        ),
    ],
)
def test_format_window(window: ApplicationWindow, nb: str, en: str) -> None:
    assert (format_window(window, "nb"), format_window(window, "en")) == (nb, en)


# --- Application windows ---------------------------------------------------------------

SPRING = ApplicationWindow(MonthDay(2, 15), MonthDay(3, 15))
NEW_YEAR = ApplicationWindow(MonthDay(11, 15), MonthDay(1, 31))


@pytest.mark.parametrize(
    ("today", "closes", "next_opens"),
    [
        (date(2025, 1, 1), None, date(2025, 2, 15)),
        (date(2025, 2, 14), None, date(2025, 2, 15)),
        (date(2025, 2, 15), date(2025, 3, 15), date(2026, 2, 15)),
        (date(2025, 3, 1), date(2025, 3, 15), date(2026, 2, 15)),
        (date(2025, 3, 15), date(2025, 3, 15), date(2026, 2, 15)),
        (date(2025, 3, 16), None, date(2026, 2, 15)),
        (date(2025, 12, 31), None, date(2026, 2, 15)),
    ],
)
def test_window_state_within_a_year(today: date, closes: date | None, next_opens: date) -> None:
    assert window_state([SPRING], today) == WindowState(closes, next_opens)


@pytest.mark.parametrize(
    ("today", "closes", "next_opens"),
    [
        (date(2025, 11, 14), None, date(2025, 11, 15)),
        (date(2025, 11, 15), date(2026, 1, 31), date(2026, 11, 15)),
        (date(2025, 12, 31), date(2026, 1, 31), date(2026, 11, 15)),
        (date(2026, 1, 1), date(2026, 1, 31), date(2026, 11, 15)),
        (date(2026, 1, 31), date(2026, 1, 31), date(2026, 11, 15)),
        (date(2026, 2, 1), None, date(2026, 11, 15)),
        (date(2026, 6, 1), None, date(2026, 11, 15)),
    ],
)
def test_window_state_over_new_year(today: date, closes: date | None, next_opens: date) -> None:
    assert window_state([NEW_YEAR], today) == WindowState(closes, next_opens)


@pytest.mark.parametrize(
    ("today", "closes", "next_opens"),
    [
        (date(2025, 1, 15), date(2025, 1, 31), date(2025, 2, 15)),
        (date(2025, 2, 1), None, date(2025, 2, 15)),
        (date(2025, 3, 10), date(2025, 3, 15), date(2025, 11, 15)),
        (date(2025, 3, 16), None, date(2025, 11, 15)),
        (date(2025, 11, 20), date(2026, 1, 31), date(2026, 2, 15)),
    ],
)
def test_window_state_takes_the_soonest_next_opening(
    today: date, closes: date | None, next_opens: date
) -> None:
    assert window_state([SPRING, NEW_YEAR], today) == WindowState(closes, next_opens)
    assert window_state([NEW_YEAR, SPRING], today) == WindowState(closes, next_opens)


def test_window_state_overlapping_windows_close_on_the_latest_day() -> None:
    early = ApplicationWindow(MonthDay(3, 1), MonthDay(3, 10))
    late = ApplicationWindow(MonthDay(3, 5), MonthDay(4, 30))
    state = window_state([late, early], date(2025, 3, 7))
    assert state == WindowState(date(2025, 4, 30), date(2026, 3, 1))


@pytest.mark.parametrize(
    ("today", "closes", "next_opens"),
    [
        (date(2025, 6, 9), None, date(2025, 6, 10)),
        (date(2025, 6, 10), date(2025, 6, 10), date(2026, 6, 10)),
        (date(2025, 6, 11), None, date(2026, 6, 10)),
    ],
)
def test_window_state_of_a_one_day_window(
    today: date, closes: date | None, next_opens: date
) -> None:
    one_day = ApplicationWindow(MonthDay(6, 10), MonthDay(6, 10))
    assert window_state([one_day], today) == WindowState(closes, next_opens)


@pytest.mark.parametrize("today", [date(2025, 1, 1), date(2025, 7, 1), date(2025, 12, 31)])
def test_window_state_of_a_whole_year_window(today: date) -> None:
    whole_year = ApplicationWindow(MonthDay(1, 1), MonthDay(12, 31))
    assert window_state([whole_year], today) == WindowState(date(2025, 12, 31), date(2026, 1, 1))


def test_window_state_is_none_without_windows() -> None:
    assert window_state([], date(2025, 3, 1)) is None


def test_window_state_says_whether_it_is_open() -> None:
    assert WindowState(date(2025, 3, 15), date(2026, 2, 15)).is_open
    assert not WindowState(None, date(2026, 2, 15)).is_open


# --- Numbers and amounts ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "nb", "en"),
    [
        ("1500000", "EUR", f"1{NBSP}500{NBSP}000{NBSP}€", "€1,500,000"),
        ("1500000", "NOK", f"1{NBSP}500{NBSP}000{NBSP}kr", f"NOK{NBSP}1,500,000"),
        ("1500000.00", "NOK", f"1{NBSP}500{NBSP}000{NBSP}kr", f"NOK{NBSP}1,500,000"),
        ("2500.50", "EUR", f"2{NBSP}500,50{NBSP}€", "€2,500.50"),
        ("2500.5", "NOK", f"2{NBSP}500,50{NBSP}kr", f"NOK{NBSP}2,500.50"),
        ("999", "EUR", f"999{NBSP}€", "€999"),
        ("250000", "SEK", f"250{NBSP}000{NBSP}SEK", f"SEK{NBSP}250,000"),
        ("100000", "USD", f"100{NBSP}000{NBSP}USD", "US$100,000"),
        ("1000", "GBP", f"1{NBSP}000{NBSP}£", "£1,000"),
    ],
)
def test_format_amount(amount: str, currency: str, nb: str, en: str) -> None:
    value = Decimal(amount)
    assert (format_amount(value, currency, "nb"), format_amount(value, currency, "en")) == (nb, en)


@pytest.mark.parametrize(
    ("n", "nb", "en"),
    [
        (0, "0", "0"),
        (999, "999", "999"),
        (5000, f"5{NBSP}000", "5,000"),
        (1234567, f"1{NBSP}234{NBSP}567", "1,234,567"),
    ],
)
def test_format_count(n: int, nb: str, en: str) -> None:
    assert (format_count(n, "nb"), format_count(n, "en")) == (nb, en)


# --- Sort order ------------------------------------------------------------------------

NAMES = ["Østerrike", "Zambia", "Åland", "Ærø", "Belgia", "Élysée"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nb", ["Belgia", "Élysée", "Zambia", "Ærø", "Østerrike", "Åland"]),
        ("en", ["Ærø", "Åland", "Belgia", "Élysée", "Østerrike", "Zambia"]),
    ],
)
def test_collation_order(lang: Lang, expected: list[str]) -> None:
    assert sorted(NAMES, key=lambda name: collation_key(name, lang)) == expected
    assert sorted(reversed(NAMES), key=lambda name: collation_key(name, lang)) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        # Bokmål: z < æ < ø < å, whatever the case; ä sorts with æ, ö with ø, ü with y.
        ("nb", ["zebra", "Æble", "Ärger", "ærlig", "örn", "Øst", "Åse"]),
        # English: æ as ae, ø as o, å as a; no letter follows z.
        ("en", ["Æble", "ærlig", "Ärger", "Åse", "örn", "Øst", "zebra"]),
    ],
)
def test_collation_of_nordic_letters(lang: Lang, expected: list[str]) -> None:
    words = ["Øst", "Åse", "zebra", "ærlig", "Æble", "Ärger", "örn"]
    assert sorted(words, key=lambda word: collation_key(word, lang)) == expected


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_collation_ignores_case_and_accents(lang: Lang) -> None:
    words = ["eve", "Élan", "Emma", "ecu", "Łódź", "Lofoten", "über", "Umeå"]
    expected = {
        "nb": ["ecu", "Élan", "Emma", "eve", "Łódź", "Lofoten", "Umeå", "über"],
        "en": ["ecu", "Élan", "Emma", "eve", "Łódź", "Lofoten", "über", "Umeå"],
    }
    assert sorted(words, key=lambda word: collation_key(word, lang)) == expected[lang]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_collation_breaks_ties_by_the_text(lang: Lang) -> None:
    assert collation_key("Elysee", lang)[0] == collation_key("élysée", lang)[0]
    assert sorted(["élysée", "Elysee", "elysee"], key=lambda w: collation_key(w, lang)) == [
        "Elysee",
        "elysee",
        "élysée",
    ]


def test_collation_treats_composed_and_decomposed_letters_alike() -> None:
    assert (
        collation_key("A\N{COMBINING RING ABOVE}land", "nb")[0] == collation_key("Åland", "nb")[0]
    )


# --- The build's date ------------------------------------------------------------------


@pytest.fixture
def far_east() -> Iterator[None]:
    """Local time 14 hours ahead of UTC, so a local date differs from the UTC one."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "XST-14")
        time.tzset()
        yield
    time.tzset()


@pytest.mark.parametrize(
    ("epoch", "day"),
    [
        ("0", date(1970, 1, 1)),
        ("86399", date(1970, 1, 1)),
        ("86400", date(1970, 1, 2)),
        ("1700004000", date(2023, 11, 14)),  # 23:20 UTC; already 15 November in Oslo
        ("1735689599", date(2024, 12, 31)),
        ("1735689600", date(2025, 1, 1)),
    ],
)
def test_build_date_from_source_date_epoch(far_east: None, epoch: str, day: date) -> None:
    assert build_date({"SOURCE_DATE_EPOCH": epoch}) == day


@pytest.mark.parametrize(
    "epoch", ["abc", "-1", "1.5", "1e9", " 1700000000", "1700000000\n", "١٧٠٠", "99999999999999"]
)
def test_build_date_rejects_an_invalid_source_date_epoch(epoch: str) -> None:
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        build_date({"SOURCE_DATE_EPOCH": epoch})


class _LateEvening(datetime):
    """A clock that reads 23:30 UTC on 14 November 2023."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> _LateEvening:
        instant = cls(2023, 11, 14, 23, 30, tzinfo=UTC)
        return instant if tz is None else instant.astimezone(tz)


@pytest.mark.parametrize("environ", [{}, {"SOURCE_DATE_EPOCH": ""}, {"OTHER": "1"}])
def test_build_date_without_source_date_epoch_is_today_in_utc(
    monkeypatch: pytest.MonkeyPatch, far_east: None, environ: dict[str, str]
) -> None:
    monkeypatch.setattr(l10n, "datetime", _LateEvening)
    assert build_date(environ) == date(2023, 11, 14)


def test_build_date_reads_the_real_clock_in_utc(far_east: None) -> None:
    before = datetime.now(UTC).date()
    today = build_date({})
    after = datetime.now(UTC).date()
    assert today in {before, after}


def test_build_date_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700004000")
    assert build_date() == date(2023, 11, 14)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        build_date()
