"""MkDocs hooks (see `hooks:` in mkdocs.yml): the bridge from the pipeline to the pages.

- Before the build, run the data pipeline (it skips itself when nothing changed)
  and load its figures and chart texts.
- Add the pipeline's outputs and the Vega runtime to the site as files.
- Expand shortcodes in pages, and stop the build, naming page and line,
  on anything it does not know:
      {{ figure_name }}             a figure from scripts/figures.py, formatted
      <!-- md:chart chart_id -->    a chart from charts/<chart_id>.py
      <!-- md:table table_name -->  a table from scripts/page_tables.py
- After the build, report every chart that no page uses.
"""

from __future__ import annotations

import difflib
import html
import json
import logging
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # mkdocs loads this file by path
    sys.path.insert(0, str(ROOT))

from scripts import paths  # noqa: E402
from scripts.figures import Figure, read_figures  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site")

FIGURE = re.compile(r"\{\{\s*(.*?)\s*\}\}")
SHORTCODE = re.compile(r"<!--\s*md:(\S+)\s*(.*?)\s*-->")
FENCE = re.compile(r"^\s*(```|~~~)")
VENDOR = {  # file in node_modules -> where the site serves it
    "vega/build/vega.min.js": "assets/vendor/vega.min.js",
    "vega/LICENSE": "assets/vendor/vega.LICENSE.txt",
    "vega-interpreter/LICENSE": "assets/vendor/vega-interpreter.LICENSE.txt",
}
# vega-interpreter evaluates chart expressions without eval(), so the pages'
# Content-Security-Policy can forbid eval. npm ships it only as an ES module
# importing vega-util, whose functions the vega bundle already exposes.
INTERPRETER = ("vega-interpreter/build/vega-interpreter.js", "assets/vendor/vega-interpreter.js")
ESM_IMPORT = re.compile(r"^import \{([\w\s,]+)\} from 'vega-util';$", re.M)
ESM_EXPORT = re.compile(r"^export \{ expression as expressionInterpreter \};$", re.M)

state: dict = {"figures": {}, "charts": {}, "used": {}}


