"""The programmes' application windows as iCalendar (RFC 5545), for calendar programs.

`data/application-windows.ics` holds every programme's windows in the site's default
language (the first in `languages`); `data/application-windows.<lang>.ics` holds them in
each other language. Each programme with windows has its own file too,
`data/programmes/<slug>.ics` (`<slug>.<lang>.ics` in another language), which its page
links as "Legg til i kalender" / "Add to calendar".

Each window is one all-day event that recurs every year (`RRULE:FREQ=YEARLY`): it starts
(`DTSTART;VALUE=DATE`) on the day the window opens and ends (`DTEND;VALUE=DATE`, which is
exclusive) the day after it closes; a window that closes earlier in the year than it opens
runs over New Year. The first occurrence is the one that has not yet ended on the build
date: the window open on that day, else the next to open. `DTSTAMP` is the build date, so
the same catalogue built on the same day gives the same bytes. A `UID` is made of the
programme's slug and the window's days (`<slug>-window-<opens>-<closes>@<host>`, the host
being the site's, or `katalog` without `site_url`), so it stays the same from build to
build and a calendar updates its event instead of adding another. The description says
whose word the days are, and where that source is due for review ("Ifølge ICLD, 2016 –
datoene kan ha endret seg"), that the days may have changed.

Lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character; text values
are escaped as RFC 5545 section 3.3.11 says.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from katalog.exports import DataFile, Listing
from katalog.records.model import ApplicationWindow, MonthDay, Programme
from katalog.records.review import Review
from katalog.site import l10n, urls
from katalog.site.pages import according_to

if TYPE_CHECKING:
    from katalog.languages import Lang
    from katalog.site.context import BuildContext

MEDIA_TYPE = "text/calendar"
LINE_OCTETS = 75
"""The longest a content line may be, in octets, without its CRLF (RFC 5545 3.1)."""


# --- The format ----------------------------------------------------------------------------


def escape(text: str) -> str:
    """A TEXT value as RFC 5545 writes it: backslash, semicolon, comma and newline escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """A content line folded into lines of at most 75 octets, each continuation starting
    with one space (which counts), joined by CRLF; a UTF-8 character is never split."""
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # the space counts
        current.append(char)
        size += octets
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _day(day: date) -> str:
    return day.strftime("%Y%m%d")


def _on(year: int, md: MonthDay) -> date:
    return date(year, md.month, md.day)


def first_occurrence(window: ApplicationWindow, today: date) -> tuple[date, date]:
    """The days the window's first occurrence opens and closes (both included): the one
    not yet ended on `today`."""
    over_new_year = window.closes < window.opens
    for year in (today.year - 1, today.year, today.year + 1):
        opens = _on(year, window.opens)
        closes = _on(year + 1 if over_new_year else year, window.closes)
        if closes >= today:
            return opens, closes
    raise AssertionError("a yearly window always has an occurrence within a year")


# --- The calendar ---------------------------------------------------------------------------


def _host(ctx: BuildContext) -> str:
    return urlsplit(ctx.settings.site_url or "").hostname or "katalog"


def uid(programme: Programme, window: ApplicationWindow, host: str) -> str:
    return f"{programme.slug}-window-{window.opens}-{window.closes}@{host}"


def _description(
    programme: Programme, window: ApplicationWindow, ctx: BuildContext, lang: Lang
) -> str:
    parts = [
        ctx.t(
            lang,
            "calendar.description",
            title=programme.title.get(lang),
            window=l10n.format_window(window, lang),
        )
    ]
    said = according_to(window.source, ctx, lang)
    if said is not None:
        if window.source is not None and Review(ctx.today, ctx.settings.review_months).is_due(
            window.source.as_of
        ):
            said = ctx.t(lang, "calendar.old_source", according_to=said)
        parts.append(said + ".")
    page = ctx.absolute(urls.entry(lang, "programmes", programme.slug))
    if page:
        parts.append(page)
    return "\n".join(parts)


def _events(programme: Programme, ctx: BuildContext, lang: Lang) -> Iterator[list[str]]:
    host = _host(ctx)
    seen: set[str] = set()
    for window in programme.application_windows:
        event_uid = uid(programme, window, host)
        if event_uid in seen:  # the same days listed twice: one event
            continue
        seen.add(event_uid)
        opens, closes = first_occurrence(window, ctx.today)
        lines = [
            "BEGIN:VEVENT",
            f"UID:{event_uid}",
            f"DTSTAMP:{_day(ctx.today)}T000000Z",
            f"DTSTART;VALUE=DATE:{_day(opens)}",
            f"DTEND;VALUE=DATE:{_day(closes + timedelta(days=1))}",
            "RRULE:FREQ=YEARLY",
            "SUMMARY:" + escape(ctx.t(lang, "calendar.summary", title=programme.title.get(lang))),
            "DESCRIPTION:" + escape(_description(programme, window, ctx, lang)),
            "TRANSP:TRANSPARENT",
        ]
        page = ctx.absolute(urls.entry(lang, "programmes", programme.slug))
        if page:
            lines.append(f"URL;VALUE=URI:{page}")
        lines.append("END:VEVENT")
        yield lines


def calendar(programmes: Sequence[Programme], ctx: BuildContext, lang: Lang, name: str) -> bytes:
    """The windows of `programmes` as one calendar in `lang`, named `name`."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{escape(ctx.t(lang, 'site.name'))}//katalog//{lang.upper()}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape(name),
    ]
    for programme in programmes:
        for event in _events(programme, ctx, lang):
            lines += event
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def with_windows(ctx: BuildContext) -> list[Programme]:
    """The programmes that state application windows, by slug."""
    programmes = ctx.catalogue.programmes
    return [programmes[slug] for slug in sorted(programmes) if programmes[slug].application_windows]


def files(ctx: BuildContext) -> Iterator[DataFile]:
    """The whole catalogue's calendar in each language (listed on that language's data
    page), then each programme's own; none when no programme states a window (a calendar
    holds at least one event)."""
    programmes = with_windows(ctx)
    if not programmes:
        return
    default = ctx.languages[0]
    for lang in ctx.languages:
        name = ctx.t(lang, "calendar.name", site=ctx.t(lang, "site.name"))
        yield DataFile(
            urls.windows_calendar(lang, default),
            calendar(programmes, ctx, lang, name),
            MEDIA_TYPE,
            Listing("calendar", "iCalendar", lang),
        )
    for programme in programmes:
        for lang in ctx.languages:
            name = ctx.t(lang, "calendar.summary", title=programme.title.get(lang))
            yield DataFile(
                urls.programme_calendar(programme.slug, lang, default),
                calendar([programme], ctx, lang, name),
                MEDIA_TYPE,
            )
