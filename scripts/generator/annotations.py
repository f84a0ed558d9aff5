"""Notes drawn on a chart, and the breaks in its series, added to its Vega-Lite spec.

A chart file may declare ANNOTATIONS, a list of notes, each pinned to
    a year            {"year": 2008, "text": "…"}
    a range of years  {"years": [2009, 2013], "text": "…"}
    a mark            {"mark": {"year": 2024, "group": "Refugees"}, "text": "…"}   (the year and any
                      other field that picks the mark out; without one, the top of the year's marks)
A year is a number or the name of a year figure ("applications_peak_year"); the text may hold
{figure} placeholders, like the chart's other texts.

A chart may also declare DRAWS, the series it draws in the register's words ("asylum_seekers",
"applications" …). Each break of the register (`breaks` in [tool.story]: a list of breaks, each with
the series it touches, its years, a short label and an explanation) in one of those series and within
the years the chart draws is drawn on it, without editing the chart: a dashed rule where comparability
ends, the marks of those years pale (bars, points) or dashed (lines) or veiled (areas), and the label
in a row above the drawing.

A line chart with a few series (LABELLED_SERIES or fewer) names each line at its last point instead of
keeping a legend.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from scripts.generator import paths, yaml_loader
from scripts.generator.errors import BuildError
from scripts.generator.legends import mark_type, views

PALE = 0.35  # the opacity of marks in a break's years
TOP_ROW = -24  # the labels of breaks, years and ranges: a row above the drawing (its baseline, px)
LABELLED_SERIES = 4
# Spec keys that stay at the top when the chart becomes the first of several layers.
TOP_LEVEL = {
    "$schema",
    "config",
    "datasets",
    "width",
    "height",
    "description",
    "autosize",
    "padding",
    "background",
    "usermeta",
}
# Marks drawn one per datum: a break's years are drawn pale (text stays as it is, to be read).
PER_DATUM = {"bar", "point", "circle", "square", "rect", "tick"}
ANNOTATION = "annotation_"  # the start of every annotation layer's name: the page lets pointers pass through them


class AnnotationError(BuildError):
    """An annotation or the register of breaks is malformed; the message names the file."""


@dataclass(frozen=True)
class Note:
    first: int
    last: int
    text: str
    kind: str  # "year", "range", "mark" or "break"
    where: tuple = ()  # a mark's other fields, as (name, value) pairs
    key: str = ""  # a break's number, where the chart draws several


@dataclass(frozen=True)
class Break:
    series: tuple[str, ...]
    first: int
    last: int
    label: str
    explanation: str
    country: str = ""  # the asylum country's code; empty for a break in every country's series
    kind: str = ""  # what the data shows, in a few words ("one-year collapse", "missing years")
    source: str = ""  # the id, in docs/sources.yml, of what documents the cause; empty: cause not documented
    comparable: bool = False  # a person judged the years on either side comparable (a real change): not drawn

    @property
    def years(self) -> str:
        from scripts.generator.breaks import span

        return span(self.first, self.last)


# The chart's declarations ---------------------------------------------------------------------------


def declared(annotations, where: str, figures: dict, fill) -> list[Note]:
    """The notes a chart file declares, with their years and texts filled in. `fill(text)` fills a
    text's {figure} placeholders; `where` names the file in errors."""
    if not isinstance(annotations, (list, tuple)):
        raise AnnotationError(f"{where}: ANNOTATIONS is a list of notes, not {type(annotations).__name__}")
    notes = []
    for number, item in enumerate(annotations, 1):
        at = f"{where}: ANNOTATIONS note {number}"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
            raise AnnotationError(f"{at}: a note is {{'year' or 'years' or 'mark': …, 'text': '…'}}")
        pins = [key for key in ("year", "years", "mark") if key in item]
        unknown = sorted(set(item) - {"year", "years", "mark", "text"})
        if len(pins) != 1 or unknown:
            raise AnnotationError(
                f"{at}: pin it to one of 'year', 'years' or 'mark'"
                + (f" (it has {', '.join(unknown)}, which no code reads)" if unknown else "")
            )
        text = fill(item["text"])
        if "year" in item:
            year = _year(item["year"], at, figures)
            notes.append(Note(year, year, text, "year"))
        elif "years" in item:
            if not isinstance(item["years"], (list, tuple)) or len(item["years"]) != 2:
                raise AnnotationError(f"{at}: 'years' is [first, last]")
            first, last = (_year(year, at, figures) for year in item["years"])
            if first > last:
                raise AnnotationError(f"{at}: the range {first}–{last} ends before it starts")
            notes.append(Note(first, last, text, "range"))
        else:
            mark = item["mark"]
            if not isinstance(mark, dict) or "year" not in mark:
                raise AnnotationError(f"{at}: 'mark' names the mark's year and any other field that picks it out")
            year = _year(mark["year"], at, figures)
            notes.append(Note(year, year, text, "mark", tuple((k, v) for k, v in mark.items() if k != "year")))
    return notes


