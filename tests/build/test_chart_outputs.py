"""What every chart gives readers besides the drawing: a static SVG, the data table,
downloads (CSV, PNG, SVG), its own embeddable page, and sharing tags."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest

from scripts.generator.chart_outputs import drawn_table, format_value
from scripts.generator.charts import discover

CHARTS = sorted(discover())


class Figures(HTMLParser):
    """Collects, per chart figure in a page, the tags and attributes inside it."""

    def __init__(self):
        super().__init__()
        self.charts: dict[str, list[tuple[str, dict]]] = {}
        self.current = None
        self.depth = 0
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content", "")
        if tag == "figure" and "chart" in (attrs.get("class") or "").split():
            self.current, self.depth = attrs["id"], 0
            self.charts[self.current] = []
        if self.current:
            self.depth += tag == "figure"
            self.charts[self.current].append((tag, attrs))

    def handle_endtag(self, tag):
        if self.current and tag == "figure":
            self.depth -= 1
            if self.depth == 0:
                self.current = None


def parse(path) -> Figures:
    parser = Figures()
    parser.feed(path.read_text())
    return parser


def chart_figures(built_site) -> dict[str, list[tuple[str, dict]]]:
    found = {}
    for page in built_site.rglob("index.html"):
        if "charts" not in page.relative_to(built_site).parts:
            found.update(parse(page).charts)
    return found


def test_every_chart_appears_with_all_its_parts(built_site):
    figures = chart_figures(built_site)
    assert set(CHARTS) <= set(figures)
    for chart_id in CHARTS:
        tags = figures[chart_id]
        classes = " ".join(attrs.get("class") or "" for _, attrs in tags)
        for part in (
            "chart__title",
            "chart__subtitle",
            "chart__view",
            "chart__measure",
            "chart__source",
            "chart__description",
            "chart__data",
            "chart__static--light",
            "chart__static--dark",
        ):
            assert part in classes, f"{chart_id}: no {part}"
        view = next(attrs for tag, attrs in tags if "chart__view" in (attrs.get("class") or ""))
        assert view["role"] == "img" and view["aria-describedby"] == f"{chart_id}-description"
        assert re.fullmatch(r"--chart-height:\d+px(;--chart-height-phone:\d+px)?", view["style"]), (
            "the chart's height is reserved"
        )
        images = [attrs for tag, attrs in tags if tag == "img"]
        assert all(img.get("width") and img.get("height") for img in images), "static images carry their size"
        links = {attrs.get("href", "").rsplit("/", 1)[-1] for tag, attrs in tags if tag == "a"}
        for download in (f"{chart_id}.csv", f"{chart_id}.png", f"{chart_id}.svg"):
            assert download in links, f"{chart_id}: no {download} download"


@pytest.mark.parametrize("chart_id", CHARTS)
def test_downloads_exist_and_hold_the_values_drawn(built_site, chart_id):
    charts = built_site / "assets" / "charts"
    assert (charts / f"{chart_id}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (charts / f"{chart_id}.svg").read_text().lstrip().startswith("<svg")
    for scheme in ("light", "dark"):
        for size in ("narrow", "wide"):
            assert "<svg" in (charts / f"{chart_id}.{scheme}.{size}.svg").read_text()[:200]
    rows = list(csv.reader(io.StringIO((charts / f"{chart_id}.csv").read_text())))
    page = next(
        p for p in built_site.rglob("index.html") if f'id="{chart_id}"' in p.read_text() and "charts" not in p.parts
    )
    html = page.read_text()
    table = html[html.index(f'id="{chart_id}"') :]
    table = table[table.index("<table") : table.index("</table>")]
    assert table.count("<tr>") == len(rows), "the table in the page and the CSV have the same rows"
    headers = re.findall(r'<th scope="col">(.*?)</th>', table)
    assert headers == rows[0]


def test_the_data_table_is_the_dataset_drawn():
    spec = {
        "datasets": {
            "d": [
                {"year": 2001, "group": "B", "people": 5},
                {"year": 2000, "group": "A", "people": 1234},
                {"year": 2001, "group": "A", "people": 7},
            ]
        },
        "encoding": {
            "x": {"field": "year"},
            "y": {"field": "people"},
            "color": {"field": "group", "type": "nominal", "scale": {"domain": ["A", "B"]}},
            "tooltip": [
                {"field": "year", "title": "Year", "format": "d"},
                {"field": "group", "title": "Group"},
                {"field": "people", "title": "People", "format": ","},
            ],
        },
    }
    table, formats = drawn_table(spec)
    assert list(table.columns) == ["Year", "A", "B"]
    assert table["Year"].tolist() == [2000, 2001]
    assert table["A"].tolist() == [1234, 7]
    assert table["B"].isna().tolist() == [True, False]
    assert format_value(1234, formats["A"]) == "1,234"
    del spec["encoding"]["color"]
    flat, _ = drawn_table(spec)
    assert list(flat.columns) == ["Year", "Group", "People"] and flat["Year"].tolist() == [2000, 2001, 2001]


@pytest.mark.parametrize("chart_id", CHARTS)
def test_every_chart_has_an_embeddable_page_with_its_own_card(built_site, chart_id):
    page = built_site / "charts" / chart_id / "index.html"
    parsed = parse(page)
    assert chart_id in parsed.charts
    assert parsed.meta["og:image"].endswith(f"assets/charts/{chart_id}.png")
    assert parsed.meta["twitter:card"] == "summary_large_image"
    assert "Content-Security-Policy" in page.read_text()


def test_every_page_has_a_description_and_sharing_tags(built_site, site_pages):
    for path in site_pages:
        meta = parse(built_site / path / "index.html").meta
        for name in ("description", "og:title", "og:description", "og:image", "twitter:card"):
            assert meta.get(name), f"{path or 'home'}: no {name}"


def test_static_drawings_are_lightened_but_keep_their_text():
    from scripts.generator.chart_outputs import lighter_svg

    svg = (
        '<g role="graphics-object" aria-label="x"><path transform="translate(0,0)" d="M319.6,-5.678L2,3.25"/>'
        '<text x="-3.14159">12.345%</text></g>'
    )
    assert lighter_svg(svg) == '<g><path d="M319.5-5.5l-317.5,8.5"/><text x="-3.1">12.345%</text></g>'
    assert lighter_svg('<path d="M0.4,0h668.2v286h-668Z"/>') == '<path d="M0,0h668v286h-668Z"/>'


def _rings(d: str) -> list[list[tuple[int, int]]]:
    """Each ring of a path written with M, L, l and Z/z only, as points counted
    in half pixels (the outlines' precision)."""
    rings, x, y = [], 0, 0
    for command, numbers in re.findall(r"([MLlZz])([^MLlZz]*)", d):
        values = [float(v) for v in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", numbers)]
        if command == "M":
            rings.append([])
        for dx, dy in zip(values[::2], values[1::2]):
            x, y = (x + dx, y + dy) if command == "l" else (dx, dy)
            rings[-1].append((round(x * 2), round(y * 2)))
    return rings


def _area(ring) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def _on_segment(p, a, b) -> bool:
    (px, py), (ax, ay), (bx, by) = p, a, b
    cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax)
    return cross == 0 and min(ax, bx) <= px <= max(ax, bx) and min(ay, by) <= py <= max(ay, by)


def test_map_outlines_lose_only_points_that_draw_nothing(built_site):
    """Each country's outline, taken to half a pixel, is drawn by the lightened
    path: every corner lies on its edges, and it has no corner of its own."""
    from scripts.generator.chart_outputs import PATH_DATA, lighter_path

    served = (built_site / "assets/charts/map_refugees.light.wide.svg").read_text()
    assert served.count("l") > 100, "the map's countries are not written with relative lines"
    outlines = 0
    for match in PATH_DATA.finditer(vl_convert_svg_of("map_refugees")):
        drawn = match.group(1)
        if not re.fullmatch(r"(?:[MLZ]|-?[\d.e-]+,-?[\d.e-]+)+", drawn):
            continue
        lightened = lighter_path(drawn)
        assert len(lightened) < len(drawn)
        kept = _rings(lightened)
        for ring in _rings(drawn):
            if _area(ring) == 0:
                continue  # a speck that is a dot or a line at this precision may go
            assert any(
                set(k) <= set(ring)
                and _area(k) == _area(ring)
                and all(any(_on_segment(p, a, b) for a, b in zip(k, k[1:] + k[:1])) for p in ring)
                for k in kept
            ), f"an outline changed or is gone: {ring[:5]}"
            outlines += 1
    assert outlines > 100


def vl_convert_svg_of(chart_id: str) -> str:
    """The chart's wide drawing as vl-convert makes it, before lightening."""
    import json

    import vl_convert

    from scripts.generator.chart_outputs import VEGA_LITE_VERSION
    from scripts.generator.layout import STATIC_WIDTHS
    from scripts.generator.paths import SPECS

    spec = json.loads((SPECS / f"{chart_id}.vl.json").read_text())  # the light palette
    spec["width"], spec["height"] = STATIC_WIDTHS["wide"], discover()[chart_id].height
    return vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)


