"""The chart registry: every file charts/<id>.py is one chart, its name the id.

A chart file declares, at module level:

    TITLE        headline above the chart ({figure} placeholders allowed)
    SUBTITLE     what exactly is drawn, in one sentence
    MEASURE      "stock" (people at year end), "flow" (events during the year)
                 or "rate" (a ratio of flows)
    DATA         the derived table it draws (see scripts/story/derive.py)
    DESCRIPTION  what a reader who cannot see the chart should know
    NOTES        optional list of caveats shown under the chart
    HEIGHT       optional height in pixels (default 320)
    PHONE_HEIGHT optional height on a phone's screen, for a chart whose shape is
                 fixed (a map is twice as wide as it is high), so that a narrow
                 screen does not show it with an empty band above and below
    ANNOTATIONS  optional notes drawn on the chart, pinned to a year, a range of
                 years or a mark ({figure} placeholders allowed)
    DRAWS        optional: the series it draws, in the words of the register of
                 breaks, whose breaks within its years it then draws
                 (see scripts/generator/annotations.py)
    def build(data, palette) -> altair chart
    def build_narrow(data, palette)  optional: the drawing for a phone's screen, where
                 the one build() makes cannot be read (a world map: ranked bars
                 instead); PHONE_HEIGHT is its height

The build writes, per chart, a Vega-Lite spec and Vega specs for the light and
dark palettes; pages embed a chart by id (see scripts/shortcodes.py).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import string
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Callable

import altair as alt
import pandas as pd
import vl_convert

from scripts.generator import annotations, chart_outputs, legends, paths, project
from scripts.generator.chart_outputs import VEGA_LITE_VERSION
from scripts.generator.errors import BuildError
from scripts.generator.layout import STATIC_WIDTHS
from scripts.generator.theme import PALETTES, Palette, vega_config
from scripts.generator.wording import Wording

MEASURES = {
    "stock": "Stock: people counted at the end of each year",
    "flow": "Flow: counted over each year",
    "rate": "Rate: a share of decisions taken during each year",
}
REQUIRED_TEXT = ("TITLE", "SUBTITLE", "MEASURE", "DATA", "DESCRIPTION")
DEFAULT_HEIGHT = 320


class ChartError(BuildError):
    """A chart file is incomplete or its code fails. The message names the file."""


@dataclass(frozen=True)
class ChartDefinition:
    id: str
    path: Path
    title: str
    subtitle: str
    measure: str
    data: str
    description: str
    build: Callable[[pd.DataFrame, Palette], alt.TopLevelMixin]
    build_narrow: Callable[[pd.DataFrame, Palette], alt.TopLevelMixin] | None = None
    notes: tuple[str, ...] = ()
    height: int = DEFAULT_HEIGHT
    phone_height: int | None = None
    annotations: tuple = ()
    series: tuple[str, ...] = ()

    @property
    def measure_label(self) -> str:
        return MEASURES[self.measure]

    def texts(self, figures: dict, wording: Wording | None = None) -> dict:
        """Title, subtitle, description and notes with {figure} placeholders filled in, each figure
        written by `wording` (the story's language when none is given)."""
        wording = wording or Wording.for_language(project.settings().language)
        filled = {}
        for name in ("title", "subtitle", "description"):
            filled[name] = self._fill(name, getattr(self, name), figures, wording)
        filled["notes"] = [self._fill("notes", note, figures, wording) for note in self.notes]
        return filled

    @property
    def figures_used(self) -> list[str]:
        """The figures the chart's texts name."""
        texts = [self.title, self.subtitle, self.description, *self.notes]
        texts += [
            item["text"] for item in self.annotations if isinstance(item, dict) and isinstance(item.get("text"), str)
        ]
        used = {field for text in texts for _, field, _, _ in string.Formatter().parse(text) if field}
        return sorted(used | annotations.year_figures(self.annotations))

    def notes_drawn(self, figures: dict, wording: Wording, register: list) -> list:
        """The notes the chart declares, filled in, and the register's breaks in its series."""
        where = paths.shown(self.path)
        declared = annotations.declared(
            self.annotations, where, figures, lambda text: self._fill("annotations", text, figures, wording)
        )
        return declared + annotations.breaks_on(register, self.series)

    def _fill(self, name: str, text: str, figures: dict, wording: Wording) -> str:
        placeholders = {field for _, field, _, _ in string.Formatter().parse(text) if field}
        unknown = sorted(placeholders - set(figures))
        if unknown:
            raise ChartError(
                f"{paths.shown(self.path)}: {name.upper()} uses unknown figure(s) {', '.join(unknown)}; "
                f"every figure is listed in {project.settings().catalogue}"
            )
        return text.format_map({key: wording.write(figures[key]) for key in placeholders})


def discover(chart_dir: Path = paths.CHARTS) -> dict[str, ChartDefinition]:
    charts = {}
    for path in sorted(chart_dir.glob("*.py")):
        if path.name.startswith("_"):
            continue
        charts[path.stem] = load_definition(path)
    return charts


def load_definition(path: Path) -> ChartDefinition:
    module = _import(path)
    missing = [name for name in REQUIRED_TEXT if not str(getattr(module, name, "")).strip()]
    if missing:
        raise ChartError(f"{paths.shown(path)}: missing or empty {', '.join(missing)} (every chart declares them)")
    if not callable(getattr(module, "build", None)):
        raise ChartError(f"{paths.shown(path)}: no build(data, palette) function")
    if module.MEASURE not in MEASURES:
        raise ChartError(f"{paths.shown(path)}: MEASURE is {module.MEASURE!r}; say one of {', '.join(MEASURES)}")
    notes = getattr(module, "NOTES", ())
    series = getattr(module, "DRAWS", ())
    if isinstance(series, str):
        series = (series,)
    if not isinstance(series, (list, tuple)) or not all(isinstance(name, str) for name in series):
        raise ChartError(f'{paths.shown(path)}: DRAWS is a list of series names, like ["asylum_seekers"]')
    return ChartDefinition(
        id=path.stem,
        path=path,
        title=module.TITLE,
        subtitle=module.SUBTITLE,
        measure=module.MEASURE,
        data=module.DATA,
        description=module.DESCRIPTION,
        build=module.build,
        build_narrow=getattr(module, "build_narrow", None),
        notes=tuple([notes] if isinstance(notes, str) else notes),
        height=int(getattr(module, "HEIGHT", DEFAULT_HEIGHT)),
        phone_height=int(module.PHONE_HEIGHT) if getattr(module, "PHONE_HEIGHT", None) else None,
        annotations=tuple(getattr(module, "ANNOTATIONS", ()) or ()),
        series=tuple(series),
    )


def vega_lite_spec(
    chart: ChartDefinition,
    derived: dict[str, pd.DataFrame],
    figures: dict,
    palette: Palette,
    wording=None,
    register: list | None = None,
    narrow: bool = False,
) -> dict:
    """The chart's Vega-Lite spec in `palette`: the one for a phone's screen when `narrow` (and the
    chart has build_narrow)."""
    if chart.data not in derived:
        raise ChartError(
            f"{paths.shown(chart.path)}: DATA {chart.data!r} is not a derived table ({', '.join(derived)})"
        )
    build, name = (chart.build_narrow, "build_narrow()") if narrow and chart.build_narrow else (chart.build, "build()")
    try:
        drawn = build(derived[chart.data].copy(), palette)
        # With a phone height, the interactive view takes its height from its box,
        # which the page sizes for the screen (site.css).
        drawn = drawn.properties(
            width="container",
            height="container" if chart.phone_height else chart.height,
            description=chart.texts(figures, wording)["description"],
        ).configure(**vega_config(palette))
        spec = drawn.to_dict(validate=True)
    except Exception as error:  # the chart's own code: name the file whatever went wrong
        raise ChartError(f"{paths.shown(chart.path)}: {name} failed: {type(error).__name__}: {error}") from error
    columns = drawn_columns(spec)
    unknown = unknown_fields(spec, set(columns))
    if unknown:
        # Vega would draw nothing for them, silently: an empty chart.
        raise ChartError(
            f"{paths.shown(chart.path)}: draws field(s) {', '.join(unknown)} that its data (from DATA table "
            f"{chart.data!r}) lacks and no transform of the chart makes; the data has: {', '.join(columns)}"
        )
    wording = wording or Wording.for_language(project.settings().language)
    notes = chart.notes_drawn(figures, wording, breaks_register() if register is None else register)
    return annotations.annotate(spec, notes, palette, paths.shown(chart.path))


def breaks_register(chosen=None) -> list:
    """The register of breaks the story's settings name (none when they name none)."""
    from scripts.generator.sources import load_register

    chosen = chosen or project.settings()
    if not chosen.breaks:
        return []
    return annotations.read_register(paths.ROOT / chosen.breaks, set(load_register()))


def drawn_columns(spec: dict) -> list[str]:
    """The columns of the data the spec carries (build() may reshape its DATA table)."""
    columns: dict[str, None] = {}
    for rows in (spec.get("datasets") or {}).values():
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict):
                columns.update(dict.fromkeys(row))
    return list(columns)


