"""The request guard: read-only mode, cross-site writes, body size, and security headers.

An ASGI middleware rather than per-route checks, so a route added later is covered too.
Writes (any method but GET, HEAD, OPTIONS) are refused in read-only mode (403) and when the
browser says they come from another site (403: a page elsewhere must not be able to make a
local summitry ingest). Bodies over the limit get 413, by their Content-Length or, when it
is missing, as they stream in.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The pages load nothing from elsewhere and run only /static/app.js; FastAPI's /docs page
# loads Swagger UI from a CDN with an inline script, so it is left without the policy.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
NO_CSP = ("/docs", "/openapi.json")


class BodyTooLarge(Exception):
    pass


class RequestGuard:
    def __init__(self, app: ASGIApp, *, read_only: bool, max_body: int):
        self.app = app
        self.read_only = read_only
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        send = self._with_headers(send, path)
        if scope["method"] not in SAFE_METHODS:
            refusal = self._refusal(headers)
            if refusal:
                await _refuse(scope, receive, send, *refusal)
                return
            await self._limited(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _refusal(self, headers: dict[str, str]) -> tuple[int, str] | None:
        if self.read_only:
            return 403, "this server runs read-only: it accepts no changes (start it without --read-only to ingest)"
        origin = headers.get("origin")
        if origin is not None and (origin == "null" or urlsplit(origin).netloc != headers.get("host")):
            return 403, f"refused a change requested by another site ({origin})"
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            return 413, self._too_large()
        return None

    def _too_large(self) -> str:
        return f"the request is too large: at most {self.max_body // 1_000_000} MB of files and text per request"

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app, counting the body as it streams; over the limit its response is replaced by 413."""
        seen = 0
        exceeded = False
        answered = False

        async def counting_receive() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    exceeded = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal answered
            if exceeded:  # the app turned the broken-off body into an error of its own: say what happened
                if not answered and message["type"] == "http.response.start":
                    answered = True
                    await _refuse(scope, receive, send, 413, self._too_large())
                return
            answered = answered or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except BodyTooLarge:
            if not answered:
                await _refuse(scope, receive, send, 413, self._too_large())

    @staticmethod
    def _with_headers(send: Send, path: str) -> Send:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
                         (b"x-frame-options", b"DENY")]
                if not path.startswith(NO_CSP):
                    extra.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        return send_with_headers


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, message: str) -> None:
    from starlette.requests import Request

    from summitry.web.errors import error_response

    await error_response(Request(scope), status, message)(scope, receive, send)
