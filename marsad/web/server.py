"""uvicorn's HTTP/1.1 protocol with read timeouts, and security headers on its own 400s.

A client must send a request's head, and then its body, within a time, or its connection is
closed: uvicorn times out only an idle keep-alive connection, so a client that opens a
connection and sends nothing, or half a request line, or a body a byte a minute, held a
connection and its buffers for ever (issue 14).

A request h11 cannot parse (a malformed request line or header, an invalid character) is
answered 400 by uvicorn itself, before the application sees it, so that answer passed no
application code that adds the security headers (issue 14); here it carries them.

Passed to uvicorn as `http=TimedH11Protocol`.
"""
from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from marsad import settings
from marsad.web.app import SECURITY_HEADERS

_SECURITY_HEADERS = [(k.lower().encode("ascii"), v.encode("ascii")) for k, v in SECURITY_HEADERS.items()]


class TimedH11Protocol(H11Protocol):
    """H11Protocol that closes a connection whose request head is not complete within
    settings.HTTP_HEADER_TIMEOUT_S (from the connection, or from the first byte after a
    response), or whose body is not complete within settings.HTTP_BODY_TIMEOUT_S of its head."""

    header_timeout_s = settings.HTTP_HEADER_TIMEOUT_S
    body_timeout_s = settings.HTTP_BODY_TIMEOUT_S

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._read_deadline: asyncio.TimerHandle | None = None
        self._waiting_for: str | None = None      # "head" or "body"

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._wait_for("head", self.header_timeout_s)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._follow_the_request()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._follow_the_request()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to a request h11 cannot parse, with the security headers: the same
        response as uvicorn's own (H11Protocol.send_400_response), headers added."""
        event = h11.Response(status_code=400, reason=b"Bad Request", headers=[
            (b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close"),
            *_SECURITY_HEADERS])
        for part in (event, h11.Data(data=msg.encode("ascii", "replace")), h11.EndOfMessage()):
            self.transport.write(self.conn.send(part))
        self.transport.close()

    def _follow_the_request(self) -> None:
        """Arm, keep or stop the read deadline from where the client is in its request."""
        state = self.conn.their_state
        if state is h11.IDLE:
            # Bytes of a next request have come (or none: uvicorn's keep-alive timer waits then).
            if self.timeout_keep_alive_task is None and self.conn.trailing_data[0]:
                self._wait_for("head", self.header_timeout_s)
        elif state is h11.SEND_BODY:
            self._wait_for("body", self.body_timeout_s)
        else:
            self._stop_waiting()

    def _wait_for(self, part: str, seconds: float) -> None:
        if self._waiting_for == part or not seconds:
            return      # the deadline runs from when the part began, not from the last byte
        self._stop_waiting()
        self._waiting_for = part
        self._read_deadline = self.loop.call_later(seconds, self._too_slow, part, seconds)

    def _stop_waiting(self) -> None:
        if self._read_deadline is not None:
            self._read_deadline.cancel()
        self._read_deadline = None
        self._waiting_for = None

    def _too_slow(self, part: str, seconds: float) -> None:
        self._read_deadline = None
        self._waiting_for = None
        if self.transport.is_closing():
            return
        self.logger.warning("closing a connection from %s: request %s not received within %g s",
                            "%s:%d" % self.client if self.client else "?", part, seconds)
        self.transport.close()