@pytest.mark.parametrize("chart_id", CHARTS)
def test_a_charts_key_is_text_above_the_drawing_and_drawn_in_the_downloads(built_site, chart_id):
    """A colour key is HTML above the drawing (it wraps on a phone), in the spec's order and colours;
    the interactive view leaves its legend out; the downloaded image, which stands alone, draws it and
    carries the chart's notes."""
    import json
    from html import unescape

    charts = built_site / "assets" / "charts"
    interactive = json.loads((charts / f"{chart_id}.light.vg.json").read_text())
    colour = next((scale for scale in interactive["scales"] if scale["name"] == "color"), {})
    html = (built_site / "charts" / chart_id / "index.html").read_text()
    figure = html[html.index(f'id="{chart_id}"') : html.index("</figure>")]
    key = re.search(r'<div class="chart__key[^"]*">(.*?)</div>', figure, re.S)
    download = unescape((charts / f"{chart_id}.svg").read_text())
    if "annotation_line_names" in json.dumps(interactive):  # lines named at their ends: no key needed
        assert key is None and not interactive.get("legends")
        drawing = (charts / f"{chart_id}.light.narrow.svg").read_text()
        assert all(f">{name}<" in drawing and f">{name}<" in download for name in colour["domain"])
        return
    if colour.get("type") != "ordinal":  # one colour (no key), or a gradient (Vega draws it)
        assert key is None and bool(interactive.get("legends")) == bool(colour)
        return
    labels = [
        unescape(label)
        for label in re.findall(r'<li><span class="chart__swatch[^"]*" style="[^"]*"></span>(.*?)</li>', key.group(1))
    ]
    assert labels == colour["domain"]
    swatches = re.findall(r'style="--swatch-light:(#[0-9A-F]{6});--swatch-dark:(#[0-9A-F]{6})"', key.group(1), re.I)
    assert [light for light, _ in swatches] == colour["range"][: len(labels)]
    assert figure.index("chart__key") < figure.index("chart__view")
    assert not interactive.get("legends"), "the interactive view draws no legend of its own"
    assert all(f">{label}<" in download for label in labels), "the downloaded image draws the key"
    notes = [
        unescape(note)
        for note in re.findall(r"<li>(.*?)</li>", figure.split('class="chart__notes"')[-1].split("</ul>")[0])
    ]
    for note in notes if 'class="chart__notes"' in figure else []:
        assert note.split()[0] in download and note.split()[-1].rstrip(".") in download, note


