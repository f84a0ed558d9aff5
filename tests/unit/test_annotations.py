"""Notes and series breaks drawn on a chart's Vega-Lite spec (scripts/generator/annotations.py)."""

from __future__ import annotations

import pytest

from scripts.generator import annotations, legends
from scripts.generator.annotations import AnnotationError, Note
from scripts.generator.figures import Figure
from scripts.generator.theme import LIGHT

FIGURES = {"peak_year": Figure(2003, "year", "the peak's year"), "peak": Figure(40, "count", "the peak")}


def fill(text):
    return text.format(peak="40")


def bars(years=range(2000, 2006)) -> dict:
    rows = [{"year": year, "unit": unit, "count": 10 + year % 7} for year in years for unit in ("a", "b")]
    return {
        "datasets": {"d": rows},
        "data": {"name": "d"},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "year", "type": "quantitative", "axis": {"format": "d"}},
            "y": {"field": "count", "type": "quantitative", "stack": "zero"},
            "color": {
                "field": "unit",
                "type": "nominal",
                "scale": {"domain": ["a", "b"], "range": ["#111111", "#222222"]},
            },
            "tooltip": [{"field": "year", "type": "quantitative"}],
        },
        "config": {},
    }


def lines(years=range(2000, 2006), reverse=False) -> dict:
    spec = bars(years) | {"mark": {"type": "line", "point": True}}
    spec["encoding"] = spec["encoding"] | {
        "y": {"field": "count", "type": "quantitative", "scale": {"reverse": reverse}}
    }
    return spec


def layers_named(spec: dict, start: str) -> list[dict]:
    """The layers whose name starts with `start`, their halos left out."""
    names = [layer.get("name", "") for layer in spec.get("layer", [])]
    return [
        layer
        for layer, name in zip(spec.get("layer", []), names)
        if name.startswith(start) and not name.endswith("_halo")
    ]


def test_notes_pin_to_a_year_a_range_or_a_mark_with_years_from_figures():
    notes = annotations.declared(
        [
            {"year": "peak_year", "text": "Peak"},
            {"years": [2001, "peak_year"], "text": "A range"},
            {"mark": {"year": 2004, "unit": "a"}, "text": "Most: {peak}"},
        ],
        "charts/x.py",
        FIGURES,
        fill,
    )
    assert notes == [
        Note(2003, 2003, "Peak", "year"),
        Note(2001, 2003, "A range", "range"),
        Note(2004, 2004, "Most: 40", "mark", (("unit", "a"),)),
    ]


@pytest.mark.parametrize(
    "item, says",
    [
        ({"text": "nowhere"}, "pin it to one of"),
        ({"year": 2001, "years": [2001, 2002], "text": "twice"}, "pin it to one of"),
        ({"year": 2001, "text": "x", "colour": "red"}, "colour, which no code reads"),
        ({"year": "peak", "text": "x"}, "'peak' is neither a year nor the name of a year figure"),
        ({"years": [2004, 2001], "text": "x"}, "ends before it starts"),
        ({"mark": {"unit": "a"}, "text": "x"}, "names the mark's year"),
        ({"year": 2001, "text": " "}, "a note is"),
    ],
)
def test_a_malformed_note_is_refused_naming_the_file_and_the_note(item, says):
    with pytest.raises(AnnotationError) as error:
        annotations.declared([{"year": 2000, "text": "fine"}, item], "charts/x.py", FIGURES, fill)
    assert str(error.value).startswith("charts/x.py: ANNOTATIONS note 2:") and says in str(error.value)


