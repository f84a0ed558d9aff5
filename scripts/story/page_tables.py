"""Tables that pages show, computed from the derived tables at build time.

A page shows one with `<!-- md:table name -->` on a line of its own. To add
one, write a function here that takes the derived tables, the figures and the
wording (which writes a figure in the story's language) and returns a DataFrame whose column names are the headers a reader sees, and
list it in PAGE_TABLES. Numbers are formatted here, so pages never type them.

Cells are Markdown. A third-party figure in a cell is a quotation and is
marked as one, as in the pages: <q cite="#source-…">…</q> (see tests/test_story.py).
"""

from __future__ import annotations

from typing import Callable

import pandas as pd

from scripts.generator import paths, yaml_loader
from scripts.generator.figures import Figure
from scripts.generator.texts import Texts
from scripts.story.derive import DERIVED_TABLES
from scripts.story.figures import CLAIMED
from scripts.unhcr.names import short_name

TOP = 5  # rows in the "top countries" tables
T = Texts()  # headers and cell sentences: docs/texts.en.yml, under tables:


def count(value) -> str:
    return f"{int(value):,}"


def percent(value) -> str:
    return T("tables", "any", "none") if pd.isna(value) else f"{float(value) * 100:.1f}%"


def top_asylum_countries_latest(derived: dict[str, pd.DataFrame], figures: dict[str, Figure], wording) -> pd.DataFrame:
    by_country = derived["china_by_asylum_country"]
    latest = by_country[by_country["year"] == by_country["year"].max()]
    top = latest[latest["rank_asylum_seekers"] <= 10].sort_values("rank_asylum_seekers")
    words = T.section("tables", "top_asylum_countries_latest")
    return pd.DataFrame(
        {
            words["country"]: top["coa_name"].map(short_name),
            words["asylum_seekers"]: top["asylum_seekers"].map("{:,}".format),
            words["refugees"]: top["refugees"].map("{:,}".format),
        }
    )


def _first_and_latest(derived: dict[str, pd.DataFrame], stock: str) -> pd.DataFrame:
    by_country = derived["china_by_asylum_country"]
    first, latest = int(by_country["year"].min()), int(by_country["year"].max())
    columns = {T("tables", "first_and_latest", "rank"): [f"{i}" for i in range(1, TOP + 1)]}
    for year in (first, latest):
        rows = by_country[by_country["year"] == year]
        top = rows[rows[f"rank_{stock}"] <= TOP].sort_values(f"rank_{stock}")
        total = rows[stock].sum()
        columns[T("tables", "first_and_latest", "country", year=year)] = [short_name(name) for name in top["coa_name"]]
        columns[T("tables", "first_and_latest", stock, year=year)] = [
            f"{count(v)} ({percent(v / total)})" for v in top[stock]
        ]
    return pd.DataFrame(columns)


def top_countries_asylum_seekers_first_latest(derived, figures, wording) -> pd.DataFrame:
    """The five asylum countries with the most asylum-seekers from China, first and latest year."""
    return _first_and_latest(derived, "asylum_seekers")


def top_countries_refugees_first_latest(derived, figures, wording) -> pd.DataFrame:
    """The five asylum countries with the most refugees from China, first and latest year."""
    return _first_and_latest(derived, "refugees")


def recognition_main_countries(derived, figures, wording) -> pd.DataFrame:
    """Decisions and recognition rates in the five countries that decided most claims, latest year and all years."""
    by_unit = derived["china_decisions_by_unit"]
    latest = int(by_unit["year"].max())
    words = T.section("tables", "recognition_main_countries")
    rows = []
    for main in derived["china_main_deciders"].itertuples():
        cells = {words["country"]: short_name(main.coa_name)}
        for label, key in ((str(latest), "latest"), (words["all_years"], "all_years")):
            substantive = T("tables", "recognition_main_countries", "substantive", label=label)
            cells[substantive] = count(getattr(main, f"substantive_decisions_{key}"))
            rate = T("tables", "recognition_main_countries", "rate", label=label)
            cells[rate] = percent(getattr(main, f"total_recognition_rate_{key}"))
        country = by_unit[by_unit["coa_iso"] == main.coa_iso]
        cases = sorted(country.loc[country["counted_as"] == "cases", "year"].unique())
        cells[words["counted_in_cases"]] = _years_text(cases) if cases else words["never_in_cases"]
        rows.append(cells)
    return pd.DataFrame(rows)


def _years_text(years: list[int]) -> str:
    """Years as runs: 2000–2016, 2018."""
    runs, start, prev = [], None, None
    for year in years:
        if start is None:
            start = prev = year
        elif year == prev + 1:
            prev = year
        else:
            runs.append((start, prev))
            start = prev = year
    runs.append((start, prev))
    return ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in runs)


