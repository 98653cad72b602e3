"""When the work runs: the geometry of the timeline that programme pages, the programmes
index and the home page show.

Every record with a period becomes one bar, grouped by programme (a programme's own bar
first, then its projects by start; projects without a programme last, in a group of their
own). A bar is drawn at the precision its dates are given: a year-only date covers the
whole year (1 January to 31 December), a month the whole month, a day that day; an open
end runs to the build date and is marked as such. The axis has a tick every year, or every
2 or 5 years when the span is long, and the build date is a line of its own.

Positions are SVG user units in a view box `WIDTH` wide, computed here as plain numbers
(rounded, so the same catalogue gives the same bytes); `partials/catalogue/timeline.html`
lays them out. Records without a period are listed, not dropped, and every bar is also a
row of the table that stands in for the drawing. Nothing here writes markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from katalog.languages import Lang
from katalog.records.model import PartialDate, Period, Programme
from katalog.site import l10n, links, urls
from katalog.site.context import BuildContext
from katalog.site.facts import RecordFacts
from katalog.site.kinds import PROGRAMME
from katalog.site.views import TIMELINE_ANCHOR, Bar, Group, Link, Tick, TimelineView

WIDTH = 720.0
"""The view box's width, in user units (CSS pixels at its narrowest, see catalogue.css)."""
LEFT, RIGHT = 8.0, 700.0
"""Where the axis starts and ends: room at the right for an open end's arrow."""
AXIS = 30.0
"""The height of the year labels above the rows."""
ROW = 40.0
"""One bar with its label above it."""
HEADING = 28.0
"""A group's heading, where its programme has no bar of its own."""
BAR = 12.0
"""A bar's height."""
FOOT = 28.0
"""Below the rows: the build date's label."""
CHAR = 7.0
"""About how wide one character of a label is (13 units of text), to keep labels inside."""
LABEL_CHARS = 96
"""Longer titles are shortened in the drawing (never in its accessible name or table)."""
ANCHOR = TIMELINE_ANCHOR
"""The timeline's heading, which the home page's timeline links to on the programmes index."""
RECENT_YEARS = 2
"""The home page shows records running on the build date or ended within this many years."""


def _precision(period: Period) -> str:
    dates = [period.start] if period.end is None else [period.start, period.end]
    if any(d.month is None for d in dates):
        return "year"
    if any(d.day is None for d in dates):
        return "month"
    return "day"


def _days(period: Period, today: date) -> tuple[date, date]:
    """The first and last day a period's bar covers: whole years or months at the
    precision given; an open end runs to the build date (or, for one that starts later,
    to the end of its first year, month or day)."""
    first = period.start.first_day
    if period.end is not None:
        return first, period.end.last_day
    return first, max(today, period.start.last_day)


def _step(years: int) -> int:
    """A tick every year, or every 2 or 5 years when the span is long."""
    return 1 if years <= 12 else 2 if years <= 24 else 5


def _shorten(title: str) -> str:
    return title if len(title) <= LABEL_CHARS else title[: LABEL_CHARS - 1].rstrip() + "\u2026"


class _Axis:
    """Maps days to x: 1 January of the first year at `LEFT`, the day after the last at
    `RIGHT`."""

    def __init__(self, first_year: int, last_year: int) -> None:
        self.start = date(first_year, 1, 1).toordinal()
        self.days = date(last_year + 1, 1, 1).toordinal() - self.start
        self.first_year, self.last_year = first_year, last_year

    def x(self, day: date) -> float:
        return round(LEFT + (day.toordinal() - self.start) * (RIGHT - LEFT) / self.days, 2)

    def ticks(self, lang: Lang) -> tuple[Tick, ...]:
        step = _step(self.last_year - self.first_year + 1)
        return tuple(
            Tick(
                year,
                self.x(date(year, 1, 1)),
                l10n.format_partial_date(PartialDate(year), lang)
                if year <= self.last_year
                else None,
            )
            for year in range(self.first_year, self.last_year + 2)
            if year % step == 0 or year == self.first_year
        )


