"""Sentence splitting on Arabic and Latin punctuation and on paragraph breaks."""
from __future__ import annotations

import re

# A sentence ends at . ! ? ؟ ؛ or an ellipsis, with any closing quotes or brackets that follow,
# before white space; a period between digits (2.5) or after a one-letter abbreviation
# (د. for doctor) is not an end.
_END = re.compile(r"(?:[.!?؟؛]+|…)[»\"”’)\]]*(?=\s)")
_ONE_LETTER_BEFORE = re.compile(r"(?:^|\s)\w$")
_PARAGRAPH = re.compile(r"\n\s*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, white space trimmed, in order."""
    cuts = {0, len(text)}
    for match in _END.finditer(text):
        before = max(0, match.start() - 3)  # the look-back needs only the few characters before
        if text[match.start()] == "." and _ONE_LETTER_BEFORE.search(text[before:match.start()]):
            continue
        cuts.add(match.end())
    for match in _PARAGRAPH.finditer(text):
        cuts.add(match.start())
    bounds = sorted(cuts)
    spans = []
    for start, end in zip(bounds, bounds[1:]):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans
