"""Every page the build writes is valid HTML, by the Nu Html Checker (vnu-jar).

One build, as the publishing workflow makes it (with the repository's address and a
publisher, so that the edit links and the footer's publisher are in the pages), and one run
of the checker over the whole site folder: Java is slow to start, so every page goes in one
invocation, with a few planted pages beside the site that show the check can fail.
The checker reads the HTML as the server sends it; what the search script adds to a page
later is checked by axe-core in the browser (tests/test_axe.py).
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from katalog.site import thememarkup
from tests.checkers import VNU, java, required
from tests.support import BUILD_DATE_EPOCH, build, copy_project
from tests.test_identity import LANGUAGES, PUBLISHER
from tests.test_identity_browser import REPO_URL

VNU_OPTIONS = ("--errors-only", "--format", "json", "--skip-non-html")

PLANTED = {
    "duplicate-id.html": (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        '<body><p id="a">one</p><p id="a">two</p></body></html>',
        "Duplicate ID “a”.",
    ),
    "checkbox-autocomplete.html": (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        '<body><input type="checkbox" id="x" autocomplete="off"></body></html>',
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
        "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
        "“search”, “tel”, “text”, “time”, “url”, or “week”.",
    ),
}
"""Pages with a known error each, beside the site: the second is the allowed message in
markup that is not Material's, which must still be reported."""


@dataclass(frozen=True)
class Checked:
    site: Path
    pages: int
    errors: list[dict[str, Any]]
    """Every error the checker reported, planted pages' included."""


def element(error: dict[str, Any]) -> str:
    """The element the error is about, from the checker's extract and highlight."""
    extract: str = error.get("extract", "")
    start, length = error.get("hiliteStart", 0), error.get("hiliteLength", len(extract))
    return extract[start : start + length]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    vnu = required(VNU, "The Nu Html Checker (vnu-jar)")
    runtime = java()
    root = tmp_path_factory.mktemp("html")
    project = copy_project(root / "project")
    config = project / "mkdocs.yml"
    settings = config.read_text(encoding="utf-8")
    config.write_text(settings.replace(LANGUAGES, LANGUAGES + PUBLISHER), encoding="utf-8")
    result = build(
        project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "KATALOG_REPO_URL": REPO_URL}
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    planted = root / "planted"
    planted.mkdir()
    for name, (html, _) in PLANTED.items():
        (planted / name).write_text(html, encoding="utf-8")
    site = project / "site"
    run = subprocess.run(
        [runtime, "-jar", str(vnu), *VNU_OPTIONS, str(site), str(planted)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(run.stderr)  # the checker writes its JSON report to stderr
    errors = [message for message in report["messages"] if message["type"] != "info"]
    assert errors, "the checker reported nothing at all, not even on the planted pages"
    return Checked(site=site, pages=len(list(site.rglob("*.html"))), errors=errors)


def where(error: dict[str, Any], site: Path) -> str:
    path = Path(error.get("url", "").removeprefix("file:"))
    name = path.relative_to(site).as_posix() if path.is_relative_to(site) else str(path)
    return f"{name}:{error.get('lastLine', '?')}: {error['message']} {element(error)!r}"


def test_every_page_is_valid_html(checked: Checked) -> None:
    assert checked.pages > 150, f"only {checked.pages} pages built"
    site = str(checked.site)
    found = [where(error, checked.site) for error in checked.errors if site in error.get("url", "")]
    assert found == [], f"{len(found)} HTML errors:\n" + "\n".join(found[:40])


def test_the_checker_reports_the_planted_errors(checked: Checked) -> None:
    """The check can fail: among others on the attribute Material's toggles carried."""
    for name, (_, message) in PLANTED.items():
        reported = [error for error in checked.errors if error.get("url", "").endswith("/" + name)]
        assert [error["message"] for error in reported] == [message], name


def test_material_s_toggles_are_made_valid(checked: Checked) -> None:
    """Material writes `autocomplete="off"` on its two hidden toggles, where no override
    reaches; the build removes it (katalog/site/thememarkup.py) and keeps the toggles."""
    for page in ("nb/index.html", "en/projects/index.html", "404.html"):
        soup = BeautifulSoup((checked.site / page).read_text(encoding="utf-8"), "lxml")
        for name in ("drawer", "search"):
            toggle = soup.select_one(f"input#__{name}")
            assert toggle is not None, (page, name)
            assert toggle.get("type") == "checkbox" and toggle.get("data-md-toggle") == name
            assert not toggle.has_attr("autocomplete"), (page, name)


def test_only_the_toggles_lose_the_attribute() -> None:
    page = (
        '<body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
        ' autocomplete="off"><input id="q" type="search" autocomplete="off"></body>'
    )
    assert thememarkup.correct(page) == (
        '<body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input id="q" type="search" autocomplete="off"></body>'
    )
