"""A chart's key to its colours, written as HTML above the drawing instead of drawn inside it.

Text in HTML wraps to the reader's screen and is set in the reader's font, so no phone cuts an entry
off; Vega lays a legend out once, for one width. The key is read from the Vega-Lite spec itself (the
colour channel's domain and range, and a dash channel on the same field), so a chart file declares its
colours once, as before. The page's interactive view and static drawings leave the legend out; the
downloaded images, which stand alone, keep it.

A legend Vega draws better stays in the drawing: a colour gradient (a quantitative scale), and a
scale whose colours the spec does not list (a named scheme).
"""

from __future__ import annotations

import copy
import re

LINE_MARKS = {"line", "trail", "rule"}
# What a swatch's colour may be: it is written into a style attribute.
COLOUR = re.compile(r"#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3})?|[a-zA-Z]+")


def views(spec: dict):
    """The spec and each of its layers (at any depth): the places an encoding can be."""
    yield spec
    for layer in spec.get("layer", []):
        yield from views(layer)


def mark_type(view: dict, parent: str | None = None) -> str | None:
    """A view's mark type ("bar", "line" …), or its parent's when it has none."""
    mark = view.get("mark", parent)
    return mark.get("type") if isinstance(mark, dict) else mark


def _keyed(spec: dict):
    """(view, mark type) of the first view whose colour channel can be written as an HTML key."""
    parent = mark_type(spec, None)
    for view in views(spec):
        colour = (view.get("encoding") or {}).get("color") or {}
        scale = colour.get("scale") or {}
        domain, colours = scale.get("domain"), scale.get("range")
        if colour.get("type") in ("nominal", "ordinal") and colour.get("legend", {}) is not None:
            if (
                isinstance(domain, list)
                and isinstance(colours, list)
                and len(colours) >= len(domain) > 0
                and all(isinstance(c, str) and COLOUR.fullmatch(c) for c in colours[: len(domain)])
            ):
                return view, mark_type(view, parent)
    return None, None


def html_key(spec: dict) -> dict | None:
    """The key of one palette's spec: {"title", "symbol" ("line" or "square"), "entries": [{"label",
    "colour", "dashed"}]}, or None when the legend stays in the drawing."""
    view, mark = _keyed(spec)
    if view is None:
        return None
    colour = view["encoding"]["color"]
    legend = colour.get("legend") or {}
    dash = view["encoding"].get("strokeDash") or {}
    dashes = {}
    if dash.get("field") == colour.get("field"):
        dash_scale = dash.get("scale") or {}
        dashes = dict(zip(dash_scale.get("domain") or [], dash_scale.get("range") or []))
    domain, colours = colour["scale"]["domain"], colour["scale"]["range"]
    return {
        "title": legend.get("title") or None,
        "symbol": "line" if mark in LINE_MARKS else "square",
        "entries": [
            {"label": str(label), "colour": shade, "dashed": any((dashes.get(label) or [])[1::2])}
            for label, shade in zip(domain, colours)
        ],
    }


def without_key(spec: dict) -> dict:
    """The spec with the legend its HTML key replaces left out (the spec itself when it keeps it)."""
    if html_key(spec) is None:
        return spec
    spec = copy.deepcopy(spec)
    view, _ = _keyed(spec)
    view["encoding"]["color"]["legend"] = None
    return spec


def page_key(keys: dict[str, dict | None]) -> dict | None:
    """One key for the page from each palette's (light and dark): an entry carries both colours."""
    light, dark = keys.get("light"), keys.get("dark")
    if not light or not dark:
        return None
    return light | {
        "entries": [
            {"label": a["label"], "light": a["colour"], "dark": b["colour"], "dashed": a["dashed"]}
            for a, b in zip(light["entries"], dark["entries"])
        ]
    }