def _year(value, at: str, figures: dict) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value in figures and getattr(figures[value], "kind", None) == "year":
        return figures[value].value
    raise AnnotationError(f"{at}: {value!r} is neither a year nor the name of a year figure")


def year_figures(annotations) -> set[str]:
    """The figures that annotations name as years."""
    names = set()
    for item in annotations if isinstance(annotations, (list, tuple)) else []:
        if isinstance(item, dict):
            for value in [item.get("year"), *(item.get("years") or []), (item.get("mark") or {}).get("year")]:
                if isinstance(value, str):
                    names.add(value)
    return names


# The register of breaks -----------------------------------------------------------------------------

LABEL_MAX = 34  # characters: a label fits a phone's drawing on one line


FIELDS = {"series", "years", "label", "explanation", "country", "kind", "source", "cause", "comparable"}
NOT_DOCUMENTED = "not documented"


def read_register(path: Path, source_ids: set[str] | None = None) -> list[Break]:
    """The register's entries. Each names its series, years, label and explanation, and either the
    source that documents its cause (an id of docs/sources.yml, checked when `source_ids` is given) or
    `cause: not documented`."""
    where = paths.shown(path)
    try:
        text = path.read_text(encoding="utf-8")
        entries = yaml_loader.safe_load(text)
    except FileNotFoundError:
        raise AnnotationError(
            f"{where}: missing; it is the register of breaks ([tool.story] breaks names it)"
        ) from None
    except yaml.YAMLError as problem:  # its message names the line
        raise AnnotationError(f"{where}: not valid YAML: {problem}") from None
    if not isinstance(entries, list):
        raise AnnotationError(f"{where}: expected a list of breaks")
    starts = [number for number, line in enumerate(text.splitlines(), 1) if line.startswith("- ")]
    breaks = []
    for number, entry in enumerate(entries, 1):
        line = f" (line {starts[number - 1]})" if len(starts) == len(entries) else ""
        at = f"{where}: break {number}{line}"
        if not isinstance(entry, dict):
            raise AnnotationError(f"{at}: a break is a mapping (series, years, label, explanation)")
        unknown = sorted(set(entry) - FIELDS)
        if unknown:
            raise AnnotationError(
                f"{at}: {', '.join(unknown)} is not a field of a break (fields: {', '.join(sorted(FIELDS))})"
            )
        missing = [key for key in ("series", "years", "label", "explanation") if not entry.get(key)]
        if missing:
            raise AnnotationError(f"{at}: no {', '.join(missing)}")
        series = entry["series"]
        if isinstance(series, str):
            series = [series]
        if not all(isinstance(name, str) and re.fullmatch(r"[a-z_]+", name) for name in series):
            raise AnnotationError(f"{at}: series is a list of names like asylum_seekers, not {entry['series']!r}")
        years = entry["years"]
        years = [years] if isinstance(years, int) else years
        if (
            not isinstance(years, list)
            or not 1 <= len(years) <= 2
            or not all(isinstance(year, int) and not isinstance(year, bool) for year in years)
            or years[0] > years[-1]
        ):
            raise AnnotationError(f"{at}: years is a year or [first, last], not {entry['years']!r}")
        label = str(entry["label"]).strip()
        if len(label) > LABEL_MAX:
            raise AnnotationError(f"{at}: the label {label!r} is longer than {LABEL_MAX} characters")
        country = str(entry.get("country") or "")
        if country and not re.fullmatch(r"[A-Z]{3}", country):
            raise AnnotationError(f"{at}: country is a three-letter code like USA, not {country!r}")
        source, cause = entry.get("source"), entry.get("cause")
        if bool(source) == bool(cause) or (cause and cause != NOT_DOCUMENTED):
            raise AnnotationError(
                f"{at}: give either source (the id, in docs/sources.yml, of what documents the cause) "
                f"or cause: {NOT_DOCUMENTED}"
            )
        if source and source_ids is not None and source not in source_ids:
            raise AnnotationError(f"{at}: source {source!r} is not an id of docs/sources.yml")
        comparable = entry.get("comparable", False)
        if not isinstance(comparable, bool):
            raise AnnotationError(f"{at}: comparable is true or false, not {comparable!r}")
        breaks.append(
            Break(
                tuple(series),
                years[0],
                years[-1],
                label,
                " ".join(str(entry["explanation"]).split()),
                country,
                str(entry.get("kind") or ""),
                str(source or ""),
                comparable,
            )
        )
    return breaks


