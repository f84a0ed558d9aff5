"""A local stand-in for the UNHCR population statistics API, in the shape it was recorded answering in 2026.

What the live API does (public clients' records: the `refugees` R package's
data-raw/, and cyanheads/unhcr-refugees-mcp-server docs/design.md "API Reference",
probed 2026-09-26), and so what this stand-in does:

- The envelope is {page, short-url, maxPages, total, items}. `total` is an object of
  column sums (persons and cases added together) on asylum-applications/ and
  asylum-decisions/, and [] on the other endpoints.
- `limit` and `page` page the rows; an empty result is maxPages 0 and items [];
  a page past maxPages has items [].
- yearFrom and yearTo filter only together; either alone is ignored. Other
  parameters it does not know are ignored too.
- Without coo_all=true (coa_all=true) the origin (asylum) dimension is summed: its
  four fields (id, name, code, ISO) read "-". The stand-in only marks the rows so;
  it does not add them up.
- countries/ rows carry id, code, iso (null where there is none), iso2, names,
  an M49 `region`, and no UNHCR region; countries/?unhcr_region=<id> lists a
  region's members, regions/ the six UNHCR regions.

`StandIn.from_snapshot` turns a raw snapshot (data/raw/) back into such answers,
undoing what the R package corrected, so that a refresh from it can be compared
with the snapshot itself.
"""

from __future__ import annotations

import copy
import csv
import gzip
import json
import math
import re
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

API_PATH = "/population/v1/"
FIXTURES = Path(__file__).parent / "fixtures" / "api"
DATA_ENDPOINTS = {
    "population": "population",
    "asylum-applications": "asylum_applications",
    "asylum-decisions": "asylum_decisions",
}
SUMS_IN_TOTAL = {"asylum-applications", "asylum-decisions"}
DEFAULT_LIMIT = 100  # our reading: the API's page size when no usable limit is given
SIDES = {"coo": "coo_all", "coa": "coa_all"}
IDENTITY = ("year", "coo_id", "coo_name", "coo", "coo_iso", "coa_id", "coa_name", "coa", "coa_iso")

# UNHCR regions as regions/ lists them (ids as recorded).
REGIONS = {
    5: "Asia and the Pacific",
    3: "Eastern and Southern Africa",
    7: "Europe",
    1: "Middle East and North Africa",
    6: "The Americas",
    2: "West and Central Africa",
}

# What the API serves where the R package corrected it (data-raw/countries.R): code -> iso, name.
AS_SERVED = {"SGS": (None, None), "TIB": ("TIB", None), "STA": ("XXA", None), "UKN": ("UNK", "Unknown ")}


class StandIn:
    """Answers API requests from `tables` (endpoint -> items); `fail` makes a page answer badly."""

    def __init__(self, tables: dict[str, list[dict]], regions: list[dict], members: dict[int, list[str]]):
        self.tables = tables
        self.regions = regions
        self.members = members
        self.faults: dict[tuple[str, int], list] = {}
        self.requests: list[tuple[str, int, dict]] = []
        self.user_agents: set[str] = set()

    # --- faults and what was asked --------------------------------------------------------------

    def fail(self, endpoint: str, page: int, fault, times: int | None = 1) -> None:
        """Answer `page` of `endpoint` with `fault` the next `times` times (None: always)."""
        self.faults.setdefault((endpoint, page), []).append([fault, times])

    def count(self, endpoint: str, page: int | None = None) -> int:
        return sum(1 for e, p, _ in self.requests if e == endpoint and (page is None or p == page))

    # --- answers ----------------------------------------------------------------------------------

    def rows(self, endpoint: str, args: dict) -> list[dict] | None:
        if endpoint == "regions":
            return self.regions
        if endpoint == "countries":
            if "unhcr_region" not in args:
                return self.tables["countries"]
            codes = set(self.members.get(_whole(args["unhcr_region"]), []))
            return [row for row in self.tables["countries"] if row["code"] in codes]
        if endpoint not in self.tables:
            return None
        items = self.tables[endpoint]
        if "yearFrom" in args and "yearTo" in args:
            low, high = _whole(args["yearFrom"]), _whole(args["yearTo"])
            items = [item for item in items if low <= int(item["year"]) <= high]
        for side, flag in SIDES.items():
            if args.get(flag) != "true":
                items = [
                    item | {f"{side}_id": "-", f"{side}_name": "-", side: "-", f"{side}_iso": "-"} for item in items
                ]
        return items

    def envelope(self, endpoint: str, args: dict, page: int) -> dict:
        items = self.rows(endpoint, args)
        limit = _whole(args.get("limit", DEFAULT_LIMIT))
        limit = limit if limit > 0 else DEFAULT_LIMIT
        return {
            "page": page,
            "short-url": f"https://api.unhcr.org/population/v1/s/{zlib.crc32(repr((endpoint, sorted(args.items()))).encode()):x}",
            "maxPages": math.ceil(len(items) / limit),
            "total": column_sums(items) if endpoint in SUMS_IN_TOTAL else [],
            "items": copy.deepcopy(items[(page - 1) * limit : page * limit]),
        }

    def handle(self, request: Request) -> Response:
        endpoint = request.path.removeprefix(API_PATH).strip("/")
        args = request.args.to_dict()
        page = _whole(args.get("page", 1)) or 1
        self.requests.append((endpoint, page, args))
        self.user_agents.add(request.headers.get("User-Agent", ""))
        if self.rows(endpoint, args) is None:
            return Response("<html><body>Not Found</body></html>", status=404, content_type="text/html")
        queue = self.faults.get((endpoint, page))
        if queue:
            fault, times = queue[0]
            if times is not None:
                queue[0][1] -= 1
                if queue[0][1] == 0:
                    queue.pop(0)
            return fault(self, endpoint, args, page)
        return json_response(self.envelope(endpoint, args, page))

    # --- stand-ins for the test fixtures and for a whole snapshot --------------------------------

    @classmethod
    def from_fixtures(cls, folder: Path = FIXTURES) -> "StandIn":
        """The small API-shaped tables of tests/fixtures/api/ (see its README)."""

        def load(name: str):
            return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))

        tables = {endpoint: load(endpoint) for endpoint in [*DATA_ENDPOINTS, "countries"]}
        members = {int(number): codes for number, codes in load("region-members").items()}
        return cls(tables, load("regions"), members)

    @classmethod
    def from_snapshot(cls, raw_dir: Path) -> "StandIn":
        """The answers the API would give for the snapshot in raw_dir, in the recorded shape."""
        countries = read_csv_gz(raw_dir / "countries.csv.gz")
        ids = {row["unhcr_code"]: number for number, row in enumerate(countries, start=1)}
        tables = {"countries": [served_country(ids[row["unhcr_code"]], row) for row in countries]}
        for endpoint, name in DATA_ENDPOINTS.items():
            tables[endpoint] = [
                served_row(row, ids, number) for number, row in enumerate(read_csv_gz(raw_dir / f"{name}.csv.gz"))
            ]
        members: dict[int, list[str]] = {number: [] for number in REGIONS}
        region_ids = {name: number for number, name in REGIONS.items()}
        for row in countries:
            # The R package corrects SGS and TIB's regions itself: our reading is that the API does not place them.
            if row["unhcr_region"] and row["unhcr_code"] not in AS_SERVED:
                members[region_ids[row["unhcr_region"]]].append(row["unhcr_code"])
        regions = [{"0": 1, "id": number, "name": name, "name_fr": name} for number, name in REGIONS.items()]
        return cls(tables, regions, members)


