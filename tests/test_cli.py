"""`katalog validate`: what editors run. Exit codes, single files, and usage errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from katalog.cli import main
from tests.paths import CONTENT, REPO

BAD_PROJECT = """\
title: {nb: Tittel, en: Title}
summary: {nb: Kort, en: Short}
countries: [NO]
themes: [local-democrazy]
"""


REVIEW = ("warning[K301]", "warning[K302]")
"""The real content's records are all due for review (none is checked): other tests
leave those warnings aside."""


def without_review(out: str) -> str:
    return "".join(line for line in out.splitlines(True) if not any(c in line for c in REVIEW))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def test_the_real_content_is_valid_and_all_of_it_due_for_review(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No record is checked against the live pages, so each is old or undated: one
    warning per record, with its code, and the exit status stays 0."""
    assert main(["validate", "--content", str(CONTENT)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    records = sorted(
        path.relative_to(CONTENT.parent).as_posix() for path in CONTENT.glob("*/*.yml")
    )
    assert [line.split(":", 1)[0] for line in lines] == records
    assert all(
        ": warning[K301]: sources: " in line or ": warning[K302]: sources: " in line
        for line in lines
    )
    swedish = next(line for line in lines if "swedish-municipal-partnership" in line)
    assert (
        "warning[K301]: sources: the information (as of 2016) is older than the review" in swedish
    )
    assert err == f"{len(records)} warnings in {len(records)} files\n"


def test_content_errors_exit_1_with_one_line_each(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content / "projects" / "bad-project.yml").write_text(BAD_PROJECT, encoding="utf-8")
    assert main(["validate", "--content", str(content)]) == 1
    out, err = capsys.readouterr()
    assert without_review(out).splitlines() == [
        "content/projects/bad-project.yml:1:1: warning[K191]: sources: no sources: add where "
        "the record's facts come from, so readers can check them",
        "content/projects/bad-project.yml:4:10: error[K201]: themes[1]: unknown theme "
        "'local-democrazy'; did you mean 'local-democracy'?",
    ]
    assert err == "1 error and 13 warnings in 12 files\n"


def test_one_path_reports_only_that_file_checked_against_the_rest(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content / "projects" / "bad-project.yml").write_text(BAD_PROJECT, encoding="utf-8")
    good = content / "projects" / "georgia-municipalities-new-tasks.yml"
    assert main(["validate", "--content", str(content), str(good)]) == 0
    assert without_review(capsys.readouterr().out) == ""
    bad = content / "projects" / "bad-project.yml"
    assert main(["validate", "--content", str(content), str(bad)]) == 1
    assert "unknown theme 'local-democrazy'" in capsys.readouterr().out


def test_a_new_record_outside_the_tree_is_checked_against_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "drafts" / "projects" / "draft-project.yml"
    draft.parent.mkdir(parents=True)
    draft.write_text(
        BAD_PROJECT.replace("local-democrazy", "local-democracy")
        + "programme: eea-grants-2014-2021\n",
        encoding="utf-8",
    )
    assert main(["validate", "--content", str(CONTENT), str(draft)]) == 0
    assert without_review(capsys.readouterr().out) == (
        f"{draft.as_posix()}:1:1: warning[K191]: sources: no sources: add where the record's "
        "facts come from, so readers can check them\n"
        f"{draft.as_posix()}:3:13: warning[K210]: countries[1]: 'NO' is not among the countries of "
        "programme 'eea-grants-2014-2021' (BG, LV, PL, RO, MT)\n"
    )
    draft.write_text(BAD_PROJECT, encoding="utf-8")
    assert main(["validate", "--content", str(CONTENT), str(draft)]) == 1
    out = capsys.readouterr().out
    assert next(line for line in out.splitlines() if ": error[" in line).endswith(
        ":4:10: error[K201]: themes[1]: unknown theme 'local-democrazy'; did you mean "
        "'local-democracy'?"
    )


def test_warnings_do_not_fail(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = content / "projects" / "polish-municipalities-capacity-building.yml"
    text = record.read_text(encoding="utf-8").replace(
        "  end: 2023\n", "  end: 2023\nstatus: active\n"
    )
    record.write_text(text.replace("countries: [PL]", "countries: [PL, NO]"), encoding="utf-8")
    assert main(["validate", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert ": warning[K210]: countries[2]: 'NO' is not among the countries of programme" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["validate", "no/such/file.yml"], "no/such/file.yml: no such file or folder"),
        (["validate", "--content", "no/such/folder"], "no/such/folder: not a folder"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    assert main(argv) == 2
    assert capsys.readouterr().err == f"katalog: error: {message}\n"


def test_a_file_outside_any_record_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stray = tmp_path / "stray.yml"
    stray.write_text("title: x\n", encoding="utf-8")
    assert main(["validate", "--content", str(CONTENT), str(stray)]) == 2
    assert "must be in a folder named programmes or projects" in capsys.readouterr().err


def test_unknown_command_exits_2() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2


def test_the_console_script_finds_content_from_a_subfolder() -> None:
    script = Path(sys.executable).parent / "katalog"
    done = subprocess.run(
        [str(script), "validate"], cwd=CONTENT / "projects", capture_output=True, text=True
    )
    assert (done.returncode, without_review(done.stdout)) == (0, "")
    assert done.stderr == "11 warnings in 11 files\n"


def test_the_core_imports_without_mkdocs() -> None:
    """The catalogue core must outlive MkDocs: importing it must not pull MkDocs in."""
    code = (
        "import sys, katalog, katalog.cli, katalog.records.load, katalog.editors.fieldref\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material'))\n"
        "print(loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
