"""Under `mkdocs serve`, an edited record's own pages are written into the served site
before the whole site is built again (`katalog.site.quickpages`), with the bytes the
rebuild then gives them; anything but an edit of existing records, or an edit with errors,
leaves them to the rebuild.

Each case runs MkDocs' preview builds as `mkdocs serve` does (one process, the config and
its hooks loaded anew for every build, `on_startup` with "serve" once, and what the
preview hook's `on_serve` starts), applies the edits, asks for the edited pages before the
rebuild, and compares each page written then with the same page after the rebuild.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from katalog.records import load
from katalog.records.readcache import ReadCache
from katalog.site import quickpages
from tests.support import copy_project, run_preview

SLUG = "georgia-municipalities-new-tasks"
OLD_TITLE = "Georgiske kommuner rustet for nye oppgaver"
RECORD = f"content/projects/{SLUG}.yml"
PROGRAMME = "content/programmes/polish-local-development-programme.yml"
IN_PROGRAMME = "content/projects/polish-municipalities-capacity-building.yml"

PREVIEW = """
from katalog.site import quickpages, searchindex

quickpages.watch(first["hooks"]["hooks/preview.py"]._read(first))
results = []
for step in edits:
    for path, old, new in step:
        edit(path, old, new)
    shown = quickpages.show_edits()
    early = {path: (site / path / "index.html").read_bytes().hex() for path in shown}
    try:
        build(config(), serve_url=url)
    except Exception:  # as the preview server does: it reports the errors, keeps serving
        pass
    else:
        quickpages.built()
    searchindex.wait()
    late = {path: (site / path / "index.html").read_bytes().hex() for path in shown}
    results.append({"shown": shown, "early": early, "late": late})
print(json.dumps(results))
"""


def preview(project: Path, site: Path, steps: list[list[tuple[str, str, str]]]) -> list[Any]:
    """Preview builds of `project` into `site`: one, then for each step its edits, the
    pages shown before the rebuild, and the rebuild. Per step: the pages shown, their
    bytes then and after the rebuild."""
    done = run_preview(PREVIEW, project, site, steps)
    results: list[Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return results


def test_an_edited_record_s_pages_are_shown_before_the_rebuild_as_it_builds_them(
    project: Path, tmp_path: Path
) -> None:
    title = (RECORD, f"  nb: {OLD_TITLE}\n", f"  nb: {OLD_TITLE} i en ny tittel\n")
    second = (RECORD, f"  nb: {OLD_TITLE} i en ny tittel\n", f"  nb: {OLD_TITLE} igjen\n")
    broken = (RECORD, "title:\n", "title: [\n")
    fixed = (RECORD, "title: [\n", "title:\n")
    third = (RECORD, f"  nb: {OLD_TITLE} og et program\n", f"  nb: {OLD_TITLE} en tredje gang\n")
    template = ("overrides/main.html", "{% block", "{# edited #}{% block")
    both = [
        (RECORD, f"  nb: {OLD_TITLE} igjen\n", f"  nb: {OLD_TITLE} og et program\n"),
        (PROGRAMME, "  nb: Program for lokal utvikling i Polen\n", "  nb: Et program endret\n"),
    ]
    steps = [[title], [second], [broken], [fixed], both, [third, template]]
    if (project / "overrides" / "main.html").read_text(encoding="utf-8").count("{% block") == 0:
        pytest.fail("overrides/main.html has no block to edit")
    results = preview(project, tmp_path / "site", [list(step) for step in steps])
    pages = [f"nb/projects/{SLUG}/", f"en/projects/{SLUG}/"]
    first, again, with_error, mended, with_programme, with_template = results
    assert first["shown"] == pages
    assert again["shown"] == pages
    for result in (first, again):
        assert result["early"] == result["late"]  # the rebuild gave them the same bytes
    html = bytes.fromhex(again["early"][pages[0]]).decode("utf-8")
    assert f"{OLD_TITLE} igjen" in html
    assert with_error["shown"] == []  # an error: the rebuild reports it, nothing shown early
    # mended: the file is as the last build that succeeded read it, but written since, so
    # shown at once again
    assert mended["shown"] == pages and mended["early"] == mended["late"]
    # a programme's pages too, in the order of their files' folders
    programme = "polish-local-development-programme"
    assert with_programme["shown"] == [
        f"nb/programmes/{programme}/",
        f"en/programmes/{programme}/",
        *pages,
    ]
    assert with_programme["early"] == with_programme["late"]
    assert (
        "Et program endret"
        in bytes.fromhex(with_programme["early"][with_programme["shown"][0]]).decode()
    )
    assert with_template["shown"] == []  # a template changed too: every page waits


EARLY_INDEX = """
import gzip
from katalog.site import quickpages, searchindex

def index():
    bundle = site / "pagefind"
    texts = [gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
             for path in sorted((bundle / "fragment").glob("*.pf_fragment"))]
    return {"entry": (bundle / "pagefind-entry.json").read_text(), "fragments": texts}

quickpages.watch(first["hooks"]["hooks/preview.py"]._read(first))
searchindex.wait()
before = index()
wait_early, steps = edits
for path, old, new in steps:
    edit(path, old, new)
