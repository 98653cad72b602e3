"""The country map: which countries the records name, how often, and how they are drawn.

Counts each country's projects and programmes once per build, from the records' facts,
and lays them on the committed country shapes (`map_shapes.json`, made by
`katalog.site.mapshapes` from Natural Earth): a Europe panel, where most records are, and
a world panel for the rest. Each country with records is a link in exactly one panel
(Europe's if it is drawn there), shaded by its number of projects, hatched when a
programme names it, and marked with a circle when it is too small to find or press; the
other countries are one plain shape. The same counts make the table that goes with the
map. It decides nothing about markup: `overrides/partials/catalogue/map.html` lays the
view out.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from katalog.languages import Lang
from katalog.site import l10n, urls
from katalog.site.context import BuildContext
from katalog.site.kinds import COUNTRY, PROGRAMME, PROJECT
from katalog.site.views import (
    LegendItem,
    Link,
    MapCountry,
    MapPanel,
    MapRow,
    MapView,
    Marker,
    Shaded,
)

SHAPES = Path(__file__).with_name("map_shapes.json")
PANELS = ("europe", "world")
SHADES: tuple[tuple[int, int | None], ...] = ((1, 1), (2, 2), (3, 5), (6, None))
"""The project counts each shade stands for, lightest first (`kat-map-n1` ...); a country
named only by programmes is `kat-map-n0`."""
MARKER_AREA = {"europe": 500.0, "world": 60.0}
"""A linked country drawn smaller than this (in square `viewBox` units) gets a marker."""
MARKER_RADIUS = {"europe": 7, "world": 6}


def load_shapes(ctx: BuildContext) -> dict[str, Any]:
    """The committed shapes, read once per build."""
    key = (load_shapes, None)
    if key not in ctx.cache:
        ctx.cache[key] = json.loads(SHAPES.read_text("utf-8"))
    shapes: dict[str, Any] = ctx.cache[key]
    return shapes


def country_counts(ctx: BuildContext) -> dict[str, tuple[int, int]]:
    """Country code -> (projects, programmes) naming it, for every country a record names."""
    key = (country_counts, None)
    if key not in ctx.cache:
        projects: Counter[str] = Counter()
        programmes: Counter[str] = Counter()
        for facts in ctx.all_facts():
            if facts.kind is PROJECT:
                projects.update(set(facts.record.countries))
            elif facts.kind is PROGRAMME:
                programmes.update(set(facts.record.countries))
        ctx.cache[key] = {code: (projects[code], programmes[code]) for code in ctx.countries}
    counts: dict[str, tuple[int, int]] = ctx.cache[key]
    return counts


def shade(projects: int) -> int:
    """The shade for a number of projects: 0 for none, else its place in `SHADES`."""
    for n, (low, high) in enumerate(SHADES, 1):
        if projects >= low and (high is None or projects <= high):
            return n
    return 0


def _counted(ctx: BuildContext, lang: Lang, n: int, kind: str) -> str:
    label = ctx.t(lang, f"count.{kind}s" if n != 1 else f"count.{kind}")
    return f"{l10n.format_count(n, lang)} {label}"


def counts_text(ctx: BuildContext, lang: Lang, projects: int, programmes: int) -> str:
    """ "2 prosjekter, 1 program": what names a country (a zero is left out)."""
    parts = []
    if projects:
        parts.append(_counted(ctx, lang, projects, PROJECT.key))
    if programmes:
        parts.append(_counted(ctx, lang, programmes, PROGRAMME.key))
    return ", ".join(parts)


def _legend(ctx: BuildContext, lang: Lang) -> tuple[LegendItem, ...]:
    items = []
    for n, (low, high) in enumerate(SHADES, 1):
        label = ctx.t(lang, "count.projects")
        if high == low:
            text = _counted(ctx, lang, low, PROJECT.key)
        elif high is None:
            text = ctx.t(lang, "map.legend.more", low=l10n.format_count(low, lang), label=label)
        else:
            text = ctx.t(
                lang,
                "map.legend.range",
                low=l10n.format_count(low, lang),
                high=l10n.format_count(high, lang),
                label=label,
            )
        items.append(LegendItem(n, False, text))
    items.append(LegendItem(0, True, ctx.t(lang, "map.legend.programme")))
    return tuple(items)


def _home_panel(shapes: dict[str, Any], code: str) -> str | None:
    """The panel a country is a link in: Europe's when it is drawn there."""
    for key in PANELS:
        if code in shapes["panels"][key]["countries"]:
            return key
    return None


def country_map(ctx: BuildContext, lang: Lang) -> MapView | None:
    """The map and its table for a page in `lang`; None when no record names a country.
    Made once per language: the home page and the countries index show the same map."""
    key = (country_map, lang)
    if key not in ctx.cache:
        ctx.cache[key] = _country_map(ctx, lang)
    made: MapView | None = ctx.cache[key]
    return made


def _country_map(ctx: BuildContext, lang: Lang) -> MapView | None:
    counts = country_counts(ctx)
    if not counts:
        return None
    shapes = load_shapes(ctx)
    names = {code: l10n.country_name(code, lang) for code in counts}
    panels = []
    for key in PANELS:
        panel = shapes["panels"][key]
        plain, shaded, linked = [], [], []
        for code, shape in sorted(panel["countries"].items()):
            if code not in counts:
                plain.append(shape["d"])
                continue
            projects, programmes = counts[code]
            if _home_panel(shapes, code) != key:
                if shape["d"]:
                    shaded.append(Shaded(shape["d"], shade(projects), programmes > 0))
                continue
            marker = None
            if shape["area"] < MARKER_AREA[key]:
                marker = Marker(shape["x"], shape["y"], MARKER_RADIUS[key])
            linked.append(
                MapCountry(
                    code=code,
                    d=shape["d"],
                    url=urls.entry(lang, COUNTRY.section, code.lower()),
                    name=ctx.t(
                        lang,
                        "map.country",
                        country=names[code],
                        counts=counts_text(ctx, lang, projects, programmes),
                    ),
                    shade=shade(projects),
                    hatched=programmes > 0,
                    marker=marker,
                )
            )
        panels.append(
            MapPanel(
                key=key,
                label=ctx.t(lang, f"map.panel.{key}"),
                width=panel["width"],
                height=panel["height"],
                plain="".join(plain),
                shaded=tuple(shaded),
                # In the reader's alphabetical order (the order Tab takes), those with a
                # marker last, so that a small country's circle lies above its neighbours.
                countries=tuple(
                    sorted(
                        linked,
                        key=lambda c: (
                            c.marker is not None,
                            l10n.collation_key(names[c.code], lang),
                        ),
                    )
                ),
                inset=panel.get("inset"),
            )
        )
    ordered = sorted(counts, key=lambda code: l10n.collation_key(names[code], lang))
    rows = tuple(
        MapRow(
            link=Link(names[code], urls.entry(lang, COUNTRY.section, code.lower())),
            projects=l10n.format_count(counts[code][0], lang),
            programmes=l10n.format_count(counts[code][1], lang),
        )
        for code in ordered
    )
    return MapView(
        title=ctx.t(lang, "map.title"),
        caption=ctx.t(lang, "map.caption"),
        panels=tuple(panels),
        legend=_legend(ctx, lang),
        table_summary=ctx.t(lang, "map.table"),
        table_headings=(
            ctx.t(lang, "kind.country"),
            ctx.t(lang, "section.projects"),
            ctx.t(lang, "section.programmes"),
        ),
        rows=rows,
        source=ctx.t(lang, "map.source"),
    )
