"""The IATI export, `data/iati-activities.xml`, in real builds: valid against the official
IATI 2.03 activity schema (tests/fixtures/iati/, loaded by lxml without the network), one
activity per record that has what the schema requires, and each element true to the
record's YAML; no file (and one notice) without the publisher's identifier; a clear
error for a malformed one; the same bytes from `mkdocs build` and `katalog build-data`,
build after build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from katalog.exports import iati
from katalog.records.load import load_catalogue
from katalog.records.model import Catalogue
from katalog.settings import SettingsError, from_config
from tests.paths import REPO
from tests.support import BUILD_DATE_EPOCH, build, copy_project

SCHEMAS = REPO / "tests" / "fixtures" / "iati"
RECORDS = REPO / "tests" / "fixtures" / "sites" / "iati" / "content"
ORG = "NO-BRC-123456789"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
COMMIT_DATE = "2026-03-04T12:00:00+00:00"
IATI_SETTINGS = (
    "    iati:\n"
    "      organisation: !ENV [KATALOG_IATI_ORG, null]\n"
    '      type: "11"\n'
    "      name: {nb: Testkommunen, en: The test municipality}\n"
)
WRITTEN = {
    "programme": {"test-iati-programme", "test-iati-planned-programme"},
    "project": {
        "polish-municipalities-capacity-building",
        "test-iati-planned",
        "test-iati-year-only",
    },
}
"""The records with a status, a period and an organisation in a role IATI knows."""
NOTICE_NOT_SET = "No iati-activities.xml: the IATI organisation identifier (KATALOG_IATI_ORG)"


def with_iati_settings(project: Path) -> Path:
    """The project with the IATI type and name set in mkdocs.yml and the test records."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    block = re.search(r"    iati:\n(      .*\n)+", text)
    assert block is not None, "mkdocs.yml has an extra.katalog.iati block"
    config.write_text(text.replace(block.group(0), IATI_SETTINGS), encoding="utf-8")
    for kind in ("programmes", "projects"):
        for record in sorted((RECORDS / kind).glob("*.yml")):
            shutil.copy2(record, project / "content" / kind / record.name)
    return project


def commit_all(project: Path) -> None:
    """The project as a git repository of one commit, on a fixed day."""
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": COMMIT_DATE,
        "GIT_COMMITTER_DATE": COMMIT_DATE,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    for args in (["init", "--quiet", "--initial-branch=main"], ["add", "--all"]):
        subprocess.run(["git", *args], cwd=project, check=True, env=env)
    subprocess.run(["git", "commit", "--quiet", "-m", "records"], cwd=project, check=True, env=env)


ENV = {"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "KATALOG_IATI_ORG": ORG}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    project = with_iati_settings(copy_project(tmp_path_factory.mktemp("iati") / "project"))
    commit_all(project)
    done = build(project, env=ENV)
    assert done.returncode == 0, done.stdout + done.stderr
    return project, done.stdout + done.stderr


@pytest.fixture(scope="module")
def tree(built: tuple[Path, str]) -> etree._ElementTree:
    project, _ = built
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.parse(str(project / "site" / "data" / "iati-activities.xml"), parser)


@pytest.fixture(scope="module")
def catalogue(built: tuple[Path, str]) -> Catalogue:
    project, _ = built
    result = load_catalogue(project / "content")
    assert result.catalogue is not None
    return result.catalogue


def activities(tree: etree._ElementTree) -> dict[str, etree._Element]:
    """Activity by record slug (its identifier less the organisation's)."""
    found = {}
    for activity in tree.getroot().findall("iati-activity"):
        identifier = activity.findtext("iati-identifier") or ""
        assert identifier.startswith(ORG + "-"), identifier
        found[identifier.removeprefix(ORG + "-")] = activity
    return found


def narratives(element: etree._Element | None) -> dict[str | None, str]:
    assert element is not None
    return {n.get(XML_LANG): n.text or "" for n in element.findall("narrative")}


def test_the_file_is_valid_against_the_iati_2_03_schema(tree: etree._ElementTree) -> None:
    parser = etree.XMLParser(no_network=True)
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "iati-activities-schema.xsd"), parser))
    assert schema.validate(tree), schema.error_log
    root = tree.getroot()
    assert root.tag == "iati-activities" and root.get("version") == "2.03"
    assert root.get("generated-datetime") == "2026-11-25T00:00:00Z"  # the build date


