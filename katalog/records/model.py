"""The catalogue's typed records: frozen dataclasses built only from validated input.

Nothing here reads files or reports problems (see `katalog.records.load` and
`katalog.records.schema`); these types only hold facts and answer simple questions about
them, such as a text in a given language with its fallback, or a project's status on a
given day.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from katalog.languages import KNOWN, SITE_LANGUAGES, Lang

LANGUAGES: tuple[Lang, ...] = SITE_LANGUAGES.codes
LANGUAGE_NAMES: dict[Lang, str] = {code: KNOWN[code].english_name for code in KNOWN}


class Localized:
    """One text per language, at least one: a read-only mapping with one fallback rule.

    Texts keep the order they were given in (the loader gives them in the site's language
    order). A reader of a language without its own text is shown the first text given:
    `get` never fails, and `language_for` says which language the reader actually sees.
    """

    __slots__ = ("_first", "_texts")

    def __init__(
        self, texts: Iterable[tuple[Lang, str | None]] = (), /, **by_language: str | None
    ) -> None:
        given = {**dict(texts), **by_language}
        self._texts: dict[Lang, str] = {
            lang: text for lang, text in given.items() if text is not None
        }
        if not self._texts:
            raise ValueError("a localised text needs a text in at least one language")
        self._first: Lang = next(iter(self._texts))

    def __getitem__(self, lang: Lang) -> str:
        return self._texts[lang]

    def __contains__(self, lang: object) -> bool:
        return lang in self._texts

    def __iter__(self) -> Iterator[Lang]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def items(self) -> tuple[tuple[Lang, str], ...]:
        return tuple(self._texts.items())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Localized):
            return NotImplemented
        return self._texts == other._texts

    def __hash__(self) -> int:
        return hash(frozenset(self._texts.items()))

    def __repr__(self) -> str:
        return "Localized(" + ", ".join(f"{k}={v!r}" for k, v in self._texts.items()) + ")"

    def language_for(self, lang: Lang) -> Lang:
        """The language actually shown to a reader of `lang`: itself, or the fallback."""
        return lang if lang in self._texts else self._first

    def get(self, lang: Lang) -> str:
        """The text in `lang`, or the first text given when `lang` has none."""
        text = self._texts.get(lang)
        return text if text is not None else self._texts[self._first]

    def is_fallback(self, lang: Lang) -> bool:
        return lang not in self._texts


class Status(StrEnum):
    PROPOSED = "proposed"
    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETED = "completed"


class Role(StrEnum):
    LEAD = "lead"
    PARTNER = "partner"
    FUNDER = "funder"
    ADVISOR = "advisor"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date given as a year, a year and month, or a full date; the precision is kept."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        if self.day is not None and self.month is not None:
            return date(self.year, self.month, self.day)
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True)
class Period:
    start: PartialDate
    end: PartialDate | None = None

    def contains(self, other: Period) -> bool:
        """Whether `other` lies wholly within this period (an open end runs on)."""
        if other.start.first_day < self.start.first_day:
            return False
        if self.end is None:
            return True
        return other.end is not None and other.end.last_day <= self.end.last_day

    def status_on(self, today: date) -> Status:
        if today < self.start.first_day:
            return Status.PLANNED
        if self.end is not None and today > self.end.last_day:
            return Status.COMPLETED
        return Status.ACTIVE


@dataclass(frozen=True)
class Source:
    """Where a record's facts come from: a publication by an organisation, of a date."""

    title: Localized
    publisher: str
    """The publishing organisation's slug."""
    url: str | None = None
    as_of: PartialDate | None = None
    """The date the source speaks for, as precisely as known; None where it states none."""


@dataclass(frozen=True, order=True)
class MonthDay:
    month: int
    day: int

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class ApplicationWindow:
    """A window for applications that opens and closes on the same days every year."""

    opens: MonthDay
    closes: MonthDay
    source: Source | None = None
    """Where the window's days come from."""


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class CallContact:
    """Who answers a partner call: a name, and an email address or a web address."""

    name: str | None = None
    email: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class PartnerCall:
    """A project's call for partners: what it seeks, whom to reach, and its last day."""

    text: Localized
    contact: CallContact
    until: date | None = None
    """The last day the call is open, if it has one."""


