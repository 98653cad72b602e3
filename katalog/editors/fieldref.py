"""The record format reference, in Markdown, made from the schema's own definitions.

The README's editor section embeds this text between markers, and a test checks that it
is current, so the documentation of every field cannot drift from what the validator does.
The editors' guide (CONTRIBUTING.md) embeds it in English and in Norwegian Bokmål, between
markers of its own for each language.
"""

from __future__ import annotations

from typing import Any, Literal

from katalog.records import schema
from katalog.records.schema import Field, ListOf, Shape

Lang = Literal["en", "nb"]

SECTIONS: list[tuple[str, str, dict[str, Field]]] = [
    ("Programme", "`content/programmes/<slug>.yml`", schema.PROGRAMME_FIELDS),
    ("Project", "`content/projects/<slug>.yml`", schema.PROJECT_FIELDS),
    ("Theme", "an entry `<slug>:` in `content/themes.yml`", schema.THEME_FIELDS),
    (
        "Organisation",
        "an entry `<slug>:` in `content/organisations.yml`",
        schema.ORGANISATION_FIELDS,
    ),
]

SECTIONS_NB: dict[str, tuple[str, str]] = {
    "Programme": ("Program", "Et program er `content/programmes/<slug>.yml`."),
    "Project": ("Prosjekt", "Et prosjekt er `content/projects/<slug>.yml`."),
    "Theme": ("Tema", "Et tema er en oppføring `<slug>:` i `content/themes.yml`."),
    "Organisation": (
        "Organisasjon",
        "En organisasjon er en oppføring `<slug>:` i `content/organisations.yml`.",
    ),
}

PARTS: list[tuple[str, Shape[Any]]] = [
    ("period", schema.PERIOD),
    ("partners (each item)", schema.PARTNER),
    ("links (each item)", schema.LINK),
    ("contact", schema.CONTACT),
    ("funding", schema.FUNDING),
    ("partner_call", schema.PARTNER_CALL),
    ("partner_call.contact", schema.CALL_CONTACT),
    ("application_windows (each item)", schema.WINDOW),
    ("sources (each item)", schema.SOURCE),
]

HEADERS: dict[Lang, str] = {
    "en": "| Field | Required | Value | Example | Meaning |",
    "nb": "| Felt | Påkrevd | Verdi | Eksempel | Betydning |",
}


def value_description(spec: Field, lang: Lang = "en") -> str:
    """What the field's value is, in words; nested shapes point to their own table."""
    kind = spec.kind
    if isinstance(kind, ListOf) and isinstance(kind.item, Shape):
        return (
            f"a list of {kind.what}s (see below)"
            if lang == "en"
            else f"en liste med {kind.what_nb} (se nedenfor)"
        )
    if isinstance(kind, Shape):
        return "a mapping (see below)" if lang == "en" else "et sett med felt (se nedenfor)"
    return kind.description if lang == "en" else kind.description_nb


def _table(fields: dict[str, Field], lang: Lang) -> list[str]:
    lines = [HEADERS[lang], "| --- | --- | --- | --- | --- |"]
    yes, no = ("yes", "no") if lang == "en" else ("ja", "nei")
    for name, spec in fields.items():
        example = spec.example.replace("|", "\\|")
        required = yes if spec.required else no
        meaning = spec.help if lang == "en" else spec.help_nb
        value = value_description(spec, lang)
        lines.append(f"| `{name}` | {required} | {value} | `{example}` | {meaning} |")
    return lines


def _part_title(name: str, lang: Lang) -> str:
    return name if lang == "en" else name.replace("(each item)", "(hvert element)")


def render(lang: Lang = "en") -> str:
    lines: list[str] = []
    for title, where, fields in SECTIONS:
        if lang == "en":
            heading, intro = title, f"One {title.lower()} is {where}."
        else:
            heading, intro = SECTIONS_NB[title]
        lines += [f"#### {heading}", "", intro, "", *_table(fields, lang), ""]
    for name, shape in PARTS:
        lines += [f"#### `{_part_title(name, lang)}`", "", *_table(shape.fields, lang), ""]
    return "\n".join(lines)


START, END = "<!-- fields:start -->", "<!-- fields:end -->"
MARKERS: dict[Lang, tuple[str, str]] = {
    "en": (START, END),
    "nb": ("<!-- fields-nb:start -->", "<!-- fields-nb:end -->"),
}


def _embed_one(document: str, lang: Lang) -> str | None:
    start, end = MARKERS[lang]
    head, found, rest = document.partition(start)
    _, found_end, tail = rest.partition(end)
    if not found or not found_end:
        return None
    return f"{head}{start}\n{render(lang)}{end}{tail}"


def embed(document: str) -> str:
    """`document` with the text between each language's field-reference markers made current."""
    updated = document
    found = False
    for lang in MARKERS:
        result = _embed_one(updated, lang)
        if result is not None:
            updated, found = result, True
    if not found:
        raise ValueError(f"the markers {START} and {END} are missing")
    return updated