def test_the_registers_breaks_are_drawn_on_every_chart_of_their_series_that_spans_them(built_site):
    """Each break of data/breaks.yml not judged comparable is drawn on every chart that declares one of its
    series and draws its years, and on no other: with its label above the drawing when it is the chart's only
    break; otherwise as a number, named in the chart's notes on the page and in the downloads. Both palettes,
    the static drawings and the downloads."""
    import json
    from html import unescape

    from scripts.generator import paths
    from scripts.generator.charts import breaks_register

    register = [entry for entry in breaks_register() if not entry.comparable]
    assert register, "the register of breaks is empty"
    charts = built_site / "assets" / "charts"
    index = json.loads((paths.SPECS / "index.json").read_text())
    drawn_somewhere = set()
    for chart_id, chart in discover().items():
        table = list(csv.DictReader(io.StringIO((charts / f"{chart_id}.csv").read_text())))
        years = sorted({int(row["Year"]) for row in table if row.get("Year", "").isdigit()})
        expected = [
            entry
            for entry in register
            if set(entry.series) & set(chart.series) and years and years[0] <= entry.last and entry.first <= years[-1]
        ]
        expected.sort(key=lambda entry: (entry.first, entry.last))
        labels = [f"{entry.years}: {entry.label}" for entry in expected]
        static = "narrow" if chart.build_narrow is None else "wide"
        drawings = [charts / f"{chart_id}.light.{static}.svg", charts / f"{chart_id}.svg"]
        notes = index[chart_id]["notes"]
        if len(expected) == 1:
            for path in [charts / f"{chart_id}.{scheme}.vg.json" for scheme in ("light", "dark")]:
                assert labels[0] in json.dumps(json.loads(path.read_text()), ensure_ascii=False), (chart_id, path.name)
            for path in drawings:
                assert f">{labels[0]}<" in path.read_text(), (chart_id, path.name)
        for label in labels if len(expected) > 1 else []:
            (number,) = [note.split(",")[0][6:] for note in notes if re.fullmatch(r"Break \d+, " + re.escape(label), note)]
            assert f">{number}<" in drawings[0].read_text(), (chart_id, number)
            assert f"Break {number}, {label}" in unescape(drawings[1].read_text()), (chart_id, label)
        if not expected:
            assert not [note for note in notes if re.match(r"Break \d+, \d{4}", note)], chart_id
        drawn_somewhere |= set(labels)
    assert len(drawn_somewhere) == len({f"{entry.years}: {entry.label}" for entry in register}), (
        "a break of the register is drawn on no chart"
    )


