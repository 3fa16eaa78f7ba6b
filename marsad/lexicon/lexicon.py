"""Language knowledge of the pipeline's stages and of ingestion, read once from a data directory
into one frozen object.

A `Lexicon` holds trigger forms (hand-written and annotated, with their hamza-seat and
pronoun-suffixed spellings), status and background cues, the function words the event coder
reads by class, generic actor nouns, the argument model's word classes, the Morphology, and word
counts that tell a glued clitic from a word's own letter (events and names alike).
`Lexicon.load(root)` reads the files under `root` laid out as marsad/data is, so a test can
build a stage over a dozen rows in a temporary folder; `load_lexicon()` is the shipped one,
read once per process. Other stages' words are read from the same root on first use, so that a
stage reads only its own files: the quotes stage's (`quotes`), the date vocabulary (`dates`),
the clause openers (`clause_openers`), the entity stage's role words (`common_words`,
`role_modifiers`, `metonym_cues`), the Persian and Urdu markers (`language_markers`),
ingestion's page furniture and date-line words (`furniture`, `date_line_words`), the dispute
finder's verbs of denial (`denial_verb`), the actor knowledge base (`actors`), the place
gazetteer (`places`) and the romanizer of personal names (`romanizer`); the outlets are the
quotes stage's (`quotes.outlets`). Nothing else keeps language knowledge in a process-wide
cache: a stage is handed the Lexicon (or what it holds) it reads.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from marsad.datafiles import DATA, read_rows
from marsad.errors import DataFileError
from marsad.kb.actors import ActorBase, read_actor_base
from marsad.kb.places import PlaceIndex, read_places
from marsad.kb.romanize import Romanizer
from marsad.lexicon.morphology import Morphology
from marsad.lexicon.quotes import QuoteLexicon, function_words
from marsad.lexicon.tables import Rows, Table, final_spellings, phrase_rows, phrase_table
from marsad.lexicon.argument_words import ArgumentWords
from marsad.lexicon.furniture import Furniture, read_date_line_words
from marsad.lexicon.generic_nouns import GenericNouns
from marsad.text.date_vocab import DateVocabulary
from marsad.text.language import Markers
from marsad.text.normalize import normalize

# A clitic split of a word is refused when the unsplit word is written this many times more
# often than what the split leaves (وزارة against زارة); see data/morphology/word_counts.tsv.
SPLIT_RATIO = 10
# A word of an imperfect verb's shape is a verb where the corpus writes its stem with another person's
# prefix this often (تعاني: يعاني 10+), as a noun that begins with the letter seldom is (تقرير).
IMPERFECT_COUNTERPART_MIN = 10
# Below this many uses in ant2018 a word of an imperfect verb's shape where a verb is called for is taken
# for one (`Lexicon.imperfect_verb`, rare).
RARE_VERB_COUNT = 20
WORD_CLASSES = ("locative", "target_prep", "count", "past_particle", "adjacent_particle",
                "nominal_prep", "that", "agent", "future_prefix", "pronoun_suffix", "destination", "countering",
                "reciprocal", "name_head", "same_doer", "survive", "undergo", "giver", "title_link", "title_link_named", "own_country",
                "object_pronoun", "verbal_attack", "stance_noun", "partner_prep", "receive", "control_noun",
                "held_under", "decision_noun", "site_noun", "passive_aux", "attempt_verb", "that_pronoun", "circumstantial",
                "cause", "result", "identity", "struck_object", "belonging", "sheltered", "against",
                "after_break", "aimed_prep", "demonstrative", "charge", "need", "illness", "caused_in")


@dataclass(frozen=True)
class Lexicon:
    root: Path
    morphology: Morphology
    triggers: Rows                     # form -> (type, mode, kind, target) rows
    trigger_endings: dict[str, bool]   # trigger word -> written with a final ة (True) or ه only
    status_cues: Table                 # form -> (status, scope)
    background_cues: Table             # form -> (effect,)
    classes: dict[str, frozenset[str]]  # class of coder_words.tsv -> normalised forms
    agent_phrases: tuple[tuple[str, ...], ...]
    argument_words: ArgumentWords
    generic_nouns: GenericNouns
    word_counts: dict[str, int]

    @classmethod
    def load(cls, root: Path = DATA) -> Lexicon:
        events = root / "events"
        classes: dict[str, set[str]] = {name: set() for name in WORD_CLASSES}
        agents = []
        for row in read_rows(events / "coder_words.tsv"):
            if row["class"] not in classes:
                raise DataFileError(str(events / "coder_words.tsv"), f"unknown class {row['class']!r}")
            form = tuple(normalize(word) for word in row["form"].split())
            if row["class"] == "agent":
                agents.append(form)
            classes[row["class"]].add(" ".join(form))
        frozen = {name: frozenset(forms) for name, forms in classes.items()}
        argument_words = ArgumentWords.load(events / "argument_words.tsv")
        counts_file = root / "morphology" / "word_counts.tsv"
        counts = {row["word"]: int(row["count"]) for row in read_rows(counts_file)} if counts_file.exists() else {}
        triggers = phrase_rows(events / "triggers.tsv", "type", "mode", "kind", "target")
        annotated = events / "triggers_annotated.tsv"
        # the hand-written forms keep their spelling; the annotated ones are stored normalised
        endings = final_spellings(word for row in read_rows(events / "triggers.tsv") for word in row["form"].split())
        if annotated.exists():  # forms the annotators marked, where the hand-written lexicon is silent
            for key, payload in phrase_rows(annotated, "type", "mode", "kind", "target").items():
                triggers.setdefault(key, payload)
        suffixes = tuple(sorted(frozen["pronoun_suffix"]))
        morphology = Morphology.from_file(root / "morphology" / "clitics.tsv")
        for key, payload in list(triggers.items()):
            nominal = payload[0][2] == "noun"
            for variant in hamza_seat_variants(key, morphology) + pronoun_variants(key, suffixes, morphology, nominal):
                triggers.setdefault(variant, payload)
        return cls(root=root, morphology=morphology,
                   triggers=triggers, trigger_endings=endings,
                   status_cues=phrase_table(events / "status_cues.tsv", "status", "scope"),
                   background_cues=phrase_table(events / "background_cues.tsv", "effect"),
                   classes=frozen, agent_phrases=tuple(agents), argument_words=argument_words,
                   generic_nouns=GenericNouns.load(root / "actors" / "generic_nouns.tsv",
                                                   function_words=frozenset(argument_words.classes),
                                                   morphology=morphology),
                   word_counts=counts)

    @cached_property
    def romanizer(self) -> Romanizer:
        """English spellings of Arabic personal names (arabic-name-romanizer's models, loaded on
        first use)."""
        return Romanizer()

    @cached_property
    def quotes(self) -> QuoteLexicon:
        """The quotes stage's words, from root/quotes (and its clause openers and body nouns)."""
        return QuoteLexicon.load(self.root, self.morphology)

    @cached_property
    def dates(self) -> DateVocabulary:
        """The date vocabulary of root/dates (ingestion, which reads dates without the pipeline,
        reads the shipped Lexicon's)."""
        return DateVocabulary.load(self.root / "dates", self.morphology)

    @cached_property
    def actors(self) -> ActorBase:
        """The actor knowledge base of root/actors: people, organisations, countries, titles and
        generic actors by their normalised surfaces."""
        return read_actor_base(self.root / "actors")

    @cached_property
    def places(self) -> PlaceIndex:
        """The place gazetteer: root/places.tsv, then root/places_extra.tsv where there is one,
        with this Lexicon's clitics taken off a looked-up name."""
        extra = self.root / "places_extra.tsv"
        return read_places(self.root / "places.tsv", extra if extra.exists() else None, self.morphology)

    @cached_property
    def clause_openers(self) -> frozenset[str]:
        """Single words that open a clause (أن، الذي، حيث، قبل …), from events/clause_openers.tsv."""
        return frozenset(key[0] for key in phrase_table(self.root / "events" / "clause_openers.tsv")
                         if len(key) == 1)

    @cached_property
    def common_words(self) -> frozenset[str]:
        """Words that are never part of a person's name: spaCy's Arabic stop words, the words of
        the status cues, speech verbs and source cues, and the hand-written triggers' own words
        (a one-word trigger, a phrase's first word): a phrase's later words are often its object
        or place (منع من السفر، اعترفت بفلسطين), which may well be a name's."""
        found = set(function_words())
        for path in ("events/status_cues.tsv", "quotes/speech_verbs.tsv", "quotes/source_cues.tsv"):
            found.update(word for key in phrase_table(self.root / path) for word in key)
        found.update(key[0] for key in phrase_table(self.root / "events" / "triggers.tsv"))
        return frozenset(found)

    @cached_property
    def role_modifiers(self) -> frozenset[str]:
        """Normalised words that qualify a role before a name (السابق، الجديد)."""
        return frozenset(normalize(row["form"]) for row in read_rows(self.root / "actors" / "role_modifiers.tsv"))

    @cached_property
    def metonym_cues(self) -> frozenset[str]:
        """Normalised verbs and nouns that, next to a capital, make it stand for its government."""
        return frozenset(normalize(row["form"]) for row in read_rows(self.root / "actors" / "metonym_cues.tsv")
                         if row.get("kind", "cue") == "cue")

    @cached_property
    def metonym_cues_before(self) -> frozenset[str]:
        """Normalised words that make a capital right after them, not before, stand for its
        government (مع طهران، ضد واشنطن، التحالف الذي تقوده الرياض)."""
        return frozenset(normalize(row["form"]) for row in read_rows(self.root / "actors" / "metonym_cues.tsv")
                         if row.get("kind") == "before")

    @cached_property
    def metonym_prepositions(self) -> frozenset[str]:
        """Normalised prepositions between such a noun and a capital that keep it the government
        (ضمانات من موسكو)."""
        return frozenset(normalize(row["form"]) for row in read_rows(self.root / "actors" / "metonym_cues.tsv")
                         if row.get("kind") == "from")

    @cached_property
    def currency_words(self) -> frozenset[str]:
        """Normalised names of currencies, after which a nationality adjective names the currency
        (دولار أميركي), from actors/currencies.tsv."""
        return frozenset(normalize(row["form"]) for row in read_rows(self.root / "actors" / "currencies.tsv"))

    @cached_property
    def language_words(self) -> frozenset[str]:
        """Normalised words for a language or for speaking one, after which a nationality adjective
        names the language (باللغة العربية، الناطق بالألمانية), from actors/language_words.tsv."""
        return frozenset(normalize(row["form"]) for row in read_rows(self.root / "actors" / "language_words.tsv"))

    @cached_property
    def verbal_nouns(self) -> dict[str, tuple[str, ...]]:
        """Normalised nouns of a body that also name an act -> the prepositions the act governs,
        from actors/verbal_nouns.tsv (القضاء على: eliminating, not the judiciary)."""
        path = self.root / "actors" / "verbal_nouns.tsv"
        rows = read_rows(path) if path.exists() else []
        return {normalize(row["noun"]): tuple(normalize(p) for p in row["prepositions"].split("|")) for row in rows}

    def names_an_act(self, word: str, following: str) -> bool:
        """Whether a normalised word (glued clitics and the article allowed) is a body's noun that
        names an act here: the preposition that act governs comes next (القضاء على، القضاء عليهم)."""
        article, suffixes = self.morphology.article, self.classes["pronoun_suffix"]
        for form in self.morphology.proclitic_variants(word):
            preps = self.verbal_nouns.get(form[len(article):] if form.startswith(article) else form)
            if preps:
                return any(following == p or following.startswith(p) and following[len(p):] in suffixes
                           for p in preps)
        return False

    @cached_property
    def name_kinds(self) -> frozenset[str]:
        """Normalised words for a kind of body or place written before a name or left out
        (وكالة رويترز / رويترز), from actors/name_kinds.tsv: the scorer's name comparison."""
        return frozenset(normalize(row["form"]) for row in read_rows(self.root / "actors" / "name_kinds.tsv"))

    @cached_property
    def name_words(self) -> dict[str, frozenset[str]]:
        """Normalised words that hold a person's name together, by kind, from
        actors/name_words.tsv: `chain` (بن، آل), `compound` (عبد of بن عبد العزيز), `name_end` (الدين
        of صفي الدين), `kunya` (أبو، أم: a parent's name's first word), `body_head`
        (تحالف، مجلس: a body's name's head that names it again alone), `site_head` (مدرسة: a
        site named by the name after it), `letter_name` (بي، سي: a Latin letter spelled out),
        `vessel_head` (سفينة: a ship whose name follows), `operation_head` (عملية، معركة: a military
        operation or battle whose name follows), `court_head` (محكمة، نيابة: a judicial body
        named by the words that define it), `court_descriptor` (المختصة: a word after one that describes
        it and names none), `quoted_head` (شركة: a body whose name follows in quote marks). Empty kinds
        where the folder has no such file."""
        path = self.root / "actors" / "name_words.tsv"
        rows = read_rows(path) if path.exists() else []
        return {kind: frozenset(normalize(row["form"]) for row in rows if row["kind"] == kind)
                for kind in ("chain", "compound", "name_end", "body_head", "site_head", "letter_name",
                             "kunya", "vessel_head", "operation_head", "court_head", "court_descriptor", "quoted_head")}

    @cached_property
    def name_idioms(self) -> dict[tuple[str, ...], str]:
        """Normalised phrases that hold a place's name and name nothing (مسقط رأسه "his
        birthplace", صلاة المغرب "the sunset prayer"), from actors/name_idioms.tsv; empty where
        the folder has none."""
        path = self.root / "actors" / "name_idioms.tsv"
        rows = read_rows(path) if path.exists() else []
        return {tuple(normalize(word) for word in row["form"].split()): row["form"] for row in rows}

    @cached_property
    def facility_words(self) -> dict[str, frozenset[str]]:
        """Normalised words by kind from actors/facility_words.tsv: `head`, a kind of facility
        (مطار، قاعدة); `landform`, a natural place named the same way (جبل); `mission`, a diplomatic
        mission (سفارة); `modifier`, a facility's function after its name (العسكري); `building`, a
        building named by the name after it (قصر). Empty kinds where the folder has no such file."""
        path = self.root / "actors" / "facility_words.tsv"
        rows = read_rows(path) if path.exists() else []
        return {kind: frozenset(normalize(row["form"]) for row in rows if row["kind"] == kind)
                for kind in ("head", "landform", "mission", "modifier", "building")}

    @cached_property
    def furniture(self) -> Furniture:
        """The page furniture ingestion drops (boilerplate.tsv)."""
        return Furniture.load(self.root / "boilerplate.tsv")

    @cached_property
    def connectives(self) -> tuple[tuple[str, ...], ...]:
        """Openers of a paragraph that continues the story before it (connectives.tsv), as
        normalised word sequences."""
        return tuple(tuple(normalize(row["phrase"]).split()) for row in read_rows(self.root / "connectives.tsv"))

    @cached_property
    def date_line_words(self) -> frozenset[str]:
        """Normalised words a date line may hold besides the date (date_line_words.tsv, and the
        month and weekday names of the date vocabulary)."""
        return read_date_line_words(self.root / "date_line_words.tsv", self.dates)

    @cached_property
    def language_markers(self) -> Markers:
        """The words and letters that mark a sentence as Persian or Urdu (language/persian_urdu.tsv)."""
        return Markers.load(self.root / "language" / "persian_urdu.tsv")

    @cached_property
    def denial_verb(self) -> re.Pattern[str]:
        """A normalised word that is a verb of denial (corpus/denial_verbs.tsv), with a glued
        conjunction and the article allowed before it."""
        path = self.root / "corpus" / "denial_verbs.tsv"
        parts: dict[str, list[str]] = {"stem": [], "suffix": []}
        for row in read_rows(path):
            if row["part"] not in parts:
                raise DataFileError(str(path), f"unknown part {row['part']!r}")
            parts[row["part"]].append(row["pattern"])
        morphology = self.morphology
        conjunction = "|".join(re.escape(c) for c in morphology.conjunctions)
        return re.compile(f"^(?:{conjunction})?(?:{re.escape(morphology.article)})?"
                          f"(?:{'|'.join(parts['stem'])})(?:{'|'.join(parts['suffix'])})?$")

    def word_class(self, name: str) -> frozenset[str]:
        """The normalised forms of one class of coder_words.tsv."""
        return self.classes[name]

    def split_allowed(self, word: str, rest: str) -> bool:
        """Whether the letters before `rest` in a normalised word are glued clitics, not the
        word's own: unless the whole word is written far more often than the rest."""
        counts = self.word_counts
        return counts.get(word, 0) < SPLIT_RATIO * max(counts.get(rest, 0), 1)

    def imperfect_verb(self, word: str, rare: bool = False) -> bool:
        """Whether a normalised word of an imperfect verb's shape is one: the corpus writes its stem
        with another person's prefix too (تعاني: يعاني; يعلق: تعلق), as no noun or name that begins
        with the letter is written (تقرير، يونس). With `rare`, where the words around already call
        for a verb (right after the actor that opens a sentence), a word of the shape too rare for
        its other persons to be counted is one too (تستنفر، تبتز); no common noun is that rare."""
        prefixes, counts = self.morphology.imperfect_prefixes, self.word_counts
        return len(word) >= 4 and word[:1] in prefixes and (any(
            counts.get(prefix + word[1:], 0) >= IMPERFECT_COUNTERPART_MIN for prefix in prefixes if prefix != word[:1])
            or rare and counts.get(word, 0) < RARE_VERB_COUNT)

    def glued_letters(self, word: str) -> int:
        """How many letters of a normalised word are glued clitics (وعماد: 1, وليد: 0), the
        longest split the word counts allow."""
        for variant in reversed(self.morphology.proclitic_variants(word)[1:]):
            if self.split_allowed(word, variant):
                return len(word) - len(variant)
        return 0


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The Lexicon of the shipped data, read once per process."""
    return Lexicon.load()


def pronoun_variants(key: tuple[str, ...], suffixes: tuple[str, ...],
                     morphology: Morphology, nominal: bool = False) -> list[tuple[str, ...]]:
    """The first word of a lexicon form with an attached pronoun: ta marbuta opens to ta
    (زيارة → زيارته) and the alef of وا drops (قتلوا → قتلوه), as `morphology` spells them. A
    noun with its owner's pronoun is definite, and so are the adjectives after it (`nominal`):
    غارات جوية → غاراتها الجوية, beside the form as listed."""
    first = key[0]
    if len(first) < 3 or first.startswith(morphology.article):
        return []
    bases = {first}
    if morphology.ta_marbuta and first.endswith(morphology.ta_marbuta):  # a folded ta marbuta
        bases.add(first[:-len(morphology.ta_marbuta)] + morphology.open_ta)
    if morphology.verb_plural and first.endswith(morphology.verb_plural):
        bases = {first[:-1]}
    rests = [key[1:]]
    article = morphology.article
    if nominal and len(key) > 1 and not any(word.startswith(article) for word in key[1:]):
        rests.append(tuple(article + word if len(word) >= 3 else word for word in key[1:]))
    return [(base + suffix,) + rest for base in bases for suffix in suffixes for rest in rests]


def hamza_seat_variants(key: tuple[str, ...], morphology: Morphology) -> list[tuple[str, ...]]:
    """A hamza after alef sits on the line, on ya or on waw by the case before a suffixed
    pronoun (لقاءه، لقائه، لقاؤه); normalised, ء، ي، و: every spelling of a lexicon form, by
    `morphology`'s hamza seats."""
    hamza = morphology.hamza_after_alef
    if not hamza:
        return []
    variants = []
    for n, word in enumerate(key):
        at = word.find(hamza, 1)
        if at > 0 and len(word) - at - len(hamza) in (1, 2, 3):  # a pronoun suffix follows
            for seat in morphology.hamza_seats:
                variants.append(key[:n] + (word[:at] + seat + word[at + len(hamza):],) + key[n + 1:])
    return variants
