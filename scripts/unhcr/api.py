"""A small, careful client for the UNHCR population statistics API.

`Client.fetch_all(endpoint, params)` returns every item of a paged query, or
raises ApiError saying what went wrong. It never returns part of a table.

How the API answers. This follows what public clients recorded from the live API
in 2026 (the `refugees` R package's data-raw/rdf.R and data-raw/countries.R, and
the API reference in cyanheads/unhcr-refugees-mcp-server's docs/design.md, probed
on 2026-09-26); where neither says, the reading chosen here is marked "our reading":

- Base URL https://api.unhcr.org/population/v1/ (override it with the
  environment variable UNHCR_API_BASE, as the tests do). Endpoints end in a
  slash: population/, asylum-applications/, asylum-decisions/, countries/, regions/.
- Every answer is a JSON object {"page", "short-url", "maxPages", "total",
  "items"}. `total` is an object of column sums on asylum-applications/,
  asylum-decisions/ and solutions/, and [] elsewhere; it adds persons and cases
  together, so it says nothing about completeness and is not read at all.
- Pages are numbered from 1 and asked for with `page` and `limit`; a `limit` of
  10,000 is honoured. An empty result is HTTP 200 with maxPages 0 and no items.
  Our reading: the server might still cap `limit`, so a page is "full" when it
  holds as many items as page 1; every page but the last must be full and the last
  one not empty.
- A misspelled parameter is silently ignored, and `yearFrom` is honoured only
  together with `yearTo`: a wrong query answers with rows of another question, so
  the caller checks the rows (keys filled, never repeated), not the status.
- Counts arrive as numbers or as strings ("0"); "-" means not available, and in
  all four fields of a dimension (id, name, code, ISO) that the API summed over
  instead of breaking down. That conversion is the caller's (scripts/unhcr/refresh.py);
  this module only checks that the fields are there and that key fields are not "-".
- Transient faults are retried with exponential backoff: connection errors,
  timeouts, a body cut short, HTTP 429 and 5xx. Our reading: a 200 whose body is
  not whole JSON is a body cut short by the network, so it is retried too. Any
  other 4xx means our request is wrong and is not retried.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from typing import Callable, Iterable

import requests

DEFAULT_BASE = "https://api.unhcr.org/population/v1/"
BASE_ENV = "UNHCR_API_BASE"

# Answers worth asking again for: too many requests, and the server's own faults.
RETRY_STATUSES = frozenset({429}) | frozenset(range(500, 600))

# The API's mark for "not available" (and for a dimension that is not broken down).
NOT_AVAILABLE = "-"

# Every request says who is asking, so UNHCR can tell this project's refreshes apart.
USER_AGENT = "seeking-asylum-from-china/1.0 (data-journalism site; make refresh, scripts/unhcr/refresh.py)"


class ApiError(Exception):
    """The API did not give us a whole, well-formed answer. The message says which request and why."""


@dataclass(frozen=True)
class ClientSettings:
    base_url: str = DEFAULT_BASE
    page_size: int = 10_000  # what the API honours and the R package asks for: 14 pages for population/
    connect_timeout: float = 10.0
    read_timeout: float = 120.0  # seconds of silence while a page is being read
    attempts: int = 5  # tries per page, the first one included
    backoff: float = 1.0  # wait before the second try; it doubles each time
    max_backoff: float = 60.0

    @classmethod
    def from_env(cls, **overrides) -> "ClientSettings":
        base = os.environ.get(BASE_ENV) or DEFAULT_BASE
        return replace(cls(base_url=base), **overrides)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait after failed try number `attempt` (from 1)."""
        wait = self.backoff * 2 ** (attempt - 1)
        if retry_after is not None:
            wait = max(wait, retry_after)  # the server asked for at least this much
        return min(wait, self.max_backoff)


@dataclass(frozen=True)
class Page:
    number: int
    max_pages: int
    items: list[dict]