def test_one_activity_per_record_that_iati_can_carry(
    tree: etree._ElementTree, catalogue: Catalogue, built: tuple[Path, str]
) -> None:
    found = activities(tree)
    assert set(found) == WRITTEN["programme"] | WRITTEN["project"]
    assert len(found) == len(tree.getroot().findall("iati-activity"))  # identifiers unique
    for slug in WRITTEN["programme"]:
        assert found[slug].get("hierarchy") == "1"
    for slug in WRITTEN["project"]:
        assert found[slug].get("hierarchy") == "2"
    # Every other record is named, once, with what it lacks.
    _, log = built
    notices = [line for line in log.splitlines() if "iati-activities.xml leaves out" in line]
    assert len(notices) == 1
    left_out = {*catalogue.programmes, *catalogue.projects} - set(found)
    assert (
        "projects/test-iati-advisor-only (an organisation as lead, partner or funder)"
        in (notices[0])
    )
    assert "programmes/norway-ukraine-municipal-cooperation (a period)" in notices[0]
    for slug in left_out:
        assert f"/{slug} (" in notices[0], slug
    assert f"leaves out {len(left_out)} of {len(left_out) + len(found)} records" in notices[0]


def test_reporting_org_titles_and_descriptions_in_both_languages(
    tree: etree._ElementTree, catalogue: Catalogue
) -> None:
    records = {**catalogue.programmes, **catalogue.projects}
    for slug, activity in activities(tree).items():
        record = records[slug]
        assert activity.get(XML_LANG) == "nb"  # the site's default language
        reporting = activity.find("reporting-org")
        assert reporting is not None
        assert (reporting.get("ref"), reporting.get("type")) == (ORG, "11")
        assert narratives(reporting) == {"nb": "Testkommunen", "en": "The test municipality"}
        assert narratives(activity.find("title")) == {
            "nb": record.title["nb"],
            "en": record.title["en"],
        }
        description = activity.find("description")
        assert description is not None and description.get("type") == "1"
        assert narratives(description) == {
            "nb": record.summary["nb"],
            "en": record.summary["en"],
        }


def test_participating_organisations_by_role(tree: etree._ElementTree) -> None:
    found = activities(tree)

    def roles(slug: str) -> list[tuple[str | None, dict[str | None, str]]]:
        return [
            (org.get("role"), narratives(org)) for org in found[slug].findall("participating-org")
        ]

    # A programme's funder is Funding (1), its lead Accountable (2).
    assert roles("test-iati-programme") == [("1", {None: "Sida"}), ("2", {None: "KS"})]
    # A partner is Implementing (4); an advisor has no IATI role and is left out.
    assert roles("test-iati-planned") == [("4", {None: "AUC"})]
    assert roles("test-iati-year-only") == [("2", {None: "KS"}), ("4", {None: "AUC"})]
    # A name that differs between languages is given in each.
    assert (
        "4",
        {
            "nb": "Polsk forskningsinstitutt for arealplanlegging",
            "en": "Polish research institute for spatial planning",
        },
    ) in roles("polish-municipalities-capacity-building")
    for activity in found.values():
        for org in activity.findall("participating-org"):
            assert org.get("ref") is None and org.get("type") is None  # not known: left out


