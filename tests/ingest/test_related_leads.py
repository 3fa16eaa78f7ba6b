"""Related news told by other stories' opening sentences, appended after the article (issue 12:
their events are not the article's): set aside as boilerplate, never an article's own ending."""
import pytest

from marsad.ingest.plaintext import parse_text_page, split_trailing_leads

STORY = [
    "أعلن رئيس الوزراء العراقي حيدر العبادي، الأحد، خطة جديدة لإعادة إعمار المناطق المحررة في شمال البلاد وغربها.",
    "وقال العبادي في مؤتمر صحفي عقده في بغداد إن الحكومة ستخصص جزءا كبيرا من الموازنة المقبلة لهذه الخطة.",
    "وأضاف أن الشركات الأجنبية مدعوة إلى المشاركة في المشاريع الكبرى التي ستطرح للمناقصة خلال الأشهر المقبلة.",
    "كما أشار إلى أن وزارة التخطيط ستتابع تنفيذ المشاريع وتقدم تقارير دورية إلى مجلس الوزراء بشأن ما ينجز منها.",
]
LEADS = [
    "قال وزير الخارجية الأردني أيمن الصفدي، السبت، إن بلاده تدعم كل جهد يهدف إلى إنهاء الأزمة في سوريا.",
    "أعلنت وزارة الداخلية المصرية، الجمعة، القبض على خلية مسلحة كانت تخطط لتنفيذ هجمات في القاهرة.",
    "اعتبر الرئيس اللبناني ميشال عون أن تشكيل الحكومة الجديدة بات قريبا بعد لقائه رئيس الوزراء المكلف.",
    "نفت وزارة الخارجية السعودية، الخميس، تقارير إعلامية عن زيارة مرتقبة لمسؤول إسرائيلي إلى الرياض قريبا.",
    "أكدت الأمم المتحدة، الأربعاء، أن المساعدات الإنسانية وصلت إلى أكثر من مليون شخص في اليمن هذا العام.",
]


def test_a_block_of_leads_after_the_story_is_set_aside():
    kept, cut = split_trailing_leads(STORY + LEADS)
    assert kept == STORY and cut == LEADS


def test_a_lead_of_two_sentences_may_open_the_block():
    two = LEADS[0] + " وأضاف أن الحل السياسي هو الطريق الوحيد لإنهاء معاناة الشعب السوري."
    kept, cut = split_trailing_leads(STORY + [two] + LEADS[1:])
    assert kept == STORY and cut == [two] + LEADS[1:]


def test_a_lead_that_opens_with_the_words_it_quotes_is_a_lead():
    quoted = "\"الحل الأمني وحده غير كاف\".. هكذا تحدث نواب ومسؤولون لوسائل الإعلام بشأن الاعتداء الأخير في القرية."
    leads = LEADS[:2] + [quoted] + LEADS[2:]
    kept, cut = split_trailing_leads(STORY + leads)
    assert kept == STORY and cut == leads


@pytest.mark.parametrize("ending", [
    LEADS[:2],  # two leads are not a block
    ["من جهته، " + LEADS[0], "في المقابل، " + LEADS[1], "إلى ذلك، " + LEADS[2]],  # the story goes on
    ["كانت الحكومة قد " + LEADS[0], "و" + LEADS[1], "يذكر أن " + LEADS[2]],
])
def test_an_article_that_ends_in_its_own_words_keeps_them(ending):
    kept, cut = split_trailing_leads(STORY + ending)
    assert cut == [] and kept == STORY + ending


def test_leads_with_no_story_before_them_are_the_article():
    kept, cut = split_trailing_leads(STORY[:1] + LEADS)
    assert cut == [] and kept == STORY[:1] + LEADS


def test_the_page_keeps_the_leads_as_boilerplate_not_text():
    page = "العبادي يعلن خطة لإعادة الإعمار\n\n" + "\n\n".join(STORY + LEADS)
    document = parse_text_page(page, "page.txt", published="2018-03-04")
    assert document.boilerplate == LEADS
    assert all(lead not in document.text for lead in LEADS)
    assert all(paragraph in document.text for paragraph in STORY)


@pytest.mark.parametrize("rule", ["-" * 40, "_" * 30, "* * *"])
def test_a_rule_and_an_app_notice_after_the_story_are_furniture(rule):
    notice = "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من التطبيق على هاتفكم المحمول."
    page = "العبادي يعلن خطة لإعادة الإعمار\n\n" + "\n\n".join(STORY + [rule, notice])
    document = parse_text_page(page, "page.txt", published="2018-03-04")
    assert document.boilerplate == [rule, notice]
    assert document.text.endswith(STORY[-1])