def _order(lang: Lang) -> Callable[[RecordFacts], tuple[Any, ...]]:
    """Within a group: the programme first, then by first day, then by title."""

    def key(facts: RecordFacts) -> tuple[Any, ...]:
        period = facts.record.period
        return (
            facts.kind is not PROGRAMME,
            period.start.first_day if period else date.min,
            l10n.collation_key(facts.record.title.get(lang), lang),
            facts.slug,
        )

    return key


def _groups(
    ctx: BuildContext, dated: Sequence[RecordFacts], lang: Lang
) -> list[tuple[str, Programme | None, list[RecordFacts]]]:
    """The records by programme: programmes by title, then those without one."""
    programmes = ctx.catalogue.programmes
    members: dict[str, list[RecordFacts]] = {}
    for facts in dated:
        slug = facts.programme if facts.programme in programmes else ""
        members.setdefault(slug or "", []).append(facts)
    named = sorted(
        (slug for slug in members if slug),
        key=lambda slug: (l10n.collation_key(programmes[slug].title.get(lang), lang), slug),
    )
    order = [*named, *([""] if "" in members else [])]
    return [(slug, programmes.get(slug), sorted(members[slug], key=_order(lang))) for slug in order]


def _name(ctx: BuildContext, lang: Lang, title: str, period: str, notes: Iterable[str]) -> str:
    notes = list(notes)
    name = ctx.t(lang, "timeline.bar", title=title, period=period)
    return f"{name} ({'; '.join(notes)})" if notes else name


def _bar(
    facts: RecordFacts, ctx: BuildContext, lang: Lang, axis: _Axis, y: float, programme: str
) -> Bar:
    period = facts.record.period
    assert period is not None
    first, last = _days(period, ctx.today)
    x = axis.x(first)
    end_x = axis.x(last + timedelta(days=1))
    precision = _precision(period)
    open_end = period.end is None
    link = links.record(facts, lang)
    label = _shorten(link.label)
    bar_y = y + ROW - BAR - 6
    notes = [
        *([ctx.t(lang, "timeline.year_only")] if precision == "year" else []),
        *([ctx.t(lang, "timeline.open_end")] if open_end else []),
    ]
    words = l10n.format_period(period, lang)
    width = len(label) * CHAR
    if x + width <= RIGHT:
        anchor, label_x = "start", x
    elif end_x - width >= LEFT:
        anchor, label_x = "end", end_x
    else:
        anchor, label_x = "start", LEFT
    arrow = None
    if open_end:
        arrow = " ".join(
            f"{px:g},{py:g}"
            for px, py in (
                (end_x, bar_y - 3),
                (round(end_x + 9, 2), bar_y + BAR / 2),
                (end_x, bar_y + BAR + 3),
            )
        )
    return Bar(
        kind=facts.kind.key,
        slug=facts.slug,
        link=link,
        label=label,
        name=_name(ctx, lang, link.label, words, notes),
        period=words,
        start=l10n.format_partial_date(period.start, lang),
        end=(
            l10n.format_partial_date(period.end, lang)
            if period.end is not None
            else ctx.t(lang, "timeline.open_end")
        ),
        first_day=first,
        last_day=last,
        precision=precision,
        open_end=open_end,
        programme=programme,
        x=x,
        width=round(end_x - x, 2),
        y=bar_y,
        label_x=label_x,
        label_y=y + 16,
        anchor=anchor,
        arrow=arrow,
    )


