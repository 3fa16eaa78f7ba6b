"""A bounded load test of the real server: `marsad serve` on loopback under concurrent clients.

Builds a store of a few invented Arabic articles in a temporary folder (`marsad ingest`), starts
`python -m marsad serve` with a token on a free 127.0.0.1 port, and runs N clients (asyncio,
one httpx.AsyncClient each) for S seconds. Each request is a write with probability
`--write-share` (POST /api/analyze?store=1 with an invented article that carries its own marker
word), else a read (/api/documents, /api/documents/{id}, /api/events, /api/search?q=, /,
/documents/{id}). Requests in flight at the deadline are waited for; no new one starts after it.

Then every write answered 201/200 is looked for in the store: by the id of its `Location`
(GET /api/documents/{id}, whose text must hold the marker) and by searching its marker word
(/api/search). Prints requests, requests/s, errors (any non-2xx answer or exception, timeouts
included), p50/p99 latency of reads and of writes, and lost writes; exits 1 on any error or
lost write. Every invented event, person and figure here is made up.

    python benchmarks/load.py [--clients 50] [--seconds 30] [--write-share 0.1] [--seed 7]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import httpx

REPO = Path(__file__).resolve().parents[1]
TOKEN = "load-test-token"
HOST = "127.0.0.1"      # all traffic stays on loopback
REQUEST_TIMEOUT = 60.0  # seconds; a request slower than this counts as an error

# The store the server starts with: invented articles (made-up people and events).
SEED_DOCUMENTS = [
    {"id": "seed-1", "url": "https://alpha-news.example/port", "published": "2024-02-04",
     "text": "افتتاح رصيف جديد في ميناء أم قصر\n\n"
             "افتتح وزير النقل العراقي سالم الكعبي يوم الأحد رصيفا جديدا في ميناء أم قصر جنوب البصرة، "
             "وقال في مؤتمر صحفي إن الرصيف سيزيد قدرة الميناء على استقبال السفن التجارية."},
    {"id": "seed-2", "url": "https://beta-press.example/kirkuk", "published": "2024-02-06",
     "text": "انفجار عبوة ناسفة قرب سوق في كركوك\n\n"
             "أصيب أربعة أشخاص بجروح يوم الثلاثاء إثر انفجار عبوة ناسفة قرب سوق شعبي وسط كركوك، "
             "بحسب مصدر في الشرطة، وأعلن قائد الشرطة مازن الراوي فتح تحقيق في الحادث."},
    {"id": "seed-3", "url": "https://gamma.example/nasiriyah", "published": "2024-02-08",
     "text": "احتجاج المعلمين في الناصرية\n\n"
             "تظاهر مئات المعلمين أمام مبنى محافظة ذي قار في الناصرية يوم الخميس للمطالبة بصرف "
             "الرواتب المتأخرة، وقالت المعلمة ليلى الجنابي إن الاحتجاج سيستمر حتى تستجيب الحكومة."},
    {"id": "seed-4", "url": "https://delta-media.example/talks", "published": "2024-02-10",
     "text": "محادثات بين بغداد وأنقرة حول المياه\n\n"
             "التقى وزير الموارد المائية العراقي كريم الشمري نظيره التركي في أنقرة يوم السبت، "
             "وبحث الجانبان حصص المياه في نهري دجلة والفرات قبل موسم الصيف."},
    {"id": "seed-5", "url": "https://alpha-news.example/accuse", "published": "2024-02-12",
     "text": "حزب معارض يتهم الحكومة المحلية في الموصل بالفساد\n\n"
             "اتهم المتحدث باسم حزب التجديد فراس الدليمي يوم الاثنين الحكومة المحلية في الموصل "
             "بهدر أموال مشاريع الإعمار، ونفت المحافظة الاتهامات ووصفتها بأنها عارية عن الصحة."},
]
SEARCH_WORDS = ["البصرة", "كركوك", "المعلمين", "المياه", "الموصل", "الشرطة", "ميناء"]

# Posted articles: made-up events, each with its own marker word (see marker()).
CITIES = ["الموصل", "البصرة", "كركوك", "أربيل", "النجف", "الرمادي", "تكريت", "الحلة", "الكوت"]
OFFICIALS = ["هدى العبيدي", "نادية الزبيدي", "سامر الجبوري", "رائد الحسيني", "منى الساعدي"]
DAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
TEMPLATES = [
    ("{city} تفتتح مستشفى جديدا",
     "افتتح محافظ {city} {official} يوم {day} مستشفى جديدا يضم {n} سريرا، وقال إن المشروع "
     "المسمى {marker} سيخدم سكان الأحياء الشرقية من المدينة."),
    ("اعتقال مشتبه بهم في {city}",
     "أعلنت شرطة {city} يوم {day} اعتقال {n} مشتبها بهم في عملية أطلق عليها اسم {marker}، "
     "وقال المتحدث {official} إن التحقيق ما زال جاريا."),
    ("احتجاج المزارعين في {city}",
     "تظاهر نحو {n} من المزارعين أمام مبنى محافظة {city} يوم {day} ضمن حملة {marker} "
     "للمطالبة بتعويضات عن الجفاف، والتقى {official} ممثلين عنهم."),
]
# Letters that no normalisation or clitic rule touches, so a marker is one searchable word.
MARKER_LETTERS = "ثجحخدذرزسشصضطظعغق"


def marker(n: int, tag: str) -> str:
    """A word no other document holds: رمز, the run's tag and n in MARKER_LETTERS, then ظ."""
    digits = ""
    while True:
        n, r = divmod(n, len(MARKER_LETTERS))
        digits = MARKER_LETTERS[r] + digits
        if n == 0:
            break
    return "رمز" + tag + digits + "ظ"


