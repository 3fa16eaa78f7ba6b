"""Event gold in stand-off form (offsets into the article) and event scores summed over articles."""
from marsad.evaluate import event_average, micro_average, resolve_standoff
from marsad.scoring import score_events


TEXT = "عنوان\n\nقصفت الطائرات مواقع المسلحين في المدينة. وقال الجيش إن الطائرات قصفت المواقع ليلا."


def _span(words, start=0):
    at = TEXT.index(words, start)
    return [at, at + len(words)]


def _gold():
    return {"document": "x", "entities": [
                {"id": "jets", "type": "ORG", "mentions": [_span("الطائرات")]},
                {"id": "gunmen", "type": "ORG", "mentions": [_span("المسلحين")]}],
            "events": [{"id": "e1", "type": "ASSAULT", "source": "jets", "target": "gunmen", "status": "reported",
                        "trigger": _span("قصفت"), "evidence": _span("قصفت الطائرات مواقع المسلحين"),
                        "also_evidence": [_span("الطائرات قصفت المواقع", 20)]}]}


def test_standoff_events_read_their_evidence_and_trigger_from_the_article():
    resolved = resolve_standoff(_gold(), TEXT)
    event = resolved["events"][0]
    assert event["evidence"] == "قصفت الطائرات مواقع المسلحين"
    assert event["also_evidence"] == ["الطائرات قصفت المواقع"]
    assert event["trigger"] == "قصفت"
    assert resolved["entities"][0]["aliases"] == ["الطائرات"]


def test_a_record_event_told_at_a_restatement_of_the_gold_event_matches_it():
    resolved = resolve_standoff(_gold(), TEXT)
    second = TEXT.index("قصفت", 20)
    record = {"text": TEXT, "events": [{"type": "ASSAULT", "source": "r1", "target": "r2", "status": "reported",
                                        "trigger": {"start": second, "end": second + 4, "text": "قصفت"}}]}
    scores = score_events(record, resolved, {"jets": "r1", "gunmen": "r2"})
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, 0, 0)
    assert scores["strict"]["hits"] == 1
    # the wrong target: found by type, not strictly right
    wrong = score_events(record, resolved, {"jets": "r1", "gunmen": "r9"})
    assert wrong["tp"] == 1 and wrong["strict"]["hits"] == 0


def test_a_gold_actor_the_record_has_no_entity_for_is_not_matched_by_an_empty_role():
    resolved = resolve_standoff(_gold(), TEXT)
    at = TEXT.index("قصفت")
    record = {"text": TEXT, "events": [{"type": "ASSAULT", "source": "r1", "target": None, "status": "reported",
                                        "trigger": {"start": at, "end": at + 4, "text": "قصفت"}}]}
    scores = score_events(record, resolved, {"jets": "r1"})  # no record entity for the gunmen
    assert scores["tp"] == 1 and scores["strict"]["hits"] == 0
    assert scores["argument_accuracy"]["target"] == 0.0 and scores["argument_accuracy"]["source"] == 1.0


def test_event_scores_are_summed_over_the_articles_of_each_split():
    def article(split, tp, fp, fn, hits):
        return {"kind": "article", "split": split, "events": {
            "tp": tp, "fp": fp, "fn": fn, "strict": {"hits": hits}, "strict_status": {"hits": hits}}}
    report = {"a": article("tuning", 3, 1, 1, 2), "b": article("held_out", 1, 3, 1, 1), "c": article("held_out", 2, 0, 2, 1)}
    average = event_average([report["b"], report["c"]])
    assert (average["tp"], average["fp"], average["fn"]) == (3, 3, 3)
    assert average["strict"]["hits"] == 2 and average["strict"]["precision"] == round(2 / 6, 3)
    averages = micro_average(report)
    assert averages["held_out"]["events"]["articles"] == 2 and averages["all"]["events"]["tp"] == 6


def test_the_article_gold_files_are_standoff_and_name_their_actors(shared):
    import json
    from pathlib import Path

    folder = Path(__file__).resolve().parent / "gold" / "events2018"
    files = sorted(folder.glob("*.json"))
    assert len(files) >= 20
    for path in files + sorted((folder / "agreement").glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        article = (path.parent.parent / gold["document"]).resolve()  # as the evaluator reads it
        resolved = resolve_standoff(gold, article.read_text("utf-8"))
        ids = {e["id"] for e in gold["entities"]}
        for event, original in zip(resolved["events"], gold["events"]):
            assert isinstance(original["evidence"], list) and event["evidence"], path.name
            assert all(event.get(role) is None or event[role] in ids for role in ("source", "target", "location"))
        assert all(e["aliases"] for e in resolved["entities"]), path.name
        assert path.parent != folder or gold["split"] in ("tuning", "held_out")


def test_two_events_of_one_type_in_one_sentence_are_paired_by_their_actors_not_text_order():
    text = "زار الوزير البلدين الأول والثاني."
    at = text.index("زار")
    gold = {"entities": [], "events": [
        {"id": f"e{n}", "type": "CONSULT", "source": "visitor", "target": host, "evidence": text}
        for n, host in enumerate(("first", "second"))]}
    record = {"text": text, "events": [
        {"type": "CONSULT", "source": "r0", "target": host, "status": "reported",
         "trigger": {"start": at, "end": at + 3, "text": "زار"}} for host in ("r2", "r1")]}
    scores = score_events(record, gold, {"visitor": "r0", "first": "r1", "second": "r2"})
    assert (scores["tp"], scores["fp"], scores["fn"]) == (2, 0, 0)
    assert scores["strict"]["hits"] == 2


def test_the_best_assignment_pairs_most_weight_and_never_a_weightless_pair():
    from itertools import permutations
    from random import Random

    from marsad.scoring import best_assignment

    rng = Random(7)
    for _ in range(200):
        rows, cols = rng.randint(0, 5), rng.randint(0, 5)
        weights = [[rng.choice((0, 0, 5, 6)) for _ in range(cols)] for _ in range(rows)]
        pairs = best_assignment(weights)
        assert len(set(pairs.values())) == len(pairs) and all(weights[i][j] > 0 for i, j in pairs.items())
        best = max((sum(weights[i][p[i]] for i in range(rows) if p[i] < cols)
                    for p in permutations(range(max(rows, cols)), rows)), default=0)
        assert sum(weights[i][j] for i, j in pairs.items()) == best
