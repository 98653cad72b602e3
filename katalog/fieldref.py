"""The record format reference, in Markdown, made from the schema's own definitions.

The README's editor section embeds this text between markers, and a test checks that it
is current, so the documentation of every field cannot drift from what the validator does.
"""

from __future__ import annotations

from typing import Any

from katalog import schema
from katalog.schema import Field, ListOf, Shape

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

PARTS: list[tuple[str, Shape[Any]]] = [
    ("period", schema.PERIOD),
    ("partners (each item)", schema.PARTNER),
    ("links (each item)", schema.LINK),
    ("contact", schema.CONTACT),
    ("funding", schema.FUNDING),
    ("application_windows (each item)", schema.WINDOW),
]


def _table(fields: dict[str, Field]) -> list[str]:
    lines = [
        "| Field | Required | Value | Example | Meaning |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, spec in fields.items():
        kind = spec.kind
        value = kind.description
        if isinstance(kind, ListOf) and isinstance(kind.item, Shape):
            value = f"a list of {kind.what}s (see below)"
        elif isinstance(kind, Shape):
            value = "a mapping (see below)"
        example = spec.example.replace("|", "\\|")
        required = "yes" if spec.required else "no"
        lines.append(f"| `{name}` | {required} | {value} | `{example}` | {spec.help} |")
    return lines


def render() -> str:
    lines: list[str] = []
    for title, where, fields in SECTIONS:
        lines += [f"#### {title}", "", f"One {title.lower()} is {where}.", "", *_table(fields), ""]
    for name, shape in PARTS:
        lines += [f"#### `{name}`", "", *_table(shape.fields), ""]
    return "\n".join(lines)


START, END = "<!-- fields:start -->", "<!-- fields:end -->"


def embed(document: str) -> str:
    """`document` with the text between the field-reference markers made current."""
    head, found, rest = document.partition(START)
    _, found_end, tail = rest.partition(END)
    if not found or not found_end:
        raise ValueError(f"the markers {START} and {END} are missing")
    return f"{head}{START}\n{render()}{END}{tail}"
