"""Natural Earth country shapes, from the `world-atlas` package's TopoJSON, to the map's
SVG path data (`katalog/site/map_shapes.json`).

A developer's tool, run when the shapes should change, never during a build (the build
reads the committed JSON, `katalog.site.geography`):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m katalog.site.mapshapes package/

It decodes the TopoJSON arcs (delta-encoded, quantised), projects them for each of the
map's two panels, simplifies each shared arc once (so neighbours keep one border), clips
the Europe panel to its frame and rounds every point to a whole unit of the panel's
`viewBox`. Each country is keyed by its ISO 3166-1 alpha-2 code (world-atlas uses the
numeric codes; Kosovo, which has none, by its name; Northern Cyprus and Somaliland, which
ISO 3166 counts as parts of Cyprus and Somalia, with those). Countries the 110m shapes lack
(Malta, Andorra, Singapore ...) come from the 50m shapes. A country too small to draw keeps
its label point, where the map puts a marker. It does not decide what the map shows or how:
that is the build's.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry

Point = tuple[float, float]
Ring = list[Point]
Project = Callable[[float, float], Point]

OUTPUT = Path(__file__).with_name("map_shapes.json")
BY_NAME = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}
"""world-atlas shapes without a numeric code, by name -> the ISO code they are drawn with."""
SKIPPED = {"AQ"}
"""Antarctica: no record names it, and it would take a fifth of the world panel."""
SOURCE = (
    "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com. "
    "Country shapes from the world-atlas package 2.0.2 (countries-110m.json, and "
    "countries-50m.json for countries the 110m shapes lack), projected, simplified and "
    "rounded by katalog/site/mapshapes.py."
)
LICENCE = (
    "Natural Earth data is in the public domain. The world-atlas package is under the ISC "
    "licence, copyright 2013-2019 Michael Bostock; see map_shapes.LICENSE.txt."
)


# --- TopoJSON --------------------------------------------------------------------------


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Every arc of a topology as absolute longitude/latitude points.

    A quantised topology (with a `transform`) stores each arc's first position and then
    the differences to the one before, in integer units of `scale` from `translate`.
    """
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for qx, qy, *_ in arc:
            x, y = x + qx, y + qy
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def ring_of(indexes: Sequence[int], arcs: Sequence[Sequence[Point]]) -> Ring:
    """The closed ring of points a list of arc indexes makes (`~i`, that is -i-1, is arc
    `i` backwards); each arc's first point is the previous arc's last."""
    ring: Ring = []
    for index in indexes:
        arc = list(arcs[index]) if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(arc if not ring else arc[1:])
    return ring


