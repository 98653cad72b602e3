"""The "Propose a project" issue form and `katalog from-issue`, which turns its body into a record.

The round trip starts from the committed form, .github/ISSUE_TEMPLATE/propose-project.yml:
every field is answered, the body is written as GitHub writes it (one `### <label>` section
per field, `_No response_` for an empty one), and the record made from it must validate and
say exactly what was answered.
"""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from katalog.cli import main
from katalog.editors import issueform
from katalog.records import schema
from katalog.records.load import load_catalogue
from katalog.records.schema import LocalizedText, Shape
from katalog.records.source import read
from tests.paths import CONTENT, REPO
from tests.support import BUILD_DATE_EPOCH
from tests.test_schemas import as_text, schema_errors

FORM = REPO / issueform.FORM_PATH

ANSWERS = {
    "slug": "",
    "title_nb": "Rent vann i moldovske kommuner",
    "title_en": "Clean water in Moldovan municipalities",
    "summary_nb": "Kommuner i Moldova og Norge\nsamarbeider om vannforsyning.",
    "summary_en": "Municipalities in Moldova and Norway cooperate on water supply.",
    "countries": "pl, RO",
    "themes": "Local democracy, capacity-building",
    "programme": "eea-grants-2014-2021",
    "description_nb": "## Bakgrunn\n\nVann er viktig: *svært* viktig.",
    "description_en": "## Background\n\nWater matters: *very* much.",
    "period_start": "2016-03",
    "period_end": "2019",
    "status": "active",
    "partners": "KS: lead\n- Moldova municipal association: partner",
    "partner_call_text_nb": "Vi søker en kommune med erfaring fra vannverk.",
    "partner_call_text_en": "We are looking for a municipality that runs a waterworks.",
    "partner_call_contact_name": "Vannprosjektet",
    "partner_call_contact_email": "vann@example.org",
    "partner_call_contact_url": "https://example.org/partners",
    "partner_call_until": "2027-03-01",
    "funding_amount": "150000",
    "funding_currency": "eur",
    "funding_note_nb": "Hele perioden",
    "funding_note_en": "The whole period",
    "links": "https://example.org/report.pdf | Sluttrapport | Final report",
    "contact_name": "Prosjektkontoret",
    "contact_email": "post@example.org",
    "website": "https://example.org",
    "sources": "KS | https://www.ks.no/ | Prosjektsiden | The project page | 2026-09\n"
    "- KS |  | Et brev | A letter | ",
    "checked": "2026-11-20",
    "source": "https://www.ks.no/\nEn samtale med prosjektlederen.",
}

EXPECTED: dict[str, Any] = {
    "title": {"nb": ANSWERS["title_nb"], "en": ANSWERS["title_en"]},
    "summary": {
        "nb": "Kommuner i Moldova og Norge samarbeider om vannforsyning.",
        "en": ANSWERS["summary_en"],
    },
    "countries": ["PL", "RO"],
    "themes": ["local-democracy", "capacity-building"],
    "programme": "eea-grants-2014-2021",
    "description": {"nb": ANSWERS["description_nb"], "en": ANSWERS["description_en"]},
    "period": {"start": "2016-03", "end": "2019"},
    "status": "active",
    "partners": [
        {"organisation": "ks", "role": "lead"},
        {"organisation": "moldova-municipal-association", "role": "partner"},
    ],
    "links": [
        {
            "title": {"nb": "Sluttrapport", "en": "Final report"},
            "url": "https://example.org/report.pdf",
        }
    ],
    "contact": {"name": "Prosjektkontoret", "email": "post@example.org"},
    "funding": {
        "amount": "150000",
        "currency": "EUR",
        "note": {"nb": "Hele perioden", "en": "The whole period"},
    },
    "partner_call": {
        "text": {"nb": ANSWERS["partner_call_text_nb"], "en": ANSWERS["partner_call_text_en"]},
        "contact": {
            "name": "Vannprosjektet",
            "email": "vann@example.org",
            "url": "https://example.org/partners",
        },
        "until": "2027-03-01",
    },
    "website": "https://example.org",
    "sources": [
        {
            "title": {"nb": "Prosjektsiden", "en": "The project page"},
            "publisher": "ks",
            "url": "https://www.ks.no/",
            "as_of": "2026-09",
        },
        {"title": {"nb": "Et brev", "en": "A letter"}, "publisher": "ks"},
    ],
    "checked": "2026-11-20",
}


def committed_form() -> dict[str, Any]:
    form: dict[str, Any] = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    return form


def inputs() -> list[dict[str, Any]]:
    return [item for item in committed_form()["body"] if item["type"] != "markdown"]


def body(answers: dict[str, str], newline: str = "\n") -> str:
    """An issue body as GitHub writes it from a submitted form."""
    sections = [
        f"### {item['attributes']['label']}\n\n{answers.get(item['id']) or '_No response_'}"
        for item in inputs()
    ]
    return "\n\n".join(sections).replace("\n", newline) + newline


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


# --- The form ---------------------------------------------------------------------------


def test_the_form_is_a_valid_github_issue_form() -> None:
    form = committed_form()
    assert {"name", "description", "body"} <= set(form)
    ids = [item["id"] for item in inputs()]
    labels = [item["attributes"]["label"] for item in inputs()]
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)
    for item in form["body"]:
        assert item["type"] in ("markdown", "input", "textarea", "dropdown")
        if item["type"] == "dropdown":
            assert item["attributes"]["options"]
        if item["type"] != "markdown":
            assert set(item["attributes"]["label"]) and len(item["attributes"]["label"]) <= 100


