"""`mkdocs serve` builds again on every edit, laying out only the pages the edit changed
(`katalog.site.pagecache`), and writing the search index once the site is served
(`katalog.site.searchindex.build_later`); the site it then serves, search index included,
is the site a full build gives.

Each case runs MkDocs' preview builds as `mkdocs serve` does (one process; the config and
its hooks loaded anew for every build; `on_startup` with "serve" once), with edits between
the builds, and compares every file of the last build with a single build of the edited
project in a fresh process.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import run_preview, snapshot

SLUG = "georgia-municipalities-new-tasks"
OLD_TITLE = "Georgiske kommuner rustet for nye oppgaver"

PREVIEW = """
for path, old, new in edits:
    edit(path, old, new)
    build(config(), serve_url=url)
from katalog.site import searchindex
searchindex.wait()  # the last build's search index, written after the build returns
"""


def preview(project: Path, site: Path, edits: list[tuple[str, str, str]]) -> str:
    """Preview builds of `project` into `site`, one before the edits and one after each;
    what they logged."""
    return run_preview(PREVIEW, project, site, edits).stderr


def counts(log: str) -> list[tuple[int, int]]:
    """Per build, the catalogue pages laid out and those linked unchanged."""
    found = []
    for line in log.splitlines():
        if "Catalogue pages:" in line:
            words = line.split("Catalogue pages:")[1].split()
            found.append((int(words[0]), int(words[3])))
    return found


CASES = {
    "a record's title": [
        (f"content/projects/{SLUG}.yml", f"  nb: {OLD_TITLE}\n", f"  nb: {OLD_TITLE} endret\n")
    ],
    "a record's title, then a template": [
        (f"content/projects/{SLUG}.yml", f"  nb: {OLD_TITLE}\n", f"  nb: {OLD_TITLE} endret\n"),
        ("overrides/main.html", "{% block", "{# edited #}{% block"),
    ],
}


@pytest.mark.parametrize("case", list(CASES))
def test_an_incremental_preview_builds_the_site_a_full_build_does(
    case: str, project: Path, tmp_path: Path
) -> None:
    edits = CASES[case]
    if not (project / "overrides" / "main.html").read_text(encoding="utf-8").count("{% block"):
        pytest.fail("overrides/main.html has no block to edit")
    log = preview(project, tmp_path / "incremental", edits)
    built = counts(log)
    assert len(built) == len(edits) + 1, log
    first, *rebuilt = built
    assert first[1] == 0 and first[0] > 100, first  # the first build lays out every page
    total = first[0]
    # the record's edit: its pages and the pages that show it, not the rest
    assert 0 < rebuilt[0][0] < total / 4 and sum(rebuilt[0]) == total, rebuilt
    if len(rebuilt) > 1:  # a template's edit: every page again
        assert rebuilt[1] == (total, 0), rebuilt
    # the same project as edited, built once in a fresh process
    fresh = preview(project, tmp_path / "full", [])
    assert counts(fresh) == [(total, 0)], fresh
    incremental, full = snapshot(tmp_path / "incremental"), snapshot(tmp_path / "full")
    assert incremental.keys() == full.keys()
    differ = [name for name in full if incremental[name] != full[name]]
    assert differ == [], differ[:10]
    page = (tmp_path / "incremental" / "nb" / "projects" / SLUG / "index.html").read_text("utf-8")
    assert f"{OLD_TITLE} endret" in page
    # the index was written after the build returned, by the preview's own thread
    assert "Search index updated" in log and "not updated" not in log, log
