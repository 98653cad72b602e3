"""`data/iati-activities.xml`: the programmes and projects as IATI 2.03 activities.

The International Aid Transparency Initiative's activity standard is what aid-data tools
read. Each programme and project is one `iati-activity`, identified by the publisher's
IATI organisation identifier (the `iati` setting, `KATALOG_IATI_ORG`), and says only what
the record says: titles and summaries in every language the record gives, the
organisations whose roles have a clear IATI meaning, the countries, the status on the
build date, the period's days, the programme–project links. The README's "IATI export"
tabulates the mapping.

Nothing is invented. Without an organisation identifier there is no file (`notices`
says so, once). IATI's schema requires of every activity a status, a date and a
participating organisation; a record that lacks one of them is left out of the file
rather than given a made-up value, and `notices` names it. Budgets, sectors and
recipient-country percentages are not written: the catalogue does not state what they
need (a budget's period and value date, a DAC sector, each country's share).

Elements follow the order of the schema's sequence (`iati-activities-schema.xsd`), and
the same catalogue and build date give the same bytes: activities in slug order,
programmes first, and the only dates are the build date and each record's own.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from katalog.exports import DataFile, Listing
from katalog.languages import Lang
from katalog.records.model import Localized, PartialDate, Programme, Project, Role, Status
from katalog.site import l10n, urls
from katalog.site.context import BuildContext
from katalog.site.facts import Record, RecordFacts

NAME = "iati-activities.xml"
VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ROLE_CODES: dict[Role, str] = {Role.FUNDER: "1", Role.LEAD: "2", Role.PARTNER: "4"}
"""The record's roles as IATI OrganisationRole codes, where the meaning is the same: a
funder funds (1 Funding); the lead is responsible for the work (2 Accountable: "responsible
for oversight of the activity and its outcomes"); a partner takes part in carrying it out
(4 Implementing). An advisor has no IATI role and is left out; nothing is 3 Extending,
since no record says who manages a budget for a funder."""

STATUS_CODES: dict[Status, str] = {
    Status.PROPOSED: "1",
    Status.PLANNED: "1",
    Status.ACTIVE: "2",
    Status.COMPLETED: "3",
}
"""Status on the build date as IATI ActivityStatus codes: proposed and planned are 1
Pipeline/identification ("being scoped or planned"), active is 2 Implementation, completed
is 3 Completion ("physical activity is complete or the final disbursement has been made");
not 4 Post-completion, which adds that the activity remains open pending financial sign-off,
which no record says."""

PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
PARENT, CHILD = "1", "2"
GENERAL = "1"
"""DescriptionType 1, General: the record's summary."""
HIERARCHY = {Programme.kind: "1", Project.kind: "2"}


@dataclass(frozen=True)
class LeftOut:
    """A record the file cannot carry without inventing what IATI requires."""

    facts: RecordFacts
    lacks: tuple[str, ...]
    """What it lacks, in English, for the build log."""

    @property
    def name(self) -> str:
        return f"{self.facts.kind.section}/{self.facts.slug}"


def identifier(organisation: str, record: Record) -> str:
    """The activity's IATI identifier: `<organisation>-<slug>`. A slug is unique across
    programmes and projects (`K057`), and stays the record's for good, as an IATI
    identifier must."""
    return f"{organisation}-{record.slug}"


def files(ctx: BuildContext) -> Iterator[DataFile]:
    organisation = ctx.settings.iati.organisation
    if organisation is None:
        return
    written, _ = _select(ctx)
    if not written:
        return
    content = _document(ctx, organisation, written)
    yield DataFile(urls.download(NAME), content, "application/xml", Listing("iati", "IATI XML"))


def notices(ctx: BuildContext) -> list[str]:
    """What the build should tell about the IATI file: that there is none, and why, or
    which records it leaves out."""
    if ctx.settings.iati.organisation is None:
        return [f"No {NAME}: the IATI organisation identifier (KATALOG_IATI_ORG) is not set"]
    written, left_out = _select(ctx)
    if not left_out:
        return []
    reasons = "; ".join(f"{item.name} ({', '.join(item.lacks)})" for item in left_out)
    if not written:
        return [f"No {NAME}: no record has what IATI requires of an activity: {reasons}"]
    return [
        f"{NAME} leaves out {len(left_out)} of {len(written) + len(left_out)} records, "
        f"lacking what IATI requires of an activity: {reasons}"
    ]


def _select(ctx: BuildContext) -> tuple[list[RecordFacts], list[LeftOut]]:
    """The records the file carries, and those it leaves out with what they lack (once
    per build: the export and the build's notice both ask)."""
    cached: tuple[list[RecordFacts], list[LeftOut]] | None = ctx.cache.get(_select)
    if cached is not None:
        return cached
    written: list[RecordFacts] = []
    left_out: list[LeftOut] = []
    for record in ctx.records():
        facts = ctx.facts_of(record)
        lacks = []
        if facts.status is None:
            lacks.append("a status")
        if record.period is None:
            lacks.append("a period")
        if not _participants(facts):
            lacks.append("an organisation as lead, partner or funder")
        if lacks:
            left_out.append(LeftOut(facts, tuple(lacks)))
        else:
            written.append(facts)
    ctx.cache[_select] = (written, left_out)
    return written, left_out


def _participants(facts: RecordFacts) -> list[tuple[str, str]]:
    """(IATI role code, organisation slug) for every role that has a code, in code order."""
    return sorted(
        {
            (ROLE_CODES[role], slug)
            for slug, roles in facts.organisations
            for role in roles
            if role in ROLE_CODES
        }
    )


def _document(ctx: BuildContext, organisation: str, written: list[RecordFacts]) -> bytes:
    root = ET.Element(
        "iati-activities",
        {"version": VERSION, "generated-datetime": _datetime(ctx.today)},
    )
    ids = {
        (facts.kind.key, facts.slug): identifier(organisation, facts.record) for facts in written
    }
    children: dict[str, list[str]] = {}
    """A programme's slug -> its projects' identifiers, where both are in the file."""
    for facts in written:
        record = facts.record
        parent = record.programme if isinstance(record, Project) else None
        if parent is not None and (Programme.kind, parent) in ids:
            children.setdefault(parent, []).append(ids[(Project.kind, record.slug)])
    for facts in written:
        root.append(_activity(ctx, facts, ids, children))
    ET.indent(root)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
    return (text + "\n").encode("utf-8")


def _activity(
    ctx: BuildContext,
    facts: RecordFacts,
    ids: dict[tuple[str, str], str],
    children: dict[str, list[str]],
) -> ET.Element:
    record = facts.record
    attributes = {}
    if facts.changed is not None:
        attributes["last-updated-datetime"] = _datetime(facts.changed)
    attributes[XML_LANG] = ctx.settings.languages.default
    attributes["hierarchy"] = HIERARCHY[record.kind]
    activity = ET.Element("iati-activity", attributes)
    ET.SubElement(activity, "iati-identifier").text = ids[(record.kind, record.slug)]
    iati = ctx.settings.iati
    reporting = ET.SubElement(
        activity, "reporting-org", {"ref": iati.organisation or "", "type": iati.type or ""}
    )
    _name(ctx, reporting, iati.name)
    _narratives(ctx, ET.SubElement(activity, "title"), record.title)
    _narratives(ctx, ET.SubElement(activity, "description", {"type": GENERAL}), record.summary)
    organisations = ctx.catalogue.organisations
    for role, slug in _participants(facts):
        participant = ET.SubElement(activity, "participating-org", {"role": role})
        _name(ctx, participant, organisations[slug].name)
    assert facts.status is not None and record.period is not None  # as _select chose
    ET.SubElement(activity, "activity-status", {"code": STATUS_CODES[facts.status]})
    for kind, day, stated in _dates(
        record.period.start, record.period.end, facts.status, ctx.today
    ):
        element = ET.SubElement(activity, "activity-date", {"type": kind, "iso-date": str(day)})
        if stated is not None:
            for lang in ctx.languages:
                text = ctx.t(lang, "iati.date.stated", date=l10n.format_partial_date(stated, lang))
                ET.SubElement(element, "narrative", {XML_LANG: lang}).text = text
    for code in record.countries:
        ET.SubElement(activity, "recipient-country", {"code": code})
    if isinstance(record, Project) and record.programme is not None:
        parent = ids.get((Programme.kind, record.programme))
        if parent is not None:
            ET.SubElement(activity, "related-activity", {"ref": parent, "type": PARENT})
    for child in children.get(record.slug, []) if isinstance(record, Programme) else []:
        ET.SubElement(activity, "related-activity", {"ref": child, "type": CHILD})
    return activity


def _dates(
    start: PartialDate, end: PartialDate | None, status: Status, today: date
) -> Iterator[tuple[str, date, PartialDate | None]]:
    """(ActivityDateType, day, the date as stated where it is less than a day) for the
    period's start and end. IATI takes whole days: a start given as a year or a month is
    its first day, an end its last, and the stated precision goes into the narrative. A
    date is actual only when the status says the work has started (active, completed) or
    ended (completed) and the day is not after the build date; otherwise planned."""
    started = status in (Status.ACTIVE, Status.COMPLETED) and start.first_day <= today
    yield (ACTUAL_START if started else PLANNED_START), start.first_day, _vague(start)
    if end is not None:
        ended = status is Status.COMPLETED and end.last_day <= today
        yield (ACTUAL_END if ended else PLANNED_END), end.last_day, _vague(end)


def _vague(day: PartialDate) -> PartialDate | None:
    return day if day.day is None else None


def _narratives(ctx: BuildContext, parent: ET.Element, text: Localized) -> None:
    """One narrative per site language the record gives a text in, marked with it."""
    for lang in ctx.languages:
        if lang in text:
            ET.SubElement(parent, "narrative", {XML_LANG: lang}).text = text[lang]


def _name(ctx: BuildContext, parent: ET.Element, name: Localized | None) -> None:
    """An organisation's name: one narrative where it is the same in every language (the
    activity's default language applies), else one per language."""
    if name is None:
        return
    given: list[tuple[Lang, str]] = [(lang, name[lang]) for lang in ctx.languages if lang in name]
    if len({text for _, text in given}) == 1:
        ET.SubElement(parent, "narrative").text = given[0][1]
        return
    for lang, text in given:
        ET.SubElement(parent, "narrative", {XML_LANG: lang}).text = text


def _datetime(day: date) -> str:
    """A day as the xsd:dateTime IATI asks for: its start, in UTC (no time is known)."""
    return f"{day.isoformat()}T00:00:00Z"
