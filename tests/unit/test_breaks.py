"""Breaks found from the data (scripts/generator/breaks.py), on small series with a planted break,
and the register's entries that cover them (scripts/generator/annotations.py reads the register)."""

from __future__ import annotations

import pandas as pd
import pytest

from scripts.generator import breaks
from scripts.generator.annotations import AnnotationError, Break, read_register

YEARS = range(2000, 2011)


def frame(origin: dict, everyone: dict, world: dict | int = 100_000, measure="asylum_seekers", country="AAA"):
    """One country's series: China's count and the count of all origins by year (a missing year: no row)."""
    rows = []
    for year in YEARS:
        rows.append(
            {
                "measure": measure,
                "country": country,
                "year": year,
                breaks.ORIGIN: origin.get(year),
                breaks.ALL_ORIGINS: everyone.get(year),
                "world": world if isinstance(world, int) else world[year],
            }
        )
    return pd.DataFrame(rows)


def steady(value: int) -> dict:
    return {year: value for year in YEARS}


def found(series: pd.DataFrame) -> list[tuple]:
    return [(d.level, d.first, d.last, d.kind) for d in breaks.detect(series)]


def test_a_steady_series_has_no_break():
    assert found(frame(steady(20_000), steady(200_000))) == []


def test_a_one_year_collapse_is_found_in_both_series():
    origin, everyone = steady(20_000), steady(200_000)
    origin[2005], everyone[2005] = 2_000, 20_000
    assert found(frame(origin, everyone)) == [
        (breaks.ORIGIN, 2005, 2005, "jump"),
        (breaks.ORIGIN, 2006, 2006, "jump"),
        (breaks.ALL_ORIGINS, 2005, 2005, "jump"),
        (breaks.ALL_ORIGINS, 2006, 2006, "jump"),
    ]


def test_a_jump_too_small_in_people_or_against_the_world_total_is_not_a_break():
    origin = steady(1_500)
    origin[2005] = 600  # down by 60%, but only 900 people
    assert found(frame(origin, steady(100_000))) == []
    origin = {year: 8_000 + 13 * (year - 2000) for year in YEARS}  # a count, not an estimate carried forward
    origin[2005] = 3_000  # 5,000 people, but a twentieth of the world total: not material
    everyone = {year: 92_000 + value for year, value in origin.items()}  # other origins hold still
    assert found(frame(origin, everyone, world=100_000)) == []
    assert found(frame(origin, everyone, world=40_000))[:1] == [(breaks.ORIGIN, 2005, 2005, "jump")]


def test_a_year_with_no_row_for_china_is_a_gap_when_the_country_reported_that_year():
    origin = steady(1_200)
    del origin[2004], origin[2005]
    assert found(frame(origin, steady(50_000))) == [(breaks.ORIGIN, 2004, 2005, "gap")]
    everyone = steady(50_000)
    del everyone[2004], everyone[2005]  # the country reported nothing at all: China's gap is its gap
    assert found(frame(origin, everyone, world=10_000)) == [(breaks.ALL_ORIGINS, 2004, 2005, "gap")]
    assert found(frame(origin, everyone, world=100_000)) == []  # the country holds little of China
    small = steady(300)
    del small[2004]
    assert found(frame(small, steady(50_000))) == []


def test_china_moving_while_the_country_total_stands_still_is_found():
    origin, everyone = steady(60_000), steady(100_000)
    for year in range(2006, 2011):
        origin[year] = 45_000  # a quarter down: no jump, but the country's total did not move
    assert found(frame(origin, everyone)) == [(breaks.ORIGIN, 2006, 2006, "alone")]
    everyone = {year: value + (origin[year] - 60_000) for year, value in everyone.items()}
    assert found(frame(origin, everyone)) == [(breaks.ORIGIN, 2006, 2006, "revised")]  # carried forward


def test_an_estimate_carried_forward_and_then_replaced_is_found():
    origin = {year: 50_000 + year for year in YEARS}  # a count that moves every year
    origin[2008], origin[2009] = 50_000, 40_000
    everyone = {year: 3 * value for year, value in origin.items()}
    assert found(frame(origin, everyone)) == []  # moves with its total, never repeats a value
    origin = steady(50_000)
    origin[2009] = origin[2010] = 40_000
    everyone = {year: 3 * value for year, value in origin.items()}
    assert found(frame(origin, everyone)) == [(breaks.ORIGIN, 2009, 2009, "revised")]


def test_the_country_total_is_searched_only_where_the_country_holds_much_of_china():
    everyone = steady(200_000)
    everyone[2005] = 50_000
    assert found(frame(steady(5_000), everyone, world=100_000)) == []
    assert [item[0] for item in found(frame(steady(15_000), everyone, world=100_000))] == [breaks.ALL_ORIGINS] * 2


ENTRY = Break(("asylum_seekers", "applications"), 2004, 2006, "A label", "why", country="AAA")


def test_an_entry_covers_a_break_of_its_country_series_and_years_only():
    inside = breaks.Detected("asylum_seekers", "AAA", breaks.ORIGIN, 2005, 2005, "jump", 1, 2)
    assert breaks.unregistered([inside], [ENTRY]) == []
    for other in (
        breaks.Detected("refugees", "AAA", breaks.ORIGIN, 2005, 2005, "jump", 1, 2),
        breaks.Detected("asylum_seekers", "BBB", breaks.ORIGIN, 2005, 2005, "jump", 1, 2),
        breaks.Detected("asylum_seekers", "AAA", breaks.ORIGIN, 2006, 2007, "gap", 1, 2),
    ):
        assert breaks.unregistered([other], [ENTRY]) == [other]


def test_the_latest_comparable_year_is_the_latest_year_no_break_touches():
    later = Break(("asylum_seekers",), 2010, 2010, "L", "why", country="AAA")
    real = Break(("asylum_seekers",), 2009, 2009, "L", "why", country="BBB", comparable=True)
    other = Break(("refugees",), 2008, 2008, "L", "why", country="CCC")
    register = [ENTRY, later, real, other]
    assert breaks.latest_comparable_year(register, "asylum_seekers", 2010) == 2009
    assert breaks.latest_comparable_year(register, "refugees", 2010) == 2010
    assert breaks.comparable_since(register, "asylum_seekers", 2009, 2000) == 2007
    assert breaks.comparable_since(register, "refugees", 2010, 2000) == 2009


def test_a_register_entry_names_its_source_or_says_its_cause_is_not_documented(tmp_path):
    path = tmp_path / "breaks.yml"
    good = "- {country: AAA, series: [refugees], years: 2005, label: L, explanation: why, "
    path.write_text(good + "cause: not documented}\n" + good + "source: a-report, comparable: true}\n")
    first, second = read_register(path, {"a-report"})
    assert (first.source, first.comparable, second.source, second.comparable) == ("", False, "a-report", True)
    for tail, says in [
        ("}", "give either source"),
        ("cause: unknown}", "give either source"),
        ("cause: not documented, source: a-report}", "give either source"),
        ("source: elsewhere}", "source 'elsewhere' is not an id of docs/sources.yml"),
        ("cause: not documented, reviewer: me}", "reviewer is not a field of a break"),
        ("cause: not documented, comparable: perhaps}", "comparable is true or false"),
    ]:
        path.write_text(good + tail + "\n")
        with pytest.raises(AnnotationError, match=r"breaks.yml: break 1 \(line 1\): ") as error:
            read_register(path, {"a-report"})
        assert says in str(error.value), error.value
    path.write_text(good.replace("AAA", "usa") + "cause: not documented}\n")
    with pytest.raises(AnnotationError, match="country is a three-letter code"):
        read_register(path)