def breaks_on(register: list[Break], series: tuple[str, ...]) -> list[Note]:
    """The register's breaks in the series a chart draws, as notes (the drawing keeps those within its years)."""
    notes = []
    for entry in register:
        if set(entry.series) & set(series) and not entry.comparable:
            notes.append(Note(entry.first, entry.last, f"{entry.years}: {entry.label}", "break"))
    return list(dict.fromkeys(notes))


# Drawing them ---------------------------------------------------------------------------------------


def year_field(spec: dict) -> str | None:
    """The field of a chart's years: an x of whole numbers between 1900 and 2100, along a line
    (quantitative) or in columns (ordinal: a grid)."""
    return _year_axis(spec)[0]


def _year_axis(spec: dict) -> tuple[str | None, str | None]:
    for view in views(spec):
        x = (view.get("encoding") or {}).get("x") or {}
        if x.get("type") in ("quantitative", "ordinal") and isinstance(x.get("field"), str):
            years = _years(spec, x["field"])
            if years and all(isinstance(y, (int, float)) and y == int(y) and 1900 <= y <= 2100 for y in years):
                return x["field"], x["type"]
    return None, None


def _years(spec: dict, name: str) -> list[int]:
    found = set()
    for rows in (spec.get("datasets") or {}).values():
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict) and row.get(name) is not None:
                found.add(row[name])
    return sorted(found)


def annotate(spec: dict, notes: list[Note], palette, where: str, label_lines: bool = True) -> dict:
    """The spec with its notes and breaks drawn, and its lines named at their ends (label_lines)."""
    x, along = _year_axis(spec)
    if x is None:
        if any(note.kind != "break" for note in notes):
            raise AnnotationError(f"{where}: ANNOTATIONS need years on x (a quantitative year axis)")
        return spec
    years = _years(spec, x)
    first, last = int(years[0]), int(years[-1])
    for note in notes:
        if note.kind != "break" and not first <= note.first <= note.last <= last:
            raise AnnotationError(f"{where}: the note {note.text!r} is pinned outside the years drawn ({first}–{last})")
    notes = [note for note in notes if note.kind != "break" or (note.last >= first and note.first <= last)]
    notes = numbered(notes, first, last, along)
    inner = {key: value for key, value in spec.items() if key not in TOP_LEVEL}
    lines = _labelled_lines(inner) if label_lines else None
    if not notes and not lines:
        return spec
    outer = {key: value for key, value in spec.items() if key in TOP_LEVEL}
    inner = copy.deepcopy(inner)
    broken = sorted({year for note in notes if note.kind == "break" for year in range(note.first, note.last + 1)})
    if lines:
        inner["encoding"]["color"]["legend"] = None  # the lines carry their names
    layers = [_pale(inner, x, broken)] if broken else [inner]
    layers += _break_drawings(inner, x, notes, first, last, palette, along)
    top = _top_labels(x, notes, first, last, palette, along)
    layers += top
    if top:  # a legend drawn above the chart (the downloads draw one) clears the rows of labels
        rows = 2 if any(layer["name"].endswith("_1") for layer in top) else 1
        legend = outer.setdefault("config", {}).setdefault("legend", {})
        legend["offset"] = max(legend.get("offset", 0), -TOP_ROW + ROW_STEP * (rows - 1) + LEGEND_GAP)
    marks = [note for note in notes if note.kind == "mark"]
    layers += _mark_labels(inner, x, marks, first, last, palette, where, along)
    if lines:
        layers += _line_labels(inner, x, last, spec.get("datasets") or {})
    for layer in layers[1:]:  # what the notes draw is not read out: the figure's description says it
        layer["mark"]["aria"] = False
    outer["layer"] = [drawn for layer in layers for drawn in _with_halo(layer, palette)]
    keyed = sorted(
        (note for note in notes if note.kind == "break" and note.key), key=lambda note: (int(note.key), note.first)
    )
    if keyed:  # the key to the numbers, for the notes under the chart
        outer["usermeta"] = {
            **outer.get("usermeta", {}),
            "breaks": [f"Break {note.key}, {note.text}" for note in keyed],
        }
    return outer


