"""The site's central promise, checked in the build: no number in prose is typed by hand.

A number a reader sees comes from the data, as a figure ({{ name }}), a chart or a
page table. What else may hold digits or quantity words:

- a marked quotation of a source, <q cite="#id">…</q> (the id names an element
  of the page) or a quote block (!!! quote "Source"), and a title in <cite>;
- the date of an event, in <time datetime="YYYY[-MM[-DD]]">…</time>, showing
  its own year (and day) and nothing else, in a year no later than the build's;
- code (`…` and fenced blocks), link targets, attribute lists and HTML tags;
- the words one to ten (and 一 to 十 alone), which name things rather than count them.

Numbers written in words count as typed, in English (eleven … ninety, hundred,
thousand, million, half, twice, tenfold …) and in Chinese (十 in a number, 百, 千,
万, 亿 …). Each fault is `file:line: what`; the build stops on the first page
that has any (scripts/generator/contributed_text.py runs this before MkDocs).
"""

from __future__ import annotations

import re

QUANTITY_WORDS = re.compile(
    r"\b(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|halves|twice|"
    r"thrice|\w+fold)\b",
    re.I,
)
CHINESE_DIGIT = "〇零一二三四五六七八九两兩"
CHINESE_POWER = "百千万萬亿億兆"
# A Chinese number: any run with 百 千 万 亿 …, or 十 with a digit beside it (二十, 十五); 十 alone is "ten".
CHINESE_NUMBER = re.compile(
    rf"[{CHINESE_DIGIT}十]*[{CHINESE_POWER}][{CHINESE_DIGIT}十{CHINESE_POWER}]*"
    rf"|[{CHINESE_DIGIT}]+十[{CHINESE_DIGIT}]*|十[{CHINESE_DIGIT}]+"
)
# Words that hold those characters without counting anything.
CHINESE_WORDS = ("老百姓", "百姓", "万一", "千万别", "千万不", "千方百计", "万分")

FENCE = re.compile(r"^\s*(```|~~~)")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
QUOTATION = re.compile(r"<q\b([^>]*)>(.*?)</q>", re.S | re.I)
CITE = re.compile(r"<cite\b[^>]*>.*?</cite>", re.S | re.I)
TIME = re.compile(r"<time\b([^>]*)>(.*?)</time>", re.S | re.I)
QUOTE_BLOCK = re.compile(r"^!!!\s+quote\b(.*)$")
SOURCES_SHORTCODE = re.compile(r"<!--\s*md:sources\s+(.*?)\s*-->")
IDS = re.compile(r'\bid\s*=\s*"([^"]+)"|\{:?\s*#([\w-]+)')
ALLOWED = (
    r"\{\{.*?\}\}",  # figures
    r"<!--.*?-->",  # shortcodes and comments
    r"`[^`\n]*`",  # inline code
    r"\]\([^)\s]*\)",  # link targets
    r"\{[:#.][^}]*\}",  # attribute lists
    r"<[^>]+>",  # HTML tags and their attributes
)
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
HINT = "put a figure in as {{ name }} (CONTRIBUTING.md, 'Put a data-bound figure in prose') or quote its source"


def attribute(name: str, tag_inside: str) -> str | None:
    match = re.search(rf'\b{name}\s*=\s*"([^"]*)"', tag_inside, re.I)
    return match.group(1) if match else None


def page_ids(text: str) -> set[str]:
    """The ids a page's Markdown gives: written ones, and headings' (as the toc extension makes them)."""
    ids = {a or b for a, b in IDS.findall(text)}
    for listed in SOURCES_SHORTCODE.findall(text):  # each source a page lists gets the id source-<id>
        ids.update(f"source-{source_id}" for source_id in listed.split())
    for heading in re.findall(r"^#+\s+(.+?)\s*$", text, re.M):
        ids.add(re.sub(r"[^\w\s-]", "", heading.lower()).strip().replace(" ", "-"))
    return ids


def blank(match: re.Match) -> str:
    """The match as spaces, its line breaks kept: what is allowed drops out, line numbers stay."""
    return re.sub(r"[^\n]", " ", match.group(0))


