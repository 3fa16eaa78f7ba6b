"""Claims closed by an according phrase, relays through an outlet, names after titles and
outlet names read as words (issue 16)."""
import pytest

import marsad


def _analyze(text: str):
    return marsad.analyze("عنوان\n\n" + text, published="2021-05-10")


def _speakers(record):
    names = {e.id: e.name for e in record.entities}
    names.update({a.id: a.text for a in record.attributions})
    return [names.get(q.speaker) for q in sorted(record.quotes, key=lambda q: q.span.start)]


def _sources(record):
    return [a.text for a in record.attributions]


@pytest.mark.parametrize("text, speaker", [
    ("كثفت القوات الحكومية تواجدها الأمني على مشارف المدينة الساحلية، وفق ما أفادت مصادر عسكرية.",
     "مصادر عسكرية"),
    ("وقال مصدر عسكري في الجبهة إن الغارات استهدفت مواقع المسلحين.\n\n"
     "كما دمرت غارة أخرى في المكان نفسه عربة قتالية للمسلحين كانت تحمل مقذوفات صاروخية، وفق المصدر.",
     "مصدر عسكري في الجبهة"),
])
def test_a_claim_closed_by_an_according_phrase_is_its_sources(text, speaker):
    record = _analyze(text)
    claim = max(record.quotes, key=lambda q: q.span.start)
    assert _speakers(record)[-1] == speaker
    assert claim.text.startswith(("كثفت القوات", "كما دمرت")) and "وفق" not in claim.text


def test_an_according_phrase_after_a_quote_relays_it_and_makes_no_second_quote():
    record = _analyze("وقال مسؤول أمني إن القوات أحبطت هجوما على المطار، وفق ما أفادت مصادر عسكرية.")
    assert len(record.quotes) == 1 and _speakers(record) != ["مصادر عسكرية"]


def test_an_according_phrase_that_names_no_source_carries_no_claim():
    record = _analyze("وتسير القوات المشاركة في العملية العسكرية وفق مخطط مدروس لضمان تفادي أي خسائر في صفوف المدنيين.")
    assert record.quotes == []


def test_an_according_phrase_at_the_head_opens_at_its_fa_inna():
    record = _analyze("وبحسب صحف كويتية فإن المتهمة من أرباب السوابق في الإساءة إلى المسؤولين في البلاد.")
    assert len(record.quotes) == 1 and record.quotes[0].text.startswith("فإن المتهمة")


def test_words_relayed_by_an_agency_are_the_relayed_persons():
    record = _analyze("وكان وزير الخارجية الروسي سيرغي لافروف قد انتقد القرار البريطاني.\n\n"
                      "من جهة أخرى، نقلت وكالة إنترفاكس الروسية للأنباء عن ألكسندر ياكوفينكو، سفير موسكو "
                      "لدى بريطانيا قوله الجمعة، إن روسيا ستمارس أقصى قدر من الضغوط على لندن في النزاع.")
    assert _speakers(record)[-1] == "ألكسندر ياكوفينكو"


@pytest.mark.parametrize("text, speaker", [
    ("وأكد المتحدث باسم الحكومة شتيفن زايبرت أن ألمانيا تبحث مع الحلفاء مشاركتها العسكرية المحتملة.",
     "شتيفن زايبرت"),
    ("وصرح الناطق باسم الوزارة أشرف القدرة أن شابين قتلا في القصف الذي طال شرق مدينة رفح.",
     "أشرف القدرة"),
    ("وقال رئيس اللجنة الرئاسية لتنسيق إدخال البضائع للقطاع رائد فتوح إن المعبر أعيد فتحه أمام الشاحنات.",
     "رائد فتوح"),
])
def test_a_name_the_entity_stage_missed_after_a_title_is_the_speaker(text, speaker):
    record = _analyze(text)
    assert _speakers(record) == [speaker]
    assert speaker in _sources(record)


def test_the_subject_after_kana_comes_before_the_verb():
    record = _analyze("وكان الرئيس الفلسطيني محمود عباس أبلغ الرئيس الروسي، فلاديمير بوتين، خلال زيارة لموسكو، "
                      "بأن واشنطن لا يمكن أن تكون الوسيط الوحيد في عملية السلام.")
    assert _speakers(record) == ["محمود عباس"]


def test_a_participle_after_a_sentence_end_continues_the_speaker():
    record = _analyze("وقال العقيد صادق دويد المتحدث باسم القوات إن هذه القوى \"تتعزز بقوات جديدة ستشارك في "
                      "استعادة المدينة\". مضيفا \"في البدء سنعمل على قطع خطوط الإمداد ثم محاصرة المسلحين داخل المدينة\".")
    speakers = _speakers(record)
    assert len(speakers) == 2 and speakers[0] is not None and speakers[1] == speakers[0]