def numbered(notes: list[Note], first: int, last: int, along: str) -> list[Note]:
    """With more than one break in the years drawn, the breaks are drawn as numbers, in the order of
    their places, and named in the notes under the chart (their labels would run into each other);
    breaks drawn at the same place share a number."""
    drawn = [note for note in notes if note.kind == "break"]
    if len(drawn) < 2:
        return notes
    places = sorted({_label_at(note, first, last, along) for note in drawn})
    keys = {note: str(places.index(_label_at(note, first, last, along)) + 1) for note in drawn}
    return [replace(note, key=keys[note]) if note in keys else note for note in notes]


def break_key(spec: dict) -> list[str]:
    """The notes that name the numbered breaks of an annotated spec (none when it numbers none)."""
    return list((spec.get("usermeta") or {}).get("breaks", []))


def _with_halo(layer: dict, palette) -> list[dict]:
    """A text layer over a copy of itself in the background's colour, a few pixels wider: the words
    read across the lines and bars they sit on."""
    if (layer.get("mark") or {}).get("type") != "text":
        return [layer]
    halo = copy.deepcopy(layer)
    halo["name"] = layer["name"] + "_halo"
    halo["mark"] |= {"color": palette.background, "stroke": palette.background, "strokeWidth": 3, "strokeJoin": "round"}
    halo["encoding"].pop("color", None)
    return [halo, layer]


def _labelled_lines(inner: dict) -> dict | None:
    """The colour channel of a line chart with a few series, named in its domain."""
    if mark_type(inner) != "line" or "layer" in inner:
        return None
    colour = (inner.get("encoding") or {}).get("color") or {}
    domain = (colour.get("scale") or {}).get("domain")
    if colour.get("type") == "nominal" and isinstance(domain, list) and 1 < len(domain) <= LABELLED_SERIES:
        return colour
    return None


def _pale(inner: dict, x: str, broken: list[int]) -> dict:
    test = f"indexof({broken}, datum[{x!r}]) >= 0"
    for view in views(inner):
        encoding = view.get("encoding")
        if encoding is not None and mark_type(view) in PER_DATUM and "opacity" not in encoding:
            mark = view["mark"] if isinstance(view["mark"], dict) else {"type": view["mark"]}
            encoding["opacity"] = {"condition": {"test": test, "value": PALE}, "value": mark.get("opacity", 1)}
    return inner


def _quiet(view: dict) -> dict:
    """A copy of a view's data and encoding for drawing over it: no tooltip, no legend, no axis."""
    encoding = {key: value for key, value in copy.deepcopy(view.get("encoding") or {}).items() if key != "tooltip"}
    for name, channel in encoding.items():
        if isinstance(channel, dict):
            channel.pop("title", None)
            channel.pop("axis", None)  # the chart's own axes stand
            if name in ("color", "strokeDash", "opacity"):
                channel["legend"] = None
    part = {key: copy.deepcopy(value) for key, value in view.items() if key in ("data", "transform")}
    return part | {"encoding": encoding}


