"""The dashboard's FastAPI application: the factory, limits, security headers and the one
error path. Who may write is decided in marsad.web.dashboard."""
from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad import settings
from marsad.errors import (BadQuery, InputError, InputTooLarge, MarsadError, StoreError, StoreNotFound,
                           TooLarge, Unauthorised)
from marsad.store.db import Store, open_reader
from marsad.web import api, pages
from marsad.web.dashboard import HERE, Dashboard

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
    if isinstance(error, BadQuery):
        return 400
    if isinstance(error, InputError):
        return 422
    if isinstance(error, StoreNotFound):
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
        if _is_api(request):
            return JSONResponse({"error": message, "status": status}, status_code=status,
                                headers=headers)
        response = dashboard.page("error.html", status=status, status_code=status, message=message)
        for key, value in (headers or {}).items():
            response.headers[key] = value
        return response

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
        return respond(request, _status_of(error), str(error))

    @app.exception_handler(TooLarge)
    async def too_large(request: Request, error: TooLarge) -> Response:
        return respond(request, 413, f"request body over the limit of {dashboard.max_body_bytes:,} bytes")

    @app.exception_handler(Unauthorised)
    async def unauthorised(request: Request, error: Unauthorised) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
        return respond(request, error.status, error.message, headers)

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return respond(request, 500, f"internal error ({type(error).__name__})")


def create_app(db_path: str | Path, token: str | None = None, *,
               max_body_bytes: int | None = None) -> FastAPI:
    """The dashboard over the store at `db_path`; `token` guards the writing endpoints."""
    db_path = Path(db_path)
    # Fail now, naming the file, rather than on every request.
    open_reader(db_path).close()
    _refresh_stories(db_path)
    dashboard = Dashboard(db_path, token, max_body_bytes or settings.MAX_BATCH_LINE_BYTES)
    app = FastAPI(title="Marsad", version=_version(),
                  description="Structured knowledge from Arabic news: documents, entities, "
                              "PLOVER events, stories and disputes of a Marsad store.",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.dashboard = dashboard

    @app.middleware("http")
    async def limits_and_headers(request: Request, call_next):
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > dashboard.max_body_bytes:
            message = f"request body over the limit of {dashboard.max_body_bytes:,} bytes"
            if _is_api(request):
                response: Response = JSONResponse({"error": message, "status": 413}, status_code=413)
            else:
                response = dashboard.page("error.html", status=413, status_code=413, message=message)
        else:
            response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    install_error_handlers(app, dashboard)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
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
