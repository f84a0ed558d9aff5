"""The words the build writes besides the pages: docs/texts.<language>.yml, one file per language.

The code asks for a text by its keys, `texts("tables", "any", "year")`, and fills its
{placeholders}; a missing key stops the build naming the file and the key. A second
language adds its own file with the same keys (docs/texts.zh.yml), and no code changes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from scripts.generator import paths, yaml_loader
from scripts.generator.errors import BuildError

DEFAULT_LANGUAGE = "en"


class TextsError(BuildError):
    """A text the code asks for is missing or is not a text; the message names the file and the key."""


def texts_file(language: str = DEFAULT_LANGUAGE) -> Path:
    return paths.DOCS / f"texts.{language}.yml"


@lru_cache(maxsize=None)
def load(path: Path) -> dict:
    _, data = yaml_loader.read_mapping(
        path, TextsError, "holds the words the build writes into pages", "a mapping of keys to texts"
    )
    return data


class Texts:
    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.path = texts_file(language)

    def section(self, *keys: str):
        """What the keys lead to (a text, or a mapping of texts)."""
        node = load(self.path)
        for depth, key in enumerate(keys):
            if not isinstance(node, dict) or key not in node:
                raise TextsError(f"{paths.shown(self.path)}: no text at {'.'.join(keys[: depth + 1])}")
            node = node[key]
        return node

    def __call__(self, *keys: str, **values) -> str:
        text = self.section(*keys)
        if not isinstance(text, str):
            raise TextsError(f"{paths.shown(self.path)}: {'.'.join(keys)} is not a text")
        wanted = set(re.findall(r"\{(\w+)\}", text))
        if wanted - set(values):
            missing = ", ".join(sorted(wanted - set(values)))
            raise TextsError(
                f"{paths.shown(self.path)}: {'.'.join(keys)} asks for {{{missing}}}, which the code does not give"
            )
        return text.format(**values) if wanted else text