def test_the_register_is_read_and_a_broken_entry_named(tmp_path):
    path = tmp_path / "breaks.yml"
    path.write_text(
        "- {series: [asylum_seekers], years: 2005, label: Origins unknown, explanation: why, cause: not documented}\n"
        "- {series: applications, years: [2001, 2002], label: A gap, explanation: why, cause: not documented}\n"
    )
    first, second = annotations.read_register(path)
    assert (first.series, first.first, first.last) == (("asylum_seekers",), 2005, 2005)
    assert (second.series, second.first, second.last) == (("applications",), 2001, 2002)
    for entry, says in [
        ("{series: [x], years: 2005, label: L}", "break 1 (line 1): no explanation"),
        ("{series: [x], years: [2005, 2001], label: L, explanation: e}", "years is a year or [first, last]"),
        ("{series: [X-Y], years: 2005, label: L, explanation: e}", "series is a list of names"),
        ("{series: [x], years: 2005, label: " + "a" * 40 + ", explanation: e}", "longer than 34 characters"),
    ]:
        path.write_text(f"- {entry}\n")
        with pytest.raises(AnnotationError, match="breaks.yml: ") as error:
            annotations.read_register(path)
        assert says in str(error.value), error.value
    path.write_text("- [unclosed\n")
    with pytest.raises(AnnotationError, match="not valid YAML"):
        annotations.read_register(path)


BREAK = annotations.Break(("asylum_seekers",), 2005, 2005, "Origins unknown", "why")


def test_a_break_is_drawn_on_a_chart_of_its_series_that_spans_its_years():
    notes = annotations.breaks_on([BREAK], ("asylum_seekers", "refugees"))
    assert notes == [Note(2005, 2005, "2005: Origins unknown", "break")]
    assert annotations.breaks_on([BREAK], ("applications",)) == []
    drawn = annotations.annotate(bars(), notes, LIGHT, "charts/x.py")
    assert drawn["datasets"] == bars()["datasets"]
    # a legend drawn above the chart (the downloads draw one) sits above the row of labels, not on it
    assert set(drawn["config"]) == {"legend"} and drawn["config"]["legend"]["offset"] > -annotations.TOP_ROW + 11
    chart = drawn["layer"][0]
    # the year's bars pale, the others as drawn
    assert chart["encoding"]["opacity"]["condition"] == {
        "test": "indexof([2005], datum['year']) >= 0",
        "value": annotations.PALE,
    }
    assert chart["encoding"]["opacity"]["value"] == 1
    (rules,) = layers_named(drawn, "annotation_rules")
    assert rules["data"]["values"] == [{"year": 2004.5}]  # where comparability ends
    (label,) = layers_named(drawn, "annotation_labels")
    assert label["data"]["values"] == [{"year": 2005, "text": "2005: Origins unknown"}]
    assert label["mark"]["y"] < 0  # above the drawing
    # a chart whose years end before the break does not draw it
    assert annotations.annotate(bars(range(2000, 2004)), notes, LIGHT, "charts/x.py") == bars(range(2000, 2004))


def test_a_break_on_a_line_is_drawn_dashed_over_the_line_rubbed_out():
    drawn = annotations.annotate(lines(), annotations.breaks_on([BREAK], ("asylum_seekers",)), LIGHT, "x")
    rubbed, dashed = layers_named(drawn, "annotation_rubbed") + layers_named(drawn, "annotation_dashed")
    assert rubbed["mark"]["color"] == LIGHT.background and rubbed["mark"]["strokeWidth"] > dashed["mark"]["strokeWidth"]
    assert dashed["mark"]["strokeDash"] and dashed["encoding"]["color"]["field"] == "unit"
    for layer in (rubbed, dashed):
        assert layer["transform"][-1] == {"filter": "datum['year'] >= 2004 && datum['year'] <= 2005"}
        assert "tooltip" not in layer["encoding"]


def test_a_mark_note_sits_on_top_of_the_years_stack():
    notes = annotations.declared([{"mark": {"year": 2003}, "text": "Most: {peak}"}], "x", FIGURES, fill)
    drawn = annotations.annotate(bars(), notes, LIGHT, "x")
    (note,) = layers_named(drawn, "annotation_mark")
    steps = note["transform"]
    assert steps[0] == {"filter": "datum['year'] === 2003"}
    assert steps[1]["aggregate"] == [{"op": "sum", "field": "count", "as": "count"}]  # the stack's top
    assert note["encoding"]["y"]["field"] == "count" and note["mark"]["baseline"] == "bottom"
    with pytest.raises(AnnotationError, match="pinned outside the years drawn"):
        annotations.annotate(bars(range(2004, 2006)), notes, LIGHT, "x")


