"""Which claim a denial answers: the pure rules of marsad.corpus.disputes (issue 16)."""
from __future__ import annotations

import datetime as dt

from marsad.corpus.disputes import dispute_pairs, is_denial_act, same_happening
from marsad.corpus.stories import StoryEvent

DAY = dt.date(2018, 5, 10)


def event(eid, etype, status, source=None, target=None, days=0, trigger=None, doc=None,
          evidence=None, stated=None):
    return StoryEvent(id=eid, document_id=doc or "d-" + eid, type=etype, mode=None,
                      source=source, target=target, location=None,
                      date=DAY + dt.timedelta(days=days), published=None, status=status,
                      voice="v-" + eid, trigger=trigger, evidence=evidence, stated=stated)


def test_a_denial_act_is_told_by_its_verb():
    assert is_denial_act(event("r", "REJECT", "reported", "IRN", trigger="نفت"))
    assert is_denial_act(event("r", "REJECT", "reported", "IRN", trigger="وتنفيه"))
    assert not is_denial_act(event("r", "REJECT", "reported", "IRN", trigger="رفضت"))
    assert not is_denial_act(event("r", "REJECT", "reported", "IRN", trigger="تنفيذ"))


def test_a_denied_attack_answers_the_claimed_attack_of_the_same_actors():
    claim = event("c", "ASSAULT", "reported", "IRN", "ISR")
    denial = event("d", "ASSAULT", "denied", "IRN", None, days=1)
    assert same_happening(claim, denial)
    # another striker, the same country struck: another happening («الأردن ينفي قصف سوريا»)
    assert not same_happening(event("c", "ASSAULT", "reported", "ISR", "SYR"),
                              event("d", "ASSAULT", "denied", "JOR", "SYR"))
    # months apart: another happening
    assert not same_happening(claim, event("d", "ASSAULT", "denied", "IRN", days=120))


def test_a_visit_is_not_what_a_denial_about_another_matter_answers():
    visit = event("c", "CONSULT", "reported", "USA", "SAU")
    denial = event("d", "ASSAULT", "denied", "SAU", "JK")
    assert not same_happening(visit, denial)


def test_a_denial_act_answers_the_deed_or_accusation_of_the_denier_only():
    denial = event("d", "REJECT", "reported", "NET", trigger="نفى")
    assert same_happening(event("c", "ACCUSE", "reported", "POL", "NET"), denial)
    assert not same_happening(event("c", "PROTEST", "reported", "ISR", "NET"), denial)
    assert not same_happening(event("c", "THREATEN", "reported", "NET", "IRN"), denial)
    assert not same_happening(event("c", "ACCUSE", "reported", "NET", "IRN"), denial)
    # the host of a visit denies another matter: the visit is not what he denies
    assert not same_happening(event("c", "CONSULT", "reported", "NET", "USA"), denial)


def test_what_a_denial_sentence_reports_is_not_a_claim_against_it():
    # «نفت الحكومة تقارير عن مفاوضات سرية»: the talks are the denied content, not a claim
    said = "نفت الحكومة تقارير عن مفاوضات سرية"
    talks = event("c", "CONSULT", "reported", "GOV", doc="x", evidence=said)
    act = event("d", "REJECT", "reported", "GOV", trigger="نفت", doc="x", evidence=said)
    assert dispute_pairs([talks, act]) == []


def test_a_recalled_happening_is_dated_by_the_text_not_by_its_document():
    denial = event("d", "AID", "denied", "IRN", "POL")
    assert not same_happening(event("c", "AID", "background", "IRN", "POL"), denial)
    assert same_happening(event("c", "AID", "background", "IRN", "POL", stated=DAY), denial)
