"""The register of sources (scripts/generator/sources.py): read, checked, and written as a page's list."""

from __future__ import annotations

import pytest

from scripts.generator.sources import SourceError, entry, load_register

GOOD = """\
report:
  publisher: Safeguard Defenders
  title: Involuntary Returns
  date: "2022-01-18"
  link: https://example.org/report
  language: en
  note: A report on forced returns & their methods.
talk:
  publisher: A broadcaster
  author: A reporter
  date: "2021-05"
  language: zh-Hans
  title: 一篇报道
  link: https://example.org/zh
republished:
  publisher: A news agency
  title: A story
  date: "2015-11-18"
  link: https://example.org/story
  language: en
  via:
    label: republished by
    title: Another headline
    link: https://example.net/copy
    language: en
"""


def register(tmp_path, text=GOOD):
    path = tmp_path / "sources.yml"
    path.write_text(text, encoding="utf-8")
    return load_register(path)


def test_a_source_is_written_with_its_anchor_date_link_and_language(tmp_path):
    sources = register(tmp_path)
    assert entry(sources["report"]) == (
        '- <span id="source-report"></span>Safeguard Defenders, <a href="https://example.org/report">'
        '<cite>Involuntary Returns</cite></a>, <time datetime="2022-01-18">18 January 2022</time>. '
        "A report on forced returns &amp; their methods."
    )
    talk = entry(sources["talk"])
    assert 'hreflang="zh-Hans"' in talk and '<cite lang="zh-Hans">一篇报道</cite>' in talk and "(in Chinese)" in talk
    assert '<time datetime="2021-05">May 2021</time>' in talk and "A broadcaster, A reporter," in talk
    assert entry(sources["republished"]).endswith(
        '; republished by: <a href="https://example.net/copy"><cite>Another headline</cite></a>.'
    )


@pytest.mark.parametrize(
    "change, says",
    [
        (
            ("  link: https://example.org/report\n", "  link: javascript:alert(1)\n"),
            ":5: source 'report' link must be an https:// address",
        ),
        (('  date: "2022-01-18"', '  date: "2022-13-01"'), ":4: source 'report' date '2022-13-01' is not YYYY"),
        (("  publisher: Safeguard Defenders\n", ""), "source 'report' has no publisher"),
        (("  title: Involuntary Returns\n", ""), "source 'report' has no title"),
        (("  link: https://example.org/report\n", ""), ":1: source 'report' has no link (or a via"),
        (('  date: "2022-01-18"\n', ""), "source 'report' has no date"),
        (('  date: "2022-01-18"', "  date: undated"), ":4: source 'report' date 'undated' is not YYYY"),
        (("  title: Involuntary Returns", "  title: <b>Involuntary</b>"), ":3: source 'report' title holds markup"),
        (("  note: A report", "  note: In 2022, a report"), ":7: source 'report' note holds the typed number '2022,'"),
        (("  language: en\n  note", "  language: English\n  note"), ":6: source 'report' language 'English' is not"),
        (("report:", "Report:"), ":1: 'Report' is not a source id"),
        (
            ("  language: en\n  note", "  langauge: en\n  language: en\n  note"),
            "source 'report' has the unknown field 'langauge'",
        ),
    ],
)
def test_a_mistake_names_the_file_line_and_field(tmp_path, change, says):
    with pytest.raises(SourceError, match="sources.yml") as error:
        register(tmp_path, GOOD.replace(*change, 1))
    assert says in str(error.value)


def test_the_sites_register_is_valid_and_every_source_is_listed_somewhere():
    from tests.conftest import ROOT

    sources = load_register(ROOT / "docs" / "sources.yml")
    pages = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "docs").rglob("*.md"))
    unlisted = [source_id for source_id in sources if f" {source_id} " not in pages.replace("-->", " -->")]
    assert sources and unlisted == []
