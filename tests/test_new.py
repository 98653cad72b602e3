"""`katalog new project|programme <slug>`: a commented template that validates once filled in."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from katalog.cli import main
from katalog.editors import jsonschemas, template
from katalog.records import codes, schema
from katalog.records.load import load_catalogue
from tests.paths import CONTENT
from tests.test_schemas import schema_errors

FILLED = {
    "title": ("Rent vann i georgiske kommuner", "Clean water in Georgian municipalities"),
    "summary": ("To kommuner deler erfaringer.", "Two municipalities share experience."),
}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def fill_in(text: str) -> str:
    """Replace every FYLL INN / FILL IN placeholder with a real value, as an editor would."""
    lines = []
    current = ""
    for line in text.splitlines():
        field = re.match(r"([a-z_]+):", line)
        if field:
            current = field.group(1)
        if template.MARK in line:
            language = re.match(r"  (nb|en):", line)
            if language:
                nb, en = FILLED[current]
                line = f"  {language.group(1)}: {nb if language.group(1) == 'nb' else en}"
            elif line.startswith("countries:"):
                line = "countries: [PL]"
            elif line.startswith("themes:"):
                line = "themes: [local-democracy]"
            else:
                raise AssertionError(f"no value for the placeholder {line!r}")
        lines.append(line)
    return "\n".join(lines) + "\n"


def uncomment_examples(text: str) -> str:
    """Switch on every optional field's example: delete the `# ` in front of its lines."""
    out = []
    state = "outside"  # "optional": in an optional field's notes; "example": in its example
    for line in text.splitlines():
        if line.startswith("# --- "):
            state = "optional" if "valgfritt / optional" in line else "outside"
        elif state == "optional" and re.match(r"# [a-z_]+:", line):
            state = "example"
        elif state == "example" and not (line.startswith("# ") or line == "#"):
            state = "outside"
        out.append(line[2:] if state == "example" else line)
    return "\n".join(out) + "\n"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("record_type", ["project", "programme"])
def test_the_template_explains_every_field(record_type: template.RecordType) -> None:
    text = template.render(record_type, "some-slug")
    assert text.splitlines()[0] == jsonschemas.comment_for(template.FOLDERS[record_type])
    flat = " ".join(line.lstrip("# ").strip() for line in text.splitlines())
    for name, spec in template.FIELDS[record_type].items():
        assert f"# --- {name} (" in text
        assert spec.help_nb in flat and spec.help in flat, name
    required = [name for name, spec in template.FIELDS[record_type].items() if spec.required]
    assert text.count(template.MARK) >= len(required)


def test_a_fresh_project_fails_with_one_clear_message_per_placeholder(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["new", "project", "georgia-water", "--content", str(content)], capsys)
    assert code == 0
    path = content / "projects" / "georgia-water.yml"
    assert path.is_file()
    assert "FYLL INN / FILL IN" in err

    code, out, _ = run(["validate", "--content", str(content), str(path)], capsys)
    assert code == 1
    assert schema_errors(path), "an editor's tool underlines the empty values too"
    lines = path.read_text(encoding="utf-8").splitlines()
    problems = out.splitlines()
    assert all(line.startswith("content/projects/georgia-water.yml:") for line in problems)
    warnings = [line for line in problems if ": warning[" in line]
    assert [line.split(": ", 2)[1] for line in warnings] == ["warning[K191]"], "no sources yet"
    errors = [line for line in problems if ": error[K" in line]
    assert len(errors) + len(warnings) == len(problems)
    messages = [line.split("]: ", 1)[1] for line in errors]
    assert messages == [
        "title.nb: must be text, not empty",
        "title.en: must be text, not empty",
        "summary.nb: must be text, not empty",
        "summary.en: must be text, not empty",
        "countries: needs at least 1 country code",
        "themes: needs at least 1 theme",
    ]
    # Each message points at a line that says what to put there.
    for line in errors:
        number = int(line.split(":")[1])
        assert template.MARK in lines[number - 1], lines[number - 1]


@pytest.mark.parametrize("record_type", ["project", "programme"])
def test_a_filled_in_record_is_valid_with_and_without_every_optional_field(
    record_type: template.RecordType, content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["new", record_type, "new-record", "--content", str(content)], capsys)[0] == 0
    path = content / template.FOLDERS[record_type] / "new-record.yml"
    fresh = path.read_text(encoding="utf-8")

    path.write_text(fill_in(fresh), encoding="utf-8")
    problems = load_catalogue(content).problems
    assert [(p.code, p.path) for p in problems] == [
        (codes.NO_SOURCES, f"content/{path.parent.name}/new-record.yml")
    ]
    assert schema_errors(path) == []

    everything = uncomment_examples(fill_in(fresh))
    path.write_text(everything, encoding="utf-8")
    assert load_catalogue(content).problems == []
    assert schema_errors(path) == []
    written = {
        line.split(":")[0] for line in everything.splitlines() if re.match(r"[a-z_]+:", line)
    }
    assert written == set(template.FIELDS[record_type]), "every field's example was switched on"


def test_every_optional_field_has_an_example() -> None:
    for fields in template.FIELDS.values():
        for name, spec in fields.items():
            assert spec.required or name in template.EXAMPLES, name


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "project", "georgia-municipalities-new-tasks"], "already exists"),
        (["new", "programme", "georgia-municipalities-new-tasks"], "already exists"),
        (["new", "project", "eea-grants-2014-2021"], "unique across programmes and projects"),
        (["new", "project", "Bad_Slug"], "is not a valid slug"),
        (["new", "project", "ab"], "is not a valid slug"),
        (["new", "project", "double--hyphen"], "is not a valid slug"),
        (["new", "project", "georgia-water.yml"], "without the file extension"),
    ],
)
def test_taken_or_invalid_slugs_are_refused(
    args: list[str], message: str, content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(path.name for path in content.rglob("*"))
    code, _, err = run([*args, "--content", str(content)], capsys)
    assert code == 2
    assert message in err
    assert err.startswith("katalog: error: ")
    assert sorted(path.name for path in content.rglob("*")) == before


def test_an_unknown_record_type_is_a_usage_error(content: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["new", "theme", "water", "--content", str(content)])
    assert exit_info.value.code == 2


def test_the_schema_slug_rule_is_the_one_new_applies() -> None:
    assert schema.is_slug("georgia-water") and not schema.is_slug("Georgia-Water")


def test_a_dangling_symlink_at_the_target_is_refused_not_followed(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link left in content/ (say, by a pull request) must not make `new` write through it,
    for instance into .git/hooks/ where git would run the file."""
    hooks = content.parent / ".git" / "hooks"
    hooks.mkdir(parents=True)
    (content / "projects" / "georgia-water.yml").symlink_to(hooks / "pre-commit")

    assert main(["new", "project", "georgia-water", "--content", str(content)]) == 2

    assert "is a symbolic link" in capsys.readouterr().err
    assert list(hooks.iterdir()) == []


def test_a_folder_that_leads_outside_the_content_is_refused(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = content.parent / "elsewhere"
    outside.mkdir()
    shutil.rmtree(content / "programmes")
    (content / "programmes").symlink_to(outside, target_is_directory=True)

    assert main(["new", "programme", "my-programme", "--content", str(content)]) == 2

    assert "leads outside the content folder" in capsys.readouterr().err
    assert list(outside.iterdir()) == []
