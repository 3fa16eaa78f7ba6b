"""The dashboard's FastAPI application: the factory, access rules, limits and the one error path.

Reading endpoints are open. Writing endpoints (`POST /api/analyze?store=1` stores; analysing
alone is also treated as writing, since it costs CPU) need `Authorization: Bearer TOKEN` when
the server has a token; without one, they are served only to loopback clients (127.0.0.1, ::1)
and refused with 403 to anyone else, so a dashboard started on a laptop works at once and one
exposed on a network without a token cannot be written to or made to burn CPU.
"""
from __future__ import annotations

import hmac
import logging
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad import settings
from marsad.errors import (BadQuery, InputError, InputTooLarge, MarsadError, StoreError, StoreNotFound,
                           TooLarge, Unauthorised)
from marsad.store.db import Store, open_reader
from marsad.web import labels
from marsad.web.charts import colour
from marsad.web.highlight import marked_snippet

HERE = Path(__file__).parent
LOOPBACK = {"127.0.0.1", "::1", "localhost"}
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


def make_templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["event_type"] = lambda code: labels.label(labels.EVENT_TYPES, code)
    env.filters["status"] = lambda code: labels.label(labels.STATUSES, code)
    env.filters["entity_type"] = lambda code: labels.label(labels.ENTITY_TYPES, code)
    env.filters["sector"] = lambda code: labels.label(labels.SECTORS, code)
    env.filters["colour"] = colour
    env.filters["snippet"] = marked_snippet
    env.filters["urlpart"] = lambda value: quote(str(value), safe=":")
    env.filters["web_url"] = lambda url: url if isinstance(url, str) and url.lower().startswith(
        ("http://", "https://")) else None
    return env


class Dashboard:
    """What the routes share: the store's path, the token, the templates, the body limit."""

    def __init__(self, db_path: Path, token: str | None, max_body_bytes: int):
        self.db_path = db_path
        self.token = token or None
        self.max_body_bytes = max_body_bytes
        self.templates = make_templates()

    def reader(self) -> Store:
        return open_reader(self.db_path)

    def check_writer(self, request: Request) -> None:
        """Let a writing request through, or raise Unauthorised (see the module's docstring)."""
        if self.token:
            given = request.headers.get("authorization", "")
            scheme, _, value = given.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(
                    value.strip().encode(), self.token.encode()):
                raise Unauthorised(401, "a bearer token is required (Authorization: Bearer TOKEN)")
            return
        host = request.client.host if request.client else ""
        if host not in LOOPBACK:
            raise Unauthorised(403, "writing is allowed only from loopback when the server has "
                                    "no token (start it with --token or MARSAD_TOKEN)")

    async def read_body(self, request: Request) -> bytes:
        """The request body, refused (TooLarge) as soon as it passes the limit."""
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_body_bytes:
            raise TooLarge()
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.max_body_bytes:
                raise TooLarge()
            chunks.append(chunk)
        return b"".join(chunks)

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.templates.get_template(template).render(**context)
        return HTMLResponse(html, status_code=status)


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
    from marsad.web import api, pages

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


def dashboard_of(request: Request) -> Dashboard:
    return request.app.state.dashboard
