"""The words the build writes besides the pages (scripts/generator/texts.py, docs/texts.<language>.yml)."""

from __future__ import annotations

import pytest

from scripts.generator import texts as texts_module
from scripts.generator.contributed_text import table_text_problems
from scripts.generator.texts import Texts, TextsError


@pytest.fixture
def texts(tmp_path, monkeypatch):
    monkeypatch.setattr(texts_module.paths, "DOCS", tmp_path)
    (tmp_path / "texts.en.yml").write_text(
        'tables:\n  any:\n    year: Year\n    window: "In {start}–{end}"\n    many: "About twenty"\n', encoding="utf-8"
    )
    return Texts("en")


def test_a_text_is_found_by_its_keys_and_filled(texts):
    assert texts("tables", "any", "year") == "Year"
    assert texts("tables", "any", "window", start=2004, end=2011) == "In 2004–2011"


def test_a_missing_text_or_placeholder_names_the_file_and_the_key(texts):
    with pytest.raises(TextsError, match=r"texts.en.yml: no text at tables.any.month"):
        texts("tables", "any", "month")
    with pytest.raises(TextsError, match=r"tables.any.window asks for \{end, start\}"):
        texts("tables", "any", "window")
    with pytest.raises(TextsError, match="tables.any is not a text"):
        texts("tables", "any")


def test_table_texts_hold_no_typed_number(texts, tmp_path):
    (problem,) = table_text_problems(tmp_path / "texts.en.yml")
    assert ":5: tables.any.many holds the typed number 'twenty'" in problem


def test_the_sites_texts_pass():
    from tests.conftest import ROOT

    assert table_text_problems(ROOT / "docs" / "texts.en.yml") == []
