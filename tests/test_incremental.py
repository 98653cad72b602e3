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

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import BUILD_DATE_EPOCH, snapshot

SLUG = "georgia-municipalities-new-tasks"
OLD_TITLE = "Georgiske kommuner rustet for nye oppgaver"

PREVIEW = """
import json, logging, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, site, edits = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
url = "http://127.0.0.1:8000/"
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")

def config():
    loaded = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    loaded.site_url = url
    return loaded

first = config()
first.plugins.on_startup(command="serve", dirty=False)
build(first, serve_url=url)
for path, old, new in edits:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert text.count(old) >= 1, (path, old)
    file.write_text(text.replace(old, new), encoding="utf-8")
    build(config(), serve_url=url)
from katalog.site import searchindex
searchindex.wait()  # the last build's search index, written after the build returns
"""


def preview(project: Path, site: Path, edits: list[tuple[str, str, str]]) -> str:
    """Preview builds of `project` into `site`, one before the edits and one after each;
    what they logged."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH,
    }
    done = subprocess.run(
        [sys.executable, "-c", PREVIEW, str(project), str(site), json.dumps(edits)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


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
