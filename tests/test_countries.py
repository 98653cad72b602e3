"""One authority for countries: a record may use exactly the codes the site can name.

The validator's codes (katalog.records.countries) and the site's names
(katalog.site.l10n.country_name) both come from CLDR, so every accepted code has a name on
every page, in every language of the site.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pycountry
import pytest

from katalog import cli
from katalog.records import codes, countries
from katalog.records.model import LANGUAGES, Lang
from katalog.records.schema import Context, Country
from katalog.records.source import Position, Scalar
from katalog.site import l10n
from tests.paths import REPO


@contextmanager
def without_cldr_name(code: str, lang: Lang) -> Iterator[None]:
    """For a while, CLDR as if it had no name for `code` in `lang`."""
    real = countries._territories
    names = {key: value for key, value in real(lang).items() if key != code}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            countries, "_territories", lambda other: names if other == lang else real(other)
        )
        countries.accepted.cache_clear()
        try:
            yield
        finally:
            countries.accepted.cache_clear()
    countries.accepted.cache_clear()


def check(text: str) -> tuple[str | None, list[tuple[str, str]]]:
    """What `Country` makes of `text`: the value, and (code, message) of each problem."""
    ctx = Context("content/x.yml")
    value = Country().parse(Scalar(text, Position(1, 1)), ctx, "country")
    return value, [(str(problem.code), problem.message) for problem in ctx.problems]


def test_every_accepted_code_has_a_cldr_name_in_every_site_language() -> None:
    for code in sorted(countries.accepted()):
        for lang in LANGUAGES:
            assert l10n.country_name(code, lang), (code, lang)


def test_the_accepted_codes_are_iso_3166_and_kosovo_as_cldr_names_them() -> None:
    iso = {str(country.alpha_2) for country in pycountry.countries}
    assert countries.accepted() <= iso | {"XK"}
    assert "XK" in countries.accepted()
    assert len(countries.accepted()) >= 249
    for code in iso | {"XK"}:
        named = all(countries.cldr_name(code, lang) for lang in LANGUAGES)
        assert (code in countries.accepted()) is named, code


@pytest.mark.parametrize("code", ["EU", "UN", "ZZ", "AC", "IC", "QO", "XA", "001"])
def test_cldr_regions_that_are_not_countries_are_rejected(code: str) -> None:
    assert countries.cldr_name(code, "en") is not None, "CLDR names it, and yet"
    value, problems = check(code)
    assert value is None
    assert problems == [("K133", f"unknown ISO 3166-1 alpha-2 country code {code!r}")]


def test_a_code_cldr_cannot_name_is_rejected_with_a_clear_message() -> None:
    assert check("PL") == ("PL", [])
    with without_cldr_name("PL", "nb"):
        assert "PL" not in countries.accepted()
        value, problems = check("PL")
    assert value is None
    assert problems == [
        (
            str(codes.UNNAMED_COUNTRY),
            "'PL' is an ISO 3166-1 code, but CLDR has no name for it in every language of "
            "the site, so its pages could not name it",
        )
    ]
    assert check("PL") == ("PL", [])


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("pl", "K130", "country codes are written in capitals: write 'PL'"),
        ("xk", "K130", "country codes are written in capitals: write 'XK'"),
        ("UK", "K131", "'UK' is not an ISO 3166-1 code; write 'GB' (United Kingdom)"),
        ("EL", "K131", "'EL' is not an ISO 3166-1 code; write 'GR' (Greece)"),
        ("Poland", "K132", "write the two-letter code 'PL' for Poland"),
        ("Polen", "K132", "write the two-letter code 'PL' for Poland"),
        ("kosovo", "K132", "write the two-letter code 'XK' for Kosovo"),
        ("NOR", "K132", "write the two-letter code 'NO' for Norway"),
    ],
)
def test_the_hints_stay(text: str, code: str, message: str) -> None:
    assert check(text) == (None, [(code, message)])


def test_names_in_messages_are_the_sites_english_names() -> None:
    for code in ("GB", "MD", "XK", "PS"):
        assert countries.english_name(code) == countries.cldr_name(code, "en")
    assert countries.english_name("EU") is None


def test_the_readme_gives_the_rule_and_how_to_list_the_codes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.partition("#### Country codes\n")[2].partition("\n## ")[0]
    assert "CLDR" in section and "`XK`" in section
    assert ".venv/bin/katalog countries" in section
    assert cli.main(["countries"]) == 0
    listed = [line.split(" ", 1)[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == sorted(countries.accepted())
