"""What issue 14 found in the server: 500s without security headers, deep JSON and huge numbers
answered 500, a damaged store answered 500 on every page, half-sent requests never timed out,
no time limit on a posted document. Real app over a real store; the timeouts over a real
uvicorn server on loopback."""
from __future__ import annotations

import shutil
import socket
import sqlite3
import threading
import time

import pytest
import uvicorn
from fastapi.testclient import TestClient

from marsad.web.app import SECURITY_HEADERS, create_app
from marsad.web.server import TimedH11Protocol

from adversarial.hostile_inputs import trigger_sentence

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def assert_secured(response) -> None:
    for key, value in SECURITY_HEADERS.items():
        assert response.headers.get(key) == value, (response.status_code, key)


@pytest.fixture(scope="module")
def app(store_path):
    return create_app(store_path, token=TOKEN)


@pytest.fixture(scope="module")
def client(app):
    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize("method, path, status", [
    ("get", "/", 200), ("get", "/api/documents", 200), ("get", "/static/marsad.css", 200),
    ("get", "/nowhere", 404), ("get", "/api/nowhere", 404), ("get", "/api/documents?limit=0", 422),
    ("post", "/api/analyze", 401), ("get", "/api/events?since=yesterday", 400),
])
def test_every_response_carries_the_security_headers(client, method, path, status):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert_secured(response)


def test_a_500_carries_the_security_headers(store_path):
    app = create_app(store_path, token=TOKEN)

    @app.get("/api/broken")
    def broken():
        raise RuntimeError("secret internal detail")

    @app.get("/broken")
    def broken_page():
        raise KeyError("secret")

    client = TestClient(app, raise_server_exceptions=False)
    for path in ("/api/broken", "/broken"):
        response = client.get(path)
        assert response.status_code == 500 and "secret" not in response.text
        assert_secured(response)


@pytest.mark.parametrize("depth", [5000, 100_000])
def test_json_nested_deep_is_a_400(client, depth):
    for body in ("[" * depth + "]" * depth, '{"text": ' + "[" * depth + "]" * depth + "}"):
        response = client.post("/api/analyze", content=body.encode(),
                               headers={**AUTH, "Content-Type": "application/json"})
        assert response.status_code == 400, response.text
        assert response.json()["error"] == "request body: JSON nested too deep"
        assert_secured(response)


@pytest.mark.parametrize("path", [
    "/api/stories?min_documents=99999999999999999999999", "/stories?min_documents=99999999999999999999999",
    "/api/stories?min_documents=9223372036854775808", "/stories?min_documents=-99999999999999999999999",
])
def test_numbers_out_of_range_are_a_422(client, path):
    response = client.get(path)
    assert response.status_code == 422, response.text
    assert_secured(response)


def test_a_posted_document_past_the_time_limit_is_a_422_and_the_server_goes_on(store_path):
    client = TestClient(create_app(store_path, token=TOKEN, time_limit_s=2))
    started = time.monotonic()
    response = client.post("/api/analyze", json={"text": trigger_sentence(200_000)}, headers=AUTH)
    assert response.status_code == 422, response.text
    assert "per-document time limit" in response.json()["error"]
    assert time.monotonic() - started < 120       # minutes of analysis without the limit
    assert client.get("/api/documents").status_code == 200
    short = client.post("/api/analyze", json={"text": "خبر\n\nزار الوزير بغداد يوم الأحد."}, headers=AUTH)
    assert short.status_code == 200


# --- a damaged store ----------------------------------------------------------------------------

def _damage(db, table: str | None) -> None:
    """Invert bytes of the file header (table None) or of a table's root page."""
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                  (table,)).fetchone()[0] if table else 1
    offset = (root - 1) * page_size + (8 if table else 100)
    with open(db, "r+b") as handle:
        handle.seek(offset)
        data = handle.read(200)
        handle.seek(offset)
        handle.write(bytes(b ^ 0x5A for b in data))


