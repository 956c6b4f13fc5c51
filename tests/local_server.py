"""A small HTTP server on 127.0.0.1 for the feed and fetch tests: canned responses, no internet."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


class LocalServer:
    """Serves `routes`: path → a Reply, or a list of Replies given in turn (the last one repeats)."""

    def __init__(self):
        self.routes: dict[str, Reply | list[Reply]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []  # (path, headers), in order
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                server.requests.append((self.path, dict(self.headers)))
                reply = server._next(self.path)
                body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
                self.send_response(reply.status)
                if reply.content_type:
                    self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(body)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # keep test output quiet
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def _next(self, path: str) -> Reply:
        route = self.routes.get(path)
        if route is None:
            return Reply(404, "<html><body>not here</body></html>")
        if isinstance(route, list):
            return route.pop(0) if len(route) > 1 else route[0]
        return route

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
