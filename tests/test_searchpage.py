"""The search page made lighter after the build (katalog/site/searchpage.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from katalog.site import searchpage
from katalog.site.searchpage import strip_script, trim_stylesheet


def test_a_script_loses_its_comment_lines_and_indentation_only() -> None:
    source = (
        "/**\n * What it does.\n */\n(() => {\n  // a comment\n"
        '  const a = "// not a comment"; // kept: not a whole line\n\n'
        "  /* one line */\n  return a;\n})();\n"
    )
    assert strip_script(source) == (
        '(() => {\nconst a = "// not a comment"; // kept: not a whole line\nreturn a;\n})();\n'
    )


def test_a_stylesheet_keeps_only_the_selectors_of_classes_in_use() -> None:
    css = (
        '@charset "UTF-8";/* a comment */html{color:red}'
        ".used,.unused{a:1}.unused p{b:2}"
        "@media screen{.unused{c:3}.used>a{d:4}}@media print{.unused{e:5}}"
        ".used:not(.unused){f:6}:is(.unused,.used) a{g:7}"
        '@font-face{font-family:"x"}.used:after{content:"}{"}'
        "/*# sourceMappingURL=main.css.map*/"
    )
    assert trim_stylesheet(css, {"used"}) == (
        '@charset "UTF-8";html{color:red}.used{a:1}@media screen{.used>a{d:4}}'
        '.used:not(.unused){f:6}:is(.unused,.used) a{g:7}@font-face{font-family:"x"}'
        '.used:after{content:"}{"}'
    )


def test_an_unbalanced_stylesheet_is_an_error() -> None:
    with pytest.raises(searchpage.SearchPageError):
        trim_stylesheet(".a{b:1", {"a"})


def test_the_search_pages_link_their_own_stylesheet(tmp_path: Path) -> None:
    site = tmp_path
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "assets" / "stylesheets" / "main.0123abcd.min.css").write_text(
        ".md-used{a:1}.md-unused{b:2}", encoding="utf-8"
    )
    (site / "javascripts").mkdir()
    (site / "javascripts" / "search.js").write_text(
        '// made here\nmake("p", { class: "kat-made" });\n', encoding="utf-8"
    )
    link = '<link rel="stylesheet" href="../../assets/stylesheets/main.0123abcd.min.css">'
    for lang in ("nb", "en"):
        (site / lang / "search").mkdir(parents=True)
        html = f'<html><head>{link}</head><body class="md-used"></body></html>'
        (site / lang / "search" / "index.html").write_text(html, encoding="utf-8")
    (site / "nb" / "other").mkdir()
    (site / "nb" / "other" / "index.html").write_text(link, encoding="utf-8")

    searchpage.lighten(site, ["nb/search/", "en/search/", "de/search/"], "javascripts/search.js")

    [copy] = (site / "assets" / "stylesheets").glob("search.*.min.css")
    assert copy.read_text(encoding="utf-8") == ".md-used{a:1}"
    for lang in ("nb", "en"):
        page = (site / lang / "search" / "index.html").read_text(encoding="utf-8")
        assert f'href="../../assets/stylesheets/{copy.name}"' in page
    assert (site / "nb" / "other" / "index.html").read_text(encoding="utf-8") == link
    script = (site / "javascripts" / "search.js").read_text(encoding="utf-8")
    assert script == 'make("p", { class: "kat-made" });\n'
