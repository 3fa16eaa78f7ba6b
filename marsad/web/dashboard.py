"""What the dashboard's routes share: the store, the token rule for writing, the templates.

Reading endpoints are open. Writing endpoints (`POST /api/analyze?store=1` stores; analysing
alone is also treated as writing, since it costs CPU) need `Authorization: Bearer TOKEN` when
the server has a token; without one, they are served only to loopback clients (127.0.0.1, ::1)
and refused with 403 to anyone else, so a dashboard started on a laptop works at once and one
exposed on a network without a token cannot be written to or made to burn CPU.
"""
from __future__ import annotations

import hmac
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from marsad.errors import TooLarge, Unauthorised
from marsad.store.db import Store, open_reader
from marsad.web import labels
from marsad.web.charts import colour
from marsad.web.highlight import marked_snippet
from marsad.web.links import drill

HERE = Path(__file__).parent
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


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
    env.filters["counted"] = labels.counted
    env.globals["drill"] = drill
    env.filters["readable_url"] = readable_url
    env.filters["web_url"] = lambda url: url if isinstance(url, str) and url.lower().startswith(
        ("http://", "https://")) else None
    return env


def readable_url(url: str | None) -> str:
    """A URL as a reader reads it: percent-encoded Arabic decoded (the link keeps the encoding)."""
    if not url:
        return ""
    try:
        return unquote(url, errors="strict")
    except UnicodeDecodeError:
        return url


class Dashboard:
    """What the routes share: the store's path, the token, the templates, the body limit."""

    def __init__(self, db_path: Path, token: str | None, max_body_bytes: int):
        self.db_path = db_path
        self.token = token or None
        self.max_body_bytes = max_body_bytes
        self.templates = make_templates()

    def reader(self) -> Store:
        return open_reader(self.db_path)

    def check_writer(self, request: Request, form_token: str | None = None) -> None:
        """Let a writing request through, or raise Unauthorised (see the module's docstring).
        A page's form, which cannot set a header, gives the token as a field."""
        if self.token:
            given = request.headers.get("authorization", "")
            scheme, _, value = given.partition(" ")
            if form_token is not None and not given:
                scheme, value = "bearer", form_token
            if scheme.lower() != "bearer" or not hmac.compare_digest(
                    value.strip().encode(), self.token.encode()):
                raise Unauthorised(401, "a bearer token is required (Authorization: Bearer TOKEN)")
            return
        host = request.client.host if request.client else ""
        if host not in LOOPBACK:
            raise Unauthorised(403, "writing is allowed only from loopback when the server has "
                                    "no token (its MARSAD_TOKEN setting)")

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


def dashboard_of(request: Request) -> Dashboard:
    return request.app.state.dashboard
