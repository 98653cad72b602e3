"""How current each record's information is on the build date, against the review interval.

A record's information date is the day an editor last checked it (`checked`), else the
newest date its sources speak for (`as_of`), at that source's precision
(`model.information_date`). It is due for review when that date, taken at its latest
(a source "as of 2016" speaks for all of 2016), lies more than the review interval
(`review_months` in the site's settings) before the build date; a record whose
information date is unknown is reported too. Both are warnings: they never stop a build.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from katalog.records import codes
from katalog.records.model import PartialDate, Source, information_date
from katalog.records.problems import Problem, Severity

if TYPE_CHECKING:
    from katalog.records.parsed import Parsed, ParsedFile

DEFAULT_MONTHS = 24
"""The review interval when the settings give none."""


@dataclass(frozen=True)
class Review:
    """The build date, and how many months a record's information stays current."""

    today: date
    months: int = DEFAULT_MONTHS

    @property
    def cutoff(self) -> date:
        """The oldest information date that is not yet due: `months` before `today`."""
        months = self.today.year * 12 + self.today.month - 1 - self.months
        year, month = divmod(months, 12)
        month += 1
        return date(year, month, min(self.today.day, calendar.monthrange(year, month)[1]))

    def is_due(self, information: PartialDate | None) -> bool:
        """Whether information of this date (None: unknown) should be reviewed."""
        return information is None or information.last_day < self.cutoff


def check(parsed: Parsed, review: Review) -> Iterator[Problem]:
    """A warning for each valid record whose information is due for review or undated."""
    for folder in ("programmes", "projects"):
        for record in parsed.records.get(folder, []):
            yield from check_record(record, review)


def check_record(record: ParsedFile, review: Review) -> Iterator[Problem]:
    """The warning for one record, if it is valid and its information is due or undated."""
    if record.values is None or record.tree is None:
        return
    checked = record.values.get("checked")
    sources: tuple[Source, ...] = record.values.get("sources", ())
    information = information_date(checked, sources)
    if not review.is_due(information):
        return
    field = "checked" if checked is not None else "sources"
    node = record.tree.get(field)
    at = node.at if node is not None else record.tree.at
    if information is None:
        code = codes.INFORMATION_UNDATED
        message = (
            "the date of the information is unknown: no `checked` date, and no "
            "source has an `as_of` date"
        )
    else:
        code = codes.REVIEW_DUE
        if checked is not None:
            what, then = f"checked {information}", "again, and update `checked`"
        else:
            what, then = f"as of {information}", "and set `checked`"
        message = (
            f"the information ({what}) is older than the review interval of "
            f"{review.months} months on {review.today.isoformat()}: check the record "
            f"against its sources {then}"
        )
    yield Problem(record.display, at.line, at.col, Severity.WARNING, field, message, code)
