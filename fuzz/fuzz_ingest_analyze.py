"""Coverage-guided fuzz target: bytes -> read_document -> analyze_document -> a valid record.

Any exception other than a MarsadError is a crash, and so is a record that breaks the schema.

    .venv/bin/python fuzz/fuzz_ingest_analyze.py -atheris_runs=2000 fuzz/corpus
    .venv/bin/python fuzz/fuzz_ingest_analyze.py -max_total_time=600 -max_len=65536 \
        -artifact_prefix=/tmp/marsad-crash- /tmp/marsad-corpus fuzz/corpus

libFuzzer writes the inputs it finds interesting into the first corpus folder, so point it at a
scratch copy when fuzz/corpus should stay as committed. The first byte of an input picks the
publication date and whether the page is read as HTML; the rest is the document.
"""
from __future__ import annotations

import sys

import atheris

# The heavy libraries are imported before instrumentation, so coverage is Marsad's own code.
import lxml.html  # noqa: F401
import spacy  # noqa: F401
import trafilatura  # noqa: F401

with atheris.instrument_imports(include=["marsad"]):
    from marsad.analysis import analyze_document
    from marsad.errors import MarsadError
    from marsad.ingest import read_document
    from marsad.nlp.pipeline import load
    from marsad.schema import record_errors

    NLP = load()  # inside the block: the pipeline's components are imported here

# Publication dates a caller or a page may give, including the calendar's ends.
PUBLISHED = (None, "2020-11-23", "2024-02-29", "1999-12-31", "2100-01-01")


def analyze_bytes(data: bytes) -> None:
    """The property under test: a valid record or a MarsadError, nothing else."""
    if not data:
        return
    mode, body = data[0], data[1:]
    html = (None, True, False)[mode % 3]
    published = PUBLISHED[(mode // 3) % len(PUBLISHED)]
    try:
        document = read_document(body, "<fuzz>", html=html, published=published)
        record = analyze_document(document, nlp=NLP)
    except MarsadError:
        return
    errors = record_errors(record.to_dict())
    if errors:
        raise AssertionError(f"record breaks the schema: {errors[:5]}")


def main() -> None:
    atheris.Setup(sys.argv, analyze_bytes)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
