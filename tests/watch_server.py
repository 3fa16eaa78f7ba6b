"""A news site on loopback for `marsad watch` tests and benchmarks: feeds, sitemaps, invented
Arabic article pages (written for these tests), and the bad cases a crawler meets."""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

# Invented pieces of news, combined by index so that every page has its own text.
CITIES = ["الموصل", "البصرة", "أربيل", "كربلاء", "النجف", "الحلة", "الرمادي", "كركوك", "دهوك", "العمارة"]
SUBJECTS = ["مشروع لتحلية مياه الشرب", "مستشفى جديد للأطفال", "جسر يربط ضفتي النهر",
            "سوق شعبي بعد ترميمه", "مدرسة مهنية للبنات", "محطة لتوليد الكهرباء بالطاقة الشمسية",
            "مكتبة عامة في وسط المدينة", "ملعب لكرة القدم"]
WHO = ["محافظ", "رئيس مجلس", "مدير بلدية", "نائب محافظ"]
MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
          "تشرين الأول", "تشرين الثاني", "كانون الأول"]


def article_title(n: int) -> str:
    return f"افتتاح {SUBJECTS[n % len(SUBJECTS)]} في {CITIES[n % len(CITIES)]} (الخبر رقم {n})"


def article_html(n: int, *, dated: bool = False) -> str:
    """An invented article page: navigation, a headline, three paragraphs, a footer."""
    city, subject = CITIES[n % len(CITIES)], SUBJECTS[n % len(SUBJECTS)]
    who, other = WHO[n % len(WHO)], CITIES[(n + 3) % len(CITIES)]
    cost, workers = 3 + n % 17, 40 + 7 * n
    date = (f'<meta property="article:published_time" content="2023-0{1 + n % 9}-1{n % 10}">'
            if dated else "")
    return f"""<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{article_title(n)}</title>{date}</head>
<body>
<nav><a href="/">الرئيسية</a> <a href="/local">محليات</a> <a href="/sport">رياضة</a></nav>
<article>
<h1>{article_title(n)}</h1>
<p>افتتح {who} {city} يوم أمس {subject} بكلفة بلغت {cost} مليارات دينار، في حفل حضره
عدد من الأهالي وممثلو الدوائر الخدمية، وقال إن المشروع سيخدم نحو {workers} ألف نسمة.</p>
<p>وأوضح المسؤول في كلمة ألقاها خلال الحفل أن العمل في المشروع استغرق {cost + 4} أشهر، وأن
{workers} عاملا من أبناء المدينة شاركوا في إنجازه، مشيرا إلى أن الحكومة المحلية تعتزم
تنفيذ مشاريع مماثلة في {other} خلال العام المقبل.</p>
<p>من جهتهم، عبر سكان الأحياء القريبة عن ارتياحهم للمشروع، وطالبوا بصيانة الطرق المؤدية
إليه قبل حلول فصل الشتاء، فيما أكد مهندس في الموقع أن المرحلة الثانية ستبدأ في
{MONTHS[n % 12]} المقبل.</p>
</article>
<footer>جميع الحقوق محفوظة لموقع أخبار المثال</footer>
</body></html>"""


def item_date(n: int) -> dt.datetime:
    """The feed's publication time of article n: one a day from 1 March 2024, at 09:30 Baghdad."""
    return dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=3))) + dt.timedelta(days=n)


def rss(base: str, numbers: list[int], path: str = "/news/{n}.html") -> str:
    items = "".join(
        f"<item><title>{escape(article_title(n))}</title><link>{base}{path.format(n=n)}</link>"
        f"<guid>{base}{path.format(n=n)}</guid><pubDate>{format_datetime(item_date(n))}</pubDate></item>"
        for n in numbers)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>أخبار المثال</title><link>{base}/</link>{items}</channel></rss>")


def atom(base: str, numbers: list[int]) -> str:
    entries = "".join(
        f'<entry><title>{escape(article_title(n))}</title><link href="{base}/atom/{n}.html"/>'
        f"<id>{base}/atom/{n}.html</id><updated>{item_date(n).isoformat()}</updated></entry>"
        for n in numbers)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>المثال</title>{entries}</feed>")


def sitemap(base: str, numbers: list[int], path: str = "/site/{n}.html") -> str:
    urls = "".join(f"<url><loc>{base}{path.format(n=n)}</loc>"
                   f"<lastmod>{item_date(n).date().isoformat()}</lastmod></url>" for n in numbers)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    delay_s: float = 0.0       # before answering
    endless: bool = False      # an answer that never ends
    location: str | None = None   # for a redirect
    drip_s: float = 0.0        # send the body one byte at a time, this far apart
    last_modified: str | None = None


@dataclass
class NewsSite:
    """Routes by path; every request is counted by path (and by If-None-Match answers)."""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: Counter = field(default_factory=Counter)
    not_modified: Counter = field(default_factory=Counter)
    page_default: bool = True   # /news/N.html, /atom/N.html, /site/N.html, /private/N.html serve article N
    server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, path: str, body: str | bytes, content_type: str = "application/xml; charset=utf-8",
            **options) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        self.routes[path] = Route(data, content_type=content_type, etag=etag, **options)

    def route(self, path: str) -> Route | None:
        if path in self.routes:
            return self.routes[path]
        if self.page_default:
            for prefix in ("/news/", "/atom/", "/site/", "/private/", "/slow/"):
                if path.startswith(prefix) and path.endswith(".html"):
                    number = path[len(prefix):-len(".html")]
                    if number.isdigit():
                        return Route(article_html(int(number)).encode("utf-8"),
                                     delay_s=0.3 if prefix == "/slow/" else 0.0)
        return None

    def start(self) -> "NewsSite":
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in separate writes; with Nagle's algorithm each answer on
            # a kept-alive connection waited 40 ms for the client's delayed ACK.
            disable_nagle_algorithm = True

            def log_message(self, *args):   # quiet
                pass

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                site.requests[path] += 1
                route = site.route(path)
                if route is None:
                    return self._answer(404, b"not found", "text/plain")
                if route.delay_s:
                    time.sleep(route.delay_s)
                if route.endless:
                    self.send_response(200)
                    self.send_header("Content-Type", route.content_type)
                    self.end_headers()
                    chunk = b"<p>" + "كلام لا ينتهي ".encode() * 500 + b"</p>\n"
                    try:
                        while True:
                            self.wfile.write(chunk)
                    except (BrokenPipeError, ConnectionResetError):
                        return
                if route.drip_s:
                    self.send_response(200)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    try:
                        for byte in route.body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(route.drip_s)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                if route.location:
                    self.send_response(route.status)
                    self.send_header("Location", route.location)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified:
                    site.not_modified[path] += 1
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    site.not_modified[path] += 1
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self._answer(route.status, route.body, route.content_type, route.etag,
                             route.last_modified)

            def _answer(self, status, body, content_type, etag=None, last_modified=None):
                self.send_response(status)
                if last_modified:
                    self.send_header("Last-Modified", last_modified)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def close(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):   # a client hanging up is no test failure
        pass


class SilentServer:
    """A socket that accepts connections and never answers: a server that hangs."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.held: list[socket.socket] = []
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def base(self) -> str:
        host, port = self.socket.getsockname()[:2]
        return f"http://{host}:{port}"

    def _accept(self) -> None:
        while not self.closed:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.held.append(connection)   # kept open, never read, never answered

    def close(self) -> None:
        self.closed = True
        for connection in self.held:
            connection.close()
        self.socket.close()


def gzipped(text: str) -> bytes:
    return gzip.compress(text.encode("utf-8"))
