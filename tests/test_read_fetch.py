"""read/fetch.py: the polite fetcher, against a local server, with a fake clock for its waits."""

from __future__ import annotations

import socket

import pytest

from local_server import Reply
from summitry.errors import InputError
from summitry.read.fetch import USER_AGENT, Fetcher, page_id, parse_retry_after


class FakeClock:
    """time.monotonic and time.sleep on a clock that only moves when slept on."""

    def __init__(self):
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


@pytest.fixture
def server(http_server):
    return http_server


@pytest.fixture
def clock():
    return FakeClock()


def fetcher(clock, **kw) -> Fetcher:
    kw.setdefault("timeout", 5)
    return Fetcher(clock=clock.clock, sleep=clock.sleep, **kw)


def test_fetch_page_with_type_charset_and_user_agent(server, clock):
    server.routes["/a"] = Reply(body="<p>Grüße</p>", content_type="text/html; charset=ISO-8859-1")
    with fetcher(clock) as f:
        page = f.fetch(server.url("/a"))
    assert (page.status, page.content_type, page.charset) == (200, "text/html", "ISO-8859-1")
    assert page.body == "<p>Grüße</p>".encode("utf-8")
    assert server.requests[0][1]["User-Agent"] == USER_AGENT and "summitry" in USER_AGENT


@pytest.mark.parametrize("status, problem", [
    (404, "HTTP 404"),
    (403, "HTTP 403"),
])
def test_fetch_client_error_is_one_input_error_without_retry(server, clock, status, problem):
    server.routes["/gone"] = Reply(status, "no")
    with fetcher(clock) as f, pytest.raises(InputError) as err:
        f.fetch(server.url("/gone"))
    assert str(err.value) == f"{server.url('/gone')}: {problem}"
    assert server.paths() == ["/gone"] and clock.slept == []


def test_fetch_retries_503_with_exponential_backoff(server, clock):
    server.routes["/flaky"] = [Reply(503, "busy"), Reply(503, "busy"), Reply(body="<p>ok</p>")]
    with fetcher(clock, backoff=2.0, delay=0) as f:
        page = f.fetch(server.url("/flaky"))
    assert page.body == b"<p>ok</p>"
    assert clock.slept == [2.0, 4.0]
    assert server.paths() == ["/flaky"] * 3


def test_fetch_gives_up_after_the_retries(server, clock):
    server.routes["/down"] = Reply(500, "broken")
    with fetcher(clock, retries=2, delay=0) as f, pytest.raises(InputError) as err:
        f.fetch(server.url("/down"))
    assert err.value.problem == "HTTP 500 after 3 attempts"
    assert clock.slept == [1.0, 2.0]


def test_fetch_429_waits_as_retry_after_says(server, clock):
    server.routes["/busy"] = [Reply(429, "slow down", headers={"Retry-After": "7"}), Reply(body="<p>ok</p>")]
    with fetcher(clock, delay=0) as f:
        assert f.fetch(server.url("/busy")).status == 200
    assert clock.slept == [7.0]


def test_fetch_refuses_a_retry_after_too_long(server, clock):
    server.routes["/later"] = Reply(429, "tomorrow", headers={"Retry-After": "86400"})
    with fetcher(clock, delay=0) as f, pytest.raises(InputError, match="asks to wait 86400 s"):
        f.fetch(server.url("/later"))


def test_fetch_rate_limit_per_host(server, clock):
    server.routes["/1"] = server.routes["/2"] = server.routes["/3"] = Reply(body="<p>x</p>")
    with fetcher(clock, delay=1.5) as f:
        f.fetch(server.url("/1"))
        clock.now += 0.5  # half a second of work between the requests
        f.fetch(server.url("/2"))
        f.fetch(server.url("/3"))
        # another host has its own turn: no wait for it
        other = server.url("/1").replace("127.0.0.1", "localhost")
        f.fetch(other)
    assert clock.slept == [1.0, 1.5]


def test_fetch_connection_refused_is_retried_then_one_error(clock):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed when the block ends: nothing listens there
    url = f"http://127.0.0.1:{port}/x"
    with fetcher(clock, retries=1, delay=0) as f, pytest.raises(InputError) as err:
        f.fetch(url)
    assert err.value.source == url and err.value.problem.startswith("cannot connect")
    assert err.value.problem.endswith("after 2 attempts") and "\n" not in str(err.value)
    assert clock.slept == [1.0]


def test_fetch_size_cap(server, clock):
    server.routes["/big"] = Reply(body=b"<p>" + b"x" * 5000 + b"</p>")
    with fetcher(clock, max_bytes=1000) as f, pytest.raises(InputError, match="over the 1 kB limit"):
        f.fetch(server.url("/big"))


@pytest.mark.parametrize("url", ["ftp://example.org/x", "not a url"])
def test_fetch_refuses_other_schemes(clock, url):
    with fetcher(clock) as f, pytest.raises(InputError, match="not an http"):
        f.fetch(url)


@pytest.mark.parametrize("value, seconds", [
    ("120", 120.0),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # in the past: no wait
    ("soon", None),
    (None, None),
])
def test_parse_retry_after(value, seconds):
    assert parse_retry_after(value) == seconds


@pytest.mark.parametrize("url, doc_id", [
    ("https://www.tagesschau.de/ausland/putin-xi-100.html", "tagesschau-de-ausland-putin-xi-100-html"),
    ("http://127.0.0.1:8000/a?id=5", "127-0-0-1-a-id-5"),  # the port is left out
])
def test_page_id_is_readable_and_stable(url, doc_id):
    assert page_id(url) == doc_id


def test_page_id_of_long_urls_differs():
    a, b = (page_id("https://news.example/" + "x" * 200 + tail) for tail in ("a", "b"))
    assert a != b and len(a) <= 80
