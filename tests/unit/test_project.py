"""The story's settings ([tool.story] in pyproject.toml) and how the generator finds the story's code."""

from __future__ import annotations

import pytest

from scripts.generator import project
from scripts.generator.project import SettingsError, load_story, settings

GOOD = """[tool.story]
code = "story.py"
origin = "HKG"
origin_name = "Hong Kong SAR, China"
first_year = 2019
source = "A source"
default_card_chart = "a_chart"
min_substantive_decisions = 5
catalogue = "figures.yml"
language = "en"
"""


def write(tmp_path, text):
    file = tmp_path / "pyproject.toml"
    file.write_text(text, encoding="utf-8")
    return file


def test_the_settings_are_read_whole(tmp_path):
    chosen = settings(write(tmp_path, GOOD))
    assert (chosen.origin, chosen.first_year, chosen.source_line) == ("HKG", 2019, "Source: A source")


@pytest.mark.parametrize(
    "change, says",
    [
        (('origin = "HKG"\n', ""), "[tool.story] has no 'origin' (a text)"),
        (("first_year = 2019", 'first_year = "2019"'), "[tool.story] first_year = '2019' is not a whole number"),
        (('source = "A source"', 'source = "  "'), "[tool.story] source = '  ' is not a text"),
        (
            ("min_substantive_decisions = 5\n", "min_substantive_decisions = 5\nminimum = 3\n"),
            "keys no code reads: minimum",
        ),
        (("[tool.story]", "[tool.stroy]"), "no [tool.story] table"),
        (("code = ", "code = = "), "cannot read the story's settings"),
    ],
)
def test_a_wrong_setting_names_the_file_and_the_key(tmp_path, change, says):
    file = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(SettingsError, match="pyproject.toml: ") as error:
        settings(file)
    assert says in str(error.value)


def test_the_story_is_loaded_by_path_and_checked_for_its_functions(tmp_path, monkeypatch):
    monkeypatch.setattr(project.paths, "ROOT", tmp_path)
    chosen = settings(write(tmp_path, GOOD))
    (tmp_path / "story.py").write_text("def make_tables(settings):\n    return {}\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"story.py: the story's code has no function make_figures\(\)"):
        load_story(chosen)
    (tmp_path / "story.py").write_text(
        "def make_tables(settings):\n    return {}\n\ndef make_figures(tables, settings):\n    return {}\n",
        encoding="utf-8",
    )
    assert load_story(chosen).make_figures({}, chosen) == {}


def test_this_projects_story_keeps_its_functions_after_its_modules_are_imported():
    import scripts.story.derive  # noqa: F401  (a module named like a function would replace it)
    import scripts.story.figures  # noqa: F401
    import scripts.story.page_tables  # noqa: F401

    story = load_story(settings())
    assert all(callable(getattr(story, name)) for name in project.STORY_FUNCTIONS)
