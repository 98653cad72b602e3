"""JSON Schemas (draft-07) for the record files, made from the validator's own definitions.

Editors' tools read these: VS Code's YAML extension (and any editor using the YAML language
server) gives completion, hover help in Norwegian Bokmål and English, and red squiggles as
an editor types, once a record's first line names its schema:

    # yaml-language-server: $schema=../../schemas/project.schema.json

Every kind of field in `katalog.records.schema` is translated here; a kind without a translation is
an error, so a new kind cannot be forgotten. The files are written by `katalog generate`,
and a test fails when the committed ones differ from what this module makes.

The validator stays the judge. The schemas follow two rules:

* They never reject what the validator accepts. An editor's tool reads YAML by version 1.2,
  where `start: 2019` is a number and `title: {nb: 1814}` too, while the validator reads
  every value as text; so wherever the validator accepts digits, a number is accepted too.
* They catch what a schema can express: unknown and missing fields, wrong shapes, empty
  values, lengths, slugs, dates, month-days, codes, web and email addresses. What needs
  the rest of the catalogue (does this theme exist?), comparisons between fields (a period
  that ends before it starts) and the strict reading of YAML (duplicate keys, tabs,
  anchors) are left to the validator. So are two small leniencies of the validator that a
  completion list cannot show: spaces around a country or currency code inside quotes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pycountry
from babel import Locale

from katalog.editors.fieldref import value_description
from katalog.languages import KNOWN, SITE_LANGUAGES, Lang
from katalog.records import countries, schema
from katalog.records.schema import (
    MAX_AMOUNT_DIGITS,
    RESERVED_SLUGS,
    Amount,
    Choice,
    Country,
    Currency,
    Email,
    Field,
    IsoDate,
    Kind,
    ListOf,
    LocalizedText,
    MonthDayKind,
    Name,
    PartialDateKind,
    PartnerCallShape,
    Shape,
    Slug,
    Text,
    Url,
)

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
FOLDER = "schemas"

JsonObject = dict[str, Any]

# Lengths and patterns, written for both Python's `re` and ECMAScript (the editors' tools).
_SLUG_PATTERN = (
    "^" + "".join(f"(?!{name}$)" for name in sorted(RESERVED_SLUGS)) + "[a-z0-9]+(?:-[a-z0-9]+)*$"
)
_YEAR = "(?:19|[2-9][0-9])[0-9]{2}"
_MONTH = "(?:0[1-9]|1[0-2])"
_DAY = "(?:0[1-9]|[12][0-9]|3[01])"
_MONTH_DAY = (
    "(?:(?:01|03|05|07|08|10|12)-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:04|06|09|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_MAILTO = "[Mm][Aa][Ii][Ll][Tt][Oo]:"


def _strip(markdown: str) -> str:
    """Markdown as plain text (no code spans or bold), for the plain `description`."""
    return markdown.replace("`", "").replace("**", "")


def _expected(nb: str, en: str) -> str:
    return _strip(f"Forventet: {nb}. / Expected: {en}.")


def _patterned(pattern: str, nb: str, en: str, **extra: Any) -> JsonObject:
    """A string (or what `extra` allows) matching `pattern`, explained in both languages."""
    return {"type": "string", **extra, "pattern": pattern, "patternErrorMessage": _expected(nb, en)}


_LINE_BREAKS = "\\n\\r\\u000b\\f\\u001c-\\u001e\\u0085\\u2028\\u2029"
"""Every character that ends a line, as in `schema.line_break`, for a regex class."""
_INVISIBLE = (
    "\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff"
)
"""The invisible characters an address must not hold (`schema.invisible_character`,
which takes every format character), for a regex class."""


def _text_pattern(max_length: int, *, multiline: bool) -> str:
    """Not blank, at most `max_length` characters once trimmed, one line unless `multiline`."""
    inner = "[\\s\\S]" if multiline else f"[^{_LINE_BREAKS}]"
    return f"^\\s*(?:\\S|\\S{inner}{{0,{max_length - 2}}}\\S)\\s*$"


def _text(kind: Text) -> JsonObject:
    lines_nb = "" if kind.multiline else "på én linje, "
    lines_en = "" if kind.multiline else "on one line, "
    return {
        # The validator reads `1814` or `true` as the text it is; a YAML 1.2 tool does not.
        "type": ["string", "number", "boolean"],
        "pattern": _text_pattern(kind.max_length, multiline=kind.multiline),
        "patternErrorMessage": _expected(
            f"tekst {lines_nb}ikke tom, høyst {kind.max_length} tegn",
            f"text {lines_en}not empty, at most {kind.max_length} characters",
        ),
    }


def _language_help(lang: Lang) -> tuple[str, str]:
    """Hover help for one language's text, in the editors' languages (Bokmål, English)."""
    in_bokmal = Locale.parse("nb").languages[KNOWN[lang].locale.split("_")[0]]
    return f"Teksten på {in_bokmal}.", f"The text in {KNOWN[lang].english_name}."


def _localized(kind: LocalizedText) -> JsonObject:
    properties = {}
    for lang in SITE_LANGUAGES:
        nb, en = _language_help(lang)
        properties[lang] = {**_text(kind.text), **_describe(f"{nb}\n\n{en}")}
    result: JsonObject = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if kind.complete:
        result["required"] = list(SITE_LANGUAGES)
    else:
        result["minProperties"] = 1
    return result


def _name(kind: Name) -> JsonObject:
    return {"anyOf": [_text(kind.plain), _localized(kind.localized)]}


def _slug(kind: Slug) -> JsonObject:
    registry = kind.registry or "programmes"
    shortest = 2 if registry in schema.SHORT_SLUG_REGISTRIES else 3
    return {
        # A slug of digits only (`2030`) is a number to a YAML 1.2 tool.
        "type": ["string", "integer"],
        "minimum": 0,
        "pattern": _SLUG_PATTERN,
        "minLength": shortest,
        "maxLength": 80,
        "patternErrorMessage": _expected(
            f"et kortnavn (slug) med små bokstaver a-z, sifre og enkle bindestreker, "
            f"{shortest} til 80 tegn",
            schema.slug_rule(registry).removeprefix("use "),
        ),
    }


def _choice(kind: Choice[Any]) -> JsonObject:
    return {"enum": list(kind.values)}


def country_codes() -> list[str]:
    """Every code `Country` accepts, sorted."""
    return sorted(countries.accepted())


def currency_codes() -> list[str]:
    """Every code `Currency` accepts, sorted."""
    return sorted(
        str(currency.alpha_3)
        for currency in pycountry.currencies
        if currency.alpha_3 not in schema.NOT_CURRENCIES
    )


def _country(kind: Country) -> JsonObject:
    codes = country_codes()
    return {
        "enum": codes,
        "enumDescriptions": [schema.country_name(code) for code in codes],
        # The editors' tools would list every code; say what is wanted instead.
        "errorMessage": _expected(kind.description_nb, kind.description),
    }


def _currency(kind: Currency) -> JsonObject:
    codes = currency_codes()
    names = {str(c.alpha_3): str(c.name) for c in pycountry.currencies}
    return {
        "enum": codes,
        "enumDescriptions": [names[code] for code in codes],
        "errorMessage": _expected(kind.description_nb, kind.description),
    }


def _url(kind: Url) -> JsonObject:
    visible = f"[^\\s{_INVISIBLE}]"
    pattern = f"^\\s*[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#{_INVISIBLE}]+(?:[/?#]{visible}*)?\\s*$"
    return _patterned(pattern, kind.description_nb, kind.description)


_DOMAIN = f"[^\\s@!-,/:-@\\[-`{{-~{_INVISIBLE}]"
"""A character of a domain name: anything but space, ASCII punctuation other than `-`
and `.`, and invisible characters (`schema.unsafe_in_email`)."""


def _email(kind: Email) -> JsonObject:
    return _patterned(
        f"^(?!\\s*{_MAILTO})\\s*[A-Za-z0-9._+-]+@{_DOMAIN}+\\.{_DOMAIN}+\\s*$",
        "en e-postadresse, uten «mailto:», med bare bokstavene a-z, sifre og . _ + - før @",
        "an email address, without 'mailto:', with only letters a-z, digits and . _ + - "
        "before the @",
    )


def _iso_date(kind: IsoDate) -> JsonObject:
    pattern = f"^\\s*[0-9]{{4}}-{_MONTH}-{_DAY}\\s*$"
    return _patterned(pattern, kind.description_nb, kind.description)


def _partial_date(kind: PartialDateKind) -> JsonObject:
    return _patterned(
        f"^\\s*{_YEAR}(?:-{_MONTH}(?:-{_DAY})?)?\\s*$",
        kind.description_nb,
        kind.description,
        # A year alone (`2019`) is a number to a YAML 1.2 tool.
        type=["string", "integer"],
        minimum=1900,
        maximum=9999,
    )


def _month_day(kind: MonthDayKind) -> JsonObject:
    return _patterned(
        f"^\\s*{_MONTH_DAY}\\s*$",
        kind.description_nb + ", en dag som finnes hvert år",
        kind.description + ", a day that occurs every year",
    )


def _amount(kind: Amount) -> JsonObject:
    digits = MAX_AMOUNT_DIGITS
    return _patterned(
        f"^\\s*(?=[0-9.]*[1-9])0*[0-9]{{1,{digits}}}(?:\\.[0-9]{{1,2}})?\\s*$",
        f"et positivt beløp med sifre, som 1500000 eller 2500.50 (uten mellomrom), høyst "
        f"{digits} sifre før desimalpunktum",
        f"a positive amount in digits, such as 1500000 or 2500.50 (no spaces), at most "
        f"{digits} digits before the decimal point",
        # `150000` and `2500.50` are numbers to a YAML 1.2 tool.
        type=["string", "number"],
        exclusiveMinimum=0,
        exclusiveMaximum=10**digits,
    )


def _list(kind: ListOf[Any]) -> JsonObject:
    result: JsonObject = {"type": "array", "items": kind_schema(kind.item)}
    if kind.min_items:
        result["minItems"] = kind.min_items
    if kind.key is not None and not isinstance(kind.item, Shape):
        result["uniqueItems"] = True  # scalar items are their own identity
    return result


def _shape(kind: Shape[Any]) -> JsonObject:
    result: JsonObject = {
        "type": "object",
        "properties": {name: field_schema(name, spec) for name, spec in kind.fields.items()},
        "additionalProperties": False,
    }
    required = [name for name, spec in kind.fields.items() if spec.required]
    if required:
        result["required"] = required
    if kind is schema.CONTACT:
        result["minProperties"] = 1  # a name, an email address or both
    if kind is schema.CALL_CONTACT:
        result["anyOf"] = [{"required": ["email"]}, {"required": ["url"]}]  # a way to reach
    return result


_TRANSLATIONS: list[tuple[type[Any], Callable[[Any], JsonObject]]] = [
    (PartnerCallShape, _shape),  # the old form, texts alone, fails `text` and `contact`
    (Shape, _shape),
    (ListOf, _list),
    (Name, _name),
    (LocalizedText, _localized),
    (Text, _text),
    (Slug, _slug),
    (Choice, _choice),
    (Country, _country),
    (Currency, _currency),
    (Url, _url),
    (Email, _email),
    (IsoDate, _iso_date),
    (PartialDateKind, _partial_date),
    (MonthDayKind, _month_day),
    (Amount, _amount),
]


def kind_schema(kind: Kind[Any]) -> JsonObject:
    """The JSON Schema of one kind of value."""
    for cls, translate in _TRANSLATIONS:
        if isinstance(kind, cls):
            return translate(kind)
    raise TypeError(f"no JSON Schema for the kind {type(kind).__name__}: add one")


def _describe(markdown: str) -> JsonObject:
    return {"description": _strip(markdown), "markdownDescription": markdown}


def field_help(name: str, spec: Field) -> str:
    """A field's help in both languages, as Markdown: meaning, whether required, value, example."""
    required = "påkrevd / required" if spec.required else "valgfritt / optional"
    return (
        f"**{name}** ({required})\n\n"
        f"{spec.help_nb}\n\n{spec.help}\n\n"
        f"Verdi: {value_description(spec, 'nb')}.\n\n"
        f"Value: {value_description(spec, 'en')}.\n\n"
        f"Eksempel / example: `{spec.example}`"
    )


