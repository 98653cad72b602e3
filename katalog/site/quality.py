"""The public data-quality report: how complete and how current the catalogue is.

`quality_report(ctx)` counts, once per build, for every field of programmes and projects
how many records of that kind fill it; finds the bilingual texts a record gives in only
some of the site's languages; lists the records due for review (`RecordFacts.review_due`,
in the data page's order), the partner calls that are closed on the build date and why
(`RecordFacts.call`), and the organisations and themes that no record uses. Every fact
comes from the records and their `RecordFacts`; nothing here formats text.

`quality_view(report, ctx, lang)` lays the report out for the data page, in one language,
with links to the records, organisations and themes. The JSON file is
`katalog.exports.quality`; `katalog report` prints both for editors.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from katalog.languages import Lang
from katalog.records.model import CallState, Localized, PartialDate, Programme, Project
from katalog.records.schema import PROGRAMME_FIELDS, PROJECT_FIELDS, Field
from katalog.site import l10n, links
from katalog.site.context import BuildContext
from katalog.site.facts import Record, RecordFacts
from katalog.site.kinds import PROGRAMME, PROJECT
from katalog.site.views import ClosedCallRow, FillRow, FillTable, QualityView, TranslationRow

KIND_FIELDS: tuple[tuple[str, dict[str, Field]], ...] = (
    (PROGRAMME.key, PROGRAMME_FIELDS),
    (PROJECT.key, PROJECT_FIELDS),
)
"""Every field of each kind of record, in the record format's order."""


# --- The report --------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldFill:
    field: str
    required: bool
    filled: int
    """How many records of the kind give the field."""


@dataclass(frozen=True)
class KindFill:
    kind: str
    records: int
    fields: tuple[FieldFill, ...]


@dataclass(frozen=True)
class MissingTranslation:
    facts: RecordFacts
    field: str
    """The text's place in the record, as editors write it: `description`, `links[0].title`."""
    required: bool
    """Whether the field itself is required (its texts may then still miss a language on a
    site whose record format allows it)."""
    missing: tuple[Lang, ...]


@dataclass(frozen=True)
class ReviewDue:
    facts: RecordFacts
    information: PartialDate | None


@dataclass(frozen=True)
class ClosedCall:
    facts: RecordFacts
    state: CallState
    until: date | None


@dataclass(frozen=True)
class QualityReport:
    today: date
    languages: tuple[Lang, ...]
    review_months: int
    fill: tuple[KindFill, ...]
    translations: tuple[MissingTranslation, ...]
    review: tuple[ReviewDue, ...]
    closed_calls: tuple[ClosedCall, ...]
    unused_organisations: tuple[str, ...]
    unused_themes: tuple[str, ...]


def _filled(value: object) -> bool:
    """Whether a field is given: not left out, and not an empty list."""
    return value is not None and value != ()


def _texts(record: Record) -> Iterator[tuple[str, str, Localized]]:
    """Every bilingual text of a record: (the field it belongs to, its path, the text)."""
    yield "title", "title", record.title
    yield "summary", "summary", record.summary
    if record.description is not None:
        yield "description", "description", record.description
    if record.keywords is not None:
        yield "keywords", "keywords", record.keywords
    if isinstance(record, Programme):
        for n, window in enumerate(record.application_windows):
            if window.source is not None:
                path = f"application_windows[{n}].source.title"
                yield "application_windows", path, window.source.title
    if isinstance(record, Project):
        if record.funding is not None and record.funding.note is not None:
            yield "funding", "funding.note", record.funding.note
        if record.partner_call is not None:
            yield "partner_call", "partner_call.text", record.partner_call.text
    for n, link in enumerate(record.links):
        yield "links", f"links[{n}].title", link.title
    for n, source in enumerate(record.sources):
        yield "sources", f"sources[{n}].title", source.title


def _by_kind_and_slug(facts: RecordFacts) -> tuple[str, str]:
    return facts.kind.key, facts.slug


def due_for_review(ctx: BuildContext) -> list[RecordFacts]:
    """Records whose information is older than the review interval, or undated: undated
    first, then oldest first (ties by kind and slug)."""
    due = [facts for facts in ctx.all_facts() if facts.review_due]
    due.sort(
        key=lambda facts: (
            facts.information is not None,
            facts.information.last_day if facts.information else date.min,
            facts.kind.key,
            facts.slug,
        )
    )
    return due


def _used_organisations(ctx: BuildContext) -> set[str]:
    """Organisations a record names: taking part, funding, or publishing a source."""
    used = {slug for facts in ctx.all_facts() for slug, _ in facts.organisations}
    for record in ctx.records():
        used.update(source.publisher for source in record.sources)
        if isinstance(record, Programme):
            used.update(w.source.publisher for w in record.application_windows if w.source)
    return used


def quality_report(ctx: BuildContext) -> QualityReport:
    """The report for this build; made once and shared by the page, the file and the CLI."""
    key = ("quality",)
    if key not in ctx.cache:
        ctx.cache[key] = _quality_report(ctx)
    made: QualityReport = ctx.cache[key]
    return made