def typed_numbers(text: str, latest_year: int, extra_ids: set[str] = frozenset()) -> list[tuple[int, str]]:
    """Every fault of one page's Markdown (or of a text shown in one), as (line, what); extra_ids are
    ids the page has besides those its Markdown writes."""
    faults: list[tuple[int, str]] = []
    ids = page_ids(text) | set(extra_ids)
    offset = 0
    front = FRONT_MATTER.match(text)
    if front:  # titles and descriptions are prose too; the keys are not
        for number, line in enumerate(front.group(0).splitlines(), start=1):
            value = line.split(":", 1)[1] if ":" in line else ""
            faults += [(number, f"typed number {found!r} in the front matter") for found in numbers_in(value)]
        offset = front.group(0).count("\n")
        text = text[len(front.group(0)) :]
    text = without_code_and_quote_blocks(text, offset, faults)

    def line_of(match: re.Match) -> int:
        return offset + text.count("\n", 0, match.start()) + 1

    def quotation(match: re.Match) -> str:
        cite = (attribute("cite", match.group(1)) or "").strip()
        if not cite:
            faults.append((line_of(match), "<q> without a cite attribute naming its source"))
        elif cite.startswith("#") and cite[1:] not in ids:
            faults.append((line_of(match), f"<q cite={cite!r}> points to no element on the page"))
        elif not re.match(r"#|https?://", cite):
            faults.append((line_of(match), f"<q cite> must be an address or '#id': {cite!r}"))
        return blank(match)

    def date(match: re.Match) -> str:
        written = attribute("datetime", match.group(1))
        shown = re.sub(r"<[^>]+>", "", match.group(2))
        if not written or not DATE.fullmatch(written):
            faults.append((line_of(match), '<time> needs datetime="YYYY[-MM[-DD]]"'))
            return blank(match)
        parts = written.split("-")
        if int(parts[0]) > latest_year:
            faults.append((line_of(match), f"<time> year {parts[0]} is after {latest_year}, the year of this build"))
        if parts[0] not in shown:
            faults.append((line_of(match), f"<time datetime={written!r}> does not show its year: {shown!r}"))
        others = set(re.findall(r"\d+", shown)) - {parts[0]} - ({str(int(parts[2]))} if len(parts) == 3 else set())
        if others:
            faults.append((line_of(match), f"<time> shows numbers other than its date: {sorted(others)}"))
        return blank(match)

    text = QUOTATION.sub(quotation, text)
    text = CITE.sub(blank, text)
    text = TIME.sub(date, text)
    for pattern in ALLOWED:
        text = re.sub(pattern, blank, text, flags=re.S)
    for number, line in enumerate(text.split("\n"), start=offset + 1):
        faults += [(number, f"typed number {found!r}") for found in numbers_in(line)]
    return sorted(faults)


def numbers_in(text: str) -> list[str]:
    """Digits (any script's), and quantities in English or Chinese words."""
    found = [match.group(0) for match in re.finditer(r"\S*\d\S*", text)]
    found += [match.group(0) for match in QUANTITY_WORDS.finditer(text)]
    for word in CHINESE_WORDS:
        text = text.replace(word, " " * len(word))
    found += [match.group(0) for match in CHINESE_NUMBER.finditer(text)]
    return found


def without_code_and_quote_blocks(text: str, offset: int, faults: list) -> str:
    """Fenced code and quote blocks blanked; a quote block must name its source, without a number."""
    lines = text.split("\n")
    in_fence = in_quote = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_fence, lines[index] = not in_fence, ""
            continue
        if in_fence:
            lines[index] = ""
            continue
        quote = QUOTE_BLOCK.match(line)
        if quote:
            title = quote.group(1).strip().strip('"').strip()
            if not title:
                faults.append((offset + index + 1, "a quote block must name its source in its title"))
            elif numbers_in(title):
                faults.append((offset + index + 1, f"a quote block's title (its source) holds a number: {title!r}"))
            lines[index], in_quote = "", True
            continue
        if in_quote:
            if line.startswith("    ") or not line.strip():
                lines[index] = ""
                continue
            in_quote = False
    return "\n".join(lines)


def in_code_text(text: str) -> list[str]:
    """Typed numbers in a text written in code (a chart's TITLE, NOTES …): its {figure} placeholders aside."""
    text = re.sub(r"\{[a-z_][a-z0-9_]*\}", " ", text)
    text = TIME.sub(blank, QUOTATION.sub(blank, text))
    return numbers_in(re.sub(r"<[^>]+>", " ", text))
