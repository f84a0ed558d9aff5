"""The story's pages and a fact check whose numbers are right.

The prose rule (no number typed by hand) is part of the build now:
scripts/generator/typed_numbers.py, run on every page and chart text before MkDocs;
tests/unit/test_typed_numbers.py tests the rule, and tests/faults.py a page that breaks it.

The fact check
--------------
The figures and verdicts on the fact-check page are compared with computations
made here, straight from the raw CSVs with the standard library (csv, gzip), and
with the claims as the article published them (typed here from the article, not
taken from the program).
"""

from __future__ import annotations

import csv
import gzip
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, load_mkdocs_config

DOCS = ROOT / "docs"
RAW = ROOT / "data" / "raw"

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


# --------------------------------------------------------------------------------------
# Pages, charts and names
# --------------------------------------------------------------------------------------

CHART = re.compile(r"<!--\s*md:chart\s+(\S+)\s*-->")
REQUIRED_PAGES = [
    "index.md",
    "where.md",
    "decisions.md",
    "china-among-origins.md",
    "forced-returns.md",
    "fact-check.md",
    "methodology.md",
    "about.md",
]


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_front_matter_is_valid(page):
    """A title and a description, as YAML (a stray colon would print the front matter on the page)."""
    match = FRONT_MATTER.match(page.read_text(encoding="utf-8"))
    assert match, f"{page.name}: no front matter"
    meta = yaml.safe_load(match.group(0).strip("-\n"))
    assert isinstance(meta, dict) and meta.get("title") and meta.get("description"), f"{page.name}: {meta!r}"


def test_every_page_is_in_the_navigation():
    nav = load_mkdocs_config()
    listed = {list(item.values())[0] for item in nav["nav"]}
    assert set(REQUIRED_PAGES) <= listed
    assert {p.relative_to(DOCS).as_posix() for p in pages()} <= listed


def test_at_least_eight_charts_each_a_stock_flow_or_rate():
    from scripts.generator.charts import discover

    charts = discover()
    used = {chart_id for page in pages() for chart_id in CHART.findall(page.read_text(encoding="utf-8"))}
    assert len(used) >= 8, sorted(used)
    for chart_id in used:
        assert charts[chart_id].measure in ("stock", "flow", "rate"), chart_id


def test_the_story_pages_have_charts_where_the_issue_asks():
    text = {name: (DOCS / name).read_text(encoding="utf-8") for name in REQUIRED_PAGES}
    assert {"map_asylum_seekers", "map_refugees", "main_asylum_countries", "top_countries_first_latest"} <= set(
        CHART.findall(text["where.md"])
    )
    assert "recognition_rates_by_country" in CHART.findall(text["decisions.md"])
    assert {"china_rank_by_year", "china_share_by_year"} <= set(CHART.findall(text["china-among-origins.md"]))
    assert not CHART.findall(text["forced-returns.md"]), (
        "no chart on the forced-returns page pretends to come from our data"
    )
    assert "<!-- md:claims fact-check -->" in text["fact-check.md"]
    assert "<!-- md:table data_dictionary -->" in text["methodology.md"]


def listed_sources(page: str) -> list[str]:
    """The ids of the sources a page lists with <!-- md:sources … -->."""
    text = (DOCS / page).read_text(encoding="utf-8")
    return [source_id for found in re.findall(r"<!--\s*md:sources\s+(.*?)\s*-->", text) for source_id in found.split()]


@pytest.mark.parametrize("page", ["forced-returns.md", "fact-check.md"])
def test_names_and_sources(page):
    text = (DOCS / page).read_text(encoding="utf-8") + (DOCS / "sources.yml").read_text(encoding="utf-8")
    for wrong in (
        r"Wang[ -]Jing[ -]yu",
        r"Jingyu Wang",
        r"Dong[ -]Guang[ -]ping",
        r"Guangping Dong",
        r"Wang Jinyu",
        r"Dong Guanping",
    ):
        assert not re.search(wrong, text), f"{page}: misspelt name ({wrong})"
    # The report, with its publisher, title and date, listed on the page from the register.
    from scripts.generator.sources import load_register

    report = load_register(DOCS / "sources.yml")["sd-report"]
    assert (report.publisher, report.date) == ("Safeguard Defenders", "2022-01-18")
    assert "Involuntary Returns" in report.title and "Involuntary Returns" in report.note
    assert "sd-report" in listed_sources(page)


