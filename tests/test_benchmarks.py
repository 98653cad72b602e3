"""The build and serve benchmarks' comparisons with a baseline commit run and report every
figure.

Timings themselves stay out of the test suite: one round of the smallest catalogue, with
this repository's HEAD as the baseline, checks only the rows, the figures and the ratios.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.build import table
from tests.paths import REPO

SCRIPT = REPO / "benchmarks" / "build.py"
SERVE = REPO / "benchmarks" / "serve.py"
SERVE_ARGUMENTS = ["--projects", "2", "--edits", "1", "--baseline", "HEAD", "--json"]
ARGUMENTS = ["--projects", "2", "--rounds", "1", "--baseline", "HEAD", "--json"]


def _git_head() -> str:
    """The commit checked out: the tests run in a git work tree, as CI's clone is."""
    return subprocess.run(
        ["git", "rev-parse", "--verify", "HEAD"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


HEAD = _git_head()


def _json(script: Path, arguments: list[str], timeout: float) -> dict[str, Any]:
    """What a benchmark prints with `--json`, once it has run to its end."""
    run = subprocess.run(
        [sys.executable, str(script), *arguments],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert run.returncode == 0, run.stderr
    data: dict[str, Any] = json.loads(run.stdout)
    return data


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    """The benchmark's JSON at 2 generated projects, 1 round, HEAD as the baseline."""
    return _json(SCRIPT, ARGUMENTS, timeout=300)


def test_one_row_a_size_with_both_sides_and_the_ratio(result: dict[str, Any]) -> None:
    assert result["rounds"] == 1
    assert result["baseline"] == {"ref": "HEAD", "commit": HEAD}
    [row] = result["sizes"]
    assert row["generated"] == 2
    for side in ("ours", "baseline"):
        figures = row[side]
        assert len(figures["seconds"]) == 1
        assert 0 < figures["min"] <= figures["median"] <= figures["max"]
        assert figures["html_bytes"] > 0
    # HEAD's tree and ours hold the same records: the same pages on both sides.
    assert row["ours"]["pages"] == row["baseline"]["pages"] > 2
    assert row["ratio"] == pytest.approx(
        row["ours"]["median"] / row["baseline"]["median"], abs=0.001
    )


def test_each_side_imports_its_own_katalog(result: dict[str, Any]) -> None:
    [row] = result["sizes"]
    assert Path(row["ours"]["katalog"]) == (REPO / "katalog").resolve()
    baseline = Path(row["baseline"]["katalog"])
    assert baseline.name == "katalog"
    assert not baseline.is_relative_to(REPO.resolve())
    # The exported baseline tree is removed afterwards.
    assert not baseline.exists()


def test_the_table_has_a_row_a_size_with_the_ratio(result: dict[str, Any]) -> None:
    lines = table(result).splitlines()
    assert lines[0] == f"baseline: HEAD ({HEAD})"
    heading = lines[2].split()
    assert heading[:2] == ["generated", "pages"]
    assert heading[-1] == "ratio"
    assert "baseline" in heading
    [row] = lines[3:]
    cells = row.split()
    assert len(cells) == len(heading)
    assert cells[0] == "2"
    assert float(cells[-1]) == pytest.approx(result["sizes"][0]["ratio"], abs=0.001)


def test_the_serve_benchmark_previews_edits_on_both_sides_each_with_its_own_katalog() -> None:
    result = _json(SERVE, SERVE_ARGUMENTS, timeout=600)
    assert (result["baseline_ref"], result["baseline_commit"]) == ("HEAD", HEAD)
    for side in ("ours", "baseline"):
        figures = result[side]
        assert len(figures["page_seconds"]) == len(figures["rebuild_seconds"]) == 1
        assert 0 < figures["page_median"] <= figures["search_median"]
    assert Path(result["ours"]["katalog"]) == (REPO / "katalog").resolve()
    baseline = Path(result["baseline"]["katalog"])
    assert baseline.name == "katalog" and not baseline.is_relative_to(REPO.resolve())
    assert not baseline.exists()  # the exported tree is removed afterwards
    for measure, ratio in result["ratios"].items():
        ours, theirs = result["ours"][f"{measure}_median"], result["baseline"][f"{measure}_median"]
        assert ratio == pytest.approx(ours / theirs, abs=0.001)
