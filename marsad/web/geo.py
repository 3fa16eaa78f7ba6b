"""The event map: Natural Earth country outlines (marsad/web/data, see its PROVENANCE) drawn as
SVG paths, a projection fitted to the events shown, countries shaded by their country-level
events, places as points, and labels placed so that none overlaps another."""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.web.charts import colour

WORLD = Path(__file__).parent / "data" / "world-110m.json"
# The smallest view, in degrees of latitude, so that one place is not alone in a blank frame.
MIN_SPAN = 16.0
MARGIN = 0.12  # of the view's span, on each side of what it must show
FONT = 12.0


@lru_cache(maxsize=1)
def world() -> list[dict[str, Any]]:
    """Every country's outline, with its bounding box and the point its label goes on (the
    middle of its largest ring's box)."""
    countries = json.loads(WORLD.read_text("utf-8"))["countries"]
    for country in countries:
        rings = country["rings"]
        lons = [x for r in rings for x in r[0::2]]
        lats = [y for r in rings for y in r[1::2]]
        country["box"] = (min(lons), min(lats), max(lons), max(lats))
        largest = max(rings, key=len)
        country["label_at"] = ((min(largest[0::2]) + max(largest[0::2])) / 2,
                               (min(largest[1::2]) + max(largest[1::2])) / 2)
    return countries


@lru_cache(maxsize=1)
def _country_of_kb() -> dict[str, str]:
    """Wikidata id -> ISO alpha-3 of the knowledge base's countries."""
    from marsad.lexicon.lexicon import load_lexicon

    base = load_lexicon().actors
    return {base.actors[a].kb: code for code, a in base.country_actor.items() if base.actors[a].kb}


def country_level(place: dict[str, Any]) -> str | None:
    """The ISO alpha-3 code when the place is a whole country (its KB id is the country's)."""
    return _country_of_kb().get(place.get("kb") or "")


class Projection:
    """Equirectangular with its horizontal scale shrunk by cos(middle latitude), so that shapes
    near the view's middle keep their proportions; fitted to a box of longitude/latitude."""

    def __init__(self, west: float, south: float, east: float, north: float, width: float, height: float):
        self.box = (west, south, east, north)
        self.k = math.cos(math.radians((south + north) / 2))
        span_x, span_y = (east - west) * self.k, north - south
        self.scale = min(width / span_x, height / span_y)
        # Centre the box in the frame.
        self.x0 = (width - span_x * self.scale) / 2 - west * self.k * self.scale
        self.y0 = (height - span_y * self.scale) / 2 + north * self.scale
        self.width, self.height = width, height

    def key(self) -> tuple[float, ...]:
        """What rebuilds this projection (see Projection.__init__)."""
        return self.box + (self.width, self.height)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return lon * self.k * self.scale + self.x0, self.y0 - lat * self.scale

    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) of the whole frame."""
        west = -self.x0 / (self.k * self.scale)
        east = (self.width - self.x0) / (self.k * self.scale)
        # The frame may reach past the poles or the antimeridian where the map is wider than
        # the world: say only what it shows of the earth.
        return (max(west, -180.0), max((self.y0 - self.height) / self.scale, -90.0),
                min(east, 180.0), min(self.y0 / self.scale, 90.0))


def fit(points: list[tuple[float, float]], width: float, height: float) -> Projection:
    """A projection showing every (lon, lat) with a margin; the whole inhabited world when none."""
    if not points:
        return Projection(-170.0, -56.0, 180.0, 78.0, width, height)
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    if north - south < MIN_SPAN:
        middle = (north + south) / 2
        south, north = middle - MIN_SPAN / 2, middle + MIN_SPAN / 2
    k = math.cos(math.radians((south + north) / 2))
    if (east - west) * k < MIN_SPAN:
        middle = (east + west) / 2
        west, east = middle - MIN_SPAN / (2 * k), middle + MIN_SPAN / (2 * k)
    pad_x, pad_y = (east - west) * MARGIN, (north - south) * MARGIN
    return Projection(max(west - pad_x, -180.0), max(south - pad_y, -85.0),
                      min(east + pad_x, 180.0), min(north + pad_y, 85.0), width, height)


# The share of events, at each end of longitude and of latitude, that the view may leave out:
# one report from Washington or Seoul would otherwise shrink the Levant to a dot.
TAIL_SHARE = 0.06


def core(anchors: list[tuple[float, float, int]]) -> list[tuple[float, float]]:
    """The (lon, lat) of the places that hold the bulk of the events: those inside the range of
    longitude and of latitude left when TAIL_SHARE of the events is cut from each end."""
    if not anchors:
        return []
    total = sum(a[2] for a in anchors)

    def middle(axis: int) -> tuple[float, float]:
        ordered = sorted(anchors, key=lambda a: a[axis])
        running, low, high = 0, ordered[0][axis], ordered[-1][axis]
        for a in ordered:
            running += a[2]
            if running > TAIL_SHARE * total:
                low = a[axis]
                break
        running = 0
        for a in reversed(ordered):
            running += a[2]
            if running > TAIL_SHARE * total:
                high = a[axis]
                break
        return low, high

    (west, east), (south, north) = middle(0), middle(1)
    return [(a[0], a[1]) for a in anchors if west <= a[0] <= east and south <= a[1] <= north]


@lru_cache(maxsize=64)
def _outline_paths(projection: tuple[float, ...]) -> tuple[str, ...]:
    """Every country's SVG path under one projection (views repeat: the same filters, pages)."""
    project = Projection(*projection)
    return tuple(_path(c["rings"], project) for c in world())


