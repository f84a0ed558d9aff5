"""How to cite a page or a chart, the licence of the site's own work, and a page's dates.

Every story page and every chart page ends with a suggested citation (publisher, title, site,
dates, address) and the licence of the site's text and charts; the data keeps its own credit
(the source and its licence, from the story's settings). The dates come from git history
(scripts/generator/safety_hooks.py: `commit_days`): published is the day of the first commit
of the page's file, updated the day of its last. Built without history (a tarball), a page has
no dates, and its citation says so rather than inventing one.
"""

from __future__ import annotations

import datetime
from html import escape

from scripts.generator.publisher import Details

# Our own text and charts. The data's licence (UNHCR's) is the source's, stated beside it.
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def day_text(day: datetime.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def dates_html(published: datetime.date | None, updated: datetime.date | None) -> str:
    """The line under a story page's headline: when it was published and last updated."""
    if published is None:
        return ""
    parts = [f'Published <time datetime="{published.isoformat()}">{day_text(published)}</time>']
    if updated is not None and updated != published:
        parts.append(f'updated <time datetime="{updated.isoformat()}">{day_text(updated)}</time>')
    return f'<p class="page-dates">{" · ".join(parts)}</p>'


def citation_html(
    title: str,
    site_name: str,
    details: Details,
    published: datetime.date | None,
    updated: datetime.date | None,
    url: str,
    data_credit: str,
    what: str = "page",
) -> str:
    """The suggested citation and the licences, as a footer of the page or chart (HTML, escaped here)."""
    publisher = details.publisher
    who = escape(publisher.name) if publisher else "[publisher not set in this copy]"
    when = day_text(published) if published else "[no date: built without git history]"
    parts = [f"{who}. “{escape(title)}”. <cite>{escape(site_name)}</cite>. Published {when}"]
    if published and updated and updated != published:
        parts[0] += f", updated {day_text(updated)}"
    parts[0] += "."
    if url:
        parts.append(f'<a href="{escape(url)}">{escape(url)}</a>.')
    else:
        parts.append("[address: given when the site is published]")
    citation = " ".join(parts)
    return (
        f'<aside class="citation" aria-labelledby="citation-{what}">'
        f'<h2 id="citation-{what}" class="citation__title">How to cite this {escape(what)}</h2>'
        f'<p class="citation__text">{citation}</p>'
        f'<p class="citation__licence">Our text and charts may be reused under '
        f'<a href="{LICENCE_URL}" rel="license">{LICENCE}</a>, with this credit. {escape(data_credit)}</p>'
        "</aside>"
    )