def test_status_and_dates_follow_the_records(tree: etree._ElementTree) -> None:
    found = activities(tree)

    def status(slug: str) -> str | None:
        element = found[slug].find("activity-status")
        return None if element is None else element.get("code")

    def dates(slug: str) -> list[tuple[str | None, str | None, dict[str | None, str]]]:
        return [
            (d.get("type"), d.get("iso-date"), narratives(d))
            for d in found[slug].findall("activity-date")
        ]

    # active, 2018-09 to 2028 on 2026-11-25: started (actual), ends as planned
    assert status("test-iati-programme") == "2"
    assert dates("test-iati-programme") == [
        ("2", "2018-09-01", {"nb": "Oppgitt som september 2018", "en": "Stated as September 2018"}),
        ("3", "2028-12-31", {"nb": "Oppgitt som 2028", "en": "Stated as 2028"}),
    ]
    # no status, 2019-2023: completed on the build date (3 Completion); a year-only
    # period is its first and last days, with the year as stated
    assert status("test-iati-year-only") == "3"
    assert dates("test-iati-year-only") == [
        ("2", "2019-01-01", {"nb": "Oppgitt som 2019", "en": "Stated as 2019"}),
        ("4", "2023-12-31", {"nb": "Oppgitt som 2023", "en": "Stated as 2023"}),
    ]
    # planned, full days: planned start and end, no narrative
    assert status("test-iati-planned") == "1"
    assert dates("test-iati-planned") == [("1", "2027-02-01", {}), ("3", "2028-06-30", {})]
    # planned, open end: a planned start only
    assert status("test-iati-planned-programme") == "1"
    assert dates("test-iati-planned-programme") == [("1", "2027-01-15", {})]


def test_recipient_countries_are_the_records_countries(
    tree: etree._ElementTree, catalogue: Catalogue
) -> None:
    records = {**catalogue.programmes, **catalogue.projects}
    for slug, activity in activities(tree).items():
        codes = [c.get("code") for c in activity.findall("recipient-country")]
        assert codes == list(records[slug].countries), slug
        assert all(c.get("percentage") is None for c in activity.findall("recipient-country"))
    year_only = activities(tree)["test-iati-year-only"]
    assert [c.get("code") for c in year_only.findall("recipient-country")] == ["UA", "NO"]


def test_related_activities_pair_programmes_and_their_projects(
    tree: etree._ElementTree, catalogue: Catalogue
) -> None:
    found = activities(tree)
    links = set()
    for slug, activity in found.items():
        for related in activity.findall("related-activity"):
            ref = (related.get("ref") or "").removeprefix(ORG + "-")
            assert ref in found, ref  # only to activities in the file
            links.add((slug, related.get("type"), ref))
    expected = set()
    for project in catalogue.projects.values():
        if project.slug in found and project.programme in found:
            expected.add((project.slug, "1", project.programme))  # parent
            expected.add((project.programme, "2", project.slug))  # child
    assert links == expected
    assert ("test-iati-year-only", "1", "test-iati-programme") in links


def test_last_updated_is_the_day_of_the_records_last_commit(tree: etree._ElementTree) -> None:
    for activity in activities(tree).values():
        assert activity.get("last-updated-datetime") == "2026-03-04T00:00:00Z"


def test_the_data_page_lists_it(built: tuple[Path, str]) -> None:
    project, log = built
    for lang, title in (
        ("nb", "Programmer og prosjekter i IATI-format"),
        ("en", "Programmes and projects in IATI format"),
    ):
        soup = BeautifulSoup(
            (project / "site" / lang / "data" / "index.html").read_text("utf-8"), "lxml"
        )
        rows = soup.select("table.kat-downloads tbody tr")
        listed = {
            urlsplit(str(link["href"])).path.split("data/", 1)[1]: row.get_text(" ", strip=True)
            for row in rows
            if (link := row.select_one("a")) is not None
        }
        assert "iati-activities.xml" in listed
        assert (
            title in listed["iati-activities.xml"] and "IATI XML" in listed["iati-activities.xml"]
        )
    assert NOTICE_NOT_SET not in log


def test_build_data_writes_the_same_bytes_build_after_build(
    built: tuple[Path, str], tmp_path: Path
) -> None:
    project, _ = built
    published = (project / "site" / "data" / "iati-activities.xml").read_bytes()
    for run in ("first", "second"):
        done = subprocess.run(
            [sys.executable, "-m", "katalog.cli", "build-data", "--out", str(tmp_path / run)],
            cwd=project,
            capture_output=True,
            text=True,
            env={**os.environ, **ENV, "PYTHONPATH": str(REPO)},
        )
        assert done.returncode == 0, done.stderr
        assert (tmp_path / run / "data" / "iati-activities.xml").read_bytes() == published
        assert done.stderr.count("iati-activities.xml leaves out") == 1


