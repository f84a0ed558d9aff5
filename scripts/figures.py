"""Named figures that pages quote in prose as {{ name }}, computed from the derived tables.

To add one, add a line to `compute_figures`: its name, value, kind and what it
is. The kind decides how it is written: count 12,345 · year 2021 · percent
12.3% · rank 5th · text as is.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

KINDS = ("count", "year", "percent", "rank", "text")


@dataclass(frozen=True)
class Figure:
    value: int | float | str
    kind: str
    about: str

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"figure kind {self.kind!r} is not one of {KINDS}")

    @property
    def text(self) -> str:
        if self.kind == "count":
            return f"{int(self.value):,}"
        if self.kind == "percent":
            return f"{float(self.value) * 100:.1f}%"
        if self.kind == "rank":
            return ordinal(int(self.value))
        return str(self.value)


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def compute_figures(derived: dict[str, pd.DataFrame], source: dict) -> dict[str, Figure]:
    by_year = derived["china_by_year"].set_index("year")
    first, latest = int(by_year.index.min()), int(by_year.index.max())
    figures = {
        "release": Figure(str(source["release"]), "text", "UNHCR release the site is built from"),
        "first_year": Figure(first, "year", "first year of the story's series"),
        "latest_year": Figure(latest, "year", "latest year in the release"),
        "previous_year": Figure(latest - 1, "year", "the year before the latest"),
    }
    for stock in ("asylum_seekers", "refugees"):
        series = by_year[stock]
        figures |= {
            f"{stock}_first": Figure(int(series[first]), "count", f"{stock} from China at the end of {first}"),
            f"{stock}_latest": Figure(int(series[latest]), "count", f"{stock} from China at the end of {latest}"),
            f"{stock}_previous": Figure(int(series[latest - 1]), "count", f"{stock} from China at the end of {latest - 1}"),
            f"{stock}_peak": Figure(int(series.max()), "count", f"highest year-end {stock} from China"),
            f"{stock}_peak_year": Figure(int(series.idxmax()), "year", f"year of the highest year-end {stock}"),
        }
    figures["applications_latest"] = Figure(
        int(by_year.loc[latest, "applications"]), "count", f"asylum applications by people from China lodged in {latest}"
    )

    among = derived["china_among_origins"].set_index(["measure", "year"])
    for measure in ("asylum_seekers", "refugees"):
        figures[f"china_rank_{measure}_latest"] = Figure(
            int(among.loc[(measure, latest), "china_rank"]), "rank", f"China's rank among origins by {measure}, {latest}"
        )
        figures[f"china_share_{measure}_latest"] = Figure(
            float(among.loc[(measure, latest), "china_share"]), "percent", f"China's share of all {measure}, {latest}"
        )

    by_country = derived["china_by_asylum_country"]
    for stock in ("asylum_seekers", "refugees"):
        top = by_country[by_country["year"] == latest].nlargest(1, stock).iloc[0]
        figures[f"top_country_{stock}_latest"] = Figure(
            top["coa_name"], "text", f"asylum country with the most {stock} from China, {latest}"
        )
        figures[f"top_country_{stock}_latest_count"] = Figure(
            int(top[stock]), "count", f"{stock} from China in that country, {latest}"
        )
    return figures


def write_figures(figures: dict[str, Figure], path: Path) -> None:
    data = {name: asdict(figure) | {"text": figure.text} for name, figure in sorted(figures.items())}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_figures(path: Path) -> dict[str, Figure]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: Figure(item["value"], item["kind"], item["about"]) for name, item in data.items()}
