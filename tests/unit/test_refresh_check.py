"""`make refresh-check` against a local stand-in of the API (never the real one)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from scripts.generator import paths
from scripts.unhcr import refresh_check
from tests.unhcr_standin import StandIn, serving


@pytest.fixture
def standin(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    api = StandIn.from_fixtures()
    with serving(api) as base_url:
        monkeypatch.setenv("UNHCR_API_BASE", base_url)
        yield api


def rename_field(api: StandIn, endpoint: str, old: str, new: str) -> None:
    for item in api.tables[endpoint]:
        item[new] = item.pop(old)


def test_an_api_that_answers_as_recorded_passes(standin, capsys):
    assert refresh_check.main([]) == 0
    out = capsys.readouterr().out
    for name in (
        "population/",
        "asylum-applications/",
        "asylum-decisions/",
        "countries/",
        "regions/",
        "countries/?unhcr_region=5",
    ):
        assert f"ok        {name}:" in out
    assert "ok        countries/: code, iso, name" in out
    # One small page each, of the snapshot's last years, broken down as the refresh asks.
    asked = {
        (endpoint, args.get("limit"), args.get("yearTo"), args.get("coo_all")) for endpoint, _, args in standin.requests
    }
    last_year = str(refresh_check.read_source_sidecar()["last_year"])
    assert ("population", "5", last_year, "true") in asked
    assert {limit for _, limit, _, _ in asked} == {"5"}


@pytest.mark.parametrize(
    "endpoint, old, new, shown",
    [
        (
            "population",
            "asylum_seekers",
            "asylumSeekers",
            "DIFFERS   population/:\n  field 'asylum_seekers' is missing",
        ),
        ("asylum-decisions", "dec_pc", "decPc", "DIFFERS   asylum-decisions/:\n  field 'dec_pc' is missing"),
        ("countries", "iso", "iso3", "DIFFERS   countries/:\n  field 'iso' is missing"),
    ],
)
def test_a_renamed_field_is_named(standin, capsys, endpoint, old, new, shown):
    rename_field(standin, endpoint, old, new)
    assert refresh_check.main([]) == 1
    out = capsys.readouterr().out
    assert shown in out
    assert "1 endpoint(s) differ" in out


def test_a_count_that_is_no_longer_a_count_is_named(standin, capsys):
    for item in standin.tables["asylum-applications"]:
        item["applied"] = "n/a"
    assert refresh_check.main([]) == 1
    assert "field 'applied' holds 'n/a', not a count" in capsys.readouterr().out


def test_an_envelope_without_items_is_named(standin, capsys):
    def no_items(api, endpoint, args, page):
        from tests.unhcr_standin import json_response

        body = api.envelope(endpoint, args, page)
        body["data"] = body.pop("items")
        return json_response(body)

    standin.fail("regions", 1, no_items)
    assert refresh_check.main([]) == 1
    assert "DIFFERS   regions/:\n  envelope: regions/: the answer lacks items" in capsys.readouterr().out


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_no_network_gives_a_plain_message_and_a_non_zero_exit():
    """Run as `make refresh-check` runs it, with nothing listening where the API should be."""
    env = {**os.environ, "UNHCR_API_BASE": f"http://127.0.0.1:{closed_port()}/population/v1/", "NO_PROXY": "127.0.0.1"}
    result = subprocess.run(
        [sys.executable, "-m", "scripts.unhcr.refresh_check", "--attempts", "1"],
        cwd=paths.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "could not be reached" in result.stderr and "connection failed" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
