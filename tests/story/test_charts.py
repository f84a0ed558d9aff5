"""Chart checks: every chart file declares what it must, builds in both palettes,
validates against the Vega-Lite schema, and renders with marks."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import altair
import jsonschema
import pytest
import vl_convert

from scripts.generator import paths
from scripts.generator.charts import MEASURES, REQUIRED_TEXT, ChartError, discover, load_definition, vega_lite_spec
from scripts.generator.figures import story_figures
from scripts.generator.theme import DARK, LIGHT
from scripts.story.figures import compute_figures
from scripts.unhcr.raw_tables import read_source_sidecar

CHARTS = discover()
SCHEMA = json.loads((Path(altair.__file__).parent / "vegalite" / "v6" / "schema" / "vega-lite-schema.json").read_text())


@pytest.fixture(scope="module")
def figures(derived):
    return story_figures(compute_figures(derived, read_source_sidecar()))


def test_there_are_charts():
    assert len(CHARTS) >= 3


@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_chart_declares_its_framing(chart_id, figures):
    chart = CHARTS[chart_id]
    assert chart.path.name == f"{chart_id}.py"
    assert chart.measure in MEASURES
    texts = chart.texts(figures)
    for name in ("title", "subtitle", "description"):
        assert len(texts[name]) > 10, f"{chart_id}: {name} is too short to help a reader"
        assert "{" not in texts[name], f"{chart_id}: {name} has an unfilled placeholder"


@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_chart_validates_against_the_vega_lite_schema(chart_id, derived, figures):
    for palette in (LIGHT, DARK):
        spec = vega_lite_spec(CHARTS[chart_id], derived, figures, palette)
        jsonschema.validate(spec, SCHEMA)
        assert spec["width"] == "container", "charts fit the page width"


@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_chart_renders_with_marks(chart_id, derived, figures):
    spec = vega_lite_spec(CHARTS[chart_id], derived, figures, LIGHT)
    spec["width"], spec["height"] = 600, CHARTS[chart_id].height  # vl-convert has no page to size it
    svg = vl_convert.vegalite_to_svg(spec)
    marks = re.findall(r'<g class="mark-(\w+) role-mark[^"]*"[^>]*>(.*?)</g>', svg, flags=re.S)
    drawn = [kind for kind, body in marks if "<path" in body or "<rect" in body or "<line" in body]
    assert drawn, f"{chart_id}: the rendered SVG has no drawn marks"


@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_axis_labels_read_as_numbers(chart_id, derived, figures):
    """An abbreviated axis writes 50k and 100k, but zero as 0, not 0k or 0.0."""
    spec = vega_lite_spec(CHARTS[chart_id], derived, figures, LIGHT)
    spec["width"] = 328  # the phone width, where ticks are fewest
    spec["height"] = CHARTS[chart_id].phone_height or CHARTS[chart_id].height
    svg = vl_convert.vegalite_to_svg(spec)
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert not [label for label in labels if re.fullmatch(r"0[.,]?0*\s?[kMG%]?", label) and label not in ("0", "0%")]


@pytest.mark.parametrize("chart_id", sorted(CHARTS))
def test_dark_palette_changes_the_colours(chart_id, derived, figures):
    light = json.dumps(vega_lite_spec(CHARTS[chart_id], derived, figures, LIGHT))
    dark = json.dumps(vega_lite_spec(CHARTS[chart_id], derived, figures, DARK))
    assert light != dark
    assert LIGHT.muted in light and DARK.muted in dark and LIGHT.muted not in dark


def write_chart(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "broken_chart.py"
    path.write_text(textwrap.dedent(body))
    return path


@pytest.mark.parametrize("missing", REQUIRED_TEXT)
def test_a_chart_missing_its_framing_is_refused(tmp_path, missing):
    fields = {name: f'{name} = "Something long enough"' for name in REQUIRED_TEXT}
    fields["MEASURE"] = 'MEASURE = "stock"'
    fields["DATA"] = 'DATA = "china_by_year"'
    del fields[missing]
    path = write_chart(tmp_path, "\n".join(fields.values()) + "\ndef build(data, palette):\n    return None\n")
    with pytest.raises(ChartError, match=rf"broken_chart\.py: missing or empty {missing}"):
        load_definition(path)


def test_a_chart_with_an_unknown_measure_is_refused(tmp_path):
    path = write_chart(
        tmp_path,
        """
        TITLE = SUBTITLE = DESCRIPTION = "Something long enough"
        MEASURE = "stocks"
        DATA = "china_by_year"
        def build(data, palette):
            return None
        """,
    )
    with pytest.raises(ChartError, match=r"broken_chart\.py: MEASURE is 'stocks'"):
        load_definition(path)


def test_a_chart_whose_code_fails_names_its_file(tmp_path, derived, figures):
    path = write_chart(
        tmp_path,
        """
        TITLE = SUBTITLE = DESCRIPTION = "Something long enough"
        MEASURE = "flow"
        DATA = "china_by_year"
        def build(data, palette):
            return data["no_such_column"]
        """,
    )
    with pytest.raises(ChartError, match=r"broken_chart\.py: build\(\) failed: KeyError"):
        vega_lite_spec(load_definition(path), derived, figures, LIGHT)


FIELD_CHART = """
        import altair as alt
        TITLE = SUBTITLE = DESCRIPTION = "Something long enough"
        MEASURE = "stock"
        DATA = "china_by_year"
        def build(data, palette):
            return alt.Chart(data).transform_calculate(share="datum.refugees / 2").mark_line().encode(
                x="year:O", y="{field}:Q", tooltip=["share:Q"])
        """


def test_a_chart_that_draws_a_field_its_data_lacks_is_refused(tmp_path, derived, figures):
    """Vega draws nothing for a field that is not there: an empty chart, published without a word."""
    path = write_chart(tmp_path, FIELD_CHART.replace("{field}", "refugeess"))
    with pytest.raises(ChartError, match=r"broken_chart\.py: draws field\(s\) refugeess that its data .*lacks"):
        vega_lite_spec(load_definition(path), derived, figures, LIGHT)


def test_fields_that_the_charts_own_transforms_make_are_known(tmp_path, derived, figures):
    path = write_chart(tmp_path, FIELD_CHART.replace("{field}", "share"))
    assert vega_lite_spec(load_definition(path), derived, figures, LIGHT)["encoding"]["y"]["field"] == "share"


def test_a_chart_with_an_unknown_figure_in_its_title_is_refused(tmp_path, figures):
    path = write_chart(
        tmp_path,
        """
        TITLE = "Asylum-seekers in {no_such_figure}"
        SUBTITLE = DESCRIPTION = "Something long enough"
        MEASURE = "stock"
        DATA = "china_by_year"
        def build(data, palette):
            return None
        """,
    )
    with pytest.raises(ChartError, match=r"broken_chart\.py: TITLE uses unknown figure\(s\) no_such_figure"):
        load_definition(path).texts(figures)


def test_specs_written_by_the_pipeline_match_the_charts():
    from scripts.generator.pipeline import run

    run()
    index = json.loads((paths.SPECS / "index.json").read_text())
    assert set(index) == set(CHARTS)
    for chart_id in CHARTS:
        for scheme in ("light", "dark"):
            vega = json.loads((paths.SPECS / f"{chart_id}.{scheme}.vg.json").read_text())
            assert vega["$schema"].startswith("https://vega.github.io/schema/vega/v6")
            assert vega["marks"], f"{chart_id}: no marks in the Vega spec"
