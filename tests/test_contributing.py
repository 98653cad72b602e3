"""The editors' guide, CONTRIBUTING.md: both languages, a current field reference in each,
and an explanation of every message the validator gives in the corpus of bad records."""

from __future__ import annotations

import re
from pathlib import Path

from katalog.editors import fieldref
from katalog.records.load import load_catalogue
from tests.paths import REPO
from tests.test_corpus import assemble, cases

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
NORWEGIAN, _, ENGLISH = GUIDE.partition("\n## English\n")


def documented(section: str) -> list[str]:
    """The message patterns in a section's tables (the first cell, in backticks)."""
    return re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE)


def pattern(documented_message: str) -> re.Pattern[str]:
    """`…` stands for what varies."""
    parts = [re.escape(part) for part in documented_message.split("…")]
    return re.compile(".+?".join(parts), re.DOTALL)


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


def test_both_languages_explain_the_same_messages() -> None:
    assert documented(NORWEGIAN) == documented(ENGLISH)
    assert len(documented(ENGLISH)) >= 50


def test_every_message_of_the_corpus_is_explained(tmp_path: Path) -> None:
    patterns = [pattern(message) for message in documented(ENGLISH)]
    unexplained = set()
    for number, case in enumerate(cases("invalid")):
        root = assemble(case, tmp_path / str(number))
        for problem in load_catalogue(root).problems:
            if not any(p.fullmatch(problem.message) for p in patterns):
                unexplained.add(problem.message)
    assert not unexplained, "explain these in CONTRIBUTING.md: " + "; ".join(sorted(unexplained))
