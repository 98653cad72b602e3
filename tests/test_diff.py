"""`katalog diff <base-ref>`: records added, changed and removed, and what is new, against git."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from katalog.cli import main
from katalog.editors import diff
from tests.test_corpus import BASE


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


NEW_PROJECT = """\
title: {nb: Vann i Moldova, en: "Water | *Moldova*"}
summary: {nb: Kort., en: Short.}
countries: [MD, RO]
themes: [water]
partners:
  - organisation: moldova-water-association
    role: partner
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose first commit holds the corpus's small base catalogue."""
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    extra = repo / "content" / "projects" / "to-be-removed.yml"
    shutil.copy2(repo / "content" / "projects" / "base-project.yml", extra)
    shutil.copy2(extra, repo / "content" / "projects" / "to-be-reformatted.yml")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "base")
    return repo


def change_things(content: Path) -> None:
    projects = content / "projects"
    (projects / "moldova-water.yml").write_text(NEW_PROJECT, encoding="utf-8")
    base = projects / "base-project.yml"
    base.write_text(
        base.read_text(encoding="utf-8").replace("countries: [PL]", "countries: [PL, GE]"),
        encoding="utf-8",
    )
    (projects / "to-be-removed.yml").unlink()
    reformatted = projects / "to-be-reformatted.yml"
    text = reformatted.read_text(encoding="utf-8")
    reformatted.write_text(
        "# yaml-language-server: $schema=../../schemas/project.schema.json\n"
        + text.replace("countries: [PL]", "countries:\n  - 'PL'"),
        encoding="utf-8",
    )
    with (content / "themes.yml").open("a", encoding="utf-8") as themes:
        themes.write("water:\n  label: {nb: Vann, en: Water}\n")
    with (content / "organisations.yml").open("a", encoding="utf-8") as organisations:
        organisations.write("moldova-water-association:\n  name: Moldova Water Association\n")


def test_added_changed_and_removed_records_and_what_is_new(repo: Path) -> None:
    content = repo / "content"
    change_things(content)

    report = diff.diff("main", content)

    assert [(c.kind, c.slug) for c in report.added] == [
        ("projects", "moldova-water"),
        ("themes", "water"),
        ("organisations", "moldova-water-association"),
    ]
    assert [(c.kind, c.slug, c.fields) for c in report.changed] == [
        ("projects", "base-project", ["countries"])
    ], "a change of comments, quoting or layout alone is no change"
    assert [(c.kind, c.slug) for c in report.removed] == [("projects", "to-be-removed")]
    assert report.new_countries == ["GE", "MD"]

    markdown = diff.render(report)
    assert "| Projects | 1 | 1 | 1 |" in markdown
    assert "| Themes | 1 | 0 | 0 |" in markdown
    assert "- Project `moldova-water`: Water \\| \\*Moldova\\*" in markdown
    assert "- Project `base-project`: " in markdown and "(`countries`)" in markdown
    assert "- Project `to-be-removed`: " in markdown
    assert "- Countries: GE (Georgia), MD (Moldova)" in markdown
    assert "- Themes: `water`" in markdown
    assert "- Organisations: `moldova-water-association`" in markdown


def test_the_command_prints_markdown_and_fills_the_job_summary(
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    content = repo / "content"
    change_things(content)
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "changes")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(repo)

    assert main(["diff", "HEAD^1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Catalogue changes since `HEAD^1` (`")
    assert "### Added" in out and "### Changed" in out and "### Removed" in out
    assert summary.read_text(encoding="utf-8") == out + "\n"

    assert main(["diff", "HEAD"]) == 0
    assert "No records added, changed or removed." in capsys.readouterr().out


def test_records_that_fail_validation_are_still_compared(repo: Path) -> None:
    content = repo / "content"
    (content / "projects" / "broken.yml").write_text("title: [unclosed\n", encoding="utf-8")
    (content / "projects" / "base-project.yml").write_text("title: {nb: x}\n", encoding="utf-8")
    report = diff.diff("main", content)
    assert [c.slug for c in report.added] == ["broken"]
    assert [(c.slug, c.fields[:2]) for c in report.changed] == [
        ("base-project", ["title", "summary"])
    ]


def test_a_ref_that_is_not_a_commit_is_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", "no-such-branch", "--content", str(repo / "content")]) == 2
    assert "'no-such-branch' is not a commit in this repository" in capsys.readouterr().err


def test_outside_a_repository_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(BASE / "content", tmp_path / "content")
    assert main(["diff", "main", "--content", str(tmp_path / "content")]) == 2
    assert capsys.readouterr().err.startswith("katalog: error: ")