def field_schema(name: str, spec: Field) -> JsonObject:
    return {**_describe(field_help(name, spec)), **kind_schema(spec.kind)}


def _record(title: str, intro: str, shape: Shape[Any]) -> JsonObject:
    return {
        "$schema": DRAFT_07,
        "title": title,
        **_describe(intro),
        **_shape(shape),
    }


def _vocabulary(title: str, intro: str, shape: Shape[Any], registry: schema.Registry) -> JsonObject:
    entry = _shape(shape)
    entry.update(_describe(intro))
    key = _slug(Slug(registry))
    return {
        "$schema": DRAFT_07,
        "title": title,
        **_describe(intro),
        "type": "object",
        "propertyNames": {
            "pattern": key["pattern"],
            "minLength": key["minLength"],
            "maxLength": key["maxLength"],
        },
        "additionalProperties": entry,
    }


FILES: dict[str, Callable[[], JsonObject]] = {
    "programme.schema.json": lambda: _record(
        "Program / Programme",
        "Ett program: content/programmes/<slug>.yml.\n\nOne programme: "
        "content/programmes/<slug>.yml.",
        schema.PROGRAMME,
    ),
    "project.schema.json": lambda: _record(
        "Prosjekt / Project",
        "Ett prosjekt: content/projects/<slug>.yml.\n\nOne project: content/projects/<slug>.yml.",
        schema.PROJECT,
    ),
    "themes.schema.json": lambda: _vocabulary(
        "Temaer / Themes",
        "Ett tema: kortnavnet (slug) og feltene under det.\n\n"
        "One theme: its slug and the fields under it.",
        schema.THEME,
        "themes",
    ),
    "organisations.schema.json": lambda: _vocabulary(
        "Organisasjoner / Organisations",
        "Én organisasjon: kortnavnet (slug) og feltene under det.\n\n"
        "One organisation: its slug and the fields under it.",
        schema.ORGANISATION,
        "organisations",
    ),
}
"""The schema files, by name, in the `schemas/` folder."""

FOR_FOLDER = {"programmes": "programme.schema.json", "projects": "project.schema.json"}
FOR_FILE = {"themes.yml": "themes.schema.json", "organisations.yml": "organisations.schema.json"}

COMMENT = re.compile(r"# yaml-language-server: \$schema=(\S+)")


def render(name: str) -> str:
    return json.dumps(FILES[name](), indent=2, ensure_ascii=False) + "\n"


def render_all() -> dict[str, str]:
    """`schemas/<name>` -> its text."""
    return {f"{FOLDER}/{name}": render(name) for name in FILES}


def comment_for(folder: str) -> str:
    """The first line of a record in `content/<folder>/` (programmes or projects)."""
    return f"# yaml-language-server: $schema=../../{FOLDER}/{FOR_FOLDER[folder]}"


def comment_for_vocabulary(filename: str) -> str:
    """The first line of `content/themes.yml` or `content/organisations.yml`."""
    return f"# yaml-language-server: $schema=../{FOLDER}/{FOR_FILE[filename]}"
