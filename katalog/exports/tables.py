"""The projects and the programmes as spreadsheet tables, one CSV file per language.

`data/projects.<lang>.csv` and `data/programmes.<lang>.csv` have one row per record, in
slug order, under a header row in that language. Values are as a reader of that language
sees them on the pages: titles and summaries (or the fallback text), country names from
CLDR, theme labels, organisation names by role, status labels, the period and amounts as
`katalog.site.l10n` formats them. Lists are joined with "; "; the page address is absolute
when the site's address is known. Sources are cited as on the pages. The last-changed day,
a partner call's last day and the date the information is current as of (at its
precision: "2016", "2020-06") are ISO dates, so that they sort; a call's state on the
build date is written out, open or closed.

Files are UTF-8 with a byte-order mark (so spreadsheet programs read the letters æ, ø and
å right) in the csv module's default dialect: comma-separated, quoted where needed, with
CRLF line ends. Record facts come from `RecordFacts`; the full data in every language is in
`catalogue.json` (`katalog.exports.catalogue_json`). Nothing here writes files.

A cell is text, never a formula: spreadsheet programs run a cell that starts with `=`,
`+`, `-` or `@` (or a tab or carriage return before one) as a formula, so such a cell,
which only contributed text can give, is written with an apostrophe before it (`'=...`),
which spreadsheets show as the text itself.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from katalog.exports import DataFile, Listing
from katalog.languages import Lang
from katalog.records.model import Programme, Project, Role
from katalog.site import l10n, urls
from katalog.site.kinds import PROGRAMME, PROJECT, ROLE_ORDER, Kind

if TYPE_CHECKING:
    from katalog.site.context import BuildContext
    from katalog.site.facts import RecordFacts

MEDIA_TYPE = "text/csv; charset=utf-8"
ENCODING = "utf-8-sig"
SEPARATOR = "; "
"""Between the items of a list in one cell."""


Value = Callable[["RecordFacts", "BuildContext", Lang], str]


@dataclass(frozen=True)
class Column:
    heading: str
    """The interface-text key of the column's heading."""
    value: Value


def heading(ctx: BuildContext, lang: Lang, key: str) -> str:
    """A column heading in `lang`: an interface text."""
    return ctx.t(lang, key)


def join(values: Iterable[str]) -> str:
    return SEPARATOR.join(values)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet program reads a cell starting with as the start of a formula."""


def as_text(value: str) -> str:
    """A cell's value as a spreadsheet shows it as text, never runs it as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


# --- Cell values -----------------------------------------------------------------------