def test_a_line_chart_with_a_few_series_names_its_lines_instead_of_a_legend():
    drawn = annotations.annotate(lines(), [], LIGHT, "x")
    above, below = layers_named(drawn, "annotation_line_names")
    # at 2005 series a and b both have 10 + 2005 % 7 = 11: the first found is drawn above, the other below
    assert above["mark"]["baseline"] == "bottom" and below["mark"]["baseline"] == "top"
    assert above["transform"][-1]["filter"].startswith("datum['year'] === 2005 && datum['unit'] ===")
    assert drawn["layer"][0]["encoding"]["color"]["legend"] is None
    assert legends.html_key(drawn) is None  # no key above the drawing either
    assert annotations.annotate(bars(), [], LIGHT, "x") == bars()  # bars keep their key


def test_the_highest_line_is_named_above_also_on_a_reversed_scale():
    spec = lines()
    rows = spec["datasets"]["d"]
    for row in rows:
        row["count"] = 5 if row["unit"] == "a" else 9
    above = layers_named(annotations.annotate(spec, [], LIGHT, "x"), "annotation_line_names_above")[0]
    assert above["transform"][-1]["filter"].endswith("datum['unit'] === 'b'")
    spec["encoding"]["y"]["scale"]["reverse"] = True  # a rank: the smallest number is drawn highest
    above = layers_named(annotations.annotate(spec, [], LIGHT, "x"), "annotation_line_names_above")[0]
    assert above["transform"][-1]["filter"].endswith("datum['unit'] === 'a'")


def test_notes_need_years_on_x():
    spec = bars()
    spec["encoding"]["x"] = {"field": "unit", "type": "nominal"}
    with pytest.raises(AnnotationError, match="need years on x"):
        annotations.annotate(spec, [Note(2001, 2001, "x", "year")], LIGHT, "charts/x.py")
    assert annotations.annotate(spec, [Note(2001, 2001, "x", "break")], LIGHT, "x") == spec


def test_every_word_drawn_over_the_chart_has_a_halo_beneath_it():
    notes = annotations.breaks_on([BREAK], ("asylum_seekers",))
    drawn = annotations.annotate(lines(), notes, LIGHT, "x")
    layers = drawn["layer"]
    texts = [
        i for i, layer in enumerate(layers) if layer["mark"]["type"] == "text" and not layer["name"].endswith("_halo")
    ]
    assert len(texts) >= 3  # the break's label and the two lines' names
    for i in texts:
        halo = layers[i - 1]
        assert halo["name"] == layers[i]["name"] + "_halo"
        assert halo["mark"]["stroke"] == halo["mark"]["color"] == LIGHT.background and halo["mark"]["strokeWidth"] >= 2
        assert halo["encoding"]["text"] == layers[i]["encoding"]["text"] and "color" not in halo["encoding"]


def test_a_grid_of_years_draws_a_break_at_the_edge_of_its_column():
    spec = bars()
    spec["mark"] = {"type": "rect"}
    spec["encoding"]["x"] = {"field": "year", "type": "ordinal"}
    drawn = annotations.annotate(spec, [Note(2003, 2003, "2003: Origins unknown", "break")], LIGHT, "x")
    assert drawn["layer"][0]["encoding"]["opacity"]["condition"]["test"] == "indexof([2003], datum['year']) >= 0"
    before, after = layers_named(drawn, "annotation_rules")
    assert before["encoding"]["x"] == {"field": "year", "type": "ordinal", "bandPosition": 0}
    assert before["data"]["values"] == [{"year": 2003}]  # the left edge of 2003's column
    assert after["encoding"]["x"]["bandPosition"] == 1 and after["data"]["values"] == [{"year": 2003}]
    (label,) = layers_named(drawn, "annotation_labels")
    assert label["encoding"]["x"]["type"] == "ordinal" and label["data"]["values"][0]["year"] == 2003


def test_what_the_notes_draw_is_hidden_from_screen_readers():
    drawn = annotations.annotate(lines(), annotations.breaks_on([BREAK], ("asylum_seekers",)), LIGHT, "x")
    assert "aria" not in drawn["layer"][0].get("mark", {})  # the chart's own marks keep their labels
    assert all(layer["mark"]["aria"] is False for layer in drawn["layer"][1:])
