"""Place names in a Doc: which gazetteer entries may be matched on their own, and their geo."""
from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from marsad.datafiles import DATA, read_rows
from marsad.kb.places import Place, PlaceIndex
from marsad.lexicon.lexicon import Lexicon, load_lexicon
from marsad.lexicon.quotes import function_words
from marsad.nlp.phrases import Hit, find_phrases
from marsad.record import Geo
from marsad.text.normalize import normalize

# A town below this population is matched only where the NER model also says "place":
# GeoNames names thousands of villages with ordinary Arabic words.
MIN_POPULATION_ALONE = 50_000
# A name matched alone keeps its smaller namesakes of at least this share of its largest place as
# candidates, for the text's countries to choose among: بيت لحم is Bethlehem, Palestine (29,000)
# in a story of the West Bank, not only the namesake in Pennsylvania (75,000) that passes alone.
NAMESAKE_SHARE = 0.25
_ALWAYS = frozenset({"country", "admin1", "region", "site", "district"})
# The kinds of place_evidence.tsv rows that show a place name is used as a place.
EVIDENCE_KINDS = frozenset({"prep", "word", "town"})
PLACE_WORD_KINDS = frozenset({"word", "town"})


def _common_words(lexicon: Lexicon) -> frozenset[str]:
    """Words that are places only by accident: stop words and the lexicon's month names (آب is
    August); a data directory without date files names no months."""
    months = set(lexicon.dates.months) if (lexicon.root / "dates").is_dir() else set()
    return function_words() | months


# A word of a glued ك and a place name is "like" that place where the name alone is written over
# this many times as often as the word (كعنتاب 0 beside عنتاب 6; كمينا "an ambush" 8 beside مينا 9).
LIKE_RATIO = 2
# A town's name that is a word with the alef of the indefinite accusative (صبيا "a boy", Sabya)
# needs place evidence where the word without it is written this many times, and over
# TANWIN_RATIO times as often as the name (صيدا, Sidon, 18 times against صيد 28, stays).
TANWIN_MIN_COUNT = 10
TANWIN_RATIO = 2


def _indefinite_nouns(confident: dict[tuple[str, ...], tuple[Place, ...]], lexicon: Lexicon) -> frozenset[str]:
    """One-word town names that the lexicon's word counts show to be a common word in the
    indefinite accusative (صبيا، تاريخا، منا) more often than a place."""
    counts, tanwin = lexicon.word_counts, lexicon.morphology.tanwin
    found = set()
    for key, places in confident.items():
        name = key[0]
        if len(key) != 1 or not tanwin or not name.endswith(tanwin) or any(p.kind in _ALWAYS for p in places):
            continue
        bare = counts.get(name[:-len(tanwin)], 0)
        if bare >= TANWIN_MIN_COUNT and bare > TANWIN_RATIO * counts.get(name, 0):
            found.add(name)
    return frozenset(found)


# A town's name that the corpus writes with the article at least ARTICLE_MIN_COUNT times and at least
# ARTICLE_SHARE times as often as bare is a common noun too (مشهد "a scene": المشهد 119, مشهد 59;
# ميدان "a square", هزة "a tremor"; a foreign town's spelling that is an adjective seldom written bare:
# هاربين "fleeing" for Harbin, الهاربين 18; كندي "Canadian" for Kandy): it needs a word for a kind
# of place before it (مدينة مشهد), or a preposition of place in a text that names its country; في
# alone shows nothing (في مشهد مؤثر: "in a moving scene"), nor does the NER model's place, which the
# entity stage rejects on the same counts (EntityLinker._common_word).
ARTICLE_MIN_COUNT = 5
ARTICLE_SHARE = 0.5
# A name that ends in the relative ي, written this often, and whose feminine (+ة) is written at least
# as often is an adjective (مالي "financial": مالية 169, مالي 68; خفي "hidden", ساري
# "in force"): it needs place evidence, as an adjective follows a noun, never a preposition.
NISBA_MIN_COUNT = 5


