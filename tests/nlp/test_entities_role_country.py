"""A bare title goes to the holder of that title in the country it names (issue 17)."""
import pytest

import marsad


def test_a_title_with_a_countrys_adjective_goes_to_that_countrys_holder():
    text = ("قال وزير الخارجية الروسي سيرغي لافروف إنه قد يلتقي مايك بومبيو. "
            "وكان بومبيو قد تولى منصب وزير الخارجية الأميركي الشهر الماضي.")
    entities = marsad.analyze(text + "\n\nنص.", published="2018-05-07").entities
    second = text.rindex("وزير الخارجية")
    holders = [e.name_en for e in entities for m in e.mentions if m.kind == "role" and m.start == second]
    assert holders == ["Mike Pompeo"], [(e.name_en, [(m.text, m.start) for m in e.mentions]) for e in entities]


def _role_holders(text: str, phrase: str) -> list[str]:
    entities = marsad.analyze(text + "\n\nنص.", published="2018-11-07").entities
    at = text.index(phrase)
    return [e.name_en for e in entities for m in e.mentions if m.kind == "role" and m.start == at]


def test_a_title_with_a_country_annexed_is_its_holders_role():
    # رئيس وزراء لبنان: the title's last word loses its article when a country is annexed to it
    text = "نفت الرياض أنها احتجزت رئيس وزراء لبنان سعد الحريري الشهر الماضي."
    assert _role_holders(text, "رئيس وزراء") == ["Saad Hariri"]


def test_a_title_with_a_country_annexed_goes_to_that_countrys_holder():
    text = ("التقى الرئيس الإيراني حسن روحاني وزير الخارجية الروسي سيرغي لافروف ووزير الخارجية الإيراني "
            "محمد جواد ظريف. وقال وزير خارجية روسيا إن المحادثات كانت مثمرة.")
    assert _role_holders(text, "وزير خارجية") == ["Sergey Lavrov"]


def test_a_title_of_the_same_office_under_another_name_is_its_holders_role():
    # العاهل السعودي after الملك سلمان: one office (titles.tsv same_as), one person
    text = "استقبل الملك سلمان بن عبد العزيز الرئيس المصري. وقال العاهل السعودي إن الرياض تدعم القاهرة."
    assert _role_holders(text, "العاهل") == ["Salman bin Abdulaziz"]


def _holders_of_bare_title(text: str, phrase: str, published: str) -> list[str]:
    entities = marsad.analyze("عنوان\n\n" + text, published=published).entities
    at = text.index(phrase) + len("عنوان\n\n")
    return [e.name_en for e in entities for m in e.mentions if m.kind == "role" and m.start == at]


def test_a_bare_title_of_a_country_is_its_holder_that_year():
    # the article names no holder: the knowledge base's one holder of the office in that year
    assert _holders_of_bare_title("وهدد الرئيس الأمريكي بضرب سوريا.", "الرئيس", "2018-04-10") == ["Donald Trump"]
    assert _holders_of_bare_title("وقال الرئيس التركي إن بلاده ستواصل العملية.", "الرئيس", "2018-03-10") \
        == ["Recep Tayyip Erdoğan"]
    # the years decide: before Trump took office the title was another man's
    assert "Donald Trump" not in _holders_of_bare_title("وهدد الرئيس الأمريكي بضرب سوريا.", "الرئيس", "2013-09-01")


def test_the_head_of_an_international_body_is_its_holder_that_year():
    # an international body's head has no country, and one holder at a time
    text = "ودعا الأمين العام للأمم المتحدة الأطراف المتحاربة إلى وقف القتال."
    assert _holders_of_bare_title(text, "الأمين العام", "2018-06-10") == ["António Guterres"]
    assert "António Guterres" not in _holders_of_bare_title(text, "الأمين العام", "2012-06-10")


