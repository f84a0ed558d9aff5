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