def _quality_report(ctx: BuildContext) -> QualityReport:
    every = sorted(ctx.all_facts(), key=_by_kind_and_slug)
    fill = []
    for kind, fields in KIND_FIELDS:
        records = [facts.record for facts in every if facts.kind.key == kind]
        fill.append(
            KindFill(
                kind=kind,
                records=len(records),
                fields=tuple(
                    FieldFill(
                        field=name,
                        required=spec.required,
                        filled=sum(1 for record in records if _filled(getattr(record, name))),
                    )
                    for name, spec in fields.items()
                ),
            )
        )
    translations = []
    for facts in every:
        fields = PROGRAMME_FIELDS if facts.kind.key == PROGRAMME.key else PROJECT_FIELDS
        for field, path, text in _texts(facts.record):
            missing = tuple(lang for lang in ctx.languages if lang not in text)
            if missing:
                translations.append(
                    MissingTranslation(facts, path, fields[field].required, missing)
                )
    closed = [
        ClosedCall(facts, facts.call, facts.record.partner_call.until)
        for facts in every
        if isinstance(facts.record, Project)
        and facts.record.partner_call is not None
        and facts.call is not None
        and not facts.call.is_open
    ]
    used_themes = {slug for record in ctx.records() for slug in record.themes}
    used_organisations = _used_organisations(ctx)
    return QualityReport(
        today=ctx.today,
        languages=ctx.languages,
        review_months=ctx.settings.review_months,
        fill=tuple(fill),
        translations=tuple(translations),
        review=tuple(ReviewDue(facts, facts.information) for facts in due_for_review(ctx)),
        closed_calls=tuple(closed),
        unused_organisations=tuple(
            sorted(slug for slug in ctx.catalogue.organisations if slug not in used_organisations)
        ),
        unused_themes=tuple(
            sorted(slug for slug in ctx.catalogue.themes if slug not in used_themes)
        ),
    )


# --- The report on the data page ------------------------------------------------------------


def kind_count(ctx: BuildContext, lang: Lang, kind: str, count: int) -> str:
    """ "12 prosjekter", "1 program": a count of records of a kind."""
    one = count == 1
    return ctx.t(
        lang,
        f"quality.count.{kind}.{'one' if one else 'other'}",
        count=l10n.format_count(count, lang),
    )


def filled_text(ctx: BuildContext, lang: Lang, kind: str, filled: int, records: int) -> str:
    """ "12 av 12 prosjekter": how many records of a kind fill a field."""
    return ctx.t(
        lang,
        "quality.filled",
        filled=l10n.format_count(filled, lang),
        total=kind_count(ctx, lang, kind, records),
    )


def call_reason(ctx: BuildContext, lang: Lang, call: ClosedCall) -> str:
    """Why a call is closed, as the record's page says it."""
    if call.state is CallState.CLOSED_ON and call.until is not None:
        return ctx.t(lang, "call.closed_on", date=l10n.format_date(call.until, lang))
    return ctx.t(lang, "call.closed_completed")


def language_names(ctx: BuildContext, lang: Lang, codes: tuple[Lang, ...]) -> str:
    return ", ".join(ctx.t(lang, f"language.{code}") for code in codes)


def quality_view(report: QualityReport, ctx: BuildContext, lang: Lang) -> QualityView:
    fill = tuple(
        FillTable(
            kind=kind.kind,
            caption=ctx.t(
                lang,
                f"quality.fill.caption.{kind.kind}",
                count=kind_count(ctx, lang, kind.kind, kind.records),
            ),
            rows=tuple(
                FillRow(
                    field=row.field,
                    required=ctx.t(
                        lang, "quality.required" if row.required else "quality.optional"
                    ),
                    filled=filled_text(ctx, lang, kind.kind, row.filled, kind.records),
                    complete=row.filled == kind.records,
                )
                for row in kind.fields
            ),
        )
        for kind in report.fill
    )
    translations = tuple(
        TranslationRow(
            link=links.record(item.facts, lang),
            kind_label=ctx.t(lang, f"kind.{item.facts.kind.key}"),
            field=item.field,
            missing=language_names(ctx, lang, item.missing),
        )
        for item in report.translations
    )
    calls = tuple(
        ClosedCallRow(link=links.record(call.facts, lang), reason=call_reason(ctx, lang, call))
        for call in report.closed_calls
    )
    unused = len(report.unused_organisations) + len(report.unused_themes)
    return QualityView(
        intro=ctx.t(lang, "quality.intro", date=l10n.format_date(report.today, lang)),
        fill=fill,
        translations_intro=ctx.t(
            lang, "quality.translations.intro" if translations else "quality.translations.none"
        ),
        translations=translations,
        calls_intro=ctx.t(lang, "quality.calls.intro" if calls else "quality.calls.none"),
        calls=calls,
        unused_intro=ctx.t(lang, "quality.unused.intro" if unused else "quality.unused.none"),
        unused_organisations=tuple(
            links.organisation(slug, ctx, lang) for slug in report.unused_organisations
        ),
        unused_themes=tuple(links.theme(slug, ctx, lang) for slug in report.unused_themes),
    )
