"""`katalog validate` in GitHub Actions: annotations on the diff's lines, the full list in the
job summary, and no way for contributed text to inject a workflow command or Markdown."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from katalog.cli import main
from katalog.editors import github
from katalog.records import schema
from katalog.records.codes import ONE_LANGUAGE_ONLY, UNKNOWN_THEME
from katalog.records.problems import Problem, Severity
from tests.test_corpus import BASE

# A quoted key holding `%`, `:`, `,` and a would-be command (a line break in a key is refused
# as it is read, K015); a country code with the same and a line break. The file's own name
# carries `%`, `,` and `:` too.
HOSTILE = (
    "title: {nb: Tittel, en: Title}\n"
    "summary: {nb: Kort, en: Short}\n"
    'countries: ["N%O:,\\n::warning::injected"]\n'
    "themes: [local-democracy]\n"
    '"100% sure: yes, really ::error file=x::injected": true\n'
    "sources: [{title: {nb: Kilde, en: Source}, publisher: ks, as_of: 2026}]\n"
)
HOSTILE_NAME = "bad%25,na:me.yml"

COMMAND = re.compile(r"::(error|warning) ([^:]*)::(.*)")


def unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as GitHub's runner reads it."""
    match = COMMAND.fullmatch(line)
    assert match, line
    severity, properties, data = match.groups()
    values = {}
    for pair in properties.split(","):
        key, _, value = pair.partition("=")
        values[key] = unescape(value)
    return severity, values, unescape(data)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The test content, whose records are current, and a hostile file."""
    target = tmp_path / "content"
    shutil.copytree(BASE / "content", target)
    (target / "projects" / HOSTILE_NAME).write_text(HOSTILE, encoding="utf-8")
    return target


def test_escaping_follows_githubs_rules() -> None:
    assert github.escape_data("100% a:b,c\r\nd") == "100%25 a:b,c%0D%0Ad"
    assert github.escape_property("100% a:b,c\r\nd") == "100%25 a%3Ab%2Cc%0D%0Ad"
    assert github.escape_data("%0A") == "%250A", "an escape sequence in the text stays text"


def test_the_annotation_title_is_the_code_escaped_as_a_property() -> None:
    problem = Problem("a,b:c.yml", 4, 10, Severity.ERROR, "themes[1]", "unknown", UNKNOWN_THEME)
    assert github.annotation(problem) == (
        "::error file=a%2Cb%3Ac.yml,line=4,col=10,title=K201 unknown-theme::themes[1]: unknown"
    )


def test_one_annotation_line_per_problem_on_its_line(
    content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    assert main(["validate", "--content", str(content), "--format", "github"]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) == 3
    assert all(COMMAND.fullmatch(line) for line in lines)
    parsed = [parse(line) for line in lines]
    path = f"content/projects/{HOSTILE_NAME}"
    assert {values["file"] for _, values, _ in parsed} == {path}
    by_line = {int(values["line"]): (severity, values, data) for severity, values, data in parsed}
    assert set(by_line) == {1, 3, 5}
    assert by_line[1][1]["title"] == "K056 invalid-file-name"
    assert by_line[1][2] == (
        "file name: 'bad%25,na:me.yml': the file name is the record's slug; use lowercase a-z, "
        "0-9 and single hyphens, 3 to 80 characters"
    )
    severity, values, data = by_line[3]
    assert (severity, values["col"], values["title"]) == ("error", "13", "K133 unknown-country")
    assert data.startswith("countries[1]: unknown ISO 3166-1 alpha-2 country code 'N%O:,")
    severity, values, data = by_line[5]
    key = "100% sure: yes, really ::error file=x::injected"
    assert values["title"] == "K100 unknown-field"
    assert data == f"{key}: unknown field; allowed: " + ", ".join(schema.PROJECT_FIELDS)
    # Nothing contributed starts a line, so the runner sees no other command.
    assert out.count("\n") == 3
    assert "\r" not in out


def test_annotations_are_chosen_in_github_actions_only(
    content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    main(["validate", "--content", str(content)])
    assert capsys.readouterr().out.startswith("::error file=")
    main(["validate", "--content", str(content), "--format", "text"])
    assert capsys.readouterr().out.startswith(f"content/projects/{HOSTILE_NAME}:1:1: error[K056]: ")
    monkeypatch.delenv("GITHUB_ACTIONS")
    main(["validate", "--content", str(content)])
    assert capsys.readouterr().out.startswith(f"content/projects/{HOSTILE_NAME}:1:1: error[K056]: ")


def _rows(summary: str) -> list[list[str]]:
    """The table's rows, split on the pipes that are not escaped."""
    rows = []
    for line in summary.splitlines():
        if line.startswith("| ") and not line.startswith(("| File", "| ---")):
            cells = re.split(r"(?<!\\)\|", line)
            rows.append([cell.strip() for cell in cells[1:-1]])
    return rows


def test_the_job_summary_lists_every_problem_escaped(
    content: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    for number in range(12):  # more errors than GitHub annotates
        text = HOSTILE.replace("N%O", f"Z{number}|<b>x</b>").replace('"100%', f'"{number}|[a](b)')
        (content / "projects" / f"bad-{number:02}.yml").write_text(text, encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    assert main(["validate", "--content", str(content)]) == 1
    annotations = capsys.readouterr().out.splitlines()
    written = summary.read_text(encoding="utf-8")

    assert written.startswith("earlier step\n## Catalogue validation\n"), "appended"
    rows = _rows(written)
    assert len(rows) == len(annotations) == 3 + 12 * 2
    assert all(len(row) == 7 for row in rows), "a contributed pipe split a row"
    assert [row[4] for row in rows[:3]] == ["K056", "K133", "K100"], "the code column"
    assert "GitHub shows only the first 10 errors" in written
    assert "<b>" not in written and "](b)" not in written
    assert "\\<b\\>" in written and "\\[a\\]\\(b\\)" in written


def test_markdown_escaping_keeps_the_text() -> None:
    text = "a|b <i>c</i> [d](e) *f* `g`\nh"
    escaped = github.escape_markdown(text)
    assert "\n" not in escaped
    assert re.sub(r"\\(.)", r"\1", escaped) == text.replace("\n", " ")


def test_summary_of_a_clean_catalogue() -> None:
    assert github.summary_table([]) == "## Catalogue validation\n\nno problems.\n"
    problem = Problem("content/x.yml", 2, 3, Severity.WARNING, "", "plain", ONE_LANGUAGE_ONLY)
    table = github.summary_table([problem])
    assert "| File | Line | Column | Severity | Code | Field | Message |" in table
    assert "| content\\/x\\.yml | 2 | 3 | warning | K111 |  | plain |" in table
