"""Who publishes the site and how readers reach it: the one place that says what is needed.

The values are not in the repository. The deploy workflow (.github/workflows/deploy.yml) takes
them from the repository's variables (Settings → Secrets and variables → Actions → Variables)
and passes them to the build as environment variables of the same names:

    SITE_PUBLISHER            the publisher's name, as a reader should cite it
    SITE_EDITORS              the editors' names, separated by semicolons
    SITE_CONTACT_EMAIL        the address for corrections, replies and questions
    SITE_SAFE_CONTACT_EMAIL   an address for readers at risk, who should not open a public issue
    SITE_SAFE_CONTACT_KEY     optional: the OpenPGP public key of that address (armoured text)

and, from the workflow's own context (not a setting), SITE_REPOSITORY_URL: the repository the
deploy runs in, for "Report an error" (its issues) and "Edit this page".

Before it builds, the deploy runs `python3 -m scripts.generator.publisher`, which fails and names
every variable still to set. A local build (`make site`) without them builds anyway: the pages
say plainly that this copy has no publisher's details, and link nowhere they would have linked.
This module uses the standard library only, so the workflow can run it before anything is installed.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from html import escape

REQUIRED = {
    "SITE_PUBLISHER": "the publisher's name, as a reader should cite it",
    "SITE_EDITORS": "the editors' names, separated by semicolons",
    "SITE_CONTACT_EMAIL": "the address for corrections, replies and questions",
    "SITE_SAFE_CONTACT_EMAIL": "an address for readers at risk, who should not open a public issue",
}
OPTIONAL = {"SITE_SAFE_CONTACT_KEY": "the OpenPGP public key of that address (armoured text)"}
REPOSITORY = "SITE_REPOSITORY_URL"  # from the workflow's context: ${{ github.server_url }}/${{ github.repository }}
VARIABLES = (*REQUIRED, *OPTIONAL, REPOSITORY)
WHERE = "Settings → Secrets and variables → Actions → Variables"

EMAIL = re.compile(r"[^@\s<>\"'()]+@[^@\s<>\"'()]+\.[A-Za-z]{2,}")
REPOSITORY_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::\d+)?/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
KEY = re.compile(r"-----BEGIN PGP PUBLIC KEY BLOCK-----\n[A-Za-z0-9+/=:\s.,()-]+-----END PGP PUBLIC KEY BLOCK-----\s*")
# Words that mean a value was never filled in; no page may carry them (finished_html checks the pages too).
PLACEHOLDERS = re.compile(r"\b(OWNER|REPO|CHANGEME|TODO|TBD|YOUR[_ ]NAME|example\.(?:com|org|net))\b", re.I)

# Where the site publishes the key, when there is one.
KEY_FILE = "contact-key.asc"


class PublisherError(Exception):
    """A value is missing or malformed; the message names each variable and what it must hold."""


@dataclass(frozen=True)
class Publisher:
    name: str
    editors: tuple[str, ...]
    contact_email: str
    safe_email: str
    key: str  # "" when there is none
    repository: str  # "" outside a deploy


@dataclass(frozen=True)
class Details:
    """What a build knows: the publisher, or None and the variables that were missing."""

    publisher: Publisher | None
    missing: tuple[str, ...]
    repository: str


def problems(environ=os.environ) -> list[str]:
    """Every variable that is missing or malformed, with what it must hold."""
    found = []
    for name, what in REQUIRED.items():
        value = environ.get(name, "").strip()
        if not value:
            found.append(f"{name}: not set ({what})")
        elif PLACEHOLDERS.search(value):
            found.append(f"{name}: '{value}' is a placeholder, not {what}")
        elif name.endswith("_EMAIL") and not EMAIL.fullmatch(value):
            found.append(f"{name}: '{value}' is not an e-mail address")
        elif name == "SITE_EDITORS" and not all(part.strip() for part in value.split(";")):
            found.append(f"{name}: an empty name between semicolons in '{value}'")
    key = environ.get("SITE_SAFE_CONTACT_KEY", "").strip()
    if key and not KEY.fullmatch(key.replace("\r\n", "\n") + "\n"):
        found.append("SITE_SAFE_CONTACT_KEY: not an armoured OpenPGP public key (-----BEGIN PGP PUBLIC KEY BLOCK-----)")
    repository = environ.get(REPOSITORY, "").strip()
    if repository and (not REPOSITORY_URL.fullmatch(repository) or PLACEHOLDERS.search(repository)):
        found.append(f"{REPOSITORY}: '{repository}' is not a repository's address (https://host/owner/name)")
    return found


def read(environ=os.environ) -> Details:
    """The publisher's details from the environment. Malformed values raise PublisherError; missing ones
    leave the publisher out (a local build), and `missing` names them."""
    wrong = [problem for problem in problems(environ) if ": not set (" not in problem]
    if wrong:
        raise PublisherError("the publisher's details are wrong:\n  " + "\n  ".join(wrong))
    repository = environ.get(REPOSITORY, "").strip()
    missing = tuple(name for name in REQUIRED if not environ.get(name, "").strip())
    if missing:
        return Details(None, missing, repository)
    value = {name: environ[name].strip() for name in REQUIRED}
    publisher = Publisher(
        name=value["SITE_PUBLISHER"],
        editors=tuple(part.strip() for part in value["SITE_EDITORS"].split(";")),
        contact_email=value["SITE_CONTACT_EMAIL"],
        safe_email=value["SITE_SAFE_CONTACT_EMAIL"],
        key=environ.get("SITE_SAFE_CONTACT_KEY", "").strip().replace("\r\n", "\n"),
        repository=repository,
    )
    return Details(publisher, (), repository)


def fingerprint_of_inputs(environ=os.environ) -> list[str]:
    """The values, for the build's digest of its inputs (a change of publisher rebuilds the site)."""
    return [f"{name}={environ.get(name, '')}" for name in VARIABLES]


