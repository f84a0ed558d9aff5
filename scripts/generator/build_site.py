"""Build the whole site into site/, or change nothing.

Run as `python -m scripts.generator.build_site [--config-file mkdocs.yml] [--site-dir site]`.

1. Check every string a contributor controls outside the pages' bodies (front
   matter, nav titles, the text strings of mkdocs.yml, chart texts, the
   configuration's hooks and plugins, files served as they are): see
   scripts/generator/contributed_text.py.
2. MkDocs builds with --strict into a staging folder, in this process (the
   pipeline runs from its hook, the page rules from
   scripts/generator/safety_hooks.py); then no number may be typed by hand
   (scripts/generator/typed_numbers.py).
3. The finished HTML is checked as a browser parses it and given its
   Content-Security-Policy and referrer policy (scripts/generator/finished_html.py). This
   step is outside MkDocs, so it holds whatever renders the pages.
4. Only then does the staging folder replace site/. Any error (bad data, a broken
   page, an unknown chart or figure, a forbidden thing) stops the build with its
   message, and the last good site/ stays exactly as it was.

A page that passed a check at an earlier build, byte for byte and with the same
generator code, is not checked again (scripts/generator/memo.py): after a one-page
edit only that page is.

The same commit always builds the same bytes: SOURCE_DATE_EPOCH (which MkDocs
uses for the sitemap's dates and its gzip header) is the date of the last
commit, or, without git history (a tarball), of the newest source file; every
file in site/ gets that date as its modification time too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.generator import paths, publisher
from scripts.generator.contributed_text import ContributionError, check_contributions, check_prose
from scripts.generator.finished_html import SiteError, SourceFinder, seal_site
from scripts.generator.pipeline import digest

# What the site is built from: the project's files, and the generator's (the same folder unless
# SITE_PROJECT names another project; see scripts/generator/paths.py).
SOURCES = ("docs", "charts", "data", "scripts", "overrides", "mkdocs.yml", "pyproject.toml")
CODE_SOURCES = ("scripts", "overrides", "requirements.txt", "package-lock.json")


def build(site: Path = paths.SITE, config: Path = paths.ROOT / "mkdocs.yml") -> bool:
    paths.BUILD.mkdir(exist_ok=True)
    epoch = source_date_epoch()
    inputs = inputs_digest(epoch)
    default = site == paths.SITE and config == paths.ROOT / "mkdocs.yml"
    stamp = paths.BUILD / "site.inputs.sha256"
    if default and (site / "index.html").is_file() and stamp.is_file() and stamp.read_text() == inputs:
        print(f"{paths.shown(site)}/ is up to date: nothing it is built from has changed")
        return True
    stamp.unlink(missing_ok=True)
    try:
        docs = check_contributions(config)
    except ContributionError as error:
        print(f"error: {error}\n\nThe build failed; {paths.shown(site)}/ is unchanged.", file=sys.stderr)
        return False
    staging = Path(tempfile.mkdtemp(prefix="site-", dir=paths.BUILD))
    try:
        if not run_mkdocs(config, staging, epoch):
            print(f"\nThe build failed; {paths.shown(site)}/ is unchanged.", file=sys.stderr)
            return False
        try:
            check_prose(config)
        except ContributionError as error:
            print(f"error: {error}\n\nThe build failed; {paths.shown(site)}/ is unchanged.", file=sys.stderr)
            return False
        try:
            seal_site(staging, SourceFinder(paths.ROOT, docs, config))
        except SiteError as error:
            print(
                f"error: the finished pages hold what readers must not get:\n{error}\n"
                "See 'What the checks say' in CONTRIBUTING.md.\n\n"
                f"The build failed; {paths.shown(site)}/ is unchanged.",
                file=sys.stderr,
            )
            return False
        staging.chmod(0o755)
        set_times(staging, epoch)
        swap(staging, site)
        if default:
            stamp.write_text(inputs)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Built the site into {paths.shown(site)}/")
    return True


def run_mkdocs(config: Path, staging: Path, epoch: int) -> bool:
    """`mkdocs build --strict` into staging, in this process (a second Python would cost a start and
    the imports this one has made); its messages as the command prints them."""
    import logging

    from mkdocs import config as mkdocs_config
    from mkdocs.__main__ import ColorFormatter
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort, MkDocsException

    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)  # MkDocs dates the sitemap and its gzip header with it
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    here = Path.cwd()
    os.chdir(paths.ROOT)
    try:
        chosen = mkdocs_config.load_config(config_file=str(config), site_dir=str(staging), strict=True)
        chosen.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(chosen)
        finally:
            chosen.plugins.on_shutdown()
    except Abort as error:
        print(f"\n{error.format_message()}", file=sys.stderr)
        return False
    except MkDocsException as error:
        print(f"Error: {error.format_message()}", file=sys.stderr)
        return False
    finally:
        os.chdir(here)
        logger.removeHandler(handler)
    return True


def inputs_digest(epoch: int, root: Path = paths.ROOT) -> str:
    """Everything site/ is made from: the source files, the build date, the site's address, the edit links' and
    the publisher's details (scripts/generator/publisher.py)."""
    settings = [os.environ.get("SITE_URL", ""), os.environ.get("EDIT_URI", ""), *publisher.fingerprint_of_inputs()]
    return digest(source_files(root), str(epoch), *settings)


def source_files(root: Path = paths.ROOT, with_code: bool = True) -> list[Path]:
    """The project's source files under root, and (with_code) the generator's own."""
    places = [root / name for name in SOURCES] + ([paths.CODE / name for name in CODE_SOURCES] if with_code else [])
    files = []
    for path in dict.fromkeys(places):
        found = path.rglob("*") if path.is_dir() else [path]
        files += sorted(f for f in found if f.is_file() and "__pycache__" not in f.parts)
    return list(dict.fromkeys(files))


def source_date_epoch(root: Path = paths.ROOT) -> int:
    """SOURCE_DATE_EPOCH if set; else the last commit's date; else the newest source file's."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    commit = last_commit_time(root)
    if commit is not None:
        return commit
    return max((int(file.stat().st_mtime) for file in source_files(root, with_code=False)), default=0)


def last_commit_time(root: Path) -> int | None:
    """The committer date of HEAD, when root is the top of a git work tree; else None."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True)
        if top.returncode != 0 or Path(top.stdout.strip()).resolve() != root.resolve():
            return None  # no git, or a copy inside some other repository
        log = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True)
    except OSError:
        return None
    return int(log.stdout.strip()) if log.returncode == 0 and log.stdout.strip().isdigit() else None


def set_times(folder: Path, epoch: int) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        os.utime(path, (epoch, epoch), follow_symlinks=False)
    os.utime(folder, (epoch, epoch))


def swap(new: Path, site: Path) -> None:
    old = site.with_name(f".{site.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    shutil.move(new, site)  # a rename, unless site/ is on another file system (tests build into /tmp)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m scripts.generator.build_site", description="Build the site, or change nothing."
    )
    parser.add_argument("--config-file", type=Path, default=paths.ROOT / "mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, default=paths.SITE)
    args = parser.parse_args(argv)
    return 0 if build(args.site_dir.resolve(), args.config_file.resolve()) else 1


if __name__ == "__main__":
    sys.exit(main())