# Fields every feature of a TopoJSON/GeoJSON layer has.
GEO_FIELDS = {"id", "type", "properties", "geometry"}
# Transforms whose output fields cannot be read from the spec: a chart using one is not checked.
OPAQUE_TRANSFORMS = {"pivot", "density", "quantile", "regression", "loess", "flatten", "extent", "impute"}


def unknown_fields(spec: dict, columns: set[str]) -> list[str]:
    """Data fields the Vega-Lite spec draws or reads that neither the table nor a transform provides."""
    used: set[str] = set()
    made: set[str] = set()
    opaque = False

    def base(field: str) -> str:
        return field.replace("\\.", "\0").split(".")[0].replace("\0", ".")

    def walk(node, key: str | None = None) -> None:
        nonlocal opaque
        if isinstance(node, list):
            for item in node:
                walk(item, key)
        elif isinstance(node, dict):
            if key == "data" and (node.get("format") or {}).get("type") in ("topojson", "json") or "url" in node:
                made.update(GEO_FIELDS)
            if key == "data" and isinstance(node.get("values"), list):  # a layer's own rows bring their fields
                made.update(name for row in node["values"] if isinstance(row, dict) for name in row)
            for name, value in node.items():
                if name == "datasets" or (name == "values" and key == "data"):
                    continue  # the data itself
                if name == "transform":
                    for step in value:
                        opaque |= bool(OPAQUE_TRANSFORMS & set(step))
                        made.update(transform_outputs(step))
                        used.update(transform_inputs(step))
                elif name == "field" and isinstance(value, str):
                    used.add(base(value))
                elif name == "fields" and key in ("select",) and isinstance(value, list):
                    used.update(base(field) for field in value if isinstance(field, str))
                walk(value, name)

    walk(spec)
    return [] if opaque else sorted(used - columns - made)


