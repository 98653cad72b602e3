"""The "Propose a project" issue form, and turning a filled-in form into a project record.

People who will never open a pull request can propose a project through a GitHub issue
form. Its fields are defined here, one per field of a project record (and one per language
of each text), with help taken from the schema, and `katalog generate` writes them to
`.github/ISSUE_TEMPLATE/propose-project.yml`; a test keeps that file current.

GitHub turns a submitted form into the issue's Markdown body, one section per field:

    ### <label>

    <the answer, or _No response_>

`katalog from-issue` reads such a body back, by the same labels, into a YAML record that
a maintainer checks with `katalog validate` and commits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

import yaml
from yaml.emitter import Emitter
from yaml.representer import SafeRepresenter
from yaml.resolver import BaseResolver
from yaml.serializer import Serializer

from katalog.editors import jsonschemas
from katalog.editors.fieldref import value_description
from katalog.records import model, schema
from katalog.records.schema import Country, Field, Kind, ListOf, LocalizedText, Shape, Text

FORM_PATH = ".github/ISSUE_TEMPLATE/propose-project.yml"
NO_RESPONSE = "_No response_"

FieldType = Literal["input", "textarea", "dropdown"]


@dataclass(frozen=True)
class FormField:
    id: str
    path: tuple[str, ...]
    """Where the answer goes in the record; empty for the slug and the source."""
    type: FieldType
    label: str
    description: str
    required: bool = False
    placeholder: str = ""
    options: tuple[str, ...] = ()


def _spec(path: tuple[str, ...]) -> Field:
    """The schema's definition of the (possibly nested) record field at `path`."""
    fields = schema.PROJECT_FIELDS
    spec = fields[path[0]]
    for name in path[1:]:
        kind = spec.kind
        if isinstance(kind, LocalizedText):
            return spec
        assert isinstance(kind, Shape), path
        spec = kind.fields[name]
    return spec


def _help(path: tuple[str, ...], nb: str = "", en: str = "") -> str:
    spec = _spec(path)
    return (
        " ".join(part for part in (spec.help_nb, nb) if part)
        + "\n\n"
        + " ".join(part for part in (spec.help, en) if part)
    )


LANGS = {"nb": ("på norsk", "in Norwegian"), "en": ("på engelsk", "in English")}


def _texts(
    name: str, label_nb: str, label_en: str, kind: FieldType, required: bool = False
) -> list[FormField]:
    return [
        FormField(
            id=f"{name.replace('.', '_')}_{lang}",
            path=(*name.split("."), lang),
            type=kind,
            label=f"{label_nb} {LANGS[lang][0]} / {label_en} {LANGS[lang][1]}",
            description=_help((*name.split("."),)),
            required=required,
        )
        for lang in LANGS
    ]


def _field(
    field_id: str,
    path: tuple[str, ...],
    label: str,
    kind: FieldType = "input",
    *,
    nb: str = "",
    en: str = "",
    placeholder: str = "",
    options: tuple[str, ...] = (),
) -> FormField:
    spec = _spec(path)
    value_nb, value_en = value_description(spec, "nb"), value_description(spec, "en")
    note_nb = nb or f"Verdi: {value_nb}."
    note_en = en or f"Value: {value_en}."
    return FormField(
        field_id,
        path,
        kind,
        label,
        _help(path, note_nb, note_en),
        spec.required and len(path) == 1,  # a nested field is required only if its parent is
        placeholder,
        options,
    )


ROLES = ", ".join(role.value for role in model.Role)

