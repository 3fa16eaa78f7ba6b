"""Tunable numbers in one place, each with why it has its value."""
from __future__ import annotations

# A news article is rarely above 200 KB; 10 MB leaves room for HTML with inline scripts
# while keeping one worker's memory bounded (spaCy needs about 1 KB per token).
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# A batch line carries one document plus its metadata.
MAX_BATCH_LINE_BYTES = MAX_DOCUMENT_BYTES + 64 * 1024

# A line of a plain-text page at most this many words can be a pull quote or sub-headline.
HIGHLIGHT_MAX_WORDS = 30

# Share of a candidate highlight's word shingles that must occur in the body to count as a restatement.
HIGHLIGHT_MIN_OVERLAP = 0.6

# Share of control or undecodable characters above which an input is taken for binary.
BINARY_CONTROL_RATIO = 0.05

# Fuzzy linking of names to the knowledge base (marsad/kb/fuzzy.py): rapidfuzz ratio (0-100)
# a name must reach, by how much the best actor must beat the next one, and the shortest name
# (letters, spaces removed) tried. Measured by benchmarks/fuzzy_threshold.py on 1,184 spelling
# variants of the knowledge base's own names and 1,196 other people with similar names: at 92,
# precision 0.968 and recall 0.916 (at 90: 0.952 / 0.965; at 95: 0.974 / 0.529).
FUZZY_THRESHOLD = 92
FUZZY_MARGIN = 4
FUZZY_MIN_CHARS = 8