def _article_nouns(confident: dict[tuple[str, ...], tuple[Place, ...]], lexicon: Lexicon) -> frozenset[str]:
    """One-word names, countries aside, that the lexicon's word counts show to be a common noun
    written with the article as often as a place is written bare (مشهد، ميدان، هزة)."""
    counts, article = lexicon.word_counts, lexicon.morphology.article
    return frozenset(
        key[0] for key, places in confident.items()
        if len(key) == 1 and not key[0].startswith(article) and not any(p.kind == "country" for p in places)
        # a name seldom written bare counts only where no place of it is named with the article
        # (فحيص is الفحيص, Fuheis, as the corpus writes it)
        and (counts.get(key[0], 0) >= ARTICLE_MIN_COUNT
             or not any(normalize(p.name).startswith(article) for p in places))
        and counts.get(article + key[0], 0) >= max(ARTICLE_MIN_COUNT, ARTICLE_SHARE * counts.get(key[0], 0)))


# A town's name written with the article whose bare form the corpus writes at least BARE_MIN_COUNT
# times and BARE_SHARE of the times it writes the name is a common noun with the article too
# (العصابة "the gang", Mauritania's Assaba; الشاطئ "the shore"; الوادي "the valley"): it needs what
# _article_nouns's names need. Real towns of this shape (الخليل، الطبقة، الميادين) keep a preposition of
# place in a text that names their country.
BARE_MIN_COUNT = 10
BARE_SHARE = 0.4


def _definite_nouns(confident: dict[tuple[str, ...], tuple[Place, ...]], lexicon: Lexicon) -> frozenset[str]:
    """One-word names with the article, countries aside, whose bare form the lexicon's word counts
    show to be a common noun (العصابة: عصابة; الشاطئ: شاطئ)."""
    counts, article = lexicon.word_counts, lexicon.morphology.article
    return frozenset(
        key[0] for key, places in confident.items()
        if len(key) == 1 and key[0].startswith(article) and not any(p.kind == "country" for p in places)
        and counts.get(key[0][len(article):], 0) >= max(BARE_MIN_COUNT, BARE_SHARE * counts.get(key[0], 0)))


def _relative_adjectives(confident: dict[tuple[str, ...], tuple[Place, ...]], lexicon: Lexicon) -> frozenset[str]:
    """One-word names that the lexicon's word counts show to be a relative adjective: its
    feminine written as often as the name (مالي "financial", خفي "hidden")."""
    counts, nisba, feminine = lexicon.word_counts, lexicon.morphology.nisba, lexicon.morphology.ta_marbuta
    if not nisba or not feminine:
        return frozenset()
    return frozenset(
        key[0] for key in confident
        if len(key) == 1 and key[0].endswith(nisba) and counts.get(key[0], 0) >= NISBA_MIN_COUNT
        and counts.get(key[0] + feminine, 0) >= counts.get(key[0], 0))


def _standalone(place: Place) -> bool:
    return place.kind in _ALWAYS or place.population >= MIN_POPULATION_ALONE


def _with_namesakes(places: list[Place]) -> tuple[Place, ...]:
    """The places a name may stand for alone, with their namesakes of NAMESAKE_SHARE of the
    largest one's population or more; none where no place of the name stands alone."""
    alone = [p.population for p in places if _standalone(p)]
    if not alone:
        return ()
    floor = NAMESAKE_SHARE * max(alone)
    return tuple(p for p in places if _standalone(p) or p.population >= floor)


class PlaceMatcher:
    """Finds place names in a Doc; ambiguous names resolved by the article's other places.

    A name that news mostly writes as something else (`ambiguous`: صور is pictures more often
    than Tyre) is matched only right after a word of `evidence` (في صور، مدينة صور) or glued to
    a preposition with its article (بالقائم). A name that is also a common noun with the article
    (`common_nouns`: العين is the eye, الخبر the news) needs one of `place_words` (مدينة العين):
    في العين is as likely "in the eye". A whole word that only looks like a preposition glued to
    a name (`glued`: بحجة "on the pretext", not ب + Hajjah; لغات "languages", not ل + Ghat) is not
    read as the name unless the NER model reads a place there. The NER model's places are looked
    up apart."""

    def __init__(self, index: PlaceIndex, ambiguous: frozenset[str] = frozenset(),
                 evidence: frozenset[str] = frozenset(), common_nouns: frozenset[str] = frozenset(),
                 place_words: frozenset[str] = frozenset(), glued: frozenset[str] = frozenset(),
                 lexicon: Lexicon | None = None):
        self.index = index
        self.glued = glued
        self.evidence = evidence
        self.place_words = place_words
        # place_evidence.tsv's prepositions that make a capital glued to them its state (لطهران),
        # and the words of travel before them that keep it a city (زيارته لموسكو): set by load
        self.state_letters: frozenset[str] = frozenset()
        self.visit_words: frozenset[str] = frozenset()
        self.scene_words: frozenset[str] = frozenset()
        # words of kind `part`: قطاع of قطاع غزة, which names the place غزة names (set by load)
        self.part_words: frozenset[str] = frozenset()
        # words of kind `town`: بلدة of بلدة دوردان, after which a rare word names the place (set by load)
        self.town_words: frozenset[str] = frozenset()
        # words of kind `head`: كفر of كفر حلب, which begins a place's name of two words (set by load)
        self.compound_heads: frozenset[str] = frozenset()
        # words of kind `verb`: قد of قد تدمر, after which a name is the verb it also spells (set by load)
        self.verb_particles: frozenset[str] = frozenset()
        # words of kinds `countryside` (ريف) and `side` (الجنوبي): ريف حلب الجنوبي is a region (set by load)
        self.countryside_words: frozenset[str] = frozenset()
        self.sides: frozenset[str] = frozenset()
        lexicon = load_lexicon() if lexicon is None else lexicon
        self.morphology = lexicon.morphology
        self.article = lexicon.morphology.article
        # ب، ل glued before a name's article show it is a place (بالقائم); ك and و do not
        self.name_prepositions = lexicon.morphology.name_prepositions
        # a glued preposition that no name takes unless "like" a place (ك: كالبصرة, not كمائن)
        self.unlike_name = frozenset(lexicon.morphology.prepositions) - self.name_prepositions
        self.word_counts = lexicon.word_counts
        common = _common_words(lexicon)
        self.confident: dict[tuple[str, ...], tuple[Place, ...]] = {}
        for key in index.keys():
            places = _with_namesakes(index.get(key))
            if places and key not in common and not self._bare_of_article(key, places):
                self.confident[tuple(key.split())] = places
        # one-word names that the word counts show to be a relative adjective (مالي "financial",
        # خفي) or a common noun with the article (مشهد، ميدان), read off the hit's own word: a
        # payload is shared by the place's other names (محافظة مطروح beside مطروح)
        self.adjectives = _relative_adjectives(self.confident, lexicon)
        self.counted_nouns = (_article_nouns(self.confident, lexicon)
                              | _definite_nouns(self.confident, lexicon)) - common_nouns
        ambiguous = ambiguous | _indefinite_nouns(self.confident, lexicon)
        self.needs_evidence = {self.confident[(name,)] for name in ambiguous if (name,) in self.confident}
        self.needs_place_word = {self.confident[(name,)] for name in common_nouns if (name,) in self.confident}
        self.countries = {p.country: p for p in index.places() if p.kind == "country"}
        self.max_words = max((len(k) for k in self.confident), default=1)

    def _bare_of_article(self, key: str, places: tuple[Place, ...]) -> bool:
        """A name written with the article, looked up without it: رقة of الرقة, which is
        also ورقة (a sheet) with its و taken for a clitic."""
        return not key.startswith(self.article) and set(places) <= set(self.index.get(self.article + key))

    @classmethod
    def load(cls, index: PlaceIndex, root: Path = DATA, lexicon: Lexicon | None = None) -> PlaceMatcher:
        """The matcher with the ambiguous names and place evidence of the data files under `root`,
        and the month names of `lexicon` (the shipped Lexicon unless given)."""
        listed = read_rows(root / "ambiguous_places.tsv")
        rows = read_rows(root / "place_evidence.tsv")
        evidence = [row for row in rows if row["kind"] in EVIDENCE_KINDS]
        matcher = cls(index,
                   frozenset(row["form"] for row in listed if row.get("evidence", "any") == "any"),
                   frozenset(normalize(row["form"]) for row in evidence),
                   frozenset(row["form"] for row in listed if row.get("evidence") == "word"),
                   frozenset(normalize(row["form"]) for row in evidence if row["kind"] in PLACE_WORD_KINDS),
                   frozenset(row["form"] for row in listed if row.get("evidence") == "glued"),
                   lexicon)
        matcher.state_letters = frozenset(normalize(row["form"]) for row in rows if row["kind"] == "state")
        matcher.visit_words = frozenset(normalize(row["form"]) for row in rows if row["kind"] == "visit")
        matcher.scene_words = frozenset(normalize(row["form"]) for row in rows if row["kind"] == "scene")
        matcher.part_words = frozenset(normalize(row["form"]) for row in rows if row["kind"] == "part")
        matcher.town_words = frozenset(normalize(row["form"]) for row in rows if row["kind"] == "town")
        matcher.compound_heads = frozenset(normalize(row["form"]) for row in rows if row["kind"] == "head")
        matcher.verb_particles = frozenset(normalize(row["form"]) for row in rows if row["kind"] == "verb")
        matcher.countryside_words, matcher.sides = (
            frozenset(normalize(row["form"]) for row in rows if row["kind"] == kind) for kind in ("countryside", "side"))
        return matcher

    def find(self, doc: Doc, positions: list[int],
             read_as_place: frozenset[tuple[int, int]] = frozenset(),
             countries: frozenset[str] = frozenset()) -> list[Hit[tuple[Place, ...]]]:
        """The place names of a Doc. `read_as_place`: the token spans the NER model reads as
        places, where a common noun's place name needs no word of place (وصل إلى العقبة). The
        merely ambiguous names get no such help: on them the model's places are mostly its
        errors (بولتن، تاريخا), which the gazetteer would then put on the map. `countries`: the
        countries the text names otherwise, which let a preposition place the common nouns of
        `counted_nouns` there."""
        hits = find_phrases(doc, self.confident, self.max_words, positions, morphology=self.morphology)
        hits = [hit for hit in hits if (not self._descriptive(doc, hit)
                or any(place.country in countries for place in hit.payload)) and not self._after_verb_particle(doc, hit)
                and not self._after_glued_like(doc, hit)]
        return [hit for hit in hits if self._evidence(doc, hit, countries) and not self._glued_word(doc, hit)
                or (hit.payload in self.needs_place_word or self._glued_word(doc, hit))
                and (hit.start, hit.end) in read_as_place]

    def _after_verb_particle(self, doc: Doc, hit: Hit) -> bool:
        """Whether a name stands right after a particle that only a verb follows (قد تدمر "may
        destroy", لم تدمر): the verb it also spells."""
        return hit.start > 0 and hit.char_start == doc[hit.start].idx and doc[hit.start - 1].norm_ in self.verb_particles

    def _descriptive(self, doc: Doc, hit: Hit) -> bool:
        """Whether a name is a word for a kind of place with the article and one word after it
        (المحافظة الجنوبية، المنطقة الوسطى): any country's southern governorate or central region,
        which names Bahrain's or Oman's only in a text that names that country; or a province's
        name of a common word and a side (جهة الشرق "the east side" is Morocco's Oriental, الحدود
        الشمالية "the northern borders" Saudi Arabia's Northern Borders), unless its first word
        is a place's own name (القدس الشرقية)."""
        if hit.end - hit.start != 2:
            return False
        first = self.morphology.proclitic_variants(doc[hit.start].norm_)
        if any(form.startswith(self.article) and form[len(self.article):] in self.place_words for form in first):
            return True
        return all(place.kind == "admin1" for place in hit.payload) and self._side(doc[hit.start + 1].norm_) \
            and not any(form in self.index for form in first)

    def _side(self, word: str) -> bool:
        """Whether a word is a side, as an adjective of either gender (الشمالي، الشرقية) or a noun
        (الشرق، الجنوب: the adjective without its nisba)."""
        feminine, nisba = self.morphology.ta_marbuta or "", self.morphology.nisba or ""
        if feminine and word.endswith(feminine):
            word = word[:-len(feminine)]
        return word in self.sides or bool(nisba) and word + nisba in self.sides

    def _counted_word(self, doc: Doc, hit: Hit) -> str:
        """The hit's one word as the gazetteer lists it, clitics off (مشهد of ومشهد or المشهد), or ""."""
        if hit.end - hit.start != 1:
            return ""
        token = doc[hit.start]
        word = normalize(token.text[hit.char_start - token.idx:hit.char_end - token.idx])
        # the matcher reads a name past an article it does not list (المشهد as مشهد)
        bare = word[len(self.article):] if word.startswith(self.article) else word
        return bare if (bare,) in self.confident and (word,) not in self.confident else word

    def _after_glued_like(self, doc: Doc, hit: Hit) -> bool:
        """Whether the name was read after a glued preposition that no name takes alone (ك "like")
        where the word is not "like" the place (كمائن)."""
        token = doc[hit.start]
        glued = normalize(token.text[:hit.char_start - token.idx])
        like = next((i for i, letter in enumerate(glued) if letter in self.unlike_name), None)
        return like is not None and not self._like_a_place(token.norm_[like:])

    def _like_a_place(self, word: str) -> bool:
        """Whether a word that begins with a glued ك is "like" a place: the rest is written alone
        over LIKE_RATIO times as often as the whole (كالبصرة، كعنتاب "such as Basra, Antep"). The
        words that the corpus writes with the ك more often are words of their own: كمائن
        "ambushes" is no ك + Mayen, كسروان no ك + Şirvan, كالين (Kalin) no ك + Allen."""
        return self.word_counts.get(word[1:], 0) > LIKE_RATIO * self.word_counts.get(word, 0)

    def _glued_word(self, doc: Doc, hit: Hit) -> bool:
        """Whether the name was read off a whole word that is something else (بحجة، لغات)."""
        token = doc[hit.start]
        return hit.char_start > token.idx and token.norm_ in self.glued

    def _evidence(self, doc: Doc, hit: Hit, countries: frozenset[str] = frozenset()) -> bool:
        """Whether a name may stand as a place here: always, unless it needs a word of place
        right before it (or, in a text that names its country, any word of place), or (if
        merely ambiguous) a preposition glued to it with its article."""
        word = self._counted_word(doc, hit)
        before = doc[hit.start - 1].norm_ if hit.start > 0 and hit.char_start == doc[hit.start].idx else ""
        if hit.payload in self.needs_place_word:
            return before in self.place_words
        if word in self.counted_nouns:
            # the text's naming the country, the administrative parent, lets في place it too
            return before in (self.evidence if any(p.country in countries for p in hit.payload) else self.place_words)
        if hit.payload not in self.needs_evidence and word not in self.adjectives:
            return True
        if self.glued_to_article(doc, hit):
            return True
        return hit.char_start == doc[hit.start].idx and hit.start > 0 and self.is_evidence(doc[hit.start - 1].norm_)

    def is_evidence(self, word: str) -> bool:
        """Whether a word before a name shows it is a place, with a glued و or ف too (وفي، ففي)."""
        return word in self.evidence or word[:1] in self.morphology.conjunctions and word[1:] in self.evidence

    def glued_to_article(self, doc: Doc, hit: Hit) -> bool:
        """Whether a preposition is glued to the name's article (بالقائم، بالغردقة), which shows a
        place as a common word's mention seldom shows it."""
        token = doc[hit.start]
        glued = token.text[:hit.char_start - token.idx]
        return bool(glued) and glued[-1] in self.name_prepositions and token.norm_.startswith(self.article, len(glued))

    def lookup(self, surface: str) -> list[Place]:
        """Any place a surface form may name, villages included (for the NER model's places);
        none for a word after a glued ك that is not "like" a place (see _like_a_place)."""
        words = normalize(surface).split()
        if words and words[0][:1] in self.unlike_name and " ".join(words) not in self.index \
                and not self._like_a_place(words[0]):
            return []  # كمائن, but كريات شمونة (a name of its own) and كالبصرة
        return self.index.lookup(surface)

    def resolve(self, candidates, context_countries: set[str]) -> Place | None:
        return self.index.resolve(candidates, context_countries)

    def country(self, code: str) -> Place | None:
        return self.countries.get(code)

    @staticmethod
    def geo(place: Place | None) -> Geo | None:
        if place is None or place.lat is None:
            return None
        geonames = int(place.geonames) if place.geonames and place.geonames.isdigit() else None
        return Geo(place.lat, place.lon, geonames)