def polygons_of(geometry: dict[str, Any]) -> list[list[list[int]]]:
    """A Polygon's or MultiPolygon's polygons, each a list of rings of arc indexes."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


# --- Projections -----------------------------------------------------------------------


def equal_earth(lon: float, lat: float) -> Point:
    """The Equal Earth projection (Šavrič, Patterson and Jenny 2018), unit sphere."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    m = math.sqrt(3) / 2
    theta = math.asin(m * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = math.radians(lon) * math.cos(theta) / (m * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, -y


def azimuthal_equal_area(lon0: float, lat0: float) -> Project:
    """Lambert's azimuthal equal-area projection centred on (lon0, lat0), unit sphere."""
    phi0 = math.radians(lat0)

    def project(lon: float, lat: float) -> Point:
        lam, phi = math.radians(lon - lon0), math.radians(lat)
        cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
        k = math.sqrt(2 / max(1 + cos_c, 1e-9))
        x = k * math.cos(phi) * math.sin(lam)
        y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
        return x, -y

    return project


# --- Geometry --------------------------------------------------------------------------


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: the fewest of `points` (ends kept) within `tolerance` of the line."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        worst, at = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if distance > worst:
                worst, at = distance, i
        if worst > tolerance:
            keep[at] = True
            stack += [(first, at), (at, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def clip(ring: Ring, width: float, height: float) -> Ring:
    """Sutherland–Hodgman: the part of a ring inside the frame (0, 0)–(width, height)."""
    edges: list[tuple[Callable[[Point], bool], Callable[[Point, Point], Point]]] = [
        (lambda p: p[0] >= 0, lambda a, b: _cross_x(a, b, 0)),
        (lambda p: p[0] <= width, lambda a, b: _cross_x(a, b, width)),
        (lambda p: p[1] >= 0, lambda a, b: _cross_y(a, b, 0)),
        (lambda p: p[1] <= height, lambda a, b: _cross_y(a, b, height)),
    ]
    for inside, cross in edges:
        if not ring:
            break
        result: Ring = []
        previous = ring[-1]
        for point in ring:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        ring = result
    return ring


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def area(ring: Sequence[Point]) -> float:
    """A ring's area (shoelace formula), whichever way it winds."""
    total = 0.0
    for (ax, ay), (bx, by) in zip(ring, [*ring[1:], ring[0]], strict=True):
        total += ax * by - bx * ay
    return abs(total) / 2


def label_point(ring: Sequence[Point]) -> Point:
    """A point inside a ring for its marker: the centroid when it lies inside, else the
    middle of the widest stretch inside along the centroid's row."""
    n, cx, cy, twice = len(ring), 0.0, 0.0, 0.0
    for (ax, ay), (bx, by) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = ax * by - bx * ay
        twice += cross
        cx += (ax + bx) * cross
        cy += (ay + by) * cross
    if twice == 0:
        return sum(p[0] for p in ring) / n, sum(p[1] for p in ring) / n
    cx, cy = cx / (3 * twice), cy / (3 * twice)
    crossings = sorted(
        ax + (cy - ay) * (bx - ax) / (by - ay)
        for (ax, ay), (bx, by) in zip(ring, [*ring[1:], ring[0]], strict=True)
        if (ay > cy) != (by > cy)
    )
    spans = list(zip(crossings[::2], crossings[1::2], strict=False))
    if not spans or any(a <= cx <= b for a, b in spans):
        return cx, cy
    a, b = max(spans, key=lambda span: span[1] - span[0])
    return (a + b) / 2, cy


def path_data(rings: Iterable[Sequence[tuple[int, int]]]) -> str:
    """SVG path data for rings of whole-unit points: `M` to the first, then relative `l`."""
    parts = []
    for ring in rings:
        (x0, y0), steps = ring[0], []
        x, y = x0, y0
        for px, py in ring[1:]:
            steps += [px - x, py - y]
            x, y = px, py
        parts.append(f"M{_numbers([x0, y0])}l{_numbers(steps)}z")
    return "".join(parts)


def _numbers(values: Sequence[int]) -> str:
    """Numbers as SVG path data writes them shortest: `3-2 5` (a minus sign separates)."""
    text = ""
    for value in values:
        text += ("" if not text or value < 0 else " ") + str(value)
    return text


# --- Panels ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Panel:
    """One drawing of the map: a projection, the area it shows and its size in units."""

    name: str
    project: Project
    west: float
    north: float
    east: float
    south: float
    """The frame's corners in projected units (x grows east, y south)."""
    width: int
    tolerance: float
    """Simplification, in `viewBox` units."""
    clipped: bool
    wraps: bool = False
    """Whether the panel shows the whole globe, cut at 180° (a ring across it is split)."""
    near: Callable[[float, float], bool] | None = None
    """Which longitudes and latitudes may be drawn: a ring with no point near enough is
    left out (an azimuthal projection folds the far side of the globe around the frame)."""

    @property
    def scale(self) -> float:
        return self.width / (self.east - self.west)

    @property
    def height(self) -> int:
        return round((self.south - self.north) * self.scale)

    def to_view(self, lon: float, lat: float) -> Point:
        x, y = self.project(lon, lat)
        return (x - self.west) * self.scale, (y - self.north) * self.scale

    def frame_in(self, other: Panel, steps: int = 16) -> list[Point]:
        """This panel's frame as it falls on `other` (the world map's outline of Europe)."""
        inverse = _inverse_grid(self)
        edge = [(i / steps, 0.0) for i in range(steps)]
        edge += [(1.0, i / steps) for i in range(steps)]
        edge += [(1 - i / steps, 1.0) for i in range(steps)]
        edge += [(0.0, 1 - i / steps) for i in range(steps)]
        return [other.to_view(*inverse(u, v)) for u, v in edge]


def _inverse_grid(panel: Panel) -> Callable[[float, float], Point]:
    """The longitude and latitude at a fraction (u, v) of a panel's frame, found by search
    (the azimuthal projection's inverse, without a formula to keep)."""

    def inverse(u: float, v: float) -> Point:
        tx, ty = u * panel.width, v * panel.height
        lon, lat = 15.0, 52.0
        for _ in range(60):
            x, y = panel.to_view(lon, lat)
            ex, ey = tx - x, ty - y
            if abs(ex) + abs(ey) < 1e-6:
                break
            h = 1e-4
            x1, y1 = panel.to_view(lon + h, lat)
            x2, y2 = panel.to_view(lon, lat + h)
            a, b, c, d = (x1 - x) / h, (x2 - x) / h, (y1 - y) / h, (y2 - y) / h
            det = a * d - b * c
            lon += (d * ex - b * ey) / det
            lat += (a * ey - c * ex) / det
        return lon, lat

    return inverse


def europe_panel() -> Panel:
    """Iceland to the Caspian, the North Cape to Crete: every European country whole."""
    project = azimuthal_equal_area(15, 52)
    corners = [
        project(-25, 64),
        project(-11, 35),
        project(50, 38),
        project(40, 71),
        project(-10, 71),
    ]
    west, east = min(x for x, _ in corners), max(x for x, _ in corners)
    north = min(y for _, y in corners)
    south = project(15, 33.5)[1]
    return Panel(
        "europe",
        project,
        west,
        north,
        east,
        south,
        600,
        0.7,
        clipped=True,
        near=lambda lon, lat: -35 <= lon <= 65 and 25 <= lat <= 80,
    )


def world_panel() -> Panel:
    west, _ = equal_earth(-180, 0)
    east, _ = equal_earth(180, 0)
    _, north = equal_earth(0, 84)
    _, south = equal_earth(0, -56)
    return Panel(
        "world", equal_earth, west, north, east, south, 600, 0.8, clipped=False, wraps=True
    )


# --- Conversion ------------------------------------------------------------------------


def alpha2(geometry: dict[str, Any]) -> str | None:
    """The ISO 3166-1 alpha-2 code of a world-atlas country."""
    name = geometry.get("properties", {}).get("name", "")
    if "id" not in geometry:
        return BY_NAME.get(name)
    country = pycountry.countries.get(numeric=geometry["id"])
    return country.alpha_2 if country else None


def countries(topology: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """alpha-2 -> the topology's geometries drawn as that country."""
    found: dict[str, list[dict[str, Any]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha2(geometry)
        if code and code not in SKIPPED:
            found.setdefault(code, []).append(geometry)
    return found


class Atlas:
    """One topology, its arcs decoded once and projected (and simplified) once per panel."""

    def __init__(self, topology: dict[str, Any]) -> None:
        self.topology = topology
        self.lonlat = decode_arcs(topology)
        self._projected: dict[tuple[str, bool], list[list[Point]]] = {}

    def arcs(self, panel: Panel, *, exact: bool = False) -> list[list[Point]]:
        """The arcs in a panel's units, simplified unless `exact`."""
        key = (panel.name, exact)
        if key not in self._projected:
            tolerance = 0 if exact else panel.tolerance
            self._projected[key] = [
                simplify([panel.to_view(lon, lat) for lon, lat in arc], tolerance)
                for arc in self.lonlat
            ]
        return self._projected[key]


def draw(panel: Panel, atlas: Atlas, geometries: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """One country in one panel: path data, total area and label point, in view units;
    None when nothing of it falls in the panel."""
    rings = _rings(panel, atlas, geometries, atlas.arcs(panel))
    if not rings:
        # Simplified to nothing: the shape is smaller than the tolerance. Its unsimplified
        # rings still say where its marker goes.
        rings = _rings(panel, atlas, geometries, atlas.arcs(panel, exact=True))
    if not rings:
        return None
    biggest = max(rings, key=area)
    total = sum(area(ring) for ring in rings)
    # A part smaller than a square unit is left out; a country of only such parts keeps
    # no shape, only its label point, for a marker.
    drawn = [r for r in (_rounded(ring) for ring in rings) if len(r) >= 3 and area(r) >= 1]
    x, y = label_point(biggest)
    return {"d": path_data(drawn), "area": round(total, 1), "x": round(x), "y": round(y)}


def _rings(
    panel: Panel,
    atlas: Atlas,
    geometries: Sequence[dict[str, Any]],
    arcs: Sequence[Sequence[Point]],
) -> list[Ring]:
    rings: list[Ring] = []
    for geometry in geometries:
        for polygon in polygons_of(geometry):
            for indexes in polygon:
                lonlat = ring_of(indexes, atlas.lonlat)
                if panel.near is not None and not any(panel.near(*p) for p in lonlat):
                    continue
                if panel.wraps and _crosses_antimeridian(lonlat):
                    rings += _split_at_antimeridian(panel, lonlat)
                    continue
                ring = ring_of(indexes, arcs)
                if panel.clipped:
                    ring = clip(ring, panel.width, panel.height)
                if len(ring) >= 3 and area(ring) > 1e-6:
                    rings.append(ring)
    return rings


def _crosses_antimeridian(ring: Ring) -> bool:
    return any(abs(a[0] - b[0]) > 180 for a, b in itertools.pairwise(ring))


def _split_at_antimeridian(panel: Panel, ring: Ring) -> list[Ring]:
    """A ring that crosses 180° (Fiji, Chukotka) as its parts east and west of it, in the
    panel's units; each simplified on its own (it shares no border across the line)."""
    unwrapped = [ring[0]]
    offset = 0.0
    for (before, _), (lon, lat) in itertools.pairwise(ring):
        if lon - before > 180:
            offset -= 360
        elif lon - before < -180:
            offset += 360
        unwrapped.append((lon + offset, lat))
    parts = []
    for shift in (-360, 0, 360):
        moved = [(lon + shift + 180, lat + 90) for lon, lat in unwrapped]
        part = clip(moved, 360, 180)
        if len(part) >= 3 and area(part) > 1e-9:
            projected = [panel.to_view(lon - 180, lat - 90) for lon, lat in part]
            parts.append(simplify([*projected, projected[0]], panel.tolerance)[:-1])
    return [part for part in parts if len(part) >= 3]


def _rounded(ring: Ring) -> list[tuple[int, int]]:
    points: list[tuple[int, int]] = []
    for x, y in ring:
        point = (round(x), round(y))
        if not points or point != points[-1]:
            points.append(point)
    while len(points) > 1 and points[-1] == points[0]:
        points.pop()
    return points


def convert(coarse: dict[str, Any], fine: dict[str, Any]) -> dict[str, Any]:
    """The map data: for each panel, its size and every country drawn in it."""
    atlases = Atlas(coarse), Atlas(fine)
    by_code = {code: (atlases[0], shapes) for code, shapes in countries(coarse).items()}
    for code, shapes in countries(fine).items():
        by_code.setdefault(code, (atlases[1], shapes))
    europe, world = europe_panel(), world_panel()
    panels: dict[str, Any] = {}
    for panel in (europe, world):
        drawn: dict[str, Any] = {}
        for code in sorted(by_code):
            atlas, shapes = by_code[code]
            shape = draw(panel, atlas, shapes)
            if shape is not None:
                drawn[code] = shape
        panels[panel.name] = {"width": panel.width, "height": panel.height, "countries": drawn}
    frame = [(round(x), round(y)) for x, y in europe.frame_in(world)]
    panels["world"]["inset"] = path_data([frame])
    return {"source": SOURCE, "licence": LICENCE, "panels": panels}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package", type=Path, help="the unpacked world-atlas package folder")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    coarse = json.loads((args.package / "countries-110m.json").read_text("utf-8"))
    fine = json.loads((args.package / "countries-50m.json").read_text("utf-8"))
    data = convert(coarse, fine)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    args.output.write_text(text + "\n", "utf-8")


if __name__ == "__main__":
    main()
