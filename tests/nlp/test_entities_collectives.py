"""Collective nouns in the entity stage (issue 17): whose authorities."""
import marsad


def _entities(text):
    return marsad.analyze(text + "\n\nنص.", published="2018-06-18").entities


def _with_mention(entities, words):
    return [e for e in entities if any(m.text == words for m in e.mentions)]


def test_authorities_followed_by_a_countrys_name_that_is_also_its_adjective_are_that_countrys():
    entities = _entities("وبينما تؤكد السلطات السعودية أن الصحفي غادر، تنفي السلطات التركية ذلك.")
    saudi = _with_mention(entities, "السلطات السعودية")
    assert [e.country for e in saudi] == ["SAU"], [(e.name, [m.text for m in e.mentions]) for e in entities]
    assert [e.country for e in _with_mention(entities, "السلطات التركية")] == ["TUR"]



def test_ones_own_country_is_the_country_of_the_person_or_body_named_before_it():
    entities = _entities("قال وزير الخارجية التركي مولود جاويش أوغلو إن بلاده لن تسلم التسجيلات. "
                         "وأضاف أن بلاده ترفض الاتهامات. وأكدت الحكومة الأردنية أن بلادها تدعم الحل.")
    assert [e.country for e in _with_mention(entities, "بلاده")] == ["TUR"]
    assert [e.country for e in _with_mention(entities, "بلادها")] == ["JOR"]
    assert len(_with_mention(entities, "بلاده")[0].mentions) >= 3  # التركي and both بلاده
    # no one named before it: no country's (a generic noun of countries at most)
    assert [e.country for e in _with_mention(_entities("وقالت إن بلادها ترفض ذلك."), "بلادها")] in ([], [None])


def test_the_putschists_and_the_houthi_are_the_houthis_in_news_of_yemen_only():
    yemen = _entities("وقصفت مقاتلات التحالف مواقع الانقلابيين في صعدة اليمنية شمال اليمن.")
    assert [e.name for e in _with_mention(yemen, "الانقلابيين")] == ["جماعة الحوثي"]
    houthi = _entities("وتكبد الحوثي خسائر فادحة في الحديدة اليمنية.")
    assert [e.name for e in _with_mention(houthi, "الحوثي")] == ["جماعة الحوثي"]
    turkey = _entities("وقالت أنقرة إن الانقلابيين في تركيا حاولوا الإطاحة بالرئيس التركي.")
    assert [e.name for e in _with_mention(turkey, "الانقلابيين")] == []


def test_the_kingdom_alone_is_the_kingdom_the_story_is_about():
    saudi = _entities("وقال وزير الخارجية السعودي إن المملكة لن تقبل التدخل في شؤون الرياض.")
    assert [e.country for e in _with_mention(saudi, "المملكة")] == ["SAU"]
    yemen = _entities("قال المتحدث باسم الحكومة اليمنية إن المملكة تدعم الحكومة في اليمن.")
    assert _with_mention(yemen, "المملكة") == []


def test_a_collective_described_by_a_known_bodys_name_is_that_body():
    # المسلحون الحوثيون: the Houthis' name follows as an adjective; one group, one entity
    entities = _entities("وهاجم المسلحون الحوثيون مواقع الجيش قرب الحديدة.")
    assert [e.name for e in _with_mention(entities, "المسلحون الحوثيون")] == ["جماعة الحوثي"], \
        [(e.name, [m.text for m in e.mentions]) for e in entities]
    assert not [e for e in entities if e.name != "جماعة الحوثي" and any("المسلحون" in m.text for m in e.mentions)]


def test_a_states_officials_are_its_government():
    # المسؤولين العراقيين، مسؤولين سوريين: the gold names a state's officials as its government
    iraq = _entities("وأكد المسؤولين العراقيين رفضهم لأي تدخل في شؤون البلاد.")
    assert [e.name for e in _with_mention(iraq, "المسؤولين العراقيين")] == ["الحكومة العراقية"], \
        [(e.name, [m.text for m in e.mentions]) for e in iraq]
    syria = _entities("وقال النظام السوري إنه يرحب بالبعثة. والتقى المفتشون مع مسؤولين سوريين.")
    assert [e.name for e in syria if any("مسؤولين سوريين" in m.text for m in e.mentions)] == ["النظام السوري"]


def test_the_rebels_are_the_houthis_in_news_of_yemen_only():
    yemen = _entities("وقصفت طائرات التحالف مواقع المتمردين في صعدة اليمنية شمال اليمن.")
    assert [e.name for e in _with_mention(yemen, "المتمردين")] == ["جماعة الحوثي"]
    other = _entities("وقال الجيش الكولومبي إن المتمردين هاجموا قاعدة عسكرية في كولومبيا.")
    assert "جماعة الحوثي" not in [e.name for e in _with_mention(other, "المتمردين")]


def test_the_parties_to_a_conflict_are_an_actor_where_the_words_make_them_parties():
    """أطراف is "parties" after a quantifier, before a conflict or with its adjective, and the
    target of a call on them; alone before a town it is the town's outskirts."""
    called = _entities("وحث المبعوث الأممي جميع الأطراف على الوفاء بالتزاماتها في الحديدة.")
    assert _with_mention(called, "جميع الأطراف"), [(e.name, [m.text for m in e.mentions]) for e in called]
    assert _with_mention(_entities("وطالب المجلس أطراف النزاع بوقف القتال."), "أطراف النزاع")
    outskirts = _entities("وتقدمت القوات الحكومية في أطراف المدينة الشرقية.")
    assert not [e for e in outskirts if any("أطراف" in m.text for m in e.mentions)]
    events = marsad.analyze("وحث المبعوث الأممي جميع الأطراف على الوفاء بالتزاماتها.\n\nنص.", published="2018-06-18")
    parties = _with_mention(events.entities, "جميع الأطراف")
    assert any(e.type == "REQUEST" and e.target == parties[0].id for e in events.events), events.events


def test_western_powers_without_the_article_are_an_actor():
    entities = _entities("ويعتقد أن قوى غربية تستعد لضربات عسكرية ضد قوات الأسد.")
    assert [e.name_en for e in _with_mention(entities, "قوى غربية")] == ["Western powers"], \
        [(e.name, [m.text for m in e.mentions]) for e in entities]
