"""The event-argument model: which actor mention around a trigger is its source, which its target.

Every actor mention of the trigger's sentence is a candidate, with the source of the
sentence's previous event for a dropped subject. A candidate is described by sparse
features (its side of the trigger and distance, the preposition or clitic before it, a
relative pronoun or complementiser between them, its entity type, mention kind and sector,
the trigger's type and kind, and whether the rule coder chose it) and scored by one logistic
model per role, trained by `python -m marsad.training.event_arguments_train` on the team's
annotations and the GSR coders' spans (`marsad/models/event_arguments/`).
"""
from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from marsad.lexicon.argument_words import ArgumentWords
from marsad.nlp.basics import token_table
from marsad.nlp.event_triggers import TriggerFeatures
from marsad.nlp.linear import SparseLogistic
from marsad.nlp.mention_index import TokenMention

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "event_arguments" / "model.json"
ROLES = ("source", "target")


class WordClassIndex:
    """Where each class of argument word, and each comma, stands in a Doc, so that what lies
    between a trigger and a candidate is a bisection, not a walk over the words between."""

    COMMA = ","

    def __init__(self, doc: Doc, words: ArgumentWords):
        self.positions: dict[str, list[int]] = {}
        table = token_table(doc)
        for i, (text, norm, punct) in enumerate(zip(table.text, table.norm, table.punct)):
            name = self.COMMA if punct and text in "،,؛;" else words.of(norm)
            if name is not None:
                self.positions.setdefault(name, []).append(i)

    @classmethod
    def of(cls, doc: Doc, words: ArgumentWords) -> "WordClassIndex":
        """The index of a Doc, built once and kept with it."""
        key = ("marsad", "argument_word_classes", id(words))
        if key not in doc.user_data:
            doc.user_data[key] = cls(doc, words)
        return doc.user_data[key]

    def between(self, lo: int, hi: int) -> set[str]:
        """The classes (and COMMA) of the words in [lo, hi)."""
        return {name for name, where in self.positions.items()
                if bisect_left(where, lo) < bisect_left(where, hi)}


@dataclass(frozen=True)
class Candidate:
    mention: TokenMention
    carried: bool = False  # the previous event's source, for a dropped subject


def entity_kind(entity) -> str:
    """The kind of an entity's mentions (name, generic, role, demonym ...): the first one given."""
    return next((m.kind for m in entity.mentions if m.kind), "name")


def _bucket(distance: int) -> str:
    for limit, name in ((0, "0"), (1, "1"), (2, "2"), (4, "3-4"), (8, "5-8")):
        if distance <= limit:
            return name
    return "9+"


def _counted(doc: Doc, start: int, words: ArgumentWords) -> bool:
    """Whether a mention begins with a number (18 شخصا) or follows "N of" (أربعة من الحراس)."""
    if doc[start].like_num:
        return True
    return start >= 2 and words.of(doc[start - 1].norm_) == "prep" and doc[start - 2].like_num


