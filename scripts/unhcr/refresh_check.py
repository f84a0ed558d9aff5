"""`make refresh-check`: does the UNHCR API still answer the way `make refresh` reads it?

Run as `python -m scripts.unhcr.refresh_check` before `make refresh`. It asks for one
small page of each endpoint the refresh uses (the data tables for the last few
years of the current snapshot, countries/, regions/ and one region's members),
and checks, endpoint by endpoint, every field the refresh reads: the envelope's
page, maxPages and items; each item's fields; counts as numbers, numeric
strings or "-"; key fields filled. It prints what differs and changes nothing.

Exit status: 0 every endpoint answers as expected; 1 some answer differs (the
lines say which endpoint and field); 2 the API could not be reached.
Set UNHCR_API_BASE to check another base URL (the tests use a local stand-in).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from scripts.generator import paths
from scripts.unhcr.api import NOT_AVAILABLE, ApiError, Client, ClientSettings, read_envelope
from scripts.unhcr.countries import COUNTRIES, COUNTRY_FIELDS, REGION_FIELDS, REGIONS
from scripts.unhcr.raw_tables import RAW_TABLES, DataError, read_source_sidecar
from scripts.unhcr.refresh import ENDPOINTS, current_columns, query_for

SAMPLE_ROWS = 5
YEARS_BACK = 4  # the sample is taken from the snapshot's last few years, so it is never empty for one late year


@dataclass(frozen=True)
class Probe:
    endpoint: str
    params: dict
    fields: tuple[str, ...]  # every item must have them
    counts: tuple[str, ...] = ()  # a whole number, a string of digits, or "-"
    filled: tuple[str, ...] = ()  # never empty, null or "-"

    @property
    def name(self) -> str:
        query = "&".join(f"{key}={value}" for key, value in self.params.items() if key == "unhcr_region")
        return self.endpoint + (f"?{query}" if query else "")


def data_probes(last_year: int) -> list[Probe]:
    probes = []
    for name, endpoint in ENDPOINTS.items():
        if endpoint == COUNTRIES:
            continue
        table = RAW_TABLES[name]
        params = query_for(name, last_year) | {"yearFrom": last_year - YEARS_BACK}
        counts = ("year",) + table.counts + table.optional_counts
        probes.append(
            Probe(endpoint, params, current_columns(paths.RAW, table), counts, table.keys + table.iso_columns)
        )
    return probes


def check_answer(probe: Probe, body: object) -> list[str]:
    """What in this answer differs from what the refresh reads; [] when all is as expected."""
    try:
        page = read_envelope(body, probe.name, 1)
    except ApiError as error:
        return [f"envelope: {error}"]
    if not page.items:
        return [f"answered no rows (maxPages {page.max_pages}): nothing to check; was the query honoured?"]
    problems = []
    for field in probe.fields:
        lacking = sum(1 for item in page.items if field not in item)
        if lacking:
            problems.append(
                f"field {field!r} is missing from {lacking} of {len(page.items)} items (they have: {', '.join(page.items[0])})"
            )
    for field in probe.counts:
        odd = [item[field] for item in page.items if field in item and not is_count(item[field])]
        if odd:
            problems.append(f'field {field!r} holds {odd[0]!r}, not a count (a number, a string of digits or "-")')
    for field in probe.filled:
        blank = [item for item in page.items if field in item and item[field] in (None, "", NOT_AVAILABLE)]
        if blank:
            problems.append(f'field {field!r} is empty or "-" in {len(blank)} items: rows summed, not broken down?')
    return problems


def is_count(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return value >= 0
    return isinstance(value, str) and (value.isdigit() or value == NOT_AVAILABLE)


def run_checks(client: Client, last_year: int, log=print) -> int:
    """Ask and check every probe; the exit status (0, 1, or 2 when the very first request got no answer)."""
    regions = Probe(REGIONS, {}, REGION_FIELDS, filled=REGION_FIELDS)
    results: list[tuple[Probe, list[str] | None]] = []
    for probe in data_probes(last_year) + [Probe(COUNTRIES, {}, COUNTRY_FIELDS, filled=("code",)), regions]:
        body, problems = ask(client, probe)
        if problems is None and not results:
            return 2  # not even one answer: the API is out of reach, not drifted
        results.append((probe, problems))
        if probe is regions and problems == []:
            # The first region's members, as the refresh asks for every region's.
            members = Probe(COUNTRIES, {"unhcr_region": body["items"][0]["id"]}, ("code",), filled=("code",))
            results.append((members, ask(client, members)[1]))
    failed = sum(report(probe, problems, log) for probe, problems in results)
    log(
        f"refresh-check: {f'{failed} endpoint(s) differ' if failed else 'every endpoint answers as the refresh reads it'}"
    )
    return 1 if failed else 0


def ask(client: Client, probe: Probe) -> tuple[object, list[str] | None]:
    """One probe's answer and its problems; (None, None) when no answer came at all."""
    params = probe.params | {"limit": SAMPLE_ROWS, "page": 1}
    try:
        body = client.get_json(probe.endpoint, params, probe.name)
    except ApiError as error:
        client.log(f"  {error}")
        return None, None
    return body, check_answer(probe, body)


def report(probe: Probe, problems: list[str] | None, log) -> int:
    if problems is None:
        log(f"NO ANSWER {probe.name}")
        return 1
    if not problems:
        log(f"ok        {probe.name}: {', '.join(probe.fields)}")
        return 0
    log(f"DIFFERS   {probe.name}:")
    for problem in problems:
        log(f"  {problem}")
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.unhcr.refresh_check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--attempts", type=int, default=2, help="tries per request (default 2)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for an answer")
    args = parser.parse_args(argv)
    settings = ClientSettings.from_env(attempts=args.attempts, backoff=1, read_timeout=args.timeout, connect_timeout=10)
    try:
        last_year = read_source_sidecar()["last_year"]
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    client = Client(settings, log=lambda message: print(message, file=sys.stderr))
    print(f"refresh-check: asking {settings.base_url} for {SAMPLE_ROWS} rows of each endpoint")
    status = run_checks(client, last_year)
    if status == 2:
        print(
            f"error: the UNHCR API at {settings.base_url} could not be reached (see above). "
            "Check the network connection, or UNHCR_API_BASE; nothing was checked.",
            file=sys.stderr,
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
