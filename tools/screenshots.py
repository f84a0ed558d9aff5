"""Take screenshots of built pages, desktop and phone, light and dark, for a person to look at.

    python -m tools.screenshots [SITE_DIR] [OUT_DIR] [PAGE ...]

Serves SITE_DIR (default site/) on the loopback interface and drives Debian's
chromium with Playwright. Pages are paths such as "" (home) or "methodology/".
"""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.generator import paths
from tools.browser import launch_chromium, scroll_through, serve_directory

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


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else paths.SITE
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else paths.BUILD / "screenshots"
    pages = sys.argv[3:] or [""]
    for path in take(site, out, pages):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
