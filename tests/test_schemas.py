"""The JSON Schemas in schemas/: current, valid draft-07, and in agreement with the validator.

Every record is checked against its schema twice: as the validator reads it (every value
text) and as an editor's tool reads it (YAML 1.2, where `2019` is a number), so that the
schema never puts a red line under something the validator accepts. Every bad record of
the test corpus is then checked against its schema too: what the schema can see (one
file's own fields and values) it must catch; what it cannot (other records, file names,
the strict reading of YAML) it must leave to the validator without complaining.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from katalog.editors import generate, jsonschemas
from katalog.records import schema
from katalog.records.load import load_catalogue
from katalog.records.problems import Problem
from katalog.records.source import Mapping, Node, Sequence, SourceError, read
from tests.paths import CONTENT, REPO
from tests.test_corpus import assemble, cases

SCHEMAS = REPO / "schemas"

# --- Reading YAML as an editor's tool does (YAML 1.2 core schema) --------------------------

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


def as_yaml12(node: Node) -> Any:
    """The node tree typed by YAML 1.2's core schema, as VS Code's YAML extension reads it."""
    if isinstance(node, Mapping):
        return {key.value: as_yaml12(value) for key, value in node.items}
    if isinstance(node, Sequence):
        return [as_yaml12(item) for item in node.items]
    text = node.value
    if not node.plain:
        return text
    if node.is_null:
        return None
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return text.lower() == "true"
    if _INT.fullmatch(text):
        return int(text, 0) if text.startswith(("0o", "0x")) else int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def as_text(node: Node) -> Any:
    """The node tree as the validator reads it: every value text."""
    if isinstance(node, Mapping):
        return {key.value: as_text(value) for key, value in node.items}
    if isinstance(node, Sequence):
        return [as_text(item) for item in node.items]
    return None if node.is_null else node.value


def validator_for(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


def schema_name(path: Path) -> str | None:
    """The schema a file in a content tree answers to, if it is a record file."""
    if path.suffix != ".yml":
        return None
    if path.parent.name in jsonschemas.FOR_FOLDER:
        return jsonschemas.FOR_FOLDER[path.parent.name]
    return jsonschemas.FOR_FILE.get(path.name) if path.parent.name == "content" else None


def schema_errors(path: Path) -> list[str]:
    """The schema's complaints about a readable record file, in both readings."""
    name = schema_name(path)
    assert name is not None
    tree = read(path)
    validator = validator_for(name)
    found = []
    for reading in (as_text, as_yaml12):
        found += [
            f"{reading.__name__}: {'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator.iter_errors(reading(tree))
        ]
    return found


# --- The files --------------------------------------------------------------------------


def test_committed_generated_files_are_current() -> None:
    assert generate.stale(REPO) == [], "run `.venv/bin/katalog generate` and commit the result"


def test_the_schema_folder_holds_exactly_the_generated_schemas() -> None:
    assert sorted(path.name for path in SCHEMAS.iterdir()) == sorted(jsonschemas.FILES)


@pytest.mark.parametrize("name", sorted(jsonschemas.FILES))
def test_each_schema_is_valid_draft_07(name: str) -> None:
    document = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(document)


def test_every_kind_in_the_schema_module_has_a_json_schema() -> None:
    kinds = {
        value
        for value in vars(schema).values()
        if isinstance(value, type) and issubclass(value, schema.Kind) and value is not schema.Kind
    }
    translated = {cls for cls, _ in jsonschemas._TRANSLATIONS}
    assert kinds <= translated, f"no JSON Schema for {kinds - translated}"


def _all_fields() -> list[tuple[str, schema.Field]]:
    found = []
    pending: list[dict[str, schema.Field]] = [
        schema.PROGRAMME_FIELDS,
        schema.PROJECT_FIELDS,
        schema.THEME_FIELDS,
        schema.ORGANISATION_FIELDS,
    ]
    while pending:
        for name, spec in pending.pop().items():
            found.append((name, spec))
            kind = spec.kind.item if isinstance(spec.kind, schema.ListOf) else spec.kind
            if isinstance(kind, schema.Shape):
                pending.append(kind.fields)
    return found


def test_every_field_is_described_in_both_languages() -> None:
    for name, spec in _all_fields():
        assert spec.help_nb and spec.help_nb != spec.help, f"{name}: no Norwegian help"
        described = jsonschemas.field_schema(name, spec)
        for text in (spec.help_nb, spec.help, spec.example):
            assert text in described["markdownDescription"], name
        assert spec.help_nb in described["description"]


