"""A fact check as records: one record per claim, in a YAML file beside its page, shown by <!-- md:claims name -->.

docs/<name>.claims.yml holds the verdicts the page explains and the records:

    verdicts: [accurate, misleading, wrong, cannot be checked]
    claims:
      - title: Year-end counts
        claim: Asylum-seekers numbered <q cite="#source-article">{{ claimed_from_count }} in …</q>.
        claimed_by: The article, citing UNHCR      # who made the claim
        source: article                            # where it was published: an id of docs/sources.yml
        shows: "{{ asylum_seekers_claim_from }} at the end of {{ claim_from_year }} …"
        computed_from: "`china_by_year.csv`, column `asylum_seekers` (stock), rows …"
        verdict: "{{ verdict_counts }}"            # computed from the data, or written: accurate, …
        why: The figures are UNHCR's …

Every text may hold {{ figure }} placeholders, filled from the figures when the
page is built. A claimed (third-party) number is a figure named claimed_…,
typed once in the story's code, and may stand only inside a marked quotation
<q cite="#source-…">…</q>. The records know nothing of how they are shown: `filled`
gives each record's fields, `cards` the cards a page shows, one a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml

from scripts.generator import paths, project, yaml_loader
from scripts.generator.errors import BuildError
from scripts.generator.sources import date_text
from scripts.generator.typed_numbers import typed_numbers

FIELDS = ("title", "claim", "claimed_by", "source", "shows", "computed_from", "verdict", "why")
TEXT_FIELDS = ("title", "claim", "claimed_by", "shows", "computed_from", "why")
PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}")
QUOTATION = re.compile(r"<q\b[^>]*>.*?</q>", re.S)
CLAIMED = re.compile(r"\{\{\s*claimed_\w+\s*\}\}")
NAME = re.compile(r"[a-z][a-z0-9_-]*")


class ClaimsError(BuildError):
    """A records file holds a mistake; the message names the file, the line and the field."""


@dataclass(frozen=True)
class Claim:
    fields: dict[str, str]
    lines: dict[str, int]  # field -> line in the file, for messages


@dataclass(frozen=True)
class Records:
    path: Path
    verdicts: tuple[str, ...]
    claims: tuple[Claim, ...]


def records_path(name: str) -> Path:
    return paths.DOCS / f"{name}.claims.yml"


def claimed_outside_quotes(text: str) -> list[tuple[int, str]]:
    """The claimed_… placeholders of a text that stand outside a marked quotation, as (line, placeholder);
    a quotation may run over several lines."""
    outside = QUOTATION.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text)
    return [(outside.count("\n", 0, match.start()) + 1, match.group(0)) for match in CLAIMED.finditer(outside)]


def load_records(path: Path, latest_year: int, source_ids: set[str]) -> Records:
    where = paths.shown(path)
    try:
        node = yaml_loader.compose(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ClaimsError(f"{where}: missing") from None
    except yaml.YAMLError as error:
        raise ClaimsError(f"{where}: not valid YAML: {error}") from None
    top = {key.value: value for key, value in node.value} if isinstance(node, yaml.MappingNode) else {}
    verdicts_node, claims_node = top.get("verdicts"), top.get("claims")
    if not isinstance(verdicts_node, yaml.SequenceNode) or not isinstance(claims_node, yaml.SequenceNode):
        raise ClaimsError(f"{where}: the file maps 'verdicts' to a list of words and 'claims' to a list of records")
    verdicts = tuple(str(item.value) for item in verdicts_node.value)
    problems, claims = [], []
    for record in claims_node.value:
        line = record.start_mark.line + 1
        if not isinstance(record, yaml.MappingNode):
            problems.append(f"{where}:{line}: a claim is a mapping of the fields {', '.join(FIELDS)}")
            continue
        fields = {key.value: value for key, value in record.value}
        problems += [f"{where}:{line}: a claim has no '{name}'" for name in FIELDS if name not in fields]
        problems += [
            f"{where}:{fields[name].start_mark.line + 1}: unknown field '{name}'"
            for name in fields.keys() - set(FIELDS)
        ]
        values, lines = {}, {}
        for name in FIELDS:
            if name not in fields:
                continue
            item = fields[name]
            lines[name] = item.start_mark.line + 1
            if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                problems.append(f"{where}:{lines[name]}: '{name}' must be a text")
                continue
            values[name] = " ".join(str(item.value).split())
        problems += field_problems(values, lines, where, verdicts, latest_year, source_ids)
        claims.append(Claim(values, lines))
    if problems:
        raise ClaimsError("\n".join(problems))
    return Records(path, verdicts, tuple(claims))


def field_problems(values, lines, where, verdicts, latest_year, source_ids) -> list[str]:
    problems = []
    ids = {f"source-{source_id}" for source_id in source_ids}
    for name in TEXT_FIELDS:
        text = values.get(name)
        if text is None:
            continue
        for _, what in typed_numbers(text, latest_year, ids):
            problems.append(f"{where}:{lines[name]}: {name}: {what}")
        for _, found in claimed_outside_quotes(text):
            problems.append(f"{where}:{lines[name]}: {name}: {found} is a claimed number: it stands only in <q cite=…>")
    if "source" in values and values["source"] not in source_ids:
        problems.append(f"{where}:{lines['source']}: source '{values['source']}' is not in docs/sources.yml")
    verdict = values.get("verdict", "")
    if verdict and not PLACEHOLDER.fullmatch(verdict) and verdict not in verdicts:
        problems.append(
            f"{where}:{lines['verdict']}: verdict '{verdict}' is neither one of {', '.join(verdicts)} nor a {{{{ figure }}}}"
        )
    return problems


def filled(records: Records, figures: dict, register: dict, wording) -> list[dict[str, str]]:
    """Each claim's fields with their placeholders filled (Markdown), and `published`: where the claim
    appeared, as a link to its source; a mistake names the file and line."""
    where = paths.shown(records.path)
    result = []
    for claim in records.claims:

        def fill(name: str) -> str:
            def figure(match: re.Match) -> str:
                if match.group(1) not in figures:
                    raise ClaimsError(
                        f"{where}:{claim.lines[name]}: {name}: unknown figure '{{{{ {match.group(1)} }}}}'; "
                        f"every figure is listed in {project.settings().catalogue}"
                    )
                return wording.write(figures[match.group(1)])

            return PLACEHOLDER.sub(figure, claim.fields[name])

        verdict = fill("verdict")
        if verdict not in records.verdicts:
            raise ClaimsError(
                f"{where}:{claim.lines['verdict']}: the verdict came out as '{verdict}', not one of the verdicts"
            )
        source = register[claim.fields["source"]]
        published = f'{source.publisher}, <time datetime="{source.date}">{date_text(source.date)}</time>'
        fields = {name: fill(name) for name in TEXT_FIELDS}
        result.append(fields | {"verdict": verdict, "published": f"[{published}](#source-{source.id})"})
    return result


# A card's parts, in the order a reader (and a screen reader) meets them; the labels are the table's.
CARD_LABELS = {
    "claim": "The claim",
    "shows": "What the data shows",
    "computed_from": "How we computed it",
    "why": "Why this verdict",
}


def inline(text: str) -> str:
    """A field's Markdown as inline HTML (its quotations, dates and links kept; the page's checks read it)."""
    import markdown as python_markdown

    html = python_markdown.markdown(text)
    return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1 else html


def cards(records: Records, figures: dict, register: dict, wording, name: str) -> str:
    """The records as cards, one a claim, in order: an article with the claim's title and verdict in its
    summary, which opens on the claim, what the data shows, how we computed it and why. The fields are
    contributors' Markdown made HTML, as a table's cells were; the finished page is checked like any other."""
    out = [f'<div class="claims" id="claims-{name}">']
    for number, claim in enumerate(filled(records, figures, register, wording), start=1):
        verdict = claim["verdict"]
        slug = re.sub(r"[^a-z]+", "-", verdict.lower()).strip("-")
        heading = f"claim-{name}-{number}"
        parts = "".join(
            f"<dt>{label}</dt><dd>{inline(claim[field])}"
            + (
                f' <span class="claim__by">Claimed by: {inline(claim["claimed_by"])}; in '
                f"{inline(claim['published'])}.</span>"
                if field == "claim"
                else ""
            )
            + "</dd>"
            for field, label in CARD_LABELS.items()
        )
        out.append(
            f'<article class="claim claim--{slug}" aria-labelledby="{heading}">'
            f"<details><summary>"
            f'<span class="claim__title" id="{heading}">{inline(claim["title"])}</span> '
            f'<span class="claim__verdict"><span class="claim__verdict-label">Verdict:</span> {escape(verdict)}</span>'
            f"</summary>"
            f'<dl class="claim__parts">{parts}</dl>'
            f"</details></article>"
        )
    out.append("</div>")
    return "\n".join(out)
