"""Tunable numbers in one place, each with why it has its value.

Two limits can be set from the environment, read once when Marsad is imported (so set them
before the process starts, or before `import marsad`); each is a whole number of bytes
(`10485760`, `10_485_760`) or one with a K, M or G suffix (`10M`, powers of 1024):

- `MARSAD_MAX_DOCUMENT_BYTES` (default 10M): the largest document `marsad analyze` and
  `marsad.ingest.read_document`/`read_path` accept; larger ones are refused with
  InputTooLarge (E104), naming the input and both sizes.
- `MARSAD_MAX_BATCH_LINE_BYTES` (default: the document limit plus 64K): the longest JSONL line
  `marsad batch` reads; a longer line is skipped, without being read whole, and listed in
  OUT.errors.jsonl as BadBatchLine (E110).

A value that is not a positive size stops the import with a ValueError naming the variable.

Two more are numbers of seconds (`120`, `2.5`), `0` for none:

- `MARSAD_TIME_LIMIT` (default 300): the longest one document's analysis may run in
  `marsad analyze`, `batch`, `ingest` and the server (each also takes `--time-limit`); past it
  the document is stopped and reported with DocumentTimeLimit (E130), and the others go on.
- `MARSAD_READ_TIMEOUT` (default 30): how long a FIFO, or a pipe or socket on standard input,
  may send nothing before the read is given up with an InputError naming it.

And two are counts, read by `marsad serve` (which also takes them as flags):

- `MARSAD_ANALYSIS_WORKERS` (default: 2, or 1 on a one-core machine): the processes that
  analyse documents posted to the server.
- `MARSAD_ANALYSIS_QUEUE` (default 8): posted documents that may wait for a worker; past it the
  server answers 503 with Retry-After (AnalysisQueueFull, E131).
"""
from __future__ import annotations

import os
import re

_SIZE = re.compile(r"\s*([0-9][0-9_]*)\s*([KMG]?)i?B?\s*", re.I)
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def size_from_env(name: str, default: int) -> int:
    """A byte size from environment variable `name`, or `default` when it is unset or empty."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    match = _SIZE.fullmatch(raw)
    value = int(match[1]) * _UNITS[match[2].upper()] if match else 0
    if value <= 0:
        raise ValueError(f"{name}={raw!r} is not a positive size in bytes (e.g. 10485760 or 10M)")
    return value


def count_from_env(name: str, default: int, minimum: int = 0) -> int:
    """A whole number from environment variable `name`, at least `minimum`, or `default`."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise ValueError(f"{name}={raw!r} is not a whole number of at least {minimum}")
    return value