def china_among_origins_by_year(derived, figures, wording) -> pd.DataFrame:
    """China's rank and share among all countries of origin, by year and measure."""
    among = derived["china_among_origins"]
    wide = among.pivot(index="year", columns="measure", values=["china_rank", "china_share"])
    table = {T("tables", "any", "year"): [str(y) for y in wide.index]}
    for measure in ("asylum_seekers", "refugees", "applications"):
        label = T("tables", "china_among_origins_by_year", measure)
        table[T("tables", "china_among_origins_by_year", "rank", label=label)] = [
            str(int(r)) if pd.notna(r) else T("tables", "any", "none") for r in wide[("china_rank", measure)]
        ]
        table[T("tables", "china_among_origins_by_year", "share", label=label)] = [
            percent(s) for s in wide[("china_share", measure)]
        ]
    return pd.DataFrame(table).iloc[::-1]


def united_states_break(derived, figures, wording) -> pd.DataFrame:
    """What the United States reported by origin in the last six years."""
    usa = derived["united_states_origin_unknown"].tail(6)
    words = T.section("tables", "united_states_break")
    return pd.DataFrame(
        {
            T("tables", "any", "year"): usa["year"].astype(str),
            words["all_origins"]: usa["usa_asylum_seekers"].map(count),
            words["unknown"]: usa["usa_asylum_seekers_unknown_origin"].map(count),
            words["unknown_share"]: (usa["usa_asylum_seekers_unknown_origin"] / usa["usa_asylum_seekers"]).map(percent),
            words["china"]: usa["usa_asylum_seekers_from_china"].map(count),
            words["applications_unknown"]: usa["usa_applications_unknown_origin"].map(count),
        }
    )


def series_breaks(derived, figures, wording) -> pd.DataFrame:
    """The register of breaks, with what the data shows in each (derived table series_breaks), in three
    columns that read on a phone: the break, what the data shows, what is known of its cause."""
    from scripts.generator.breaks import span
    from scripts.generator.sources import load_register
    from scripts.story.breaks import MEASURE_WORDS

    register = derived["series_breaks"]
    sources = load_register()
    words = T.section("tables", "series_breaks")
    rows = []
    for entry in register.itertuples():
        years = span(entry.first_year, entry.last_year)
        series = ", ".join(MEASURE_WORDS[m] for m in entry.series.split())
        if entry.comparable:
            cause = words["comparable"]
        elif entry.source:
            cause = words["documented"].format(source=entry.source, title=sources[entry.source].title)
        else:
            cause = words["not_documented"]
        rows.append(
            {
                words["break"]: f"{years}, {short_name(entry.coa_name)}, {series}",
                words["found"]: f"{entry.kind}: {entry.found}",
                words["explanation"]: f"{entry.explanation} {cause}",
            }
        )
    return pd.DataFrame(rows)


def claim_period_by_year(derived, figures, wording) -> pd.DataFrame:
    """The claimed period year by year: the stock the claims quote, and the flows that count people applying."""
    by_year = derived["china_by_year"].set_index("year").loc[CLAIMED["from_year"] : CLAIMED["to_year"]]
    words, year = T.section("tables", "claim_period_by_year"), T("tables", "any", "year")
    columns = {  # header -> column of china_by_year
        words["asylum_seekers"]: "asylum_seekers",
        words["applications"]: "applications",
        words["new_applications"]: "new_applications",
        words["cases"]: "applications_counted_as_cases",
        words["new_flows"]: "new_asylum_applications_flows",
    }
    table = pd.DataFrame(
        {year: [str(y) for y in by_year.index]}
        | {header: [count(v) for v in by_year[c]] for header, c in columns.items()}
    )
    total = {year: T("tables", "any", "added_up")} | {
        header: f"**{count(by_year[c].sum())}**" for header, c in columns.items()
    }
    total[words["asylum_seekers"]] += f" {T('tables', 'any', 'not_people')}"
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def hu_jintao_years(derived, figures, wording) -> pd.DataFrame:
    """Year-end asylum-seekers from China in Hu Jintao's last years, next to the claimed year."""
    stock = derived["china_by_year"].set_index("year")["asylum_seekers"]
    words = T.section("tables", "hu_jintao_years")
    low = figures["hu_a_from"].value
    high = figures["hu_b_to"].value
    years = list(range(low, high + 1)) + [CLAIMED["to_year"]]
    windows = {
        T("tables", "hu_jintao_years", "window", start=wording.write(start), end=wording.write(end)): w
        for w, start, end in (
            ("hu_a", figures["hu_a_from"], figures["hu_a_to"]),
            ("hu_b", figures["hu_b_from"], figures["hu_b_to"]),
        )
    }

    spans = {"hu_a": (low, figures["hu_a_to"].value), "hu_b": (figures["hu_b_from"].value, high)}
    sums = {"hu_a": figures["hu_a_sum"], "hu_b": figures["hu_b_sum"]}

    def inside(year: int, window: str) -> bool:
        return spans[window][0] <= year <= spans[window][1]

    table = pd.DataFrame(
        {
            words["year_end"]: [str(y) for y in years],
            words["asylum_seekers"]: [count(stock[y]) for y in years],
        }
        | {header: [words["in_window"] if inside(y, w) else "" for y in years] for header, w in windows.items()}
    )
    total = {
        words["year_end"]: T("tables", "any", "added_up"),
        words["asylum_seekers"]: T("tables", "any", "not_people"),
    }
    total |= {header: f"**{wording.write(sums[w])}**" for header, w in windows.items()}
    return pd.concat([table.iloc[:-1], pd.DataFrame([total]), table.iloc[-1:]], ignore_index=True)