def posted_document(n: int, tag: str) -> tuple[dict, str]:
    word = marker(n, tag)
    title, body = TEMPLATES[n % len(TEMPLATES)]
    slots = {"city": CITIES[n % len(CITIES)], "official": OFFICIALS[n % len(OFFICIALS)],
             "day": DAYS[n % len(DAYS)], "n": 10 + n % 90, "marker": word}
    published = f"2024-03-{1 + n % 28:02d}"
    return ({"text": title.format(**slots) + "\n\n" + body.format(**slots),
             "url": f"https://load-test.example/{tag}/{n}", "published": published}, word)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def build_store(folder: Path) -> Path:
    """A store of SEED_DOCUMENTS made by `marsad ingest`."""
    source = folder / "seed.jsonl"
    source.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in SEED_DOCUMENTS), "utf-8")
    db = folder / "marsad.db"
    done = subprocess.run([sys.executable, "-m", "marsad", "ingest", str(source), "--db", str(db)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"marsad ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    return db


class Server:
    """`python -m marsad serve` with a token on a free loopback port; its output goes to a file."""

    def __init__(self, db: Path, log: Path):
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.log_path = log
        self._log = log.open("wb")
        env = {**os.environ, "MARSAD_TOKEN": TOKEN}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "marsad", "serve", "--db", str(db), "--host", HOST,
             "--port", str(self.port)], cwd=REPO, env=env, stdout=self._log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("server exited: " + self.output())
            try:
                if httpx.get(self.base + "/api/documents?limit=1", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise RuntimeError("server not ready in time: " + self.output())

    def output(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text("utf-8", "replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._log.close()


@dataclass
class Write:
    marker: str
    status: int
    document_id: str | None


@dataclass
class Result:
    clients: int
    seconds: float
    elapsed: float = 0.0
    read_latencies: list[float] = field(default_factory=list)
    write_latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    not_searchable: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    documents_before: int = 0
    documents_after: int = 0
    warmup_seconds: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.read_latencies) + len(self.write_latencies)

    @property
    def stored_writes(self) -> list[Write]:
        return [w for w in self.writes if w.status in (200, 201)]

    @property
    def consistent(self) -> bool:
        """The store holds the seed plus exactly the writes answered 201."""
        return self.documents_after == self.documents_before + sum(
            1 for w in self.stored_writes if w.status == 201)

    @property
    def ok(self) -> bool:
        return self.consistent and not (self.errors or self.lost or self.not_searchable
                                        or self.server_errors)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def read_paths(rng: random.Random, ids: list[str]) -> str:
    choice = rng.randrange(6)
    if choice == 0:
        return f"/api/documents?limit={rng.choice((10, 50))}"
    if choice == 1:
        return "/api/documents/" + rng.choice(ids)
    if choice == 2:
        return rng.choice(("/api/events", "/api/events?type=PROTEST", "/api/events?limit=10"))
    if choice == 3:
        return "/api/search?q=" + rng.choice(SEARCH_WORDS)
    if choice == 4:
        return "/"
    return "/documents/" + rng.choice(ids)


async def client_loop(k: int, base: str, deadline: float, write_share: float, tag: str,
                      counter: list[int], ids: list[str], result: Result, seed: int) -> None:
    rng = random.Random(seed * 1000 + k)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT) as client:
        while time.monotonic() < deadline:
            if rng.random() < write_share:
                n = counter[0]
                counter[0] += 1
                document, word = posted_document(n, tag)
                start = time.perf_counter()
                try:
                    response = await client.post("/api/analyze?store=1", json=document, headers=headers)
                except httpx.HTTPError as error:
                    result.write_latencies.append(time.perf_counter() - start)
                    result.errors.append(f"POST #{n}: {type(error).__name__}: {error}")
                    result.writes.append(Write(word, 0, None))
                    continue
                result.write_latencies.append(time.perf_counter() - start)
                location = response.headers.get("location", "")
                document_id = unquote(location.removeprefix("/api/documents/")) if location else None
                result.writes.append(Write(word, response.status_code, document_id))
                if response.status_code not in (200, 201):
                    result.errors.append(f"POST #{n}: {response.status_code} {response.text[:200]}")
                elif response.status_code == 200:
                    # A unique document must be new; "duplicate" would mean a clash of ids.
                    result.errors.append(f"POST #{n}: 200 {response.headers.get('x-marsad-stored')} "
                                         "for a new document")
                elif not document_id:
                    result.errors.append(f"POST #{n}: 201 without Location")
            else:
                path = read_paths(rng, ids)
                start = time.perf_counter()
                try:
                    response = await client.get(path)
                except httpx.HTTPError as error:
                    result.read_latencies.append(time.perf_counter() - start)
                    result.errors.append(f"GET {path}: {type(error).__name__}: {error}")
                    continue
                result.read_latencies.append(time.perf_counter() - start)
                if not 200 <= response.status_code < 300:
                    result.errors.append(f"GET {path}: {response.status_code} {response.text[:200]}")


async def drive(base: str, clients: int, seconds: float, write_share: float, seed: int,
                result: Result) -> None:
    tag = "".join(random.Random(seed).choice(MARKER_LETTERS) for _ in range(3))
    ids = [d["id"] for d in SEED_DOCUMENTS]
    counter = [0]
    start = time.monotonic()
    deadline = start + seconds
    await asyncio.gather(*(client_loop(k, base, deadline, write_share, tag, counter, ids, result, seed)
                           for k in range(clients)))
    result.elapsed = time.monotonic() - start


async def verify(base: str, result: Result) -> None:
    """Every write answered 201/200 must be in the store: by its id, and by its marker word."""
    semaphore = asyncio.Semaphore(8)
    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT) as client:
        async def check(write: Write) -> None:
            async with semaphore:
                if write.document_id:
                    response = await client.get("/api/documents/" + write.document_id)
                    if response.status_code != 200 or write.marker not in response.json()["record"]["text"]:
                        result.lost.append(f"{write.marker} (id {write.document_id}): "
                                           f"GET answered {response.status_code}")
                else:
                    result.lost.append(f"{write.marker}: no id answered")
                response = await client.get("/api/search", params={"q": write.marker})
                found = [item["document"] for item in response.json().get("items", [])] \
                    if response.status_code == 200 else []
                if write.document_id not in found:
                    result.not_searchable.append(f"{write.marker} (id {write.document_id}): search "
                                                 f"answered {response.status_code} {found}")
        await asyncio.gather(*(check(w) for w in result.stored_writes))
        result.documents_after = await count_documents(client)


async def count_documents(client: httpx.AsyncClient) -> int:
    total, offset = 0, 0
    while True:
        response = await client.get("/api/documents", params={"limit": 500, "offset": offset})
        response.raise_for_status()
        items = response.json()["items"]
        total += len(items)
        if len(items) < 500:
            return total
        offset += 500


def run(clients: int = 50, seconds: float = 30.0, write_share: float = 0.1, seed: int = 7,
        folder: Path | None = None) -> Result:
    """Build a store, serve it, load it, verify the writes; the server is always stopped."""
    if not 0 <= write_share <= 1:
        raise ValueError("write share must be between 0 and 1")
    result = Result(clients=clients, seconds=seconds)
    with tempfile.TemporaryDirectory(prefix="marsad-load-") as tmp:
        work = Path(folder or tmp)
        db = build_store(work)
        server = Server(db, work / "server.log")
        try:
            server.wait_ready()
            with httpx.Client(base_url=server.base, timeout=REQUEST_TIMEOUT) as client:
                result.documents_before = asyncio.run(_count(server.base))
                # Load the pipeline once before the clock starts (analyse only: nothing stored).
                start = time.perf_counter()
                warm = client.post("/api/analyze", json={"text": "عنوان\n\nقال الوزير إن بغداد بخير."},
                                   headers={"Authorization": f"Bearer {TOKEN}"})
                result.warmup_seconds = time.perf_counter() - start
                if warm.status_code != 200:
                    raise RuntimeError(f"warm-up analysis answered {warm.status_code}: {warm.text[:300]}")
            asyncio.run(drive(server.base, clients, seconds, write_share, seed, result))
            asyncio.run(verify(server.base, result))
            if server.process.poll() is not None:
                result.errors.append(f"server exited with {server.process.returncode}")
        finally:
            server.stop()
            log = server.output()
        result.server_errors = [line for line in log.splitlines()
                                if "Traceback" in line or "internal error" in line or "ERROR" in line]
    return result


async def _count(base: str) -> int:
    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT) as client:
        return await count_documents(client)


