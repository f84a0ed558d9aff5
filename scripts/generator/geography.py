"""World maps: country shapes (world-atlas TopoJSON, kept in data/raw/ with a sidecar) and their ids."""

import hashlib
import json

from scripts.generator import paths, yaml_loader

GEOMETRY_FILE = "world-atlas-countries-110m.json"
GEOMETRY_SIDECAR = "world-atlas.source.yml"
LEFT_OFF_MAP = {"010"}  # Antarctica: no one to show there, and it takes a fifth of the map


def world_topology() -> dict:
    """The world-atlas countries (TopoJSON), checked against its sidecar, without Antarctica.

    Only the `countries` object is kept, and only the arcs it uses, so that the
    spec that inlines it stays small.
    """
    path = paths.RAW / GEOMETRY_FILE
    sidecar = yaml_loader.safe_load((paths.RAW / GEOMETRY_SIDECAR).read_text(encoding="utf-8"))
    expected = sidecar["files"][GEOMETRY_FILE]["sha256"]
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    if actual != expected:
        raise ValueError(
            f"data/raw/{GEOMETRY_FILE}: sha256 {actual[:12]}… differs from {GEOMETRY_SIDECAR}; restore the file"
        )
    topology = json.loads(path.read_text(encoding="utf-8"))
    countries = topology["objects"]["countries"]
    geometries = [g for g in countries["geometries"] if g.get("id") not in LEFT_OFF_MAP]

    used: dict[int, int] = {}

    def renumber(arcs):
        if isinstance(arcs, int):
            original = ~arcs if arcs < 0 else arcs
            new = used.setdefault(original, len(used))
            return ~new if arcs < 0 else new
        return [renumber(item) for item in arcs]

    kept = [dict(g, arcs=renumber(g["arcs"])) for g in geometries]
    arcs = [None] * len(used)
    for original, new in used.items():
        arcs[new] = topology["arcs"][original]
    return {
        "type": "Topology",
        "transform": topology["transform"],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": kept}},
        "arcs": arcs,
    }


def map_ids() -> set[str]:
    """The ids (ISO 3166-1 numeric, as text) of the countries the map draws."""
    return {g["id"] for g in world_topology()["objects"]["countries"]["geometries"] if "id" in g}


def iso_numeric(alpha3: str) -> str | None:
    """ISO 3166-1 alpha-3 (as UNHCR writes it) to the three-digit numeric code the geometry uses."""
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3)
    return country.numeric if country else None


def label_point(country_id: str) -> tuple[float, float] | None:
    """Longitude and latitude at which to write a country's name on the map: the mean of the points
    of its largest outline (None when the map does not draw it)."""
    topology = world_topology()
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]

    def arc_points(index: int) -> list[tuple[float, float]]:
        x = y = 0
        points = []
        for dx, dy in topology["arcs"][~index if index < 0 else index]:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        return points[::-1] if index < 0 else points

    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") != country_id:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [
            [point for index in ring for point in arc_points(index)] for polygon in polygons for ring in polygon[:1]
        ]
        largest = max(rings, key=len)
        return (sum(p[0] for p in largest) / len(largest), sum(p[1] for p in largest) / len(largest))
    return None