shown = quickpages.show_edits()
started = quickpages.index_edits((logging.info, logging.warning))
if wait_early:
    searchindex.wait()
early = index()
build(config(), serve_url=url)
quickpages.built()
searchindex.wait()
print(json.dumps({"shown": shown, "started": started, "before": before, "early": early,
                  "late": index()}))
"""


def _holds(index: dict[str, Any], text: str) -> bool:
    return any(text in fragment for fragment in index["fragments"])


def test_search_finds_an_edit_before_the_rebuild_and_the_rebuild_s_index_then_replaces_it(
    project: Path, tmp_path: Path
) -> None:
    new_title = "Georgiske kommuner med en tittel funnet for gjenoppbyggingen"
    steps = [(RECORD, f"  nb: {OLD_TITLE}\n", f"  nb: {new_title}\n")]
    waited = json.loads(
        run_preview(EARLY_INDEX, project, tmp_path / "waited", [True, steps])
        .stdout.strip()
        .splitlines()[-1]
    )
    assert waited["shown"] and waited["started"]
    assert not _holds(waited["before"], new_title) and _holds(waited["before"], OLD_TITLE)
    # written into the served site before the rebuild began: its index holds the edit
    assert waited["early"]["entry"] != waited["before"]["entry"]
    assert _holds(waited["early"], new_title)
    assert not _holds(waited["early"], OLD_TITLE), "the page as it was is indexed no more"
    # the rebuild's own index then replaces it (here the same: no other indexed page
    # shows the title)
    assert _holds(waited["late"], new_title)
    assert waited["late"] == waited["early"]

    # a rebuild that starts its index before the early one is done: the rebuild's stands
    again = copy_project(tmp_path / "again")
    hurried = json.loads(
        run_preview(EARLY_INDEX, again, tmp_path / "hurried", [False, steps])
        .stdout.strip()
        .splitlines()[-1]
    )
    assert hurried["started"]
    assert hurried["late"] == waited["late"]


def test_only_edits_of_existing_records_are_shown_early(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "projects").mkdir(parents=True)
    (content / "programmes").mkdir()
    record = content / "projects" / "a.yml"
    record.write_text("a: 1\n", encoding="utf-8")
    programme = content / "programmes" / "p.yml"
    programme.write_text("b: 1\n", encoding="utf-8")
    themes = content / "themes.yml"
    themes.write_text("c: 1\n", encoding="utf-8")
    before = quickpages.snapshot([content])

    def edited() -> list[tuple[str, str]] | None:
        return quickpages._edited(before, quickpages.snapshot([content]), content)

    assert edited() == []
    record.write_text("a: 2 and more\n", encoding="utf-8")
    programme.write_text("b: 2 and more\n", encoding="utf-8")
    assert edited() == [("programmes", "p"), ("projects", "a")]
    (content / "projects" / ".a.yml.swp").write_text("editor's", encoding="utf-8")
    (content / "projects" / "a.yml~").write_text("editor's", encoding="utf-8")
    assert edited() == [("programmes", "p"), ("projects", "a")]  # hidden files and backups
    themes.write_text("c: 2 and more\n", encoding="utf-8")
    assert edited() is None  # a vocabulary: every page may change
    themes.write_text("c: 1\n", encoding="utf-8")
    os.utime(themes, ns=(before[str(themes)][0], before[str(themes)][0]))
    assert edited() == [("programmes", "p"), ("projects", "a")]
    (content / "projects" / "b.yml").write_text("a: 1\n", encoding="utf-8")
    assert edited() is None  # a new record: lists change
    (content / "projects" / "b.yml").unlink()
    record.unlink()
    assert edited() is None  # a record gone


def test_a_cached_load_reads_only_changed_files_and_finds_what_a_full_load_finds(
    project: Path,
) -> None:
    content = project / "content"
    cache = ReadCache()
    first = load.load_catalogue(content, cache=cache)
    assert first.catalogue is not None and cache.read > 10 and cache.reused == 0
    files = cache.read
    path = project / RECORD
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"  nb: {OLD_TITLE}\n", "  nb: Ny tittel\n"), encoding="utf-8")
    again = load.load_catalogue(content, cache=cache)
    assert (cache.read, cache.reused) == (1, files - 1)
    assert again.catalogue is not None
    assert again.catalogue.projects[SLUG].title.get("nb") == "Ny tittel"
    assert again == load.load_catalogue(content, workers=1)
    # a file broken: its error, and the same errors as a load without a cache
    path.write_text(text.replace("title:\n", "title: [\n", 1), encoding="utf-8")
    broken = load.load_catalogue(content, cache=cache)
    assert broken.catalogue is None and any(p.path == RECORD for p in broken.problems)
    assert broken == load.load_catalogue(content, workers=1)
    # a reference that no longer resolves is found though the file with it is not read
    programme = project / PROGRAMME
    path.write_text(text, encoding="utf-8")
    load.load_catalogue(content, cache=cache)
    programme.rename(programme.with_name("renamed-programme.yml"))
    gone = load.load_catalogue(content, cache=cache)
    assert gone == load.load_catalogue(content, workers=1)
    assert gone.catalogue is None and any(p.path == IN_PROGRAMME for p in gone.problems)
