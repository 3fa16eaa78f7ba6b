"""No text lost at the door (issue 15): every character of a page that is not whitespace or
markup ends up in the text, the highlights, the boilerplate or the metadata."""
from __future__ import annotations

import os
import unicodedata
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.datafiles import DATA, read_rows
from marsad.ingest import parse_item, parse_text
from marsad.text.normalize import INVISIBLE, TATWEEL

EXAMPLES = int(os.environ.get("MARSAD_FUZZ_EXAMPLES", "60"))

WORDS = ["وصل", "الوزير", "إلى", "بغداد", "وقال", "إن", "الحكومة", "احتجاجات", "في", "شهدت",
         "المدينة", "واسعة", "ضد", "مصدر", "مطلع", "قصف", "صاروخي", "على", "قاعدة", "عين", "الأسد",
         "نفى", "المتحدث", "باسم", "الجيش", "قاآني", "وبغداد", "لإيران", "«", "»", "،", ".", ":",
         "؟", "-", "|", "2024", "5", "١٢", "10:30", "آذار", "تشرين", "الثاني", "نوفمبر", "الأحد",
         "يوم", "نشر", "آخر", "تحديث", "كتب"]
NAVIGATION = [row["phrase"] for row in read_rows(DATA / "boilerplate.tsv")]
DATES = ["23/11/2020", "5 آذار 2024", "الأحد، 12 آذار/مارس 2023 - 10:30 ص", "١٩ شباط ٢٠١٨",
         "نشر في 9 تموز 2024", "2018-02-19"]

word = st.one_of(st.sampled_from(WORDS), st.sampled_from(DATES),
                 st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=6))
sentence = st.lists(word, min_size=1, max_size=25).map(" ".join)
line = st.one_of(sentence, sentence.map(lambda s: s + "."), st.sampled_from(NAVIGATION),
                 st.sampled_from(DATES))
gap = st.sampled_from(["\n", "\n\n", "\r\n", "\n \t\n", "\u2029"])


@st.composite
def pages(draw) -> str:
    lines = draw(st.lists(line, min_size=1, max_size=14))
    if len(lines) > 2 and draw(st.booleans()):
        lines.insert(1, lines[0])          # the title twice, as scraped pages have it
    if draw(st.booleans()):
        lines += draw(st.lists(st.lists(st.sampled_from(WORDS[:20]), min_size=3, max_size=9)
                               .map(" ".join), min_size=3, max_size=5))  # a teaser-like tail
    return "".join(text + draw(gap) for text in lines)


def visible(text: str) -> Counter:
    """The characters a reader sees: no whitespace, no invisible marks or tatweel (markup)."""
    return Counter(ch for ch in unicodedata.normalize("NFC", text)
                   if not ch.isspace() and ch not in INVISIBLE and ch != TATWEEL)


def kept(document) -> Counter:
    parts = [document.text, document.dateline or ""] + document.highlights + document.boilerplate
    return visible("".join(parts))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_every_visible_character_of_a_page_is_kept(page):
    if not visible(page):
        return
    document = parse_text(page, "page.txt", html=False)
    missing = visible(page) - kept(document)
    assert not missing, (missing, document)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages(), sentence, st.one_of(st.none(), sentence))
def test_every_visible_character_of_a_json_article_is_kept(body, title, abstract):
    item = {"id": "x", "title": title, "text": body, "time": "Mon, 19 Feb 2018 00:16:11 +0400",
            "category": "news", "abstract": abstract}
    document = parse_item(item, "line 1")
    missing = visible(body) - kept(document)
    assert not missing, (missing, document)
    if title.strip():
        assert document.title and visible(title) == visible(document.title)
    assert document.meta["category"] == "news" and document.meta["time"] == item["time"]
    if abstract and abstract.strip():
        assert visible(abstract) == visible(document.lead)


def test_the_property_fails_when_a_line_is_dropped():
    """The check itself can fail: a date line that vanished (the bug of issue 15) is seen."""
    page = "عنوان الخبر\n\n23/11/2020\n\nوصل الوزير إلى بغداد اليوم."
    document = parse_text(page, "page.txt")
    assert document.dateline == "23/11/2020"
    document.dateline = None
    assert visible(page) - kept(document) == visible("23/11/2020")


@st.composite
def html_pages(draw) -> str:
    def para() -> str:
        return draw(sentence).replace("<", " ").replace("&", " ") + "."

    def block(tag: str, count: int) -> str:
        return "".join(f"<{tag}>{draw(sentence).replace('<', ' ').replace('&', ' ')}</{tag}>"
                       for _ in range(count))

    article = "".join(f"<p>{para()} <b>{draw(st.sampled_from(WORDS))}</b> {para()}</p>"
                      for _ in range(draw(st.integers(1, 6))))
    return (f"<html><head><title>{draw(sentence).replace('<', ' ')}</title>"
            "<script>var hidden = 'لا يظهر';</script></head><body>"
            f"<nav><ul>{block('li', draw(st.integers(0, 5)))}</ul></nav>"
            f"<main><article><h1>{draw(sentence).replace('<', ' ')}</h1>{article}</article>"
            f"<section class='comments'>{block('p', draw(st.integers(0, 3)))}</section></main>"
            f"<aside>{block('div', draw(st.integers(0, 3)))}</aside>"
            f"<footer>{block('p', draw(st.integers(0, 2)))}</footer></body></html>")


def words_of(text: str) -> set[str]:
    import re

    from marsad.text.normalize import clean_display, normalize

    return set(re.findall(r"\w+", normalize(clean_display(text))))


@settings(max_examples=max(10, EXAMPLES // 3), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(html_pages())
def test_every_visible_word_of_an_html_page_is_kept(page):
    """For HTML, where trafilatura picks the article, every visible word (not a script's) is
    kept somewhere: the article in the text, menus, comments and footers in the boilerplate."""
    import lxml.html

    from marsad.errors import NoText

    tree = lxml.html.fromstring(page)
    for hidden in tree.xpath("//script"):
        hidden.drop_tree()
    visible_words = words_of(" ".join(tree.itertext()))
    try:
        document = parse_text(page, "page.html", html=True)
    except NoText:
        return
    kept_words = words_of(" ".join([document.title, document.text, document.dateline or ""]
                                   + document.highlights + document.boilerplate))
    assert visible_words <= kept_words, visible_words - kept_words
    assert "يظهر" not in kept_words - visible_words   # the script stays out
