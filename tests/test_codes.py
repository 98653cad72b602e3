"""Stable problem codes: every problem has a registered code, and every code is produced.

The corpus of bad records (tests/fixtures/invalid) produces most codes; the few that need
a situation a folder of files cannot set up (no content folder at all, a file that cannot
be opened, a country CLDR has no name for) are made here. Together they must produce every
registered code, so a code cannot be registered without a case that shows it, nor
produced without being registered.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from katalog.records import codes
from katalog.records.codes import REGISTRY, Code, Severity
from katalog.records.load import load_catalogue
from katalog.records.pagetexts import read_page_texts
from katalog.records.problems import Problem
from katalog.records.review import Review
from tests.test_corpus import BASE, assemble, cases
from tests.test_countries import without_cldr_name

BUILD_DATE = date(2026, 11, 25)
"""The test build date (`tests.support.BUILD_DATE_EPOCH`), as the corpus is validated."""
NUMBER = re.compile(r"K[0-9]{3}")
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def corpus_problems(tmp_path: Path) -> list[Problem]:
    problems = []
    for number, case in enumerate(cases("invalid")):
        root = assemble(case, tmp_path / str(number))
        problems.extend(
            load_catalogue(root, today=BUILD_DATE, review_on=Review(BUILD_DATE)).problems
        )
    return problems


def situation_problems(tmp_path: Path) -> list[Problem]:
    """Problems of situations that the corpus's overlays cannot make."""
    problems = list(load_catalogue(tmp_path / "no-content-here").problems)

    without_themes = tmp_path / "without-themes"
    shutil.copytree(BASE, without_themes)
    (without_themes / "content" / "themes.yml").unlink()
    problems += load_catalogue(without_themes / "content").problems

    unreadable = tmp_path / "unreadable"
    shutil.copytree(BASE, unreadable)
    (unreadable / "content" / "projects" / "a-folder.yml").mkdir()
    problems += load_catalogue(unreadable / "content").problems

    pages = tmp_path / "pages"  # the site's own pages are read beside the records
    shutil.copytree(BASE, pages)
    (pages / "content" / "pages").mkdir()
    (pages / "content" / "pages" / "about.nb.md").write_text("Om katalogen\n", encoding="utf-8")
    (pages / "content" / "pages" / "notes.txt").write_text("", encoding="utf-8")
    problems += read_page_texts(pages / "content", ("nb", "en"))[1]

    unnamed = tmp_path / "unnamed"
    shutil.copytree(BASE, unnamed)
    with without_cldr_name("PL", "nb"):
        problems += load_catalogue(unnamed / "content").problems
    return problems


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> list[Problem]:
    tmp_path = tmp_path_factory.mktemp("codes")
    return corpus_problems(tmp_path / "corpus") + situation_problems(tmp_path / "situations")


def test_codes_are_well_formed_and_explained_in_both_languages() -> None:
    assert len(REGISTRY) >= 50
    for number, code in REGISTRY.items():
        assert code.number == number and NUMBER.fullmatch(number), number
        assert NAME.fullmatch(code.name), code.name
        for text in (code.meaning_en, code.fix_en, code.meaning_nb, code.fix_nb):
            assert text.strip() and text.endswith("."), f"{number}: {text!r}"
        assert code.meaning_en != code.meaning_nb, f"{number} is not translated"
    assert len({code.name for code in REGISTRY.values()}) == len(REGISTRY)


def test_each_code_belongs_to_its_stages_group() -> None:
    assert sum(len(held) for _, held in codes.grouped()) == len(REGISTRY)
    assert codes.DUPLICATE_KEY.number.startswith("K0")
    assert codes.UNKNOWN_FIELD.number.startswith("K1")
    assert codes.UNKNOWN_THEME.number.startswith("K2")


def test_every_problem_carries_a_registered_code_of_its_severity(
    produced: list[Problem],
) -> None:
    assert produced
    for problem in produced:
        assert isinstance(problem.code, Code), problem
        assert REGISTRY[problem.code.number] is problem.code, problem
        assert problem.severity is problem.code.severity, problem


def test_every_registered_code_is_produced(produced: list[Problem]) -> None:
    seen = {problem.code.number for problem in produced}
    missing = sorted(set(REGISTRY) - seen)
    assert not missing, "add a case to tests/fixtures/invalid for: " + ", ".join(missing)


def test_the_code_stands_in_brackets_after_the_severity(produced: list[Problem]) -> None:
    for problem in produced:
        where = f"{problem.path}:{problem.line}:{problem.col}"
        assert str(problem).startswith(f"{where}: {problem.severity}[{problem.code}]: ")


def test_warnings_and_errors_keep_their_words() -> None:
    assert {code.severity for code in REGISTRY.values()} == {Severity.ERROR, Severity.WARNING}
    assert codes.ONE_LANGUAGE_ONLY.severity is Severity.WARNING
    assert codes.MISSING_TRANSLATION.severity is Severity.ERROR
