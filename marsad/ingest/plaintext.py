"""Plain-text pages to a Document: title once, date line, paragraphs, highlights, navigation."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from marsad.errors import NoText
from marsad.ingest.dateline import date_line_date, plausible_publication_date
from marsad.ingest.decode import ARABIC_LETTER
from marsad.lexicon.lexicon import load_lexicon
from marsad.record import Document
from marsad.settings import (CONJUNCTION_REST_MIN_COUNT, HIGHLIGHT_MAX_WORDS, HIGHLIGHT_MIN_OVERLAP, LEAD_MIN_BODY, LEAD_MIN_WORDS,
                             ONE_PARAGRAPH_TITLE_MAX_WORDS, TEASER_MAX_WORDS, TEASER_MIN_LINES,
                             TEASER_MIN_WORDS)
from marsad.text.normalize import clean_display, normalize
from marsad.text.words import stem, words

__all__ = ["parse_text_page", "assemble_document", "plausible_publication_date", "publication_date",
           "one_paragraph_title", "split_trailing_navigation", "split_trailing_teasers", "split_trailing_leads",
           "split_highlights", "restates", "is_navigation"]

# A body paragraph ends like a sentence; pull quotes and sub-headlines usually do not.
_SENTENCE_END = re.compile(r"[.!؟?:…»\"”]\s*$")
# A statement ends with a full stop (quoted or not); headlines may end with ? or !, rarely with a stop.
_STATEMENT_END = re.compile(r"[.…][\"”»]?\s*$")
# Where a one-paragraph input's first sentence ends.
_FIRST_SENTENCE = re.compile(r".+?[.!؟?…](?=\s|$)")
# A line that lists rather than headlines: figures in brackets, verse halves, credits.
_NOT_A_HEADLINE = re.compile(r"[()\[\]/|]|\.\.")
# Date lines and bylines sit at the top of a page.
_DATE_LINE_SCAN = 5


def parse_text_page(raw: str, source: str, published: str | None = None,
                    url: str | None = None, title: str | None = None,
                    lead: str | None = None) -> Document:
    """Split a plain-text page into title, body, highlights and boilerplate.

    With the caller's `title`, the whole text is the body as the outlet published it.
    """
    lines = [line for line in (clean_display(line) for line in raw.splitlines()) if line]
    title = clean_display(title or "")
    if title:
        return assemble_document(title, lines, source, published, url, lead=lead, given_title=True)
    if not lines:
        raise NoText(source, "no text lines")
    if len(lines) == 1:
        return one_paragraph_document(lines[0], published, url, lead)
    return assemble_document(lines[0], lines[1:], source, published, url, lead=lead)


def one_paragraph_document(paragraph: str, published: str | None, url: str | None,
                           lead: str | None = None) -> Document:
    """A sentence, a headline or a short post: the whole text, titled by its first sentence."""
    return Document(title=one_paragraph_title(paragraph), text=paragraph, published=published,
                    url=url, lead=clean_display(lead or "") or None)


def one_paragraph_title(paragraph: str) -> str:
    """The first sentence of a paragraph, or its first ONE_PARAGRAPH_TITLE_MAX_WORDS words.

    The title is a prefix of the paragraph, so that the text still begins with its title.
    """
    match = _FIRST_SENTENCE.match(paragraph)
    sentence = match.group(0) if match else paragraph
    if len(sentence.split()) <= ONE_PARAGRAPH_TITLE_MAX_WORDS:
        return sentence
    cut = re.match(r"\s*(?:\S+\s+){%d}" % ONE_PARAGRAPH_TITLE_MAX_WORDS, paragraph)
    return paragraph[:cut.end()].rstrip() if cut else paragraph


def assemble_document(title: str, lines: list[str], source: str, published: str | None,
                      url: str | None, *, lead: str | None = None,
                      given_title: bool = False) -> Document:
    """A Document from a title and the page's other lines, in reading order.

    Nothing is dropped: a repeat of the title, navigation and a trailing block of teasers go to
    `boilerplate`, the page's date line to `dateline`, pull quotes to `highlights`. With a title
    the caller gave, the lines are the article's body as sent: only title repeats, navigation
    and teasers are set aside, and a date line stays in the text (dating the document when the
    caller gave no date).
    """
    boilerplate: list[str] = []
    body: list[str] = []
    found_date: str | None = None
    dateline: str | None = None
    title_key = normalize(title)
    for index, line in enumerate(lines):
        if normalize(line) == title_key:
            boilerplate.append(line)
            continue
        if found_date is None and index < _DATE_LINE_SCAN and (day := date_line_date(line)):
            found_date = day
            if not given_title:
                dateline = line
                continue
        body.append(line)
    body, trailing = split_trailing_navigation(body)
    body, navigation = _drop_navigation_lines(body)
    body, teasers = split_trailing_teasers(body)
    body, leads = split_trailing_leads(body)
    boilerplate += navigation + trailing + teasers + leads
    highlights: list[str] = []
    if not given_title:
        body, highlights = split_highlights(body)
    lead = clean_display(lead or "") or None
    paragraphs = [title] + body
    if lead and not _told(lead, body):
        paragraphs.insert(1, lead)  # a standfirst that says what the body does not is analysed
    return Document(title=title, text="\n\n".join(paragraphs),
                    published=published or found_date, url=url,
                    highlights=highlights, boilerplate=boilerplate, lead=lead, dateline=dateline)


def _told(lead: str, body: list[str]) -> bool:
    """Whether the body already says what a standfirst says (it usually repeats paragraph one)."""
    return normalize(lead) in normalize(" ".join(body)) or restates(lead, body)


def publication_date(line: str) -> str | None:
    """The publication date a date line or byline gives (a line that is mostly a date), as ISO."""
    return date_line_date(line)


def is_navigation(line: str) -> bool:
    """A line that is page furniture: a navigation word, a sharing/copyright line, or a rule
    drawn with dashes or underscores (a line with no letter or digit)."""
    if not any(ch.isalnum() for ch in line):
        return True
    key = normalize(line).strip(" :-|•*")
    furniture = load_lexicon().furniture
    return (key in furniture.nav or key in furniture.header
            or any(key.startswith(prefix) for prefix in furniture.prefix))


def split_trailing_navigation(body: list[str]) -> tuple[list[str], list[str]]:
    """Cut the block of navigation and related-news links that follows the last paragraph.

    The block starts at the earliest navigation or header line below which there are only
    short lines (links and headlines), never a long paragraph or a sentence ending with a full
    stop: a `اقرأ أيضا` between paragraphs of the article leaves them in the text.
    """
    cut = len(body)
    for index in range(len(body) - 1, -1, -1):
        line = body[index]
        if is_navigation(line):
            cut = index
        elif len(line.split()) > HIGHLIGHT_MAX_WORDS or _STATEMENT_END.search(line):
            break
    return body[:cut], body[cut:]


def split_trailing_teasers(body: list[str]) -> tuple[list[str], list[str]]:
    """Cut a run of related-news headlines after the article, recognised by its shape.

    The run is at least TEASER_MIN_LINES headline-like lines (a few words, no sentence end, no
    figures in brackets, verse halves or credits) at the very end, after a real paragraph.
    """
    start = len(body)
    while start > 0 and _headline_like(body[start - 1]):
        start -= 1
    if len(body) - start < TEASER_MIN_LINES or start == 0 or not _is_paragraph(body[start - 1]):
        return body, []
    return body[:start], body[start:]


def split_trailing_leads(body: list[str]) -> tuple[list[str], list[str]]:
    """Cut a block of other stories' opening sentences after the article (related news told
    by their leads, as CNN Arabic appends five).

    An article's closing paragraphs continue its story: they open with و, كما, من جهته. A
    lead opens a story of its own: one sentence of LEAD_MIN_WORDS words or more, opening with
    no connective. The block is at least TEASER_MIN_LINES such paragraphs at the very end,
    after a paragraph that continues the story and LEAD_MIN_BODY paragraphs of the article.
    """
    start = len(body)
    while start > 0 and _lead_like(body[start - 1]):
        start -= 1
    # a lead is mostly one sentence: of the block, one paragraph at most tells more
    longer = [bool(_MORE_THAN_ONE_SENTENCE.search(line.rstrip())) for line in body[start:]]
    extra = sum(longer) - 1
    for told_more in longer:
        if extra <= 0:
            break
        extra -= told_more
        start += 1
    if len(body) - start < TEASER_MIN_LINES or start < LEAD_MIN_BODY or not _continues(body[start - 1]):
        return body, []
    return body[:start], body[start:]


_MORE_THAN_ONE_SENTENCE = re.compile(r"[.!؟?][\"”»]?\s+\S")


# A lead may open with the words it quotes ("الحل الأمني وحده غير كاف".. هكذا تحدث).
OPENING_QUOTES = "\"«“'"


def _lead_like(line: str) -> bool:
    return len(line.split()) >= LEAD_MIN_WORDS and bool(ARABIC_LETTER.match(line.lstrip(OPENING_QUOTES))) \
        and not _continues(line)


def _continues(line: str) -> bool:
    """Whether a paragraph opens as a continuation: a glued conjunction on its first word, or a
    connective phrase (connectives.tsv)."""
    lexicon = load_lexicon()
    first = normalize(" ".join(line.split()[:4])).replace("،", " ").split()
    if not first:
        return False
    word = first[0]
    # وسلطت، فقد: the letter is glued (the Lexicon's split test), or, for a verb written glued
    # far more often than bare (وأضاف), what follows is still a word of its own (أضاف is
    # written 93 times in ant2018; زارة of وزارة 6 times, رنسا of فرنسا never)
    if any(word.startswith(c) and len(word) > len(c) + 1 and (
            lexicon.split_allowed(word, word[len(c):])
            or lexicon.word_counts.get(word[len(c):], 0) >= CONJUNCTION_REST_MIN_COUNT)
           for c in lexicon.morphology.conjunctions):
        return True
    return any(tuple(first[:len(phrase)]) == phrase for phrase in lexicon.connectives)


def _headline_like(line: str) -> bool:
    return (TEASER_MIN_WORDS <= len(line.split()) <= TEASER_MAX_WORDS
            and not _SENTENCE_END.search(line) and not _NOT_A_HEADLINE.search(line))


def _drop_navigation_lines(body: list[str]) -> tuple[list[str], list[str]]:
    kept, dropped = [], []
    for line in body:
        (dropped if is_navigation(line) else kept).append(line)
    return kept, dropped


def _is_paragraph(line: str) -> bool:
    return len(line.split()) > HIGHLIGHT_MAX_WORDS or bool(_SENTENCE_END.search(line))


def split_highlights(body: list[str]) -> tuple[list[str], list[str]]:
    """Set aside short unpunctuated lines that restate the rest of the body (pull quotes)."""
    # Each line's stems are counted once, so that a page of thousands of short lines costs
    # linear time, not a pass over the whole body for every line.
    stems = [{stem(w) for w in words(line)} for line in body]
    lines_with = Counter(s for line_stems in stems for s in line_stems)
    kept, highlights = [], []
    for index, line in enumerate(body):
        if index > 0 and not _is_paragraph(line):
            own = stems[index]
            if _restated(line, lambda s: lines_with[s] > (s in own)):
                highlights.append(line)
                continue
        kept.append(line)
    return kept, highlights


def restates(line: str, paragraphs: list[str]) -> bool:
    """Whether most content words of `line` occur in `paragraphs`."""
    pool = {stem(w) for paragraph in paragraphs for w in words(paragraph)}
    return _restated(line, pool.__contains__)


def _restated(line: str, elsewhere: Callable[[str], bool]) -> bool:
    content = [stem(w) for w in words(line) if len(w) > 2]
    if len(content) < 4:
        return False
    return sum(1 for w in content if elsewhere(w)) / len(content) >= HIGHLIGHT_MIN_OVERLAP