def _assert_503(response, db) -> None:
    assert response.status_code == 503, response.text
    assert "the store is damaged: integrity check failed" in response.text and str(db) in response.text
    assert response.headers["retry-after"]
    assert_secured(response)


def test_a_store_damaged_before_the_start_is_served_as_503(store_path, tmp_path):
    db = tmp_path / "damaged.db"
    shutil.copy(store_path, db)
    _damage(db, None)
    client = TestClient(create_app(db, token=TOKEN), raise_server_exceptions=False)
    for path in ("/", "/documents", "/api/documents", "/api/stories"):
        _assert_503(client.get(path), db)
    page = client.get("/documents")
    assert page.headers["content-type"].startswith("text/html")


def test_damage_met_while_serving_is_a_503(store_path, tmp_path):
    db = tmp_path / "damaged.db"
    shutil.copy(store_path, db)
    client = TestClient(create_app(db, token=TOKEN), raise_server_exceptions=False)
    assert client.get("/api/documents").status_code == 200
    _damage(db, "documents")
    for path in ("/api/documents", "/documents"):
        _assert_503(client.get(path), db)


# --- read timeouts on a real server -----------------------------------------------------------

class QuickTimeouts(TimedH11Protocol):
    header_timeout_s = 1.0
    body_timeout_s = 1.0


@pytest.fixture
def server(store_path):
    """A real uvicorn server on a free loopback port, with one-second read timeouts."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(create_app(store_path, token=TOKEN), http=QuickTimeouts,
                            log_level="error", timeout_keep_alive=30)
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not instance.started:
        time.sleep(0.05)
    yield sock.getsockname()
    instance.should_exit = True
    thread.join(30)


def _closed_within(connection: socket.socket, seconds: float) -> bool:
    """Whether the server closes the connection within `seconds` (reading what it sends)."""
    connection.settimeout(seconds)
    try:
        while connection.recv(4096):
            pass
        return True
    except socket.timeout:
        return False
    except ConnectionResetError:
        return True


@pytest.mark.parametrize("sent", [b"", b"GET /api/documents HTTP/1.1\r\nHost: x\r\n",
                                  b"POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n"
                                  b"Content-Type: application/json\r\n\r\n{\"text\": \""])
def test_a_half_sent_request_is_timed_out(server, sent):
    with socket.create_connection(server) as connection:
        connection.sendall(sent)
        assert _closed_within(connection, 20)


def _read_response(connection: socket.socket) -> tuple[bytes, bytes]:
    """One whole HTTP response (head, body), however the network splits it."""
    connection.settimeout(60)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        assert chunk, f"closed before a whole head: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    while len(body) < length:
        chunk = connection.recv(65536)
        assert chunk, "closed before a whole body"
        body += chunk
    return head, body


def test_a_whole_request_is_answered_and_the_connection_kept(server):
    with socket.create_connection(server) as connection:
        for _ in range(2):
            connection.sendall(b"GET /api/documents?limit=1 HTTP/1.1\r\nHost: x\r\n\r\n")
            head, body = _read_response(connection)
            assert head.startswith(b"HTTP/1.1 200") and b"x-frame-options: deny" in head.lower()
            time.sleep(1.5)   # past the read timeouts, idle between requests: keep-alive's affair
        assert not _closed_within(connection, 0.5)


@pytest.mark.parametrize("sent", [b"GET /api/documents HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                                  b"NOT AN HTTP REQUEST\r\n\r\n",
                                  b"GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n"])
def test_a_malformed_request_gets_a_400_with_the_security_headers(server, sent):
    # Answered by uvicorn itself (h11 cannot parse it): no application code ran.
    with socket.create_connection(server) as connection:
        connection.sendall(sent)
        connection.settimeout(60)
        data = b""
        while chunk := connection.recv(65536):   # the body runs to the close
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0].startswith("HTTP/1.1 400"), lines[0]
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    for key, value in SECURITY_HEADERS.items():
        assert headers.get(key.lower()) == value, key
    assert body == b"Invalid HTTP request received."
