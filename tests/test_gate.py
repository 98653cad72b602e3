"""Validation is the gate: whatever validates builds, and whatever does not is rejected with
a `path:line:col` line, never a traceback.

Each hole found in the gate is kept here as a regression case, first against the validator
and the renderer in-process (benchmarks/fuzz.py's `Gate`), then, for the cases that once
broke or stalled it, against a real `mkdocs build`. A bounded, derandomised Hypothesis
campaign (the `gate` profile) feeds random bytes, random YAML and mutations of every real
and test record through the same checks; `benchmarks/fuzz.py` runs a longer one.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from benchmarks.fuzz import Gate, described, edited, gate, mutated, random_bytes, random_yaml
from katalog.records import crosscheck, schema
from katalog.records.codes import INVALID_SLUG
from katalog.records.load import load_catalogue
from katalog.records.problems import Problem, Severity
from tests.paths import REPO
from tests.support import build

FIXTURES = REPO / "tests" / "fixtures"

settings.register_profile(
    "gate",
    max_examples=15,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

BASE_PROJECT = (FIXTURES / "base" / "content" / "projects" / "base-project.yml").read_text(
    encoding="utf-8"
)


def with_description(text: str) -> bytes:
    """The base project with a description in Bokmål: `text`, as a quoted scalar."""
    import json

    return (BASE_PROJECT + f"description:\n  nb: {json.dumps(text)}\n").encode("utf-8")


def with_amount(amount: str) -> bytes:
    return (BASE_PROJECT + f"funding:\n  amount: {amount}\n  currency: EUR\n").encode("utf-8")


@pytest.fixture(scope="module")
def the_gate() -> Iterator[Gate]:
    with gate() as made:
        yield made


# --- The holes, in-process -----------------------------------------------------------------

LIMITS = {
    "20,000 brackets": (with_description("[" * 20_000), "K194"),
    "500 definitions in a row": (with_description("a\n: b\n" * 500), "K195"),
    "quotes 13 deep": (with_description("> " * 13 + "deep"), "K195"),
    "an amount of 29 digits": (with_amount("9" * 29), "K193"),
    "a raw NUL": (BASE_PROJECT.replace("ks", "k\x00s", 1).encode(), "K015"),
    "a raw BEL": (BASE_PROJECT.encode() + b"note: \x07\n", "K015"),
    "a raw ESC": (BASE_PROJECT.encode() + b"note: \x1b[31m\n", "K015"),
    "a raw DEL": (BASE_PROJECT.encode() + b"note: \x7f\n", "K015"),
    "an escaped NUL": (with_description("\x00"), "K015"),
    "an escaped ESC": (with_description("\x1b[31mred"), "K015"),
    "a key with a line break": (BASE_PROJECT.encode() + b'"a\\nb.yml:1:1: error": x\n', "K015"),
}


@pytest.mark.parametrize("case", LIMITS, ids=list(LIMITS))
def test_what_a_renderer_cannot_take_is_rejected_with_its_code(the_gate: Gate, case: str) -> None:
    data, code = LIMITS[case]
    outcome = the_gate.check(data)
    assert outcome.exit == 1
    assert code in outcome.codes


AT_THE_LIMITS = {
    "50 brackets": with_description("[" * schema.MAX_BRACKETS),
    "20 definitions in a row": with_description("a\n: b\n" * schema.MAX_DEFINITIONS),
    "quotes 12 deep": with_description("> " * schema.MAX_MARKDOWN_DEPTH + "deep"),
    "an amount of 15 digits": with_amount("9" * schema.MAX_AMOUNT_DIGITS + ".99"),
    "a tab and line breaks": with_description("a\tb\n\nc"),
}


@pytest.mark.parametrize("case", AT_THE_LIMITS, ids=list(AT_THE_LIMITS))
def test_what_is_at_the_limits_validates_and_renders(the_gate: Gate, case: str) -> None:
    outcome = the_gate.check(AT_THE_LIMITS[case])
    assert outcome.exit == 0, outcome.codes
    assert outcome.rendered


def test_a_key_with_a_line_break_cannot_forge_a_problem_line(the_gate: Gate) -> None:
    outcome = the_gate.check(LIMITS["a key with a line break"][0])
    assert outcome.codes == ("K015",)  # one line: the forged one is not there
    problem = Problem("x.yml", 1, 1, Severity.ERROR, "a\nb.yml:1:1: error", "m\x1b", INVALID_SLUG)
    assert str(problem) == r"x.yml:1:1: error[K120]: a\nb.yml:1:1: error: m\x1b"


def test_a_reserved_slug_is_rejected_as_a_file_name_and_as_a_vocabulary_key(
    the_gate: Gate, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    import shutil

    shutil.copytree(FIXTURES / "base" / "content", content)
    (content / "projects" / "index.yml").write_text(BASE_PROJECT, encoding="utf-8")
    themes = content / "themes.yml"
    themes.write_text(
        themes.read_text(encoding="utf-8") + "index:\n  name: {nb: Indeks, en: Index}\n",
        encoding="utf-8",
    )
    problems = load_catalogue(content).problems
    reserved = [p for p in problems if p.code.name == "reserved-slug"]
    assert sorted(p.path.rsplit("/", 1)[-1] for p in reserved) == ["index.yml", "themes.yml"]


def test_thousands_of_unknown_slugs_are_compared_with_the_known_ones_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[str] = []
    real = crosscheck.did_you_mean

    def counted(wrong: str, choices: object) -> str | None:
        calls.append(wrong)
        return real(wrong, choices)  # type: ignore[arg-type]

    monkeypatch.setattr(crosscheck, "did_you_mean", counted)
    content = tmp_path / "content"
    import shutil

    shutil.copytree(FIXTURES / "base" / "content", content)
    organisations = content / "organisations.yml"
    organisations.write_text(
        organisations.read_text(encoding="utf-8")
        + "".join(f"org-{n:04d}:\n  name: Organisation {n}\n" for n in range(400)),
        encoding="utf-8",
    )
    partners = "".join(
        f"  - organisation: unknown-{n:04d}\n    role: partner\n" for n in range(400)
    )
    project = BASE_PROJECT.replace("partners:\n", "partners:\n" + partners, 1)
    (content / "projects" / "many-unknown.yml").write_text(project, encoding="utf-8")
    problems = load_catalogue(content).problems
    unknown = [p for p in problems if p.code.name == "unknown-organisation"]
    assert len(unknown) == 400
    known = 400 + 3  # the base catalogue's organisations and the added ones
    assert len(calls) == crosscheck.MAX_COMPARISONS // known
    assert sum("did you mean" in p.message for p in unknown) <= len(calls)


# --- The campaign ----------------------------------------------------------------------------


@settings(settings.get_profile("gate"))
@given(data=random_bytes)
def test_random_bytes_are_validated_or_rejected_cleanly(the_gate: Gate, data: bytes) -> None:
    the_gate.check(data)


@settings(settings.get_profile("gate"))
@given(data=random_yaml)
def test_random_yaml_is_validated_or_rejected_cleanly(the_gate: Gate, data: bytes) -> None:
    the_gate.check(data)


@settings(settings.get_profile("gate"))
@given(data=mutated())
def test_mutated_records_validate_and_render_or_are_rejected_cleanly(
    the_gate: Gate, data: bytes
) -> None:
    the_gate.check(data)


@settings(settings.get_profile("gate"))
@given(data=edited())
def test_records_with_edge_case_values_validate_and_render_or_are_rejected_cleanly(
    the_gate: Gate, data: bytes
) -> None:
    the_gate.check(data)


@settings(settings.get_profile("gate"))
@given(data=described())
def test_random_markdown_that_validates_renders(the_gate: Gate, data: bytes) -> None:
    the_gate.check(data)


# --- Real builds and the command line ---------------------------------------------------------


def _validate(content: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "katalog.cli", "validate", "--content", str(content)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=REPO,
    )


def test_a_raw_control_character_is_a_positioned_line_not_a_traceback(project: Path) -> None:
    path = project / "content" / "projects" / "with-escape.yml"
    path.write_bytes(BASE_PROJECT.encode() + b"note: \x1b[31m\n")
    result = _validate(project / "content")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = BASE_PROJECT.count("\n") + 1
    assert f"content/projects/with-escape.yml:{line}:7: error[K015]" in result.stdout


def test_a_build_date_in_the_year_9999_is_refused_with_a_message(project: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "253402300799"}
    result = _validate(project / "content", env)
    assert result.returncode == 2
    assert "after the year 9998" in result.stderr
    assert "Traceback" not in result.stderr
    built = build(project, env=env)
    assert built.returncode != 0
    said = built.stdout + built.stderr
    assert "after the year 9998" in said
    assert "Traceback" not in said


def test_records_that_once_broke_the_build_are_stopped_by_validation(project: Path) -> None:
    projects = project / "content" / "projects"
    (projects / "brackets.yml").write_bytes(LIMITS["20,000 brackets"][0])
    (projects / "definitions.yml").write_bytes(LIMITS["500 definitions in a row"][0])
    (projects / "big-amount.yml").write_bytes(LIMITS["an amount of 29 digits"][0])
    (projects / "index.yml").write_text(BASE_PROJECT, encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for name, code in [
        ("brackets", "K194"),
        ("definitions", "K195"),
        ("big-amount", "K193"),
        ("index", "K192"),
    ]:
        assert f"content/projects/{name}.yml" in result.stderr and code in result.stderr


def test_records_at_the_limits_build(project: Path) -> None:
    projects = project / "content" / "projects"
    for number, data in enumerate(AT_THE_LIMITS.values()):
        text = data.decode("utf-8").replace("programme: test-programme\n", "")
        (projects / f"at-the-limit-{number}.yml").write_text(text, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    page = project / "site" / "nb" / "projects" / "at-the-limit-1" / "index.html"
    assert page.read_text(encoding="utf-8").count("<dd>") >= schema.MAX_DEFINITIONS


def test_the_sites_own_pages_are_held_to_the_same_limits(tmp_path: Path) -> None:
    import shutil

    from katalog.records.pagetexts import read_page_texts

    content = tmp_path / "content"
    shutil.copytree(REPO / "content" / "pages", content / "pages")
    (content / "pages" / "about.en.md").write_text("# About\n\n" + "[" * 60, encoding="utf-8")
    (content / "pages" / "privacy.nb.md").write_text("# Personvern\n\n\x1b[31m\n", encoding="utf-8")
    texts, problems = read_page_texts(content, ("nb", "en"))
    assert [(p.path, p.line, p.code.number) for p in problems] == [
        ("content/pages/about.en.md", 1, "K194"),
        ("content/pages/privacy.nb.md", 3, "K015"),
    ]
    assert "en" not in texts["about"] and "nb" not in texts["privacy"]
