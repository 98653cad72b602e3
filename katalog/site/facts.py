"""What the site says about each record, computed once per build: the facts every output reads.

A record's status on the build date, whether its partner call is open on that date, the
organisations taking part with their roles, the years it runs, the day it last changed and
its addresses are derived here and nowhere else: pages, the search index and every export
read `RecordFacts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from katalog.languages import Lang, Languages
from katalog.records.model import CallState, Programme, Project, Role, Status, call_state
from katalog.site import urls
from katalog.site.kinds import BY_KEY, ROLE_ORDER, Kind

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
    """The later of the record's own `updated` and its file's last commit."""
    programme: str | None
    """The programme a project belongs to; a programme's own slug."""
    start_day: int | None
    """The first day of the period as YYYYMMDD, for sorting."""
    call: CallState | None = None
    """A project's partner call on the build date: open, or closed and why; None without one."""

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
    known = [d for d in (record.updated, last_changed.get(record.source)) if d]
    status = record.status_on(today)
    call = None
    if isinstance(record, Project) and record.partner_call is not None:
        call = call_state(record.partner_call, status, today)
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
        changed=max(known) if known else None,
        programme=record.programme if isinstance(record, Project) else record.slug,
        start_day=int(period.start.first_day.strftime("%Y%m%d")) if period else None,
        call=call,
    )
