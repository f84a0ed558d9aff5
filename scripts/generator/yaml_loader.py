"""The YAML loader every file the build reads goes through: PyYAML's safe loader, in C when PyYAML has
it (libyaml: about ten times faster, the same nodes and line numbers), else in Python."""

from __future__ import annotations

from pathlib import Path

import yaml

from scripts.generator import paths

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    return yaml.load(text, Loader=SAFE_LOADER)


def compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=SAFE_LOADER)


def read_mapping(path: Path, error: type[Exception], holds: str, expected: str) -> tuple[str, dict]:
    """A YAML file whose top is a mapping, as (its text, the mapping); a missing or broken file raises
    `error` naming it: what it holds (when missing), what its top should be (when it is not a mapping)."""
    where = paths.shown(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = safe_load(text)
    except FileNotFoundError:
        raise error(f"{where}: missing; it {holds}") from None
    except yaml.YAMLError as problem:
        raise error(f"{where}: not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise error(f"{where}: expected {expected}")
    return text, data