def timeline(
    ctx: BuildContext,
    lang: Lang,
    records: Iterable[RecordFacts],
    *,
    heading: str,
    intro: str,
    more: Link | None = None,
) -> TimelineView:
    """The timeline of `records` in `lang`: bars for those with a period, a list of the
    others."""
    records = list(records)
    dated = [facts for facts in records if facts.record.period is not None]
    undated = sorted(
        (facts for facts in records if facts.record.period is None),
        key=lambda facts: (
            l10n.collation_key(facts.record.title.get(lang), lang),
            facts.kind.key,
            facts.slug,
        ),
    )
    spans = [_days(facts.record.period, ctx.today) for facts in dated if facts.record.period]
    first_year = min([first.year for first, _ in spans] or [ctx.today.year])
    last_year = max([last.year for _, last in spans] + [ctx.today.year])
    axis = _Axis(first_year, last_year)
    y = AXIS
    groups: list[Group] = []
    for slug, programme, members in _groups(ctx, dated, lang):
        top = y
        group_heading = heading_lang = heading_y = None
        if programme is None or members[0].kind is not PROGRAMME:
            if programme is not None:
                title = programme.title
                group_heading = title.get(lang)
                heading_lang = title.language_for(lang) if title.is_fallback(lang) else None
            else:
                group_heading = ctx.t(lang, "timeline.no_programme")
            heading_y = y + 18
            y += HEADING
        programme_name = (
            programme.title.get(lang) if programme is not None else ctx.t(lang, "timeline.none")
        )
        bars = []
        for facts in members:
            name = ctx.t(lang, "timeline.itself") if facts.kind is PROGRAMME else programme_name
            bars.append(_bar(facts, ctx, lang, axis, y, name))
            y += ROW
        groups.append(Group(slug or "-", top, tuple(bars), group_heading, heading_lang, heading_y))
    return TimelineView(
        heading=heading,
        intro=intro,
        label=ctx.t(lang, "timeline.label", heading=heading),
        width=WIDTH,
        bar_height=BAR,
        height=y + FOOT,
        axis_top=AXIS - 8,
        rows_bottom=y,
        ticks=axis.ticks(lang),
        today_x=axis.x(ctx.today),
        today_label=ctx.t(lang, "timeline.today"),
        today=l10n.format_date(ctx.today, lang),
        groups=tuple(groups),
        undated=tuple(links.record(facts, lang) for facts in undated),
        more=more,
    )


def is_recent(facts: RecordFacts, today: date) -> bool:
    """Whether a record runs on `today` or ended within `RECENT_YEARS` before it."""
    period = facts.record.period
    if period is None or period.start.first_day > today:
        return False
    if period.end is None:
        return True
    try:
        since = today.replace(year=today.year - RECENT_YEARS)
    except ValueError:  # 29 February
        since = today.replace(year=today.year - RECENT_YEARS, day=28)
    return period.end.last_day >= since


def full_timeline(ctx: BuildContext, lang: Lang) -> TimelineView | None:
    """Every programme and project: the programmes index's timeline; None in a catalogue
    without any."""
    if not ctx.facts:
        return None
    return timeline(
        ctx,
        lang,
        ctx.all_facts(),
        heading=ctx.t(lang, "timeline.heading"),
        intro=ctx.t(lang, "timeline.intro.programmes"),
    )


def programme_timeline(
    programme: RecordFacts, projects: Iterable[RecordFacts], ctx: BuildContext, lang: Lang
) -> TimelineView | None:
    """A programme and its projects: the programme page's timeline."""
    return timeline(
        ctx,
        lang,
        [programme, *projects],
        heading=ctx.t(lang, "timeline.heading"),
        intro=ctx.t(lang, "timeline.intro.programme"),
    )


def recent_timeline(ctx: BuildContext, lang: Lang) -> TimelineView | None:
    """The records running on the build date or ended within `RECENT_YEARS`: the home
    page's timeline, linking to the whole one. When there are none it says so (and still
    links on); None in a catalogue without any records."""
    if not ctx.facts:
        return None
    recent = [facts for facts in ctx.all_facts() if is_recent(facts, ctx.today)]
    return timeline(
        ctx,
        lang,
        recent,
        heading=ctx.t(lang, "timeline.heading.home"),
        intro=ctx.t(
            lang,
            "timeline.intro.home" if recent else "timeline.intro.home.none",
            date=l10n.format_date(ctx.today, lang),
            years=l10n.format_count(RECENT_YEARS, lang),
        ),
        more=Link(
            ctx.t(lang, "timeline.more"),
            urls.in_page(urls.section(lang, PROGRAMME.section), ANCHOR),
        ),
    )
