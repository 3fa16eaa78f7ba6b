"""The Doc's token table answers what spaCy's Doc answers, without making Token or Span objects."""
import spacy

from marsad.nlp.basics import normalize_tokens, token_table

TEXT = "قال وزير الخارجية  السعودي، عادل الجبير (الثلاثاء) إن «المملكة» لن تقبل بذلك.\nوأضاف: لا."


def test_tokens_over_is_char_span_expanded():
    doc = normalize_tokens(spacy.blank("ar")(TEXT))
    table = token_table(doc)
    for start in range(len(TEXT)):
        for end in range(start + 1, min(len(TEXT), start + 30) + 1):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or TEXT[start].isspace() or TEXT[end - 1].isspace():
                continue  # spaCy's own reading of a span that starts or ends on a space
            assert table.tokens_over(start, end) == (span.start, span.end), (start, end)


def test_the_table_holds_each_token_s_words_and_offsets():
    doc = normalize_tokens(spacy.blank("ar")(TEXT))
    table = token_table(doc)
    assert table.text == tuple(t.text for t in doc) and table.norm == tuple(t.norm_ for t in doc)
    assert table.idx == tuple(t.idx for t in doc)
    assert all(TEXT[s:e] == t for s, e, t in zip(table.idx, table.end, table.text))