def seconds_from_env(name: str, default: float) -> float:
    """A number of seconds from environment variable `name` (0: no limit), or `default`."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):
        raise ValueError(f"{name}={raw!r} is not a number of seconds (e.g. 120, or 0 for no limit)")
    return value


# A news article is rarely above 200 KB; 10 MB leaves room for HTML with inline scripts
# while keeping one worker's memory bounded (spaCy needs about 1 KB per token).
MAX_DOCUMENT_BYTES = size_from_env("MARSAD_MAX_DOCUMENT_BYTES", 10 * 1024 * 1024)

# A batch line carries one document plus its metadata.
MAX_BATCH_LINE_BYTES = size_from_env("MARSAD_MAX_BATCH_LINE_BYTES", MAX_DOCUMENT_BYTES + 64 * 1024)

# A line of a plain-text page at most this many words can be a pull quote or sub-headline.
HIGHLIGHT_MAX_WORDS = 30

# Share of a candidate highlight's word shingles that must occur in the body to count as a restatement.
HIGHLIGHT_MIN_OVERLAP = 0.6

# Share of control or undecodable characters above which an input is taken for binary.
BINARY_CONTROL_RATIO = 0.05

# Years a publication date found in a page may fall in. Outside them it is a placeholder
# (0000-00-00, 9999-12-31) or a typo, and relative dates cannot be counted from it; Arabic
# newspapers begin in the 1820s.
PUBLISHED_YEARS = (1800, 2199)

# Fuzzy linking of names to the knowledge base (marsad/kb/fuzzy.py): rapidfuzz ratio (0-100)
# a name must reach, by how much the best actor must beat the next one, and the shortest name
# (letters, spaces removed) tried. Measured by benchmarks/fuzzy_threshold.py on 1,184 spelling
# variants of the knowledge base's own names and 1,196 other people with similar names: at 92,
# precision 0.968 and recall 0.916 (at 90: 0.952 / 0.965; at 95: 0.974 / 0.529).
FUZZY_THRESHOLD = 92
FUZZY_MARGIN = 4
FUZZY_MIN_CHARS = 8

# Event types whose word right before a capital, or before a preposition of its object and the
# capital, makes the capital its state, not the city (اتهام الرياض، انسحاب واشنطن، العقوبات على
# طهران): the acts of states. Counted in ant2018 (articles no gold or annotation names), the
# one-word triggers of these types are followed by a country's name 20 to 65 times as often as by
# a town of over 300,000 (against 2.8 for words at large: accusing 272 / 2, rejecting 128 / 0,
# supporting 69 / 1). Attacks, protests, meetings, accords and sieges are left out: their words
# annex a town about as often (هجوم 4 / 16, قمة 14 / 23, اتفاق 11 / 8, حصار 10 / 8), and a
# withdrawal is from a place as often (انسحاب من دمشق; انسحاب واشنطن is metonym_cues.tsv's).
STATE_ACT_TYPES = frozenset({"ACCUSE", "AID", "CONCEDE", "COOPERATE", "REJECT", "REQUEST", "SANCTION",
                             "SUPPORT", "THREATEN"})

# The longest document id (caller's or content hash) accepted, in characters. Ids travel in
# URLs and Location headers: 512 leaves room for a URL used as an id while keeping a header
# small; a longer id is refused (BadField, E111), never cut.
MAX_ID_CHARS = 512

# A date line (the page's own date or byline, set aside as `dateline`) is a line that is mostly
# a date: at most this many words that are neither date words, numbers, times nor byline words
# (a place and an outlet name: `البصرة - أخبار المثال | نشر في 9 تموز 2024`),
# and under half the line's words. A sentence with a verb and a date is a paragraph.
DATE_LINE_MAX_OTHER_WORDS = 4

# A block of related-news teasers after the article: at least this many short headline-like
# lines in a row (each TEASER_MIN_WORDS to TEASER_MAX_WORDS words, no sentence end), after a
# real paragraph. Measured on ant2018's 9,121 bodies: no run of three such lines is article text.
TEASER_MIN_LINES = 3
TEASER_MIN_WORDS = 3
TEASER_MAX_WORDS = 16
# Related news told by other stories' opening sentences (CNN Arabic appends five): at least
# TEASER_MIN_LINES paragraphs of LEAD_MIN_WORDS words or more at the end (one sentence each, but
# one), none opening with a connective, after a paragraph that does and LEAD_MIN_BODY paragraphs
# of the article.
LEAD_MIN_WORDS = 12
LEAD_MIN_BODY = 3
# A paragraph's first word opens with a glued و or ف when the Lexicon's split test allows it, or
# when what follows the letter is a word written at least this many times in ant2018 (the
# counts of data/morphology/word_counts.tsv): وأضاف is written far more often than أضاف.
CONJUNCTION_REST_MIN_COUNT = 20

# The title of a one-paragraph input is its first sentence, when that is at most this many
# words; else its first words up to this many (the whole paragraph stays the text).
ONE_PARAGRAPH_TITLE_MAX_WORDS = 20

# The most tokens the pipeline reads as one sentence: a longer run of text without a sentence
# end is cut into pieces of this many tokens. Every stage that relates the words of a sentence
# (clauses, event arguments, the NER model's sentences) costs more than linear time or memory
# in a sentence's length, so an input that is one endless sentence (100,000 numbers, dates
# joined by و, a trigger every few words, 20,000 «) cost quadratic time and gigabytes
# (issue 14). The longest of ant2018's 93,094 sentences has 452 tokens (99.9% are under 102),
# so news is never cut.
MAX_SENTENCE_TOKENS = 600

# The longest one document's analysis may run, in seconds (0: no limit). A 100 KB article takes
# about 5 s on one core, so 300 s lets the largest real pages through on a slow machine, while
# no input can hold a worker or a server thread for ever (issue 14).
DOCUMENT_TIME_LIMIT_S = seconds_from_env("MARSAD_TIME_LIMIT", 300.0)

# The server closes a connection whose request head (request line and headers) has not arrived
# within HTTP_HEADER_TIMEOUT_S of the connection or of its first byte, or whose body has not
# within HTTP_BODY_TIMEOUT_S of the head: a half-sent request held a connection for ever (issue
# 14). 120 s carries the largest body (10 MB) at about 90 KB/s.
HTTP_HEADER_TIMEOUT_S = 30.0
HTTP_BODY_TIMEOUT_S = 120.0

# A FIFO, or a pipe or socket on standard input, that sends nothing for this many seconds is
# given up with an error naming it: a FIFO nobody writes to held `marsad analyze` for ever.
# Environment: MARSAD_READ_TIMEOUT (seconds, 0: wait for ever).
READ_IDLE_TIMEOUT_S = seconds_from_env("MARSAD_READ_TIMEOUT", 30.0)

# The server analyses posted documents in this many worker processes, off the request path: an
# analysis holds a process, never the server's event loop or the interpreter lock its reads need
# (issue 14: one slow document stalled every other request for 11-22 s). Each worker holds its
# own pipeline, about 260 MB, so the default stays small: two, or one on a one-core machine.
ANALYSIS_WORKERS = count_from_env("MARSAD_ANALYSIS_WORKERS", min(2, os.cpu_count() or 1), minimum=1)

# Posted documents that may wait for a busy worker; one more is answered 503 with Retry-After
# at once rather than queued without limit (each waiting body holds up to 10 MB of memory).
ANALYSIS_QUEUE = count_from_env("MARSAD_ANALYSIS_QUEUE", 8)
