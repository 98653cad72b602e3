"""Many projects are read by several processes, with the same result as one.

`load_catalogue` reads `PARALLEL_MIN_FILES` projects or more in forked workers
(`katalog.records.load._parse_tree`). Whatever the files hold, the problems (each with its
code, place and message, in the same order) and the catalogue must be those of reading
every file in one process; a worker that fails is replaced by reading its files here.
"""

from __future__ import annotations

import pickle
import shutil
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from katalog.records import load
from katalog.records.load import LoadResult, check_catalogue, load_catalogue
from katalog.records.problems import Problem, Severity
from katalog.records.review import Review
from tests.paths import CONTENT
from tests.test_corpus import assemble, cases

BUILD_DATE = date(2026, 11, 25)
THRESHOLD = 20
"""`PARALLEL_MIN_FILES` in these tests, so that small trees are read in parallel."""

needs_fork = pytest.mark.skipif(load.available_workers() < 2, reason="no fork or one processor")


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "PARALLEL_MIN_FILES", THRESHOLD)


def _valid_tree(tmp_path: Path, copies: int) -> Path:
    """The real content with `copies` more projects: copies of the real ones."""
    root = tmp_path / "valid" / "content"
    shutil.copytree(CONTENT, root)
    originals = sorted((root / "projects").glob("*.yml"))
    for index in range(copies):
        text = originals[index % len(originals)].read_bytes()
        (root / "projects" / f"copy-{index:04d}.yml").write_bytes(text)
    return root


def _bad_tree(tmp_path: Path) -> Path:
    """The test catalogue with every bad record of the corpus (tests/fixtures/invalid) in
    it, each under its case's name, between copies of a valid one."""
    root = assemble(None, tmp_path / "bad")
    projects = root / "projects"
    valid = (projects / "base-project.yml").read_bytes()
    for number, case in enumerate(cases("invalid")):
        (projects / f"a-valid-{number:03d}.yml").write_bytes(valid)
        case_root = assemble(case, tmp_path / "cases" / case.name)
        for folder in ("projects", "programmes"):
            for path in sorted((case_root / folder).glob("*")):
                if path.name == "base-project.yml" or path.name == "test-programme.yml":
                    continue
                target = root / folder / f"{case.name}-{path.name}"
                if path.is_dir():
                    shutil.copytree(path, target)
                else:
                    shutil.copy2(path, target)
    return root


def _load(root: Path, workers: int) -> LoadResult:
    return load_catalogue(root, today=BUILD_DATE, review_on=Review(BUILD_DATE), workers=workers)


def _check(root: Path, workers: int) -> list[Problem]:
    return check_catalogue(root, today=BUILD_DATE, review_on=Review(BUILD_DATE), workers=workers)


def _forks(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The calls of `_fork` from now on, which still fork."""
    calls: list[object] = []
    fork = load._fork

    def counted(task: Any) -> Any:
        calls.append(task)
        return fork(task)

    monkeypatch.setattr(load, "_fork", counted)
    return calls


@needs_fork
def test_bad_records_give_the_same_problems_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _bad_tree(tmp_path)
    assert len(list((root / "projects").iterdir())) >= 2 * THRESHOLD
    serial = _load(root, 1)
    forks = _forks(monkeypatch)
    parallel = _load(root, 2)
    assert len(forks) == 1
    assert [str(problem) for problem in parallel.problems] == [
        str(problem) for problem in serial.problems
    ]
    assert parallel.problems == serial.problems
    assert _check(root, 2) == _check(root, 1) == serial.problems  # as `katalog validate`
    assert len(forks) == 2
    assert parallel.catalogue is None and serial.catalogue is None
    codes = {problem.code for problem in serial.problems}
    assert len(codes) > 40, "the corpus's problems, of many kinds"
    assert {Severity.ERROR, Severity.WARNING} <= {problem.severity for problem in serial.problems}
    assert {str(code) for code in codes} >= {"K201", "K210", "K211", "K301", "K302"}, (
        "unknown references, review warnings and a project outside its programme"
    )


@needs_fork
def test_valid_records_give_the_same_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _valid_tree(tmp_path, 3 * THRESHOLD)
    serial = _load(root, 1)
    forks = _forks(monkeypatch)
    parallel = _load(root, 2)
    three = _load(root, 3)
    assert len(forks) == 1 + 2
    assert serial.catalogue is not None and len(serial.catalogue.projects) > 3 * THRESHOLD
    assert parallel.catalogue == serial.catalogue == three.catalogue
    assert list(parallel.catalogue.projects) == list(serial.catalogue.projects)
    assert parallel.problems == serial.problems == three.problems
    assert _check(root, 2) == _check(root, 1) == serial.problems
    assert serial.problems, "the real records are due for review"


def test_a_folder_below_the_threshold_is_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _valid_tree(tmp_path, 0)
    assert len(list((root / "projects").glob("*.yml"))) < THRESHOLD
    forks = _forks(monkeypatch)
    assert _load(root, 2).catalogue is not None
    assert forks == []


def test_one_worker_reads_everything_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _valid_tree(tmp_path, 2 * THRESHOLD)
    forks = _forks(monkeypatch)
    assert _load(root, 1).catalogue is not None
    assert forks == []


@needs_fork
def test_a_failing_worker_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _bad_tree(tmp_path)
    serial = _load(root, 1)

    def broken(result: object, protocol: int) -> bytes:
        raise RuntimeError("the worker fails")

    monkeypatch.setattr(
        load, "pickle", SimpleNamespace(dumps=broken, loads=pickle.loads, HIGHEST_PROTOCOL=5)
    )
    assert _load(root, 2).problems == serial.problems
    monkeypatch.setattr(load, "_fork", lambda task: None)  # no worker could be started
    assert _load(root, 2).problems == serial.problems


def test_workers_are_used_only_where_forking_is_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(load.threading, "active_count", lambda: 1)
    assert load.available_workers() == load.MAX_WORKERS == 2
    monkeypatch.setattr(load.threading, "active_count", lambda: 2)
    assert load.available_workers() == 1