def downloads(derived, figures, wording) -> pd.DataFrame:
    """Every derived table, with a link to its CSV (links are relative to a page at the site's root)."""
    words = T.section("tables", "downloads")
    return pd.DataFrame(
        {
            words["table"]: [f"[{name}.csv](data/{name}.csv)" for name in DERIVED_TABLES],
            words["holds"]: [table.title for table in DERIVED_TABLES.values()],
            words["rows"]: [count(len(derived[name])) for name in DERIVED_TABLES],
            words["columns"]: [count(len(table.columns)) for table in DERIVED_TABLES.values()],
        }
    )


def data_dictionary(derived, figures, wording) -> pd.DataFrame:
    """Every column of every derived table, with what it holds."""
    words = T.section("tables", "data_dictionary")
    rows = [
        {words["table"]: f"`{name}`", words["column"]: f"`{column}`", words["holds"]: description}
        for name, table in DERIVED_TABLES.items()
        for column, description in table.columns.items()
    ]
    return pd.DataFrame(rows)


CORRECTIONS = paths.DATA / "corrections.yml"
SHOWN_REVISIONS = 50


def data_revisions(derived, figures, wording) -> pd.DataFrame:
    """Published figures that a new UNHCR release changed (data/corrections.yml, written by `make refresh`), newest first."""
    entries = []
    if CORRECTIONS.is_file():
        entries = yaml_loader.safe_load(CORRECTIONS.read_text(encoding="utf-8")) or []
    words = T.section("tables", "data_revisions")
    columns = [words[key] for key in ("date", "release", "table", "year", "origin", "asylum_country", "column")]
    columns += [words["before"], words["after"]]
    if not entries:
        return pd.DataFrame({words["heading"]: [words["none_yet"]]})
    shown = lambda value: (
        T("tables", "any", "none") if value is None else (f"{value:,}" if isinstance(value, int) else str(value))
    )  # noqa: E731
    entries = sorted(entries, key=lambda e: str(e.get("date", "")), reverse=True)[:SHOWN_REVISIONS]
    keys = ["date", "release", "table", "year", "coo_iso", "coa_iso", "column", "old", "new"]
    return pd.DataFrame(
        [[shown(e.get(key)) if key in ("old", "new") else str(e.get(key, "")) for key in keys] for e in entries],
        columns=columns,
    )


PAGE_TABLES: dict[str, Callable[[dict[str, pd.DataFrame], dict[str, Figure]], pd.DataFrame]] = {
    "top_asylum_countries_latest": top_asylum_countries_latest,
    "top_countries_asylum_seekers_first_latest": top_countries_asylum_seekers_first_latest,
    "top_countries_refugees_first_latest": top_countries_refugees_first_latest,
    "recognition_main_countries": recognition_main_countries,
    "china_among_origins_by_year": china_among_origins_by_year,
    "united_states_break": united_states_break,
    "series_breaks": series_breaks,
    "claim_period_by_year": claim_period_by_year,
    "hu_jintao_years": hu_jintao_years,
    "downloads": downloads,
    "data_dictionary": data_dictionary,
    "data_revisions": data_revisions,
}


def to_markdown(frame: pd.DataFrame) -> str:
    """A Markdown table; cells are escaped so that a '|' in a name cannot break it."""

    def cell(value) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    header = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def page_tables(derived: dict[str, pd.DataFrame], figures: dict[str, Figure], wording) -> dict[str, str]:
    """Every page table as Markdown, by the name pages use in <!-- md:table name -->."""
    return {name: to_markdown(make(derived, figures, wording)) for name, make in PAGE_TABLES.items()}
