"""Checks already passed (scripts/generator/memo.py): remembered only on a pass, only for the same bytes,
the same generator code and the same surroundings."""

from __future__ import annotations

import pytest

from scripts.generator import finished_html, memo
from scripts.generator.finished_html import SiteError, seal_site
from scripts.generator.memo import Memo


@pytest.fixture(autouse=True)
def memory(tmp_path, monkeypatch):
    monkeypatch.setattr(memo, "MEMORY", tmp_path / "checked")
    return tmp_path / "checked"


def test_a_pass_is_remembered_for_those_bytes_only():
    first = Memo("pages", "2026")
    first.put("<p>a page</p>", "sealed")
    again = Memo("pages", "2026")
    assert again.get("<p>a page</p>") == "sealed"
    assert again.get("<p>a page.</p>") is None
    assert Memo("pages", "2027").get("<p>a page</p>") is None  # something else the check reads changed
    assert Memo("other", "2026").get("<p>a page</p>") is None


def test_a_change_to_the_generators_code_forgets_everything(monkeypatch):
    Memo("pages").put("<p>a page</p>")
    monkeypatch.setattr(memo, "code_digest", lambda: "another version of the code")
    assert Memo("pages").get("<p>a page</p>") is None


def test_only_what_the_last_build_used_is_kept(memory):
    Memo("pages").put("one")
    Memo("pages").put("two")
    build = Memo("pages")
    assert build.get("two") == ""
    build.forget_unused()
    assert len(list((memory / "pages").iterdir())) == 1
    assert Memo("pages").get("one") is None and Memo("pages").get("two") == ""


PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>{}</body></html>'


class Sources:
    def describe(self, finding) -> str:
        return f"site/{finding.page}: {finding.message}"


def test_a_finished_page_that_fails_is_refused_at_every_build_and_a_passing_one_is_sealed_the_same(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(PAGE.format("<p>fine</p>"), encoding="utf-8")
    seal_site(site, Sources())
    sealed = (site / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in sealed
    # The same page again, as MkDocs writes it before sealing: the remembered result, the same bytes.
    (site / "index.html").write_text(PAGE.format("<p>fine</p>"), encoding="utf-8")
    calls = []
    original = finished_html.seal_page
    try:
        finished_html.seal_page = lambda *args, **kwargs: calls.append(args) or original(*args, **kwargs)
        seal_site(site, Sources())
    finally:
        finished_html.seal_page = original
    assert calls == [] and (site / "index.html").read_text(encoding="utf-8") == sealed
    for _ in range(2):  # a failure is never remembered
        (site / "index.html").write_text(PAGE.format("<script>alert(1)</script>"), encoding="utf-8")
        with pytest.raises(SiteError, match="inline <script>"):
            seal_site(site, Sources())
