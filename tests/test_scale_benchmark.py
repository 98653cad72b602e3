"""The national-scale benchmark (benchmarks/scale.py) runs and reports every figure.

Timings stay out of the test suite: one round at two tiny sizes checks that the three
sites are built with the same number of pages, that the figures and ratios are there and
agree, that every target gets a verdict, and that the generated records are valid and
distinct. Hugo is Debian's `hugo` package: without it, its columns say so.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks import scale
from katalog.records.load import load_catalogue
from tests.paths import REPO

SCRIPT = REPO / "benchmarks" / "scale.py"


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    run = subprocess.run(
        [
            *(sys.executable, str(SCRIPT), "--projects", "3", "1"),
            *("--rounds", "1", "--edits", "1", "--json"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def test_every_size_builds_the_three_sites_with_the_same_pages(result: dict[str, Any]) -> None:
    assert [row["projects"] for row in result["sizes"]] == [1, 3]
    hugo = shutil.which("hugo") is not None
    assert result["hugo"] is hugo
    for row in result["sizes"]:
        sides = ["ours", "mkdocs", *(["hugo"] if hugo else [])]
        for side in sides:
            figures = row[side]
            assert len(figures["seconds"]) == 1 and figures["median"] > 0
            assert figures["pages"] == row["pages"], side
            assert figures["peak_mb"] > 0 and figures["output_bytes"] > 0
            if side != "ours":
                expected = row["ours"]["median"] / figures["median"]
                assert row[f"ratio_{side}"] == pytest.approx(expected, abs=0.001)
        if not hugo:
            assert row["hugo"] is None
        assert row["validate"]["median"] > 0
    # Two more generated projects are four more pages (one a language).
    assert result["sizes"][1]["pages"] == result["sizes"][0]["pages"] + 4


def test_the_largest_size_weighs_what_a_reader_downloads(result: dict[str, Any]) -> None:
    smallest, largest = result["sizes"]
    assert "reader" not in smallest
    reader = largest["reader"]
    for name in ("project_page", "first_search"):
        figures = reader[name]
        assert figures["requests"] >= 2 and figures["bytes"] > 0, name
        assert figures["not_found"] == [], name  # every request the page made was served
    assert reader["project_page"]["sitemap"] is False  # no page fetches the sitemap
    # A first search fetches Pagefind's script, its WebAssembly and an index chunk.
    fetched = " ".join(url for url, _size in reader["first_search"]["largest"])
    assert ".pagefind" in fetched
    assert reader["listing_page"]["pages"] > 10 and reader["listing_page"]["bytes"] > 0
    names = [target["name"] for target in result["targets"]]
    assert "a project page, cold, no sitemap.xml, 3 projects" in names
    assert "a first search on the search page, page included, 3 projects" in names


def test_the_largest_size_previews_an_edit(result: dict[str, Any]) -> None:
    smallest, largest = result["sizes"]
    assert "serve" not in smallest
    shown = largest["serve"]
    assert len(shown["page_seconds"]) == 1 and shown["page_median"] > 0
    assert shown["search_median"] >= shown["page_median"]
    names = [target["name"] for target in result["targets"]]
    assert "mkdocs serve: an edited record's page shows the edit, 3 projects" in names


def test_served_sizes_are_compressed_where_a_host_compresses(tmp_path: Path) -> None:
    from benchmarks.reader import served_size

    text = tmp_path / "page.html"
    text.write_text("<p>kommune</p>" * 500, encoding="utf-8")
    packed = tmp_path / "index.pf_index"
    packed.write_bytes(b"\x1f\x8b" + bytes(range(256)) * 4)
    assert served_size(text) < text.stat().st_size / 10
    assert served_size(packed) == packed.stat().st_size


def test_every_target_has_a_verdict(result: dict[str, Any]) -> None:
    names = [target["name"] for target in result["targets"]]
    assert names[:2] == [
        "build at 1 projects / MkDocs + Material + Pagefind",
        "build at 3 projects / MkDocs + Material + Pagefind",
    ]
    assert any(name.startswith("time per page") for name in names)
    assert any(name.startswith("katalog validate") for name in names)
    assert any(name.startswith("peak memory") for name in names)
    for target in result["targets"]:
        assert target["met"] in (True, False, None)
    growth = result["sizes"][1]["ours"]["ms_per_page"] / result["sizes"][0]["ours"]["ms_per_page"]
    assert result["growth"] == pytest.approx(growth, abs=0.001)
    verdicts = scale.table(result).split("\ntargets:\n")[1].splitlines()
    assert len(verdicts) == len(result["targets"])
    for line, target in zip(verdicts, result["targets"], strict=True):
        assert target["name"] in line and target["measured"] in line


def test_generated_records_are_valid_and_each_has_texts_of_its_own(tmp_path: Path) -> None:
    project = scale.prepare(tmp_path / "project", 12)
    loaded = load_catalogue(project / "content")
    assert loaded.catalogue is not None, [str(problem) for problem in loaded.problems[:3]]
    generated = sorted((project / "content" / "projects").glob("generated-project-*.yml"))
    assert len(generated) == 12
    records = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in generated]
    for field in ("title", "summary"):
        for lang in ("nb", "en"):
            texts = [record[field][lang] for record in records]
            assert len(set(texts)) == len(texts), (field, lang)


def test_the_baselines_have_the_pages_asked_for(tmp_path: Path) -> None:
    mkdocs = scale.prepare_mkdocs(tmp_path / "mkdocs", 5)
    assert len(list((mkdocs / "docs").rglob("*.md"))) == 4  # and Material's 404 page
    hugo = scale.prepare_hugo(tmp_path / "hugo", 5)
    assert len(list((hugo / "content").rglob("*.md"))) == 5  # the home page's _index.md too


def test_the_serve_benchmark_sees_an_edit_reach_the_served_page(tmp_path: Path) -> None:
    from benchmarks import serve

    project = scale.prepare(tmp_path / "project", 2)
    result = serve.edits(project, 1, timeout=120)
    assert len(result["page_seconds"]) == 1 and result["page_median"] > 0
    assert result["search_median"] >= result["page_median"]
    title = yaml.safe_load((project / "content/projects/generated-project-00000.yml").read_text())
    assert title["title"]["nb"].startswith("Redigert0x")


HOLDERS = """\
import os, sys, time
def hold():
    pid = os.fork()
    if pid == 0:
        held = bytearray(80 * 1024 * 1024)  # touched: all of it resident
        for at in range(0, len(held), 4096):
            held[at] = 1
        time.sleep(1)
        os._exit(0)
    return pid
