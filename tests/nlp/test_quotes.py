"""Quotes and attributions: direct and reported speech, speakers, anonymous and relayed sources."""
import pytest

import marsad
from marsad.scoring import score_record
from marsad.nlp.quotes import quoted_spans


def _analyze(text: str):
    return marsad.analyze("عنوان\n\n" + text, published="2021-05-10")


def _speaker_name(record, quote):
    entities = {e.id: e.name for e in record.entities}
    attributions = {a.id: a.text for a in record.attributions}
    return entities.get(quote.speaker) or attributions.get(quote.speaker)


def test_direct_quote_after_colon_with_vso_speaker():
    record = _analyze('وقال رئيس الوزراء العراقي مصطفى الكاظمي في مؤتمر صحفي: "لن نسمح بأن يكون العراق ساحة لتصفية الحسابات".')
    quote = record.quotes[0]
    assert quote.direct and quote.cue == "قال"
    assert quote.text == "لن نسمح بأن يكون العراق ساحة لتصفية الحسابات"
    assert _speaker_name(record, quote) == "مصطفى الكاظمي"


def test_reported_speech_with_anonymous_source():
    record = _analyze("وأكد مصدر أمني مطلع أن القوات اعتقلت خمسة مشتبه بهم في الموصل.")
    quote = record.quotes[0]
    assert not quote.direct
    assert quote.text.startswith("أن القوات اعتقلت")
    assert _speaker_name(record, quote) == "مصدر أمني مطلع"
    assert record.attributions[0].kind == "anonymous"


def test_continuation_keeps_the_speaker():
    record = _analyze('وقال وزير الخارجية الأردني أيمن الصفدي إن "الحل السياسي هو الطريق الوحيد لإنهاء الأزمة".\n\n'
                      'وأضاف "سنواصل العمل مع شركائنا في المنطقة من أجل التهدئة".')
    assert len(record.quotes) == 2
    assert {_speaker_name(record, q) for q in record.quotes} == {"أيمن الصفدي"}


def test_relayed_source_points_at_its_carrier():
    record = _analyze("وكشف مصدر دبلوماسي، وفق ما نقلته وكالة رويترز، أن المحادثات ستستأنف الأسبوع المقبل في جنيف.")
    by_text = {a.text: a for a in record.attributions}
    source = by_text["مصدر دبلوماسي"]
    carrier = next(a for a in record.attributions if "رويترز" in a.text)
    assert source.via == carrier.id
    assert carrier.kind == "outlet"


def test_quote_running_over_paragraphs():
    text = 'ومضى قائلا: «إن المرحلة المقبلة صعبة على الجميع\n\nلكننا سنتجاوزها بالحوار والصبر»'
    spans = quoted_spans(text)
    assert len(spans) == 1
    assert text[spans[0][0]:spans[0][1]].endswith("بالحوار والصبر")


def test_names_in_quotes_are_not_quotes():
    record = _analyze('وقال المتحدث إن قوات "سوريا الديمقراطية" انسحبت من المنطقة.')
    assert all(q.text != "سوريا الديمقراطية" for q in record.quotes)


def test_seed_article_quotes_against_the_gold(seed_path, seed_gold):
    record = marsad.analyze(seed_path.read_text("utf-8")).to_dict()
    scores = score_record(record, seed_gold)
    assert scores["quotes"]["recall"] == 1.0, scores["quotes"]["missed"]
    assert scores["quotes"]["precision"] >= 0.8, scores["quotes"]["spurious"]
    assert scores["quotes"]["speaker_accuracy"] >= 0.8
    assert scores["attributions"]["recall"] >= 0.8, scores["attributions"]["missed"]


def test_the_quotes_stage_reads_the_lexicon_it_was_built_with():
    """Issue 13: clause starts and the words that are never a name come from the stage's own
    Lexicon (one read from a data directory), not from the shipped one."""
    from pathlib import Path

    from marsad.lexicon.lexicon import Lexicon, load_lexicon
    from marsad.nlp.quotes import QuoteFinder

    own = Lexicon.load(Path(load_lexicon().root))
    finder = QuoteFinder(own)
    assert finder.words is own and finder.common is own.common_words and finder.lexicon is own.quotes
    assert own is not load_lexicon()


def test_a_noun_phrase_reported_by_a_verb_is_a_quote():
    """Issue 16: أعلن / نفى / أكد with a noun phrase instead of أن (أعلن الجيش مقتل …، نفى X شن …)."""
    record = _analyze("وأعلن الجيش العراقي الأحد مقتل خمسة مسلحين في هجوم على قرية قرب الموصل.")
    texts = [q.text for q in record.quotes]
    assert any(t.startswith("مقتل خمسة مسلحين") for t in texts), texts
    record = _analyze("ونفى جيمس ماتيس الأحد شن أي ضربات جوية على مواقع الجيش السوري.")
    quote = next(q for q in record.quotes if q.text.startswith("شن أي ضربات"))
    assert _speaker_name(record, quote) == "جيمس ماتيس"


@pytest.mark.parametrize("text", [
    "وأكد عبد ربه منصور هادي ضرورة انسحاب الحوثيين من الحديدة.",
    "وأكد وزير الخارجية على ضرورة الحوار بين جميع الأطراف اليمنية.",
])
def test_a_demand_without_a_clause_is_no_quote(text):
    # أكد ضرورة …: what must be done, not a statement (the quote golds' convention)
    assert [q.text for q in _analyze(text).quotes] == []


def test_a_noun_of_the_verbs_spelling_reports_nothing():
    record = _analyze("وهذا نفي قاطع لما صرح به الرئيس الفرنسي في مقابلة تلفزيونية أمس.")
    assert not any(q.text.startswith("قاطع") for q in record.quotes)


def test_a_source_in_construct_with_a_body_takes_the_body():
    """مصادر الشرطة, not مصادر: a bare cue in construct with a body noun that has the article."""
    record = _analyze("وقالت مصادر الشرطة إن عددا من الأشخاص أصيبوا في انفجار وسط المدينة.")
    assert [a.text for a in record.attributions] == ["مصادر الشرطة"]
    assert _speaker_name(record, record.quotes[0]) == "مصادر الشرطة"