FIELDS: list[FormField] = [
    *_texts("title", "Tittel", "Title", "input", required=True),
    *_texts("summary", "Sammendrag", "Summary", "textarea", required=True),
    _field(
        "countries",
        ("countries",),
        "Land / Countries",
        nb="Landkoder etter ISO 3166-1, adskilt med komma.",
        en="ISO 3166-1 country codes, separated by commas.",
        placeholder="GE, MD",
    ),
    _field(
        "themes",
        ("themes",),
        "Temaer / Themes",
        nb="Kortnavnene (slug) til temaene på nettstedets temaside, adskilt med komma.",
        en="The slugs of themes on the site's themes page, separated by commas.",
        placeholder="local-democracy, gender-equality",
    ),
    _field(
        "programme",
        ("programme",),
        "Program / Programme",
        nb="Kortnavnet (slug) til programmet, hvis prosjektet hører til et.",
        en="The programme's slug, if the project belongs to one.",
        placeholder="eea-grants-2014-2021",
    ),
    *_texts("description", "Beskrivelse", "Description", "textarea"),
    _field("period_start", ("period", "start"), "Start / Start", placeholder="2019-03"),
    _field("period_end", ("period", "end"), "Slutt / End", placeholder="2021"),
    _field(
        "status",
        ("status",),
        "Status / Status",
        "dropdown",
        options=tuple(status.value for status in model.Status),
    ),
    _field(
        "partners",
        ("partners",),
        "Partnere / Partners",
        "textarea",
        nb=f"Én per linje: organisasjon: rolle (rollen er én av {ROLES}).",
        en=f"One per line: organisation: role (the role is one of {ROLES}).",
        placeholder="KS: lead\nAssociation of Polish Cities: partner",
    ),
    *_texts("partner_call.text", "Partnersøk", "Partner call", "textarea"),
    _field(
        "partner_call_contact_name",
        ("partner_call", "contact", "name"),
        "Kontakt for partnersøket / Partner call contact",
    ),
    _field(
        "partner_call_contact_email",
        ("partner_call", "contact", "email"),
        "E-post for partnersøket / Partner call email",
        placeholder="post@example.org",
    ),
    _field(
        "partner_call_contact_url",
        ("partner_call", "contact", "url"),
        "Nettside for partnersøket / Partner call web page",
        placeholder="https://example.org/partners",
    ),
    _field(
        "partner_call_until",
        ("partner_call", "until"),
        "Partnersøket er åpent til og med / Partner call open until",
        placeholder="2025-03-01",
    ),
    _field(
        "funding_amount",
        ("funding", "amount"),
        "Beløp / Amount",
        placeholder="1500000",
    ),
    _field("funding_currency", ("funding", "currency"), "Valuta / Currency", placeholder="EUR"),
    *_texts("funding.note", "Hva beløpet dekker", "What the amount covers", "input"),
    _field(
        "keywords",
        ("keywords",),
        "Søkeord / Keywords",
        nb="Andre navn og forkortelser lesere søker etter, adskilt med komma.",
        en="Other names and abbreviations readers search for, separated by commas.",
        placeholder="EØS-midlene, EEA Grants",
    ),
    _field(
        "links",
        ("links",),
        "Lenker / Links",
        "textarea",
        nb="Én per linje: adresse | norsk tittel | engelsk tittel.",
        en="One per line: address | Norwegian title | English title.",
        placeholder="https://example.org/report.pdf | Sluttrapport | Final report",
    ),
    _field("contact_name", ("contact", "name"), "Kontaktperson / Contact name"),
    _field(
        "contact_email",
        ("contact", "email"),
        "Kontakt-e-post / Contact email",
        placeholder="post@example.org",
    ),
    _field("website", ("website",), "Nettside / Website", placeholder="https://example.org"),
    _field(
        "sources",
        ("sources",),
        "Kilder / Sources",
        "textarea",
        nb="Hvor opplysningene kommer fra, én kilde per linje: utgiver | adresse | norsk tittel "
        "| engelsk tittel | datoen kilden gjelder for (år, år-måned eller dato; tomt hvis den "
        "ikke oppgir noen). Utgiveren er en organisasjon; adressen kan stå tom.",
        en="Where the facts come from, one source per line: publisher | address | Norwegian "
        "title | English title | the date the source speaks for (year, year-month or date; "
        "empty if it states none). The publisher is an organisation; the address may be empty.",
        placeholder="KS | https://www.ks.no/... | Internasjonale prosjekter | International "
        "projects | 2021",
    ),
    _field(
        "checked",
        ("checked",),
        "Kontrollert mot kildene / Checked against the sources",
        nb="Dagen du kontrollerte opplysningene mot kildene, hvis du har gjort det.",
        en="The day you checked the facts against the sources, if you have.",
        placeholder="2024-03-15",
    ),
]
"""The form's fields that become the record, one to one."""

SLUG = FormField(
    "slug",
    (),
    "input",
    "Kortnavn (slug) / Slug",
    "Valgfritt: adressen til prosjektets side, med små bokstaver a-z, sifre og bindestreker. "
    "Står feltet tomt, lages det av den engelske tittelen.\n\n"
    "Optional: the address of the project's page, in lowercase a-z, digits and hyphens. "
    "If left empty, it is made from the English title.",
    placeholder="georgia-municipal-services",
)
SOURCE = FormField(
    "source",
    (),
    "textarea",
    "Mer om kildene / More about the sources",
    "Annet som hjelper oss å kontrollere opplysningene: en samtale, en person å spørre. Det "
    "blir ikke publisert.\n\n"
    "Anything else that helps us check the facts: a conversation, a person to ask. Not "
    "published.",
)
ALL_FIELDS = [SLUG, *FIELDS, SOURCE]

