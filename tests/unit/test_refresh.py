"""`make refresh` against a real HTTP server on 127.0.0.1 that serves API-shaped answers, faults included.

The server (pytest-httpserver) pages the tables in tests/fixtures/api/ the way
the UNHCR API does; a test can make any page of any endpoint fail, once or for
good. Every refresh here writes to a copy of a small snapshot in tmp_path, never
to data/raw/; every failure must leave that copy byte for byte as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import math
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from pytest_httpserver import HTTPServer
from werkzeug import Response

from scripts.generator import paths
from scripts.unhcr import refresh
from scripts.unhcr.api import USER_AGENT, ApiError, Client, ClientSettings
from scripts.unhcr.raw_tables import load_raw_tables
from tests.unhcr_standin import API_PATH, FIXTURES, StandIn

TODAY = dt.date(2026, 12, 1)
PAGE_SIZE = 5
ATTEMPTS = 3

# endpoint -> raw table, and the raw files' headers (as in the release).
TABLE_OF = {
    "population": "population",
    "asylum-applications": "asylum_applications",
    "asylum-decisions": "asylum_decisions",
}
PLACE = ["year", "coo_name", "coo", "coo_iso", "coa_name", "coa", "coa_iso"]
HEADERS = {
    "population": PLACE
    + ["refugees", "asylum_seekers", "returned_refugees", "idps", "returned_idps", "stateless", "ooc", "oip", "hst"],
    "asylum_applications": PLACE + ["procedure_type", "app_type", "dec_level", "app_pc", "applied"],
    "asylum_decisions": PLACE
    + [
        "procedure_type",
        "dec_level",
        "dec_pc",
        "dec_recognized",
        "dec_other",
        "dec_rejected",
        "dec_closed",
        "dec_total",
    ],
}
# countries.csv.gz as the snapshot means it (the R package's table), written by hand
# from the fixtures' countries/, regions/ and region members: what a refresh must produce.
SNAPSHOT_COUNTRIES = FIXTURES / "snapshot" / "countries.csv"


def fixture_items(endpoint: str):
    return json.loads((FIXTURES / f"{endpoint}.json").read_text(encoding="utf-8"))


def json_response(body) -> Response:
    return Response(json.dumps(body), content_type="application/json")


def status(code: int, headers: dict | None = None):
    return lambda api, endpoint, args, page: Response(f"status {code}", status=code, headers=headers or {})


def slow(seconds: float):
    def answer(api, endpoint, args, page):
        time.sleep(seconds)
        return json_response(api.envelope(endpoint, args, page))

    return answer


def truncated(api, endpoint, args, page):
    text = json.dumps(api.envelope(endpoint, args, page))
    return Response(text[: len(text) // 2], content_type="application/json")


def altered(change):
    """An answer whose envelope `change(envelope, api, endpoint, args)` edited in place."""

    def answer(api, endpoint, args, page):
        body = api.envelope(endpoint, args, page)
        change(body, api, endpoint, args)
        return json_response(body)

    return answer


# --- fixtures ------------------------------------------------------------------------------------


def digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, by relative path: equal digests mean byte-for-byte equal."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module", autouse=True)
def real_raw_untouched():
    """Whatever these tests do, the project's own data/raw/ and corrections log stay as they were."""
    before = digest(paths.RAW), refresh.CORRECTIONS.read_bytes()
    yield
    assert (digest(paths.RAW), refresh.CORRECTIONS.read_bytes()) == before


@pytest.fixture(scope="module")
def server():
    # Threaded, so that a deliberately slow answer does not hold up the retry that follows it.
    http = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    http.start()
    yield http
    http.clear()
    http.stop()


