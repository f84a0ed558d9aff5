"""The key to a chart's colours, read from its Vega-Lite spec and written as HTML above the drawing."""

from __future__ import annotations

from scripts.generator import legends


def spec(colour: dict, mark="bar", **encoding) -> dict:
    return {
        "mark": {"type": mark},
        "encoding": {"x": {"field": "year", "type": "quantitative"}, "color": colour, **encoding},
    }


BARS = {
    "field": "unit",
    "type": "nominal",
    "scale": {"domain": ["Persons", "Cases"], "range": ["#D55E00", "#EBAE80"]},
    "legend": {"symbolType": "square"},
}


def test_a_nominal_colour_scale_with_its_colours_listed_becomes_the_key():
    key = legends.html_key(spec(BARS))
    assert key == {
        "title": None,
        "symbol": "square",
        "entries": [
            {"label": "Persons", "colour": "#D55E00", "dashed": False},
            {"label": "Cases", "colour": "#EBAE80", "dashed": False},
        ],
    }
    drawn = legends.without_key(spec(BARS))
    assert drawn["encoding"]["color"]["legend"] is None
    assert drawn["encoding"]["color"]["scale"] == BARS["scale"]  # the colours stay
    assert spec(BARS)["encoding"]["color"]["legend"] == {"symbolType": "square"}  # the original is untouched


def test_lines_get_line_swatches_dashed_where_the_dash_channel_dashes_them():
    colour = BARS | {"legend": {"title": "Counted as"}}
    dash = {"field": "unit", "type": "nominal", "scale": {"domain": ["Persons", "Cases"], "range": [[1, 0], [6, 3]]}}
    key = legends.html_key(spec(colour, mark="line", strokeDash=dash))
    assert key["symbol"] == "line" and key["title"] == "Counted as"
    assert [entry["dashed"] for entry in key["entries"]] == [False, True]


def test_a_key_found_in_a_layer():
    layered = {"mark": "line", "layer": [{"mark": "rule"}, {"encoding": {"color": BARS}}]}
    assert [entry["label"] for entry in legends.html_key(layered)["entries"]] == ["Persons", "Cases"]
    assert legends.without_key(layered)["layer"][1]["encoding"]["color"]["legend"] is None


def test_legends_vega_draws_stay_in_the_drawing():
    gradient = {"field": "rate", "type": "quantitative", "scale": {"domain": [0, 1], "range": ["#C6DCDA", "#009E73"]}}
    scheme = {"field": "unit", "type": "nominal", "scale": {"scheme": "tableau10"}}
    no_legend = BARS | {"legend": None}
    not_a_colour = BARS | {"scale": {"domain": ["Persons"], "range": ["url(https://example.org/x)"]}}
    for colour in (gradient, scheme, no_legend, not_a_colour):
        assert legends.html_key(spec(colour)) is None, colour
        assert legends.without_key(spec(colour)) == spec(colour)


def test_the_page_key_carries_both_palettes_colours():
    dark = BARS | {"scale": {"domain": ["Persons", "Cases"], "range": ["#FF8A3D", "#7A4A2A"]}}
    key = legends.page_key({"light": legends.html_key(spec(BARS)), "dark": legends.html_key(spec(dark))})
    assert key["entries"][0] == {"label": "Persons", "light": "#D55E00", "dark": "#FF8A3D", "dashed": False}
    assert legends.page_key({"light": None, "dark": None}) is None
