"""Figures are values; each language writes them in its own words (scripts/generator/wording.py)."""

from __future__ import annotations

import pytest

from scripts.generator.figures import Figure, country
from scripts.generator.wording import Wording, WordingError

USA, FRA, GBR = country("USA", "United States"), country("FRA", "France"), country("GBR", "United Kingdom")
ENGLISH = Wording.for_language("en")  # the words in docs/texts.en.yml
CHINESE = Wording(
    "zh",
    {
        "and": "和",
        "list_separator": "、",
        "none": "无",
        "rounded": "约{n}",
        "up": "上升",
        "down": "下降",
        "verdicts": {
            "accurate": "准确",
            "partly_verified": "部分核实",
            "misleading": "误导",
            "wrong": "错误",
            "unverifiable": "无法核实",
        },
        "countries": {"USA": "美国", "FRA": "法国", "GBR": "英国"},
    },
)


def written(wording: Wording, value, kind: str) -> str:
    return wording.write(Figure(value, kind, "a test figure"))


@pytest.mark.parametrize(
    "value, kind, english, chinese",
    [
        (118476, "count", "118,476", "118,476"),
        (0, "count", "0", "0"),
        (2021, "year", "2021", "2021"),
        (0.18549, "percent", "18.5%", "18.5%"),
        (1.0, "percent", "100.0%", "100.0%"),
        (22, "rank", "22nd", "第22"),
        (11, "rank", "11th", "第11"),
        (1, "rank", "1st", "第1"),
        (103, "rank", "103rd", "第103"),
        (7.66, "ratio", "7.7", "7.7"),
        (123456, "rounded", "about 120,000", "约12万"),
        (100000, "rounded", "about 100,000", "约10万"),
        (1234567, "rounded", "about 1,200,000", "约120万"),
        (250000000, "rounded", "about 250,000,000", "约2.5亿"),
        (980, "rounded", "about 980", "约980"),
        (USA, "country", "the United States", "美国"),
        (FRA, "country", "France", "法国"),
        ([USA, FRA, GBR], "countries", "the United States, France and the United Kingdom", "美国、法国和英国"),
        ([FRA], "countries", "France", "法国"),
        ([], "countries", "none", "无"),
        ([2019, 2020, 2021], "years", "2019, 2020 and 2021", "2019、2020和2021"),
        ([2023, 2024], "years", "2023 and 2024", "2023和2024"),
        ([], "years", "none", "无"),
        ("unverifiable", "verdict", "attributed, unverifiable", "无法核实"),
        ("wrong", "verdict", "wrong", "错误"),
        ("down", "direction", "fell", "下降"),
        ("up", "direction", "rose", "上升"),
        ("2025.12.1", "text", "2025.12.1", "2025.12.1"),
    ],
)
def test_one_value_is_written_in_each_language(value, kind, english, chinese):
    assert written(ENGLISH, value, kind) == english
    assert written(CHINESE, value, kind) == chinese


def test_a_language_with_its_own_country_names_names_the_one_it_lacks():
    with pytest.raises(WordingError, match=r"figures.countries has no name for AUS \(Australia\)"):
        written(CHINESE, [USA, country("AUS", "Australia")], "countries")


def test_a_missing_word_names_the_file_and_the_key():
    lacking = Wording("en", {"and": " and "}, where="docs/texts.en.yml")
    with pytest.raises(WordingError, match=r"^docs/texts.en.yml: no word at figures.list_separator$"):
        written(lacking, [2019, 2020, 2021], "years")
    with pytest.raises(WordingError, match=r"no word at figures.verdicts$"):
        written(lacking, "wrong", "verdict")


def test_a_language_without_number_rules_is_refused():
    with pytest.raises(WordingError, match=r"no number rules for language 'fr'"):
        Wording("fr", {})


@pytest.mark.parametrize(
    "value, kind, says",
    [
        (1.5, "count", "a count figure's value is a whole number"),
        (True, "count", "a count figure's value is a whole number"),
        (-3, "count", "a count figure's value is a whole number, 0 or more"),
        (0, "rank", "a rank figure's value is a whole number, 1 or more"),
        ("2021", "year", "a year figure's value is a year"),
        ("the United States", "country", 'a country figure\'s value is country("ISO", "name")'),
        ({"iso": "usa", "name": "United States"}, "country", "a country figure's value is"),
        ("2019 and 2020", "years", "a years figure's value is a list of years"),
        ("cannot be checked", "verdict", "a verdict figure's value is one of accurate, partly_verified, misleading"),
        ("fell", "direction", "a direction figure's value is one of up, down"),
        (float("nan"), "percent", "a percent figure's value is a fraction"),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused(value, kind, says):
    with pytest.raises(ValueError, match=says.replace("(", r"\(").replace(")", r"\)")):
        Figure(value, kind, "a test figure")
