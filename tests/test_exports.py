"""The open-data exports, built from the real content without MkDocs: catalogue.json and
its schema, the CSV tables, and each record's own files."""

from __future__ import annotations

import copy
import csv
import dataclasses
import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from katalog.exports import DataFile, Listing, catalogue_json, records, tables
from katalog.records.load import load_catalogue
from katalog.records.model import Catalogue, Funding, Localized
from katalog.settings import Licence, Settings
from katalog.site.context import BuildContext
from katalog.site.richtext import Renderer
from tests.paths import CONTENT, REPO
from tests.support import add_partner_calls

TODAY = date(2026, 11, 25)
SITE_URL = "https://example.org/"
POLISH = "polish-municipalities-capacity-building"
SWEDISH = "swedish-municipal-partnership-programme"


@dataclass
class Context(BuildContext):
    """A build context that knows where record files are, as the build's will."""

    source_root: Path = REPO


def load() -> Catalogue:
    catalogue = load_catalogue(CONTENT).catalogue
    assert catalogue is not None
    return catalogue


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load()


def context(catalogue: Catalogue, settings: Settings | None = None) -> Context:
    return Context(
        catalogue=catalogue, today=TODAY, render=Renderer(), settings=settings or Settings()
    )


@pytest.fixture(scope="module")
def ctx(catalogue: Catalogue) -> Context:
    return context(catalogue)


def build(ctx: BuildContext) -> dict[str, DataFile]:
    built = [
        *catalogue_json.files(ctx),
        *tables.files(ctx),
        *records.files(ctx),
    ]
    by_path = {file.path: file for file in built}
    assert len(by_path) == len(built), "two exports wrote the same path"
    return by_path


@pytest.fixture(scope="module")
def built(ctx: Context) -> dict[str, DataFile]:
    return build(ctx)


def parse(file: DataFile) -> Any:
    return json.loads(file.content.decode("utf-8"))


@pytest.fixture(scope="module")
def document(built: dict[str, DataFile]) -> Any:
    return parse(built["data/catalogue.json"])


@pytest.fixture(scope="module")
def validator(built: dict[str, DataFile]) -> Draft202012Validator:
    schema = parse(built["data/catalogue.schema.json"])
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def entry(document: Any, section: str, slug: str) -> Any:
    return next(item for item in document[section] if item["slug"] == slug)


def rows(file: DataFile) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(file.content.decode("utf-8-sig"), newline="")))


# --- catalogue.json --------------------------------------------------------------------


def test_catalogue_is_valid_under_its_published_schema(
    document: Any, validator: Draft202012Validator
) -> None:
    errors = [error.message for error in validator.iter_errors(document)]
    assert errors == []


def test_schema_rejects_what_the_document_never_holds(
    document: Any, validator: Draft202012Validator
) -> None:
    extra = copy.deepcopy(document)
    extra["projects"][0]["colour"] = "blue"
    missing = copy.deepcopy(document)
    del missing["programmes"][0]["status"]
    number = copy.deepcopy(document)
    number["projects"][0]["funding"] = {"amount": 2500.5, "currency": "EUR", "note": None}
    window = copy.deepcopy(document)
    entry(window, "programmes", SWEDISH)["application_windows"][0]["opens"] = "2-15"
    for broken in (extra, missing, number, window):
        assert not validator.is_valid(broken)