def transform_outputs(step: dict) -> set[str]:
    made = set()
    for key in ("as",):
        value = step.get(key)
        made.update([value] if isinstance(value, str) else value or [])
    for key in ("aggregate", "window", "joinaggregate"):
        for item in step.get(key) or []:
            if isinstance(item, dict) and item.get("as"):
                made.add(item["as"])
    if "lookup" in step:
        made.update((step.get("from") or {}).get("fields") or [])
    if "fold" in step and not step.get("as"):
        made.update({"key", "value"})
    return made


def transform_inputs(step: dict) -> set[str]:
    used = set()
    for key in ("fold", "groupby", "sort"):
        for item in step.get(key) or []:
            used.add(item if isinstance(item, str) else item.get("field", ""))
    for key in ("aggregate", "window", "joinaggregate"):
        for item in step.get(key) or []:
            if isinstance(item, dict) and item.get("field"):
                used.add(item["field"])
    for key in ("bin", "timeUnit"):
        if isinstance(step.get("field"), str) and key in step:
            used.add(step["field"])
    if isinstance(step.get("lookup"), str):
        used.add(step["lookup"])
    return {field for field in used if field}


def write_specs(
    charts: dict[str, ChartDefinition],
    derived: dict,
    figures: dict,
    out_dir: Path = paths.SPECS,
    chosen=None,
    wording: Wording | None = None,
) -> None:
    """Per chart, in out_dir:
    <id>.vl.json                     the Vega-Lite spec (light palette)
    <id>.{light,dark}.vg.json        Vega specs for the interactive view
    <id>.{light,dark}.narrow.vg.json the same on a phone's screen, for a chart with build_narrow
    <id>.{light,dark}.{narrow,wide}.svg  static drawings, shown before the interactive view
    <id>.csv, <id>.png, <id>.svg     downloads: the values drawn, and the framed chart as images
    index.json                       texts, data table and sizes, for the pages

    Rendering is the slow part, so each chart's outputs are cached under
    build/chart-cache/ by a hash of everything they are made from.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    chosen = chosen or project.settings()
    wording = wording or Wording.for_language(chosen.language)
    register = breaks_register(chosen)
    # The credit every chart carries: the source, its release and its licence (CC BY asks for it).
    credit = {
        "source": chosen.source_line,
        "release": wording.write(figures["release"]) if "release" in figures else "",
        "licence": wording.write(figures["licence"]) if "licence" in figures else "",
    }
    index = {}
    for chart_id, chart in charts.items():
        texts = chart.texts(figures, wording)
        specs = {
            name: vega_lite_spec(chart, derived, figures, palette, wording, register)
            for name, palette in PALETTES.items()
        }
        narrow = {
            name: vega_lite_spec(chart, derived, figures, palette, wording, register, narrow=True)
            for name, palette in PALETTES.items()
            if chart.build_narrow
        }
        texts["notes"] += annotations.break_key(specs["light"])
        cached = CHART_CACHE / f"{chart_id}-{_render_key(chart, [specs, narrow], texts, credit)}"
        if not cached.is_dir():
            CHART_CACHE.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".rendering-", dir=CHART_CACHE))
            try:
                render_chart(chart, specs, texts, credit, staging, narrow)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
            for stale in CHART_CACHE.glob(f"{chart_id}-*"):
                shutil.rmtree(stale, ignore_errors=True)
            staging.rename(cached)
        for path in cached.iterdir():
            if path.name != "index-entry.json":
                shutil.copyfile(path, out_dir / path.name)
        index[chart_id] = json.loads((cached / "index-entry.json").read_text(encoding="utf-8"))
        index[chart_id]["figures_used"] = chart.figures_used
    _write_json(out_dir / "index.json", index)


CHART_CACHE = paths.BUILD / "chart-cache"


def _render_key(chart: ChartDefinition, specs: dict, texts: dict, credit: dict) -> str:
    digest = hashlib.sha256()
    for part in (
        json.dumps([specs, texts, credit, chart.measure, chart.data, chart.height, chart.phone_height], sort_keys=True),
        Path(chart_outputs.__file__).read_text(),
        Path(legends.__file__).read_text(),
        Path(__file__).read_text(),
        vl_convert.__version__,
    ):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()[:20]


def render_chart(
    chart: ChartDefinition, specs: dict, texts: dict, credit: dict, out_dir: Path, narrow: dict | None = None
) -> None:
    chart_id = chart.id
    narrow = narrow or {}
    _write_json(out_dir / f"{chart_id}.vl.json", specs["light"])
    for name, spec in specs.items():
        spec = legends.without_key(spec)  # the page writes the key above the drawing
        small = legends.without_key(narrow[name]) if name in narrow else None
        _write_json(
            out_dir / f"{chart_id}.{name}.vg.json", vl_convert.vegalite_to_vega(spec, vl_version=VEGA_LITE_VERSION)
        )
        if small:
            _write_json(
                out_dir / f"{chart_id}.{name}.narrow.vg.json",
                vl_convert.vegalite_to_vega(small, vl_version=VEGA_LITE_VERSION),
            )
        for size, width in STATIC_WIDTHS.items():
            height = chart.phone_height if size == "narrow" and chart.phone_height else chart.height
            drawn = small if size == "narrow" and small else spec
            (out_dir / f"{chart_id}.{name}.{size}.svg").write_text(
                chart_outputs.static_svg(drawn, width, height), encoding="utf-8"
            )
    try:
        table, formats = chart_outputs.drawn_table(specs["light"])
    except chart_outputs.TableError as error:
        raise ChartError(f"{paths.shown(chart.path)}: {error}") from error
    table.to_csv(out_dir / f"{chart_id}.csv", index=False, lineterminator="\n")
    footer = f"{credit['source']}, release {credit['release']} ({credit['licence']}). {chart.measure_label}."
    framed = chart_outputs.export_spec(specs["light"], texts, footer, chart.height)
    (out_dir / f"{chart_id}.svg").write_text(chart_outputs.export_svg(framed), encoding="utf-8")
    (out_dir / f"{chart_id}.png").write_bytes(chart_outputs.export_png(framed))
    _write_json(
        out_dir / "index-entry.json",
        texts
        | {
            "measure": chart.measure,
            "measure_label": chart.measure_label,
            "data": chart.data,
            "height": chart.height,
            "key": legends.page_key({name: legends.html_key(spec) for name, spec in specs.items()}),
            "narrow_view": bool(narrow),
            "narrow_key": legends.page_key({name: legends.html_key(spec) for name, spec in narrow.items()}),
            "phone_height": chart.phone_height,
            "source": credit["source"],
            "licence": credit["licence"],
            "table_html": chart_outputs.table_html(table, formats, f"The values drawn in: {texts['title']}"),
            "static_widths": STATIC_WIDTHS,
        },
    )


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")


def _import(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"chart_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        return module
    except Exception as error:
        raise ChartError(f"{paths.shown(path)}: cannot be loaded: {type(error).__name__}: {error}") from error