def test_a_title_in_construct_is_not_the_bare_title_of_someone_before():
    record = _analyze("وقال الرئيس الأمريكي دونالد ترامب إن الاتفاق سيئ.\n\n"
                      "وتدرس الإدارة خيارات كثيرة في المنطقة، حسب رئيس منظمة السلام الآن.")
    assert _speakers(record)[1:] != ["دونالد ترامب"]


@pytest.mark.parametrize("text, absent", [
    ("وتقول الدول العربية في التحالف إنها يجب أن تسيطر على الميناء لتحرم المسلحين من مصدر دخلهم الرئيسي.", "مصدر"),
    ("وكان عباس أبلغ المسؤولين بأن واشنطن لا يمكن أن تكون الوسيط الوحيد في عملية السلام بالشرق الأوسط.", "الشرق الأوسط"),
])
def test_a_word_that_only_looks_like_a_source_is_none(text, absent):
    assert absent not in _sources(_analyze(text))


def test_an_agency_named_with_a_media_word_is_one_outlet():
    record = _analyze("ونقلت وكالة الإعلام الروسية عن مسؤول روسي قوله إن موسكو ستطرد دبلوماسيين بريطانيين.")
    assert "وكالة الإعلام الروسية" in _sources(record) and "الإعلام الروسية" not in _sources(record)


def test_a_statement_of_a_body_cited_before_is_that_body():
    record = _analyze("وقالت وزارة الدفاع الأمريكية إن المعتقل نقل إلى بلده الأربعاء.\n\n"
                      "وبقي في المعتقل 40 سجينا، بحسب بيان صدر عن وزارة الدفاع الأمريكية.")
    assert not any(s.startswith("بيان") for s in _sources(record))
    assert len(record.quotes) == 2 and len(set(q.speaker for q in record.quotes)) == 1


def test_a_media_word_glued_after_an_outlet_ends_its_name():
    record = _analyze("وذكرت وكالة وفا الرسمية للأنباء أن وزيرة السياحة كانت برفقة الوزير ومنعت من الدخول.")
    assert "وكالة وفا الرسمية للأنباء" in _sources(record) and "للأنباء" not in _sources(record)


def test_nationalities_joined_by_wa_qualify_one_source():
    record = _analyze("وأكد مسؤولون فلسطينيون وإسرائيليون أن المعبر أعيد فتحه أمام الشاحنات.")
    assert _sources(record) == ["مسؤولون فلسطينيون وإسرائيليون"]


def test_an_officials_modifiers_belong_to_the_source():
    record = _analyze("وقال مسؤول أميركي كبير إنه لا صحة لتقارير عن أي ضربات أميركية ضد قواعد عسكرية في سوريا.")
    assert "مسؤول أميركي كبير" in _sources(record)


def test_media_words_after_a_preposition_are_a_place_or_a_channel_not_a_source():
    record = _analyze("وانتشر المقطع على وسائل التواصل الاجتماعي بعد ساعات من الحادث في العاصمة.")
    assert record.attributions == []


def test_an_officials_unlinked_body_belongs_to_the_source():
    record = _analyze("وقال المتحدث باسم وزارة التربية والتعليم إن الشرطة منعت الوزير من زيارة المدرسة.")
    assert _speakers(record) == ["المتحدث باسم وزارة التربية"]


def test_the_particle_li_does_not_hide_a_statement():
    record = _analyze("وتراجعت أنقرة أمام الحكومة العراقية، ليعلن أردوغان أن مدير المخابرات التركي سيجتمع مع مسؤول عراقي.")
    assert [q.text.split()[1] for q in record.quotes] == ["مدير"]
    assert _speakers(record) == ["رجب طيب أردوغان"]


@pytest.mark.parametrize("text, absent", [
    ("وقالت يوليا لرويترز في بيان حصري \"مجرد استخدام غاز أعصاب في ارتكاب هذا الفعل أمر صادم\".", "حصري"),
    ("وكشفت مصادر إسرائيلية أن تل أبيب أوضحت بصورة لا تقبل التأويل أن حالة ضبط النفس وصلت إلى حافتها.",
     "تقبل التأويل"),
])
def test_words_that_are_no_name_are_no_unknown_speaker(text, absent):
    assert absent not in _sources(_analyze(text))


def test_the_that_of_a_verb_may_stand_past_a_long_place_and_date():
    record = _analyze("قال وزير الدفاع الأمريكي، جيمس ماتيس، في جلسة استماع أمام لجنة الخدمات المسلحة التابعة "
                      "لمجلس النواب الأمريكي، الخميس، إن دور الولايات المتحدة في سوريا يتركز على قتال التنظيم.")
    assert len(record.quotes) == 1 and record.quotes[0].text.startswith("إن دور")


def test_an_outlets_head_word_alone_is_the_outlet_cited_before():
    record = _analyze("وأفادت وكالة رويترز بأن صواريخ سقطت قرب المطار العسكري في وسط البلاد.\n\n"
                      "وأشارت الوكالة إلى أن صواريخ عدة استهدفت مطار التيفور العسكري.")
    assert _speakers(record)[-1] in ("رويترز", "وكالة رويترز")


