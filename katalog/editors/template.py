"""New records from a commented template: what `katalog new project|programme <slug>` writes.

The template is made from the schema's own definitions: every field of the record type, in
the schema's order, with its meaning and its kind of value in Norwegian Bokmål and English.
Required fields are left empty, each marked FYLL INN / FILL IN, so that the fresh file fails
validation with one clear message per field until an editor fills it in. Optional fields
are written out as commented examples, ready to be switched on by deleting the `# `.
"""

from __future__ import annotations

import textwrap
from typing import Any, Literal

from katalog.editors import jsonschemas
from katalog.editors.fieldref import value_description
from katalog.records import schema
from katalog.records.schema import Field, ListOf, LocalizedText, Shape

RecordType = Literal["project", "programme"]

FOLDERS: dict[RecordType, str] = {"project": "projects", "programme": "programmes"}
FIELDS: dict[RecordType, dict[str, Field]] = {
    "project": schema.PROJECT_FIELDS,
    "programme": schema.PROGRAMME_FIELDS,
}
NAMES: dict[RecordType, tuple[str, str]] = {
    "project": ("Nytt prosjekt", "New project"),
    "programme": ("Nytt program", "New programme"),
}

MARK = "FYLL INN / FILL IN"
"""What marks a value the editor must give; the file fails validation until it is given."""

WIDTH = 92

EXAMPLES: dict[str, str] = {
    "description": """\
description:
  nb: |
    ## Bakgrunn

    Flere avsnitt går fint, med **uthevet** tekst, lister og [lenker](https://example.org).
  en: |
    ## Background

    Several paragraphs are fine, with **bold** text, lists and [links](https://example.org).
""",
    "status": "status: active\n",
    "period": """\
period:
  start: 2019-03
  end: 2021
""",
    "countries": "countries: [PL, RO]\n",
    "themes": "themes: [local-democracy]\n",
    "funders": "funders: [ks]\n",
    "programme": "programme: eea-grants-2014-2021\n",
    "partners": """\
partners:
  - organisation: ks
    role: lead
""",
    "application_windows": """\
application_windows:
  - opens: "02-15"
    closes: "03-15"
    source:
      title:
        nb: Søknadsfrister
        en: Application deadlines
      publisher: ks
      as_of: 2024
""",
    "keywords": """\
keywords:
  nb: EØS-midlene, EØS-midler
  en: EEA Grants, EEA and Norway Grants
""",
    "website": "website: https://example.org\n",
    "links": """\
links:
  - title:
      nb: Sluttrapport
      en: Final report
    url: https://example.org/report.pdf
""",
    "contact": """\
contact:
  name: Prosjektkontoret
  email: post@example.org
""",
    "funding": """\
funding:
  amount: 150000
  currency: EUR
  note:
    nb: Hele prosjektperioden
    en: The whole project period
""",
    "partner_call": """\
partner_call:
  text:
    nb: Vi søker en norsk kommune med erfaring fra digitale tjenester.
    en: We are looking for a Norwegian municipality with experience of digital services.
  contact:
    name: Prosjektkontoret
    email: post@example.org
  until: 2025-03-01
""",
    "sources": """\
sources:
  - title:
      nb: Internasjonale prosjekter
      en: International projects
    publisher: ks
    url: https://example.org/projects
    as_of: 2021
""",
    "checked": "checked: 2024-03-15\n",
}
"""A complete, valid example of each optional field, written out as an editor would."""


def _comment(text: str, prefix: str = "# ") -> list[str]:
    return [
        prefix + line if line else prefix.rstrip()
        for paragraph in text.split("\n")
        for line in (textwrap.wrap(paragraph, WIDTH - len(prefix)) or [""])
    ]


def _placeholder(name: str, spec: Field) -> list[str]:
    """A required field left for the editor: valid YAML that fails validation until filled."""
    kind = spec.kind
    if isinstance(kind, LocalizedText):
        return [
            f"{name}:",
            f"  nb:    # {MARK}: norsk tekst / text in Norwegian",
            f"  en:    # {MARK}: engelsk tekst / text in English",
        ]
    if isinstance(kind, ListOf):
        return [f"{name}: []    # {MARK}, f.eks. / e.g. {name}: {spec.example}"]
    return [f"{name}:    # {MARK}, f.eks. / e.g. {name}: {spec.example}"]


def _status(spec: Field) -> str:
    return "påkrevd / required" if spec.required else "valgfritt / optional"


def _value(spec: Field) -> list[str]:
    """What the value is; for a mapping, or a list of mappings, each of its fields."""
    kind = spec.kind
    if isinstance(kind, ListOf) and isinstance(kind.item, Shape):
        shape: Shape[Any] = kind.item
        intro = (
            f"Verdi: en liste med {kind.what_nb}, hver med feltene / "
            f"Value: a list of {kind.what}s, each with the fields"
        )
    elif isinstance(kind, Shape):
        shape, intro = kind, "Verdi: disse feltene / Value: these fields"
    else:
        return [
            *_comment(f"Verdi: {value_description(spec, 'nb')}."),
            *_comment(f"Value: {value_description(spec, 'en')}."),
        ]
    lines = _comment(intro)
    for name, inner in shape.fields.items():
        text = f"{name} ({_status(inner)}): {inner.help_nb} / {inner.help}"
        wrapped = textwrap.wrap(text, WIDTH - 4, subsequent_indent="  ")
        lines += [f"#   {line}" for line in wrapped]
    return lines


def _field(name: str, spec: Field) -> list[str]:
    lines = [f"# --- {name} ({_status(spec)}) ---"]
    lines += _comment(spec.help_nb)
    lines += _comment(spec.help)
    lines += _value(spec)
    if spec.required:
        lines += _placeholder(name, spec)
    else:
        example = EXAMPLES[name]  # a KeyError here: give the new field an example above
        lines += [f"# {line}" if line else "#" for line in example.rstrip("\n").split("\n")]
    return lines


def render(record_type: RecordType, slug: str) -> str:
    """The text of a new record `slug` of `record_type`."""
    folder = FOLDERS[record_type]
    path = f"content/{folder}/{slug}.yml"
    name_nb, name_en = NAMES[record_type]
    lines = [
        jsonschemas.comment_for(folder),
        "#",
        f"# {name_nb} / {name_en}: {slug}",
        "#",
        *_comment(
            f"Fyll inn alle verdier merket {MARK.split(' / ')[0]}. Et valgfritt felt tar du i "
            "bruk ved å slette «# » foran linjene til eksempelet og skrive inn dine egne "
            "opplysninger; la feltet stå som kommentar hvis du ikke vet. Kontroller filen med "
            f"`python3 run.py validate {path}`. Mer hjelp: CONTRIBUTING.md."
        ),
        "#",
        *_comment(
            f"Fill in every value marked {MARK.split(' / ')[1]}. To use an optional field, "
            'delete the "# " in front of its example lines and put in your own facts; leave '
            f"it commented out if you do not know. Check the file with "
            f"`python3 run.py validate {path}`. More help: CONTRIBUTING.md."
        ),
    ]
    for name, spec in FIELDS[record_type].items():
        lines += ["", *_field(name, spec)]
    return "\n".join(lines) + "\n"