def test_a_bare_title_names_no_holder_when_former_or_said_of_a_named_person():
    assert _holders_of_bare_title("وانتقد الرئيس الأمريكي السابق الاتفاق النووي.", "الرئيس", "2018-04-10") == []
    text = "ومن المقرر أن يبدأ جون بولتون السفير الأميركي السابق بالأمم المتحدة مهامه الاثنين."
    assert _holders_of_bare_title(text, "السفير", "2018-04-09") == []


def _event_actors(text: str, published: str = "2018-11-07") -> list[tuple[str, str | None, str | None]]:
    record = marsad.analyze("عنوان\n\n" + text, published=published)
    names = {e.id: e.name for e in record.entities}
    return [(e.type, names.get(e.source), names.get(e.target)) for e in record.events]


@pytest.mark.parametrize("title", ["المبعوث الأممي", "مبعوث الأمم المتحدة"])
def test_an_envoys_title_runs_over_the_country_he_is_sent_to_when_his_name_follows(title):
    # المبعوث الأممي إلى اليمن X: the envoy's destination is part of his title; X is the one who
    # visits; annexed to the title, the body is the title's, no actor beside its holder
    text = f"وزار {title} إلى اليمن مارتن غريفيث العاصمة الأردنية عمان أمس."
    assert _role_holders(text, title) == ["Martin Griffiths"]
    visits = [(source, target) for kind, source, target in _event_actors(text) if kind == "CONSULT"]
    assert visits and visits[0][0] == "مارتن غريفيث" and visits[0][1] != "مارتن غريفيث", visits


def test_a_journey_after_a_title_is_no_part_of_it():
    # زيارة المبعوث إلى بغداد: إلى after a title is its destination unless the holder's name follows
    text = "وأثارت زيارة المبعوث الأممي إلى بغداد أمس جدلا واسعا."
    visits = [(source, target) for kind, source, target in _event_actors(text) if kind == "CONSULT"]
    assert any(target in ("العراق", "بغداد") for _, target in visits), visits


def test_a_title_mention_leaves_out_a_glued_conjunction():
    # وولي العهد: the role is ولي العهد; the و joins it to what comes before
    text = "التقى الوزير الملك سلمان وولي العهد الأمير محمد بن سلمان."
    entities = marsad.analyze(text + "\n\nنص.", published="2018-11-07").entities
    roles = [m.text for e in entities for m in e.mentions if m.kind == "role"]
    assert "ولي العهد" in roles and not any(r.startswith("وولي") for r in roles), roles


@pytest.mark.parametrize("text, phrase, holder", [
    ("استقبل الرئيس الروسي فلاديمير بوتين المستشار النمساوي سيباستيان كورتس في سوتشي.", "المستشار", "سيباستيان كورتس"),
    ("والتقى ماكرون ترامب والمستشارة الألمانية أنغيلا ميركل في باريس.", "والمستشارة", "أنجيلا ميركل"),
])
def test_a_chancellors_title_is_the_role_of_the_name_after_it(text, phrase, holder):
    # المستشار/المستشارة + nationality + name: one person, not a name standing alone beside a country
    entities = marsad.analyze(text + "\n\nنص.", published="2018-11-07").entities
    at = text.index(phrase) + (1 if phrase.startswith("و") else 0)
    assert [e.name for e in entities for m in e.mentions if m.kind == "role" and m.start == at] == [holder], \
        [(e.name, [(m.text, m.start) for m in e.mentions]) for e in entities]


def test_a_title_of_another_state_before_a_title_and_name_is_another_persons():
    # انتقد الرئيس الأمريكي وزير الخارجية الإيراني X: two people, the first its office's holder
    text = "وانتقد الرئيس الأمريكي وزير الخارجية الإيراني محمد جواد ظريف بشدة."
    entities = marsad.analyze(text + "\n\nنص.", published="2018-11-07").entities
    roles = {e.name_en: [m.text for m in e.mentions if m.kind == "role"] for e in entities if e.type == "PERSON"}
    assert roles.get("Donald Trump") == ["الرئيس"], roles
    assert "الرئيس" not in " ".join(roles.get("Mohammad Javad Zarif", [])), roles