def report(result: Result) -> str:
    stored = result.stored_writes
    new = sum(1 for w in stored if w.status == 201)
    ms = lambda v: f"{v * 1000:.0f} ms"  # noqa: E731
    lines = [
        f"clients {result.clients}, {result.seconds:g} s asked, {result.elapsed:.1f} s run "
        f"(first analysis before the clock: {ms(result.warmup_seconds)})",
        f"requests     {result.requests} ({len(result.read_latencies)} reads, "
        f"{len(result.write_latencies)} writes)",
        f"requests/s   {result.requests / result.elapsed:.1f}" if result.elapsed else "requests/s   -",
        f"reads        p50 {ms(percentile(result.read_latencies, 50))}, "
        f"p99 {ms(percentile(result.read_latencies, 99))}",
        f"writes       p50 {ms(percentile(result.write_latencies, 50))}, "
        f"p99 {ms(percentile(result.write_latencies, 99))}",
        f"errors       {len(result.errors)}",
        f"writes stored {len(stored)} ({new} new); lost {len(result.lost)}; "
        f"not found by marker search {len(result.not_searchable)}",
        f"documents    {result.documents_before} before, {result.documents_after} after "
        f"(expected {result.documents_before + new})",
        f"server log   {len(result.server_errors)} error lines",
    ]
    if not result.consistent:
        lines.append("MISMATCH: the store's document count is not the seed plus the new writes")
    for title, items in (("error", result.errors), ("lost", result.lost),
                         ("not searchable", result.not_searchable), ("server", result.server_errors)):
        for item in items[:10]:
            lines.append(f"  {title}: {item}")
        if len(items) > 10:
            lines.append(f"  ... and {len(items) - 10} more {title} lines")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--write-share", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 500 or not 0 < args.seconds <= 600:
        parser.error("clients must be 1-500 and seconds 0-600 (a bounded test)")
    result = run(args.clients, args.seconds, args.write_share, args.seed)
    print(report(result))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
