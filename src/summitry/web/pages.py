"""The server-rendered pages: the same queries as the API, drawn by the templates."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from summitry.web import charts, present, queries
from summitry.web.deps import Filter, IngestForm, Offset, PublishedIn, choice, render, store_of
from summitry.web.markup import highlighted_snippet
from summitry.store.search import SCOPES as SEARCH_SCOPES
from summitry.web.queries import EXPORT_FORMATS, KINDS, LANGS, STATUSES
from summitry.web.uploads import ingest_uploads

PAGE = 50


def router(*, read_only: bool) -> APIRouter:
    r = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @r.get("/")
    def home() -> RedirectResponse:
        return RedirectResponse("/timeline", status_code=303)

    @r.get("/timeline")
    def timeline(request: Request, flt: Filter):
        with store_of(request) as store:
            result = queries.timeline(store, flt)
            names = [a["name"] for a in queries.actors(store)]
        chart = charts.timeline_chart(result)
        return render(request, "timeline.html", result=result, chart=chart, flt=flt, names=names,
                      kinds=KINDS, statuses=STATUSES, langs=LANGS, formats=EXPORT_FORMATS,
                      query=request.url.query)

    @r.get("/events")
    def events(request: Request) -> RedirectResponse:
        return RedirectResponse("/timeline" + (f"?{request.url.query}" if request.url.query else ""),
                                status_code=303)

    @r.get("/events/{event_id}")
    def event(request: Request, event_id: str):
        with store_of(request) as store:
            ev = queries.event(store, event_id)
            comparison = queries.comparison(store, ev["id"])
            documents = []
            for doc_id in ev["documents"]:
                stored = store.lookup(doc_id)
                doc = stored.document
                documents.append((stored.extraction or {}, doc.text,
                                  {"id": doc.id, "title": doc.title, "published": doc.published,
                                   "language": doc.language, "url": doc.url}))
        return render(request, "event.html", **present.event_page(ev, comparison, documents))

    @r.get("/actors")
    def actors(request: Request, name: str | None = None, offset: Offset = 0):
        with store_of(request) as store:
            page = queries.page_of(queries.actors(store, name=name), PAGE, offset)
        return render(request, "actors.html", page=page, name=name or "")

    @r.get("/actors/{actor_id:path}")
    def actor(request: Request, actor_id: str):
        with store_of(request) as store:
            person = queries.actor(store, actor_id)
        return render(request, "actor.html", actor=person,
                      network=charts.network_chart(person["name"], person["counterparts"]))

    @r.get("/documents")
    def documents(request: Request, published: PublishedIn, offset: Offset = 0):
        with store_of(request) as store:
            page = queries.page_of(queries.documents(store, **vars(published)), PAGE, offset)
        return render(request, "documents.html", page=page, langs=LANGS, **vars(published))

    @r.get("/documents/{doc_id:path}")
    def document(request: Request, doc_id: str, raw: bool = False):
        with store_of(request) as store:
            record = queries.document(store, doc_id, raw=raw)
        return render(request, "document.html", **present.document_page(record))

    @r.get("/search")
    def search(request: Request, published: PublishedIn, q: str = "", scope: str = "all", offset: Offset = 0):
        form = {"q": q, "scope": choice("scope", scope, SEARCH_SCOPES) or "all", **vars(published)}
        result = None
        if q.strip():
            with store_of(request) as store:
                result = queries.search(store, q, scope=form["scope"], limit=20, offset=offset, **vars(published))
            for hit in result["hits"]:
                hit["html"] = highlighted_snippet(hit.get("snippet") or "", hit.get("highlights") or [])
        return render(request, "search.html", form=form, result=result, scopes=SEARCH_SCOPES, langs=LANGS)

    if not read_only:
        @r.get("/ingest")
        def ingest_form(request: Request):
            return render(request, "ingest.html", langs=LANGS,
                          limit_mb=request.app.state.settings.max_upload_bytes // 1_000_000)

        @r.post("/ingest")
        def ingest(request: Request, form: IngestForm):
            with store_of(request) as store:
                result = ingest_uploads(store, *form)
            return render(request, "ingest_result.html", result=result)

    return r
