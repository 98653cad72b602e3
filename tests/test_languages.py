"""A site in three languages, from one setting: Bokmål, Nynorsk (with its own interface
texts, in the fixture only) and English. Every page exists in each, with its own
`<html lang>`, switches to the two others, hreflang pairs in the sitemap and a search
index per language."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from katalog.languages import KNOWN
from tests.paths import REPO
from tests.support import BUILD_DATE_EPOCH, build, copy_project

FIXTURE = REPO / "tests" / "fixtures" / "sites" / "three-languages"
LANGS = ("nb", "nn", "en")
SITE_URL = "https://example.org/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("languages") / "project")
    shutil.rmtree(project / "content")
    shutil.copytree(FIXTURE / "content", project / "content")
    shutil.copytree(FIXTURE / "texts", project / "texts")
    shutil.copy2(FIXTURE / "mkdocs.yml", project / "mkdocs.yml")
    done = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "KATALOG_SITE_URL": SITE_URL})
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "lxml")


PAGES = (
    "",
    "projects/",
    "projects/test-project/",
    "programmes/test-programme/",
    "countries/pl/",
    "themes/local-democracy/",
    "organisations/ks/",
    "search/",
    "data/",
)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_in_each_language_switches_to_the_others(
    site: Path, lang: str, path: str
) -> None:
    page = soup(site, f"{lang}/{path}")
    assert page.html is not None and page.html["lang"] == lang
    switches = {str(a["hreflang"]): str(a["href"]) for a in page.select("a.kat-switch")}
    assert set(switches) == set(LANGS) - {lang}
    for other, href in switches.items():
        target = (site / lang / path / href).resolve()
        assert target == (site / other / path).resolve()
        assert (target / "index.html").is_file()


def test_interface_texts_and_record_texts_are_nynorsk(site: Path) -> None:
    page = soup(site, "nn/projects/test-project")
    nav = [a.get_text(strip=True) for a in page.select("nav.kat-sections a")]
    assert nav[:2] == ["Framside", "Prosjekt"]
    h1 = page.select_one("h1")
    assert h1 is not None and h1.get_text(strip=True) == "Eit prøveprosjekt"
    # The description has no Nynorsk text: the first given (Bokmål) is shown, marked.
    about = page.select_one(".kat-description div")
    assert about is not None and about["lang"] == "nb"
    note = page.select_one(".kat-description .kat-note")
    assert note is not None and note.get_text(strip=True) == "Denne teksten finst berre på bokmål."
    assert KNOWN["nn"].period_from.startswith("frå")


def test_root_offers_and_redirects_to_all_three(site: Path) -> None:
    page = soup(site, "")
    choices = {str(li["lang"]) for li in page.select("ul.kat-choices li")}
    assert choices == set(LANGS)
    script = next(s.get_text() for s in page.select("script") if "navigator" in s.get_text())
    targets = json.loads(script.split("var targets = ", 1)[1].split(";", 1)[0])
    assert targets == {"nb": "nb/", "nn": "nn/", "en": "en/", "no": "nb/"}


def test_sitemap_pairs_all_three(site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = etree.parse(str(site / "sitemap.xml"))
    for entry in tree.findall("s:url", ns):
        langs = {link.get("hreflang") for link in entry.findall("x:link", ns)}
        assert langs == {*LANGS, "x-default"}


def test_a_search_index_per_language(site: Path) -> None:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert set(entry["languages"]) == set(LANGS)
    for lang in LANGS:
        assert entry["languages"][lang]["page_count"] > 5


@pytest.mark.parametrize(
    ("lang", "name"),
    [("nb", "Navngivelse 4.0"), ("nn", "Namngiving 4.0"), ("en", "Attribution 4.0")],
)
def test_the_licence_setting_is_shown_with_the_downloads(site: Path, lang: str, name: str) -> None:
    licence = soup(site, f"{lang}/data").select_one("#kat-licence + p a[rel=license]")
    assert licence is not None
    assert licence.get_text(strip=True) == name
    assert licence["href"] == "https://creativecommons.org/licenses/by/4.0/"


def test_an_unknown_site_language_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from katalog.cli import main

    (tmp_path / "mkdocs.yml").write_text("extra:\n  katalog:\n    languages: [nb, xx]\n")
    shutil.copytree(FIXTURE / "content", tmp_path / "content")
    assert main(["validate", "--content", str(tmp_path / "content")]) == 2
    message = capsys.readouterr().err.strip()
    assert message.startswith("katalog: error: extra.katalog.languages:")
    assert "xx" in message and "nn" in message


def test_records_give_texts_in_the_site_languages_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same records are valid for the three-language site, and an `nn` text is an
    unknown language for a site in Bokmål and English."""
    from katalog.cli import main

    shutil.copytree(FIXTURE / "content", tmp_path / "content")
    shutil.copy2(FIXTURE / "mkdocs.yml", tmp_path / "mkdocs.yml")
    assert main(["validate", "--content", str(tmp_path / "content")]) == 0
    capsys.readouterr()
    (tmp_path / "mkdocs.yml").write_text("extra:\n  katalog:\n    languages: [nb, en]\n")
    assert main(["validate", "--content", str(tmp_path / "content")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any("title.nn: unknown language 'nn'" in line for line in lines), lines


def test_a_missing_interface_text_stops_the_build_naming_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "content")
    shutil.copytree(FIXTURE / "content", project / "content")
    shutil.copytree(FIXTURE / "texts", project / "texts")
    shutil.copy2(FIXTURE / "mkdocs.yml", project / "mkdocs.yml")
    texts = project / "texts" / "nn.yml"
    lines = texts.read_text(encoding="utf-8").splitlines(keepends=True)
    texts.write_text("".join(line for line in lines if not line.startswith("nav.home:")))
    done = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH})
    assert done.returncode != 0
    assert "Interface texts are missing (nn: nav.home)" in done.stdout + done.stderr
    assert not (project / "site").exists()
