"""The local web app and JSON API over the store (`summitry serve`).

    app.py      create_app(db_path, read_only=...): routers, guard, error handlers
    api.py      /api/...: JSON endpoints (OpenAPI docs at /docs)
    pages.py    the server-rendered pages (templates/, static/)
    queries.py  the queries both of them call
    present.py  page models: texts with their facts marked (markup.py), charts (charts.py)
    uploads.py  ingest from the browser or the API
    guard.py    read-only mode, cross-site writes, body size limit, security headers
"""
