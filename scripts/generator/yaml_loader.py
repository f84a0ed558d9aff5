"""The YAML loader every file the build reads goes through: PyYAML's safe loader, in C when PyYAML has
it (libyaml: about ten times faster, the same nodes and line numbers), else in Python."""

from __future__ import annotations

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    return yaml.load(text, Loader=SAFE_LOADER)


def compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=SAFE_LOADER)
