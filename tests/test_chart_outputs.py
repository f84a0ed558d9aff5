"""What every chart gives readers besides the drawing: a static SVG, the data table,
downloads (CSV, PNG, SVG), its own embeddable page, and sharing tags."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest

from scripts.chart_outputs import drawn_table, format_value
from scripts.charts import discover

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
        for part in ("chart__title", "chart__subtitle", "chart__view", "chart__measure", "chart__source",
                     "chart__description", "chart__data", "chart__static--light", "chart__static--dark"):
            assert part in classes, f"{chart_id}: no {part}"
        view = next(attrs for tag, attrs in tags if "chart__view" in (attrs.get("class") or ""))
        assert view["role"] == "img" and view["aria-describedby"] == f"{chart_id}-description"
        assert re.fullmatch(r"height:\d+px", view["style"]), "the chart's height is reserved"
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
    page = next(p for p in built_site.rglob("index.html") if f'id="{chart_id}"' in p.read_text() and "charts" not in p.parts)
    html = page.read_text()
    table = html[html.index(f'id="{chart_id}"'):]
    table = table[table.index("<table"):table.index("</table>")]
    assert table.count("<tr>") == len(rows), "the table in the page and the CSV have the same rows"
    headers = re.findall(r'<th scope="col">(.*?)</th>', table)
    assert headers == rows[0]


def test_the_data_table_is_the_dataset_drawn():
    spec = {
        "datasets": {"d": [{"year": 2001, "group": "B", "people": 5}, {"year": 2000, "group": "A", "people": 1234},
                           {"year": 2001, "group": "A", "people": 7}]},
        "encoding": {
            "x": {"field": "year"}, "y": {"field": "people"},
            "color": {"field": "group", "type": "nominal", "scale": {"domain": ["A", "B"]}},
            "tooltip": [{"field": "year", "title": "Year", "format": "d"}, {"field": "group", "title": "Group"},
                        {"field": "people", "title": "People", "format": ","}],
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
    from scripts.chart_outputs import lighter_svg

    svg = '<g role="graphics-object" aria-label="x"><path d="M319.6,-5.678L2,3.25"/><text x="-3.14159">12.345%</text></g>'
    assert lighter_svg(svg) == '<g><path d="M320,-6L2,3"/><text x="-3.1">12.345%</text></g>'
