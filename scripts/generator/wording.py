"""How a figure is written in a page's language: number format, ordinals, rounding, list joining,
articles, verdict words and country names.

The figure holds a value and a kind (scripts/generator/figures.py); a page asks the wording of
its own language to write it. The rules for numbers are code, one class per language (English
and Chinese today); the words are data, under `figures:` in docs/texts.<language>.yml:

    figures:
      and: and            # joins the last two items of a list
      list_separator: ", "
      none: none          # an empty list
      rounded: "about {n}"
      up: rose
      down: fell
      verdicts: {accurate: accurate, misleading: misleading, wrong: wrong, unverifiable: …}
      with_the: [United States, …]   # English: names that take "the" inside a sentence
      countries: {USA: 美国, …}        # a language whose names are not the data's: by ISO code

A country is written with the language's own name for its code when `countries` has one, and
with the data's name otherwise (English); a language that lists countries stops the build
naming any code it lacks.
"""

from __future__ import annotations

from scripts.generator import paths
from scripts.generator.errors import BuildError
from scripts.generator.figures import Figure
from scripts.generator.texts import DEFAULT_LANGUAGE, Texts


class WordingError(BuildError):
    """A figure cannot be written in the page's language: a word or a country name is missing."""


def _significant(value: int, digits: int = 2) -> int:
    """`value` rounded to `digits` significant figures (123,456 → 120,000)."""
    if value == 0:
        return 0
    size = len(str(abs(int(value))))
    step = 10 ** max(size - digits, 0)
    return int(round(value / step)) * step


class English:
    @staticmethod
    def count(value: int) -> str:
        return f"{int(value):,}"

    @staticmethod
    def rounded(value: int) -> str:
        return f"{_significant(int(value)):,}"

    @staticmethod
    def percent(value: float) -> str:
        return f"{float(value) * 100:,.1f}%"

    @staticmethod
    def ratio(value: float) -> str:
        return f"{float(value):.1f}"

    @staticmethod
    def rank(value: int) -> str:
        number = int(value)
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"


class Chinese(English):
    """Chinese numbers as Chinese news sites write them: digits with thousands separators
    (12,345), 第5 for a rank, and 万 (ten thousand) and 亿 (a hundred million) for round numbers."""

    @staticmethod
    def rank(value: int) -> str:
        return f"第{int(value)}"

    @staticmethod
    def rounded(value: int) -> str:
        number = _significant(int(value))
        for unit, size in (("亿", 10**8), ("万", 10**4)):
            if number >= size:
                return f"{number / size:g}{unit}"
        return str(number)


NUMBERS = {"en": English, "zh": Chinese}


class Wording:
    def __init__(self, language: str, words: dict, where: str = "") -> None:
        if language not in NUMBERS:
            raise WordingError(
                f"no number rules for language '{language}' (scripts/generator/wording.py has {', '.join(NUMBERS)})"
            )
        self.language = language
        self.numbers = NUMBERS[language]
        self.words = words
        self.where = where or f"docs/texts.{language}.yml"

    @classmethod
    def for_language(cls, language: str = DEFAULT_LANGUAGE) -> "Wording":
        texts = Texts(language)
        return cls(language, texts.section("figures"), where=paths.shown(texts.path))

    def word(self, *keys: str) -> str:
        node = self.words
        for depth, key in enumerate(keys):
            if not isinstance(node, dict) or key not in node:
                raise WordingError(f"{self.where}: no word at figures.{'.'.join(keys[: depth + 1])}")
            node = node[key]
        return str(node)

    def country(self, value: dict) -> str:
        names = self.words.get("countries")
        if names is not None:
            if value["iso"] not in names:
                raise WordingError(f"{self.where}: figures.countries has no name for {value['iso']} ({value['name']})")
            return str(names[value["iso"]])
        name = value["name"]
        return f"the {name}" if name in self.words.get("with_the", ()) else name

    def join(self, items: list[str]) -> str:
        if not items:
            return self.word("none")
        if len(items) == 1:
            return items[0]
        return self.word("list_separator").join(items[:-1]) + self.word("and") + items[-1]

    def write(self, figure: Figure) -> str:
        kind, value = figure.kind, figure.value
        if kind in ("count", "percent", "ratio", "rank"):
            return getattr(self.numbers, kind)(value)
        if kind == "rounded":
            return self.word("rounded").format(n=self.numbers.rounded(value))
        if kind == "year":
            return str(value)
        if kind == "country":
            return self.country(value)
        if kind == "countries":
            return self.join([self.country(item) for item in value])
        if kind == "years":
            return self.join([str(year) for year in value])
        if kind == "verdict":
            return self.word("verdicts", value)
        if kind == "direction":
            return self.word(value)
        return str(value)

    def texts(self, figures: dict[str, Figure]) -> dict[str, str]:
        """Every figure as written in this language."""
        return {name: self.write(figure) for name, figure in figures.items()}