class CallState(StrEnum):
    OPEN = "open"
    CLOSED_ON = "closed-on"
    """Closed: its `until` day has passed."""
    CLOSED_COMPLETED = "closed-completed"
    """Closed: the project is completed."""

    @property
    def is_open(self) -> bool:
        return self is CallState.OPEN


def call_state(call: PartnerCall, status: Status | None, today: date) -> CallState:
    """Whether a call is open on `today`, given its project's status on that day.

    A call is open while the project is not completed and its `until` day has not passed;
    when both have happened, the passed day is the one to tell readers."""
    if call.until is not None and today > call.until:
        return CallState.CLOSED_ON
    if status is Status.COMPLETED:
        return CallState.CLOSED_COMPLETED
    return CallState.OPEN


@dataclass(frozen=True)
class Link:
    title: Localized
    url: str


@dataclass(frozen=True)
class Funding:
    amount: Decimal
    currency: str
    note: Localized | None = None


@dataclass(frozen=True)
class Partner:
    organisation: str
    role: Role


@dataclass(frozen=True)
class Theme:
    slug: str
    label: Localized
    description: Localized | None = None


@dataclass(frozen=True)
class Organisation:
    slug: str
    name: Localized
    short_name: str | None = None
    country: str | None = None
    url: str | None = None
    description: Localized | None = None


@dataclass(frozen=True)
class Programme:
    kind: ClassVar[str] = "programme"

    slug: str
    source: str
    title: Localized
    summary: Localized
    description: Localized | None = None
    status: Status | None = None
    period: Period | None = None
    countries: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    funders: tuple[str, ...] = ()
    partners: tuple[Partner, ...] = ()
    application_windows: tuple[ApplicationWindow, ...] = ()
    website: str | None = None
    keywords: Localized | None = None
    """Other names readers search for, comma-separated, per language."""
    links: tuple[Link, ...] = ()
    contact: Contact | None = None
    sources: tuple[Source, ...] = ()
    checked: date | None = None
    """The day an editor last confirmed the record against its sources."""

    def information_date(self) -> PartialDate | None:
        return information_date(self.checked, self.sources)

    def status_on(self, today: date) -> Status | None:
        """The stated status: a programme's is never derived from its period."""
        return self.status


@dataclass(frozen=True)
class Project:
    kind: ClassVar[str] = "project"

    slug: str
    source: str
    title: Localized
    summary: Localized
    countries: tuple[str, ...]
    themes: tuple[str, ...]
    programme: str | None = None
    description: Localized | None = None
    period: Period | None = None
    status: Status | None = None
    partners: tuple[Partner, ...] = ()
    keywords: Localized | None = None
    """Other names readers search for, comma-separated, per language."""
    links: tuple[Link, ...] = ()
    contact: Contact | None = None
    funding: Funding | None = None
    partner_call: PartnerCall | None = None
    website: str | None = None
    sources: tuple[Source, ...] = ()
    checked: date | None = None
    """The day an editor last confirmed the record against its sources."""

    def information_date(self) -> PartialDate | None:
        return information_date(self.checked, self.sources)

    def status_on(self, today: date) -> Status | None:
        """The stated status, else the one the period implies on `today`, else None."""
        if self.status is not None:
            return self.status
        return self.period.status_on(today) if self.period is not None else None


def information_date(checked: date | None, sources: Iterable[Source]) -> PartialDate | None:
    """The date a record's information is current as of: the day it was checked, else
    the newest date its sources speak for (at that source's precision), else None."""
    if checked is not None:
        return PartialDate(checked.year, checked.month, checked.day)
    dated = [source.as_of for source in sources if source.as_of is not None]
    return max(dated, key=lambda day: (day.last_day, day.first_day)) if dated else None


@dataclass(frozen=True)
class Catalogue:
    """Every record, keyed by slug and sorted by slug, so iteration order is stable."""

    themes: dict[str, Theme] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    projects: dict[str, Project] = field(default_factory=dict)