@pytest.mark.parametrize("text, speaker", [
    ("وكانت إسرائيل قالت إنها لن تتسامح مع وجود عسكري إيراني في سوريا.", "إسرائيل"),
    ("ويقول أستاذ الفيزياء الفلكية في الأردن، حنا صابات، لبي بي سي: \"يمكن تحديد بداية الأشهر القمرية "
     "بكل سهولة لآلاف السنين\".", "حنا صابات"),
    # the outlet named in quote marks is an organisation of its own (nlp/quoted_names.py)
    ("قالت صحيفة \"عدالت\" الإيرانية في تقرير لها أن محاربة الاضطهاد كان هو أحد أهداف الثورة.",
     "عدالت"),
])
def test_subjects_after_kana_before_a_channel_and_outlets_in_quotation_marks(text, speaker):
    assert _speakers(_analyze(text)) == [speaker]


def test_an_according_phrase_that_ends_the_text_names_no_one():
    record = _analyze("وقتل ثلاثة أشخاص في الهجوم على السوق المركزي في المدينة، بحسب ما أفاد")
    assert all(q.speaker is None for q in record.quotes)


@pytest.mark.parametrize("dateline", ["دبي، الإمارات العربية المتحدة (CNN)-- ", "أتلانتا، الولايات المتحدة الأمريكية (CNN) – "])
def test_an_outlets_credit_in_its_dateline_is_an_entity_not_a_cited_source(dateline):
    record = _analyze(dateline + "دعا رجل الدين أنصاره إلى التظاهر يوم الجمعة.")
    assert any(e.name_en == "CNN" for e in record.entities)  # the dashes come off the bracket
    assert "CNN" not in _sources(record)
    cited = _analyze("وقالت شبكة CNN إن الرئيس غادر البلاد.")
    assert "CNN" in " ".join(_sources(cited))


@pytest.mark.parametrize("text, source", [
    ("استهدفت صواريخ عدة مطارا عسكريا في وسط البلاد بحسب ما أفادت وكالة الأنباء الرسمية السورية (سانا).",
     "وكالة الأنباء الرسمية السورية (سانا)"),
    ("وقالت وكالة الأنباء الإماراتية \"وام\" إن أربعة جنود استشهدوا في المعارك.", "وكالة الأنباء الإماراتية \"وام\""),
    ("وقالت وزارة الدفاع الأمريكية (البنتاغون) في بيان إن الضربات استهدفت ثلاثة مواقع.",
     "وزارة الدفاع الأمريكية (البنتاغون)"),
])
def test_a_short_name_in_brackets_is_part_of_its_source(text, source):
    record = marsad.analyze("عنوان\n\n" + text)
    assert [a.text for a in record.attributions] == [source]


def test_a_short_quote_after_its_speaker_is_no_short_name():
    record = marsad.analyze("عنوان\n\nوقال الجيش الإسرائيلي \"لن نتراجع\" بعد الهجوم على المواقع الحدودية.")
    assert all("نتراجع" not in a.text for a in record.attributions)


def test_a_name_after_a_title_and_the_body_it_serves_in():
    record = marsad.analyze("عنوان\n\nوأكدت مسؤولة الشؤون الخارجية في الاتحاد الأوروبي فيديريكا موغيريني، أن الاتحاد "
                            "الأوروبي عازم على المحافظة على الاتفاق.")
    assert [a.text for a in record.attributions] == ["فيديريكا موغيريني"]


@pytest.mark.parametrize("text", [
    "وقال مراسلو وكالة الأنباء الفرنسية إن الآلاف تجمعوا في مناطق مختلفة على طول الحدود.",
    "وقال مراسلو وكالة فرانس برس إن الآلاف تجمعوا في مناطق مختلفة على طول الحدود.",
])
def test_an_outlets_correspondents_are_the_outlet_cited(text):
    record = marsad.analyze("عنوان\n\n" + text)
    assert [a.text for a in record.attributions] == [text.split(" إن ")[0].removeprefix("وقال ")]
    assert [q.speaker for q in record.quotes] == [record.attributions[0].entity]


def test_a_bare_title_names_again_the_official_of_an_earlier_sentence():
    record = marsad.analyze("عنوان\n\nونفى مسؤول أميركي كبير في وقت سابق التقارير التي أشارت إلى ضربة أميركية لقواعد "
                            "عسكرية في سوريا.\n\nوقال المسؤول، إنه لا صحة لتقارير عن أي ضربات أميركية ضد قواعد الأسد.")
    texts = {a.id: a.text for a in record.attributions}
    assert [texts[q.speaker] for q in record.quotes] == ["مسؤول أميركي كبير"]
    assert "المسؤول" not in texts.values()