def _slug(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    return facts.slug


def _title(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    return facts.record.title.get(lang)


def _summary(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    return facts.record.summary.get(lang)


def _status(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    return ctx.t(lang, f"status.{facts.status.value}") if facts.status is not None else ""


def _period(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    period = facts.record.period
    return l10n.format_period(period, lang) if period is not None else ""


def _start(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    period = facts.record.period
    return str(period.start) if period is not None else ""


def _end(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    period = facts.record.period
    return str(period.end) if period is not None and period.end is not None else ""


def _countries(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    return join([l10n.country_name(code, lang) for code in facts.record.countries])


def _themes(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    return join([ctx.catalogue.themes[slug].label.get(lang) for slug in facts.record.themes])


def _programme(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    programme = ctx.catalogue.programmes.get(facts.programme or "")
    return programme.title.get(lang) if programme is not None else ""


def _with_role(role: Role) -> Value:
    def value(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
        organisations = ctx.catalogue.organisations
        return join(
            [
                organisations[slug].name.get(lang)
                for slug, roles in facts.organisations
                if role in roles
            ]
        )

    return value


def _funding(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    record = facts.record
    if not isinstance(record, Project) or record.funding is None:
        return ""
    return l10n.format_amount(record.funding.amount, record.funding.currency, lang)


def _partner_call(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    record = facts.record
    if not isinstance(record, Project) or record.partner_call is None:
        return ""
    return record.partner_call.text.get(lang)


def _call_state(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    """Open or closed on the build date, said outright, so no one mistakes a closed call."""
    if facts.call is None:
        return ""
    return ctx.t(lang, "call.state.open" if facts.call.is_open else "call.state.closed")


def _call_until(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    record = facts.record
    if not isinstance(record, Project) or record.partner_call is None:
        return ""
    until = record.partner_call.until
    return until.isoformat() if until is not None else ""


def _call_contact(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    record = facts.record
    if not isinstance(record, Project) or record.partner_call is None:
        return ""
    contact = record.partner_call.contact
    return join([part for part in (contact.name, contact.email, contact.url) if part])


def _windows(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    record = facts.record
    if not isinstance(record, Programme):
        return ""
    return join([l10n.format_window(window, lang) for window in record.application_windows])


def _website(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    return facts.record.website or ""


def _sources(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    """Each source as the page cites it, its address after the title where it has one."""
    cited = []
    for source in facts.record.sources:
        publisher = ctx.catalogue.organisations[source.publisher]
        title = ctx.t(lang, "quote.open") + source.title.get(lang) + ctx.t(lang, "quote.close")
        if source.url:
            title += f" <{source.url}>"
        as_of = (
            l10n.format_partial_date(source.as_of, lang)
            if source.as_of
            else ctx.t(lang, "source.undated")
        )
        cited.append(f"{publisher.short_name or publisher.name.get(lang)}, {title}, {as_of}")
    return join(cited)


def _as_of(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    return str(facts.information) if facts.information is not None else ""


def _page(facts: RecordFacts, ctx: BuildContext, lang: Lang) -> str:
    path = facts.urls[lang]
    return urls.absolute(path, ctx.settings.site_url) or path


# --- The tables ------------------------------------------------------------------------

_ROLES = tuple(Column(f"role.{role.value}.plural", _with_role(role)) for role in ROLE_ORDER)
_FIRST = (
    Column("csv.slug", _slug),
    Column("csv.title", _title),
    Column("csv.summary", _summary),
    Column("field.status", _status),
    Column("field.period", _period),
    Column("csv.start", _start),
    Column("csv.end", _end),
    Column("field.countries", _countries),
    Column("field.themes", _themes),
)
_LAST = (
    Column("field.website", _website),
    Column("field.sources", _sources),
    Column("field.as_of", _as_of),
    Column("csv.url", _page),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    PROJECT.key: (
        *_FIRST,
        Column("field.programme", _programme),
        *_ROLES,
        Column("field.funding", _funding),
        Column("csv.partner_call", _partner_call),
        Column("csv.partner_call.state", _call_state),
        Column("csv.partner_call.until", _call_until),
        Column("csv.partner_call.contact", _call_contact),
        *_LAST,
    ),
    PROGRAMME.key: (*_FIRST, *_ROLES, Column("field.windows", _windows), *_LAST),
}
"""Each table's columns, in order."""


def table(ctx: BuildContext, kind: Kind, lang: Lang) -> bytes:
    """One kind's records as a CSV file in `lang`."""
    columns = COLUMNS[kind.key]
    rows = sorted((f for f in ctx.all_facts() if f.kind.key == kind.key), key=lambda f: f.slug)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([heading(ctx, lang, column.heading) for column in columns])
    writer.writerows(
        [as_text(column.value(facts, ctx, lang)) for column in columns] for facts in rows
    )
    return buffer.getvalue().encode(ENCODING)


def files(ctx: BuildContext) -> Iterator[DataFile]:
    for kind in (PROJECT, PROGRAMME):
        for lang in ctx.languages:
            yield DataFile(
                urls.download(f"{kind.section}.{lang}.csv"),
                table(ctx, kind, lang),
                MEDIA_TYPE,
                Listing(f"{kind.section}-table", "CSV", lang=lang),
            )