def on_config(config):
    result = subprocess.run(
        [sys.executable, "-m", "scripts.pipeline"], cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise PluginError(result.stderr.strip() or result.stdout.strip() or "the data pipeline failed")
    state["figures"] = read_figures(paths.FIGURES_FILE)
    state["charts"] = json.loads((paths.SPECS / "index.json").read_text(encoding="utf-8"))
    state["used"] = {}
    return config


def on_files(files: Files, config) -> Files:
    generated = {f"assets/charts/{path.name}": path for path in sorted(paths.SPECS.glob("*.vg.json"))}
    generated |= {f"data/{path.name}": path for path in sorted(paths.DERIVED.glob("*.csv"))}
    for source, target in VENDOR.items():
        path = paths.NODE_MODULES / source
        if not path.is_file():
            raise PluginError(f"{paths.shown(path)} is missing: run `make site`, which installs it with `npm ci`")
        generated[target] = path
    for uri, path in generated.items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    source, target = INTERPRETER
    files.append(File.generated(config, target, content=as_browser_global(paths.NODE_MODULES / source)))
    return files


def as_browser_global(path: Path) -> str:
    """Turn the vega-interpreter ES module into a script that sets window.vegaInterpreter."""
    code = path.read_text(encoding="utf-8")
    if len(ESM_IMPORT.findall(code)) != 1 or len(ESM_EXPORT.findall(code)) != 1:
        raise PluginError(f"{paths.shown(path)}: not the module shape this hook expects; check the vega-interpreter version")
    code = ESM_IMPORT.sub(lambda match: f"const {{{match.group(1)}}} = window.vega;", code)
    code = ESM_EXPORT.sub("window.vegaInterpreter = { expressionInterpreter: expression };", code)
    return f"(function () {{\n{code}\n}})();\n"


def on_page_markdown(markdown: str, page, config, files) -> str:
    where = f"docs/{page.file.src_uri}"
    lines = markdown.split("\n")
    in_fence = False
    first = 1 + front_matter_lines(page, markdown)
    for index, line in enumerate(lines):
        number = first + index
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence:  # code samples show shortcodes, they do not use them
            continue
        line = SHORTCODE.sub(lambda match: _shortcode(match, where, number, page), line)
        lines[index] = FIGURE.sub(lambda match: _figure(match.group(1), where, number), line)
    return "\n".join(lines)


def front_matter_lines(page, markdown: str) -> int:
    """MkDocs hands hooks the page without its front matter; errors must count the lines of the file."""
    source = page.file.content_string
    return source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0


def on_post_build(config) -> None:
    for chart_id in sorted(set(state["charts"]) - set(state["used"])):
        log.warning(f"chart '{chart_id}' (charts/{chart_id}.py) is not used by any page: add <!-- md:chart {chart_id} -->")


def _figure(name: str, where: str, number: int) -> str:
    figures: dict[str, Figure] = state["figures"]
    if name not in figures:
        hint = _did_you_mean(name, figures)
        raise PluginError(f"{where}:{number}: unknown figure '{{{{ {name} }}}}'.{hint} Figures are defined in scripts/figures.py")
    return figures[name].text


def _shortcode(match: re.Match, where: str, number: int, page) -> str:
    kind, argument = match.group(1), match.group(2)
    if kind == "table":
        return _table(argument, where, number)
    if kind != "chart":
        raise PluginError(
            f"{where}:{number}: unknown shortcode 'md:{kind}'; "
            "the shortcodes are <!-- md:chart chart_id --> and <!-- md:table table_name -->"
        )
    if argument not in state["charts"]:
        hint = _did_you_mean(argument, state["charts"])
        raise PluginError(f"{where}:{number}: unknown chart id '{argument}'.{hint} Charts are the files in charts/")
    state["used"].setdefault(argument, []).append(where)
    return chart_html(argument, state["charts"][argument], page.url)


def _table(name: str, where: str, number: int) -> str:
    path = paths.PAGE_TABLES / f"{name}.md"
    if not path.is_file():
        known = [p.stem for p in paths.PAGE_TABLES.glob("*.md")]
        raise PluginError(f"{where}:{number}: unknown table '{name}'.{_did_you_mean(name, known)} Tables are defined in scripts/page_tables.py")
    return "\n\n" + path.read_text(encoding="utf-8") + "\n"


def chart_html(chart_id: str, chart: dict, page_url: str) -> str:
    def url(target: str) -> str:
        return get_relative_url(target, page_url)

    e = html.escape
    notes = "".join(f'<li>{e(note)}</li>' for note in chart["notes"])
    release = state["figures"]["release"].text
    return (
        f'\n\n<figure class="chart" id="{chart_id}" data-chart="{chart_id}">\n'
        f'<figcaption class="chart__header">'
        f'<a class="chart__title" href="#{chart_id}">{e(chart["title"])}</a>'
        f'<span class="chart__subtitle">{e(chart["subtitle"])}</span></figcaption>\n'
        f'<div class="chart__view" role="img" aria-label="{e(chart["title"])}. {e(chart["description"])}" '
        f'style="height:{chart["height"]}px" '
        f'data-spec-light="{url(f"assets/charts/{chart_id}.light.vg.json")}" '
        f'data-spec-dark="{url(f"assets/charts/{chart_id}.dark.vg.json")}"></div>\n'
        f'<div class="chart__footer"><p class="chart__measure">{e(chart["measure_label"])}.</p>'
        + (f'<ul class="chart__notes">{notes}</ul>' if notes else "")
        + f'<p class="chart__source">{e(chart["source"])}, release {e(release)} (CC BY 4.0). '
        f'<a href="{url("data/" + chart["data"] + ".csv")}" download>Download the data (CSV)</a></p></div>\n'
        f"</figure>\n\n"
    )


def _did_you_mean(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" Did you mean '{close[0]}'?" if close else ""
