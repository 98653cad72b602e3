"""The country map: its shapes' conversion, and the map and its table in a real build.

- The converter (`katalog.site.mapshapes`) decodes TopoJSON arcs, builds rings from them
  (arcs backwards where the index is negative) and writes SVG path data: checked on a
  tiny topology written by hand.
- In a real `mkdocs build`, the home page and the countries index carry the map in both
  languages: each panel parses as XML, each country a record names is one link (in one
  panel) to its country page, named by its counts, shaded and hatched by them; every
  other country is a plain shape hidden from assistive technology; the map adds less
  than 60 KB to a page; the table says the same. The expectation is counted from the
  content's YAML here, not from the site's code.
- In Chromium at 390 and 1280 px: Tab reaches the map's links with a visible focus ring,
  the page does not scroll sideways, and the table opens.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from lxml import etree, html

from katalog.site import l10n, mapshapes
from katalog.site.geography import SHAPES
from tests.paths import CONTENT
from tests.support import BUILD_DATE_EPOCH, browse, build, copy_project, page_opener

SVG = "{http://www.w3.org/2000/svg}"
LANGS = ("nb", "en")
PAGES = ("{lang}/", "{lang}/countries/")
WORDS = {
    "nb": {"project": ("prosjekt", "prosjekter"), "programme": ("program", "programmer")},
    "en": {"project": ("project", "projects"), "programme": ("programme", "programmes")},
}
MAX_BYTES = 60_000


# --- The converter ---------------------------------------------------------------------

# Two unit squares side by side, sharing the arc x = 1 (arc 1): A on the left, B on the
# right. Quantised: positions in units of 0.5 from (10, 20), each after the first a delta.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "arcs": [
        [[2, 0], [-2, 0], [0, 2], [2, 0]],  # (11,20) (10,20) (10,21) (11,21): A's outside
        [[2, 2], [0, -2]],  # (11,21) (11,20): the shared border, downwards
        [[2, 2], [2, 0], [0, -2], [-2, 0]],  # (11,21) (12,21) (12,20) (11,20): B's outside
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "616", "properties": {"name": "A"}},
                {"type": "MultiPolygon", "arcs": [[[2, -2]]], "properties": {"name": "Kosovo"}},
            ],
        }
    },
}


def test_arcs_are_decoded_from_quantised_deltas() -> None:
    arcs = mapshapes.decode_arcs(TOPOLOGY)
    assert arcs[0] == [(11, 20), (10, 20), (10, 21), (11, 21)]
    assert arcs[1] == [(11, 21), (11, 20)]
    assert arcs[2] == [(11, 21), (12, 21), (12, 20), (11, 20)]


def test_an_unquantised_topology_keeps_its_positions() -> None:
    plain = {"arcs": [[[1.5, 2.5], [3.0, 4.0]]]}
    assert mapshapes.decode_arcs(plain) == [[(1.5, 2.5), (3.0, 4.0)]]


def test_rings_join_arcs_and_run_a_negative_index_backwards() -> None:
    arcs = mapshapes.decode_arcs(TOPOLOGY)
    geometries = TOPOLOGY["objects"]["countries"]["geometries"]  # type: ignore[index]
    a, b = (mapshapes.polygons_of(geometry) for geometry in geometries)
    assert a == [[[0, 1]]] and b == [[[2, -2]]]
    assert mapshapes.ring_of(a[0][0], arcs) == [
        (11, 20), (10, 20), (10, 21), (11, 21), (11, 20),
    ]  # fmt: skip
    # ~1 (-2) is arc 1 backwards, upwards: B closes along the same border A has.
    assert mapshapes.ring_of(b[0][0], arcs) == [
        (11, 21), (12, 21), (12, 20), (11, 20), (11, 21),
    ]  # fmt: skip
    assert mapshapes.area(mapshapes.ring_of(a[0][0], arcs)) == 1


def test_countries_are_keyed_by_alpha_2_and_kosovo_by_its_name() -> None:
    found = mapshapes.countries(TOPOLOGY)
    assert sorted(found) == ["PL", "XK"]


def test_path_data_is_absolute_then_relative_whole_units() -> None:
    assert mapshapes.path_data([[(10, 20), (13, 18), (13, 25)]]) == "M10 20l3-2 0 7z"
    assert mapshapes.path_data([[(0, 0), (1, 0), (1, 1)], [(5, 5), (4, 5), (4, 4)]]) == (
        "M0 0l1 0 0 1zM5 5l-1 0 0-1z"
    )


def test_clipping_keeps_the_part_inside_the_frame() -> None:
    square = [(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)]
    clipped = mapshapes.clip(square, 10, 10)
    assert mapshapes.area(clipped) == 25
    assert all(0 <= x <= 10 and 0 <= y <= 10 for x, y in clipped)


def test_simplification_keeps_the_ends_and_the_corners() -> None:
    line = [(0.0, 0.0), (1.0, 0.1), (2.0, 0.0), (2.0, 2.0)]
    assert mapshapes.simplify(line, 0.5) == [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0)]


def test_the_label_point_of_a_bent_shape_lies_inside_it() -> None:
    # A U shape: its centroid falls in the gap between the arms.
    u_shape = [(0, 0), (10, 0), (10, 10), (7, 10), (7, 3), (3, 3), (3, 10), (0, 10)]
    x, y = mapshapes.label_point([(float(a), float(b)) for a, b in u_shape])
    assert not (3 < x < 7 and y > 3), (x, y)


def test_the_committed_shapes_cover_every_country_of_the_atlas() -> None:
    data = json.loads(SHAPES.read_text("utf-8"))
    world = data["panels"]["world"]["countries"]
    assert {"MT", "XK", "MD", "NO", "IN", "CN", "VN", "ID", "KE", "ZM", "ZA"} <= set(world)
    assert len(world) >= 230
    assert "Natural Earth" in data["source"]
    assert (SHAPES.parent / "map_shapes.LICENSE.txt").is_file()


# --- The built site --------------------------------------------------------------------


def _yaml_records(folder: Path) -> list[dict[str, object]]:
    # BaseLoader keeps every scalar a string: "NO" stays Norway.
    paths = sorted(folder.glob("*.yml"))
    return [yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader) for path in paths]


def expected_counts(content: Path = CONTENT) -> dict[str, tuple[int, int]]:
    """Country code -> (projects, programmes) naming it, read from the content's YAML."""
    projects: Counter[str] = Counter()
    programmes: Counter[str] = Counter()
    for counter, folder in ((projects, "projects"), (programmes, "programmes")):
        for record in _yaml_records(content / folder):
            counter.update(set(record.get("countries", [])))  # type: ignore[arg-type]
    return {code: (projects[code], programmes[code]) for code in {*projects, *programmes}}


