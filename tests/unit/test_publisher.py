"""Who publishes the site: the deploy's check names every variable to set, the values are read and
written escaped, a placeholder is refused, and a page never shows a placeholder
(scripts/generator/publisher.py, finished_html.placeholders)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.generator import publisher
from scripts.generator.finished_html import seal_page
from tests.conftest import ROOT

VALUES = {
    "SITE_PUBLISHER": "Test Desk",
    "SITE_EDITORS": "Ada Editor; Bo Checker",
    "SITE_CONTACT_EMAIL": "desk@news.test",
    "SITE_SAFE_CONTACT_EMAIL": "safe@news.test",
}
KEY = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGTestKeyAAAB\n=abcd\n-----END PGP PUBLIC KEY BLOCK-----"


def check(environ: dict) -> subprocess.CompletedProcess:
    """The deploy's step as the workflow runs it: python3 -m scripts.generator.publisher, no other variables."""
    clean = {"PATH": os.environ["PATH"], **environ}
    return subprocess.run(
        [sys.executable, "-m", "scripts.generator.publisher"], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_without_the_settings_the_deploys_check_fails_and_names_every_variable_to_set():
    result = check({})
    assert result.returncode == 1
    for name in publisher.REQUIRED:
        assert f"{name}: not set" in result.stderr
    assert "Settings → Secrets and variables → Actions → Variables" in result.stderr
    assert "SITE_SAFE_CONTACT_KEY" not in result.stderr  # optional


def test_with_one_missing_the_check_names_only_that_one():
    result = check({name: value for name, value in VALUES.items() if name != "SITE_SAFE_CONTACT_EMAIL"})
    assert result.returncode == 1
    assert "SITE_SAFE_CONTACT_EMAIL: not set" in result.stderr
    assert "SITE_PUBLISHER" not in result.stderr


def test_with_the_settings_the_check_passes_and_shows_them():
    result = check(VALUES | {"SITE_SAFE_CONTACT_KEY": KEY})
    assert result.returncode == 0, result.stderr
    assert "Test Desk" in result.stdout and "Ada Editor, Bo Checker" in result.stdout
    assert "safe@news.test" in result.stdout and "with a public key" in result.stdout


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("SITE_PUBLISHER", "OWNER", "is a placeholder"),
        ("SITE_CONTACT_EMAIL", "desk at news", "is not an e-mail address"),
        ("SITE_SAFE_CONTACT_EMAIL", "someone@example.com", "is a placeholder"),
        ("SITE_EDITORS", "Ada;;Bo", "an empty name"),
        ("SITE_SAFE_CONTACT_KEY", "not a key", "not an armoured OpenPGP public key"),
        ("SITE_REPOSITORY_URL", "https://github.com/OWNER/REPO", "is not a repository's address"),
    ],
)
def test_a_malformed_value_is_refused_by_the_check_and_by_the_build(name, value, said):
    result = check(VALUES | {name: value})
    assert result.returncode == 1 and f"{name}:" in result.stderr and said in result.stderr
    with pytest.raises(publisher.PublisherError, match=name):
        publisher.read(VALUES | {name: value})


def test_missing_values_leave_the_publisher_out_and_name_what_is_missing():
    details = publisher.read({"SITE_PUBLISHER": "Test Desk"})
    assert details.publisher is None
    assert details.missing == ("SITE_EDITORS", "SITE_CONTACT_EMAIL", "SITE_SAFE_CONTACT_EMAIL")
    notice = publisher.contact_html(details, "../contact-key.asc")
    assert "has no publisher's details" in notice and "SITE_EDITORS" in notice and "mailto:" not in notice
    assert "no link to the issue tracker" in publisher.report_html(details)


def test_the_contact_block_shows_every_value_escaped_and_links_the_key():
    details = publisher.read(
        VALUES
        | {
            "SITE_PUBLISHER": "Desk <b>& Co</b>",
            "SITE_SAFE_CONTACT_KEY": KEY,
            "SITE_REPOSITORY_URL": "https://github.com/testorg/testsite",
        }
    )
    block = publisher.contact_html(details, "../contact-key.asc")
    assert "Desk &lt;b&gt;&amp; Co&lt;/b&gt;" in block and "<b>" not in block
    assert "Ada Editor, Bo Checker" in block
    assert 'href="mailto:desk@news.test"' in block and 'href="mailto:safe@news.test"' in block
    assert 'href="../contact-key.asc"' in block
    assert 'href="https://github.com/testorg/testsite/issues/new"' in publisher.report_html(details)


def page(body: str) -> str:
    return f'<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>{body}</body></html>'


@pytest.mark.parametrize(
    "body",
    [
        '<a href="https://github.com/OWNER/REPO/edit/main/docs/index.md">Edit this page</a>',
        "<p>Report it to OWNER/REPO</p>",
        "<p>{{ publisher }}</p>",
        '<a href="mailto:desk@example.org">write</a>',
    ],
)
def test_a_finished_page_with_a_placeholder_is_refused(body):
    findings, _ = seal_page(page(body), "index.html", Path("."))
    assert any("a placeholder left in the page" in finding.message for finding in findings), findings


def test_a_finished_page_without_one_passes():
    findings, _ = seal_page(
        page('<p>Owner of the <a href="https://github.com/a/b">repository</a></p>'), "i.html", Path(".")
    )
    assert findings == []
