"""What the build makes of each chart besides its interactive spec.

- Static SVGs (light and dark, phone and wide) shown at once, before and without
  JavaScript, with the chart's final size.
- The table of exactly the values drawn (from the spec's own data), shown under
  the chart and offered as CSV.
- Images to download and share: PNG and SVG with title, subtitle and source.
All of it is rendered with vl-convert, without a browser.
"""

from __future__ import annotations

import copy
import re

import pandas as pd
import vl_convert

from scripts.generator.layout import TABLE_CLASS
from scripts.generator.legends import views

EXPORT_WIDTH = 800
EXPORT_SCALE = 2
VEGA_LITE_VERSION = "6.4"  # the Vega-Lite that vl-convert compiles with; Altair writes 6.4 specs


class TableError(Exception):
    """The values drawn cannot be read back from the spec."""


# The static drawings are laid out with the build's font and shown in the reader's, which can set a
# few per cent wider (Chromium on Linux, without subpixel positioning): a margin at each side keeps a
# long label at the edge inside the drawing. (The interactive view measures in the reader's font.)
FONT_MARGIN = 8  # pixels, beside Vega-Lite's own padding of 5


def static_svg(spec: dict, width: int, height: int) -> str:
    fixed = copy.deepcopy(spec)
    fixed["width"], fixed["height"] = width, height
    fixed["padding"] = {"left": 5 + FONT_MARGIN, "right": 5 + FONT_MARGIN, "top": 5, "bottom": 5}
    return lighter_svg(vl_convert.vegalite_to_svg(fixed, vl_version=VEGA_LITE_VERSION))


ARIA = re.compile(r'\s(?:aria-[a-z]+|role)="[^"]*"')
PATH_DATA = re.compile(r'\sd="([^"]*)"')
ATTRIBUTE = re.compile(r'="[^"]*"')
NUMBER = re.compile(r"\d+\.\d+")
DECIMALS = re.compile(r"(\d+\.\d)\d+")


def lighter_svg(svg: str) -> str:
    """A static drawing shown as an image: its ARIA labels are never read (the
    figure around it has the description), a whole pixel is precision enough for
    axes, bars and lines and a tenth for positions, and a map's outlines keep half
    a pixel (sharp on a phone's screen) without the points that this precision
    makes repeated or collinear. Text is left as drawn. A world map gets 40 %
    lighter, compressed."""
    svg = ARIA.sub("", svg).replace(' transform="translate(0,0)"', "")
    svg = PATH_DATA.sub(lambda match: f' d="{lighter_path(match.group(1))}"', svg)
    return ATTRIBUTE.sub(lambda match: DECIMALS.sub(r"\1", match.group(0)), svg)


NUMBER_ANY = r"-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?"
POLYLINE = re.compile(rf"(?:[MLZ]|{NUMBER_ANY},{NUMBER_ANY})+")
PATH_TOKEN = re.compile(rf"([MLZ])|({NUMBER_ANY}),({NUMBER_ANY})")
HALVES = 2  # an outline's precision: half a pixel


def lighter_path(d: str) -> str:
    """Path data of outlines made only of moves, straight lines and closes (a
    map's countries), written to half a pixel with relative moves, without
    repeated points, collinear points or rings flattened to a line; any other
    path rounded to whole pixels."""
    if not POLYLINE.fullmatch(d) or not d.startswith("M"):
        return _whole_pixels(d)
    rings: list[list[tuple[int, int]]] = []
    closed: list[bool] = []
    for command, x, y in PATH_TOKEN.findall(d):
        if command == "M":
            rings.append([])
            closed.append(False)
        elif command == "Z":
            closed[-1] = True
        elif x:
            if closed[-1]:  # a line after a close without a move: keep it as drawn
                return _whole_pixels(d)
            rings[-1].append((round(float(x) * HALVES), round(float(y) * HALVES)))
    out = []
    for points, is_closed in zip(rings, closed):
        points = _without_flat_points(points, is_closed)
        if len(points) < (3 if is_closed else 2):
            continue
        steps = [_pair(x1 - x0, y1 - y0) for (x0, y0), (x1, y1) in zip(points, points[1:])]
        out.append(f"M{_pair(*points[0])}l{_joined(steps)}" + ("z" if is_closed else ""))
    return "".join(out)


def _whole_pixels(d: str) -> str:
    return NUMBER.sub(lambda n: str(round(float(n.group(0)))), d)


def _without_flat_points(points: list[tuple[int, int]], closed: bool) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for point in points:
        if kept and point == kept[-1]:
            continue
        if len(kept) >= 2 and _collinear(kept[-2], kept[-1], point):
            kept[-1] = point
            continue
        kept.append(point)
    if closed and len(kept) > 1 and kept[-1] == kept[0]:
        kept.pop()
    return kept


def _collinear(a, b, c) -> bool:
    """b lies on the way from a to c: dropping it changes nothing drawn."""
    (ax, ay), (bx, by), (cx, cy) = a, b, c
    cross = (bx - ax) * (cy - by) - (by - ay) * (cx - bx)
    forward = (bx - ax) * (cx - bx) + (by - ay) * (cy - by) > 0
    return cross == 0 and forward