def test_forced_returns_names_the_cases_and_is_attributed():
    text = (DOCS / "forced-returns.md").read_text(encoding="utf-8")
    assert text.count("Wang Jingyu") >= 1 and text.count("Dong Guangping") >= 2
    assert "{{" not in text, "no figure on the forced-returns page comes from the UNHCR data"
    from scripts.generator.sources import load_register

    register = load_register(DOCS / "sources.yml")
    publishers = {register[source_id].publisher for source_id in listed_sources("forced-returns.md")}
    assert {"Radio Free Asia", "The Associated Press", "Reuters", "Front Line Defenders", "The Guardian"} <= publishers
    assert {"NPR", "Amnesty International", "China Daily", "Toronto Star"} <= publishers
    assert "UNHCR" in text
    # Right of reply: the governments named in the two cases, each with its side.
    for who in ("Hong Lei", "Prayut Chan-o-cha", "Vietnam's government", "Wang Wenbin", "local police reject"):
        assert who in text, f"the forced-returns page does not give the side of {who}"


def test_every_source_in_the_register_can_be_found_by_a_reader():
    """Title, publisher, date and a link (its own or a via's) for every source; authors where the source
    names them are optional, so this checks what a citation needs."""
    from scripts.generator.sources import DATE, load_register

    for source_id, source in load_register(DOCS / "sources.yml").items():
        assert source.title and source.publisher, source_id
        assert DATE.fullmatch(source.date), f"{source_id}: {source.date!r}"
        assert source.link.startswith("https://") or (source.via and source.via["link"].startswith("https://"))


# Sentences of the article (English version), to make sure none is copied into the pages.
ARTICLE_SENTENCES = [
    "These people were forced to leave China, which has not been ravaged by war in the past decade",
    "The zero-COVID restrictions and strict border controls in 2020 and 2021 were not able to stop people from fleeing China",
    "The 69-page dossier goes into detail about how each method is carried out",
    "The number of Chinese asylum seekers continues to increase",
    "More cases of the Chinese diasporas being targeted and kidnapped by the CCP are disclosed in the report",
]


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def test_no_sentence_of_the_article_is_copied():
    docs = " ".join(words(" ".join(p.read_text(encoding="utf-8") for p in pages())))
    for sentence in ARTICLE_SENTENCES:
        w = words(sentence)
        for start in range(len(w) - 7):
            run = " ".join(w[start : start + 8])
            assert run not in docs, f"eight words of the article copied: {run!r}"


# --------------------------------------------------------------------------------------
# The fact check, against independent computations from the raw CSVs
# --------------------------------------------------------------------------------------

# The article's claims, as it published them.
ARTICLE = {
    "from_year": 2012,
    "from_count": 15362,
    "to_year": 2021,
    "to_count": 118476,
    "increase_percent": 800,
    "threshold": 100000,
    "first_over_year": 2019,
    "first_over_count": 104248,
    "year_before_count": 108071,
    "total": 730000,
    "refugees_more_than": 170000,
    "usa": 88722,
    "aus": 15774,
}
HU_WINDOWS = ((2004, 2011), (2005, 2012))  # Hu Jintao's last eight year ends, read two ways
FIRST_YEAR = 2000


