"""Fetching pages and feeds over HTTP, politely: one request per host per interval,
retries with exponential backoff on connection errors, 5xx and 429 (Retry-After
honoured), a timeout, a size cap and a User-Agent that names summitry.

`Fetcher` takes its clock and sleep as arguments, so tests run the waits on a
fake clock. Every failure is an InputError naming the URL: the batch goes on.
"""

from __future__ import annotations

import email.utils
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from summitry import __version__
from summitry.errors import InputError
from summitry.read import decode

USER_AGENT = f"summitry/{__version__} (news research tool; +https://github.com/summitry/summitry)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 300.0  # a server asking for longer is treated as down for this run
_ID_CHARS = re.compile(r"[^A-Za-z0-9]+")
_ID_MAX = 80


def is_url(value: str) -> bool:
    """True for an http(s) URL given where a path could stand."""
    return value.startswith(("http://", "https://"))


def page_id(url: str) -> str:
    """A readable, stable document id for a URL: host and path as a slug (hashed tail when long)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    host = host[4:] if host.startswith("www.") else host
    slug = _ID_CHARS.sub("-", f"{host}{parts.path}{'?' + parts.query if parts.query else ''}").strip("-")
    if len(slug) > _ID_MAX:
        # cut slugs of different URLs must not collide
        slug = slug[:_ID_MAX - 9].rstrip("-") + "-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return slug or hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]


@dataclass
class Page:
    """One fetched response: where it came from and what it holds."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content_type: str  # media type, lower-cased, without parameters ("" when the server sent none)
    charset: str | None
    body: bytes


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta seconds or an HTTP date), None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def content_type(header: str | None) -> tuple[str, str | None]:
    """(media type, charset) of a Content-Type header."""
    if not header:
        return "", None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower(), charset


class Fetcher:
    """GET with a per-host rate limit, retries with backoff, a timeout and a size cap."""

    def __init__(self, *, delay: float = 1.0, retries: int = 3, backoff: float = 1.0, timeout: float = 20.0,
                 max_bytes: int | None = None, client: httpx.Client | None = None,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        """`delay`: seconds between two requests to one host; `retries`: further attempts after the
        first; `backoff`: the first retry's wait, doubled at each further one."""
        self.delay = delay
        self.retries = retries
        self.backoff = backoff
        self.max_bytes = max_bytes
        self.clock = clock
        self.sleep = sleep
        self._client = client or httpx.Client(
            timeout=timeout, follow_redirects=True, max_redirects=10,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"})
        self._last: dict[str, float] = {}  # host → when the last request to it started

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_turn(self, host: str) -> None:
        """Sleep until `delay` has passed since the last request to this host."""
        last = self._last.get(host)
        if last is not None:
            wait = last + self.delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def fetch(self, url: str) -> Page:
        """The page at `url` with status 200 (raises InputError for anything else)."""
        host = (urlsplit(url).hostname or "").lower()
        if not is_url(url) or not host:
            raise InputError(url, "not an http(s) URL")
        attempt = 0
        while True:
            self._wait_turn(host)
            try:
                page, retry_after = self._get(url)
                problem = None if page.status == 200 else f"HTTP {page.status}"
                retryable = page.status in RETRY_STATUSES
            except httpx.TimeoutException:
                problem, retryable, retry_after = "timed out", True, None
            except httpx.TransportError as exc:
                problem, retryable, retry_after = f"cannot connect ({_reason(exc)})", True, None
            except httpx.HTTPError as exc:  # too many redirects, a malformed URL or response
                problem, retryable, retry_after = _reason(exc), False, None
            if problem is None:
                return page
            if not retryable or attempt >= self.retries:
                tries = f" after {attempt + 1} attempts" if attempt else ""
                raise InputError(url, f"{problem}{tries}")
            if retry_after is not None and retry_after > MAX_RETRY_AFTER:
                raise InputError(url, f"{problem}; the server asks to wait {retry_after:.0f} s")
            wait = retry_after if retry_after is not None else self.backoff * 2 ** attempt
            attempt += 1
            self.sleep(wait)

    def _get(self, url: str) -> tuple[Page, float | None]:
        """One GET, the body read up to the cap; (page, Retry-After seconds or None)."""
        cap = decode.max_bytes() if self.max_bytes is None else self.max_bytes
        with self._client.stream("GET", url) as response:
            media, charset = content_type(response.headers.get("content-type"))
            retry_after = parse_retry_after(response.headers.get("retry-after"))
            body = b""
            if response.status_code == 200:
                length = response.headers.get("content-length", "")
                if length.isdigit() and int(length) > cap:
                    raise decode.too_large(url, int(length), cap, what="page")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        raise decode.too_large(url, None, cap, what="page")
                    chunks.append(chunk)
                body = b"".join(chunks)
            return Page(url, str(response.url), response.status_code, media, charset, body), retry_after


def _reason(exc: Exception) -> str:
    """An httpx error as a short phrase."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
