"""The dashboard's FastAPI application: the factory, limits, security headers and the one
error path. Who may write is decided in marsad.web.dashboard."""
from __future__ import annotations

import logging
import weakref
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad import settings
from marsad.errors import (AnalysisQueueFull, BadChoice, BadQuery, UnknownEvent, DocumentTimeLimit, InputError,
                           InputTooLarge, MalformedBody, MarsadError, StoreDamaged, StoreError, StoreNotFound, TooLarge,
                           Unauthorised)
from marsad.store.db import Store, damaged, is_damage, open_reader
from marsad.web import api, pages
from marsad.web.dashboard import HERE, Dashboard
from marsad.web.workers import AnalysisPool

log = logging.getLogger("marsad.web")

# No script runs on any page: the dashboard needs none, and this stops injected markup cold
# even if an escaping bug let some through.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _status_of(error: MarsadError) -> int:
    if isinstance(error, InputTooLarge):
        return 413
    if isinstance(error, BadChoice):
        return 422
    if isinstance(error, UnknownEvent):
        return 404
    if isinstance(error, (BadQuery, MalformedBody)):
        return 400
    if isinstance(error, DocumentTimeLimit):
        return 422
    if isinstance(error, InputError):
        return 422
    if isinstance(error, (StoreNotFound, AnalysisQueueFull)):
        return 503
    if isinstance(error, StoreError):
        return 503
    return 500


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {item.get('msg', 'invalid')}" if where else item.get("msg", "invalid"))
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI, dashboard: Dashboard) -> None:
    """Every error becomes `{"error": ...}` under /api/ and an HTML page elsewhere, never a trace."""

    def respond(request: Request, status: int, message: str,
                headers: dict[str, str] | None = None) -> Response:
        return error_response(request, dashboard, status, message, headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = error.detail if isinstance(error.detail, str) else "request refused"
        if error.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        return respond(request, error.status_code, message, getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        return respond(request, 422, _validation_message(error))

    @app.exception_handler(MarsadError)
    async def marsad_error(request: Request, error: MarsadError) -> Response:
        headers = ({"Retry-After": str(error.retry_after_s)}
                   if isinstance(error, AnalysisQueueFull) else None)
        return respond(request, _status_of(error), str(error), headers)

    @app.exception_handler(TooLarge)
    async def too_large(request: Request, error: TooLarge) -> Response:
        return respond(request, 413, f"request body over the limit of {dashboard.max_body_bytes:,} bytes")

    @app.exception_handler(Unauthorised)
    async def unauthorised(request: Request, error: Unauthorised) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
        return respond(request, error.status, error.message, headers)

    @app.exception_handler(OverflowError)
    async def out_of_range(request: Request, error: OverflowError) -> Response:
        # A whole number the parameter's type accepts but SQLite cannot hold (min_documents=10**23).
        return respond(request, 422, "a number in the request is out of range")

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> Response:
        if is_damage(error):  # an SQLite error from outside a store's own connection
            found = damaged(dashboard.db_path, error)
            return respond(request, _status_of(found), str(found))
        log.exception("internal error on %s", request.url.path)
        return respond(request, 500, f"internal error ({type(error).__name__})")


def error_response(request: Request, dashboard: Dashboard, status: int, message: str,
                   headers: dict[str, str] | None = None) -> Response:
    """`{"error", "status"}` under /api/, the error page elsewhere; a store that cannot answer
    (503) says when to try again."""
    headers = dict(headers or {})
    if status == 503:
        headers.setdefault("Retry-After", str(RETRY_AFTER_S))
    if _is_api(request):
        return JSONResponse({"error": message, "status": status}, status_code=status,
                            headers=headers)
    response = dashboard.page("error.html", status=status, status_code=status, message=message)
    for key, value in headers.items():
        response.headers[key] = value
    return response


# Seconds a client is asked to wait (Retry-After) before trying again after a 503.
RETRY_AFTER_S = 30


class SecurityHeaders:
    """ASGI wrapper around the whole application, Starlette's own error handling included, so
    that every response carries SECURITY_HEADERS: a 500 answered by the outermost error
    middleware passes no user middleware (issue 14)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    if key not in headers:
                        headers[key] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(db_path: str | Path, token: str | None = None, *,
               max_body_bytes: int | None = None, time_limit_s: float | None = None,
               analysis_workers: int | None = None, analysis_queue: int | None = None) -> FastAPI:
    """The dashboard over the store at `db_path`; `token` guards the writing endpoints;
    `time_limit_s` bounds each posted document's analysis (default: settings.DOCUMENT_TIME_LIMIT_S),
    run in `analysis_workers` processes with `analysis_queue` more waiting (default:
    settings.ANALYSIS_WORKERS and ANALYSIS_QUEUE). The workers stop with the application's
    lifespan, or with `app.state.dashboard.analyses.close()`."""
    db_path = Path(db_path)
    # Fail now, naming the file, rather than on every request; a damaged store is served, every
    # request answered 503 with what the integrity check found.
    damage: StoreDamaged | None = None
    try:
        open_reader(db_path, check=True).close()
        _refresh_stories(db_path)
    except StoreDamaged as error:
        log.error("%s", error)
        damage = error
    dashboard = Dashboard(db_path, token, max_body_bytes or settings.MAX_BATCH_LINE_BYTES)
    dashboard.time_limit_s = settings.DOCUMENT_TIME_LIMIT_S if time_limit_s is None else time_limit_s
    dashboard.analyses = AnalysisPool(
        settings.ANALYSIS_WORKERS if analysis_workers is None else analysis_workers,
        settings.ANALYSIS_QUEUE if analysis_queue is None else analysis_queue)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        dashboard.analyses.start()
        try:
            yield
        finally:
            dashboard.analyses.close()

    app = FastAPI(title="Marsad", version=_version(), lifespan=lifespan,
                  description="Structured knowledge from Arabic news: documents, entities, "
                              "PLOVER events, stories and disputes of a Marsad store.",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.dashboard = dashboard
    # An application dropped without its lifespan's end (a test's TestClient used without
    # `with`) stops its workers when it is collected, rather than leaving them idle, 260 MB each.
    weakref.finalize(app, dashboard.analyses.close)

    @app.middleware("http")
    async def limits(request: Request, call_next):
        if damage is not None and not request.url.path.startswith("/static/"):
            return error_response(request, dashboard, 503, str(damage))
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > dashboard.max_body_bytes:
            message = f"request body over the limit of {dashboard.max_body_bytes:,} bytes"
            return error_response(request, dashboard, 413, message)
        return await call_next(request)

    install_error_handlers(app, dashboard)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    build_stack = app.build_middleware_stack
    app.build_middleware_stack = lambda: SecurityHeaders(build_stack())
    return app


def _refresh_stories(db_path: Path) -> None:
    """Stories left stale by an interrupted ingest are rebuilt before serving."""
    reader = open_reader(db_path)
    try:
        stale = reader.stories_stale()
    finally:
        reader.close()
    if stale:
        with Store(db_path) as writer:
            writer.rebuild_stories()


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("marsad")
    except Exception:  # an uninstalled checkout still serves
        return "0"
