"""Ingestion into the store: files and folders of .txt, .html, .jsonl and WARC, one transaction a document."""
from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from marsad import settings
from marsad.errors import BadBatchLine, IdConflict, InputError, MarsadError, NotAFile
from marsad.ingest.fields import Metadata, url_outlet
from marsad.record import Document
from marsad.settings import MAX_BATCH_LINE_BYTES, MAX_DOCUMENT_BYTES
from marsad.timelimit import time_limit

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
    replaced: int = 0
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
# A folder's manifest, found by name in the folder: one row a file, path relative to the folder.
MANIFEST_NAMES = ("manifest.csv", "manifest.tsv")
MANIFEST_COLUMNS = ("path", "url", "published", "outlet", "title")


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


def read_manifest(path: Path) -> tuple[dict[Path, Metadata], list[MarsadError]]:
    """A manifest's rows (CSV or TSV with a header: path, url, published, outlet, title; only
    `path` is required) as metadata by resolved file path, and an error for each bad row."""
    from marsad.ingest.dateline import parse_published

    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    rows: dict[Path, Metadata] = {}
    errors: list[MarsadError] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle, delimiter=delimiter)
            header = [name.strip() for name in reader.fieldnames or []]
            if "path" not in header:
                raise InputError(str(path), "a manifest needs a header row with a `path` column "
                                            f"(columns: {', '.join(MANIFEST_COLUMNS)})")
            unknown = set(header) - set(MANIFEST_COLUMNS)
            if unknown:
                raise InputError(str(path), f"unknown manifest column(s) {', '.join(sorted(unknown))} "
                                            f"(columns: {', '.join(MANIFEST_COLUMNS)})")
            for row in reader:
                source = f"{path}:{reader.line_num}"
                row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
                if not row.get("path"):
                    errors.append(InputError(source, "no `path` in this manifest row"))
                    continue
                try:
                    published = parse_published(row.get("published"), source)
                except MarsadError as error:
                    errors.append(error)
                    rows[(path.parent / row["path"]).resolve()] = None  # the file is not ingested undated
                    continue
                url = row.get("url") or None
                rows[(path.parent / row["path"]).resolve()] = Metadata(
                    published=published, url=url, outlet=row.get("outlet") or url_outlet(url),
                    title=row.get("title") or None)
    except UnicodeDecodeError:
        raise InputError(str(path), "a manifest must be UTF-8") from None
    return rows, errors


def find_manifests(paths: list[str | Path], extra: Path | None = None) -> list[Path]:
    """The manifest given, and one named manifest.csv or manifest.tsv in each folder given."""
    found = [extra] if extra else []
    for path in map(Path, paths):
        if path.is_dir():
            found += [path / name for name in MANIFEST_NAMES if (path / name).is_file()]
    return found


def iter_items(files: list[Path], defaults: Metadata | None = None,
               manifest: dict[Path, Metadata | None] | None = None) -> Iterator[InputItem | MarsadError]:
    """Every document in the files, or an error for an input that cannot be opened.

    A document's own fields (JSONL) win over its manifest row, which wins over `defaults`.
    """
    manifest = manifest or {}
    for path in files:
        source = str(path)
        if not path.exists():
            yield NotAFile(source, "no such file")
            continue
        suffix = suffix_of(path)
        row = manifest.get(path.resolve(), Metadata())
        if row is None:  # its manifest row is bad, and that error is reported
            continue
        metadata = row.under(defaults)
        try:
            if suffix in JSONL_SUFFIXES:
                yield from _jsonl_items(path, metadata)
            elif suffix in WARC_SUFFIXES:
                yield from _warc_items(path, metadata)
            else:
                yield _file_item(path, html=True if suffix in HTML_SUFFIXES else None,
                                 metadata=metadata)
        except MarsadError as error:
            yield error
        except OSError as error:
            yield InputError(source, f"cannot be read ({error.strerror or error})")


def _metadata_key(metadata: Metadata) -> tuple[str, ...]:
    """Metadata as parts of an input's key: the same bytes with other metadata are a new input.
    None given, none added: the keys of stores written before metadata existed still match."""
    given = {k: v for k, v in asdict(metadata).items() if v}
    return (json.dumps(given, sort_keys=True, ensure_ascii=False),) if given else ()


def _file_item(path: Path, html: bool | None, metadata: Metadata) -> InputItem:
    from marsad.ingest import read_document

    source = str(path)
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        from marsad.errors import InputTooLarge
        raise InputTooLarge(source, f"{size:,} bytes is over the limit of {MAX_DOCUMENT_BYTES:,}")
    data = path.read_bytes()
    return InputItem(source, _key("file", data, "html" if html else "", *_metadata_key(metadata)),
                     lambda: (read_document(data, source, html=html, metadata=metadata), None))


