"""Every interface text exists in both languages, with the same placeholders."""

from __future__ import annotations

import string

from katalog.site.texts import TEXTS


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_have_the_same_keys() -> None:
    assert set(TEXTS["nb"]) == set(TEXTS["en"])


def test_placeholders_match_and_no_text_is_empty() -> None:
    for key, nb in TEXTS["nb"].items():
        en = TEXTS["en"][key]
        assert nb.strip() and en.strip(), key
        assert placeholders(nb) == placeholders(en), key