def _break_drawings(inner: dict, x: str, notes: list[Note], first: int, last: int, palette, along: str) -> list[dict]:
    """Rules, dashed lines, veils and bands. Years in columns (ordinal) get rules at the edge of a
    column (a rule's band position: 0 its left edge, 1 its right, 0.5 its middle)."""
    layers = []
    rules = []  # (where, band position)
    for number, note in enumerate(notes):
        if note.kind == "break":
            if along == "ordinal":
                rules += [(note.first, 0)] if note.first > first else []
                rules += [(note.last, 1)] if note.last < last else []
                continue
            rules += [(year - 0.5, 0.5) for year in (note.first, note.last + 1) if first < year <= last]
            span = (max(first, note.first - 1), min(last, note.last + 1))
            for view in views(inner):
                mark = mark_type(view)
                if mark == "line" and "encoding" in view:
                    layers += _dashed_segment(view, x, span, palette, "" if number == 0 else f"_{number}")
                elif mark == "area" and "encoding" in view:
                    layers.append(_veil(x, span, palette, "area" if number == 0 else f"area_{number}"))
        elif note.kind == "year":
            rules.append((note.first, 0.5))
        elif note.kind == "range" and along == "quantitative":
            layers.insert(0, _band(x, note, palette))
    for band in sorted({band for _, band in rules}):
        position = {"bandPosition": band} if along == "ordinal" else {}
        layers.append(
            {
                "name": f"{ANNOTATION}rules_{int(band * 100)}",
                "data": {"values": [{x: at} for at in sorted({at for at, b in rules if b == band})]},
                "mark": {"type": "rule", "color": palette.muted, "strokeDash": [4, 3], "strokeWidth": 1},
                "encoding": {"x": {"field": x, "type": along, **position}},
            }
        )
    return layers


def _in_span(x: str, span: tuple[int, int]) -> dict:
    return {"filter": f"datum[{x!r}] >= {span[0]} && datum[{x!r}] <= {span[1]}"}


def _dashed_segment(view: dict, x: str, span: tuple[int, int], palette, suffix: str = "") -> list[dict]:
    """The line's segments in a break's years redrawn dashed: first rubbed out in the background's colour."""
    part = _quiet(view)
    part["transform"] = part.get("transform", []) + [_in_span(x, span)]
    width = (view["mark"].get("strokeWidth") if isinstance(view["mark"], dict) else None) or 2.5
    rub = copy.deepcopy(part) | {
        "name": f"{ANNOTATION}rubbed{suffix}",
        "mark": {"type": "line", "strokeWidth": width + 2, "color": palette.background, "strokeDash": [1, 0]},
    }
    rub["encoding"] = {key: value for key, value in rub["encoding"].items() if key not in ("color", "strokeDash")}
    if "color" in part["encoding"]:
        rub["encoding"]["detail"] = {"field": part["encoding"]["color"]["field"], "type": "nominal"}
    dashed = part | {
        "name": f"{ANNOTATION}dashed{suffix}",
        "mark": {"type": "line", "strokeWidth": width, "strokeDash": [2, 3]},
    }
    dashed["encoding"] = {key: value for key, value in part["encoding"].items() if key != "strokeDash"}
    return [rub, dashed]


def _veil(x: str, span: tuple[int, int], palette, name: str) -> dict:
    return {
        "name": f"{ANNOTATION}veil_{name}",
        "data": {"values": [{x: span[0], f"{x}_end": span[1]}]},
        "mark": {"type": "rect", "color": palette.background, "opacity": 1 - PALE},
        "encoding": {"x": {"field": x, "type": "quantitative"}, "x2": {"field": f"{x}_end"}},
    }


def _band(x: str, note: Note, palette) -> dict:
    return {
        "name": f"{ANNOTATION}band",
        "data": {"values": [{x: note.first, f"{x}_end": note.last}]},
        "mark": {"type": "rect", "color": palette.grid, "opacity": 0.5},
        "encoding": {"x": {"field": x, "type": "quantitative"}, "x2": {"field": f"{x}_end"}},
    }


def _align(at: float, first: int, last: int) -> str:
    """Text near an end of the drawing runs inwards from its anchor."""
    share = (at - first) / (last - first) if last > first else 0.5
    return "left" if share < 0.15 else "right" if share > 0.85 else "center"


def _label_at(note: Note, first: int, last: int, along: str) -> float:
    at = (max(first, note.first) + min(last, note.last)) / 2
    if note.kind == "break" and note.last >= last:
        at = last  # a break to the end: its label ends at the drawing's edge
    return round(at) if along == "ordinal" else at  # in columns, a column's year


LEGEND_GAP = 18  # px between the labels above a chart and a legend above them
MARKER_GAP = 2  # years: numbers closer than this to the one before take the row above it
ROW_STEP = 13  # px between the two rows of numbers


