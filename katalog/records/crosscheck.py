"""Checks between records: references resolve, and projects fit their programmes.

Runs on everything `katalog.records.load` read, valid or not, so an editor sees an unknown theme
and a misspelt field of the same file in one run. A reference is checked against every
slug that was defined, even by an invalid entry, so one mistake is reported once rather
than again at every place that names it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from katalog.records import codes
from katalog.records.model import Period
from katalog.records.problems import Problem, Severity
from katalog.records.schema import did_you_mean
from katalog.records.source import Sequence

if TYPE_CHECKING:
    from katalog.records.parsed import Parsed, ParsedFile

WHERE = {
    "themes": "content/themes.yml",
    "organisations": "content/organisations.yml",
    "programmes": "content/programmes/",
}
UNKNOWN = {
    "themes": codes.UNKNOWN_THEME,
    "organisations": codes.UNKNOWN_ORGANISATION,
    "programmes": codes.UNKNOWN_PROGRAMME,
}
WHAT = {"themes": "theme", "organisations": "organisation", "programmes": "programme"}


def check(parsed: Parsed) -> list[Problem]:
    return [*_check_references(parsed), *_check_projects_against_programmes(parsed)]


MAX_COMPARISONS = 10_000
"""Comparisons of an unknown slug with a known one, per registry, made to find a "did you
mean": each unknown slug is compared with every known one, so without a bound thousands of
unknown slugs against thousands of known ones would take minutes. Once the budget is spent,
unknown slugs are still reported, without a suggestion (with 50 organisations, 200 distinct
unknown slugs get one)."""


def _check_references(parsed: Parsed) -> Iterator[Problem]:
    """Each theme, organisation and programme named in a record must exist."""
    hints: dict[str, dict[str, str | None]] = {}
    budget = dict.fromkeys(WHERE, MAX_COMPARISONS)
    for path, ref in parsed.references:
        known = parsed.slugs.get(ref.registry, {})
        if ref.slug in known:
            continue
        suggested = hints.setdefault(ref.registry, {})
        if ref.slug not in suggested:
            affordable = len(known) <= budget[ref.registry]
            budget[ref.registry] -= len(known) if affordable else 0
            suggested[ref.slug] = did_you_mean(ref.slug, known) if affordable else None
        hint = suggested[ref.slug]
        message = f"unknown {WHAT[ref.registry]} {ref.slug!r}; " + (
            f"did you mean {hint!r}?" if hint else f"it must be defined in {WHERE[ref.registry]}"
        )
        yield Problem(
            path,
            ref.at.line,
            ref.at.col,
            Severity.ERROR,
            ref.field,
            message,
            UNKNOWN[ref.registry],
        )


def _check_projects_against_programmes(parsed: Parsed) -> Iterator[Problem]:
    """A project's period and countries should lie within its programme's (a warning)."""
    programmes = programme_values(parsed)
    for record in parsed.records.get("projects", []):
        yield from check_project(record, programmes)


def programme_values(parsed: Parsed) -> dict[str, dict[str, Any]]:
    """The values of every valid programme, by slug: what `check_project` checks against."""
    return {
        record.slug: record.values
        for record in parsed.records.get("programmes", [])
        if record.values is not None
    }


def check_project(record: ParsedFile, programmes: dict[str, dict[str, Any]]) -> Iterator[Problem]:
    """One project's period and countries against its programme's (`programme_values`)."""
    if record.values is None or record.tree is None:
        return
    programme = programmes.get(record.values.get("programme", ""))
    if programme is None:
        return
    name = record.values["programme"]
    outer: Period | None = programme.get("period")
    inner: Period | None = record.values.get("period")
    node = record.tree.get("period")
    if outer is not None and inner is not None and node is not None and not outer.contains(inner):
        yield Problem(
            record.display,
            node.at.line,
            node.at.col,
            Severity.WARNING,
            "period",
            f"{_show(inner)} is not within the period of programme {name!r} ({_show(outer)})",
            codes.PERIOD_OUTSIDE_PROGRAMME,
        )
    allowed = programme.get("countries") or ()
    countries = record.tree.get("countries")
    if allowed and isinstance(countries, Sequence):
        for index, code in enumerate(record.values["countries"]):
            if code in allowed:
                continue
            at = countries.items[index].at
            yield Problem(
                record.display,
                at.line,
                at.col,
                Severity.WARNING,
                f"countries[{index + 1}]",
                f"{code!r} is not among the countries of programme {name!r} ({', '.join(allowed)})",
                codes.COUNTRY_OUTSIDE_PROGRAMME,
            )


def _show(period: Period) -> str:
    return f"{period.start}–{period.end}" if period.end is not None else f"{period.start}–"
