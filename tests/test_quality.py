"""The data-quality report, from a fixture site with known gaps: the data page's tables
(a real build, parsed), `data/quality.json` (validated against its published schema) and
`katalog report` (text in both languages and `--json`) all say what the fixture holds.

The fixture (`tests/fixtures/sites/quality/`): one programme and two projects.
`quality-complete` has a period, sources, a `checked` date and a partner call whose last
day (2025-03-01) has passed; `quality-gaps` has a Bokmål-only description, no period, no
sources and no date (so it is due for review). The organisation `unused-association` and
the theme `water-supply` are named by no record.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from jsonschema import Draft202012Validator

from tests.paths import REPO
from tests.support import BUILD_DATE_EPOCH, build, copy_project

FIXTURE = REPO / "tests" / "fixtures" / "sites" / "quality" / "content"
LANGS = ("nb", "en")

PROJECT_FILL = {
    "title": (True, 2),
    "summary": (True, 2),
    "countries": (True, 2),
    "themes": (True, 2),
    "programme": (False, 1),
    "description": (False, 2),
    "period": (False, 1),
    "status": (False, 0),
    "partners": (False, 2),
    "keywords": (False, 0),
    "links": (False, 0),
    "contact": (False, 0),
    "funding": (False, 0),
    "partner_call": (False, 1),
    "website": (False, 0),
    "sources": (False, 1),
    "checked": (False, 1),
}
PROGRAMME_FILL = {
    "title": (True, 1),
    "summary": (True, 1),
    "description": (False, 1),
    "status": (False, 0),
    "period": (False, 0),
    "countries": (False, 1),
    "themes": (False, 1),
    "funders": (False, 1),
    "partners": (False, 0),
    "application_windows": (False, 0),
    "website": (False, 0),
    "keywords": (False, 0),
    "links": (False, 0),
    "contact": (False, 0),
    "sources": (False, 1),
    "checked": (False, 1),
}
WORDS = {
    "nb": {
        "required": "påkrevd",
        "optional": "valgfritt",
        "filled": "{n} av {total}",
        "project": "{n} prosjekter",
        "programme": "{n} program",
        "en": "engelsk",
        "closed": "Partnersøket ble avsluttet 1. mars 2025.",
        "undated": "dato ikke oppgitt",
        "gaps": "Et prosjekt med hull",
        "complete": "Et fullstendig prosjekt",
        "organisation": "Ubrukt forening",
        "theme": "Vannforsyning",
    },
    "en": {
        "required": "required",
        "optional": "optional",
        "filled": "{n} of {total}",
        "project": "{n} projects",
        "programme": "{n} programme",
        "en": "English",
        "closed": "This partner search closed on 1 March 2025.",
        "undated": "date not stated",
        "gaps": "A project with gaps",
        "complete": "A complete project",
        "organisation": "Unused Association",
        "theme": "Water supply",
    },
}


def expected_fill(lang: str, kind: str) -> dict[str, tuple[str, str]]:
    words = WORDS[lang]
    fill, total = (PROJECT_FILL, 2) if kind == "project" else (PROGRAMME_FILL, 1)
    records = words[kind].format(n=total)
    return {
        field: (
            words["required" if required else "optional"],
            words["filled"].format(n=filled, total=records),
        )
        for field, (required, filled) in fill.items()
    }


def make_project(target: Path) -> Path:
    """The site's project with the fixture's records instead of the catalogue's."""
    project = copy_project(target)
    content = project / "content"
    for folder in ("programmes", "projects"):
        shutil.rmtree(content / folder)
    for name in ("organisations.yml", "themes.yml"):
        (content / name).unlink()
    shutil.copytree(FIXTURE, content, dirs_exist_ok=True)
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    made = make_project(tmp_path_factory.mktemp("quality") / "project")
    done = build(made, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH})
    assert done.returncode == 0, done.stdout + done.stderr
    return made


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "site"


