"""The app factory: the API under /api/, the pages, the static files, the guard and error handlers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from summitry import __version__
from summitry.store import default_db_path, open_store
from summitry.web import api, errors, pages
from summitry.web.guard import RequestGuard
from summitry.web.uploads import MAX_UPLOAD_BYTES

STATIC = Path(__file__).parent / "static"

DESCRIPTION = """Contacts between world leaders (calls, meetings, visits) as extracted from news
articles and official readouts, grouped into events, with each side's account compared.

Listings take `limit` and `offset` and answer `{"total", "limit", "offset", "items"}`; errors
are `{"error": "<message>"}` with a 4xx status."""


@dataclass(frozen=True)
class Settings:
    db_path: str
    read_only: bool
    max_upload_bytes: int


LOOPBACK_NAMES = ["127.0.0.1", "localhost"]


def create_app(db_path: str | None = None, *, read_only: bool = False,
               max_upload_bytes: int = MAX_UPLOAD_BYTES, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The web app over the store at `db_path` (default: the CLI's).

    Read-only: the store must exist, and the app has no ingest (page or API) and refuses
    every write with 403. Otherwise a missing store is created, so a first run can ingest.
    allowed_hosts: the only Host headers answered (a page of another site that points its own
    name at 127.0.0.1, DNS rebinding, is refused with 400); None answers any.
    """
    path = str(db_path or default_db_path())
    if not read_only and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open_store(path, create=not read_only):  # fail now, with the CLI's message, not on each request
        pass
    app = FastAPI(title="summitry", version=__version__, description=DESCRIPTION, redoc_url=None)
    app.state.settings = Settings(db_path=path, read_only=read_only, max_upload_bytes=max_upload_bytes)
    app.add_middleware(RequestGuard, read_only=read_only, max_body=max_upload_bytes)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    errors.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router(read_only=read_only))
    app.include_router(pages.router(read_only=read_only))
    return app
