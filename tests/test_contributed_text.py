"""Contributed text cannot change a page's structure: one real `mkdocs build --strict`.

The real content plus records whose every text tries to be more than text: a title that
is the id of Material's configuration, an attribute list, Markdown in single-line texts,
a formula for spreadsheets, stray `<style>` and `<script>` tags in descriptions, and a
partner call written in Markdown (which the field reference promises). The page is
parsed with lxml; the CSV tables are read with the csv module. What validation refuses
(line breaks in single-line texts, invisible characters in addresses and slugs, e-mail
addresses with a query) is in the corpus (tests/fixtures/invalid/).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from katalog.settings import SettingsError, from_config
from katalog.site.richtext import Renderer
from tests.support import BUILD_DATE_EPOCH, build, copy_project

SLUG = "test-structure-text"
TITLE = {"nb": "__config", "en": "kat-about {: #__search } **bold** <i>x</i>"}
SUMMARY = {"nb": "Sammendrag {: #kat-title } *kursiv*", "en": '=HYPERLINK("https://evil.example")'}
RECORD = f"""\
title:
  nb: "{TITLE["nb"]}"
  en: "kat-about {{: #__search }} **bold** <i>x</i>"
summary:
  nb: "{SUMMARY["nb"]}"
  en: '=HYPERLINK("https://evil.example")'
countries: [RO]
themes: [good-governance]
keywords: {{nb: "## nøkkelord {{: #k }}", en: "# keyword"}}
description:
  nb: |
    Før <style> etter stiltaggen, **fet**.

    Andre avsnitt, som må overleve.
  en: |
    Before <script> after the script tag.

    Second paragraph, which must survive; `<style>` in code stays code.
contact:
  name: "Kontoret \u202eomvendt"
  email: post@example.org
partner_call:
  text:
    nb: "Vi søker **partnere**; se [utlysningen](https://example.org/utlysning)."
    en: "We are looking for **partners**; see [the call](https://example.org/call)."
  contact:
    name: "Prosjektkontoret \u202eomvendt"
    email: partners@example.org
links:
  - title: {{nb: "Rapport {{: #__drawer }}", en: "Report *x*"}}
    url: https://example.org/report
sources:
  - title: {{nb: "Kilde **uthevet**", en: "Source **bold**"}}
    publisher: ks
    url: https://example.org/source
    as_of: 2024
"""

OURS = {"__drawer", "__search", "kat-header-q", "kat-title"}
"""Ids of the page's frame (Material's and ours) every record page has."""
SECTIONS = {"kat-partner-call", "kat-about", "kat-links", "kat-contact", "kat-related"}
"""Ids of the record page's own sections."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("text") / "project")
    (project / "content" / "projects" / f"{SLUG}.yml").write_text(RECORD, encoding="utf-8")
    done = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH})
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


def page(site: Path, lang: str) -> BeautifulSoup:
    html = (site / lang / "projects" / SLUG / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "lxml")