def test_schema_id_is_the_published_address(catalogue: Catalogue) -> None:
    plain = parse(build(context(catalogue))["data/catalogue.schema.json"])
    assert plain["$id"] == "data/catalogue.schema.json"
    assert plain["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    published = build(context(catalogue, Settings(site_url=SITE_URL)))
    assert parse(published["data/catalogue.schema.json"])["$id"] == (
        "https://example.org/data/catalogue.schema.json"
    )


def test_catalogue_header(document: Any) -> None:
    assert document["schema_version"] == catalogue_json.SCHEMA_VERSION
    assert document["generated"] == "2026-11-25"
    assert document["languages"] == ["nb", "en"]


def test_catalogue_holds_every_record_and_vocabulary_in_slug_order(
    document: Any, catalogue: Catalogue
) -> None:
    for section in ("programmes", "projects", "organisations", "themes"):
        expected = sorted(getattr(catalogue, section))
        assert [item["slug"] for item in document[section]] == expected
        assert expected


def test_every_record_is_in_both_languages(document: Any, catalogue: Catalogue) -> None:
    for section in ("programmes", "projects"):
        for item in document[section]:
            record = getattr(catalogue, section)[item["slug"]]
            assert item["title"] == {"nb": record.title["nb"], "en": record.title["en"]}
            assert set(item["summary"]) == {"nb", "en"}
            assert set(item["urls"]) == {"nb", "en"}


def test_references_are_resolved_with_their_labels(document: Any, catalogue: Catalogue) -> None:
    project = entry(document, "projects", POLISH)
    assert project["themes"][0] == {
        "slug": "capacity-building",
        "label": dict(catalogue.themes["capacity-building"].label.items()),
    }
    assert project["programme"] == {
        "slug": "polish-local-development-programme",
        "title": dict(catalogue.programmes["polish-local-development-programme"].title.items()),
    }
    assert project["countries"] == [{"code": "PL", "name": {"nb": "Polen", "en": "Poland"}}]
    partner = project["partners"][1]
    assert partner["organisation"]["slug"] == "association-of-polish-cities"
    assert partner["organisation"]["name"]["en"] == "Association of Polish Cities"
    assert partner["role"] == "partner"
    institute = entry(document, "organisations", "polish-spatial-planning-research-institute")
    assert institute["name"]["nb"] == "Polsk forskningsinstitutt for arealplanlegging"
    assert institute["country"] == {"code": "PL", "name": {"nb": "Polen", "en": "Poland"}}


def test_record_facts_are_the_build_facts(document: Any, ctx: Context) -> None:
    for facts in ctx.all_facts():
        item = entry(document, facts.kind.section, facts.slug)
        assert item["kind"] == facts.kind.key
        assert item["status"] == (facts.status.value if facts.status else None)
        assert item["years"] == list(facts.years)
        assert item["changed"] == (facts.changed.isoformat() if facts.changed else None)
        assert item["urls"] == dict(facts.urls)
        assert item["data_url"] == facts.data_url
        assert item["source_url"] == facts.source_url
        assert [(o["slug"], o["roles"]) for o in item["organisations"]] == [
            (slug, [role.value for role in roles]) for slug, roles in facts.organisations
        ]
    project = entry(document, "projects", POLISH)
    assert project["period"] == {"start": "2019", "end": "2023"}
    assert project["years"] == [2019, 2020, 2021, 2022, 2023]
    assert project["status"] == "completed"


def test_programme_fields(document: Any) -> None:
    programme = entry(document, "programmes", SWEDISH)
    icld = {
        "title": {
            "nb": "Programmet kommunala partnerskap",
            "en": "The municipal partnership programme",
        },
        "publisher": {"slug": "icld", "name": {"nb": "ICLD", "en": "ICLD"}},
        "url": "http://www.icld.se/kommunalapartnerskap.pab",
        "as_of": "2016",
    }
    assert programme["application_windows"] == [
        {"opens": "02-15", "closes": "03-15", "source": icld},
        {"opens": "09-15", "closes": "10-15", "source": icld},
    ]
    assert programme["sources"] == [icld]
    assert (programme["checked"], programme["information_as_of"]) == (None, "2016")
    assert programme["review_due"] is True
    assert programme["contact"] == {"name": "KP-teamet", "email": "partnership@icld.se"}
    assert "programme" not in programme and "funding" not in programme


def test_amounts_are_exact_strings(catalogue: Catalogue) -> None:
    project = catalogue.projects[POLISH]
    funded = dataclasses.replace(
        project, funding=Funding(Decimal("2500.50"), "EUR", Localized(nb="Årlig", en="Yearly"))
    )
    changed = dataclasses.replace(catalogue, projects={**catalogue.projects, POLISH: funded})
    ctx = context(changed)
    files = build(ctx)
    document = parse(files["data/catalogue.json"])
    assert entry(document, "projects", POLISH)["funding"] == {
        "amount": "2500.50",
        "currency": "EUR",
        "note": {"nb": "Årlig", "en": "Yearly"},
    }
    schema = parse(files["data/catalogue.schema.json"])
    assert Draft202012Validator(schema).is_valid(document)
    english = {row["ID"]: row for row in rows(files["data/projects.en.csv"])}
    assert english[POLISH]["Funding"] == "€2,500.50"


def test_licence_is_stated(catalogue: Catalogue) -> None:
    settings = Settings(
        licence=Licence(Localized(nb="CC BY 4.0", en="CC BY 4.0"), "https://x.org/")
    )
    document = parse(build(context(catalogue, settings))["data/catalogue.json"])
    assert document["licence"] == {
        "name": {"nb": "CC BY 4.0", "en": "CC BY 4.0"},
        "url": "https://x.org/",
    }


def test_json_is_utf8_with_letters_as_themselves(built: dict[str, DataFile]) -> None:
    content = built["data/catalogue.json"].content
    assert content.endswith(b"}\n")
    assert "Kjønnsbalanse".encode() in content
    assert b"\\u00f8" not in content


# --- Each record's own files -----------------------------------------------------------


def test_record_json_is_its_catalogue_entry(
    built: dict[str, DataFile], document: Any, ctx: Context
) -> None:
    for facts in ctx.all_facts():
        own = parse(built[facts.data_url])
        assert own.pop("schema_version") == catalogue_json.SCHEMA_VERSION
        assert own == entry(document, facts.kind.section, facts.slug)


def test_record_source_is_the_file_as_committed(built: dict[str, DataFile], ctx: Context) -> None:
    for facts in ctx.all_facts():
        file = built[facts.source_url]
        assert file.content == (REPO / facts.record.source).read_bytes()
        assert file.listing is None
        assert built[facts.data_url].listing is None
    assert "data/projects/polish-municipalities-capacity-building.yml" in built


# --- CSV tables ------------------------------------------------------------------------


def test_tables_per_kind_and_language(built: dict[str, DataFile]) -> None:
    for section in ("projects", "programmes"):
        for lang in ("nb", "en"):
            file = built[f"data/{section}.{lang}.csv"]
            assert file.listing == Listing(f"{section}-table", "CSV", lang=lang)
            assert file.media_type.startswith("text/csv")


def test_csv_round_trips_one_row_per_record(built: dict[str, DataFile], ctx: Context) -> None:
    for section, records_ in (
        ("projects", ctx.catalogue.projects),
        ("programmes", ctx.catalogue.programmes),
    ):
        for lang in ("nb", "en"):
            content = built[f"data/{section}.{lang}.csv"].content
            assert content.startswith(b"\xef\xbb\xbf")
            assert content.count(b"\r\n") >= len(records_) + 1
            table = rows(built[f"data/{section}.{lang}.csv"])
            assert [row["ID"] for row in table] == sorted(records_)


def test_csv_header_and_values_in_the_tables_language(built: dict[str, DataFile]) -> None:
    norwegian = {row["ID"]: row for row in rows(built["data/projects.nb.csv"])}
    english = {row["ID"]: row for row in rows(built["data/projects.en.csv"])}
    nb, en = norwegian[POLISH], english[POLISH]
    assert nb["Tittel"].startswith("Kapasitetsbygging for lokal utvikling")
    assert en["Title"].startswith("Capacity building for local development")
    assert (nb["Land"], en["Countries"]) == ("Polen", "Poland")
    assert (nb["Status"], en["Status"]) == ("Avsluttet", "Completed")
    assert (nb["Periode"], en["Period"]) == ("2019–2023", "2019–2023")
    assert nb["Temaer"].split("; ")[:2] == ["Kompetanse- og kapasitetsbygging", "Lokal utvikling"]
    assert en["Themes"].startswith("Capacity and competence building; Local development; ")
    assert "Rådgivere" in nb and "Partnersøk" in nb and "Partnersøk, status" in nb
    assert (nb["Partnersøk"], nb["Partnersøk, status"], en["Partner search, status"]) == (
        "",
        "",
        "",
    )
    assert en["Partners"] == (
        "Association of Polish Cities; KS; OECD; Polish research institute for spatial planning"
    )
    assert nb["Partnere"].endswith("; Polsk forskningsinstitutt for arealplanlegging")
    assert en["Page in the catalogue"] == f"en/projects/{POLISH}/"
    assert "Tittel" not in english[POLISH] and "Title" not in nb


# --- Partner calls: open or closed on the build date, said outright -------------------------


@pytest.fixture(scope="module")
def with_calls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, DataFile]:
    """The exports of the real content plus the test projects with partner calls."""
    content = tmp_path_factory.mktemp("calls") / "content"
    shutil.copytree(CONTENT, content)
    add_partner_calls(content)
    catalogue = load_catalogue(content).catalogue
    assert catalogue is not None
    made = context(catalogue)
    return {file.path: file for file in (*catalogue_json.files(made), *tables.files(made))}


