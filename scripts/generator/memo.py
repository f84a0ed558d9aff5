"""Checks already passed: after a one-page edit, only that page is checked again.

Each check here is a pure function of what it reads. A result is remembered only when
the check passed, under a hash of the text checked, of the generator's whole code (any
change to any module of scripts/generator/ forgets everything) and of anything else the
check reads (`extra`: installed versions, the site's script files, the year). A text
that differs in one byte is checked again, and a failure is never remembered, so a
message is always the check's own. The memory lives in build/checked/<name>/, one file
per text, and keeps only what the last build used; deleting build/ forgets it.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from scripts.generator import paths

MEMORY = paths.BUILD / "checked"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The generator's own code: every module of scripts/generator/."""
    digest = hashlib.sha256()
    for module in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes() + b"\0")
    return digest.hexdigest()


class Memo:
    def __init__(self, name: str, *extra: str) -> None:
        self.folder = MEMORY / name
        salt = hashlib.sha256(code_digest().encode())
        for part in extra:
            salt.update(b"\0" + part.encode())
        self.salt = salt.digest()
        self.used: set[str] = set()

    def _key(self, text: str) -> str:
        return hashlib.sha256(self.salt + text.encode("utf-8")).hexdigest()

    def get(self, text: str) -> str | None:
        """What the check gave for this text when it passed, or None: check it."""
        key = self._key(text)
        try:
            value = (self.folder / key).read_text(encoding="utf-8")
        except OSError:
            return None
        self.used.add(key)
        return value

    def put(self, text: str, value: str = "") -> None:
        """The check passed on this text (and gave `value`)."""
        key = self._key(text)
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{key}.partial"
        partial.write_text(value, encoding="utf-8")
        partial.replace(self.folder / key)  # whole or absent, even if the build is stopped midway
        self.used.add(key)

    def forget_unused(self) -> None:
        """Keep only what this build used, so that the memory does not grow."""
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.name not in self.used:
                    path.unlink(missing_ok=True)
