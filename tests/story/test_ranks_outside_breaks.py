"""China's best rank among origins leaving out the years a break touches, and France's direction
(docs/china-among-origins.md, docs/decisions.md): computed here from the derived tables and from the
register of breaks read as YAML, not with the story's helpers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
MEASURES = ("asylum_seekers", "refugees", "applications")


@pytest.fixture(scope="module")
def figures(derived):
    from scripts.story.figures import compute_figures
    from scripts.unhcr.raw_tables import read_source_sidecar

    return compute_figures(derived, read_source_sidecar())


def years_a_break_touches(series: str) -> set[int]:
    touched = set()
    for entry in yaml.safe_load((ROOT / "data" / "breaks.yml").read_text(encoding="utf-8")):
        if series in entry["series"] and not entry.get("comparable", False):
            first, last = entry["years"] if isinstance(entry["years"], list) else (entry["years"], entry["years"])
            touched |= set(range(first, last + 1))
    return touched


def test_the_best_rank_leaves_out_the_years_a_break_touches(derived, figures):
    among = derived["china_among_origins"]
    for measure in MEASURES:
        rows = among[(among["measure"] == measure) & among["china_rank"].notna()]
        ranks = {int(row.year): int(row.china_rank) for row in rows.itertuples()}
        kept = {year: rank for year, rank in ranks.items() if year not in years_a_break_touches(measure)}
        best = min(kept.values())
        assert figures[f"china_best_rank_{measure}_outside_breaks"] == best
        assert figures[f"china_best_rank_{measure}_outside_breaks_years"] == sorted(
            year for year, rank in kept.items() if rank == best
        )
    # The page's reason for the figure: in this release the best rank by asylum-seekers is also reached
    # inside the United States' break of 2010-2016, and that year is left out.
    inside = figures["china_best_rank_asylum_seekers_years"]
    assert set(inside) & years_a_break_touches("asylum_seekers")
    assert not set(figures["china_best_rank_asylum_seekers_outside_breaks_years"]) & years_a_break_touches(
        "asylum_seekers"
    )


def test_a_long_list_of_best_years_stops_the_build(derived):
    """Ties in every year no break touches would be a list the page cannot write in one sentence."""
    from scripts.story.figures import ranks_outside_breaks_figures

    among = derived["china_among_origins"].copy()
    among.loc[among["measure"] == "refugees", "china_rank"] = 1
    with pytest.raises(ValueError, match="number and span"):
        ranks_outside_breaks_figures(among, int(among["year"].max()))


def test_a_latest_year_no_break_touches_stops_the_build(derived):
    """The page calls the latest year not comparable for asylum-seekers and applications."""
    from scripts.story.figures import ranks_outside_breaks_figures

    among = derived["china_among_origins"]
    untouched = max(set(among["year"]) - years_a_break_touches("applications"))
    with pytest.raises(ValueError, match="rewrite its section on ranks"):
        ranks_outside_breaks_figures(among[among["year"] <= untouched], int(untouched))


def test_france_direction_follows_its_rates(derived, figures):
    rows = derived["china_by_asylum_country"]
    france = rows[(rows["coa_iso"] == "FRA") & rows["rate_shown"]].sort_values("year")
    first, latest = france["total_recognition_rate"].iloc[0], france["total_recognition_rate"].iloc[-1]
    assert figures["france_rate_change_word"] == ("down" if latest < first else "up")
    assert pd.notna(first) and pd.notna(latest)


def test_france_direction_turns_when_the_rate_falls():
    from scripts.story.figures import direction_figures

    assert direction_figures({"france_rate_first": 0.9, "france_rate_latest": 0.2}) == {
        "france_rate_change_word": "down"
    }
    assert direction_figures({"france_rate_first": 0.2, "france_rate_latest": 0.9}) == {"france_rate_change_word": "up"}
