"""A small explainer graphic: why adding up year-end counts (a stock) counts the same claim again,
while claims lodged (a flow) count it once. Placed on a page with <!-- md:explainer stock-and-flow -->.

It is an illustration, not data, and says so: a few imaginary claims, each lodged in one year and
decided in a later one (or still waiting). Every number it shows is counted here from those claims,
so the picture and its totals cannot disagree. Drawn as a table (a row a claim, a column a year), so
that it reads on a phone, in print, in dark mode and to a screen reader, and loads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

YEARS = 5


@dataclass(frozen=True)
class Claim:
    name: str
    lodged: int  # the year it is lodged, 1 to YEARS
    decided: int | None  # the year it is decided, or None: still waiting at the end

    def waiting_at_end_of(self, year: int) -> bool:
        """Counted in that year's year-end stock: lodged by then, not yet decided."""
        return self.lodged <= year and (self.decided is None or self.decided > year)


CLAIMS = (
    Claim("A", lodged=1, decided=4),
    Claim("B", lodged=2, decided=2),
    Claim("C", lodged=3, decided=None),
)


def year_end_counts(claims=CLAIMS) -> list[int]:
    return [sum(claim.waiting_at_end_of(year) for claim in claims) for year in range(1, YEARS + 1)]


def stock_and_flow(claims=CLAIMS) -> str:
    lodged = len(claims)
    counts = year_end_counts(claims)
    added = sum(counts)
    head = "".join(
        f'<th scope="col"><span class="explainer__hidden">Year </span>{year}</th>' for year in range(1, YEARS + 1)
    )
    rows = []
    for claim in claims:
        cells = []
        for year in range(1, YEARS + 1):
            marks = []
            if year == claim.lodged:
                marks.append(
                    '<span class="explainer__lodged" aria-hidden="true">L</span><span class="explainer__hidden">lodged</span>'
                )
            if claim.decided == year:
                marks.append(
                    '<span class="explainer__decided" aria-hidden="true">D</span><span class="explainer__hidden">decided</span>'
                )
            waiting = claim.waiting_at_end_of(year)
            if waiting:
                marks.append(
                    '<span class="explainer__dot" aria-hidden="true"></span>'
                    '<span class="explainer__hidden">waiting at the year end</span>'
                )
            open_claim = claim.lodged <= year and (claim.decided is None or claim.decided >= year)
            classes = "explainer__open" if open_claim else ""
            cells.append(f'<td class="{classes}">{"".join(marks)}</td>')
        times = sum(claim.waiting_at_end_of(year) for year in range(1, YEARS + 1))
        rows.append(
            f'<tr><th scope="row">Claim {claim.name}</th>{"".join(cells)}<td class="explainer__total">{times}</td></tr>'
        )
    counts_row = "".join(f"<td>{count}</td>" for count in counts)
    return (
        '<figure class="explainer" aria-labelledby="explainer-stock-flow">'
        '<figcaption id="explainer-stock-flow"><strong>Illustration, not data: why a sum of year-end counts '
        "is not a count of people.</strong> Imaginary claims: L, lodged; D, decided; a dot, still waiting at "
        "the year end, and so counted in that year's stock.</figcaption>"
        '<div class="explainer__scroll" tabindex="0" role="region" aria-label="The illustration as a table">'
        '<table class="explainer__grid">'
        f'<thead><tr><th scope="col">Year:</th>{head}<th scope="col">Sum</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody>"
        f'<tfoot><tr><th scope="row">Stock</th>{counts_row}<td class="explainer__total">{added}</td></tr>'
        "</tfoot></table></div>"
        f'<p class="explainer__sum">Claims lodged (a flow): <strong>{lodged}</strong>. Year-end counts added up '
        f"(stocks): <strong>{added}</strong>. {repeats(claims)}</p>"
        "</figure>"
    )


def repeats(claims) -> str:
    """How often the sum counts each claim, in words, from the claims."""
    said = []
    for claim in claims:
        times = sum(claim.waiting_at_end_of(year) for year in range(1, YEARS + 1))
        said.append(f"claim {claim.name} {'in no year end' if times == 0 else f'{times} times'}")
    return "The sum counts " + ", ".join(said[:-1]) + " and " + said[-1] + "; each was lodged once."


EXPLAINERS = {"stock-and-flow": stock_and_flow}
