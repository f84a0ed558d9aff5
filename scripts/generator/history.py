"""When a file was first and last committed: a page's publication and update dates, from git history.

One `git log` answers for every file of a folder and is asked once per folder and build
(`forget` starts a new build). Without git history (a tarball) every answer is (None, None).
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

_folders: dict[Path, dict[str, tuple[datetime.date, datetime.date]]] = {}


def forget() -> None:
    _folders.clear()


def file_days(path: Path) -> tuple[datetime.date | None, datetime.date | None]:
    """The days of the first and the last commit that changed the file, or (None, None)."""
    folder = path.parent.resolve()
    if folder not in _folders:
        _folders[folder] = commit_days(folder)
    return _folders[folder].get(path.resolve().relative_to(folder).as_posix(), (None, None))


def commit_days(folder: Path) -> dict[str, tuple[datetime.date, datetime.date]]:
    """For each file under folder that git knows: the days of the first and the last commit that changed it
    (renames are not followed: a renamed file is first published under its new name)."""
    try:
        result = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--relative", "--no-renames", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    days: dict[str, tuple[datetime.date, datetime.date]] = {}
    for commit in result.stdout.split("\0")[1:]:
        lines = commit.strip().splitlines()
        if not lines:
            continue
        day = datetime.date.fromisoformat(lines[0].strip())
        for name in (line.strip() for line in lines[1:]):
            if name:  # newest first: the first date seen is the last change, the last one seen the first
                days[name] = (day, days[name][1] if name in days else day)
    return days
