"""A corpus of bad (and tricky but good) records, each checked against `katalog validate`.

Layout, under tests/fixtures/:

    base/content/           a small, valid content tree every case starts from
    invalid/<case>/         files that overlay the base tree (e.g. content/projects/x.yml;
                            a file may also replace a base file such as content/themes.yml),
                            expected.txt: every line `katalog validate` must print, in order,
                            exit_code (optional): the expected exit status, 1 when left out
    valid/<case>/           overlays that must validate with no output at all, or with only
                            the warnings an expected.txt lists (exit status 0)

Cases are validated at the test build date (2026-11-25, `tests.support.BUILD_DATE_EPOCH`),
which decides whether a partner call is still open.

A case may also hold generate.py, defining `generate(root: Path)`, to write files that are
impractical to keep in the repository (a file over the size limit); `root` is the folder
holding the assembled content/ tree.

Adding a case is adding a folder: every folder is discovered and run.
"""

from __future__ import annotations

import runpy
import shutil
import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from katalog import cli
from katalog.records import schema
from katalog.records.load import load_catalogue
from katalog.records.source import read
from tests.support import BUILD_DATE_EPOCH

FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "base"
CASE_FILES = {"expected.txt", "exit_code", "generate.py"}
"""Files in a case folder that describe the case rather than overlay the tree."""


def cases(kind: str) -> list[Path]:
    return sorted(path for path in (FIXTURES / kind).iterdir() if path.is_dir())


def assemble(case: Path | None, tmp_path: Path) -> Path:
    """Copy the base tree, then the case's overlay, into tmp_path; return the content root."""
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    if case is not None:
        shutil.copytree(
            case,
            tmp_path,
            dirs_exist_ok=True,
            ignore=lambda folder, names: [
                name for name in names if Path(folder) == case and name in CASE_FILES
            ],
        )
        if (case / "generate.py").is_file():
            runpy.run_path(str(case / "generate.py"))["generate"](tmp_path)
    return tmp_path / "content"


def validate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[str], int]:
    """Run `katalog validate --content root` in-process at the test build date (the checks
    of partner calls depend on it): (lines printed, exit code)."""
    capsys.readouterr()  # drop anything printed before
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)
        code = cli.main(["validate", "--content", str(root)])
    return capsys.readouterr().out.splitlines(), code


def test_base_tree_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines, code = validate(assemble(None, tmp_path), capsys)
    assert lines == []
    assert code == 0


@pytest.mark.parametrize("case", cases("invalid"), ids=lambda case: case.name)
def test_invalid_case(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    exit_file = case / "exit_code"
    expected_code = int(exit_file.read_text().strip()) if exit_file.is_file() else 1
    assert expected, f"{case.name}: expected.txt lists no problems; put the case in valid/"

    lines, code = validate(assemble(case, tmp_path), capsys)

    assert lines == expected
    assert code == expected_code


@pytest.mark.parametrize("case", cases("valid"), ids=lambda case: case.name)
def test_valid_case(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A valid case prints nothing, or only the warnings its expected.txt lists."""
    expected_file = case / "expected.txt"
    expected = (
        expected_file.read_text(encoding="utf-8").splitlines() if expected_file.is_file() else []
    )
    assert all(": warning[" in line for line in expected), f"{case.name}: only warnings here"
    lines, code = validate(assemble(case, tmp_path), capsys)
    assert lines == expected
    assert code == 0


# --- Guards on fixtures that tooling could silently "fix" --------------------------------


def test_fixture_bytes_are_intact() -> None:
    """An editor or hook that re-encodes files would turn these cases into other cases."""
    latin1 = FIXTURES / "invalid/not-utf8/content/projects/latin1-project.yml"
    assert "Troms\xf8".encode("latin-1") in latin1.read_bytes()
    bom = FIXTURES / "valid/byte-order-mark/content/projects/bom-project.yml"
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")
    tabs = FIXTURES / "invalid/tab-indentation/content/projects/tab-project.yml"
    assert b"\n\tnb:" in tabs.read_bytes()
    tab_in_text = FIXTURES / "invalid/tab-inside-text/content/projects/tab-in-text.yml"
    assert b"Oversikt\tover:" in tab_in_text.read_bytes()


def test_every_optional_field_case_uses_every_field() -> None:
    """Keeps the case honest when a field is added to the schema."""
    folder = FIXTURES / "valid/every-optional-field/content"
    project = read(folder / "projects/full-project.yml")
    programme = read(folder / "programmes/full-programme.yml")
    assert {key.value for key, _ in project.items} == set(schema.PROJECT_FIELDS)
    assert {key.value for key, _ in programme.items} == set(schema.PROGRAMME_FIELDS)


# --- What the loader builds, not just what it reports ----------------------------------


def test_values_that_look_like_other_types_stay_text(tmp_path: Path) -> None:
    result = load_catalogue(assemble(FIXTURES / "valid/text-stays-text", tmp_path))
    assert result.problems == []
    assert result.catalogue is not None
    project = result.catalogue.projects["looks-like-other-types"]
    assert (project.title["nb"], project.title["en"]) == ("yes", "no")
    assert (project.summary["nb"], project.summary["en"]) == ("on", "off")
    assert project.description is not None
    assert (project.description["nb"], project.description["en"]) == ("2019-05-01", "1:30")
    assert project.partner_call is not None
    call = project.partner_call
    assert (call.text["nb"], call.text["en"], call.contact.name) == ("0150", "1e3", "0x2A")
    assert project.contact is not None
    assert project.contact.name == "0x1F"
    assert project.countries == ("NO",)
    organisation = result.catalogue.organisations["number-named-org"]
    assert organisation.name["nb"] == organisation.name["en"] == "1814"
    assert organisation.short_name == "007"


def test_status_is_derived_from_the_period(tmp_path: Path) -> None:
    result = load_catalogue(assemble(FIXTURES / "valid/status-derived", tmp_path))
    assert result.catalogue is not None
    project = result.catalogue.projects["status-from-period"]
    assert project.status is None
    assert project.status_on(date(2017, 6, 1)) == "planned"
    assert project.status_on(date(2019, 6, 1)) == "active"
    assert project.status_on(date(2021, 6, 1)) == "completed"


# --- Safety: an alias bomb must be refused before anything is expanded ------------------


def test_billion_laughs_fails_fast_in_little_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = FIXTURES / "invalid/billion-laughs"
    root = assemble(case, tmp_path)
    validate(root, capsys)  # warm up: imports and lazily loaded code tables are not the bomb

    tracemalloc.start()
    started = time.perf_counter()
    try:
        lines, code = validate(root, capsys)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert code == 1
    assert lines == (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert elapsed < 2.0
    assert peak < 20 * 1024 * 1024
