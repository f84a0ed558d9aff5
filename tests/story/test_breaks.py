"""The breaks the detector finds in the real snapshot (data/raw/), the register that covers them
(data/breaks.yml), the latest comparable year, and the home page's lead, which rests on no break."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from scripts.generator import breaks
from scripts.story import breaks as story_breaks
from scripts.unhcr.raw_tables import DataError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def raw(raw_tables):
    return raw_tables


@pytest.fixture(scope="module")
def story_figures(derived):
    from scripts.generator.figures import story_figures
    from scripts.story.figures import compute_figures
    from scripts.unhcr.raw_tables import read_source_sidecar

    return story_figures(compute_figures(derived, read_source_sidecar()))


@pytest.fixture(scope="module")
def found(raw):
    return {(d.country, d.measure, d.level, d.first, d.last, d.kind) for d in story_breaks.found(raw)}


def test_the_united_states_collapse_of_2010_is_found_in_both_series(found):
    """All origins 63,758 → 6,276, China 11,916 → 1,553: the trough the home page once led with."""
    assert ("USA", "asylum_seekers", breaks.ORIGIN, 2010, 2010, "jump") in found
    assert ("USA", "asylum_seekers", breaks.ALL_ORIGINS, 2010, 2010, "jump") in found


def test_south_africas_missing_years_for_china_are_found(found):
    assert ("ZAF", "asylum_seekers", breaks.ORIGIN, 2006, 2006, "gap") in found
    assert ("ZAF", "asylum_seekers", breaks.ORIGIN, 2009, 2010, "gap") in found


def test_indias_steps_in_refugees_from_china_are_found(found):
    """108,008 → 73,407 (2020) while India's total stood still; 73,406 → 63,169 (2024) after a count that
    repeats an earlier one."""
    assert ("IND", "refugees", breaks.ORIGIN, 2020, 2020, "alone") in found
    assert ("IND", "refugees", breaks.ORIGIN, 2024, 2024, "revised") in found


def test_the_scope_is_the_countries_that_held_a_hundredth_of_china_in_some_year(raw):
    countries = story_breaks.scope(raw)
    assert {"USA", "IND", "ZAF", "AUS", "CAN", "FRA"} <= set(countries)
    population = raw["population"]
    china = population[(population["coo_iso"] == "CHN") & (population["year"] >= 2000)]
    for country in ("NPL", "JPN"):  # asylum countries of China that never held that much
        held = china[china["coa_iso"] == country].groupby("year")[["refugees", "asylum_seekers"]].sum()
        total = china.groupby("year")[["refugees", "asylum_seekers"]].sum()
        assert (country in countries) == bool((held / total.loc[held.index] >= 0.01).any(axis=None))


def test_every_break_is_in_the_register_and_an_empty_register_stops_the_build(raw):
    assert story_breaks.check(raw)
    with pytest.raises(DataError) as error:
        story_breaks.check(raw, entries=[])
    message = str(error.value)
    assert message.startswith("data/breaks.yml: the data in data/raw/ shows")
    assert "USA asylum_seekers 2010 (the origin's series)" in message
    assert "ZAF asylum_seekers 2009–2010 (the origin's series): years with no row" in message


def touched(series: str) -> set[int]:
    """The years the register's breaks in `series` touch, read here from the YAML."""
    entries = yaml.safe_load((ROOT / "data" / "breaks.yml").read_text(encoding="utf-8"))
    years = set()
    for entry in entries:
        if series in entry["series"] and not entry.get("comparable", False):
            span = entry["years"] if isinstance(entry["years"], list) else [entry["years"]] * 2
            years |= set(range(span[0], span[-1] + 1))
    return years


def test_the_latest_comparable_year_is_computed_from_the_register(story_figures):
    latest = story_figures["latest_year"].value
    expected = max(year for year in range(2000, latest + 1) if year not in touched("asylum_seekers"))
    assert story_figures["comparable_year"].value == expected
    assert expected == 2024  # as the pre-publication check found on the 2025.12.1 release


def test_no_headline_figure_uses_a_year_a_break_touches(story_figures):
    """The home page's lead (up to its first section) reports asylum-seekers only, and names years only
    outside the breaks of their series; the latest year, which a break touches, only where it is called
    not comparable."""
    page = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    lead = page.split("\n# ", 1)[1].split("\n## ", 1)[0]
    stocks = touched("asylum_seekers")
    sentences = re.split(r"(?<=[.:])\s+(?=[A-Z])", " ".join(lead.split()))
    for sentence in sentences:
        for name in FIGURE.findall(sentence):
            figure = story_figures[name]
            if figure.kind == "year" and figure.value in stocks:
                assert "not comparable" in sentence, (name, figure.value, sentence)
    named = set(FIGURE.findall(lead))
    assert {"asylum_seekers_comparable", "comparable_year"} <= named
    assert not named & {"asylum_seekers_low_year", "asylum_seekers_latest"}
    assert not [name for name in named if name.startswith("refugees")]


# A figure in a page, written as it is or another way ({{ name | rounded }}).
FIGURE = re.compile(r"\{\{\s*(\w+)\s*(?:\|\s*\w+\s*)?\}\}")
# What a key finding is about, by its words: the series its years must be comparable in.
SERIES_WORDS = {"asylum-seekers": "asylum_seekers", "applications": "applications", "refugee": "refugees"}


def test_the_key_findings_name_no_year_a_break_touches_in_their_series(story_figures):
    """The home page's key findings ("In short"): each names its years outside the breaks of the series it is
    about, except a year it calls not comparable; there are three to five of them."""
    page = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    findings = page.split("\n## In short\n", 1)[1].split("\n## ", 1)[0]
    bullets = [" ".join(item.split()) for item in re.split(r"\n- ", "\n" + findings.strip()) if item.strip()]
    assert 3 <= len(bullets) <= 5, bullets
    checked = 0
    for bullet in bullets:
        series = {key for word, key in SERIES_WORDS.items() if word in bullet}
        for name in FIGURE.findall(bullet):
            figure = story_figures[name]
            if figure.kind != "year" or "not comparable" in bullet:
                continue
            assert len(series) == 1, f"say what the finding counts: {bullet}"
            (measure,) = series
            assert figure.value not in touched(measure), (name, figure.value, measure, bullet)
            checked += 1
    assert checked >= 3


def test_make_refresh_lists_the_breaks_a_release_brings_that_the_register_lacks(capsys):
    from scripts.generator import paths
    from scripts.unhcr.refresh import report_breaks

    assert report_breaks(paths.RAW) == []
    assert "No new break" in capsys.readouterr().out
    listed = report_breaks(paths.RAW, entries=[])
    out = capsys.readouterr().out
    assert listed and f"New breaks in the story's series ({len(listed)})" in out
    assert "  IND refugees 2024 (the origin's series): an estimate carried forward for years, then replaced" in out
