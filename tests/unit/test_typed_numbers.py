"""The rule that no number in prose is typed by hand (scripts/generator/typed_numbers.py), on small pages:
it must catch what it is meant to catch, and leave alone what it allows."""

from __future__ import annotations

import pytest

from scripts.generator.typed_numbers import in_code_text, typed_numbers

YEAR = 2026


def faults(text: str) -> list[str]:
    return [what for _, what in typed_numbers(text, YEAR)]


@pytest.mark.parametrize(
    "text",
    [
        "In 2021 there were many.",
        "There were 118,476 of them.",
        "A rise of 7.7%.",
        "The 5th largest.",
        "About a million people.",
        "Some twenty countries.",
        "Half of them.",
        "A tenfold rise.",
        "## Since 2012",
        "> 730,000 people (a blockquote is not a marked quotation)",
        "<q>800 percent</q> without a source",
        '<q cite="#nowhere">800 percent</q> pointing to no element',
        "1. An ordered list is numbered by hand",
        "人数增加了三万。",  # 30,000 in Chinese words
        "约十万人",  # about 100,000
        "二十个国家",  # twenty countries
        "十五年来",  # fifteen years
        "共有２０２１人",  # full-width digits
        "ten thousand people",
        '!!! quote "Report of 2022"\n    Text.\n',
    ],
)
def test_catches(text):
    assert faults(text), text


@pytest.mark.parametrize(
    "text",
    [
        "There were {{ asylum_seekers_latest }} at the end of {{ latest_year }}.",
        "Two groups, three methods, ten countries.",
        "A table:\n\n<!-- md:table fact_check -->",
        "The file `world-atlas@2.0.2` and [the licence](https://creativecommons.org/licenses/by/4.0/).",
        '<span id="src"></span>They said <q cite="#src">almost 800 percent</q>.',
        '<q cite="https://example.org/2021/">118,476 in 2021</q>',
        "A report, <cite>Number of Asylum Seekers in 2021 Up 800 Percent</cite>, said so.",
        '!!! quote "Safeguard Defenders"\n    Some 64% of 10,000 returns.\n\nAfter.',
        "```\ncode 123\n```",
        "老百姓说，万一出事怎么办？",  # words that hold 百 and 万 without counting
        "十个人",  # ten alone, as "ten" in English
        'Arrested in <time datetime="2021-04">April 2021</time>, on any page.',
    ],
)
def test_allows(text):
    assert not faults(text), faults(text)


def test_dates_show_their_date_and_nothing_else():
    assert not faults('On <time datetime="2015-10-28">28 October 2015</time>.')
    assert faults('On <time datetime="2015-10-28">28 October 2015, 5 people</time>.')
    assert faults('In <time datetime="2021">2020</time>.')
    assert faults(f'In <time datetime="{YEAR + 1}">{YEAR + 1}</time>.')  # after the build's year
    assert faults("In <time>2021</time>.")


def test_front_matter_is_prose_and_lines_are_the_files():
    found = typed_numbers("---\ntitle: The story\ndescription: Since 2012, many.\n---\n\nText.\n\nIn 2020.", YEAR)
    assert [line for line, _ in found] == [3, 8]
    assert not faults("---\ntitle: The story\ndescription: Many.\n---\n\nText.")


def test_quote_blocks_name_their_source():
    assert faults("!!! quote\n    Some 64%.\n")
    assert faults('!!! quote ""\n    Some 64%.\n')


def test_text_in_code_keeps_its_placeholders_and_nothing_typed():
    assert in_code_text("Refugees from China, {first_year}–{latest_year}") == []
    assert in_code_text("China ranked 1st among origins in {latest_year}") == ["1st"]
    assert in_code_text("About twenty countries") == ["twenty"]
