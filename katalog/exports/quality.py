"""The data-quality report as JSON, with its JSON Schema: the same numbers as the data page.

`data/quality.json` is `katalog.site.quality.quality_report` as plain data: for each kind
of record, how many records there are and how many fill each field; the texts missing a
language; the records due for review with the date their information is current as of;
the partner calls closed on the build date, with why; and the organisations and themes no
record names. Lists are in a fixed order (records by kind and slug, as the report has
them), so the same catalogue gives the same bytes. `data/quality.schema.json` is its JSON
Schema (draft 2020-12), written here as data. `katalog report --json` prints the same
document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from katalog.exports import DataFile, Listing
from katalog.exports.catalogue_json import (
    DATE,
    MEDIA_TYPE,
    PARTIAL_DATE,
    SCHEMA_MEDIA_TYPE,
    SLUG,
    _array,
    _nullable,
    _object,
    _ref,
    address,
    encode,
)
from katalog.records.model import CallState
from katalog.site import urls
from katalog.site.kinds import PROGRAMME, PROJECT
from katalog.site.quality import KIND_FIELDS, QualityReport, quality_report

if TYPE_CHECKING:
    from katalog.site.context import BuildContext
    from katalog.site.facts import RecordFacts

SCHEMA_VERSION = "1.0"
"""The version of the document's shape (minor: fields added; major: changed or removed)."""

QUALITY = "quality.json"
SCHEMA = "quality.schema.json"

JsonObject = dict[str, Any]


def _record(facts: RecordFacts, ctx: BuildContext) -> JsonObject:
    return {
        "kind": facts.kind.key,
        "slug": facts.slug,
        "urls": {lang: address(path, ctx) for lang, path in facts.urls.items()},
    }


def document_of(report: QualityReport, ctx: BuildContext) -> JsonObject:
    """The report as plain data, in the document's fixed order."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generated": report.today.isoformat(),
        "languages": list(report.languages),
        "review_months": report.review_months,
        "fields": {
            kind.kind: {
                "records": kind.records,
                "fields": [
                    {"field": row.field, "required": row.required, "filled": row.filled}
                    for row in kind.fields
                ],
            }
            for kind in report.fill
        },
        "missing_translations": [
            {
                "record": _record(item.facts, ctx),
                "field": item.field,
                "required": item.required,
                "missing": list(item.missing),
            }
            for item in report.translations
        ],
        "review_due": [
            {
                "record": _record(item.facts, ctx),
                "information_as_of": str(item.information) if item.information else None,
            }
            for item in report.review
        ],
        "closed_calls": [
            {
                "record": _record(call.facts, ctx),
                "reason": "until-passed" if call.state is CallState.CLOSED_ON else "completed",
                "until": call.until.isoformat() if call.until else None,
            }
            for call in report.closed_calls
        ],
        "unused_organisations": list(report.unused_organisations),
        "unused_themes": list(report.unused_themes),
    }


def document(ctx: BuildContext) -> JsonObject:
    return document_of(quality_report(ctx), ctx)


def schema(ctx: BuildContext) -> JsonObject:
    """The JSON Schema of `quality.json` for this site's languages and address."""
    languages = ctx.languages
    language = {"enum": list(languages)}
    count = {"type": "integer", "minimum": 0}

    def kind_fill(kind: str) -> JsonObject:
        names = [name for key, fields in KIND_FIELDS if key == kind for name in fields]
        return _object(
            {
                "records": count,
                "fields": {
                    **_array(
                        _object(
                            {
                                "field": {"enum": names},
                                "required": {"type": "boolean"},
                                "filled": count,
                            }
                        )
                    ),
                    "description": "Every field of the record format, in its order: how many "
                    "records give it (a list counts when it is not empty).",
                },
            }
        )

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": address(urls.download(SCHEMA), ctx),
        "title": "International municipal cooperation: the data-quality report",
        "description": (
            "How complete and how current the catalogue's records are on the `generated` "
            "date: the same report as the data page."
        ),
        "type": "object",
        "properties": {
            "schema_version": {"type": "string", "const": SCHEMA_VERSION},
            "generated": DATE,
            "languages": {**_array(language), "minItems": 1, "uniqueItems": True},
            "review_months": {"type": "integer", "minimum": 1},
            "fields": _object(
                {PROGRAMME.key: kind_fill(PROGRAMME.key), PROJECT.key: kind_fill(PROJECT.key)}
            ),
            "missing_translations": _array(
                _object(
                    {
                        "record": _ref("record"),
                        "field": {
                            "type": "string",
                            "description": "Where the text is in the record: `description`, "
                            "`links[0].title` …",
                        },
                        "required": {"type": "boolean"},
                        "missing": {**_array(language), "minItems": 1, "uniqueItems": True},
                    }
                )
            ),
            "review_due": _array(
                _object(
                    {
                        "record": _ref("record"),
                        "information_as_of": {
                            **_nullable(PARTIAL_DATE),
                            "description": "The date the information is current as of; null "
                            "when unknown.",
                        },
                    }
                )
            ),
            "closed_calls": _array(
                _object(
                    {
                        "record": _ref("record"),
                        "reason": {
                            "enum": ["until-passed", "completed"],
                            "description": "`until-passed`: its last day has passed; "
                            "`completed`: the project is completed.",
                        },
                        "until": _nullable(DATE),
                    }
                )
            ),
            "unused_organisations": _array(SLUG),
            "unused_themes": _array(SLUG),
        },
        "required": [
            "schema_version",
            "generated",
            "languages",
            "review_months",
            "fields",
            "missing_translations",
            "review_due",
            "closed_calls",
            "unused_organisations",
            "unused_themes",
        ],
        "additionalProperties": False,
        "$defs": {
            "record": _object(
                {
                    "kind": {"enum": [PROGRAMME.key, PROJECT.key]},
                    "slug": SLUG,
                    "urls": {
                        "type": "object",
                        "properties": {lang: {"type": "string"} for lang in languages},
                        "required": list(languages),
                        "additionalProperties": False,
                    },
                }
            ),
        },
    }


def files(ctx: BuildContext) -> Iterator[DataFile]:
    yield DataFile(
        urls.download(QUALITY), encode(document(ctx)), MEDIA_TYPE, Listing("quality", "JSON")
    )
    yield DataFile(
        urls.download(SCHEMA),
        encode(schema(ctx)),
        SCHEMA_MEDIA_TYPE,
        Listing("quality-schema", "JSON Schema"),
    )
