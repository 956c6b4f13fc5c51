"""What the API and the pages share per request: the store, parameter parsing, rendering.

Parameters arrive as strings and are checked here rather than by FastAPI's types: an HTML
form sends `kind=` for "any", and every bad value should get one readable message
(`BadParameter` → 422 {"error": "kind: ..."}), in the API and on the pages alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from summitry import __version__
from summitry.errors import SummitryError
from summitry.store import Store, open_store
from summitry.web.queries import DEFAULT_LIMIT, KINDS, LANGS, MAX_LIMIT, STATUSES, EventFilter
from summitry.web.uploads import PastedText, Upload

TEMPLATES = Path(__file__).parent / "templates"


class BadParameter(SummitryError):
    """A query or form parameter with a value the app cannot use."""

    def __init__(self, name: str, problem: str):
        super().__init__(f"{name}: {problem}")
        self.name = name


@contextmanager
def store_of(request: Request) -> Iterator[Store]:
    """The app's store, opened for this request (SQLite connections stay in their thread)."""
    with open_store(request.app.state.settings.db_path, create=False) as store:
        yield store


def choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    """`value` if it is one of `allowed`; empty means any."""
    if not value:
        return None
    if value not in allowed:
        raise BadParameter(name, f"'{value}' is not one of {', '.join(allowed)}")
    return value


def day(name: str, value: str | None) -> date | None:
    """A YYYY-MM-DD parameter as a date; empty means none."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameter(name, f"'{value}' is not a date (YYYY-MM-DD)") from None


def _date_range(date_from: str | None, date_to: str | None) -> tuple[date | None, date | None]:
    start, end = day("date_from", date_from), day("date_to", date_to)
    if start and end and start > end:
        raise BadParameter("date_from", f"{start} is after date_to {end}")
    return start, end


LangQ = Annotated[str | None, Query(description="Language: de or en.")]
FromQ = Annotated[str | None, Query(description="First day, YYYY-MM-DD.")]
ToQ = Annotated[str | None, Query(description="Last day, YYYY-MM-DD.")]


def event_filter(
    actor: Annotated[list[str] | None, Query(description="Actor id (Q7747) or part of a name; repeat for a pair.")]
    = None,
    kind: Annotated[str | None, Query(description=f"One of {', '.join(KINDS)}.")] = None,
    status: Annotated[str | None, Query(description=f"One of {', '.join(STATUSES)}.")] = None,
    lang: LangQ = None, date_from: FromQ = None, date_to: ToQ = None,
) -> EventFilter:
    """The event filters of the listings, checked."""
    start, end = _date_range(date_from, date_to)
    return EventFilter(actors=tuple(a.strip() for a in actor or () if a.strip()), kind=choice("kind", kind, KINDS),
                       status=choice("status", status, STATUSES), lang=choice("lang", lang, LANGS),
                       date_from=start, date_to=end)


@dataclass(frozen=True)
class Published:
    """Filters on documents (and their quotes): language and publication dates; `vars()` gives the keywords."""

    lang: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def published_filter(lang: LangQ = None, date_from: FromQ = None, date_to: ToQ = None) -> Published:
    """The document filters of the listings and the search, checked."""
    return Published(choice("lang", lang, LANGS), *_date_range(date_from, date_to))


def ingest_form(
    files: Annotated[list[UploadFile], File(description="Files: .txt, .html, .htm, .jsonl.")] = [],  # noqa: B006
    text: Annotated[str, Form(description="A pasted text.")] = "",
    id: Annotated[str, Form(description="The pasted text's id (default: from its content).")] = "",  # noqa: A002
    title: Annotated[str, Form()] = "",
    published: Annotated[str, Form(description="The pasted text's date, YYYY-MM-DD.")] = "",
    lang: Annotated[str, Form(description="The pasted text's language: de or en (default: detected).")] = "",
) -> tuple[list[Upload], PastedText]:
    """An ingest request (API or page form): the uploaded files and the pasted text, checked."""
    pasted = PastedText(text=text, doc_id=id or None, title=title or None, published=day("published", published),
                        lang=choice("lang", lang, LANGS))
    return [Upload(f.filename or "", f.file.read()) for f in files], pasted


IngestForm = Annotated[tuple[list[Upload], PastedText], Depends(ingest_form)]
Filter = Annotated[EventFilter, Depends(event_filter)]
PublishedIn = Annotated[Published, Depends(published_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (1–{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
DEFAULT_PAGE = DEFAULT_LIMIT


def segment(value: object) -> str:
    """A value quoted for one URL path segment ('/' too: document ids may hold one)."""
    return quote(str(value), safe="")


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True,
                      default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    env.filters["seg"] = segment
    env.filters["label"] = lambda s: (s or "").replace("_", " ")
    env.globals["version"] = __version__
    return env


ENV = _environment()


def render(request: Request | None, template: str, status_code: int = 200, **context) -> HTMLResponse:
    """A page from its template; `read_only` and the current path are always available to it."""
    settings = request.app.state.settings if request is not None else None
    context.setdefault("read_only", bool(settings and settings.read_only))
    context.setdefault("path", request.url.path if request is not None else "")
    return HTMLResponse(ENV.get_template(template).render(**context), status_code=status_code)