def text_of(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ").split())


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_heading_ids_are_the_catalogues_own(site: Path, lang: str) -> None:
    soup = page(site, lang)
    ids = Counter(str(tag["id"]) for tag in soup.find_all(id=True))
    assert max(ids.values()) == 1, ids
    assert set(ids) <= OURS | SECTIONS, set(ids) - OURS - SECTIONS
    h1 = soup.find("h1")
    assert isinstance(h1, Tag) and h1["id"] == "kat-title"
    assert soup.find(id="__config") is None  # Material's script, and its configuration, are not
    # loaded on a catalogue page: a title must not take the ids Material's markup keeps.
    search = soup.find(id="__search")
    assert isinstance(search, Tag) and search.name == "input"
    skip = soup.select_one("a.md-skip")
    assert skip is not None and skip["href"] == "#kat-title"


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_single_line_texts_are_shown_as_written_everywhere(site: Path, lang: str) -> None:
    soup = page(site, lang)
    h1 = soup.find("h1")
    assert isinstance(h1, Tag) and h1.get_text() == TITLE[lang]
    assert h1.find(True) is None  # no element made from the title's text
    assert soup.title is not None and soup.title.get_text().startswith(TITLE[lang] + " – ")
    lead = soup.select_one(".kat-lead")
    assert lead is not None and lead.get_text() == SUMMARY[lang] and lead.find(True) is None
    data = json.loads(soup.select_one('script[type="application/ld+json"]').get_text())
    assert (data["name"], data["description"]) == (TITLE[lang], SUMMARY[lang])
    meta = {
        str(span["data-pagefind-meta"]): span.get_text()
        for span in soup.select("[data-pagefind-meta]")
    }
    assert meta["summary"] == SUMMARY[lang]
    link = soup.select_one('a[href="https://example.org/report"]')
    assert link is not None and link.find(True) is None
    assert text_of(link) in ("Rapport {: #__drawer }", "Report *x*")
    cite = soup.select_one("cite")
    assert cite is not None and cite.find("strong") is None and "**" in text_of(cite)
    keywords = soup.select_one("[data-pagefind-weight]")
    assert keywords is not None and keywords.find(True) is None
    assert keywords.get_text().startswith("#")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_stray_raw_text_tags_do_not_swallow_the_description(site: Path, lang: str) -> None:
    description = page(site, lang).select_one(".kat-description > div")
    assert description is not None
    shown = " ".join(description.get_text().split())
    if lang == "nb":
        assert "Før <style> etter stiltaggen, fet." in shown
        assert description is not None and description.select_one("strong") is not None
        assert shown.endswith("Andre avsnitt, som må overleve.")
    else:
        assert "Before <script> after the script tag." in shown
        assert shown.endswith("which must survive; <style> in code stays code.")
        code = description.select_one("code") if description else None
        assert code is not None and code.get_text() == "<style>"
    assert description is not None and description.select("style, script") == []


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_partner_call_is_rendered_as_the_markdown_it_is(site: Path, lang: str) -> None:
    text = page(site, lang).select_one(".kat-call__text")
    assert text is not None
    assert text_of(text.select_one("strong")) in ("partnere", "partners")
    link = text.select_one("a[href^='https://example.org/']")
    assert link is not None and "noopener" in str(link.get("rel"))
    assert "**" not in text_of(text)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_contributed_names_are_set_apart_from_the_text_around_them(site: Path, lang: str) -> None:
    soup = page(site, lang)
    names = [text_of(bdi) for bdi in soup.select(".kat-call__contact bdi, #kat-contact + p bdi")]
    assert names == ["Prosjektkontoret \u202eomvendt", "Kontoret \u202eomvendt"]
    cite = soup.select_one("cite")
    assert cite is not None and cite.get("dir") == "auto"
    anchors = soup.select(".kat-facts a, .kat-cards a, #kat-links ~ ul a")
    assert len(anchors) >= 5
    for anchor in anchors:
        if anchor.parent is not cite:  # a source's title: its <cite> sets it apart
            assert anchor.get("dir") == "auto", anchor


def test_csv_cells_are_text_never_formulas(site: Path) -> None:
    table = (site / "data" / "projects.en.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(table)))
    row = next(row for row in rows if row[0] == SLUG)
    assert "'" + SUMMARY["en"] in row and SUMMARY["en"] not in row
    assert TITLE["en"] in row
    for line in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in line), line


@pytest.mark.parametrize(
    ("markdown", "kept"),
    [
        ("a <style> b\n\nc", ["a <style> b", "c"]),
        ("<script>\nb **c**\n\n- d", ["<script> b c", "d"]),
        ("a <textarea> b", ["a <textarea> b"]),
        ("a <!-- b\n\nc", ["a <!-- b", "c"]),
        ("a <plaintext> b</plaintext> c", ["a <plaintext> b c"]),
    ],
)
def test_the_renderer_keeps_the_text_after_a_stray_raw_text_tag(
    markdown: str, kept: list[str]
) -> None:
    html = BeautifulSoup(str(Renderer()(markdown)), "lxml")
    assert [" ".join(tag.get_text(" ").split()) for tag in html.select("p, li")] == kept


def test_the_renderer_still_removes_a_closed_script_with_its_content() -> None:
    html = str(Renderer()("a <script>alert(1)</script> b"))
    assert "alert" not in html and "<script" not in html


@pytest.mark.parametrize(
    ("publisher", "message"),
    [
        (
            {"email": "post?bcc=attacker%40evil.example&x=@kommune.no"},
            "publisher.email must be a plain e-mail address: the part before the @ may hold "
            "only letters",
        ),
        ({"email": "post@kommune.no?cc=x"}, "the part after the @ may hold only letters"),
        ({"email": "post\u200b@kommune.no"}, "it holds an invisible character"),
        ({"name": {"nb": "Utgiveren\r## Overskrift"}}, "publisher.name \\(nb\\) must be a single"),
    ],
)
def test_a_publisher_setting_is_as_plain_as_a_records_text(
    publisher: dict[str, object], message: str
) -> None:
    config = {"extra": {"katalog": {"publisher": publisher}}}
    with pytest.raises(SettingsError, match=message):
        from_config(config, Path())
    plain = {"extra": {"katalog": {"publisher": {"email": "post@kommune.no"}}}}
    assert from_config(plain, Path()).publisher.email == "post@kommune.no"
