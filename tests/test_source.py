"""The strict loader keeps every scalar as written, with 1-based positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from katalog.records import codes
from katalog.records.source import (
    MAX_BYTES,
    Mapping,
    Position,
    Scalar,
    Sequence,
    SourceError,
    parse_text,
    read,
)


def test_scalars_stay_text_whatever_they_look_like() -> None:
    tree = parse_text(
        "countries: [NO, no, yes, off, y, n]\n"
        "date: 2019-05-01\n"
        "time: 1:30\n"
        "octal: 0150\n"
        "float: 1e3\n"
        "null_word: null\n"
    )
    countries = tree.get("countries")
    assert isinstance(countries, Sequence)
    assert [item.value for item in countries.items if isinstance(item, Scalar)] == [
        "NO",
        "no",
        "yes",
        "off",
        "y",
        "n",
    ]
    texts = {key.value: node.value for key, node in tree.items if isinstance(node, Scalar)}
    assert texts == {
        "date": "2019-05-01",
        "time": "1:30",
        "octal": "0150",
        "float": "1e3",
        "null_word": "null",
    }
    null_word = tree.get("null_word")
    assert isinstance(null_word, Scalar) and null_word.is_null


def test_positions_are_one_based_and_point_at_the_value() -> None:
    tree = parse_text("title:\n  nb: Tittel\n  en: 'Title'\n")
    title = tree.get("title")
    assert isinstance(title, Mapping)
    assert title.at.line == 2 and title.at.col == 3
    nb, en = title.get("nb"), title.get("en")
    assert isinstance(nb, Scalar) and (nb.at.line, nb.at.col, nb.plain) == (2, 7, True)
    assert isinstance(en, Scalar) and (en.at.line, en.at.col, en.plain) == (3, 7, False)


def test_quoted_empty_text_is_not_null() -> None:
    value = parse_text('a: ""\n').get("a")
    assert isinstance(value, Scalar) and value.value == "" and not value.is_null


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yml"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES * 400)  # sparse: 100 MB on paper, nothing on disk
    with pytest.raises(SourceError) as caught:
        read(path)
    assert caught.value.message == (
        f"the file is {MAX_BYTES * 400:,} bytes, over the {MAX_BYTES:,}-byte limit for a record"
    )
    assert caught.value.code is codes.FILE_TOO_LARGE


def test_a_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read(tmp_path / "missing.yml")
    assert caught.value.message == "cannot read the file: No such file or directory"
    assert caught.value.at is None
    assert caught.value.code is codes.UNREADABLE_FILE


def test_deep_nesting_is_refused_before_the_stack_runs_out() -> None:
    with pytest.raises(SourceError) as caught:
        parse_text("a: " + "[" * 30 + "]" * 30 + "\n")
    assert caught.value.message == "nested more than 20 levels deep"
    assert caught.value.code is codes.NESTED_TOO_DEEP
    with pytest.raises(SourceError):  # libyaml stops this first, or we do: never RecursionError
        parse_text("a: " + "[" * 50_000 + "]" * 50_000 + "\n")


def test_one_document_per_file() -> None:
    with pytest.raises(SourceError) as caught:
        parse_text("a: 1\n---\nb: 2\n")
    assert (caught.value.message, caught.value.at) == (
        "a record file holds one YAML document, not several",
        Position(2, 1),
    )
    assert caught.value.code is codes.SEVERAL_DOCUMENTS


def test_the_pure_python_parser_gives_the_same_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML without libyaml must read records identically (positions included)."""
    import yaml

    from katalog.records import source
    from tests.paths import CONTENT

    for path in sorted(CONTENT.rglob("*.yml")):
        fast = source.read(path)
        monkeypatch.setattr(source, "_LOADER", yaml.SafeLoader)
        slow = source.read(path)
        monkeypatch.undo()
        assert fast == slow, path


@pytest.mark.parametrize(
    "before",
    ["a: &x 1\n", "a: *x\n", "a: [1\n", "a: !!int 1\n", "a:\n\tb: 1\n", "- a\n", ""],
)
def test_a_control_character_is_reported_wherever_it_is(before: str) -> None:
    """Even after an anchor, an alias, a tag or a syntax error, and beyond what the YAML
    reader reads at once (a file over 16 KB), a control character is what is reported."""
    filler = "".join(f"k{number}: text number {number}\n" for number in range(1500))
    with pytest.raises(SourceError) as caught:
        parse_text(before + filler + "z: \x01\n")
    assert caught.value.code is codes.CONTROL_CHARACTER
    assert caught.value.at == Position(before.count("\n") + 1501, 4)