def _path(rings: list[list[float]], project: Projection) -> str:
    parts = []
    for ring in rings:
        xy = [project(ring[i], ring[i + 1]) for i in range(0, len(ring), 2)]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in xy) + "Z")
    return "".join(parts)


def _text_width(text: str, bold: bool = False) -> float:
    # Arabic letters join and run narrower than Latin ones at the same size; bold runs wider.
    return FONT * (0.62 if bold else 0.55) * len(text) + 4


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(marks: list[dict[str, Any]], width: float, height: float) -> None:
    """Give each mark (most events first) a label position beside it that overlaps no other
    label and no other mark, or none (its name stays in its tooltip and the table)."""
    taken = [(m["x"] - m["r"], m["y"] - m["r"], m["x"] + m["r"], m["y"] + m["r"]) for m in marks]
    for mark in sorted(marks, key=lambda m: (-m["events"], m["name"])):
        text = f'{mark["name"]} {mark["events"]}'
        w, h = _text_width(text, bold=mark.get("country_level", False)), FONT + 2
        x, y, r = mark["x"], mark["y"], mark["r"] + 2
        own = (x - mark["r"], y - mark["r"], x + mark["r"], y + mark["r"])
        # Right of the point first (the page reads right to left, the eye meets it first),
        # then left, above, below, and the diagonals.
        # Farther out only when nothing nearer is free.
        candidates = [(x + r + d, y + h / 3, "start") for d in (0, 8)] + [
            (x - r - d, y + h / 3, "end") for d in (0, 8)]
        for lx, ly, anchor in [candidates[0], candidates[2],
                               (x, y - r - 2, "middle"), (x, y + r + h - 2, "middle"),
                               (x + r, y - r, "start"), (x - r, y - r, "end"),
                               (x + r, y + r + h - 4, "start"), (x - r, y + r + h - 4, "end"),
                               candidates[1], candidates[3],
                               (x, y - r - 10, "middle"), (x, y + r + h + 6, "middle")]:
            left = lx if anchor == "start" else lx - w if anchor == "end" else lx - w / 2
            box = (left, ly - h + 3, left + w, ly + 3)
            if box[0] < 0 or box[2] > width or box[1] < 0 or box[3] > height:
                continue
            if any(_overlaps(box, t) for t in taken if t != own):
                continue
            taken.append(box)
            mark["label"] = {"x": round(lx, 1), "y": round(ly, 1), "anchor": anchor, "text": text}
            break


def event_map(points: list[dict[str, Any]], width: int = 960, height: int = 600) -> dict[str, Any]:
    """Country outlines, shaded countries (country-level events), places as points, labels."""
    countries = world()
    by_code = {c["iso3"]: c for c in countries if c["iso3"]}
    shaded: dict[str, dict[str, Any]] = {}
    places = []
    for p in points:
        code = country_level(p)
        if code and code in by_code:
            shaded[code] = p
        else:
            places.append(p)
    anchors = [(p["lon"], p["lat"], p["events"]) for p in places]
    anchors += [(*by_code[code]["label_at"], p["events"]) for code, p in shaded.items()]
    project = fit(core(anchors), width, height)
    top = max((p["events"] for p in points), default=1)
    outlines = []
    paths = _outline_paths(project.key())
    for country, d in zip(countries, paths):
        event = shaded.get(country["iso3"]) if country["iso3"] else None
        outline = {"iso3": country["iso3"], "name": country["name"], "d": d}
        if event:
            main = max(event["types"], key=lambda t: event["types"][t]) if event["types"] else ""
            outline.update(event=event, colour=colour(main), main_type=main,
                           opacity=round(0.25 + 0.55 * math.sqrt(event["events"] / top), 2))
        outlines.append(outline)
    marks = []
    for code, p in shaded.items():
        x, y = project(*by_code[code]["label_at"])
        marks.append({**p, "x": x, "y": y, "r": 0.0, "country_level": True, "iso3": code})
    for p in places:
        x, y = project(p["lon"], p["lat"])
        main = max(p["types"], key=lambda t: p["types"][t]) if p["types"] else ""
        marks.append({**p, "x": x, "y": y, "r": round(3 + 10 * math.sqrt(p["events"] / top), 1),
                      "colour": colour(main), "main_type": main, "country_level": False})
    visible = [m for m in marks if 0 <= m["x"] <= width and 0 <= m["y"] <= height]
    place_labels(visible, width, height)
    for m in marks:
        m["x"], m["y"] = round(m["x"], 1), round(m["y"], 1)
    west, south, east, north = project.bounds()
    outside = [m for m in marks if m not in visible]
    return {"width": width, "height": height, "outlines": outlines,
            "outside": {"places": len(outside), "events": sum(m["events"] for m in outside)},
            "dots": [m for m in marks if not m["country_level"]],
            "countries": [m for m in marks if m["country_level"]],
            "box": {"south": south, "north": north, "west": west, "east": east}}
