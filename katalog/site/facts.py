"""What the site says about each record, computed once per build: the facts every output reads.

A record's status on the build date, whether its partner call is open on that date, the
organisations taking part with their roles, the years it runs, a programme's next
application window, the day its file last changed, how current its information is and
its addresses are derived here and nowhere else: pages, the search index and every export
read `RecordFacts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from katalog.languages import Lang, Languages
from katalog.records.model import (
    ApplicationWindow,
    CallState,
    PartialDate,
    Programme,
    Project,
    Role,
    Status,
    call_state,
)
from katalog.records.review import DEFAULT_MONTHS, Review
from katalog.site import urls
from katalog.site.kinds import BY_KEY, ROLE_ORDER, Kind
from katalog.site.l10n import next_opening

Record = Programme | Project


@dataclass(frozen=True)
class RecordFacts:
    record: Record
    kind: Kind
    urls: Mapping[Lang, str]
    """The record's page in each language."""
    data_url: str
    source_url: str
    status: Status | None
    """Stated, or for a project implied by its period on the build date."""
    organisations: tuple[tuple[str, tuple[Role, ...]], ...]
    """Every organisation taking part (funders of a programme included), by slug, with
    its roles in `ROLE_ORDER`."""
    years: tuple[int, ...]
    """Every year the record runs: 2019–2023 gives 2019 to 2023; an open end runs to now."""
    changed: date | None
    """The day the record's file last changed in the repository (its last commit): when
    the page changed, not how current its information is."""
    information: PartialDate | None
    """The date the record's information is current as of: `checked`, else its newest
    source's `as_of`, at that precision; None when unknown."""
    review_due: bool
    """Whether the information is older than the review interval on the build date (or
    of unknown date)."""
    programme: str | None
    """The programme a project belongs to; a programme's own slug."""
    start_day: int | None
    """The first day of the period as YYYYMMDD, for sorting."""
    call: CallState | None = None
    """A project's partner call on the build date: open, or closed and why; None without one."""
    next_window: ApplicationWindow | None = None
    """A programme's window that opens next after the build date (the first listed, of
    several opening that day)."""
    next_opens: date | None = None
    """The day it opens."""

    @property
    def slug(self) -> str:
        return self.record.slug

    @property
    def call_open(self) -> bool:
        """Whether the record has a partner call that is open on the build date."""
        return self.call is not None and self.call.is_open

    def roles_of(self, organisation: str) -> tuple[Role, ...]:
        return dict(self.organisations).get(organisation, ())


def record_facts(
    record: Record,
    *,
    languages: Languages,
    today: date,
    last_changed: Mapping[str, date],
    review_months: int = DEFAULT_MONTHS,
) -> RecordFacts:
    kind = BY_KEY[record.kind]
    roles: dict[str, set[Role]] = {}
    if isinstance(record, Programme):
        for slug in record.funders:
            roles.setdefault(slug, set()).add(Role.FUNDER)
    for partner in record.partners:
        roles.setdefault(partner.organisation, set()).add(partner.role)
    period = record.period
    years: tuple[int, ...] = ()
    if period is not None:
        last = period.end.year if period.end else max(period.start.year, today.year)
        years = tuple(range(period.start.year, last + 1))
    information = record.information_date()
    status = record.status_on(today)
    call = None
    if isinstance(record, Project) and record.partner_call is not None:
        call = call_state(record.partner_call, status, today)
    next_window = next_opens = None
    if isinstance(record, Programme) and record.application_windows:
        opening = [(next_opening(window, today), window) for window in record.application_windows]
        next_opens, next_window = min(opening, key=lambda pair: pair[0])
    return RecordFacts(
        record=record,
        kind=kind,
        urls={lang: urls.entry(lang, kind.section, record.slug) for lang in languages},
        data_url=urls.record_data(kind.section, record.slug),
        source_url=urls.record_source(kind.section, record.slug),
        status=status,
        organisations=tuple(
            (slug, tuple(role for role in ROLE_ORDER if role in roles[slug]))
            for slug in sorted(roles)
        ),
        years=years,
        changed=last_changed.get(record.source),
        information=information,
        review_due=Review(today, review_months).is_due(information),
        programme=record.programme if isinstance(record, Project) else record.slug,
        start_day=int(period.start.first_day.strftime("%Y%m%d")) if period else None,
        call=call,
        next_window=next_window,
        next_opens=next_opens,
    )