def test_unknown_fields_are_refused_everywhere() -> None:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                assert node["additionalProperties"] is False, node.get("description")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in jsonschemas.FILES:
        walk(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


def test_codes_are_the_validators_codes() -> None:
    codes = jsonschemas.country_codes()
    assert {"NO", "GE", "XK"} <= set(codes)
    assert "UK" not in codes and "EL" not in codes
    assert all(schema.country_name(code) for code in codes)
    currencies = jsonschemas.currency_codes()
    assert {"NOK", "EUR"} <= set(currencies)
    assert not set(schema.NOT_CURRENCIES) & set(currencies)


# --- The committed records --------------------------------------------------------------


def _content_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*.yml") if schema_name(path))


def test_every_record_names_its_schema_on_its_first_line() -> None:
    for path in _content_files(CONTENT):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if path.parent.name in jsonschemas.FOR_FOLDER:
            assert first == jsonschemas.comment_for(path.parent.name), path
        else:
            assert first == jsonschemas.comment_for_vocabulary(path.name), path
        target = jsonschemas.COMMENT.fullmatch(first)
        assert target is not None
        assert (path.parent / target.group(1)).resolve().is_file(), first


def test_every_committed_record_passes_its_schema_and_the_validator() -> None:
    files = _content_files(CONTENT)
    assert len(files) >= 4
    for path in files:
        assert schema_errors(path) == [], path
    assert load_catalogue(CONTENT).problems == []


@pytest.mark.parametrize("case", cases("valid"), ids=lambda case: case.name)
def test_every_valid_corpus_record_passes_its_schema(case: Path, tmp_path: Path) -> None:
    root = assemble(case, tmp_path)
    for path in _content_files(root):
        assert schema_errors(path) == [], path


# --- The corpus of bad records: caught by both where the schema can see it -----------------

BEYOND_A_SCHEMA = [
    # Other records: does the theme, organisation or programme exist; is the slug taken;
    # does the project fit its programme?
    r"unknown (theme|organisation|programme) '",
    r"is already used by ",
    r"is not among the countries of programme",
    r"is not within the period of programme",
    # Two fields compared with each other.
    r"the period ends \(.*\) before it starts",
    # The file's name and place.
    r"the file name is the record's slug",
    r"not part of the catalogue",
    r"records use the \.yml extension",
    r"inside a record folder",
    r"not a record: only",
    # How a Markdown text is structured: the renderer's limits (K194, K195).
    r"square brackets '\['",
    r"levels deep \(quotes, lists",
    r"\(': \.\.\.' line\) in one paragraph",
]
"""Messages about what no schema of one file's values can see."""


def _beyond(problem: Problem) -> bool:
    return any(re.search(pattern, problem.message) for pattern in BEYOND_A_SCHEMA)


@pytest.mark.parametrize("case", cases("invalid"), ids=lambda case: case.name)
def test_bad_records_are_caught_by_the_schema_where_it_can_see_them(
    case: Path, tmp_path: Path
) -> None:
    root = assemble(case, tmp_path)
    base = root.parent
    problems = load_catalogue(root).problems
    overlaid = {
        (base / path.relative_to(case)).resolve()
        for path in case.rglob("*")
        if path.is_file() and path.parent != case
    }
    for path in _content_files(root):
        if path.resolve() not in overlaid:
            continue
        try:
            read(path)
        except SourceError:
            continue  # YAML's strict reading is the validator's alone
        display = path.relative_to(base).as_posix()
        errors = [p for p in problems if p.path == display and p.is_error]
        catchable = [p for p in errors if not _beyond(p)]
        found = schema_errors(path)
        if catchable:
            assert found, f"{display}: the schema misses {[str(p) for p in catchable]}"
        else:
            assert found == [], f"{display}: the schema complains where the validator does not"


def test_the_corpus_exercises_the_schema() -> None:
    """Enough bad records reach the schema that the test above means something."""
    caught = 0
    for case in cases("invalid"):
        for path in case.rglob("*.yml"):
            if schema_name(path) is None:
                continue
            try:
                if schema_errors(path):
                    caught += 1
            except SourceError:
                continue
    assert caught >= 30


# --- Values as an editor's tool types them ---------------------------------------------------


@pytest.mark.parametrize(
    ("record", "valid"),
    [
        ({"start": 2019}, True),
        ({"start": "2019-03"}, True),
        ({"start": 1899}, False),
        ({"start": "2019-13"}, False),
        ({"start": 2019, "end": "2021-06-30"}, True),
        ({"end": 2021}, False),
    ],
)
def test_period_values(record: dict[str, Any], valid: bool) -> None:
    period = jsonschemas.kind_schema(schema.PERIOD)
    assert jsonschema.Draft7Validator(period).is_valid(record) is valid


@pytest.mark.parametrize(
    ("kind", "value", "valid"),
    [
        (schema.Amount(), 150000, True),
        (schema.Amount(), "2500.50", True),
        (schema.Amount(), "0", False),
        (schema.Amount(), "1 000", False),
        (schema.Amount(), -5, False),
        (schema.MonthDayKind(), "02-28", True),
        (schema.MonthDayKind(), "02-29", False),
        (schema.MonthDayKind(), "04-31", False),
        (schema.MonthDayKind(), "12-31", True),
        (schema.Text(5), "12345", True),
        (schema.Text(5), "  12345  ", True),
        (schema.Text(5), "123456", False),
        (schema.Text(5), "   ", False),
        (schema.Text(5), "a\nb", False),
        (schema.Text(5, multiline=True), "a\nb\n", True),
        (schema.Text(5), 1814, True),
        (schema.Text(5), None, False),
        (schema.Slug("themes"), "ks", True),
        (schema.Slug("programmes"), "ks", False),
        (schema.Slug("themes"), "Local_Democracy", False),
        (schema.Url(), "https://example.org/a?b#c", True),
        (schema.Url(), "javascript:alert(1)", False),
        (schema.Url(), "https://exa mple.org", False),
        (schema.Email(), "post@example.org", True),
        (schema.Email(), "mailto:post@example.org", False),
        (schema.Email(), "post.example.org", False),
        (schema.IsoDate(), "2024-03-15", True),
        (schema.IsoDate(), "2024-3-15", False),
        (schema.Country(), "NO", True),
        (schema.Country(), "no", False),
        (schema.Currency(), "XTS", False),
    ],
)
def test_leaf_values_agree_with_the_validator(
    kind: schema.Kind[Any], value: Any, valid: bool
) -> None:
    assert jsonschema.Draft7Validator(jsonschemas.kind_schema(kind)).is_valid(value) is valid
