"""Errors as responses: one JSON shape for the API, one error page for the pages.

API errors are always `{"error": "<readable message>"}` (plus `details` for validation),
pinned by the tests; summitry's own errors keep their messages, which name the bad value.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from summitry.errors import NoSuchActor, NoSuchDocument, NoSuchEvent, StoreError, SummitryError
from summitry.store import AmbiguousDocument
from summitry.web.deps import BadParameter, render
from summitry.web.queries import UnknownFormat

log = logging.getLogger("summitry.web")


def error_body(message: str, **extra: Any) -> dict[str, Any]:
    """The API's error shape."""
    return {"error": message, **extra}


def status_of(exc: SummitryError) -> int:
    """The HTTP status of a domain error: unknown ids 404, ambiguous ones and unusable input 400."""
    if isinstance(exc, AmbiguousDocument) or (isinstance(exc, NoSuchEvent) and exc.matches):
        return 400
    if isinstance(exc, (NoSuchDocument, NoSuchEvent, NoSuchActor, UnknownFormat)):
        return 404
    if isinstance(exc, BadParameter):
        return 422
    if isinstance(exc, StoreError):
        return 503
    return 400  # the rest are the user's input: a bad query, an unreadable upload


def is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def error_response(request: Request, status: int, message: str, **extra: Any) -> Response:
    """JSON under /api/, else the error page."""
    if is_api(request.url.path):
        return JSONResponse(error_body(message, **extra), status_code=status)
    return render(request, "error.html", status_code=status, status=status, message=message)


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    """'limit: Input should be less than or equal to 200' for each bad parameter, and the details."""
    details = []
    for err in exc.errors():
        where = [str(part) for part in err.get("loc", ()) if part not in ("query", "path", "body", "form")]
        details.append({"parameter": ".".join(where) or None, "problem": err.get("msg", "invalid")})
    message = "; ".join(f"{d['parameter']}: {d['problem']}" if d["parameter"] else d["problem"] for d in details)
    return message or "invalid request", details


def install(app: FastAPI) -> None:
    """Register the handlers: domain errors, validation, HTTP errors, and anything unforeseen."""

    @app.exception_handler(SummitryError)
    async def summitry_error(request: Request, exc: SummitryError) -> Response:
        return error_response(request, status_of(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        message, details = _validation_message(exc)
        if is_api(request.url.path):
            return JSONResponse(error_body(message, details=details), status_code=422)
        return error_response(request, 422, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        response = error_response(request, exc.status_code, message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return error_response(request, 500, f"internal error ({type(exc).__name__})")
