"""Build the whole site into site/, or change nothing.

The pipeline runs first (from the MkDocs hook); MkDocs builds with --strict
into a staging folder, and only a complete build replaces site/. Any error
(bad data, a broken page, an unknown chart or figure) stops the build with
its message, and the last good site/ stays exactly as it was.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts import paths


def build(site: Path = paths.SITE) -> bool:
    paths.BUILD.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="site-", dir=paths.BUILD))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging)],
            cwd=paths.ROOT,
        )
        if result.returncode != 0:
            print(f"\nThe build failed; {paths.shown(site)}/ is unchanged.", file=sys.stderr)
            return False
        staging.chmod(0o755)
        swap(staging, site)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Built the site into {paths.shown(site)}/")
    return True


def swap(new: Path, site: Path) -> None:
    old = paths.BUILD / "site.old"
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(0 if build() else 1)
