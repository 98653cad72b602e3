"""The typed records answer date and language questions correctly."""

from __future__ import annotations

from datetime import date

import pytest

from katalog.records.model import Localized, PartialDate, Period, Status


@pytest.mark.parametrize(
    ("value", "first", "last", "text"),
    [
        (PartialDate(2019), date(2019, 1, 1), date(2019, 12, 31), "2019"),
        (PartialDate(2024, 2), date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
        (PartialDate(2023, 2), date(2023, 2, 1), date(2023, 2, 28), "2023-02"),
        (PartialDate(2019, 3, 15), date(2019, 3, 15), date(2019, 3, 15), "2019-03-15"),
    ],
)
def test_partial_date_keeps_its_precision(
    value: PartialDate, first: date, last: date, text: str
) -> None:
    assert (value.first_day, value.last_day, str(value)) == (first, last, text)


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2018, 12, 31), Status.PLANNED),
        (date(2019, 1, 1), Status.ACTIVE),
        (date(2023, 12, 31), Status.ACTIVE),
        (date(2024, 1, 1), Status.COMPLETED),
    ],
)
def test_status_is_derived_from_a_whole_year_period(today: date, status: Status) -> None:
    assert Period(PartialDate(2019), PartialDate(2023)).status_on(today) is status


def test_open_ended_period_stays_active() -> None:
    assert Period(PartialDate(2019, 3)).status_on(date(2040, 1, 1)) is Status.ACTIVE


@pytest.mark.parametrize(
    ("inner", "inside"),
    [
        (Period(PartialDate(2015), PartialDate(2020)), True),
        (Period(PartialDate(2014, 1, 1), PartialDate(2021, 12)), True),
        (Period(PartialDate(2013, 12), PartialDate(2016)), False),
        (Period(PartialDate(2019), PartialDate(2022, 1)), False),
        (Period(PartialDate(2019)), False),
    ],
)
def test_period_contains(inner: Period, inside: bool) -> None:
    assert Period(PartialDate(2014), PartialDate(2021)).contains(inner) is inside


def test_localized_falls_back_and_says_so() -> None:
    text = Localized(nb="Bare norsk")
    assert text.get("en") == "Bare norsk"
    assert text.language_for("en") == "nb"
    assert text.is_fallback("en") and not text.is_fallback("nb")
