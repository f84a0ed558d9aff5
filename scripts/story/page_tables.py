"""Tables that pages show, computed from the derived tables at build time.

A page shows one with `<!-- md:table name -->` on a line of its own. To add
one, write a function here that takes the derived tables and the figures and
returns a DataFrame whose column names are the headers a reader sees, and
list it in PAGE_TABLES. Numbers are formatted here, so pages never type them.

Cells are Markdown. A third-party figure in a cell is a quotation and is
marked as one, as in the pages: <q cite="#source-…">…</q> (see tests/test_story.py).
"""

from __future__ import annotations

from typing import Callable

import pandas as pd
import yaml

from scripts.generator import paths
from scripts.generator.figures import Figure
from scripts.story.derive import DERIVED_TABLES, short_name
from scripts.story.figures import ACCURATE, CLAIMED, MIN_SUBSTANTIVE_DECISIONS, UNCHECKABLE

TOP = 5  # rows in the "top countries" tables


def count(value) -> str:
    return f"{int(value):,}"


def percent(value) -> str:
    return "–" if pd.isna(value) else f"{float(value) * 100:.1f}%"


def top_asylum_countries_latest(derived: dict[str, pd.DataFrame], figures: dict[str, Figure]) -> pd.DataFrame:
    by_country = derived["china_by_asylum_country"]
    latest = by_country[by_country["year"] == by_country["year"].max()]
    top = latest.nlargest(10, "asylum_seekers")
    return pd.DataFrame(
        {
            "Asylum country": top["coa_name"].map(short_name),
            "Asylum-seekers at year end (stock)": top["asylum_seekers"].map("{:,}".format),
            "Refugees at year end (stock)": top["refugees"].map("{:,}".format),
        }
    )


def _first_and_latest(derived: dict[str, pd.DataFrame], stock: str, label: str) -> pd.DataFrame:
    by_country = derived["china_by_asylum_country"]
    first, latest = int(by_country["year"].min()), int(by_country["year"].max())
    columns = {"Rank": [f"{i}" for i in range(1, TOP + 1)]}
    for year in (first, latest):
        rows = by_country[by_country["year"] == year]
        top = rows.nlargest(TOP, stock)
        total = rows[stock].sum()
        columns[f"{year}: asylum country"] = [short_name(name) for name in top["coa_name"]]
        columns[f"{year}: {label}"] = [f"{count(v)} ({percent(v / total)})" for v in top[stock]]
    return pd.DataFrame(columns)


def top_countries_asylum_seekers_first_latest(derived, figures) -> pd.DataFrame:
    """The five asylum countries with the most asylum-seekers from China, first and latest year."""
    return _first_and_latest(derived, "asylum_seekers", "asylum-seekers at year end (share)")


def top_countries_refugees_first_latest(derived, figures) -> pd.DataFrame:
    """The five asylum countries with the most refugees from China, first and latest year."""
    return _first_and_latest(derived, "refugees", "refugees at year end (share)")


def recognition_main_countries(derived, figures) -> pd.DataFrame:
    """Decisions and recognition rates in the five countries that decided most claims, latest year and all years."""
    by_unit = derived["china_decisions_by_unit"]
    latest = int(by_unit["year"].max())
    main = by_unit.groupby("coa_iso")["decisions_total"].sum().nlargest(TOP).index
    rows = []
    for iso in main:
        country = by_unit[by_unit["coa_iso"] == iso]
        name = short_name(country["coa_name"].iloc[0])
        cells = {"Asylum country": name}
        for label, years in ((str(latest), [latest]), ("All years", list(country["year"].unique()))):
            chosen = country[country["year"].isin(years)]
            protected = chosen["recognized"].sum() + chosen["complementary_protection"].sum()
            substantive = protected + chosen["rejected"].sum()
            shown = percent(protected / substantive) if substantive >= MIN_SUBSTANTIVE_DECISIONS else "–"
            cells[f"{label}: substantive decisions (flow)"] = count(substantive)
            cells[f"{label}: recognition rate"] = shown
        cases = sorted(country.loc[country["counted_as"] == "cases", "year"].unique())
        cells["Counted in cases"] = _years_text(cases) if cases else "never: persons"
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