NOTICE = (
    '<div class="admonition warning publisher-missing" role="note"><p class="admonition-title">'
    "This copy of the site has no publisher's details</p><p>It was built without the settings that name "
    "its publisher, its editors and how to reach them ({missing}). The published site carries them; this "
    "copy cannot be cited as the publication and gives no address to write to.</p></div>"
)


def contact_html(details: Details, key_url: str) -> str:
    """Who publishes the site and how to reach it, for the page that asks with <!-- md:contact -->."""
    publisher = details.publisher
    if publisher is None:
        return NOTICE.format(missing=", ".join(details.missing))
    editors = ", ".join(escape(name) for name in publisher.editors)
    lines = [
        f"<p>This site is published by <strong>{escape(publisher.name)}</strong>. Editors: {editors}.</p>",
        '<dl class="contact">',
        "<dt>Corrections, replies and questions</dt>",
        f'<dd><a href="mailto:{escape(publisher.contact_email)}">{escape(publisher.contact_email)}</a></dd>',
        "<dt>If you are at risk, or write about yourself or your family</dt>",
        f'<dd><a href="mailto:{escape(publisher.safe_email)}">{escape(publisher.safe_email)}</a>'
        + (f' (encrypt with <a href="{escape(key_url)}" download>our OpenPGP public key</a>)' if publisher.key else "")
        + ". Write there, not in the public issue tracker.</dd>",
        "</dl>",
    ]
    return "\n".join(lines)


def report_html(details: Details) -> str:
    """The link to report an error in public: the issues of the repository the deploy runs in, or a note."""
    if not details.repository:
        return (
            '<p class="publisher-missing">This copy of the site was not built by its repository\'s deploy, '
            "so it has no link to the issue tracker.</p>"
        )
    return (
        f'<p><a href="{escape(details.repository)}/issues/new">Report an error in public, in the issue tracker</a></p>'
    )


def main(environ=os.environ) -> int:
    """The deploy's check: every required variable set and well formed, or a list of what to set."""
    found = problems(environ)
    if found:
        print(
            "The site cannot be published without its publisher's details. Set these repository variables "
            f"({WHERE}):\n  " + "\n  ".join(found),
            file=sys.stderr,
        )
        return 1
    details = read(environ)
    publisher = details.publisher
    print(
        f"Publisher: {publisher.name}; editors: {', '.join(publisher.editors)}; contact: {publisher.contact_email}; "
        f"for readers at risk: {publisher.safe_email}" + ("; with a public key" if publisher.key else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