def test_json_says_whether_each_call_is_open(with_calls: dict[str, DataFile]) -> None:
    document = parse(with_calls["data/catalogue.json"])
    calls = {
        item["slug"]: item["partner_call"]
        for item in document["projects"]
        if item["partner_call"] is not None
    }
    assert {slug: call["state"] for slug, call in calls.items()} == {
        "test-call-open": "open",
        "test-call-closed-by-date": "closed",
        "test-call-closed-by-completion": "closed",
    }
    assert calls["test-call-open"] == {
        "text": {
            "nb": "Vi søker en kommune med erfaring fra digitale innbyggertjenester.",
            "en": "We are looking for a municipality with experience of digital services "
            "for residents.",
        },
        "contact": {
            "name": "Prosjektkontoret",
            "email": "partnere@example.org",
            "url": "https://example.org/partnere",
        },
        "until": "2027-03-01",
        "state": "open",
    }
    assert calls["test-call-closed-by-completion"]["until"] is None
    schema = parse(with_calls["data/catalogue.schema.json"])
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [error.message for error in validator.iter_errors(document)] == []
    unreachable = copy.deepcopy(document)
    call = entry(unreachable, "projects", "test-call-open")["partner_call"]
    call["contact"] |= {"email": None, "url": None}
    unknown_state = copy.deepcopy(document)
    entry(unknown_state, "projects", "test-call-open")["partner_call"]["state"] = "yes"
    old_form = copy.deepcopy(document)
    entry(old_form, "projects", "test-call-open")["partner_call"] = {"nb": "Vi søker."}
    for broken in (unreachable, unknown_state, old_form):
        assert not validator.is_valid(broken)


