"""Breaks in a series, found from the data, and what the register of breaks says about them.

A story hands `detect` its series in one long table, a row per measure, asylum country and year:

    measure      the register's name of the series ("refugees", "applications" …)
    country      the asylum country's code
    year
    origin       the count for the story's origin (empty where the country reported no row for it)
    all_origins  the country's count over every origin (empty where it reported no row at all)
    world        the origin's count over every asylum country, that year (the story's total)

and gets back the breaks the data shows, at two levels: the origin's series in each country, and the
country's series over all origins (which tells whether the country changed how it counted everyone).
Every detected break must be covered by an entry of the register (scripts/generator/annotations.py
reads it): same country, same series, its year within the entry's years. `unregistered` lists the
detected breaks no entry covers; the build stops on them and `make refresh` lists them, so that a
person reviews each before it is published.

The thresholds are written once, in THRESHOLDS; the methodology page prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

ORIGIN, ALL_ORIGINS = "origin", "all_origins"  # the two levels


@dataclass(frozen=True)
class Thresholds:
    # A change from one year to the next is a jump when it is at least this share of the year before …
    jump_share: float = 0.5
    # … and at least this many people: smaller changes are noise in a count of this size.
    people: int = 1_000
    # A country's change counts only when it is at least this share of the story's total that year.
    # Measured on the 2025.12.1 release: without it the two rules above find 581 jumps in 24 countries,
    # most of them ordinary swings in small countries' flows that cannot move any figure the story gives.
    material: float = 0.10
    # The two signatures of a change in how a country counted (an origin's count that moves while the
    # country's count of everyone stands still, and an estimate carried forward and then replaced) are
    # rarely real events, so a smaller change is enough: this share of the story's total, and `people`.
    signature: float = 0.05
    # An origin's count moves "alone" when the country's count of all origins moves by less than this
    # share of the origin's change.
    alone: float = 0.5
    # A count repeats an earlier one when it is within this share of it (or two people) …
    repeat: float = 0.0001
    # … in any of this many years before it: an estimate carried forward, not a new count.
    repeat_years: int = 3


THRESHOLDS = Thresholds()

KINDS = {
    "jump": "a change of at least half in one year",
    "alone": "the origin's count moved while the country's count of all origins did not",
    "revised": "an estimate carried forward for years, then replaced",
    "gap": "years with no row inside the series",
}


@dataclass(frozen=True)
class Detected:
    measure: str
    country: str
    level: str  # ORIGIN or ALL_ORIGINS
    first: int
    last: int  # a gap can span several years; a change is one year (the year it shows in)
    kind: str  # a key of KINDS
    before: int | None  # the count in the year before (for a gap, the last year with a row)
    after: int | None  # the count in the year (for a gap, the next year with a row)

    def describe(self) -> str:
        years = span(self.first, self.last)
        level = "the origin's series" if self.level == ORIGIN else "all origins"
        counts = f"{_count(self.before)} → {_count(self.after)}"
        return f"{self.country} {self.measure} {years} ({level}): {KINDS[self.kind]}, {counts}"


def span(first: int, last: int) -> str:
    """A year, or a range of years, as the register and the pages write it: 2006, 2009–2010."""
    return str(first) if first == last else f"{first}–{last}"


def _count(value) -> str:
    return "no row" if value is None else f"{value:,}"


def detect(series: pd.DataFrame, thresholds: Thresholds = THRESHOLDS) -> list[Detected]:
    """The breaks the series show, in order of measure, country, level and year."""
    t = thresholds
    found = []
    for (measure, country), rows in series.groupby(["measure", "country"], sort=True):
        rows = rows.set_index("year").sort_index()
        world = rows["world"]
        origin = rows[ORIGIN].dropna()
        everyone = rows[ALL_ORIGINS].dropna()
        found += _gaps(measure, country, ORIGIN, origin, everyone.index, t, lambda before, after: True)
        country_share = rows[ORIGIN].fillna(0) / world.where(world > 0)

        def material_country(before: int, after: int) -> bool:
            near = country_share.reindex([before, after]).fillna(0)
            return bool(near.max() >= t.material)

        found += _gaps(measure, country, ALL_ORIGINS, everyone, range(0), t, material_country)
        for year in origin.index:
            if year - 1 not in origin.index:
                continue
            before, after = int(origin[year - 1]), int(origin[year])
            change = after - before
            total = max(world.get(year - 1, 0), world.get(year, 0))
            big = abs(change) >= t.people
            if big and _jump(before, change, t) and abs(change) >= t.material * total:
                found.append(Detected(measure, country, ORIGIN, year, year, "jump", before, after))
                continue
            if not (big and abs(change) >= t.signature * total):
                continue
            if year in everyone.index and year - 1 in everyone.index:
                if abs(everyone[year] - everyone[year - 1]) < t.alone * abs(change):
                    found.append(Detected(measure, country, ORIGIN, year, year, "alone", before, after))
                    continue
            earlier = [origin[y] for y in range(year - 1 - t.repeat_years, year - 1) if y in origin.index]
            if before >= t.people and any(abs(before - value) <= max(2, t.repeat * before) for value in earlier):
                found.append(Detected(measure, country, ORIGIN, year, year, "revised", before, after))
        for year in everyone.index:
            if year - 1 not in everyone.index:
                continue
            before, after = int(everyone[year - 1]), int(everyone[year])
            change = after - before
            if abs(change) >= t.people and _jump(before, change, t) and material_country(year - 1, year):
                found.append(Detected(measure, country, ALL_ORIGINS, year, year, "jump", before, after))
    order = {ORIGIN: 0, ALL_ORIGINS: 1}
    return sorted(found, key=lambda d: (d.measure, d.country, order[d.level], d.first))


def _jump(before: int, change: int, t: Thresholds) -> bool:
    return before == 0 or abs(change) >= t.jump_share * before


def _gaps(measure, country, level, counts: pd.Series, reported, t: Thresholds, material) -> list[Detected]:
    """Years inside a series with no row: for the origin's series, years in which the country reported
    other origins (`reported`) and one of the years around the gap held at least `people`."""
    if counts.empty:
        return []
    years = set(counts.index)
    inside = range(int(counts.index.min()) + 1, int(counts.index.max()))
    missing = [year for year in inside if year not in years and (level == ALL_ORIGINS or year in set(reported))]
    found = []
    for first, last in runs(missing):
        before, after = int(counts[max(y for y in years if y < first)]), int(counts[min(y for y in years if y > last)])
        if max(before, after) >= t.people and material(first - 1, last + 1):
            found.append(Detected(measure, country, level, first, last, "gap", before, after))
    return found


def runs(years: list[int]) -> list[tuple[int, int]]:
    """Consecutive years as (first, last) runs."""
    runs = []
    for year in sorted(years):
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def covers(entry, found: Detected) -> bool:
    """Whether a register entry covers a detected break: its country, its series, its years."""
    return (
        entry.country == found.country
        and found.measure in entry.series
        and entry.first <= found.first
        and found.last <= entry.last
    )


def unregistered(found: list[Detected], register: list) -> list[Detected]:
    return [item for item in found if not any(covers(entry, item) for entry in register)]


def latest_comparable_year(register: list, series: str, latest: int) -> int:
    """The latest year, up to `latest`, that no break of the register in `series` touches."""
    touched = touched_years(register, series)
    year = latest
    while year in touched:
        year -= 1
    return year


def comparable_since(register: list, series: str, year: int, first: int) -> int:
    """The first year of the run of years, ending in `year`, that no break in `series` touches: the
    years that can be compared with `year`."""
    touched = touched_years(register, series)
    start = year
    while start - 1 >= first and start - 1 not in touched:
        start -= 1
    return start


def touched_years(register: list, series: str) -> set[int]:
    """The years a break of the register in `series` touches (the comparable ones left out)."""
    return {
        year
        for entry in register
        if series in entry.series and not entry.comparable
        for year in range(entry.first, entry.last + 1)
    }
