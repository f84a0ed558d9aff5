"""Tables that pages show, computed from the derived tables at build time.

A page shows one with `<!-- md:table name -->` on a line of its own. To add
one, write a function here that takes the derived tables and the figures and
returns a DataFrame whose column names are the headers a reader sees, and
list it in PAGE_TABLES. Numbers are formatted here, so pages never type them.
"""

from __future__ import annotations

from typing import Callable

import pandas as pd

from scripts.figures import Figure


def top_asylum_countries_latest(derived: dict[str, pd.DataFrame], figures: dict[str, Figure]) -> pd.DataFrame:
    by_country = derived["china_by_asylum_country"]
    latest = by_country[by_country["year"] == by_country["year"].max()]
    top = latest.nlargest(10, "asylum_seekers")
    return pd.DataFrame(
        {
            "Asylum country": top["coa_name"],
            "Asylum-seekers at year end (stock)": top["asylum_seekers"].map("{:,}".format),
            "Refugees at year end (stock)": top["refugees"].map("{:,}".format),
        }
    )


PAGE_TABLES: dict[str, Callable[[dict[str, pd.DataFrame], dict[str, Figure]], pd.DataFrame]] = {
    "top_asylum_countries_latest": top_asylum_countries_latest,
}


def to_markdown(frame: pd.DataFrame) -> str:
    """A Markdown table; cells are escaped so that a '|' in a name cannot break it."""

    def cell(value) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    header = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def write_page_tables(derived: dict[str, pd.DataFrame], figures: dict[str, Figure], out_dir) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, make in PAGE_TABLES.items():
        (out_dir / f"{name}.md").write_text(to_markdown(make(derived, figures)) + "\n", encoding="utf-8")