@pytest.fixture
def api(server, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")  # the loopback server is never reached through a proxy
    fake = StandIn.from_fixtures()
    server.clear()
    server.expect_request(re.compile("^" + re.escape(API_PATH))).respond_with_handler(fake.handle)
    yield fake
    server.clear()


@pytest.fixture
def settings(server) -> ClientSettings:
    return ClientSettings(
        base_url=server.url_for(API_PATH),
        page_size=PAGE_SIZE,
        attempts=ATTEMPTS,
        backoff=0.001,  # tiny backoff: the suite stays fast
        max_backoff=0.01,
        connect_timeout=2,
        read_timeout=5,
    )


def write_snapshot(raw_dir: Path) -> None:
    """The current snapshot, written straight from the fixtures (independently of scripts/unhcr/refresh.py)."""
    raw_dir.mkdir(parents=True)
    files = {}
    contents = {"countries": SNAPSHOT_COUNTRIES.read_bytes()}
    for endpoint, name in TABLE_OF.items():
        rows = [
            ["" if item[column] == "-" else str(item[column]) for column in HEADERS[name]]
            for item in fixture_items(endpoint)
        ]
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(HEADERS[name])
        writer.writerows(rows)
        contents[name] = text.getvalue().encode("utf-8")
    for name, content in contents.items():
        data = gzip.compress(content)
        (raw_dir / f"{name}.csv.gz").write_bytes(data)
        files[f"{name}.csv.gz"] = {"what": f"the {name} table", "sha256": hashlib.sha256(data).hexdigest()}
    sidecar = {
        "producer": "UNHCR, the UN Refugee Agency",
        "release": "2025.12.1",
        "last_year": 2024,
        "date_accessed": "2026-11-29",
        "files": files,
    }
    (raw_dir / "unhcr.source.yml").write_text(
        "# Provenance (test snapshot)\n" + yaml.safe_dump(sidecar, sort_keys=False)
    )


@pytest.fixture
def raw_dir(tmp_path) -> Path:
    folder = tmp_path / "data" / "raw"
    write_snapshot(folder)
    load_raw_tables(folder)  # the test snapshot itself passes the build's checks
    return folder


@pytest.fixture
def corrections(tmp_path) -> Path:
    path = tmp_path / "data" / "corrections.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(refresh.CORRECTIONS.read_bytes())  # starts as the project's (empty) log
    return path


def run(settings, raw_dir, corrections, **options):
    lines: list[str] = []
    outcome = refresh.refresh(
        Client(settings, log=lines.append),
        raw_dir=raw_dir,
        corrections=corrections,
        today=TODAY,
        release=options.pop("release", "2026.12.1"),
        log=lines.append,
        **options,
    )
    return outcome, lines


def read_raw(raw_dir: Path, name: str) -> list[dict]:
    with gzip.open(raw_dir / f"{name}.csv.gz", "rt", encoding="utf-8", newline="") as lines:
        return list(csv.DictReader(lines))


def assert_unchanged(raw_dir: Path, before: dict) -> None:
    assert digest(raw_dir) == before
    leftovers = [path.name for path in raw_dir.parent.iterdir() if path.name.startswith(".")]
    assert leftovers == [], f"staging left behind: {leftovers}"


def set_value(api: StandIn, endpoint: str, column: str, value, **where) -> None:
    matches = [item for item in api.tables[endpoint] if all(item[k] == v for k, v in where.items())]
    assert matches, where
    for item in matches:
        item[column] = value


# --- a healthy API ---------------------------------------------------------------------------------


def test_same_data_keeps_the_files_and_records_nothing(api, settings, raw_dir, corrections):
    before = digest(raw_dir)
    outcome, lines = run(settings, raw_dir, corrections)
    after = digest(raw_dir)
    # Same content: the same bytes (no spurious diff), only the sidecar's date and release change.
    assert {name: sha for name, sha in after.items() if name != "unhcr.source.yml"} == {
        name: sha for name, sha in before.items() if name != "unhcr.source.yml"
    }
    assert outcome.revisions == [] and outcome.losses == []
    assert corrections.read_bytes() == refresh.CORRECTIONS.read_bytes()
    assert outcome.rows == {"countries": 13, "population": 48, "asylum_applications": 36, "asylum_decisions": 36}
    load_raw_tables(raw_dir)


def test_asks_every_page_of_every_year_origin_and_asylum_country(api, settings, raw_dir, corrections):
    run(settings, raw_dir, corrections)
    for endpoint in ("population", "asylum-applications", "asylum-decisions"):
        asked = [(page, args) for e, page, args in api.requests if e == endpoint]
        pages = math.ceil(len(api.tables[endpoint]) / PAGE_SIZE)
        assert [page for page, _ in asked] == list(range(1, pages + 1))
        for _, args in asked:
            assert args | {"page": "*"} == {
                "yearFrom": "1951",
                "yearTo": str(TODAY.year),
                "coo_all": "true",
                "coa_all": "true",
                "cf_type": "ISO",
                "limit": str(PAGE_SIZE),
                "page": "*",
            }
    # countries/: each UNHCR region's members (one page each, empty regions too), then the whole list.
    countries = [(args.get("unhcr_region"), page) for e, page, args in api.requests if e == "countries"]
    assert countries == [("5", 1), ("3", 1), ("7", 1), ("1", 1), ("6", 1), ("2", 1), (None, 1), (None, 2), (None, 3)]
    assert [page for e, page, _ in api.requests if e == "regions"] == [1, 2]  # six regions, five a page
    assert api.user_agents == {USER_AGENT} and "seeking-asylum-from-china" in USER_AGENT


def test_sidecar_records_the_new_release_and_checksums(api, settings, raw_dir, corrections):
    run(settings, raw_dir, corrections, release="2026.12.1")
    text = (raw_dir / "unhcr.source.yml").read_text()
    sidecar = yaml.safe_load(text)
    assert text.startswith("# Provenance (test snapshot)\n")  # the header comment is kept
    assert sidecar["producer"] == "UNHCR, the UN Refugee Agency"  # and so are the other fields
    assert (sidecar["release"], sidecar["date_accessed"], sidecar["last_year"]) == ("2026.12.1", "2026-12-01", 2024)
    assert sidecar["api"] == settings.base_url
    for name, entry in sidecar["files"].items():
        assert entry["sha256"] == hashlib.sha256((raw_dir / name).read_bytes()).hexdigest()
        assert entry["what"].startswith("the ")


def test_release_defaults_to_the_access_date(api, settings, raw_dir, corrections):
    outcome, _ = run(settings, raw_dir, corrections, release=None)
    assert outcome.release == "api-2026-12-01"
    assert yaml.safe_load((raw_dir / "unhcr.source.yml").read_text())["release"] == "api-2026-12-01"


def test_string_counts_and_dashes_become_numbers_and_empty_fields(api, settings, raw_dir, corrections):
    where = {"year": 2024, "coo": "CHI", "coa": "USA"}
    set_value(api, "population", "refugees", "4321", **where)
    set_value(api, "population", "asylum_seekers", 87.0, **where)  # a whole number sent as a float
    set_value(api, "population", "hst", "-", **where)
    set_value(api, "population", "oip", None, **where)
    run(settings, raw_dir, corrections)
    row = next(r for r in read_raw(raw_dir, "population") if (r["year"], r["coo"], r["coa"]) == ("2024", "CHI", "USA"))
    assert (row["refugees"], row["asylum_seekers"], row["hst"], row["oip"]) == ("4321", "87", "", "")
    tables = load_raw_tables(raw_dir)
    china = tables["population"].query("year == 2024 and coo == 'CHI' and coa == 'USA'").iloc[0]
    assert china["refugees"] == 4321 and china["hst"] is not None


def test_countries_keep_the_snapshots_meaning(api, settings, raw_dir, corrections):
    """The API's codes, names and regions, read as the R package reads them (data-raw/countries.R)."""
    run(settings, raw_dir, corrections)
    countries = {row["unhcr_code"]: row for row in read_raw(raw_dir, "countries")}
    code_name = {code: (row["iso_code"], row["name"]) for code, row in countries.items()}
    # The R package's corrections: the API serves SGS null, TIB "TIB", UKN "UNK" named "Unknown ".
    assert code_name["SGS"] == ("SGS", "South Georgia and the South Sandwich Islands")
    assert code_name["TIB"] == ("", "Tibetan")
    assert code_name["STA"] == ("XXA", "Stateless")
    assert code_name["UKN"] == ("XXX", "Unknown")
    assert code_name["CRB"] == ("", "CRB")  # null ISO: an empty field
    assert code_name["CUW"] == ("CUW", "Curacao")  # trimmed
    # UNHCR regions from regions/ and countries/?unhcr_region=; SGS and TIB as corrected.
    assert countries["CUW"]["unhcr_region"] == "The Americas"
    assert (countries["SGS"]["unhcr_region"], countries["TIB"]["unhcr_region"]) == ("Europe", "Asia and the Pacific")
    # The M49 columns are the snapshot's: the API's `region` ("Caribbean", "Various") fills none of them.
    assert [countries["CUW"][c] for c in ("unsd_region", "unsd_subregion", "unsd_imregion")] == [
        "Americas",
        "Latin America and the Caribbean",
        "Caribbean",
    ]
    assert [countries["TIB"][c] for c in ("unsd_region", "unsd_subregion", "unsd_imregion")] == ["", "", ""]
    assert list(countries) == sorted(countries, key=lambda code: countries[code]["name"])


def test_a_country_that_moves_region_is_reported(api, settings, raw_dir, corrections):
    api.members[6].remove("CAN")
    api.members[7].append("CAN")
    set_value(api, "countries", "name", "China (renamed)", code="CHI")
    outcome, _ = run(settings, raw_dir, corrections)
    countries = {row["unhcr_code"]: row for row in read_raw(raw_dir, "countries")}
    assert countries["CAN"]["unhcr_region"] == "Europe"
    assert countries["CHI"]["name"] == "China (renamed)"
    assert (countries["CHI"]["unsd_region"], countries["CHI"]["unsd_subregion"]) == ("Asia", "Eastern Asia")
    assert "CAN: unhcr_region 'The Americas' → 'Europe'" in outcome.country_notes
    assert "CHI: name 'China' → 'China (renamed)'" in outcome.country_notes
    printed: list[str] = []
    refresh.report(outcome, raw_dir, corrections, log=printed.append)
    assert "  CAN: unhcr_region 'The Americas' → 'Europe'" in printed


def test_a_country_no_region_lists_keeps_the_snapshots_region(api, settings, raw_dir, corrections):
    api.members[7].remove("GFR")
    outcome, _ = run(settings, raw_dir, corrections)
    countries = {row["unhcr_code"]: row for row in read_raw(raw_dir, "countries")}
    assert countries["GFR"]["unhcr_region"] == "Europe"
    assert any(
        note.startswith("not listed in any UNHCR region") and note.endswith(": CRB, GFR")
        for note in outcome.country_notes
    ), outcome.country_notes


def test_a_country_new_to_the_api_is_reported_with_what_it_lacks(api, settings, raw_dir, corrections):
    kosovo = dict(
        api.tables["countries"][0], id=14, code="KOS", iso="XKX", iso2="XK", name="Kosovo ", region="Southern Europe"
    )
    api.tables["countries"].append(kosovo)
    api.members[7].append("KOS")
    outcome, _ = run(settings, raw_dir, corrections)
    countries = {row["unhcr_code"]: row for row in read_raw(raw_dir, "countries")}
    assert countries["KOS"] == {
        "iso_code": "XKX",
        "unhcr_code": "KOS",
        "name": "Kosovo",
        "unhcr_region": "Europe",
        "unsd_region": "",
        "unsd_subregion": "",
        "unsd_imregion": "",
    }
    assert any(
        note.startswith("new in the API: KOS (Kosovo): no value for unsd_region, unsd_subregion, unsd_imregion")
        for note in outcome.country_notes
    ), outcome.country_notes


def test_a_country_listed_in_two_regions_stops_the_refresh(api, settings, raw_dir, corrections):
    api.members[5].append("GFR")
    before = digest(raw_dir)
    with pytest.raises(ApiError, match="GFR is listed in two UNHCR regions"):
        run(settings, raw_dir, corrections)
    assert_unchanged(raw_dir, before)


def test_a_corrected_country_served_otherwise_is_reported(api, settings, raw_dir, corrections):
    set_value(api, "countries", "iso", "SGS", code="SGS")
    outcome, _ = run(settings, raw_dir, corrections)
    assert {row["unhcr_code"]: row["iso_code"] for row in read_raw(raw_dir, "countries")}["SGS"] == "SGS"
    assert any(note.startswith("SGS: the API now serves ISO code 'SGS'") for note in outcome.country_notes)
    assert not any(note.startswith(("STA", "TIB", "UKN")) for note in outcome.country_notes)


def test_total_is_never_read(api, settings, raw_dir, corrections):
    """`total` is sums of persons and cases together ({} on asylum endpoints, [] elsewhere): any shape is accepted."""
    shapes = iter([{"applied": -1}, [], None, "sums"])

    def odd_total(body, *_):
        body["total"] = next(shapes, {})

    api.fail("asylum-applications", 1, altered(odd_total))
    api.fail("asylum-applications", 2, altered(odd_total))
    api.fail("population", 1, altered(odd_total))
    api.fail("asylum-decisions", 1, altered(lambda body, *_: body.pop("total")))
    before = digest(raw_dir)
    run(settings, raw_dir, corrections)
    assert {k: v for k, v in digest(raw_dir).items() if k != "unhcr.source.yml"} == {
        k: v for k, v in before.items() if k != "unhcr.source.yml"
    }


def test_the_stand_in_answers_in_the_recorded_shape(api, settings):
    """The fixtures keep the live API's quirks, so the tests above meet them."""
    client = Client(settings)
    first = client.get_json("asylum-applications/", {"limit": 2, "page": 1, "coo_all": "true", "coa_all": "true"}, "t")
    assert list(first) == ["page", "short-url", "maxPages", "total", "items"] and isinstance(first["total"], dict)
    assert client.get_json("population/", {"limit": 2, "page": 1}, "t")["total"] == []
    past = client.get_json("population/", {"limit": 10, "page": 99}, "t")
    assert past["items"] == [] and past["page"] == 99
    none = client.get_json("population/", {"yearFrom": 1990, "yearTo": 1991}, "t")
    assert (none["maxPages"], none["items"]) == (0, [])
    alone = client.get_json("population/", {"yearFrom": 2024, "limit": 1000}, "t")  # ignored without yearTo
    assert {item["year"] for item in alone["items"]} == {2022, 2023, 2024}
    summed = client.get_json("population/", {"limit": 1, "coa_all": "true"}, "t")["items"][0]
    assert [summed[f] for f in ("coo_id", "coo_name", "coo", "coo_iso")] == ["-"] * 4
    countries = {row["code"]: row for row in fixture_items("countries")}
    assert (countries["SGS"]["iso"], countries["CRB"]["iso"]) == (None, None)
    assert (countries["TIB"]["iso"], countries["UKN"]["iso"], countries["STA"]["iso"]) == ("TIB", "UNK", "XXA")
    assert (countries["UKN"]["name"], countries["CUW"]["name"]) == ("Unknown ", "Curacao ")
    assert countries["CUW"]["region"] == "Caribbean" and "unhcr_region" not in countries["CUW"]


def test_revised_figures_are_reported_and_appended_to_corrections(api, settings, raw_dir, corrections):
    set_value(api, "population", "refugees", "9999", year=2024, coo="CHI", coa="USA")
    set_value(api, "asylum-decisions", "dec_total", 1000, year=2023, coo="CHI", coa="CAN", dec_level="FI")
    set_value(api, "population", "refugees", 1, year=2024, coo="SYR", coa="USA")  # not a figure the story uses
    old_refugees = next(
        int(item["refugees"])
        for item in fixture_items("population")
        if (item["year"], item["coo"], item["coa"]) == (2024, "CHI", "USA")
    )
    old_total = sum(
        int(item["dec_total"])
        for item in fixture_items("asylum-decisions")
        if (item["year"], item["coo"], item["coa"]) == (2023, "CHI", "CAN")
    )
    fi_total = next(
        int(item["dec_total"])
        for item in fixture_items("asylum-decisions")
        if (item["year"], item["coo"], item["coa"], item["dec_level"]) == (2023, "CHI", "CAN", "FI")
    )
    outcome, lines = run(settings, raw_dir, corrections)
    expected = [
        {
            "date": "2026-12-01",
            "release": "2026.12.1",
            "table": "population",
            "year": 2024,
            "coo_iso": "CHN",
            "coa_iso": "USA",
            "column": "refugees",
            "old": old_refugees,
            "new": 9999,
        },
        {
            "date": "2026-12-01",
            "release": "2026.12.1",
            "table": "asylum_decisions",
            "year": 2023,
            "coo_iso": "CHN",
            "coa_iso": "CAN",
            "column": "dec_total",
            "old": old_total,
            "new": old_total - fi_total + 1000,
        },
    ]
    assert outcome.revisions == expected
    log = corrections.read_text()
    assert log.startswith("# Revisions of published figures")  # the header comment is kept
    assert yaml.safe_load(log) == expected

    printed: list[str] = []
    refresh.report(outcome, raw_dir, corrections, log=printed.append)
    assert any(f"population.refugees 2024 CHN→USA: {old_refugees:,} → 9,999" in line for line in printed)

    # The same data again revises nothing, so nothing more is appended.
    again, _ = run(settings, raw_dir, corrections)
    assert again.revisions == [] and yaml.safe_load(corrections.read_text()) == expected


# --- faults that recover ---------------------------------------------------------------------------


def test_a_500_recovers_on_retry(api, settings, raw_dir, corrections):
    api.fail("population", 2, status(500))
    run(settings, raw_dir, corrections)
    assert api.count("population", 2) == 2


def test_a_429_waits_and_recovers(api, settings, raw_dir, corrections):
    api.fail("asylum-applications", 1, status(429, {"Retry-After": "0"}), times=2)
    run(settings, raw_dir, corrections)
    assert api.count("asylum-applications", 1) == 3


def test_a_timeout_recovers_on_retry(api, settings, raw_dir, corrections):
    api.fail("asylum-decisions", 3, slow(0.75))
    quick = ClientSettings(**{**settings.__dict__, "read_timeout": 0.25})
    started = time.monotonic()
    run(quick, raw_dir, corrections)
    assert api.count("asylum-decisions", 3) == 2
    assert time.monotonic() - started < 10


def test_a_body_cut_short_once_recovers(api, settings, raw_dir, corrections):
    api.fail("countries", 1, truncated)  # the first asked: the members of UNHCR region 5
    run(settings, raw_dir, corrections)
    assert api.count("countries", 1) == 1 + len(api.regions) + 1  # that page twice, then each other region and the list


# --- faults that must leave data/raw/ as it was ----------------------------------------------------


def drop_field(field):
    def change(body, *_):
        del body["items"][2][field]

    return change


def wrong_page(body, *_):
    body["page"] -= 1


def one_item_short(body, *_):
    body["items"].pop()


def more_pages(body, *_):
    body["maxPages"] += 1


def repeat_previous_row(body, api, endpoint, args):
    previous = api.envelope(endpoint, args, body["page"] - 1)
    body["items"][0] = previous["items"][0]


def origin_not_broken_down(body, *_):
    body["items"][1].update(coo="-", coo_name="-", coo_iso="-", coo_id="-")


def negative_count(body, *_):
    body["items"][0]["refugees"] = "-5"


def unknown_country(body, *_):
    body["items"][0]["coa_iso"] = "XYZ"


FAILURES = {
    # name: (endpoint, page, fault, times, message, requests of that page)
    "500 that never recovers": (
        "population",
        3,
        status(500),
        None,
        "population/ page 3 of 10 never arrived after 3 tries: HTTP 500",
        ATTEMPTS,
    ),
    "503 on the first page": (
        "countries",
        1,
        status(503),
        None,
        "countries/ page 1 never arrived after 3 tries: HTTP 503",
        ATTEMPTS,
    ),
    "timeout every time": ("asylum-applications", 2, slow(0.75), None, "no answer within 0.25 s (timeout)", ATTEMPTS),
    "truncated JSON body": ("asylum-decisions", 2, truncated, None, "is not whole JSON", ATTEMPTS),
    "404, not retried": ("asylum-decisions", 1, status(404), None, "HTTP 404", 1),
    "missing field": (
        "population",
        4,
        altered(drop_field("asylum_seekers")),
        None,
        "page 4, item 3 lacks field(s) asylum_seekers",
        1,
    ),
    "page answered with another page": ("population", 3, altered(wrong_page), None, "answered with page 2 instead", 1),
    "page short of a row": ("asylum-applications", 2, altered(one_item_short), None, "page 2 of 8 holds 4 items", 1),
    "maxPages changes while paging": ("population", 5, altered(more_pages), None, "maxPages changed from 10 to 11", 1),
    "duplicated row": ("population", 6, altered(repeat_previous_row), None, "arrived twice (pages 5 and 6)", 1),
    "origin not broken down": ("population", 2, altered(origin_not_broken_down), None, "no value in coo", 1),
    "missing page (arrives empty)": (
        "population",
        4,
        altered(lambda body, *_: body.update(items=[])),
        None,
        "page 4 of 10 arrived empty",
        1,
    ),
    "empty result (maxPages 0) loses the table": (
        "asylum-decisions",
        1,
        altered(lambda body, *_: body.update(maxPages=0, items=[])),
        None,
        "asylum_decisions.csv.gz: loses every row of year(s) 2022, 2023, 2024",
        1,
    ),
    "summed origin (no coo_all)": (
        "asylum-decisions",
        1,
        altered(lambda body, *_: body["items"][0].update(coo="-")),
        None,
        "no value in coo",
        1,
    ),
    "negative count fails the build's checks": (
        "population",
        1,
        altered(negative_count),
        None,
        "column refugees must hold whole",
        1,
    ),
    "unknown country fails the build's checks": (
        "population",
        1,
        altered(unknown_country),
        None,
        "column coa_iso must hold ISO",
        1,
    ),
}


@pytest.mark.parametrize("case", FAILURES, ids=list(FAILURES))
def test_a_failure_changes_nothing(case, api, settings, raw_dir, corrections):
    endpoint, page, fault, times, message, requests = FAILURES[case]
    api.fail(endpoint, page, fault, times)
    if "timeout" in case:
        settings = ClientSettings(**{**settings.__dict__, "read_timeout": 0.25})
    before = digest(raw_dir)
    corrections_before = corrections.read_bytes()
    with pytest.raises((ApiError, refresh.RefreshError)) as raised:
        run(settings, raw_dir, corrections)
    assert message in str(raised.value)
    assert api.count(endpoint, page) == requests  # bounded: every page is asked at most ATTEMPTS times
    assert len(api.requests) <= 40
    assert_unchanged(raw_dir, before)
    assert corrections.read_bytes() == corrections_before


def test_a_failed_swap_is_undone(api, settings, raw_dir, corrections, monkeypatch):
    set_value(api, "population", "refugees", "9999", year=2024, coo="CHI", coa="USA")
    before, corrections_before = digest(raw_dir), corrections.read_bytes()
    renames = []
    real_rename = os.rename

    def flaky_rename(source, target):
        renames.append((source, target))
        if len(renames) == 2:  # data/raw moved aside, then the staging folder cannot take its place
            raise OSError("disk trouble")
        real_rename(source, target)

    monkeypatch.setattr(refresh.os, "rename", flaky_rename)
    with pytest.raises(OSError, match="disk trouble"):
        run(settings, raw_dir, corrections)
    assert_unchanged(raw_dir, before)
    assert corrections.read_bytes() == corrections_before
    assert [path.name for path in corrections.parent.iterdir() if path.name.startswith(".")] == []


def test_other_files_in_the_raw_folder_move_along(api, settings, raw_dir, corrections):
    (raw_dir / "world-atlas.source.yml").write_text("# another source\n")
    (raw_dir / "maps").mkdir()
    (raw_dir / "maps" / "land.json").write_text("{}")
    others = {name: sha for name, sha in digest(raw_dir).items() if "world" in name or "maps" in name}
    run(settings, raw_dir, corrections)
    assert {name: sha for name, sha in digest(raw_dir).items() if "world" in name or "maps" in name} == others


def test_the_flows_table_is_left_alone_and_the_command_says_so(
    api, settings, raw_dir, corrections, monkeypatch, capsys
):
    """The API serves no flows table: a refresh carries flows.csv.gz and its sidecar over as they are."""
    (raw_dir / "flows.csv.gz").write_bytes(b"copied by hand")
    (raw_dir / "flows.source.yml").write_text("# by hand\n")
    before = {name: sha for name, sha in digest(raw_dir).items() if name.startswith("flows")}
    monkeypatch.setenv("UNHCR_API_BASE", settings.base_url)
    assert refresh.main(command_args(raw_dir, corrections, "--release", "2026.12.1")) == 0
    assert "flows.csv.gz: left as it was; the API serves no flows table" in capsys.readouterr().out
    assert {name: sha for name, sha in digest(raw_dir).items() if name.startswith("flows")} == before


def test_corrections_that_cannot_be_written_are_kept_aside(api, settings, raw_dir, corrections, monkeypatch):
    set_value(api, "population", "asylum_seekers", 5, year=2023, coo="CHI", coa="CAN")

    def failing_replace(source, target):
        raise OSError("read-only")

    monkeypatch.setattr(refresh.os, "replace", failing_replace)
    with pytest.raises(refresh.NotRecorded, match="was refreshed, but") as raised:
        run(settings, raw_dir, corrections)
    monkeypatch.undo()
    kept = [path for path in corrections.parent.iterdir() if path.name.startswith(".corrections.yml-")]
    assert len(kept) == 1 and str(kept[0].name) in str(raised.value)
    assert yaml.safe_load(kept[0].read_text())[0]["new"] == 5
    rows = read_raw(raw_dir, "population")  # the data itself was published
    assert next(r for r in rows if (r["year"], r["coo"], r["coa"]) == ("2023", "CHI", "CAN"))["asylum_seekers"] == "5"


# --- releases that lose data -----------------------------------------------------------------------


def test_a_lost_year_needs_the_operators_yes(api, settings, raw_dir, corrections):
    api.tables["population"] = [item for item in api.tables["population"] if item["year"] != 2022]
    before = digest(raw_dir)
    with pytest.raises(refresh.RefreshError, match=r"population.csv.gz: loses every row of year\(s\) 2022"):
        run(settings, raw_dir, corrections)
    assert_unchanged(raw_dir, before)

    outcome, _ = run(settings, raw_dir, corrections, confirm_drops=True)
    assert {row["year"] for row in read_raw(raw_dir, "population")} == {"2023", "2024"}
    assert any("2022" in loss for loss in outcome.losses)
    lost = [entry for entry in outcome.revisions if entry["year"] == 2022]
    assert lost and all(entry["new"] is None and entry["old"] is not None for entry in lost)


def test_many_lost_rows_need_the_operators_yes(api, settings, raw_dir, corrections):
    api.tables["asylum-applications"] = api.tables["asylum-applications"][:-5]
    before = digest(raw_dir)
    with pytest.raises(refresh.RefreshError, match="asylum_applications.csv.gz: loses 5 of its 36 rows"):
        run(settings, raw_dir, corrections)
    assert_unchanged(raw_dir, before)


def test_a_first_refresh_into_an_empty_folder(api, settings, tmp_path, corrections):
    raw_dir = tmp_path / "fresh" / "raw"
    outcome, _ = run(settings, raw_dir, corrections)
    assert outcome.revisions == [] and outcome.losses == []
    tables = load_raw_tables(raw_dir)
    assert list(tables["population"].columns[:7]) == [
        "year",
        "coo",
        "coa",
        "coo_name",
        "coo_iso",
        "coa_name",
        "coa_iso",
    ]


# --- the command ------------------------------------------------------------------------------------


def command_args(raw_dir, corrections, *more):
    return [
        "--raw-dir",
        str(raw_dir),
        "--corrections",
        str(corrections),
        "--page-size",
        str(PAGE_SIZE),
        "--backoff",
        "0.001",
        "--attempts",
        str(ATTEMPTS),
        *more,
    ]


def test_command_reports_changes(api, settings, raw_dir, corrections, monkeypatch, capsys):
    monkeypatch.setenv("UNHCR_API_BASE", settings.base_url)
    set_value(api, "asylum-applications", "applied", 777, year=2024, coo="CHI", coa="GFR", app_type="N")
    assert refresh.main(command_args(raw_dir, corrections, "--release", "2026.12.1")) == 0
    out = capsys.readouterr().out
    assert "now holds release 2026.12.1" in out
    assert "asylum_applications.applied 2024 CHN→DEU:" in out and "→ " in out
    assert len(yaml.safe_load(corrections.read_text())) == 1


def test_command_fails_clearly_and_changes_nothing(api, settings, raw_dir, corrections, monkeypatch, capsys):
    monkeypatch.setenv("UNHCR_API_BASE", settings.base_url)
    api.tables["population"] = [item for item in api.tables["population"] if item["year"] != 2023]
    before = digest(raw_dir)
    assert refresh.main(command_args(raw_dir, corrections)) == 1
    err = capsys.readouterr().err
    assert "error: the new data loses rows" in err and "--yes" in err and "Nothing was changed" in err
    assert_unchanged(raw_dir, before)
    assert refresh.main(command_args(raw_dir, corrections, "--yes")) == 0


def test_module_entry_point(api, settings, raw_dir, corrections):
    """`make refresh` runs `.venv/bin/python -m scripts.unhcr.refresh`; the base URL comes from UNHCR_API_BASE."""
    env = {**os.environ, "UNHCR_API_BASE": settings.base_url, "NO_PROXY": "127.0.0.1,localhost"}
    result = subprocess.run(
        [sys.executable, "-m", "scripts.unhcr.refresh", *command_args(raw_dir, corrections)],
        cwd=paths.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "No published figure from China changed." in result.stdout


def test_backoff_doubles_up_to_its_cap_and_honours_retry_after():
    settings = ClientSettings(backoff=1, max_backoff=5)
    assert [settings.delay(attempt) for attempt in (1, 2, 3, 4)] == [1, 2, 4, 5]
    assert settings.delay(1, retry_after=3) == 3
    assert settings.delay(1, retry_after=600) == 5


def test_base_url_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("UNHCR_API_BASE", "http://127.0.0.1:9/population/v1/")
    assert ClientSettings.from_env().base_url == "http://127.0.0.1:9/population/v1/"
    monkeypatch.delenv("UNHCR_API_BASE")
    assert ClientSettings.from_env().base_url == "https://api.unhcr.org/population/v1/"