def china_among_origins_by_year(derived, figures) -> pd.DataFrame:
    """China's rank and share among all countries of origin, by year and measure."""
    among = derived["china_among_origins"]
    wide = among.pivot(index="year", columns="measure", values=["china_rank", "china_share"])
    table = {"Year": [str(y) for y in wide.index]}
    for measure, label in (
        ("asylum_seekers", "Asylum-seekers (stock)"),
        ("refugees", "Refugees (stock)"),
        ("applications", "Applications (flow)"),
    ):
        table[f"{label}: rank"] = [str(int(r)) if pd.notna(r) else "–" for r in wide[("china_rank", measure)]]
        table[f"{label}: share"] = [percent(s) for s in wide[("china_share", measure)]]
    return pd.DataFrame(table).iloc[::-1]


def united_states_break(derived, figures) -> pd.DataFrame:
    """What the United States reported by origin in the last six years."""
    usa = derived["united_states_origin_unknown"].tail(6)
    return pd.DataFrame(
        {
            "Year": usa["year"].astype(str),
            "All origins (stock)": usa["usa_asylum_seekers"].map(count),
            "Origin unknown (stock)": usa["usa_asylum_seekers_unknown_origin"].map(count),
            "Origin unknown, share": (usa["usa_asylum_seekers_unknown_origin"] / usa["usa_asylum_seekers"]).map(
                percent
            ),
            "From China (stock)": usa["usa_asylum_seekers_from_china"].map(count),
            "Applications of unknown origin (flow)": usa["usa_applications_unknown_origin"].map(count),
        }
    )


def claim_period_by_year(derived, figures) -> pd.DataFrame:
    """The claimed period year by year: the stock the claims quote, and the flows that count people applying."""
    by_year = derived["china_by_year"].set_index("year").loc[CLAIMED["from_year"] : CLAIMED["to_year"]]
    rows = {
        "Year": [str(y) for y in by_year.index],
        "Asylum-seekers at year end (stock)": [count(v) for v in by_year["asylum_seekers"]],
        "Applications lodged during the year (flow)": [count(v) for v in by_year["applications"]],
        "Of which new applications (flow)": [count(v) for v in by_year["new_applications"]],
        "Of which counted as cases (flow)": [count(v) for v in by_year["applications_counted_as_cases"]],
    }
    table = pd.DataFrame(rows)
    total = pd.DataFrame(
        {
            "Year": ["**Added up**"],
            "Asylum-seekers at year end (stock)": [
                f"**{count(by_year['asylum_seekers'].sum())}** (not a number of people)"
            ],
            "Applications lodged during the year (flow)": [f"**{count(by_year['applications'].sum())}**"],
            "Of which new applications (flow)": [f"**{count(by_year['new_applications'].sum())}**"],
            "Of which counted as cases (flow)": [f"**{count(by_year['applications_counted_as_cases'].sum())}**"],
        }
    )
    return pd.concat([table, total], ignore_index=True)


def hu_jintao_years(derived, figures) -> pd.DataFrame:
    """Year-end asylum-seekers from China in Hu Jintao's last years, next to the claimed year."""
    stock = derived["china_by_year"].set_index("year")["asylum_seekers"]
    low = figures["hu_a_from"].value
    high = figures["hu_b_to"].value
    years = list(range(low, high + 1)) + [CLAIMED["to_year"]]
    in_a = lambda y: figures["hu_a_from"].value <= y <= figures["hu_a_to"].value  # noqa: E731
    in_b = lambda y: figures["hu_b_from"].value <= y <= figures["hu_b_to"].value  # noqa: E731
    a = f"In {figures['hu_a_from'].text}–{figures['hu_a_to'].text}"
    b = f"In {figures['hu_b_from'].text}–{figures['hu_b_to'].text}"
    table = pd.DataFrame(
        {
            "Year end": [str(y) for y in years],
            "Asylum-seekers from China (stock)": [count(stock[y]) for y in years],
            a: ["yes" if in_a(y) else "" for y in years],
            b: ["yes" if in_b(y) else "" for y in years],
        }
    )
    total = {
        "Year end": "**Added up**",
        "Asylum-seekers from China (stock)": "(not a number of people)",
        a: f"**{figures['hu_a_sum'].text}**",
        b: f"**{figures['hu_b_sum'].text}**",
    }
    return pd.concat([table.iloc[:-1], pd.DataFrame([total]), table.iloc[-1:]], ignore_index=True)


HU_QUOTE = (
    "In one year of Xi Jinping’s rule, 2021, China has now had more asylum-seekers than during the last eight years "
    "of his predecessor Hu Jintao’s rule"
)


def q(text: str, source: str) -> str:
    """A quotation of a third-party source, marked as such (see tests/test_story.py)."""
    return f'<q cite="#{source}">{text}</q>'