def counts_name(code: str, lang: str, projects: int, programmes: int) -> str:
    parts = []
    for n, kind in ((projects, "project"), (programmes, "programme")):
        if n:
            parts.append(f"{n} {WORDS[lang][kind][n != 1]}")
    return f"{l10n.country_name(code, lang)}: {', '.join(parts)}"


def expected_shade(projects: int) -> int:
    if projects == 0:
        return 0
    return 1 if projects == 1 else 2 if projects == 2 else 3 if projects <= 5 else 4


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("map") / "project")
    result = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH})
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    return project / "site"


@dataclass(frozen=True)
class Built:
    path: str
    source: str
    doc: html.HtmlElement
    svgs: list[etree._Element]


def open_built(site: Path, path: str) -> Built:
    source = (site / path / "index.html").read_text("utf-8")
    svgs = []
    start = source.find('<svg xmlns="http://www.w3.org/2000/svg" class="kat-map__panel')
    while start != -1:
        end = source.index("</svg>", start) + len("</svg>")
        svgs.append(etree.fromstring(source[start:end].encode("utf-8")))
        start = source.find('<svg xmlns="http://www.w3.org/2000/svg" class="kat-map__panel', end)
    return Built(path, source, html.fromstring(source), svgs)


def pages() -> list[str]:
    return [page.format(lang=lang) for lang in LANGS for page in PAGES]


def country_page(base: str, href: str) -> str:
    """A link's target as a site path: `../countries/pl/` from `nb/` is `nb/countries/pl/`."""
    return urljoin("https://site.example/" + base, href).removeprefix("https://site.example/")


