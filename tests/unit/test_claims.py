"""A fact check as records (scripts/generator/claims.py): read, checked, and filled from the figures."""

from __future__ import annotations

import pytest

from scripts.generator.claims import CARD_LABELS, ClaimsError, cards, filled, load_records
from scripts.generator.figures import Figure
from scripts.generator.sources import Source
from scripts.generator.wording import Wording

RECORD = """\
verdicts: [accurate, wrong, cannot be checked]
claims:
  - title: The count
    claim: They said <q cite="#source-paper">{{ claimed_count }} people</q>.
    claimed_by: A newspaper
    source: paper
    shows: "{{ count }} at the end of {{ year }}."
    computed_from: "`table.csv`, column `people` (stock), row {{ year }}."
    verdict: "{{ verdict_count }}"
    why: The data agrees.
"""
REGISTER = {"paper": Source(id="paper", publisher="A Paper", date="2022-05", language="en", title="T")}
ENGLISH = Wording.for_language("en")
FIGURES = {
    "claimed_count": Figure(1000, "count", "claimed"),
    "count": Figure(1012, "count", "people"),
    "year": Figure(2021, "year", "year"),
    "verdict_count": Figure("accurate", "verdict", "verdict"),
}


def load(tmp_path, text=RECORD):
    path = tmp_path / "check.claims.yml"
    path.write_text(text, encoding="utf-8")
    return load_records(path, 2026, set(REGISTER))


def test_a_record_is_filled_from_the_figures(tmp_path):
    (claim,) = filled(load(tmp_path), FIGURES, REGISTER, ENGLISH)
    assert claim["claim"] == 'They said <q cite="#source-paper">1,000 people</q>.'
    assert claim["shows"] == "1,012 at the end of 2021."
    assert claim["computed_from"] == "`table.csv`, column `people` (stock), row 2021."
    assert claim["verdict"] == "accurate" and claim["why"] == "The data agrees."
    assert claim["published"] == '[A Paper, <time datetime="2022-05">May 2022</time>](#source-paper)'


SECOND = """\
  - title: The <b>second</b>
    claim: Another.
    claimed_by: A radio
    source: paper
    shows: Nothing else.
    computed_from: By hand.
    verdict: wrong
    why: It is not so.
"""


def test_the_records_become_one_card_a_claim_in_order_with_title_verdict_and_labelled_parts(tmp_path):
    from selectolax.lexbor import LexborHTMLParser

    html = cards(load(tmp_path, RECORD + SECOND), FIGURES, REGISTER, ENGLISH, "check")
    page = LexborHTMLParser(html)
    articles = page.css("div.claims#claims-check > article.claim")
    assert len(articles) == 2
    first, second = articles
    title = first.css_first("summary .claim__title")
    assert title.text() == "The count" and first.attributes["aria-labelledby"] == title.attributes["id"]
    assert first.css_first("summary .claim__verdict").text() == "Verdict: accurate"
    assert "claim--accurate" in first.attributes["class"] and "claim--wrong" in second.attributes["class"]
    assert [dt.text() for dt in first.css("dl dt")] == list(CARD_LABELS.values())
    parts = [dd.html for dd in first.css("dl dd")]
    assert '<q cite="#source-paper">1,000 people</q>' in parts[0]
    assert (
        'Claimed by: A newspaper; in <a href="#source-paper">A Paper, <time datetime="2022-05">May 2022</time></a>'
        in parts[0]
    )
    assert "1,012 at the end of 2021." in parts[1]
    assert "<code>table.csv</code>" in parts[2] and "The data agrees." in parts[3]
    # the second in the file comes second; its title's Markdown is the record's, checked with the page
    assert second.css_first(".claim__title").text() == "The second"


@pytest.mark.parametrize(
    "change, says",
    [
        (("    why: The data agrees.\n", ""), ":3: a claim has no 'why'"),
        (('    verdict: "{{ verdict_count }}"', "    verdict: true-ish"), ":9: verdict 'true-ish' is neither one of"),
        (
            ("They said <q", "They said {{ claimed_count }} and <q"),
            ":4: claim: {{ claimed_count }} is a claimed number",
        ),
        (("    why: The data agrees.", "    why: The data agrees, within 2%."), ":10: why: typed number '2%.'"),
        (("    source: paper", "    source: journal"), ":6: source 'journal' is not in docs/sources.yml"),
        (
            ('cite="#source-paper"', 'cite="#source-elsewhere"'),
            ":4: claim: <q cite='#source-elsewhere'> points to no element",
        ),
        (
            ("    claimed_by: A newspaper\n", "    claimed_by: A newspaper\n    claimed_on: today\n"),
            "unknown field 'claimed_on'",
        ),
    ],
)
def test_a_mistake_names_the_file_line_and_field(tmp_path, change, says):
    with pytest.raises(ClaimsError, match="check.claims.yml") as error:
        load(tmp_path, RECORD.replace(*change, 1))
    assert says in str(error.value)


def test_an_unknown_figure_or_a_verdict_that_comes_out_wrong_is_refused(tmp_path):
    records = load(tmp_path)
    with pytest.raises(ClaimsError, match=r":7: shows: unknown figure '\{\{ count \}\}'"):
        filled(records, {name: f for name, f in FIGURES.items() if name != "count"}, REGISTER, ENGLISH)
    with pytest.raises(ClaimsError, match=r":9: the verdict came out as 'maybe'"):
        filled(records, FIGURES | {"verdict_count": Figure("maybe", "text", "verdict")}, REGISTER, ENGLISH)


def test_a_claimed_number_may_stand_in_a_quotation_that_runs_over_lines():
    from scripts.generator.claims import claimed_outside_quotes

    text = 'They said <q cite="#source-paper">about\n{{ claimed_count }} people</q>.\nThen {{ claimed_count }} again.'
    assert claimed_outside_quotes(text) == [(3, "{{ claimed_count }}")]