def read_rows(name: str):
    with gzip.open(RAW / f"{name}.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


@pytest.fixture(scope="module")
def raw():
    """China's rows, summed with the standard library: stocks and flows by year and by asylum country."""
    stock = defaultdict(lambda: defaultdict(int))  # measure -> year -> value
    by_country = defaultdict(lambda: defaultdict(int))  # (year, coa_iso) -> measure -> value
    for row in read_rows("population"):
        if row["coo_iso"] == "CHN" and int(row["year"]) >= FIRST_YEAR:
            year = int(row["year"])
            for measure in ("asylum_seekers", "refugees"):
                stock[measure][year] += int(row[measure])
                by_country[(year, row["coa_iso"])][measure] += int(row[measure])
    flow = defaultdict(lambda: defaultdict(int))
    for row in read_rows("asylum_applications"):
        if row["coo_iso"] == "CHN" and int(row["year"]) >= FIRST_YEAR:
            year, applied = int(row["year"]), int(row["applied"])
            flow["applications"][year] += applied
            flow["new"][year] += applied if row["app_type"] == "N" else 0
            flow["cases"][year] += applied if row["app_pc"] == "C" else 0
            by_country[(year, row["coa_iso"])]["applications"] += applied
    return {"stock": stock, "flow": flow, "by_country": by_country}


@pytest.fixture(scope="module")
def figures(derived):
    from scripts.story.figures import compute_figures
    from scripts.unhcr.raw_tables import read_source_sidecar

    return compute_figures(derived, read_source_sidecar())


def years(low: int, high: int) -> range:
    return range(low, high + 1)


def test_the_claimed_years_and_counts(raw, figures):
    seekers = raw["stock"]["asylum_seekers"]
    a = ARTICLE
    assert figures["asylum_seekers_claim_from"] == seekers[a["from_year"]]
    assert figures["asylum_seekers_claim_to"] == seekers[a["to_year"]]
    assert figures["asylum_seekers_claim_year_before"] == seekers[a["to_year"] - 1]
    assert figures["verdict_counts"] == (
        "accurate" if (seekers[a["from_year"]], seekers[a["to_year"]]) == (a["from_count"], a["to_count"]) else "wrong"
    )
    assert figures["verdict_year_before"] == (
        "accurate" if seekers[a["to_year"] - 1] == a["year_before_count"] else "wrong"
    )


def test_the_rise(raw, figures):
    seekers = raw["stock"]["asylum_seekers"]
    start, end = seekers[ARTICLE["from_year"]], seekers[ARTICLE["to_year"]]
    rise = (end - start) / start
    assert figures["increase_claim_period"] == pytest.approx(rise, abs=5e-5)
    assert figures["multiple_claim_period"] == pytest.approx(end / start, abs=5e-3)
    assert figures["level_claim_period"] == pytest.approx(end / start, abs=5e-5)
    # "Almost 800 percent" is a rise; the data's rise is some 670 percent.
    assert 6.5 < rise < 6.9
    assert figures["verdict_increase"] == "wrong"


def test_the_record_and_the_threshold(raw, figures):
    seekers = raw["stock"]["asylum_seekers"]
    end = ARTICLE["to_year"]
    earlier = {y: v for y, v in seekers.items() if y < end}
    assert figures["highest_before_claim_to"] == max(earlier.values())
    assert figures["highest_before_claim_to_year"] == max(earlier, key=earlier.get)
    assert figures["verdict_record"] == ("accurate" if seekers[end] > max(earlier.values()) else "wrong")
    later = [y for y in sorted(seekers) if y > end and seekers[y] > seekers[end]]
    assert figures["years_above_claim_to"] == later
    over = min(y for y in seekers if seekers[y] > ARTICLE["threshold"])
    assert figures["first_year_over_threshold"] == over
    assert figures["asylum_seekers_first_over_threshold"] == seekers[over]
    expected = (
        "accurate" if (over, seekers[over]) == (ARTICLE["first_over_year"], ARTICLE["first_over_count"]) else "wrong"
    )
    assert figures["verdict_threshold"] == expected


def test_the_people_who_sought_asylum(raw, figures):
    period = years(ARTICLE["from_year"], ARTICLE["to_year"])
    stocks = sum(raw["stock"]["asylum_seekers"][y] for y in period)
    applications = sum(raw["flow"]["applications"][y] for y in period)
    assert figures["stock_sum_claim_period"] == stocks
    assert figures["applications_sum_claim_period"] == applications
    assert figures["new_applications_sum_claim_period"] == sum(raw["flow"]["new"][y] for y in period)
    assert figures["cases_sum_claim_period"] == sum(raw["flow"]["cases"][y] for y in period)
    # The claim is the sum of year-end stocks (it rounds to it), not the flow of applications.
    assert round(stocks, -4) == ARTICLE["total"]
    assert abs(applications - ARTICLE["total"]) > 0.3 * ARTICLE["total"]
    assert figures["verdict_total"] == "wrong"
    later = years(ARTICLE["from_year"], 2024)
    assert figures["stock_sum_claim_later"] == sum(raw["stock"]["asylum_seekers"][y] for y in later)
    assert figures["applications_sum_claim_later"] == sum(raw["flow"]["applications"][y] for y in later)


def test_the_refugees(raw, figures):
    end = ARTICLE["to_year"]
    refugees = raw["stock"]["refugees"][end]
    assert figures["refugees_claim_to"] == refugees
    assert figures["refugees_india_claim_to"] == raw["by_country"][(end, "IND")]["refugees"]
    # Right, but set beside recent flight though most are a long-standing population: misleading.
    assert figures["verdict_refugees"] == ("misleading" if refugees > ARTICLE["refugees_more_than"] else "wrong")


def test_hu_jintao(raw, figures):
    seekers = raw["stock"]["asylum_seekers"]
    sums = {}
    for label, (low, high) in zip("ab", HU_WINDOWS):
        assert len(years(low, high)) == 8
        sums[label] = sum(seekers[y] for y in years(low, high))
        assert (figures[f"hu_{label}_from"], figures[f"hu_{label}_to"], figures[f"hu_{label}_sum"]) == (
            low,
            high,
            sums[label],
        )
    window = {y: seekers[y] for y in years(HU_WINDOWS[0][0], HU_WINDOWS[1][1])}
    assert figures["hu_max"] == max(window.values())
    assert figures["hu_max_year"] == max(window, key=window.get)
    assert figures["claim_to_vs_hu_max"] == pytest.approx(seekers[ARTICLE["to_year"]] / max(window.values()), abs=5e-3)
    beaten = all(seekers[ARTICLE["to_year"]] > total for total in sums.values())
    assert figures["verdict_hu"] == ("misleading" if beaten else "wrong")


def test_the_destinations(raw, figures):
    end = ARTICLE["to_year"]
    countries = {iso: values for (year, iso), values in raw["by_country"].items() if year == end}
    ranked = sorted(countries, key=lambda iso: countries[iso]["asylum_seekers"], reverse=True)
    assert figures["usa_asylum_seekers_claim_to"] == countries["USA"]["asylum_seekers"]
    assert figures["aus_asylum_seekers_claim_to"] == countries["AUS"]["asylum_seekers"]
    assert figures["usa_rank_claim_to"] == ranked.index("USA") + 1
    assert figures["aus_rank_claim_to"] == ranked.index("AUS") + 1
    assert figures["usa_applications_claim_to"] == countries["USA"]["applications"]
    # A right backlog presented as that year's destinations: misleading; a wrong number or rank: wrong.
    assert figures["verdict_usa"] == (
        "misleading" if countries["USA"]["asylum_seekers"] == ARTICLE["usa"] and ranked[0] == "USA" else "wrong"
    )
    assert figures["verdict_aus"] == (
        "misleading" if countries["AUS"]["asylum_seekers"] == ARTICLE["aus"] and ranked[1] == "AUS" else "wrong"
    )


def test_the_fact_check_table_shows_the_independent_numbers(raw, derived):
    from scripts.generator import claims
    from scripts.generator.figures import story_figures
    from scripts.generator.sources import load_register
    from scripts.generator.wording import Wording
    from scripts.story.figures import compute_figures
    from scripts.unhcr.raw_tables import read_source_sidecar

    register = load_register(DOCS / "sources.yml")
    records = claims.load_records(DOCS / "fact-check.claims.yml", 2026, set(register))
    figures = story_figures(compute_figures(derived, read_source_sidecar()))
    rows = claims.filled(records, figures, register, Wording.for_language("en"))
    seekers, flow = raw["stock"]["asylum_seekers"], raw["flow"]["applications"]
    period = years(ARTICLE["from_year"], ARTICLE["to_year"])
    shown = " ".join(row["shows"] + " " + row["computed_from"] for row in rows)
    for value in (
        seekers[ARTICLE["from_year"]],
        seekers[ARTICLE["to_year"]],
        sum(seekers[y] for y in period),
        sum(flow[y] for y in period),
        raw["stock"]["refugees"][ARTICLE["to_year"]],
        sum(seekers[y] for y in years(*HU_WINDOWS[1])),
        sum(seekers[y] for y in years(*HU_WINDOWS[0])),
    ):
        assert f"{value:,}" in shown, f"{value:,} not on the fact-check page"
    rise = (seekers[ARTICLE["to_year"]] - seekers[ARTICLE["from_year"]]) / seekers[ARTICLE["from_year"]]
    assert f"{rise * 100:.1f}%" in shown
    verdicts = [row["verdict"] for row in rows]
    assert set(verdicts) <= set(records.verdicts)
    assert set(verdicts) == {"accurate", "partly verified", "misleading", "wrong", "attributed, unverifiable"}
    assert len(verdicts) == len(rows) >= 14
    # Every third-party figure in a claim is a marked quotation.
    for claim in (row["title"] + " " + row["claim"] + " " + row["claimed_by"] for row in rows):
        bare = re.sub(r"<q\b[^>]*>.*?</q>|<time\b[^>]*>.*?</time>", "", claim)
        assert not re.search(r"\d", bare), f"unquoted number in a claim: {claim}"
        for cite in re.findall(r'<q cite="#([^"]+)"', claim):
            assert cite.removeprefix("source-") in listed_sources("fact-check.md"), cite


def test_the_fact_check_defines_each_verdict_it_can_give():
    """The page's list of verdicts and the records' list are the same words: no verdict is given that the
    page does not define, and the page defines none that cannot be given."""
    from scripts.generator import claims
    from scripts.generator.sources import load_register

    records = claims.load_records(DOCS / "fact-check.claims.yml", 2026, set(load_register(DOCS / "sources.yml")))
    page = (DOCS / "fact-check.md").read_text(encoding="utf-8")
    section = page.split('??? info "What each verdict means"', 1)[1].split("\n\n", 1)[0]
    defined = re.findall(r"^\s+- \*\*(.+?)\*\*:", section, re.M)
    assert defined == list(records.verdicts)
    written = {claim.fields["verdict"] for claim in records.claims if "{{" not in claim.fields["verdict"]}
    assert written <= set(defined)


# --------------------------------------------------------------------------------------
# Figures that correct the site's own statements (issue 16), against the raw CSVs
# --------------------------------------------------------------------------------------


def test_india_figures(raw, figures):
    india = {
        year: raw["by_country"][(year, "IND")]["refugees"]
        for year in range(FIRST_YEAR, 2100)
        if (year, "IND") in raw["by_country"]
    }
    years_ = sorted(india)
    changes = {year: india[year] - india[year - 1] for year in years_[1:]}
    assert figures["refugees_india_years_unchanged"] == sum(1 for c in changes.values() if c == 0)
    assert figures["refugees_india_years_compared"] == len(changes)
    fall = min(changes, key=changes.get)
    assert (figures["refugees_india_largest_fall_from_year"], figures["refugees_india_largest_fall_to_year"]) == (
        fall - 1,
        fall,
    )
    assert (figures["refugees_india_largest_fall_from"], figures["refugees_india_largest_fall_to"]) == (
        india[fall - 1],
        india[fall],
    )
    # The year India's Ministry of Home Affairs counted Tibetan refugees (as on 31 December 2020).
    assert figures["india_home_affairs_year"] == 2020
    assert figures["refugees_india_home_affairs_year"] == india[2020]


def test_returns_to_china(figures):
    by_year = defaultdict(int)
    by_place = defaultdict(int)
    for row in read_rows("population"):
        if row["coo_iso"] == "CHN" and row["returned_refugees"] and int(row["returned_refugees"]) > 0:
            by_year[int(row["year"])] += int(row["returned_refugees"])
            by_place[(int(row["year"]), row["coa_iso"])] += int(row["returned_refugees"])
    latest = figures["latest_year"]
    assert figures["returned_refugees_latest"] == by_year.get(latest, 0)
    assert figures["returned_refugees_previous"] == by_year.get(latest - 1, 0)
    most = max(by_year, key=by_year.get)
    assert (figures["returned_refugees_most"], figures["returned_refugees_most_year"]) == (by_year[most], most)
    place = max((key for key in by_place if key[0] == most), key=by_place.get)[1]
    assert figures["returned_refugees_most_from"]["iso"] == place
    assert figures["returned_refugees_years"] == sorted(by_year)


def test_united_states_cases_in_the_latest_year(figures):
    latest = figures["latest_year"]
    for table, column, unit, name in (
        ("asylum_applications", "applied", "app_pc", "applications"),
        ("asylum_decisions", "dec_total", "dec_pc", "decisions"),
    ):
        cases = [r for r in read_rows(table) if r["coa_iso"] == "USA" and int(r["year"]) == latest and r[unit] == "C"]
        whole = sum(int(r[column]) for r in cases)
        unknown = sum(int(r[column]) for r in cases if r["coo_iso"] == "UNK")
        assert figures[f"usa_{name}_as_cases_latest"] == whole
        assert figures[f"usa_{name}_as_cases_unknown_share_latest"] == pytest.approx(unknown / whole, abs=5e-7)


def test_the_striking_rates_are_those_the_grid_shows(derived, figures):
    by_country = derived["china_by_asylum_country"]
    shown = by_country[by_country["rate_shown"]]

    def rates(iso):
        return shown[shown["coa_iso"] == iso].set_index("year")["total_recognition_rate"]

    france, australia = rates("FRA"), rates("AUS")
    assert figures["france_rate_first"] == france.iloc[0] and figures["france_rate_latest"] == france.iloc[-1]
    recent = australia[australia.index > figures["latest_year"] - figures["recent_years"]]
    assert len(recent) <= figures["recent_years"]
    assert (figures["australia_rate_recent_low"], figures["australia_rate_recent_high"]) == (recent.min(), recent.max())