def test_without_an_identifier_no_file_and_one_notice(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    env = {"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "KATALOG_IATI_ORG": ""}
    done = build(project, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    log = done.stdout + done.stderr
    assert log.count(NOTICE_NOT_SET) == 1
    assert next(line for line in log.splitlines() if NOTICE_NOT_SET in line).startswith("INFO")
    site = project / "site"
    assert not (site / "data" / "iati-activities.xml").exists()
    for lang in ("nb", "en"):
        page = (site / lang / "data" / "index.html").read_text("utf-8")
        assert "iati-activities.xml" not in page


def test_a_malformed_identifier_stops_the_build_with_its_setting(tmp_path: Path) -> None:
    project = with_iati_settings(copy_project(tmp_path / "project"))
    env = {"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "KATALOG_IATI_ORG": "NO-BRC 123456789"}
    done = build(project, env=env)
    assert done.returncode != 0
    assert (
        "mkdocs.yml: extra.katalog.iati.organisation (KATALOG_IATI_ORG) must be an IATI "
        "organisation identifier" in done.stdout + done.stderr
    )
    assert "not 'NO-BRC 123456789'" in done.stdout + done.stderr
    assert not (project / "site").exists()


def settings_with(iati_setting: object, **extra: object) -> object:
    return from_config({"extra": {"katalog": {"iati": iati_setting, **extra}}}, Path())


@pytest.mark.parametrize(
    "identifier",
    ["NO-BRC-123456789", "XM-DAC-7", "GB-COH-01234567", "XI-IATI-EXAMPLE.1_2-3"],
)
def test_iati_identifiers_that_are_accepted(identifier: str) -> None:
    settings = from_config(
        {"extra": {"katalog": {"iati": {"organisation": identifier, "type": 11, "name": "X"}}}},
        Path(),
    )
    assert settings.iati.organisation == identifier and settings.iati.type == "11"


@pytest.mark.parametrize(
    "identifier",
    [
        "NO-BRC-123 456",
        " NO-BRC-123456789",
        "NO-BRC-123456789\n",
        "123456789",
        "NO-123456789",
        "no-brc-123456789",
        "NO-BRC-12/34",
        "NO-BRC-1&2",
        "NO-BRC-12\u200b34",
        "NO-BRC-",
    ],
)
def test_malformed_iati_identifiers_are_refused(identifier: str) -> None:
    with pytest.raises(SettingsError, match=r"extra\.katalog\.iati\.organisation"):
        settings_with({"organisation": identifier, "type": "11", "name": "X"})


def test_an_identifier_needs_a_type_and_a_name() -> None:
    with pytest.raises(SettingsError, match=r"extra\.katalog\.iati\.type is needed"):
        settings_with({"organisation": ORG, "name": "X"})
    with pytest.raises(SettingsError, match=r"IATI OrganisationType code, one of 10, 11"):
        settings_with({"organisation": ORG, "type": "99", "name": "X"})
    with pytest.raises(SettingsError, match=r"extra\.katalog\.iati\.name"):
        settings_with({"organisation": ORG, "type": "11"})
    # the publisher's name serves where the IATI setting names none
    settings = from_config(
        {
            "extra": {
                "katalog": {
                    "iati": {"organisation": ORG, "type": "11"},
                    "publisher": {"name": {"nb": "Utgiveren", "en": "The publisher"}},
                }
            }
        },
        Path(),
    )
    assert settings.iati.name is not None and settings.iati.name["en"] == "The publisher"
    # without an identifier, nothing else is asked for
    assert settings_with({"organisation": None}).iati.organisation is None  # type: ignore[attr-defined]


def test_identifiers_are_the_organisation_and_the_slug(catalogue: Catalogue) -> None:
    record = catalogue.projects["test-iati-planned"]
    assert iati.identifier(ORG, record) == f"{ORG}-test-iati-planned"
