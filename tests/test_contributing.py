"""The editors' guide, CONTRIBUTING.md: both languages, a current field reference in each,
and an explanation of every problem code, generated from the codes' registry."""

from __future__ import annotations

import re
from pathlib import Path

from katalog.editors import codesref, fieldref
from katalog.records.codes import REGISTRY
from katalog.records.load import load_catalogue
from tests.paths import REPO
from tests.test_corpus import assemble, cases

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
NORWEGIAN, _, ENGLISH = GUIDE.partition("\n## English\n")


def documented(section: str) -> list[str]:
    """The codes a section's tables explain (the first cell, in backticks), in order."""
    return re.findall(r"^\| `(K[0-9]{3})` \|", section, flags=re.MULTILINE)


def test_the_guide_is_in_norwegian_and_english() -> None:
    assert "## Norsk (bokmål)" in NORWEGIAN and ENGLISH
    for heading in ("Legg til et prosjekt i nettleseren", "Oversettelser", "Forhåndsvisning"):
        assert f"### {heading}" in NORWEGIAN
    for heading in ("Adding a project in the browser", "Translations", "Previewing"):
        assert f"### {heading}" in ENGLISH


def test_each_language_embeds_a_current_field_reference() -> None:
    assert fieldref.embed(GUIDE) == GUIDE, "run `.venv/bin/katalog generate`"
    assert fieldref.render("nb") in NORWEGIAN
    assert fieldref.render("en") in ENGLISH


def test_each_language_embeds_current_code_tables() -> None:
    assert codesref.embed(GUIDE) == GUIDE, "run `.venv/bin/katalog generate`"
    assert codesref.render("nb") in NORWEGIAN
    assert codesref.render("en") in ENGLISH


def test_every_code_is_explained_once_in_each_language_and_no_other() -> None:
    for section in (NORWEGIAN, ENGLISH):
        explained = documented(section)
        assert len(explained) == len(set(explained)), "a code is explained twice"
        assert set(explained) == set(REGISTRY), "stale or missing codes"
    for code in REGISTRY.values():
        assert f"| `{code.number}` | `{code.name}` | " in NORWEGIAN
        assert code.meaning_nb in NORWEGIAN and code.fix_nb in NORWEGIAN
        assert code.meaning_en in ENGLISH and code.fix_en in ENGLISH


def test_every_code_of_the_corpus_is_explained(tmp_path: Path) -> None:
    explained = set(documented(ENGLISH)) & set(documented(NORWEGIAN))
    unexplained = set()
    for number, case in enumerate(cases("invalid")):
        root = assemble(case, tmp_path / str(number))
        for problem in load_catalogue(root).problems:
            if problem.code.number not in explained:
                unexplained.add(f"{problem.code} ({problem.message})")
    assert not unexplained, "explain these in CONTRIBUTING.md: " + "; ".join(sorted(unexplained))