@contextmanager
def serving(standin: StandIn, threaded: bool = False) -> Iterator[str]:
    """The stand-in on a free port of 127.0.0.1; yields the API's base URL."""
    http = HTTPServer(host="127.0.0.1", port=0, threaded=threaded)
    http.expect_request(re.compile("^" + re.escape(API_PATH))).respond_with_handler(standin.handle)
    http.start()
    try:
        yield http.url_for(API_PATH)
    finally:
        http.clear()
        http.stop()


def served_country(number: int, row: dict) -> dict:
    """A countries/ row: the R package's corrections undone, the M49 region of the finest level given."""
    iso, name = row["iso_code"] or None, row["name"]
    if row["unhcr_code"] in AS_SERVED:
        served_iso, served_name = AS_SERVED[row["unhcr_code"]]
        iso, name = served_iso, served_name or name
    region = row["unsd_imregion"] or row["unsd_subregion"] or None
    return {
        "0": 1,
        "id": number,
        "code": row["unhcr_code"],
        "iso": iso,
        "iso2": None,
        "name": name,
        "nameOrigin": name,
        "nameLong": name.strip(),
        "nameShort": name,
        "nameFormal": "",
        "nationality": "",
        "majorArea": row["unsd_region"] or None,
        "region": region,
        "nameFr": name,
        "majorAreaFr": row["unsd_region"] or None,
        "regionFr": region,
    }


def served_row(row: dict, ids: dict[str, int], number: int) -> dict:
    """A data row: ids added, empty fields as "-", counts as numbers, or as strings on every third row and for 0."""
    item: dict = {"year": int(row["year"]), "coo_id": ids[row["coo"]], "coa_id": ids[row["coa"]]}
    for column, value in row.items():
        if column in item:
            continue
        if value == "":
            item[column] = "-"
        elif value.isdigit() and column not in IDENTITY and not column.endswith(("_type", "_level", "_pc")):
            item[column] = value if value == "0" or number % 3 == 0 else int(value)
        else:
            item[column] = value
    return {key: item[key] for key in IDENTITY} | {key: value for key, value in item.items() if key not in IDENTITY}


def column_sums(items: list[dict]) -> dict:
    """The API's `total`: every numeric field summed over the whole query, whatever its unit."""
    sums: dict[str, int] = {}
    for item in items:
        for key, value in item.items():
            if key in IDENTITY:
                continue
            if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
                sums[key] = sums.get(key, 0) + int(value)
    return {"year": "-", **sums}


def read_csv_gz(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as lines:
        return list(csv.DictReader(lines))


def json_response(body) -> Response:
    return Response(json.dumps(body), content_type="application/json")


def _whole(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
