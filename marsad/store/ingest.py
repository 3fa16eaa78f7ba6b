"""Ingestion into the store: files and folders of .txt, .html, .jsonl and WARC, one transaction a document."""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from marsad.errors import BadBatchLine, InputError, MarsadError, NotAFile
from marsad.record import Document
from marsad.settings import MAX_BATCH_LINE_BYTES, MAX_DOCUMENT_BYTES

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass
class InputItem:
    """One document to ingest: where it comes from, a key for its bytes, and how to read it."""
    source: str
    key: str
    read: Callable[[], tuple[Document, str | None]]  # the Document and the caller's id, if any


@dataclass
class IngestReport:
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    stories: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source, message)


def _key(kind: str, *parts: bytes | str | None) -> str:
    digest = hashlib.sha256(kind.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else (part or b"")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for suffix in WARC_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + TEXT_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


KNOWN_SUFFIXES = WARC_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + TEXT_SUFFIXES


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """The files named, and the known-kind files inside the folders named, in a stable order."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and not p.name.startswith(".")
                                and suffix_of(p) in KNOWN_SUFFIXES))
        else:
            files.append(path)
    return files


def iter_items(files: list[Path]) -> Iterator[InputItem | MarsadError]:
    """Every document in the files, or an error for an input that cannot be opened."""
    for path in files:
        source = str(path)
        if not path.exists():
            yield NotAFile(source, "no such file")
            continue
        suffix = suffix_of(path)
        try:
            if suffix in JSONL_SUFFIXES:
                yield from _jsonl_items(path)
            elif suffix in WARC_SUFFIXES:
                yield from _warc_items(path)
            else:
                yield _file_item(path, html=True if suffix in HTML_SUFFIXES else None)
        except MarsadError as error:
            yield error
        except OSError as error:
            yield InputError(source, f"cannot be read ({error.strerror or error})")


def _file_item(path: Path, html: bool | None) -> InputItem:
    from marsad.ingest import read_document

    source = str(path)
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        from marsad.errors import InputTooLarge
        raise InputTooLarge(source, f"{size:,} bytes is over the limit of {MAX_DOCUMENT_BYTES:,}")
    data = path.read_bytes()
    return InputItem(source, _key("file", data, "html" if html else ""),
                     lambda: (read_document(data, source, html=html), None))


def _jsonl_items(path: Path) -> Iterator[InputItem | MarsadError]:
    from marsad.batch import _parse_line, read_lines

    with path.open("rb") as handle:
        for number, raw in read_lines(handle, MAX_BATCH_LINE_BYTES):
            source = f"{path}:{number}"
            try:
                item = _parse_line(raw, source)
            except BadBatchLine as error:
                yield error
                continue
            yield InputItem(source, _key("jsonl", raw), _jsonl_reader(item, source))


def _jsonl_reader(item: dict, source: str) -> Callable[[], tuple[Document, str | None]]:
    from marsad.analysis import check_published
    from marsad.ingest import parse_text

    def read() -> tuple[Document, str | None]:
        html = "html" in item
        document = parse_text(item["html"] if html else item["text"], source, html=html,
                              url=item.get("url"),
                              published=check_published(item.get("published"), source))
        return document, item["id"]

    return read


def _warc_items(path: Path) -> Iterator[InputItem | MarsadError]:
    """Response records with an HTML payload; the WARC target URI is the document's URL."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from marsad.ingest import read_document

    with path.open("rb") as handle:
        try:
            for number, record in enumerate(ArchiveIterator(handle), start=1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in content_type:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                source = f"{path}#{number} ({url})" if url else f"{path}#{number}"
                data = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
                yield InputItem(source, _key("warc", url, data),
                                _warc_reader(data, source, url, read_document))
        except ArchiveLoadFailed as error:
            # warcio quotes the first decompressed line, which in a bomb is megabytes long
            yield InputError(str(path), f"not a readable WARC file ({str(error)[:200]})")


def _warc_reader(data: bytes, source: str, url: str | None, read_document):
    return lambda: (read_document(data, source, html=True, url=url), None)


def ingest(store, paths: list[str | Path], *, progress: Callable[[str], None] | None = None,
           analyze: Callable[[Document, str | None], object] | None = None) -> IngestReport:
    """Analyse and store every document under `paths`; each is committed on its own.

    Inputs already stored (same bytes) are skipped without analysis, so rerunning an
    interrupted ingest only does what is left. Failures are kept in the store with their error.
    """
    if analyze is None:
        from marsad.analysis import analyze_document

        def analyze(document: Document, caller_id: str | None):
            return analyze_document(document, id=caller_id)

    report = IngestReport()
    for item in iter_items(expand_paths(paths)):
        if isinstance(item, MarsadError):
            _fail(store, report, item.source, item.code, str(item))
        else:
            _ingest_one(store, report, item, analyze)
        if progress:
            progress(item.source)
    if store.stories_stale():
        report.stories = store.rebuild_stories()
    else:
        report.stories = store.db.execute('SELECT COUNT(*) FROM "stories"').fetchone()[0]
    return report


def _ingest_one(store, report: IngestReport, item: InputItem, analyze) -> None:
    if store.has_input(item.key):
        report.duplicate += 1
        return
    try:
        document, caller_id = item.read()
        record = analyze(document, caller_id)
    except MarsadError as error:
        _fail(store, report, item.source, error.code, str(error))
        return
    except Exception as error:  # one bad document must not stop the ingest; its error is kept
        _fail(store, report, item.source, "E000",
              f"{item.source}: internal error {type(error).__name__}: {error}")
        return
    status, _ = store.add_record(record, item.source, item.key)
    if status == "new":
        report.new += 1
    else:
        report.duplicate += 1


def _fail(store, report: IngestReport, source: str, code: str, message: str) -> None:
    report.failed += 1
    report.errors.append((source, message))
    store.add_failure(source, code, message)


def count_items(files: list[Path]) -> int | None:
    """How many documents the files hold, when that is cheap to know (None with WARC files)."""
    total = 0
    for path in files:
        suffix = suffix_of(path)
        if suffix in WARC_SUFFIXES:
            return None
        if suffix in JSONL_SUFFIXES and path.is_file():
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total