def fact_check(derived, figures) -> pd.DataFrame:
    """One row per claim: what was claimed, by whom, what the data shows, how, the verdict and why."""
    c = {key: f"{value:,}" if value >= 10000 else str(value) for key, value in CLAIMED.items()}  # as published
    f = {name: figure.text for name, figure in figures.items()}
    article = "source-article"
    sd = article  # Safeguard Defenders' words on asylum, as the article quoted them
    table_year = "`china_by_year.csv`"
    table_country = "`china_by_asylum_country.csv`"
    rows = [
        (
            "Year-end counts",
            f"Asylum-seekers from China numbered {q(c['from_count'] + ' in ' + c['from_year'], article)} and {q(c['to_count'] + ' in ' + c['to_year'], article)}.",
            "The article, citing UNHCR",
            f"{f['asylum_seekers_claim_from']} at the end of {f['claim_from_year']}; {f['asylum_seekers_claim_to']} at the end of {f['claim_to_year']}.",
            f"{table_year}, column `asylum_seekers` (stock: claims pending on 31 December), rows {f['claim_from_year']} and {f['claim_to_year']}.",
            f["verdict_counts"],
            "The figures are UNHCR's. They count claims still waiting for a decision at the year's end, not people who applied that year.",
        ),
        (
            "The rise",
            f"Their number rose by {q('almost ' + c['increase_percent'] + ' percent', article)} between those two years.",
            "The article",
            f"A rise of {f['increase_claim_period']}: the {f['claim_to_year']} count is {f['multiple_claim_period']} times the {f['claim_from_year']} count, or {f['level_claim_period']} of it.",
            f"({f['asylum_seekers_claim_to']} − {f['asylum_seekers_claim_from']}) ÷ {f['asylum_seekers_claim_from']}, same rows as above (stock).",
            f["verdict_increase"],
            f"The {f['claim_to_year']} count is {f['level_claim_period']} of the {f['claim_from_year']} count, which may be where the "
            f"claim comes from; but a rise is measured from the starting level, and it was {f['increase_claim_period']}. "
            f"The starting year was also near the bottom of the series, whose lowest count was {f['asylum_seekers_low']}, in {f['asylum_seekers_low_year']}.",
        ),
        (
            "A record",
            f"The later of those counts was {q('a record high', article)}.",
            "The article",
            f"{f['asylum_seekers_claim_to']} was higher than every earlier year end since {f['first_year']}; the highest before it was "
            f"{f['highest_before_claim_to']} in {f['highest_before_claim_to_year']}. Later years above it: {f['years_above_claim_to']}.",
            f"{table_year}, column `asylum_seekers` (stock), every row up to {f['claim_to_year']}.",
            f["verdict_record"],
            f"True when it was written. It has since been passed: the highest count is {f['asylum_seekers_peak']}, in {f['asylum_seekers_peak_year']}.",
        ),
        (
            "Over the threshold",
            f"{q(c['first_over_threshold_year'] + ' (' + c['first_over_threshold_count'] + ')', article)} was the first year above {q(c['threshold'], article)}.",
            "The article",
            f"The first year-end count above {f['claim_threshold']} was {f['asylum_seekers_first_over_threshold']}, in {f['first_year_over_threshold']}.",
            f"{table_year}, column `asylum_seekers` (stock), first row above the threshold.",
            f["verdict_threshold"],
            "The year and the number both agree with the data.",
        ),
        (
            "The year before",
            f"The count for {q(str(CLAIMED['to_year'] - 1) + ' was ' + c['year_before_count'], article)}.",
            "The article",
            f"{f['asylum_seekers_claim_year_before']} at the end of {f['claim_year_before']}.",
            f"{table_year}, column `asylum_seekers` (stock), row {f['claim_year_before']}.",
            f["verdict_year_before"],
            "The number agrees with the data.",
        ),
        (
            "People who sought asylum",
            f"{q('Since ' + c['from_year'] + ', about ' + c['total_since_from_year'] + ' Chinese have sought asylum', sd)}.",
            "Safeguard Defenders, quoted by the article",
            f"Adding up the ten year-end counts for {f['claim_from_year']}–{f['claim_to_year']} gives {f['stock_sum_claim_period']}, "
            f"which is where the claim comes from. Applications actually lodged in those years: {f['applications_sum_claim_period']} "
            f"(of which {f['new_applications_sum_claim_period']} new claims).",
            f"{table_year}: `asylum_seekers` (stock) added over rows {f['claim_from_year']}–{f['claim_to_year']}, "
            f"against `applications` and `new_applications` (flows) added over the same rows.",
            f["verdict_total"],
            "A year-end count is a snapshot of claims still pending. Someone who waits five years is counted in five snapshots, so "
            "adding snapshots counts the same people again and again. The number of people who applied is a flow: "
            f"{f['applications_sum_claim_period']} applications, some of them repeat claims or appeals, and "
            f"{f['cases_sum_claim_period']} counted as cases that can hold more than one person. That is far below the claim.",
        ),
        (
            "Refugees abroad",
            f"{q('More than ' + c['refugees_more_than'], sd)} people from China live abroad with refugee status.",
            "Safeguard Defenders, quoted by the article",
            f"{f['refugees_claim_to']} refugees from China at the end of {f['claim_to_year']}, "
            f"{f['refugees_india_claim_to']} of them in India.",
            f"{table_year}, column `refugees` (stock), row {f['claim_to_year']}; India from {table_country}.",
            f["verdict_refugees"],
            "The number agrees with the data. Many of these refugees are not recent arrivals: the count includes a long-standing "
            "population recorded in India, whose size is close to what India's government reports for Tibetan refugees.",
        ),
        (
            "Hu Jintao's last eight years",
            f"{q(HU_QUOTE, sd)}.",
            "Safeguard Defenders, quoted by the article",
            f"Read literally, the claim adds eight year-end counts. Those for {f['hu_b_from']}–{f['hu_b_to']} add up to {f['hu_b_sum']}, "
            f"and those for {f['hu_a_from']}–{f['hu_a_to']} to {f['hu_a_sum']}: both more than the {f['asylum_seekers_claim_to']} of {f['claim_to_year']}. "
            f"Year by year, the {f['claim_to_year']} count was {f['claim_to_vs_hu_max']} times the highest of those years ({f['hu_max']}, in {f['hu_max_year']}).",
            f"{table_year}, column `asylum_seekers` (stock), rows {f['hu_a_from']}–{f['hu_b_to']} and {f['claim_to_year']}.",
            f["verdict_hu"],
            "The comparison fails on its own terms with this release, whichever eight years are meant, and adding year-end counts is not meaningful "
            "anyway. What the data does support is plainer: every year-end count of Hu Jintao's last years was a fraction of the "
            f"{f['claim_to_year']} count.",
        ),
        (
            "Main destination",
            f"The United States was the main destination, with {q(c['usa_count'] + ' in ' + c['to_year'], article)}.",
            "The article, citing Safeguard Defenders",
            f"{f['usa_asylum_seekers_claim_to']} asylum-seekers from China in the United States at the end of {f['claim_to_year']}, "
            f"placing it {f['usa_rank_claim_to']} among all asylum countries. Applications lodged there that year: {f['usa_applications_claim_to']}.",
            f"{table_country}, column `asylum_seekers` (stock), rows for {f['claim_to_year']}, sorted; `applications` (flow) for comparison.",
            f["verdict_usa"],
            "The number is right, but it is the backlog of claims pending in the United States at the year's end, "
            "not the number of people who arrived or applied that year.",
        ),
        (
            "Second destination",
            f"Australia came second, with {q(c['aus_count'], article)}.",
            "The article, citing Safeguard Defenders",
            f"{f['aus_asylum_seekers_claim_to']} asylum-seekers from China in Australia at the end of {f['claim_to_year']}, placing it {f['aus_rank_claim_to']} among all asylum countries.",
            f"{table_country}, column `asylum_seekers` (stock), rows for {f['claim_to_year']}, sorted.",
            f["verdict_aus"],
            "The number and the rank agree with the data (again a year-end count of pending claims).",
        ),
        (
            "Returns claimed by Beijing",
            f"Chinese authorities say that {q('10,000', article)} people were brought back from {q('more than 120 countries', article)} "
            f'since Operation Fox Hunt began in <time datetime="2014">2014</time>.',
            "China's authorities, as reported by Safeguard Defenders",
            "Nothing: UNHCR statistics do not record people returned to China by its police or by other governments.",
            "None possible with this dataset.",
            UNCHECKABLE,
            "This is the Chinese authorities' own tally, which Safeguard Defenders reports. No independent count exists, and the figure "
            "covers everyone pursued as a “fugitive”, not only people who sought asylum.",
        ),
        (
            "The report",
            f'Safeguard Defenders\' {q("69-page", article)} report “Involuntary Returns”, published in <time datetime="2022-01">January 2022</time>, '
            "describes three methods used to force people back.",
            "The article",
            "Not a statistical claim: UNHCR data has nothing on it.",
            "We compared the claim with the publisher's own summary of the report.",
            ACCURATE,
            "The publisher's summary describes the same three methods: pressure on relatives in China, agents who approach and intimidate the person abroad, "
            "and abduction. We did not verify the page count the article gives.",
        ),
        (
            "Wang Jingyu",
            f"Wang Jingyu, born in {q('2001', article)}, who left China in {q('2019', article)}, was detained in Dubai in "
            '<time datetime="2021-04">April 2021</time> while his parents were held in China.',
            "The article, from Safeguard Defenders' report",
            "Not in UNHCR data, which counts people, not named cases.",
            "We compared the claim with news reports at the time (Radio Free Asia, the Associated Press).",
            ACCURATE,
            "Radio Free Asia and the Associated Press reported his arrest at Dubai airport in April and his release in May, and gave his age "
            "in a way consistent with the birth year claimed. Reporting describes repeated detentions of his parents in Chongqing, before and "
            "after his arrest. The year he left China we could not confirm independently.",
        ),
        (
            "Dong Guangping",
            "Dong Guangping, recognised as a refugee by UNHCR, was taken from immigration detention in Bangkok and later held in China.",
            "The article, from Safeguard Defenders' report",
            "Not in UNHCR data, which counts people, not named cases.",
            "We compared the claim with UNHCR's statement and news reports at the time (Reuters, Radio Free Asia) and Amnesty International.",
            ACCURATE,
            'UNHCR protested the return of two recognised refugees from Thailand in <time datetime="2015-11">November 2015</time>; Reuters named them as '
            "Jiang Yefei and Dong Guangping. Radio Free Asia later reported him held in China.",
        ),
        (
            "Who is targeted",
            "Targets include underground churches, Falun Gong practitioners, Tibetans, Mongolians, Uyghurs, academics, the media and Hong Kong.",
            "Safeguard Defenders, quoted by the article",
            "Not a statistical claim: UNHCR data does not record why people fled.",
            "None possible with this dataset.",
            UNCHECKABLE,
            "An assessment by a human-rights organisation. It is attributed as such; the data can neither confirm nor refute it.",
        ),
    ]
    return pd.DataFrame(
        {
            "Claim, and who made it": [f"**{title}.** {claim}<br>*Claimed by:* {by}." for title, claim, by, *_ in rows],
            "What the data shows, and how we computed it": [
                f"{shows}<br>*Computed from:* {how}" for _, _, _, shows, how, *_ in rows
            ],
            "Verdict, and why": [f"**{verdict}**<br>{why}" for *_, verdict, why in rows],
        }
    )


