"""The catalogue of figures (scripts/story/figures.yml): every figure's name, kind and meaning, checked
against what the story's code computes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from scripts.generator.figures import KINDS, FigureError, catalogued, read_catalogue

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "scripts/story/figures.yml"

SMALL = """# a catalogue
latest_year: {kind: year, about: the latest year}
refugees_latest: {kind: count, about: refugees at the end of the latest year}
top_country: {kind: country, about: the asylum country with the most}
"""


def write(tmp_path, text=SMALL) -> Path:
    path = tmp_path / "figures.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_values_become_figures_with_the_catalogues_kind_and_meaning(tmp_path):
    values = {"latest_year": 2025, "refugees_latest": 12, "top_country": {"iso": "IND", "name": "India"}}
    figures = catalogued(values, write(tmp_path), "story.py")
    assert {name: (f.value, f.kind, f.about) for name, f in figures.items()} == {
        "latest_year": (2025, "year", "the latest year"),
        "refugees_latest": (12, "count", "refugees at the end of the latest year"),
        "top_country": ({"iso": "IND", "name": "India"}, "country", "the asylum country with the most"),
    }


def test_a_figure_missing_from_the_catalogue_and_a_line_with_no_figure_are_both_named(tmp_path):
    values = {"latest_year": 2025, "refugees_latest": 12, "refugees_first": 3}
    with pytest.raises(FigureError) as error:
        catalogued(values, write(tmp_path), "story.py")
    message = str(error.value)
    assert (
        "figures.yml: 'refugees_first' is computed by the story's code (story.py) but not in the catalogue" in message
    )
    assert "figures.yml:4: 'top_country' is in the catalogue but the story's code (story.py) does not compute it" in (
        message
    )


def test_a_value_of_the_wrong_kind_names_the_catalogues_line(tmp_path):
    values = {"latest_year": 2025, "refugees_latest": 0.5, "top_country": {"iso": "IND", "name": "India"}}
    with pytest.raises(FigureError, match=r"figures.yml:3: 'refugees_latest': a count figure's value is a whole"):
        catalogued(values, write(tmp_path), "story.py")


@pytest.mark.parametrize(
    "line, says",
    [
        ("refugees_latest: {kind: counts, about: x}", "figures.yml:3: refugees_latest: kind 'counts' is not one of"),
        ("refugees_latest: {kind: count}", "figures.yml:3: refugees_latest: write it as"),
        ("refugees_latest: {kind: count, about: ''}", "figures.yml:3: refugees_latest: `about` says what"),
        ("refugees_latest: {kind: count, about: [x", "figures.yml: not valid YAML"),
    ],
)
def test_a_broken_catalogue_line_is_named(tmp_path, line, says):
    text = SMALL.replace("refugees_latest: {kind: count, about: refugees at the end of the latest year}", line)
    with pytest.raises(FigureError, match=re.escape(says)):
        catalogued({}, write(tmp_path, text), "story.py")


def test_every_catalogued_figure_has_a_kind_a_meaning_and_its_name_written_out_in_the_storys_code():
    entries = read_catalogue(CATALOGUE)
    code = "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "scripts/story").glob("*.py")))
    assert len(entries) == len(yaml.safe_load(CATALOGUE.read_text(encoding="utf-8")))
    assert all(entry.kind in KINDS and entry.about.strip() for entry in entries.values())
    # Every name can be found: a search for the name a page uses lands on the line that computes it.
    not_written = sorted(name for name in entries if f'"{name}"' not in code)
    assert not_written == [], "figure names made up in code (an f-string) instead of written out"