def test_the_form_maps_one_to_one_onto_the_project_record() -> None:
    """Every answer has one place in the record, and every field of a record is asked for."""
    places: dict[tuple[str, ...], str] = {}
    for item in issueform.FIELDS:
        assert item.path not in places, f"{item.id} and {places.get(item.path)} share a place"
        places[item.path] = item.id
    wanted: set[tuple[str, ...]] = set()

    def want(path: tuple[str, ...], spec: schema.Field) -> None:
        if isinstance(spec.kind, LocalizedText):
            wanted.update({(*path, "nb"), (*path, "en")})
        elif isinstance(spec.kind, Shape):
            for inner, inner_spec in spec.kind.fields.items():
                want((*path, inner), inner_spec)
        else:
            wanted.add(path)

    for name, spec in schema.PROJECT_FIELDS.items():
        want((name,), spec)
    assert set(places) == wanted
    form_ids = {item["id"] for item in inputs()}
    assert form_ids == {item.id for item in issueform.FIELDS} | {"slug", "source"}
    required = {item["id"] for item in inputs() if item["validations"]["required"]}
    assert required == {"title_nb", "title_en", "summary_nb", "summary_en", "countries", "themes"}


def test_status_choices_are_the_records() -> None:
    (status,) = [item for item in inputs() if item["id"] == "status"]
    assert status["attributes"]["options"] == [s.value for s in schema.model.Status]


# --- From a body to a record --------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_round_trip_from_the_form_to_a_valid_record(
    newline: str, content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(body(ANSWERS, newline)))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)  # the call is open on this day
    assert main(["from-issue", "--write", "--content", str(content)]) == 0
    _, err = capsys.readouterr()
    assert "Wrote " in err and "no problems" in err
    path = content / "projects" / "clean-water-in-moldovan-municipalities.yml"
    assert as_text(read(path)) == EXPECTED
    assert load_catalogue(content, today=date(2026, 11, 25)).problems == []
    assert schema_errors(path) == []
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/project.schema.json\n")
    assert "#   En samtale med prosjektlederen." in text, "the source is kept, as a comment"


def test_only_the_required_answers(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    required = {key: ANSWERS[key] for key in ("title_nb", "title_en", "summary_nb")}
    required |= {"summary_en": "Short.", "countries": "GE", "themes": "local-democracy"}
    required["slug"] = "moldova-water"
    issue = content.parent / "issue.md"
    issue.write_text(body(required), encoding="utf-8")
    assert main(["from-issue", str(issue)]) == 0
    out = capsys.readouterr().out
    record = yaml.safe_load(out)
    assert set(record) == {"title", "summary", "countries", "themes"}
    assert main(["from-issue", str(issue), "--write", "--content", str(content)]) == 0
    assert (content / "projects" / "moldova-water.yml").read_text(encoding="utf-8") == out
    assert main(["from-issue", str(issue), "--write", "--content", str(content)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_text_that_is_not_the_form_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    issue = tmp_path / "issue.md"
    issue.write_text("### Steps to reproduce\n\nClick.\n", encoding="utf-8")
    assert main(["from-issue", str(issue)]) == 2
    assert 'no field of the "Propose a project" form' in capsys.readouterr().err


def test_an_unknown_section_is_noted_and_left_out(capsys: pytest.CaptureFixture[str]) -> None:
    text = body({"title_nb": "T", "title_en": "T"}) + "\n### Extra\n\nsomething\n"
    proposal = issueform.to_record(text)
    assert proposal.notes == ["ignored a section that is not in the form: 'Extra'"]
    assert "something" not in proposal.text


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Association of Polish Cities", "association-of-polish-cities"),
        ("Tromsø og Ålesund – «samarbeid»", "tromso-og-alesund-samarbeid"),
        ("Śląsk  Cluj-Napoca", "slask-cluj-napoca"),
        ("x" * 50 + " " + "y" * 50, "x" * 50),
    ],
)
def test_slugs_made_from_names(text: str, slug: str) -> None:
    assert issueform.slugify(text) == slug


def test_write_refuses_a_dangling_symlink_at_the_target(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = {**ANSWERS, "slug": "moldova-water"}
    issue = content.parent / "issue.md"
    issue.write_text(body(answers), encoding="utf-8")
    hooks = content.parent / ".git" / "hooks"
    hooks.mkdir(parents=True)
    (content / "projects" / "moldova-water.yml").symlink_to(hooks / "post-checkout")

    assert main(["from-issue", str(issue), "--write", "--content", str(content)]) == 2

    assert "is a symbolic link" in capsys.readouterr().err
    assert list(hooks.iterdir()) == []


def test_write_refuses_a_projects_folder_outside_the_content(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = {**ANSWERS, "slug": "moldova-water"}
    issue = content.parent / "issue.md"
    issue.write_text(body(answers), encoding="utf-8")
    outside = content.parent / "elsewhere"
    outside.mkdir()
    shutil.rmtree(content / "projects")
    (content / "projects").symlink_to(outside, target_is_directory=True)

    assert main(["from-issue", str(issue), "--write", "--content", str(content)]) == 2

    assert "leads outside the content folder" in capsys.readouterr().err
    assert list(outside.iterdir()) == []