INTRO = """\
**Norsk:** Med dette skjemaet foreslår du et prosjekt til katalogen over internasjonalt
kommunesamarbeid. Skriv bare det du vet; felt du ikke vet noe om, lar du stå tomme. Tekstene
skrives på begge språk. En redaktør går gjennom forslaget og legger det inn.

**English:** Use this form to propose a project for the catalogue of international municipal
cooperation. Only write what you know; leave fields you know nothing about empty. Texts are
written in both languages. An editor reviews the proposal and adds it.
"""


def form() -> dict[str, Any]:
    """The issue form, as the YAML GitHub reads."""
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": INTRO}}]
    for item in ALL_FIELDS:
        attributes: dict[str, Any] = {"label": item.label, "description": item.description}
        if item.placeholder:
            attributes["placeholder"] = item.placeholder
        if item.options:
            attributes["options"] = list(item.options)
        body.append(
            {
                "type": item.type,
                "id": item.id,
                "attributes": attributes,
                "validations": {"required": item.required},
            }
        )
    return {
        "name": "Foreslå et prosjekt / Propose a project",
        "description": "Foreslå et prosjekt til katalogen. / Propose a project for the catalogue.",
        "title": "Prosjektforslag / Project proposal: ",
        "labels": ["project proposal"],
        "body": body,
    }