if sys.argv[1] == "together":
    for pid in [hold(), hold()]:
        os.waitpid(pid, 0)
else:
    for _ in range(2):
        os.waitpid(hold(), 0)
"""
"""Two processes that hold 80 MB each: at the same time, or one after the other."""


def test_a_run_s_peak_memory_is_what_its_processes_hold_at_once_together(tmp_path: Path) -> None:
    if sys.platform != "linux":
        pytest.skip("the processes' memory is sampled from Linux's /proc")
    together = scale.run([sys.executable, "-c", HOLDERS, "together"], tmp_path, {})
    in_turn = scale.run([sys.executable, "-c", HOLDERS, "in turn"], tmp_path, {})
    megabytes = 1024 * 1024
    assert together.peak_bytes >= 160 * megabytes
    # The largest process is the same either way (at least 80 MB, or what the process
    # the command was started from held: a new process's ru_maxrss starts from there).
    assert together.peak_bytes >= in_turn.peak_bytes + 60 * megabytes


def test_the_table_gives_every_side_s_peak_memory_at_the_largest_size(
    result: dict[str, Any],
) -> None:
    largest = result["sizes"][-1]
    [line] = [line for line in scale.table(result).splitlines() if line.startswith("peak memory")]
    assert line.startswith(f"peak memory at {largest['projects']} projects, all processes: ")
    assert f"ours {largest['ours']['peak_mb']:.0f} MB" in line
    assert f"MkDocs + Material + Pagefind {largest['mkdocs']['peak_mb']:.0f} MB" in line
    assert ("Hugo + Pagefind" in line) is (largest["hugo"] is not None)


def test_the_served_site_runs_in_the_environment_it_is_given(tmp_path: Path) -> None:
    """A baseline's server imports the baseline's `katalog`: given a tree whose `katalog`
    cannot be imported, the server ends at once, and the benchmark says so."""
    from benchmarks import serve
    from benchmarks.build import environment

    broken = tmp_path / "tree" / "katalog"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text('raise ImportError("the broken tree")\n', "utf-8")
    project = scale.prepare(tmp_path / "project", 1)
    log = tmp_path / "serve.log"
    with (
        pytest.raises(SystemExit, match="ended"),
        serve.serving(project, log, environment(broken.parent)),
    ):
        pass
    assert "the broken tree" in log.read_text(encoding="utf-8")
