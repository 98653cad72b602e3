"""A real `mkdocs build`: it validates first, and a failed build never touches site/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from katalog.records.load import load_catalogue
from katalog.records.review import Review
from tests.support import build, snapshot


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))


def test_strict_build_of_the_real_content_succeeds(project: Path) -> None:
    done = build(project)
    assert done.returncode == 0, done.stderr
    assert (project / "site" / "index.html").is_file()
    assert leftovers(project) == []
    # Every record is due for review, and says so, without failing the strict build.
    assert done.stderr.count(": warning[K301]: ") + done.stderr.count(": warning[K302]: ") == 11


def test_invalid_content_fails_the_build_with_the_validator_messages(project: Path) -> None:
    assert build(project).returncode == 0
    before = snapshot(project / "site")
    record = project / "content" / "projects" / "georgia-municipalities-new-tasks.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("countries: [GE]", "countries: [GEO]")
        + "sumary: oops\n",
        encoding="utf-8",
    )
    review = Review(date(2026, 11, 25))  # the tests' build date
    problems = load_catalogue(project / "content", review_on=review).problems
    expected = [str(problem) for problem in problems]
    assert len([problem for problem in problems if problem.is_error]) == 2

    done = build(project)

    assert done.returncode != 0
    logged = [line.split("-  ", 1)[1] for line in done.stderr.splitlines() if "-  content/" in line]
    assert logged == expected
    assert (
        "The catalogue has 2 errors and 10 warnings in 11 files; nothing was built." in done.stdout
    )
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_failure_after_pages_are_written_leaves_the_old_site(project: Path) -> None:
    """--strict aborts only after every page is written: staging keeps that from site/."""
    assert build(project).returncode == 0
    before = snapshot(project / "site")
    (project / "docs" / "broken.md").write_text("[gone](nowhere.md)\n", encoding="utf-8")

    done = build(project)

    assert done.returncode != 0
    assert "Aborted with 1 warnings in strict mode!" in done.stdout
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_first_build_that_fails_creates_no_site(project: Path) -> None:
    (project / "content" / "themes.yml").write_text("- not a mapping\n", encoding="utf-8")
    done = build(project)
    assert done.returncode != 0
    assert (
        "content/themes.yml:1:1: error[K009]: the top level must be a mapping of fields, not a list"
        in done.stderr
    )
    assert not (project / "site").exists()
    assert leftovers(project) == []


def test_a_successful_build_replaces_the_site_whole(project: Path) -> None:
    assert build(project).returncode == 0
    stale = project / "site" / "stale.html"
    stale.write_text("from an older build", encoding="utf-8")
    assert build(project).returncode == 0
    assert not stale.exists()
    assert (project / "site" / "index.html").is_file()