class _Dumper(Emitter, Serializer, SafeRepresenter, BaseResolver):
    """YAML as the catalogue reads it: every value is text, so `NO` and `2019` need no quotes.

    Only YAML's ways of writing nothing (`~`, `null`, an empty value) are quoted, since the
    loader reads them as empty. Block style, literal blocks for multi-line text, flow style
    for lists of codes, and list items indented under their key as in the other records.
    """

    def __init__(self, stream: Any, **options: Any) -> None:
        Emitter.__init__(
            self,
            stream,
            allow_unicode=options.get("allow_unicode"),
            width=options.get("width"),
        )
        Serializer.__init__(self)
        SafeRepresenter.__init__(self, sort_keys=options.get("sort_keys", False))
        BaseResolver.__init__(self)

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def _str(dumper: SafeRepresenter, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _list(dumper: _Dumper, data: list[Any]) -> yaml.SequenceNode:
    flow = all(isinstance(item, str) and re.fullmatch(r"[A-Za-z0-9-]+", item) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


class _FormDumper(yaml.SafeDumper):
    """The issue form, for GitHub's reader: YAML's own types, block text, indented lists."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_FormDumper.add_representer(str, _str)


def dump(data: Any) -> str:
    """A record's values as YAML."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def render_form() -> str:
    header = (
        "# Made by `katalog generate` from katalog/editors/issueform.py and\n"
        "# katalog/records/schema.py: edit those, not this file. `katalog from-issue` turns a\n"
        "# submitted form into a record.\n"
    )
    text = yaml.dump(form(), Dumper=_FormDumper, allow_unicode=True, sort_keys=False, width=100)
    return header + text


# --- From a submitted form's body to a record ----------------------------------------------


class IssueError(Exception):
    """The text is not the body of a submitted "Propose a project" form."""


def parse_body(body: str) -> tuple[dict[str, str], list[str]]:
    """The answers by field id, and a note for each section that is not one of the form's."""
    by_label = {item.label: item for item in ALL_FIELDS}
    parts = re.split(r"^###[ \t]+(.+?)[ \t]*$", body.replace("\r\n", "\n"), flags=re.MULTILINE)
    answers: dict[str, str] = {}
    notes: list[str] = []
    for label, value in zip(parts[1::2], parts[2::2], strict=True):
        item = by_label.get(label.strip())
        if item is None:
            notes.append(f"ignored a section that is not in the form: {label.strip()!r}")
            continue
        text = value.strip("\n").strip()
        answers[item.id] = "" if text == NO_RESPONSE else text
    if not any(item.id in answers for item in FIELDS):
        raise IssueError('no field of the "Propose a project" form found in the text')
    return answers, notes


TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


def slugify(text: str) -> str:
    """A slug made from a title or a name: `Association of Polish Cities` -> `association-...`."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(TRANSLITERATE))
    ascii_text = "".join(char for char in ascii_text if not unicodedata.combining(char))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    while len(slug) > 80:
        slug = slug[: slug.rfind("-", 0, 81)] if "-" in slug[:81] else slug[:80]
    return slug


def _items(text: str) -> list[str]:
    return [item.strip() for item in re.split(r"[,;\n]+", text) if item.strip()]


def _partners(text: str) -> list[dict[str, str]]:
    partners = []
    for line in filter(None, (line.strip(" -*\t") for line in text.splitlines())):
        name, sep, role = line.rpartition(":")
        if sep and role.strip():
            partners.append({"organisation": slugify(name), "role": role.strip().lower()})
        else:
            partners.append({"organisation": slugify(line)})
    return partners


def _links(text: str) -> list[dict[str, Any]]:
    links = []
    for line in filter(None, (line.strip(" -*\t") for line in text.splitlines())):
        url, _, rest = (part.strip() for part in line.partition("|"))
        nb, _, en = (part.strip() for part in rest.partition("|"))
        title = {lang: text for lang, text in (("nb", nb), ("en", en)) if text}
        links.append({"title": title, "url": url} if title else {"url": url})
    return links


def _sources(text: str) -> list[dict[str, Any]]:
    sources = []
    for line in filter(None, (line.strip(" -*\t") for line in text.splitlines())):
        parts = [part.strip() for part in line.split("|")] + [""] * 4
        publisher, url, nb, en, as_of = parts[:5]
        source: dict[str, Any] = {
            "title": {lang: text for lang, text in (("nb", nb), ("en", en)) if text},
            "publisher": slugify(publisher),
        }
        if url:
            source["url"] = url
        if as_of:
            source["as_of"] = as_of
        sources.append(source)
    return sources


def _value(item: FormField, text: str) -> Any:
    """The answer as the record writes it."""
    kind: Kind[Any] = _spec(item.path).kind
    if item.id == "partners":
        return _partners(text)
    if item.id == "links":
        return _links(text)
    if item.id == "sources":
        return _sources(text)
    if isinstance(kind, ListOf) and isinstance(kind.item, Country):
        return [code.upper() for item in _items(text) for code in item.split()]
    if isinstance(kind, ListOf):
        return [slugify(item) for item in _items(text)]
    if isinstance(kind, LocalizedText):
        kind = kind.text
    if isinstance(kind, Text) and not kind.multiline:
        return " ".join(line.strip() for line in text.splitlines() if line.strip())
    if item.id == "funding_currency":
        return text.upper()
    return text


def _put(record: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for name in path[:-1]:
        record = record.setdefault(name, {})
    record[path[-1]] = value


def _ordered(values: dict[str, Any], fields: dict[str, Field]) -> dict[str, Any]:
    """`values` in the schema's order of fields, nested mappings too."""
    ordered: dict[str, Any] = {}
    for name, spec in fields.items():
        if name not in values:
            continue
        value = values[name]
        if isinstance(spec.kind, Shape) and isinstance(value, dict):
            value = _ordered(value, spec.kind.fields)
        elif isinstance(spec.kind, LocalizedText) and isinstance(value, dict):
            value = {lang: value[lang] for lang in ("nb", "en") if lang in value}
        ordered[name] = value
    return ordered


@dataclass(frozen=True)
class Proposal:
    slug: str
    text: str
    """The record's YAML, with the schema comment first."""
    notes: list[str]


def to_record(body: str) -> Proposal:
    """Turn the body of a submitted form into a project record."""
    answers, notes = parse_body(body)
    record: dict[str, Any] = {}
    for item in FIELDS:
        text = answers.get(item.id, "")
        if text:
            _put(record, item.path, _value(item, text))
    record = _ordered(record, schema.PROJECT_FIELDS)
    title = record.get("title", {})
    slug = answers.get("slug", "").strip() or slugify(title.get("en") or title.get("nb") or "")
    lines = [
        jsonschemas.comment_for("projects"),
        "#",
        "# Fra skjemaet «Foreslå et prosjekt» / From the form 'Propose a project'.",
    ]
    source = answers.get("source", "")
    if source:
        lines.append("# Kilde / Source:")
        lines += [f"#   {line}".rstrip() for line in source.splitlines()]
    return Proposal(slug, "\n".join(lines) + "\n" + dump(record), notes)