def _number(halves: int) -> str:
    """A count of half pixels as the shortest number: 4 -> 2, 1 -> .5, -3 -> -1.5."""
    if halves % HALVES == 0:
        return str(halves // HALVES)
    text = f"{halves / HALVES:g}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _pair(dx: int, dy: int) -> str:
    x, y = _number(dx), _number(dy)
    return x + (y if y.startswith("-") else "," + y)


def _joined(pairs: list[str]) -> str:
    """Pairs of a path's implicit line commands: a minus sign separates too."""
    text = pairs[0]
    for pair in pairs[1:]:
        text += pair if pair.startswith("-") else " " + pair
    return text


TITLE_WIDTH = 64  # characters of an image's title (18 px) on a line; the other texts (12 px) take 110


def export_spec(spec: dict, texts: dict, footer: str, height: int) -> dict:
    """The chart as a self-contained image: title, subtitle, the chart's notes and its source drawn in."""
    framed = copy.deepcopy(spec)
    framed["width"], framed["height"] = EXPORT_WIDTH, height
    # The drawing keeps its size; the image grows to hold the texts around it.
    framed["autosize"] = {"type": "pad", "contains": "padding"}
    framed["background"] = "white"
    framed["padding"] = 16
    notes = [line for note in texts.get("notes", []) for line in wrap(f"Note: {note}")]
    framed["title"] = {
        "text": wrap(texts["title"], TITLE_WIDTH),
        "subtitle": wrap(texts["subtitle"]) + [""] + notes + wrap(footer),
        "anchor": "start",
        "fontSize": 18,
        "subtitleFontSize": 12,
        "subtitlePadding": 6,
        "offset": 16,
    }
    return framed


def export_svg(spec: dict) -> str:
    return vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)


def export_png(spec: dict) -> bytes:
    return vl_convert.vegalite_to_png(spec, vl_version=VEGA_LITE_VERSION, scale=EXPORT_SCALE)


def wrap(text: str, width: int = 110) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line] if line else lines


# The values drawn --------------------------------------------------------------


def drawn_table(spec: dict) -> tuple[pd.DataFrame, dict[str, str | None]]:
    """The values the chart draws, headed with the titles its tooltips give them,
    and the number format of each column.

    Long data with a colour per series (year, group, people) is turned into
    one row per x value and one column per series, as a reader would tabulate it.
    """
    encoding = _encoding(spec)
    tooltip = encoding.get("tooltip") or []
    if isinstance(tooltip, dict):
        tooltip = [tooltip]
    fields = [item for item in tooltip if "field" in item]
    if not fields:
        raise TableError("the chart has no tooltip fields to build its data table from; add tooltips")
    names = [item["field"] for item in fields]
    table = pd.DataFrame(_dataset_with(spec, names))[names]
    titles = {item["field"]: item.get("title", item["field"]) for item in fields}
    formats = {item["field"]: item.get("format") for item in fields}

    colour, x, y = (encoding.get(channel, {}).get("field") for channel in ("color", "x", "y"))
    if x in names:
        table = table.sort_values(x, kind="stable", ignore_index=True)
    if colour in names and x in names and y in names and encoding["color"].get("type") == "nominal":
        order = encoding["color"].get("scale", {}).get("domain") or list(dict.fromkeys(table[colour]))
        # a cell with no value stays empty: a missing count is not zero (min_count)
        wide = table.groupby([x, colour], sort=True)[y].sum(min_count=1).unstack(colour)
        wide = wide[[series for series in order if series in wide.columns]]
        if (wide.fillna(0) % 1 == 0).all().all():  # counts stay whole numbers, gaps stay empty
            wide = wide.astype("Int64")
        wide = wide.reset_index()
        wide.columns = [titles[x]] + [str(series) for series in wide.columns[1:]]
        return wide, {titles[x]: formats[x]} | {column: formats[y] for column in wide.columns[1:]}
    return table.rename(columns=titles), {titles[name]: formats[name] for name in names}


def format_value(value, fmt: str | None) -> str:
    """Enough of d3-format for the formats our charts use: ",", "d", ".1%", ",.0f"."""
    if value is None or pd.isna(value):
        return ""
    if fmt and fmt.endswith("%"):
        digits = int(fmt.strip(",.%") or 0)
        return f"{float(value) * 100:.{digits}f}%"
    if fmt in (",", ",d", ",.0f"):
        return f"{round(float(value)):,}"
    if fmt == "d":
        return str(round(float(value)))
    return str(value)


def table_html(table: pd.DataFrame, formats: dict[str, str | None], caption: str) -> str:
    from html import escape

    table = pd.DataFrame(
        {column: table[column].map(lambda v, f=formats[column]: format_value(v, f)) for column in table}
    )
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in table.columns)
    body = "".join(
        "<tr>"
        + "".join(
            (f'<th scope="row">{escape(v)}</th>' if i == 0 else f"<td>{escape(v)}</td>") for i, v in enumerate(row)
        )
        + "</tr>"
        for row in table.astype(str).itertuples(index=False)
    )
    return f'<table class="{TABLE_CLASS}"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _encoding(spec: dict) -> dict:
    """The encoding of the first view with tooltips, or without layers: the spec's own, or a layer's at
    any depth."""
    for view in views(spec):
        encoding = view.get("encoding")
        if encoding is not None and ("tooltip" in encoding or "layer" not in view):
            return encoding
    raise TableError("no encoding with tooltips found in the spec")


def _dataset_with(spec: dict, names: list[str]) -> list[dict]:
    for rows in spec.get("datasets", {}).values():
        if rows and isinstance(rows, list) and all(name in rows[0] for name in names):
            return rows
    raise TableError(f"no inline dataset has all the tooltip fields {names}")
