"""countries.csv.gz from the UNHCR API, with the meaning the snapshot gives it.

The snapshot's countries table is the `refugees` R package's (data-raw/countries.R).
It is not the API's countries/ answer as served, and a refresh keeps its meaning:

- unhcr_region: the API's countries/ rows carry no UNHCR region. Their `region` is
  a UN statistics (M49) area of mixed levels ("Southern Asia" is a sub-region,
  "Caribbean" an intermediate region), so it fills no column at all. The UNHCR
  region of a country comes from regions/ (six rows of {id, name}) and
  countries/?unhcr_region=<id>, as in the R package. A country that no region
  lists keeps the snapshot's region, and the refresh says so.
- unsd_region, unsd_subregion, unsd_imregion: the R package takes them from UN
  statistics' M49 page; the API has none, so they are carried over from the
  snapshot by UNHCR code. A country new to the API is reported with what it lacks.
- The R package's corrections of the API's codes (CODE_CORRECTIONS) are applied,
  so that the same release gives the same codes.
- Names are trimmed (the API sends "Unknown ", "Curacao ") and rows are sorted by
  name, code point by code point, as the R package's arrange(name) does.

Every difference from the snapshot is returned as a note for the operator.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from scripts.unhcr.api import NOT_AVAILABLE, ApiError, Client

COUNTRIES = "countries/"
REGIONS = "regions/"

# What the refresh reads of each answer (`make refresh-check` checks the same fields).
COUNTRY_FIELDS = ("code", "iso", "name")
REGION_FIELDS = ("id", "name")

UNHCR_CODE, ISO_CODE, NAME, UNHCR_REGION = "unhcr_code", "iso_code", "name", "unhcr_region"
M49_COLUMNS = ("unsd_region", "unsd_subregion", "unsd_imregion")
COMPARED = (ISO_CODE, NAME, UNHCR_REGION) + M49_COLUMNS


@dataclass(frozen=True)
class CodeCorrection:
    iso_code: str  # "" for none
    name: str
    unhcr_region: str  # "" for none
    served: tuple[str, str]  # the ISO code and name the API was recorded serving (2026), trimmed


# The R package's `corrections` table (data-raw/countries.R, used for release
# 2025.12.1), applied by UNHCR code after the regions are joined. The API gives
# SGS no ISO code, Tibetan the ISO code TIB (not an ISO 3166 code), and Unknown
# the code UNK named "Unknown ". XXA and XXX are the codes machine-readable
# passports use for a stateless person and an unspecified nationality.
CODE_CORRECTIONS = {
    "SGS": CodeCorrection(
        "SGS",
        "South Georgia and the South Sandwich Islands",
        "Europe",
        ("", "South Georgia and the South Sandwich Islands"),
    ),
    "TIB": CodeCorrection("", "Tibetan", "Asia and the Pacific", ("TIB", "Tibetan")),
    "STA": CodeCorrection("XXA", "Stateless", "", ("XXA", "Stateless")),
    "UKN": CodeCorrection("XXX", "Unknown", "", ("UNK", "Unknown")),
}


def text(value: object) -> str:
    """A code or name as the raw CSV writes it: trimmed, with null and "-" as an empty field."""
    if value is None or value == NOT_AVAILABLE:
        return ""
    return str(value).strip()


def fetch_regions(client: Client) -> dict[str, str]:
    """UNHCR code -> UNHCR region name, from regions/ and countries/?unhcr_region=<id>."""
    placed: dict[str, str] = {}
    for region in client.fetch_all(REGIONS, {}, REGION_FIELDS, keys=("id",), filled=REGION_FIELDS):
        name = text(region["name"])
        members = client.fetch_all(COUNTRIES, {"unhcr_region": region["id"]}, ("code",), keys=("code",))
        for member in members:
            code = text(member["code"])
            if code in placed and placed[code] != name:
                raise ApiError(
                    f"{COUNTRIES}?unhcr_region: {code} is listed in two UNHCR regions, "
                    f"{placed[code]!r} and {name!r}; which one holds is not ours to guess"
                )
            placed[code] = name
    return placed


def fetch_countries(
    client: Client, columns: tuple[str, ...], snapshot: pd.DataFrame | None
) -> tuple[list[list[str]], list[str]]:
    """The rows of the new countries table (in `columns` order) and the notes for the operator."""
    placed = fetch_regions(client)
    items = client.fetch_all(COUNTRIES, {}, COUNTRY_FIELDS, keys=("code",))
    return country_table(items, placed, columns, snapshot)


def country_table(
    items: list[dict], placed: dict[str, str], columns: tuple[str, ...], snapshot: pd.DataFrame | None
) -> tuple[list[list[str]], list[str]]:
    carried = previous_rows(snapshot)
    notes: list[str] = []
    unplaced: list[str] = []
    rows = []
    for item in items:
        code = text(item["code"])
        row = {UNHCR_CODE: code, ISO_CODE: text(item["iso"]), NAME: text(item["name"])}
        previous = carried.get(code)
        if code in placed:
            row[UNHCR_REGION] = placed[code]
        elif code not in CODE_CORRECTIONS:
            row[UNHCR_REGION] = (previous or {}).get(UNHCR_REGION, "")
            unplaced.append(code)
        correction = CODE_CORRECTIONS.get(code)
        if correction:
            notes += correction_notes(code, row, correction)
            row.update(iso_code=correction.iso_code, name=correction.name, unhcr_region=correction.unhcr_region)
        for column in columns:
            if column not in row:  # the M49 regions, and any column the API does not give
                row[column] = (previous or {}).get(column, "")
        if previous is None:
            lacking = [column for column in columns if not row[column]]
            notes.append(
                f"new in the API: {code} ({row[NAME]}): "
                + (f"no value for {', '.join(lacking)}" if lacking else "every column filled")
                + (
                    " (the M49 regions are UN statistics', not the API's: add them by hand)"
                    if set(lacking) & set(M49_COLUMNS)
                    else ""
                )
            )
        rows.append(row)
    if unplaced:
        notes.append(
            "not listed in any UNHCR region by the API (regions/, countries/?unhcr_region=<id>), "
            f"so their unhcr_region is the snapshot's: {', '.join(sorted(unplaced))}"
        )
    notes += differences(rows, carried)
    rows.sort(key=lambda row: (row[NAME], row[UNHCR_CODE]))
    return [[row[column] for column in columns] for row in rows], notes


def previous_rows(snapshot: pd.DataFrame | None) -> dict[str, dict[str, str]]:
    if snapshot is None or UNHCR_CODE not in snapshot.columns:
        return {}
    return snapshot.drop_duplicates(UNHCR_CODE).set_index(UNHCR_CODE, drop=False).to_dict("index")


def correction_notes(code: str, row: dict, correction: CodeCorrection) -> list[str]:
    """Say when the API serves a corrected country otherwise than it was recorded doing: the correction may be stale."""
    served = (row[ISO_CODE], row[NAME])
    if served == correction.served:
        return []
    return [
        f"{code}: the API now serves ISO code {served[0]!r}, name {served[1]!r} (recorded in 2026: "
        f"{correction.served[0]!r}, {correction.served[1]!r}); check that CODE_CORRECTIONS still holds"
    ]


def differences(rows: list[dict], carried: dict[str, dict[str, str]]) -> list[str]:
    """Every change from the snapshot, country by country, and the countries the API no longer lists."""
    notes = []
    for row in rows:
        previous = carried.get(row[UNHCR_CODE])
        if previous is None:
            continue
        changed = [
            f"{column} {previous.get(column, '')!r} → {row[column]!r}"
            for column in COMPARED
            if column in row and previous.get(column, "") != row[column]
        ]
        if changed:
            notes.append(f"{row[UNHCR_CODE]}: " + "; ".join(changed))
    listed = {row[UNHCR_CODE] for row in rows}
    for code, previous in carried.items():
        if code not in listed:
            notes.append(f"{code} ({previous.get(NAME, '')}) is no longer in the API's {COUNTRIES}")
    return notes
