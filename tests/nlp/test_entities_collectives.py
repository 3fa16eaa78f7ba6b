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