class Client:
    def __init__(
        self,
        settings: ClientSettings,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        log: Callable[[str], None] = lambda message: None,
    ):
        self.settings = settings
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.sleep = sleep
        self.log = log

    def url(self, endpoint: str) -> str:
        return self.settings.base_url.rstrip("/") + "/" + endpoint.lstrip("/")

    # --- one request, with retries -------------------------------------------------

    def get_json(self, endpoint: str, params: dict, what: str) -> object:
        """The decoded JSON of one GET, retrying transient faults; `what` names it in messages."""
        url = self.url(endpoint)
        attempts = max(1, self.settings.attempts)
        problem = "no attempt made"
        for attempt in range(1, attempts + 1):
            retry_after = None
            try:
                response = self.session.get(
                    url, params=params, timeout=(self.settings.connect_timeout, self.settings.read_timeout)
                )
            except requests.Timeout:
                problem = f"no answer within {self.settings.read_timeout:g} s (timeout)"
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as error:
                problem = f"connection failed ({type(error).__name__})"
            else:
                if response.status_code in RETRY_STATUSES:
                    problem = f"HTTP {response.status_code}"
                    retry_after = _retry_after(response)
                elif response.status_code != 200:
                    # Our request is wrong (or the endpoint moved): asking again will not help.
                    raise ApiError(f"{what}: HTTP {response.status_code} from {response.url}; not retried")
                else:
                    try:
                        return response.json()
                    except ValueError:
                        problem = f"the body ({len(response.content)} bytes) is not whole JSON (cut short?)"
            if attempt < attempts:
                wait = self.settings.delay(attempt, retry_after)
                self.log(f"  {what}: {problem}; trying again in {wait:g} s ({attempt + 1}/{attempts})")
                self.sleep(wait)
        raise ApiError(f"{what} never arrived after {attempts} tries: {problem} ({url})")

    # --- pages ----------------------------------------------------------------------

    def get_page(self, endpoint: str, params: dict, number: int, of: int | None = None) -> Page:
        what = f"{endpoint} page {number}" + (f" of {of}" if of else "")
        body = self.get_json(endpoint, {**params, "limit": self.settings.page_size, "page": number}, what)
        return read_envelope(body, what, number)

    def fetch_all(
        self,
        endpoint: str,
        params: dict,
        required: Iterable[str] = (),
        keys: Iterable[str] = (),
        filled: Iterable[str] = (),
    ) -> list[dict]:
        """Every item of a paged query, checked to be whole.

        `required`: fields every item must have. `keys`: fields that together
        identify a row; they never repeat. Keys and `filled` must not be "-".
        """
        required, keys, filled = tuple(required), tuple(keys), tuple(dict.fromkeys(tuple(keys) + tuple(filled)))
        first = self.get_page(endpoint, params, 1)
        pages = [first]
        for number in range(2, first.max_pages + 1):
            page = self.get_page(endpoint, params, number, of=first.max_pages)
            if page.max_pages != first.max_pages:
                # Rows were added or removed while we paged: the pages no longer fit together.
                raise ApiError(
                    f"{endpoint}: maxPages changed from {first.max_pages} to {page.max_pages} at page {number}; "
                    "the data changed while it was being fetched, try again later"
                )
            pages.append(page)
            if number % 25 == 0:
                self.log(f"  {endpoint}: {number}/{first.max_pages} pages")
        check_pages_whole(endpoint, pages)
        items = []
        for page in pages:
            check_items(endpoint, page, required + filled, filled)
            items.extend(page.items)
        check_no_repeats(endpoint, pages, keys)
        return items


def _retry_after(response: requests.Response) -> float | None:
    """Retry-After in seconds, when the server sent it as a number (dates are ignored)."""
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return None


def read_envelope(body: object, what: str, number: int) -> Page:
    if not isinstance(body, dict):
        raise ApiError(f"{what}: expected a JSON object with page, maxPages and items, got {type(body).__name__}")
    # `total` (sums, or []) is left unread: it mixes persons and cases and proves nothing.
    missing = [key for key in ("page", "maxPages", "items") if key not in body]
    if missing:
        raise ApiError(f"{what}: the answer lacks {', '.join(missing)}")
    try:
        page, max_pages = int(body["page"]), int(body["maxPages"])
    except (TypeError, ValueError):
        raise ApiError(
            f"{what}: page {body['page']!r} and maxPages {body['maxPages']!r} must be whole numbers"
        ) from None
    if page != number:
        raise ApiError(f"{what}: the server answered with page {page} instead")
    if max_pages < 0:
        raise ApiError(f"{what}: maxPages is {max_pages}")
    items = body["items"]
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ApiError(f"{what}: items must be a list of JSON objects")
    return Page(page, max_pages, items)


def check_pages_whole(endpoint: str, pages: list[Page]) -> None:
    """Every page but the last holds as many items as page 1; the last is not empty."""
    first = pages[0]
    if first.max_pages == 0:
        if first.items:
            raise ApiError(f"{endpoint}: maxPages is 0 but page 1 holds {len(first.items)} items")
        return
    size = len(first.items)
    for page in pages:
        is_last = page.number == first.max_pages
        if not page.items:
            raise ApiError(f"{endpoint}: page {page.number} of {first.max_pages} arrived empty")
        if (not is_last and len(page.items) != size) or len(page.items) > size:
            raise ApiError(
                f"{endpoint}: page {page.number} of {first.max_pages} holds {len(page.items)} items, "
                f"page 1 holds {size}; some rows are missing"
            )


def check_items(endpoint: str, page: Page, required: tuple[str, ...], filled: tuple[str, ...]) -> None:
    for index, item in enumerate(page.items, start=1):
        missing = [field for field in dict.fromkeys(required) if field not in item]
        if missing:
            raise ApiError(
                f"{endpoint}: page {page.number}, item {index} lacks field(s) {', '.join(missing)} "
                f"(it has {', '.join(item)})"
            )
        blank = [field for field in filled if item[field] in (None, "", NOT_AVAILABLE)]
        if blank:
            # A "-" in a code means the figures were summed over that dimension, not broken down.
            raise ApiError(
                f"{endpoint}: page {page.number}, item {index} has no value in {', '.join(blank)}: "
                f'{_key_text(item, filled)} (a "-" code means rows summed over that dimension, not broken down)'
            )


def check_no_repeats(endpoint: str, pages: list[Page], keys: tuple[str, ...]) -> None:
    if not keys:
        return
    seen: dict[tuple, int] = {}
    for page in pages:
        for item in page.items:
            key = tuple(str(item[field]) for field in keys)
            if key in seen:
                raise ApiError(
                    f"{endpoint}: the row {_key_text(item, keys)} arrived twice (pages {seen[key]} and {page.number})"
                )
            seen[key] = page.number


def _key_text(item: dict, keys: tuple[str, ...]) -> str:
    return ", ".join(f"{field}={item.get(field)!r}" for field in keys)
