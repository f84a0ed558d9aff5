"""ΔE00 (CIEDE2000) and the evenly spaced classes of a map (scripts/generator/colour.py)."""

from __future__ import annotations

import pytest

from scripts.generator.colour import delta_e_2000, difference, even_steps

# Pairs 1, 7, 13, 17, 25 and 34 of Sharma, Wu and Dalal (2005), table 1: L*a*b* of each colour and ΔE00.
SHARMA = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.4900, -0.0010), (50.0, -2.4900, 0.0011), 7.2195),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize("lab1, lab2, expected", SHARMA)
def test_delta_e_2000_matches_the_published_test_data(lab1, lab2, expected):
    assert delta_e_2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert delta_e_2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_srgb_colours_compare_as_seen():
    assert difference("#FFFFFF", "#FFFFFF") == 0
    assert difference("#000000", "#FFFFFF") == pytest.approx(100, abs=0.01)


def test_even_steps_end_at_the_colour_and_space_the_classes_alike():
    for start, end in (("#E1E4E8", "#0072BC"), ("#3A404A", "#56B4E9")):
        steps = even_steps(start, end, 4)
        assert len(steps) == 4 and steps[-1] == end
        gaps = [difference(a, b) for a, b in zip([start, *steps], steps)]
        assert max(gaps) - min(gaps) < 0.5, gaps  # rounded to whole sRGB steps
