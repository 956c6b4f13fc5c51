"""The JSON API under /api/: thin handlers over web.queries, documented by FastAPI's /docs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from summitry.web import queries
from summitry.web.deps import DEFAULT_PAGE, Filter, IngestForm, Limit, Offset, PublishedIn, choice, store_of
from summitry.store.search import SCOPES as SEARCH_SCOPES
from summitry.web.uploads import ingest_uploads



def router(*, read_only: bool) -> APIRouter:
    r = APIRouter(prefix="/api")

    @r.get("/documents", tags=["documents"], summary="Stored documents (current versions)")
    def documents(request: Request, published: PublishedIn, limit: Limit = DEFAULT_PAGE,
                  offset: Offset = 0) -> dict[str, Any]:
        with store_of(request) as store:
            found = queries.documents(store, **vars(published))
        return queries.page_of(found, limit, offset)

    @r.get("/documents/{doc_id:path}", tags=["documents"], summary="One document: text, extraction, events")
    def document(request: Request, doc_id: str,
                 raw: Annotated[bool, Query(description="Include the original text.")] = False) -> dict[str, Any]:
        with store_of(request) as store:
            return queries.document(store, doc_id, raw=raw)

    @r.get("/events", tags=["events"], summary="Events (contacts across sources), filtered")
    def events(request: Request, flt: Filter, limit: Limit = DEFAULT_PAGE, offset: Offset = 0) -> dict[str, Any]:
        with store_of(request) as store:
            found = [queries.event_summary(e) for e in queries.events(store, flt)]
        return queries.page_of(found, limit, offset)

    @r.get("/events/{event_id}", tags=["events"], summary="One event's merged record (id or unique prefix)")
    def event(request: Request, event_id: str) -> dict[str, Any]:
        with store_of(request) as store:
            return queries.event(store, event_id)

    @r.get("/events/{event_id}/comparison", tags=["events"], summary="Topic × side comparison of an event")
    def comparison(request: Request, event_id: str) -> dict[str, Any]:
        with store_of(request) as store:
            return queries.comparison(store, event_id)

    @r.get("/actors", tags=["actors"], summary="People in events or quoted, most contacts first")
    def actors(request: Request, name: Annotated[str | None, Query(description="Part of a name.")] = None,
               limit: Limit = DEFAULT_PAGE, offset: Offset = 0) -> dict[str, Any]:
        with store_of(request) as store:
            return queries.page_of(queries.actors(store, name=name), limit, offset)

    @r.get("/actors/{actor_id:path}", tags=["actors"],
           summary="One person: roles over time, contacts, counterparts, quotes")
    def actor(request: Request, actor_id: str) -> dict[str, Any]:
        with store_of(request) as store:
            return queries.actor(store, actor_id)

    @r.get("/quotes", tags=["quotes"], summary="Quotes with their speakers")
    def quotes(request: Request, published: PublishedIn,
               speaker: Annotated[str | None, Query(description="Actor id or part of a name.")] = None,
               limit: Limit = DEFAULT_PAGE, offset: Offset = 0) -> dict[str, Any]:
        with store_of(request) as store:
            found = queries.quotes(store, speaker=speaker, **vars(published))
        return queries.page_of(found, limit, offset)

    @r.get("/timeline", tags=["timeline"], summary="Contacts over time, counts per pair and kind, series")
    def timeline(request: Request, flt: Filter) -> dict[str, Any]:
        with store_of(request) as store:
            return queries.timeline(store, flt)

    @r.get("/search", tags=["search"], summary="Full-text search over documents and quotes")
    def search(request: Request, q: Annotated[str, Query(description="Words or \"a phrase\".")],
               published: PublishedIn,
               scope: Annotated[str, Query(description=f"One of {', '.join(SEARCH_SCOPES)}.")] = "all",
               limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
        with store_of(request) as store:
            return queries.search(store, q, scope=choice("scope", scope, SEARCH_SCOPES) or "all", limit=limit,
                                  offset=offset, **vars(published))

    @r.get("/export/{fmt}", tags=["export"], summary="The filtered timeline as jsonl, csv, ics or graphml",
           response_class=Response)
    def export(request: Request, fmt: str, flt: Filter) -> Response:
        with store_of(request) as store:
            content, media_type, filename = queries.export(store, fmt, flt)
        return Response(content, media_type=media_type,
                        headers={"content-disposition": f'attachment; filename="{filename}"'})

    if not read_only:
        @r.post("/ingest", tags=["ingest"], summary="Ingest uploaded files and/or a pasted text")
        def ingest(request: Request, form: IngestForm) -> dict[str, Any]:
            with store_of(request) as store:
                return ingest_uploads(store, *form)

    return r