def _jsonl_items(path: Path, metadata: Metadata) -> Iterator[InputItem | MarsadError]:
    from marsad.batch import _parse_line, read_lines
    from marsad.errors import DuplicateId

    first_line: dict[str, int] = {}
    with path.open("rb") as handle:
        for number, raw in read_lines(handle, MAX_BATCH_LINE_BYTES):
            source = f"{path}:{number}"
            try:
                item = _parse_line(raw, source)
            except BadBatchLine as error:
                yield error
                continue
            if item["id"] in first_line:
                yield DuplicateId(source, f"duplicate id {item['id'][:80]!r}: line "
                                          f"{first_line[item['id']]} has the same id")
                continue
            first_line[item["id"]] = number
            yield InputItem(source, _key("jsonl", raw, *_metadata_key(metadata)),
                            _jsonl_reader(item, source, metadata))


def _jsonl_reader(item: dict, source: str, metadata: Metadata) -> Callable[[], tuple[Document, str | None]]:
    from marsad.ingest import parse_item

    return lambda: (parse_item(item, source, metadata), item["id"])


def _warc_items(path: Path, metadata: Metadata) -> Iterator[InputItem | MarsadError]:
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
                yield InputItem(source, _key("warc", url, data, *_metadata_key(metadata)),
                                _warc_reader(data, source, url, metadata, read_document))
        except ArchiveLoadFailed as error:
            # warcio quotes the first decompressed line, which in a bomb is megabytes long
            yield InputError(str(path), f"not a readable WARC file ({str(error)[:200]})")


def _warc_reader(data: bytes, source: str, url: str | None, metadata: Metadata, read_document):
    return lambda: (read_document(data, source, html=True, url=url, metadata=metadata), None)


def ingest(store, paths: list[str | Path], *, progress: Callable[[str], None] | None = None,
           analyze: Callable[[Document, str | None], object] | None = None,
           defaults: Metadata | None = None, manifest: Path | None = None,
           replace: bool = False, folders: list[str | Path] | None = None,
           time_limit_s: float | None = None) -> IngestReport:
    """Analyse and store every document under `paths`; each is committed on its own.

    Inputs already stored (same bytes and metadata) are skipped without analysis, so rerunning
    an interrupted ingest only does what is left. Failures are kept in the store with their
    error. `defaults` (command-line metadata) and the manifests (`manifest`, and manifest.csv or
    manifest.tsv in a folder of `folders`, by default `paths`) date and place the documents that
    do not say it themselves.
    An id stored with another text is a failure (IdConflict) unless `replace`. An analysis past
    `time_limit_s` seconds (default: settings.DOCUMENT_TIME_LIMIT_S) is a failure (DocumentTimeLimit).
    """
    if analyze is None:
        from marsad.analysis import analyze_document

        def analyze(document: Document, caller_id: str | None):
            return analyze_document(document, id=caller_id)

    report = IngestReport()
    rows: dict[Path, Metadata | None] = {}
    for found in find_manifests(folders if folders is not None else paths, manifest):
        try:
            more, errors = read_manifest(found)
        except MarsadError as error:
            more, errors = {}, [error]
        rows.update(more)
        for error in errors:
            _fail(store, report, error.source, error.code, str(error))
    for item in iter_items(expand_paths(paths), defaults, rows):
        if isinstance(item, MarsadError):
            _fail(store, report, item.source, item.code, str(item))
        else:
            _ingest_one(store, report, item, analyze, replace, time_limit_s)
        if progress:
            progress(item.source)
    if store.stories_stale():
        report.stories = store.rebuild_stories()
    else:
        report.stories = store.db.execute('SELECT COUNT(*) FROM "stories"').fetchone()[0]
    return report


def _ingest_one(store, report: IngestReport, item: InputItem, analyze, replace: bool = False,
                time_limit_s: float | None = None) -> None:
    if store.has_input(item.key):
        report.duplicate += 1
        return
    try:
        document, caller_id = item.read()
        limit = settings.DOCUMENT_TIME_LIMIT_S if time_limit_s is None else time_limit_s
        with time_limit(limit, item.source):
            record = analyze(document, caller_id)
    except MarsadError as error:
        _fail(store, report, item.source, error.code, str(error))
        return
    except Exception as error:  # one bad document must not stop the ingest; its error is kept
        _fail(store, report, item.source, "E000",
              f"{item.source}: internal error {type(error).__name__}: {error}")
        return
    try:
        status, _ = store.add_record(record, item.source, item.key, replace=replace)
    except IdConflict as conflict:  # the stored text stays; the new one is reported, not dropped
        _fail(store, report, item.source, conflict.code, str(conflict))
        return
    if status == "new":
        report.new += 1
    elif status == "replaced":
        report.replaced += 1
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