def check_links(site: Path, path: str, counts: dict[str, tuple[int, int]]) -> None:
    """One link per drawn country with records, to its page, named, shaded and hatched by
    its counts."""
    lang = path.split("/")[0]
    built = open_built(site, path)
    assert [svg.get("role") for svg in built.svgs] == ["group", "group"]
    assert all(svg.get("aria-label") for svg in built.svgs)
    drawn = set(json.loads(SHAPES.read_text("utf-8"))["panels"]["world"]["countries"])
    links = [a for svg in built.svgs for a in svg.iter(f"{SVG}a")]
    codes = [a.get("data-country") for a in links]
    assert sorted(codes) == sorted(code for code in counts if code in drawn)
    assert len(codes) == len(set(codes)), "a country is a link in one panel only"
    for a in links:
        code = a.get("data-country")
        projects, programmes = counts[code]
        name = counts_name(code, lang, projects, programmes)
        assert a.get("aria-label") == name
        assert a.findtext(f"{SVG}title") == name
        assert country_page(path, a.get("href")) == f"{lang}/countries/{code.lower()}/"
        shapes = [child for child in a if child.tag in (f"{SVG}path", f"{SVG}circle")]
        assert shapes, code
        shade = expected_shade(projects)
        for shape in shapes:
            if programmes:
                assert shape.get("class") == f"kat-map-h{shade}", code
                assert shape.get("fill") == f"url(#kat-map-hatch-{shade})", code
            else:
                assert shape.get("class") == f"kat-map-n{shade}", code
                assert shape.get("fill") is None, code


@pytest.mark.parametrize("path", pages())
def test_each_named_country_is_one_link_to_its_page_named_by_its_counts(
    site: Path, path: str
) -> None:
    check_links(site, path, expected_counts())