def test_neighbouring_classes_of_every_map_are_at_least_10_apart_in_both_palettes(built_site):
    """A reader tells a map's classes apart at a glance, dark mode included: ΔE00 of 10 or more."""
    import json

    from scripts.generator.colour import difference

    maps = 0
    for path in sorted((built_site / "assets" / "charts").glob("*.vg.json")):
        spec = json.loads(path.read_text())
        if not any(mark.get("type") == "shape" for mark in spec.get("marks", [])):
            continue
        maps += 1
        (scale,) = [scale for scale in spec["scales"] if scale["name"] == "color"]
        colours = scale["range"]
        gaps = [round(difference(a, b), 1) for a, b in zip(colours, colours[1:])]
        assert min(gaps) >= 10, f"{path.name}: neighbouring classes {colours} are only {gaps} apart"
    assert maps >= 2 * 2  # two maps, light and dark


@pytest.mark.parametrize("chart_id", CHARTS)
def test_a_chart_with_a_phones_drawing_offers_it_to_phones_only(built_site, chart_id):
    """build_narrow gives a phone's screen its own spec (both palettes) and static drawing; the page
    names them with the media query the static drawings use; other charts have none."""
    from scripts.generator.layout import NARROW_MEDIA

    charts = built_site / "assets" / "charts"
    html = (built_site / "charts" / chart_id / "index.html").read_text()
    view = re.search(r'<div class="chart__view"[^>]*>', html).group(0)
    if discover()[chart_id].build_narrow is None:
        assert not list(charts.glob(f"{chart_id}.*.narrow.vg.json")) and "data-narrow-media" not in view
        return
    for scheme in ("light", "dark"):
        assert f'data-spec-{scheme}-narrow="../../assets/charts/{chart_id}.{scheme}.narrow.vg.json"' in view
        assert (charts / f"{chart_id}.{scheme}.narrow.vg.json").read_text() != (charts / f"{chart_id}.{scheme}.vg.json").read_text()
        drawing = (charts / f"{chart_id}.{scheme}.narrow.svg").read_text()
        assert drawing != (charts / f"{chart_id}.{scheme}.wide.svg").read_text()
    assert f'data-narrow-media="{NARROW_MEDIA}"' in view
