"""FastAPI application: a JSON API under /api and server-rendered HTML pages.

Read-only: every request opens its own read-only connection to the DuckDB file, so the web
server never blocks on, nor corrupts, an ingest (DuckDB lets readers share the file while
no writer holds it). Article text is untrusted: templates autoescape everything, and a
Content-Security-Policy forbids scripts other than the app's own static file.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Iterator
from importlib import resources
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from dyad.config import Settings
from dyad.errors import DyadError, StoreError, UsageError
from dyad.store.db import Store
from dyad.web import data

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


@functools.cache
def _templates() -> Any:
    import jinja2

    from dyad.analysis.common import QUAD_NAMES
    from dyad.output import short_actor

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("dyad.web", "templates"),
        autoescape=True,  # every template: article text and outlet names are untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["actor"] = short_actor
    env.filters["quad_name"] = lambda q: QUAD_NAMES.get(int(q or 0), "?")
    return env


def open_store(request: Request) -> Iterator[Store]:
    """A read-only connection for one request, closed when the response is sent."""
    settings: Settings = request.app.state.settings
    with Store(settings.db, read_only=True) as s:
        yield s


StoreDep = Annotated[Store, Depends(open_store)]


def _status(err: DyadError) -> int:
    if isinstance(err, data.NotFoundError):
        return 404
    if isinstance(err, StoreError):
        return 503
    return 400


def create_app(settings: Settings) -> FastAPI:
    """The dyad web app over the database of `settings` (opened read-only per request)."""
    app = FastAPI(
        title="dyad",
        description="Read-only JSON API over a dyad event database.",
        docs_url="/api/docs",
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    app.state.settings = settings
    static = resources.files("dyad.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api")

    def page(name: str, request: Request, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        html = _templates().get_template(name).render(request_path=request.url.path, **ctx)
        return HTMLResponse(html, status_code=status_code)

    def error(request: Request, status: int, code: str, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": {"code": code, "message": message}}, status)
        return page("error.html", request, status, status=status, code=code, message=message)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(DyadError)
    async def dyad_error(request: Request, exc: DyadError) -> Response:
        return error(request, _status(exc), exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = "not_found" if exc.status_code == 404 else f"http_{exc.status_code}"
        return error(request, exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        parts = [f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()]
        return error(request, 400, UsageError.code, "; ".join(parts))

    # --- JSON API ---------------------------------------------------------------------
    @app.get("/api/events")
    def api_events(
        s: StoreDep,
        actor: str | None = None,
        dyad: Annotated[str | None, Query(description="Two actors: RUS,IRN")] = None,
        code: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        cluster: str | None = None,
        limit: Annotated[int, Query(ge=1, le=data.MAX_LIMIT)] = 100,
    ) -> dict[str, Any]:
        f = data.build_filter(actor, dyad, code, since, until, source, cluster, limit)
        events = data.query_events(s, f)
        return {"count": len(events), "limit": limit, "events": events}

    @app.get("/api/events/{event_id}")
    def api_event(s: StoreDep, event_id: str) -> dict[str, Any]:
        return data.get_event(s, event_id)

    @app.get("/api/clusters")
    def api_clusters(
        s: StoreDep,
        min_sources: Annotated[int, Query(ge=1)] = 1,
        limit: Annotated[int, Query(ge=1, le=data.MAX_LIMIT)] = 200,
    ) -> dict[str, Any]:
        records = data.list_clusters(s, min_sources, limit)
        return {"count": len(records), "clusters": records}

    @app.get("/api/clusters/{cluster_id}")
    def api_cluster(s: StoreDep, cluster_id: str) -> dict[str, Any]:
        return data.get_cluster(s, cluster_id)

    @app.get("/api/conflicts")
    def api_conflicts(s: StoreDep, cluster: str | None = None) -> dict[str, Any]:
        items = data.list_conflicts(s, cluster)
        return {"count": len(items), "conflicts": items}

    @app.get("/api/actors")
    def api_actors(
        s: StoreDep, limit: Annotated[int, Query(ge=1, le=data.MAX_LIMIT)] = 200
    ) -> dict[str, Any]:
        items = data.list_actors(s, limit)
        return {"count": len(items), "actors": items}

    @app.get("/api/series")
    def api_series(
        s: StoreDep,
        actor: str | None = None,
        dyad: str | None = None,
        since: str | None = None,
        until: str | None = None,
        period: str = "month",
        unique: bool = True,
        all_modalities: bool = False,
    ) -> dict[str, Any]:
        from dyad.analysis.series import series
        from dyad.analysis.source import load_selection

        sel = load_selection(s, data.build_filter(actor, dyad, since=since, until=until))
        points = series(sel.events, period, unique, sel.clusters,
                        None if all_modalities else ("asserted", "reported"))  # fmt: skip
        return {
            "period": period,
            "unit": "events" if unique else "reports",
            "points": [p.to_json() for p in points],
        }

    @app.get("/api/network")
    def api_network(
        s: StoreDep,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
        level: str = "code",
        unique: bool = True,
    ) -> dict[str, Any]:
        from dyad.analysis.network import build_network, ego, to_node_link
        from dyad.analysis.source import load_selection

        sel = load_selection(s, data.build_filter(actor, since=since, until=until))
        graph = build_network(sel.events, unique=unique, level=level)
        if actor:
            graph = ego(graph, actor)
        return to_node_link(graph)

    @app.get("/api/articles/{doc_id}")
    def api_article(s: StoreDep, doc_id: str) -> dict[str, Any]:
        return data.article_with_spans(s, doc_id)

    # --- HTML pages -------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/events", status_code=307)

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(
        request: Request,
        s: StoreDep,
        actor: str | None = None,
        dyad: str | None = None,
        code: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        cluster: str | None = None,
        limit: Annotated[int, Query(ge=1, le=data.MAX_LIMIT)] = 200,
    ) -> HTMLResponse:
        form = {"actor": actor, "dyad": dyad, "code": code, "since": since, "until": until,
                "source": source, "cluster": cluster, "limit": limit}  # fmt: skip
        f = data.build_filter(actor, dyad, code, since, until, source, cluster, limit)
        return page("events.html", request, events=data.query_events(s, f), form=form)

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, s: StoreDep, event_id: str) -> HTMLResponse:
        view = data.event_view(s, event_id)
        others = data.query_events(s, data.build_filter(cluster=view.event.get("cluster_id")))
        return page("event.html", request, v=view, e=view.event, cluster_size=(
            len(others) if view.event.get("cluster_id") else 1))  # fmt: skip

    @app.get("/clusters", response_class=HTMLResponse, include_in_schema=False)
    def clusters_page(
        request: Request, s: StoreDep, min_sources: Annotated[int, Query(ge=1)] = 1
    ) -> HTMLResponse:
        conflicts: dict[str, list[str]] = {}
        for c in data.list_conflicts(s):
            conflicts.setdefault(c["cluster_id"], []).append(c["field"])
        return page("clusters.html", request, clusters=data.list_clusters(s, min_sources),
                    conflicts=conflicts, min_sources=min_sources)  # fmt: skip

    @app.get("/clusters/{cluster_id}", response_class=HTMLResponse, include_in_schema=False)
    def cluster_page(request: Request, s: StoreDep, cluster_id: str) -> HTMLResponse:
        return page("cluster.html", request, c=data.get_cluster(s, cluster_id))

    @app.get("/conflicts", response_class=HTMLResponse, include_in_schema=False)
    def conflicts_page(request: Request, s: StoreDep) -> HTMLResponse:
        return page("conflicts.html", request, conflicts=data.list_conflicts(s))

    @app.get("/brief", response_class=HTMLResponse, include_in_schema=False)
    def brief_page(
        request: Request,
        s: StoreDep,
        actor: str | None = None,
        dyad: str | None = None,
        since: str | None = None,
        until: str | None = None,
        period: str = "month",
    ) -> HTMLResponse:
        import markupsafe

        from dyad.analysis.brief import attach_chart, build_brief, render_html
        from dyad.analysis.source import load_selection

        form = {"actor": actor, "dyad": dyad, "since": since, "until": until, "period": period}
        body = None
        message = None
        if any(form[k] for k in ("actor", "dyad")):
            sel = load_selection(s, data.build_filter(actor, dyad, since=since, until=until))
            if sel.events:
                brief = attach_chart(build_brief(sel, period))
                body = markupsafe.Markup(render_html(brief, standalone=False))  # autoescaped
            else:
                message = "No events match this filter."
        return page("brief.html", request, form=form, body=body, message=message)

    return app
