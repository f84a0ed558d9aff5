"""UNHCR's country names, some long and official; the shorter ones charts, tables and sentences use."""

# For display only (charts, page tables, figures); the data keep UNHCR's names.
SHORT_NAMES = {
    "United States of America": "United States",
    "United Kingdom of Great Britain and Northern Ireland": "United Kingdom",
    "Netherlands (Kingdom of the)": "Netherlands",
    "Rep. of Korea": "Republic of Korea",
    "Iran (Islamic Rep. of)": "Iran",
    "Bolivia (Plurinational State of)": "Bolivia",
    "Venezuela (Bolivarian Republic of)": "Venezuela",
    "Rep. of Moldova": "Moldova",
    "Syrian Arab Rep.": "Syria",
}


def short_name(name: str) -> str:
    return SHORT_NAMES.get(name, name)
