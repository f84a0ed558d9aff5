"""Take screenshots of built pages, desktop and phone, light and dark, for a person to look at.

    python -m tools.screenshots [SITE_DIR] [OUT_DIR] [PAGE ...]
    python -m tools.screenshots --charts [SITE_DIR] [OUT_DIR]

Serves SITE_DIR (default site/) on the loopback interface and drives Debian's
chromium with Playwright. Pages are paths such as "" (home) or "methodology/".
With --charts: every chart's figure on its own page, desktop and phone, light and
dark, as first shown (the static drawing) and once drawn (the interactive view),
with what the text check (tools/chart_text.py) finds printed beside each.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.generator import paths
from tools.browser import launch_chromium, scroll_through, serve_directory, wait_for
from tools.chart_text import text_problems

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
SCHEMES = ("light", "dark")


def take(site: Path, out: Path, pages: list[str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    taken = []
    with serve_directory(site) as base_url, launch_chromium() as browser:
        for page_path in pages:
            for device, viewport in VIEWPORTS.items():
                for scheme in SCHEMES:
                    context = browser.new_context(viewport=viewport, color_scheme=scheme, device_scale_factor=1)
                    page = context.new_page()
                    page.goto(base_url + page_path, wait_until="networkidle")
                    scroll_through(page)
                    name = (page_path.strip("/").replace("/", "_") or "home") + f"-{device}-{scheme}.png"
                    page.screenshot(path=out / name, full_page=True)
                    taken.append(out / name)
                    context.close()
    return taken


def take_charts(site: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    taken = []
    charts = sorted(path.name for path in (site / "charts").iterdir() if path.is_dir())
    with serve_directory(site) as base_url, launch_chromium() as browser:
        for device, viewport in VIEWPORTS.items():
            for scheme in SCHEMES:
                context = browser.new_context(viewport=viewport, color_scheme=scheme, device_scale_factor=1)
                page = context.new_page()
                for chart_id in charts:
                    for state in ("static", "interactive"):
                        page.goto(f"{base_url}charts/{chart_id}/", wait_until="networkidle")
                        figure = page.locator("figure.chart").first
                        selector = ".chart__static img"
                        if state == "interactive":
                            box = figure.locator(".chart__view").bounding_box()
                            page.mouse.move(box["x"] + 2, box["y"] + 2)
                            wait_for(lambda: page.locator(".chart__view--drawn").count() == 1, what=chart_id)
                            page.mouse.move(0, 0)
                            selector = ".chart__view--drawn svg"
                        name = f"{chart_id}-{device}-{scheme}-{state}.png"
                        figure.screenshot(path=out / name)
                        taken.append(out / name)
                        for problem in text_problems(page, selector) if state == "interactive" else []:
                            print(f"{name}: {problem}")
                context.close()
    return taken


def main() -> int:
    if sys.argv[1:2] == ["--charts"]:
        del sys.argv[1]
        site = Path(sys.argv[1]) if len(sys.argv) > 1 else paths.SITE
        out = Path(sys.argv[2]) if len(sys.argv) > 2 else paths.BUILD / "screenshots" / "charts"
        print(f"{len(take_charts(site, out))} screenshots of the charts in {out}")
        return 0
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else paths.SITE
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else paths.BUILD / "screenshots"
    pages = sys.argv[3:] or [""]
    for path in take(site, out, pages):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