EXTRA = """\
title:
  nb: Prosjekt {n}
  en: Project {n}
summary:
  nb: Et prosjekt til kartets prøve.
  en: A project for the map's test.
countries: [{countries}]
themes: [local-democracy]
partners:
  - organisation: ks
    role: partner
sources:
  - title:
      nb: Kilde
      en: Source
    publisher: ks
"""


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The content with more projects: six in Sweden, three in Germany, one in Gibraltar
    (which has no shape of its own) and one more in Poland; no programme names Sweden,
    Germany or Gibraltar. Returns (the content folder, the built site)."""
    project = copy_project(tmp_path_factory.mktemp("map-crowded") / "project")
    named = ["SE"] * 6 + ["DE"] * 3 + ["GI", "PL, SE"]
    for n, countries in enumerate(named, 1):
        record = EXTRA.format(n=n, countries=countries)
        (project / "content" / "projects" / f"map-test-{n}.yml").write_text(record, "utf-8")
    result = build(project, env={"SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH})
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    return project / "content", project / "site"


def test_more_projects_shade_darker_and_only_programmes_hatch(crowded: tuple[Path, Path]) -> None:
    content, site = crowded
    counts = expected_counts(content)
    assert counts["SE"] == (7, 0) and counts["DE"] == (3, 0) and counts["GI"] == (1, 0)
    for path in pages():
        check_links(site, path, counts)
    built = open_built(site, "en/")
    links = {a.get("data-country"): a for svg in built.svgs for a in svg.iter(f"{SVG}a")}
    assert links["SE"].find(f"{SVG}path").get("class") == "kat-map-n4"
    assert links["DE"].find(f"{SVG}path").get("class") == "kat-map-n3"
    assert "GI" not in links
    table = built.doc.find_class("kat-map__table")[0]
    assert "Gibraltar" in [a.text_content() for a in table.iter("a")]


@pytest.mark.parametrize("path", pages())
def test_countries_without_records_are_plain_hidden_shapes(site: Path, path: str) -> None:
    built = open_built(site, path)
    for svg in built.svgs:
        for shape in svg.iter(f"{SVG}path", f"{SVG}circle", f"{SVG}rect"):
            ancestors = list(shape.iterancestors())
            if any(up.tag in (f"{SVG}a", f"{SVG}defs") for up in ancestors):
                continue
            hidden = [up for up in ancestors if up.get("aria-hidden") == "true"]
            assert hidden, etree.tostring(shape)[:80]
    plain = built.svgs[0].find(f".//{SVG}path[@class='kat-map-land']")
    assert plain is not None and plain.get("d", "").count("M") > 20


@pytest.mark.parametrize("path", pages())
def test_small_countries_have_a_marker_inside_their_link(site: Path, path: str) -> None:
    built = open_built(site, path)
    links = {a.get("data-country"): a for svg in built.svgs for a in svg.iter(f"{SVG}a")}
    for code in ("MT", "XK", "MD"):
        circle = links[code].find(f"{SVG}circle")
        assert circle is not None, code
        assert float(circle.get("r", "0")) >= 6


@pytest.mark.parametrize("path", pages())
def test_the_map_adds_less_than_60_kb_to_a_page(site: Path, path: str) -> None:
    built = open_built(site, path)
    start = built.source.index('<section class="kat-map-section"')
    end = built.source.index("</section>", start) + len("</section>")
    assert "<section" not in built.source[start + 1 : end]
    assert end - start < MAX_BYTES, end - start
    assert sum(len(etree.tostring(svg)) for svg in built.svgs) < MAX_BYTES


@pytest.mark.parametrize("path", pages())
def test_the_table_says_what_the_map_shows(site: Path, path: str) -> None:
    lang = path.split("/")[0]
    built = open_built(site, path)
    figure = built.doc.find_class("kat-map")[0]
    assert figure.tag == "figure"
    assert figure.find("figcaption") is not None
    tables = built.doc.find_class("kat-map__table")
    assert len(tables) == 1 and tables[0].tag == "details"
    rows = tables[0].findall(".//tbody/tr")
    counts = expected_counts()
    seen = {}
    for row in rows:
        link = row.find("th/a")
        assert link is not None
        code = country_page(path, link.get("href")).split("/")[2].upper()
        assert link.text_content() == l10n.country_name(code, lang)
        projects, programmes = (td.text_content() for td in row.findall("td"))
        seen[code] = (int(projects), int(programmes))
    assert seen == counts
    names = [row.find("th/a").text_content() for row in rows]
    assert names == sorted(names, key=lambda name: l10n.collation_key(name, lang))


# --- In a browser ----------------------------------------------------------------------

TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def browser_site(site: Path) -> Iterator[tuple[str, object]]:
    with browse(site) as (base, browser):
        yield base, browser


FOCUS = """() => {
  const e = document.activeElement;
  if (!e || !e.closest("svg.kat-map__panel")) return null;
  const style = getComputedStyle(e);
  const shape = getComputedStyle(e.querySelector("path, circle"));
  return {code: e.getAttribute("data-country"),
          outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1,
          stroke: shape.stroke, width: parseFloat(shape.strokeWidth)};
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["nb/", "en/countries/"])
def test_map_links_are_reached_by_tab_with_a_visible_focus(
    browser_site: tuple[str, object], path: str, width: int
) -> None:
    base, browser = browser_site
    with page_opener(browser, TIMEOUT_MS) as open_page:  # type: ignore[arg-type]
        page = open_page(viewport={"width": width, "height": 900})
        page.goto(base + path)
        expected = page.locator("svg.kat-map__panel a").count()
        assert expected > 10
        reached = []
        for _ in range(400):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUS)
            if focused is None:
                if reached:
                    break
                continue
            reached.append(focused)
        assert len(reached) == expected
        assert all(item["outline"] for item in reached), reached[:3]
        # The country's own outline turns the accent colour (#a64b18), thicker.
        assert all(item["stroke"] == "rgb(166, 75, 24)" for item in reached), reached[:3]
        assert all(item["width"] >= 2 for item in reached)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        box = page.locator("svg.kat-map__panel--europe").bounding_box()
        assert box is not None and box["width"] <= width
        summary = page.locator(".kat-map__table summary")
        summary.focus()
        page.keyboard.press("Enter")
        table = page.locator(".kat-map__table table")
        assert table.is_visible()
        assert table.locator("tbody tr").count() == len(expected_counts())
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