def test_csv_says_whether_each_call_is_open(with_calls: dict[str, DataFile]) -> None:
    norwegian = {row["ID"]: row for row in rows(with_calls["data/projects.nb.csv"])}
    english = {row["ID"]: row for row in rows(with_calls["data/projects.en.csv"])}
    assert norwegian["test-call-open"]["Partnersøk, status"] == "Åpent"
    assert english["test-call-open"]["Partner search, status"] == "Open"
    assert english["test-call-open"]["Partner search, last day"] == "2027-03-01"
    assert english["test-call-open"]["Partner search, contact"] == (
        "Prosjektkontoret; partnere@example.org; https://example.org/partnere"
    )
    assert english["test-call-open"]["Partner search"].startswith("We are looking for")
    for slug in ("test-call-closed-by-date", "test-call-closed-by-completion"):
        assert norwegian[slug]["Partnersøk, status"] == "Avsluttet"
        assert english[slug]["Partner search, status"] == "Closed"
    assert english["test-call-closed-by-date"]["Partner search, last day"] == "2025-03-01"


def test_csv_lists_application_windows(built: dict[str, DataFile]) -> None:
    english = {row["ID"]: row for row in rows(built["data/programmes.en.csv"])}
    assert english[SWEDISH]["Application windows"] == (
        "15 February – 15 March every year; 15 September – 15 October every year"
    )


# --- Determinism and addresses ---------------------------------------------------------


def test_output_is_byte_identical_across_builds(built: dict[str, DataFile]) -> None:
    again = build(context(load()))
    assert list(again) == list(built)
    for path, file in built.items():
        assert again[path].content == file.content, path


DIGESTS = """
import hashlib
from tests.test_exports import build, context, load
for path, file in build(context(load())).items():
    print(path, hashlib.sha256(file.content).hexdigest())
"""


def test_output_does_not_depend_on_hash_order() -> None:
    """Set and dict orders that vary between runs would show as different bytes."""
    outputs = [
        subprocess.run(
            [sys.executable, "-c", DIGESTS],
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    assert "data/catalogue.json " in outputs[0]


def test_addresses_are_absolute_when_the_site_address_is_known(catalogue: Catalogue) -> None:
    files = build(context(catalogue, Settings(site_url=SITE_URL)))
    document = parse(files["data/catalogue.json"])
    project = entry(document, "projects", POLISH)
    assert project["urls"] == {
        "nb": f"https://example.org/nb/projects/{POLISH}/",
        "en": f"https://example.org/en/projects/{POLISH}/",
    }
    assert project["data_url"] == f"https://example.org/data/projects/{POLISH}.json"
    theme = entry(document, "themes", "local-democracy")
    assert theme["urls"]["en"] == "https://example.org/en/themes/local-democracy/"
    english = {row["ID"]: row for row in rows(files["data/projects.en.csv"])}
    assert english[POLISH]["Page in the catalogue"] == f"https://example.org/en/projects/{POLISH}/"
    own = parse(files[f"data/projects/{POLISH}.json"])
    assert own["urls"] == project["urls"]


def test_addresses_are_site_relative_otherwise(document: Any) -> None:
    text = json.dumps(document)
    assert "https://example.org" not in text
    assert entry(document, "themes", "local-democracy")["urls"]["nb"] == (
        "nb/themes/local-democracy/"
    )
