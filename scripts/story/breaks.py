"""The story's series, for the detector of breaks (scripts/generator/breaks.py), and the check that
every break it finds is in the register (data/breaks.yml).

The series are those the story draws: two stocks (refugees and asylum-seekers at the end of the
year) and two flows (asylum applications lodged and decisions taken during it), for each asylum
country that held at least SCOPE_SHARE of the refugees or the asylum-seekers from China in some
year, from the story's first year: the origin's count, the country's count of all origins, and
China's count over every asylum country.
"""

from __future__ import annotations

import pandas as pd

from scripts.generator import breaks, paths
from scripts.generator.project import settings
from scripts.unhcr.raw_tables import DataError

CHINA = settings().origin  # the story's origin and first year ([tool.story] in pyproject.toml)
FIRST_YEAR = settings().first_year
SCOPE_SHARE = 0.01

# measure (the register's word) -> (raw table, its column)
MEASURES = {
    "refugees": ("population", "refugees"),
    "asylum_seekers": ("population", "asylum_seekers"),
    "applications": ("asylum_applications", "applied"),
    "decisions": ("asylum_decisions", "dec_total"),
}
STOCKS = ("refugees", "asylum_seekers")


def scope(raw: dict[str, pd.DataFrame]) -> list[str]:
    """The asylum countries that held at least SCOPE_SHARE of China's refugees or asylum-seekers in some year."""
    population = raw["population"]
    china = population[(population["coo_iso"] == CHINA) & (population["year"] >= FIRST_YEAR)]
    by_country = china.groupby(["year", "coa_iso"])[list(STOCKS)].sum()
    shares = by_country.div(china.groupby("year")[list(STOCKS)].sum(), level="year")
    held = (shares >= SCOPE_SHARE).any(axis=1)
    return sorted(set(held[held].index.get_level_values("coa_iso")))


def series(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The long table the detector reads (scripts/generator/breaks.py says what each column holds)."""
    countries = scope(raw)
    parts = []
    for measure, (table, column) in MEASURES.items():
        frame = raw[table]
        frame = frame[frame["year"] >= FIRST_YEAR]
        china = frame[frame["coo_iso"] == CHINA]
        world = china.groupby("year")[column].sum().rename("world")
        frame = frame[frame["coa_iso"].isin(countries)]
        keys = ["coa_iso", "year"]
        everyone = frame.groupby(keys)[column].sum().rename(breaks.ALL_ORIGINS)
        origin = frame[frame["coo_iso"] == CHINA].groupby(keys)[column].sum().rename(breaks.ORIGIN)
        part = pd.concat([everyone, origin], axis=1).reset_index().rename(columns={"coa_iso": "country"})
        part["measure"] = measure
        parts.append(part.merge(world, left_on="year", right_index=True, how="left"))
    return pd.concat(parts, ignore_index=True)[
        ["measure", "country", "year", breaks.ORIGIN, breaks.ALL_ORIGINS, "world"]
    ]


def register() -> list:
    from scripts.generator.charts import breaks_register

    return breaks_register()


def found(raw: dict[str, pd.DataFrame]) -> list[breaks.Detected]:
    return breaks.detect(series(raw))


def missing(raw: dict[str, pd.DataFrame], entries: list | None = None) -> list[breaks.Detected]:
    """The breaks the tables show that the register (or `entries`) does not cover."""
    return breaks.unregistered(found(raw), register() if entries is None else entries)


def check(raw: dict[str, pd.DataFrame], entries: list | None = None) -> list[breaks.Detected]:
    """The detected breaks, every one of them in the register; otherwise a DataError that lists those missing."""
    detected = found(raw)
    uncovered = breaks.unregistered(detected, register() if entries is None else entries)
    if uncovered:
        where = paths.shown(paths.ROOT / settings().breaks)
        raise DataError(
            f"{where}: the data in data/raw/ shows {len(uncovered)} break(s) in the story's series that the "
            "register does not hold. A person checks each (is it a change in how the country counted, and "
            "where is that documented?) and adds an entry that covers it (country, series, years, kind, "
            "label, explanation, and source or cause: not documented):\n  "
            + "\n  ".join(item.describe() for item in uncovered)
        )
    return detected


def table(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The register, one row per entry, with what the detector found in its years."""
    detected = check(raw)
    names = raw["countries"].dropna(subset=["iso_code"]).set_index("iso_code")["name"]
    rows = []
    for entry in register():
        covered = [item for item in detected if breaks.covers(entry, item)]
        rows.append(
            {
                "coa_iso": entry.country,
                "coa_name": names.get(entry.country, entry.country),
                "series": " ".join(entry.series),
                "first_year": entry.first,
                "last_year": entry.last,
                "kind": entry.kind,
                "found": _found(covered, entry),
                "explanation": entry.explanation,
                "source": entry.source,
                "comparable": entry.comparable,
            }
        )
    return pd.DataFrame(rows).sort_values(["first_year", "coa_iso"], kind="stable", ignore_index=True)


MEASURE_WORDS = {
    "refugees": "refugees",
    "asylum_seekers": "asylum-seekers",
    "applications": "applications",
    "decisions": "decisions",
}


def _found(covered: list[breaks.Detected], entry) -> str:
    """What the detector found in an entry's years, short: a run of changes in one series as one chain of
    counts ("China, 2009–2011: 11,916 → 1,553 → 3,426"), a gap as the counts around it."""
    parts = []
    for measure, level in dict.fromkeys((item.measure, item.level) for item in covered):
        items = [item for item in covered if (item.measure, item.level) == (measure, level)]
        label = "China" if level == breaks.ORIGIN else "all origins"
        if len(entry.series) > 1:
            label = f"{MEASURE_WORDS.get(measure, measure)}, {label}"
        changes = {item.first: item for item in items if item.kind != "gap"}
        for first, last in breaks.runs(list(changes)):
            counts = [changes[first].before] + [changes[year].after for year in range(first, last + 1)]
            parts.append(f"{label}, {first - 1}–{last}: " + " → ".join(f"{c:,}" for c in counts))
        for gap in (i for i in items if i.kind == "gap"):
            parts.append(
                f"{label}: no row in {breaks.span(gap.first, gap.last)}, between {gap.before:,} and {gap.after:,}"
            )
    return "; ".join(parts)
