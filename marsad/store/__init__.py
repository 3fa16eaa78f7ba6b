"""The corpus store: SQLite (WAL, FTS5 over normalised Arabic) with ingest, query and export."""
from marsad.store.db import DEFAULT_DB, Store, open_reader
from marsad.store.ingest import IngestReport, ingest

__all__ = ["DEFAULT_DB", "Store", "open_reader", "ingest", "IngestReport"]