def downloads(derived, figures) -> pd.DataFrame:
    """Every derived table, with a link to its CSV (links are relative to a page at the site's root)."""
    return pd.DataFrame(
        {
            "Table": [f"[{name}.csv](data/{name}.csv)" for name in DERIVED_TABLES],
            "What it holds": [table.title for table in DERIVED_TABLES.values()],
            "Rows": [count(len(derived[name])) for name in DERIVED_TABLES],
            "Columns": [count(len(table.columns)) for table in DERIVED_TABLES.values()],
        }
    )


def data_dictionary(derived, figures) -> pd.DataFrame:
    """Every column of every derived table, with what it holds."""
    rows = [
        {"Table": f"`{name}`", "Column": f"`{column}`", "What it holds": description}
        for name, table in DERIVED_TABLES.items()
        for column, description in table.columns.items()
    ]
    return pd.DataFrame(rows)


CORRECTIONS = paths.DATA / "corrections.yml"
SHOWN_REVISIONS = 50


def data_revisions(derived, figures) -> pd.DataFrame:
    """Published figures that a new UNHCR release changed (data/corrections.yml, written by `make refresh`), newest first."""
    entries = []
    if CORRECTIONS.is_file():
        entries = yaml.safe_load(CORRECTIONS.read_text(encoding="utf-8")) or []
    columns = ["Date", "New release", "Table", "Year", "Origin", "Asylum country", "Column", "Before", "After"]
    if not entries:
        return pd.DataFrame({"Revisions": ["None so far: the site has been built from one release only."]})
    shown = lambda value: "–" if value is None else (f"{value:,}" if isinstance(value, int) else str(value))  # noqa: E731
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
    "claim_period_by_year": claim_period_by_year,
    "hu_jintao_years": hu_jintao_years,
    "fact_check": fact_check,
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


def page_tables(derived: dict[str, pd.DataFrame], figures: dict[str, Figure]) -> dict[str, str]:
    """Every page table as Markdown, by the name pages use in <!-- md:table name -->."""
    return {name: to_markdown(make(derived, figures)) for name, make in PAGE_TABLES.items()}