def candidate_features(doc: Doc, trigger_start: int, trigger_end: int, trigger_type: str,
                       trigger_kind: str, candidate: Candidate, rank: int, words: ArgumentWords,
                       rule_source: bool, rule_target: bool, triggers_between: bool,
                       speaker: bool = False, candidates: int = 1, other_clause: bool = False,
                       attribution: bool = False, *, trigger_features: TriggerFeatures) -> list[str]:
    """The sparse features of one (trigger, candidate) pair; `speaker` when the candidate
    is the speaker of a quotation that holds the trigger, `other_clause` when a clause boundary
    stands between them, `attribution` when the candidate is named as a source of the report;
    the trigger's and the candidate's words are read bare by `trigger_features`."""
    m = candidate.mention
    entity = m.entity
    kind = entity_kind(entity)
    if candidate.carried:
        side, distance = "carried", 0
    elif trigger_start <= m.start and m.end <= trigger_end:
        side, distance = "inside", 0  # named by the trigger's own words (فجر انتحاري)
    elif m.end <= trigger_start:
        side, distance = "before", trigger_start - m.end
    else:
        side, distance = "after", m.start - trigger_end
    lo, hi = (m.end, trigger_start) if side == "before" else (trigger_end, m.start)
    classes = WordClassIndex.of(doc, words).between(lo, hi) if side not in ("carried", "inside") else set()
    comma = WordClassIndex.COMMA in classes
    classes.discard(WordClassIndex.COMMA)
    norms = token_table(doc).norm
    previous = norms[m.start - 1] if m.start > 0 and side not in ("carried", "inside") else ""
    prep = words.of(previous) or ("clitic:" + m.clitic[-1:] if m.clitic else "none")
    after = norms[m.end] if m.end < len(norms) else ""
    etype = entity.type if entity.type != "GPE" or entity.geo is None else "CITY"
    base = [
        f"side={side}", f"dist={side}:{_bucket(distance)}", f"rank={side}:{min(rank, 3)}",
        f"etype={etype}", f"mkind={kind}", f"sector={entity.sector}",
        f"prep={prep}", f"prep_side={prep}:{side}",
        f"ttype={trigger_type}", f"tkind={trigger_kind}",
        f"side_tkind={side}:{trigger_kind}", f"side_ttype={side}:{trigger_type}",
        f"rank_tkind={side}:{min(rank, 3)}:{trigger_kind}", f"etype_side={etype}:{side}",
        f"mkind_side={kind}:{side}", f"prep_tkind={prep}:{trigger_kind}:{side}",
        f"etype_ttype={etype}:{trigger_type}", f"sector_ttype={entity.sector}:{trigger_type}",
    ]
    if side == "after" and distance == 0 and trigger_kind == "noun":
        base.append("genitive")
    if _counted(doc, m.start, words):
        # 11 مسلحا قتلوا، أربعة من الحراس قتلوا: a counted group before a killing is mostly its
        # victims (an unvowelled passive), and after an attack noun its toll
        base += [f"counted={side}", f"counted_ttype={side}:{trigger_type}:{trigger_kind}"]
    for name in sorted(classes):
        base.append(f"between={name}:{side}")
    if comma:
        base.append(f"comma_between={side}")
    if words.of(after) == "relative":
        base.append(f"relative_after={side}")
    if triggers_between:
        base.append(f"trigger_between={side}")
    if rule_source:
        base.append("rule=source")
    if rule_target:
        base.append("rule=target")
    if rule_source or rule_target:
        base.append(f"rule_any={trigger_kind}")
    bare = trigger_features.bare
    trigger_word = bare(norms[trigger_start])
    head = bare(norms[m.start])
    base += [f"tword={trigger_word}:{side}", f"tword_prep={trigger_word}:{prep}", f"cword={head}",
             f"cword_side={head}:{side}:{trigger_type}", f"candidates={min(candidates, 5)}"]
    if speaker:
        base += ["speaker", f"speaker_ttype={trigger_type}"]
    if other_clause:  # across a clause boundary (، وفتحت …، قبل أن …)
        base += [f"other_clause={side}", f"other_clause_tkind={side}:{trigger_kind}"]
    if attribution:  # who reports it (بحسب مصدر أمني) is not who did it
        base.append(f"attribution={side}")
    return base


def _margin(probability: float, threshold: float) -> float:
    """How far a probability stands above a threshold, in log-odds."""
    def logit(p: float) -> float:
        p = min(max(p, 1e-9), 1 - 1e-9)
        return math.log(p / (1 - p))
    return logit(probability) - logit(threshold)


def assign_roles(probabilities: dict[str, list[float]], thresholds: dict[str, float],
                 entities: list[str], can_act: list[bool]) -> dict[str, int | None]:
    """The candidate (index) of each role, or None: the pair of different actors whose margins
    above the roles' thresholds add up most. Where one candidate is the best of both roles it
    takes the role it is surer of and the other role its next best, instead of the source
    always choosing first (دعا حكومة بغداد: the government asked is the target, not the one
    asking); only an actor (`can_act`) can be the source."""
    options = {role: [(0.0, None)] + _two_best_entities(
                   [(_margin(p, thresholds[role]), n) for n, p in enumerate(probabilities[role])
                    if p >= thresholds[role] and (role != "source" or can_act[n])], entities)
               for role in ROLES}
    # on a tie the source chooses first, as it did alone
    best = max(((ms + mt, s is not None, s, t)
                for ms, s in options["source"] for mt, t in options["target"]
                if s is None or t is None or entities[s] != entities[t]), key=lambda x: x[:2])
    return {"source": best[2], "target": best[3]}


def _two_best_entities(options: list[tuple[float, int]], entities: list[str]) -> list[tuple[float, int]]:
    """The best option of each of the two best entities. The best pair always holds one role's
    best option (were neither, the two bests would form a pair at least as good), and its
    partner is that of the other role's two best entities it does not share: the pairs are
    searched among these alone, not among all (a sentence may hold a hundred candidates)."""
    kept: list[tuple[float, int]] = []
    for margin, n in sorted(options, key=lambda o: (-o[0], o[1])):
        if all(entities[n] != entities[m] for _, m in kept):
            kept.append((margin, n))
            if len(kept) == 2:
                break
    return kept


class ArgumentModel(SparseLogistic):
    """One logistic model per role (source, target) over candidate features; a candidate must
    pass its role's threshold."""

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "ArgumentModel | None":
        return super().load(path)