def _top_labels(x: str, notes: list[Note], first: int, last: int, palette, along: str) -> list[dict]:
    rows, markers = [], {}
    for note in notes:
        if note.kind == "mark":
            continue
        at = _label_at(note, first, last, along)
        if note.key:  # one number for the breaks that share a place
            markers.setdefault(note.key, at)
            continue
        rows.append({x: at, "text": note.text, "align": _align(at, first, last), "row": 0})
    previous = None
    for key, at in sorted(markers.items(), key=lambda item: item[1]):
        row = 1 if previous and at - previous[0] < MARKER_GAP and previous[1] == 0 else 0
        rows.append({x: at, "text": key, "align": "center", "row": row})
        previous = (at, row)
    return [
        {
            "name": f"{ANNOTATION}labels_{align}" + (f"_{row}" if row else ""),
            "data": {"values": [{x: r[x], "text": r["text"]} for r in rows if (r["align"], r["row"]) == (align, row)]},
            "mark": {
                "type": "text",
                "align": align,
                "baseline": "bottom",
                "y": TOP_ROW - ROW_STEP * row,
                "fontSize": 11,
                "color": palette.muted,
            },
            "encoding": {"x": {"field": x, "type": along}, "text": {"field": "text"}},
        }
        for row in (0, 1)
        for align in ("left", "center", "right")
        if any((r["align"], r["row"]) == (align, row) for r in rows)
    ]


def _mark_labels(
    inner: dict, x: str, notes: list[Note], first: int, last: int, palette, where: str, along: str = "quantitative"
) -> list[dict]:
    y = ((inner.get("encoding") or {}).get("y") or {}).get("field")
    if not notes:
        return []
    if not y or "layer" in inner:
        raise AnnotationError(f"{where}: a note pinned to a mark needs a chart of one view with a y field")
    stacked = mark_type(inner) in ("bar", "area") and inner["encoding"]["y"].get("stack", "zero") is not None
    layers = []
    for number, note in enumerate(notes):
        tests = [f"datum[{x!r}] === {note.first}"] + [f"datum[{k!r}] === {v!r}" for k, v in note.where]
        align = _align(note.first, first, last)
        layers.append(
            _quiet(inner)
            | {
                "name": f"{ANNOTATION}mark_{number}",
                "transform": inner.get("transform", [])
                + [
                    {"filter": " && ".join(tests)},
                    {"aggregate": [{"op": "sum" if stacked else "max", "field": y, "as": y}], "groupby": [x]},
                    {"calculate": repr(note.text), "as": "annotation_text"},
                ],
                "mark": {
                    "type": "text",
                    "align": align,
                    "baseline": "bottom",
                    "dy": -6,
                    "fontSize": 11,
                    "color": palette.text,
                },
                "encoding": {
                    "x": {"field": x, "type": along},
                    "y": {"field": y, "type": "quantitative"},
                    "text": {"field": "annotation_text"},
                },
            }
        )
    return layers


def _line_labels(inner: dict, x: str, last: int, datasets: dict) -> list[dict]:
    """Each line's name at its last point, in its colour: above the point for the line drawn highest
    there, below it for the others, so that two lines ending close together keep their names apart."""
    part = _quiet(inner)
    colour, y = part["encoding"]["color"], part["encoding"]["y"]
    ends = {}
    for rows in datasets.values():
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict) and row.get(x) == last and row.get(y.get("field")) is not None:
                ends[row.get(colour["field"])] = row[y["field"]]
    reverse = bool((y.get("scale") or {}).get("reverse"))
    highest = (min if reverse else max)(ends, key=ends.get) if ends else None
    layers = []
    for name, baseline, dy, chosen in (("above", "bottom", -7, True), ("below", "top", 7, False)):
        test = f"datum[{colour['field']!r}] {'===' if chosen else '!=='} {highest!r}" if highest is not None else None
        if test is None and not chosen:
            continue
        filters = [f"datum[{x!r}] === {last}"] + ([test] if test else [])
        layers.append(
            part
            | {
                "name": f"{ANNOTATION}line_names_{name}",
                "transform": part.get("transform", []) + [{"filter": " && ".join(filters)}],
                "mark": {
                    "type": "text",
                    "align": "right",
                    "baseline": baseline,
                    "dy": dy,
                    "fontSize": 12,
                    "fontWeight": "bold",
                },
                "encoding": {
                    "x": part["encoding"]["x"],
                    "y": y,
                    "color": colour,
                    "text": {"field": colour["field"], "type": "nominal"},
                },
            }
        )
    return layers