def report(project: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """`katalog report` run in the project, on the build date of the build."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "PYTHONPATH": str(REPO)}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "katalog.cli", "report", *args],
        cwd=project,
        capture_output=True,
        env=env,
    )


def data_page(site: Path, lang: str) -> BeautifulSoup:
    return BeautifulSoup((site / lang / "data" / "index.html").read_text("utf-8"), "lxml")


def cell_text(cell: Tag) -> str:
    """A cell's words; a field's name (`<code>`, with `<wbr>` break points) as one word."""
    code = cell.find("code")
    if isinstance(code, Tag):
        return code.get_text("")
    return cell.get_text(" ", strip=True)


def rows(table: Tag) -> list[list[str]]:
    return [
        [cell_text(cell) for cell in row.find_all(["th", "td"])] for row in table.select("tbody tr")
    ]


def header(table: Tag) -> list[str]:
    return [cell.get_text(strip=True) for cell in table.select("thead th[scope=col]")]


def href_target(site: Path, lang: str, link: Tag) -> Path:
    """The file a link on the data page (`/<lang>/data/`) leads to."""
    return (site / lang / "data" / str(link["href"]) / "index.html").resolve()


@pytest.mark.parametrize("lang", LANGS)
def test_the_data_page_tables_say_what_the_fixture_holds(site: Path, lang: str) -> None:
    soup = data_page(site, lang)
    words = WORDS[lang]
    for kind in ("programme", "project"):
        table = soup.select_one(f"table.kat-quality__fill[data-kind={kind}]")
        assert table is not None, kind
        caption = table.select_one("caption")
        assert caption is not None and words[kind].format(n=2 if kind == "project" else 1) in (
            caption.get_text()
        )
        assert len(header(table)) == 3
        assert all(row.select_one("th[scope=row]") for row in table.select("tbody tr"))
        found = {field: (need, filled) for field, need, filled in rows(table)}
        assert found == expected_fill(lang, kind)

    translations = soup.select_one("table.kat-quality__translations")
    assert translations is not None and translations.select_one("caption") is not None
    kind = "Prosjekt" if lang == "nb" else "Project"
    assert rows(translations) == [[f"{words['gaps']} {kind}", "description", words["en"]]]
    link = translations.select_one("tbody a")
    assert link is not None and href_target(site, lang, link) == (
        site / lang / "projects" / "quality-gaps" / "index.html"
    )

    review = soup.select_one("table.kat-review__records")
    assert review is not None and review.select_one("caption") is not None
    assert [(row[0], row[2]) for row in rows(review)] == [(words["gaps"], words["undated"])]

    calls = soup.select_one("table.kat-quality__calls")
    assert calls is not None and calls.select_one("caption") is not None
    assert rows(calls) == [[words["complete"], words["closed"]]]
    link = calls.select_one("tbody a")
    assert link is not None and href_target(site, lang, link).is_file()

    unused = soup.select("ul.kat-quality__unused")
    assert [[a.get_text(strip=True) for a in ul.select("a")] for ul in unused] == [
        [words["organisation"]],
        [words["theme"]],
    ]
    targets = [href_target(site, lang, a) for ul in unused for a in ul.select("a")]
    assert targets == [
        site / lang / "organisations" / "unused-association" / "index.html",
        site / lang / "themes" / "water-supply" / "index.html",
    ]
    assert all(target.is_file() for target in targets)


@pytest.mark.parametrize("lang", LANGS)
def test_the_data_page_lists_the_report_and_its_schema(site: Path, lang: str) -> None:
    soup = data_page(site, lang)
    hrefs = [str(a["href"]) for a in soup.select("table.kat-downloads tbody a")]
    assert any(href.endswith("quality.json") for href in hrefs)
    assert any(href.endswith("quality.schema.json") for href in hrefs)


def quality_document(site: Path) -> Any:
    document = json.loads((site / "data" / "quality.json").read_bytes())
    schema = json.loads((site / "data" / "quality.schema.json").read_bytes())
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [error.message for error in validator.iter_errors(document)]
    assert errors == []
    return document


def test_the_json_report_follows_its_schema_and_the_fixture(site: Path) -> None:
    document = quality_document(site)
    assert document["generated"] == "2026-11-25"
    assert document["languages"] == ["nb", "en"]
    assert document["review_months"] == 24
    for kind, fill, total in (("programme", PROGRAMME_FILL, 1), ("project", PROJECT_FILL, 2)):
        assert document["fields"][kind]["records"] == total
        assert {
            row["field"]: (row["required"], row["filled"])
            for row in document["fields"][kind]["fields"]
        } == fill
    gaps = {
        "kind": "project",
        "slug": "quality-gaps",
        "urls": {"nb": "nb/projects/quality-gaps/", "en": "en/projects/quality-gaps/"},
    }
    assert document["missing_translations"] == [
        {"record": gaps, "field": "description", "required": False, "missing": ["en"]}
    ]
    assert document["review_due"] == [{"record": gaps, "information_as_of": None}]
    assert [(c["record"]["slug"], c["reason"], c["until"]) for c in document["closed_calls"]] == [
        ("quality-complete", "until-passed", "2025-03-01")
    ]
    assert document["unused_organisations"] == ["unused-association"]
    assert document["unused_themes"] == ["water-supply"]


def test_a_schema_violation_is_caught(site: Path) -> None:
    """The schema is strict enough to matter: a miscounted field does not pass."""
    document = json.loads((site / "data" / "quality.json").read_bytes())
    schema = json.loads((site / "data" / "quality.schema.json").read_bytes())
    document["fields"]["project"]["fields"][0]["filled"] = "two"
    document["unused_themes"] = ["Not A Slug"]
    assert len(list(Draft202012Validator(schema).iter_errors(document))) == 2


def test_report_json_is_the_published_file(project: Path, site: Path) -> None:
    done = report(project, "--json")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (site / "data" / "quality.json").read_bytes()
    assert report(project, "--json").stdout == done.stdout  # deterministic


@pytest.mark.parametrize("lang", LANGS)
def test_report_text_says_what_the_page_says(project: Path, lang: str) -> None:
    done = report(project, "--lang", lang)
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")
    lines = [line.strip() for line in text.splitlines()]
    words = WORDS[lang]
    for kind in ("programme", "project"):
        for field, (need, filled) in expected_fill(lang, kind).items():
            assert any(line.split() == [field, need, *filled.split()] for line in lines), (
                field,
                filled,
            )
    kind = "Prosjekt" if lang == "nb" else "Project"
    assert f"{words['gaps']} </{lang}/projects/quality-gaps/> ({kind})" in lines
    assert any(line.startswith("description:") and line.endswith(words["en"]) for line in lines)
    assert f"{words['complete']} </{lang}/projects/quality-complete/>" in lines
    assert words["closed"] in lines
    assert any(line.endswith(words["undated"]) for line in lines)
    assert f"{words['organisation']} </{lang}/organisations/unused-association/>" in lines
    assert f"{words['theme']} </{lang}/themes/water-supply/>" in lines


def test_report_defaults_to_the_site_language(project: Path) -> None:
    assert report(project).stdout == report(project, "--lang", "nb").stdout


def test_report_of_invalid_content_fails_with_the_problems(tmp_path: Path) -> None:
    made = make_project(tmp_path / "project")
    broken = made / "content" / "projects" / "quality-gaps.yml"
    broken.write_text(
        broken.read_text("utf-8").replace("themes: [local-democracy]", "themes: [nope]")
    )
    done = report(made)
    assert done.returncode == 1
    assert b"quality-gaps.yml" in done.stdout and b"error" in done.stdout
    assert b"no report was made" in done.stderr


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("lang", LANGS)
def test_the_report_with_every_table_passes_axe_and_fits(site: Path, lang: str, width: int) -> None:
    """The fixture's data page shows every table of the report (the catalogue's own may
    show fewer): no WCAG 2.1 A/AA violation axe-core can find, no sideways scrolling."""
    from tests.checkers import AXE, required
    from tests.support import browse, page_opener
    from tests.test_axe import axe
    from tests.test_browser import horizontal_overflow
    from tests.test_identity_browser import LOCALE

    required(AXE, "axe-core")
    with browse(site) as (base, browser), page_opener(browser, 15_000) as open_page:
        page = open_page(
            viewport={"width": width, "height": 900}, locale=LOCALE[lang], bypass_csp=True
        )
        page.goto(f"{base}{lang}/data/")
        assert page.locator("table.kat-quality__translations tbody tr").count() == 1
        assert page.locator("table.kat-quality__calls tbody tr").count() == 1
        violations = axe(page)
        assert violations == [], violations
        overflow = horizontal_overflow(page)
        assert overflow["scrollWidth"] <= overflow["innerWidth"], overflow


def test_report_in_a_language_the_site_lacks_is_a_usage_error(project: Path) -> None:
    done = report(project, "--lang", "sv")
    assert done.returncode == 2
    assert b"the site's languages are nb, en" in done.stderr and done.stdout == b""
