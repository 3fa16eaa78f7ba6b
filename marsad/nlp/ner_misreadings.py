"""Where the entity linker drops a span the NER model read: a common word, a kind of place, a
description or a place word that nothing in the text shows to be a place."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from marsad.nlp.basics import HASHTAG, next_word
from marsad.nlp.clusters import MentionMap
from marsad.nlp.phrases import QUOTE_MARKS
from marsad.nlp.place_decisions import place_tokens
from marsad.text.normalize import ALEF_MAQSURA, last_letter

# A one-word name the NER model reads that ends in the tanwin alef is a common word where the
# word without it is written this often, and over ACCUSATIVE_RATIO times as often (as places.py
# does for the gazetteer's towns: صبيا، تاريخا).
ACCUSATIVE_MIN_COUNT = 10
ACCUSATIVE_RATIO = 2
# A one-word name the NER model reads is a common word where the corpus writes it with the
# article this many times and at least this share of the times it writes it bare (تسجيلات 58,
# التسجيلات 45: "recordings"); a name seldom takes the article (حرستا 59, الحرستا never).
ARTICLE_MIN_COUNT = 5
ARTICLE_SHARE = 0.5
# A one-word place the NER model reads with the article is a common noun where the corpus writes it
# bare this often and at least this share of the times it writes it with the article (ريف 359,
# الريف 83; حنين 12, الحنين under 5): a name with the article is seldom written bare (التحيتا 215,
# تحيتا never).
BARE_NOUN_MIN_COUNT = 10
BARE_NOUN_SHARE = 0.4
# A one-word person the NER model reads with the article and the nisba ending is an adjective where
# the corpus writes its feminine this often and at least this share of the masculine's count
# (الكيماوية 276 beside الكيماوي 246, النووية 330 beside النووي 1,173; الحريرية never beside الحريري 278).
FEMININE_MIN_COUNT = 20
FEMININE_SHARE = 0.2
# Every word of a place of several words the NER model reads is written this often in the corpus
# where the phrase is common words (شبه 310, الرسمية 956; a name is seldom: قنديل 35, حمدان 18).
COMMON_PHRASE_WORD = 40
# An imperfect verb the NER model reads as a person's name: its stem without the plural ending is
# written this often (يسيطر 313 beside يسيطرون 84).
VERB_STEM_MIN_COUNT = 20


# The marks of tanwin (fathatan, dammatan, kasratan): a word written with one is an indefinite
# common word (دوماً "always", not Douma), which no name is.
TANWIN_MARKS = frozenset("\u064b\u064c\u064d")


def end_before_tail(doc: Doc, start: int, end: int, ends_name: Callable[[str], bool]) -> int:
    """Where a name read over tokens [start, end) ends: before the run of last words (normalised)
    that `ends_name` says no name ends in, keeping one word at least."""
    while end - start >= 2 and ends_name(doc[end - 1].norm_):
        end -= 1
    return end


class NerMisreadings:
    """The EntityLinker's checks of the NER model's spans; they read the linker's lexicon,
    places, place context and clitic variants."""

    def _unplaced_words(self, doc: Doc, found: list[tuple[int, int, str]], mentions: MentionMap) -> set[tuple[int, int]]:
        """The NER model's one-word places that nothing around them shows to be places: no word
        of place before, no glued preposition, no country's adjective after, no list of places,
        nowhere in the text (a name the text places once is a place at each mention: سقوط عفرين
        after في عفرين), or that are a noun with its owner's pronoun (في بيانه "in his
        statement"). On these the model mostly errs: a verb (تشن), a noun (ذريعة), a person's
        family name (خديجة آزرو). A word of the lexicon's (a trigger, a cue, a speech verb, a stop
        word: في كمين "in an ambush", الحديدة وتستعد "and it prepares") is none however placed,
        unless a word for a kind of place comes right before it."""
        context = self.place_context
        if context is None:
            return set()
        places = place_tokens(mentions) | frozenset(i for s, e, label in found if label == "LOC" for i in range(s, e))
        words = [(s, e) for s, e, label in found if label == "LOC" and e - s == 1 and not mentions.covers(s, e)]
        placed_words = set()
        for start, end in words:
            if context.evidenced(doc, start, end, places):
                placed_words.update(self.proclitic_variants(doc[start].norm_))
        unplaced = {(start, end) for start, end in words
                    if context.owned_noun(doc[start].norm_, doc[start].text)
                    or not placed_words & set(self.proclitic_variants(doc[start].norm_))
                    or self._lexicon_word(doc, start) or self._construct_or_verb(doc, start)}
        return unplaced | {(start, end) for start, end, label in found
                           if label == "LOC" and end - start >= 2 and not mentions.covers(start, end)
                           and self._unknown_phrase(doc, start, end) and not context.evidenced(doc, start, end, places)}

    def _construct_or_verb(self, doc: Doc, i: int) -> bool:
        """Whether the NER model's one-word place is an imperfect verb (Lexicon.imperfect_verb) or a noun
        without the article annexed to a definite noun after it (ميزان القوى "the balance of power",
        وجدان الأرمن "the Armenians' conscience"): a place's own name heads no such construct; what
        follows a town's name with the article is its adjective (عربين السورية), a side or the place
        it lies in."""
        word, article = doc[i].norm_, self.morphology.article
        if self.lexicon.imperfect_verb(word):
            return True
        after = next_word(doc, i + 1, 1)
        if word.startswith(article) or after >= len(doc) or not doc[after].is_alpha \
                or self._word_before_in(doc, i, self.places.place_words):
            return False  # ولاية بينسيلفانيا الضلوع: a word of place names it; the noun after is the verb's
        owner = doc[after].norm_
        # an adjective ends in the nisba as written (السورية), not in an alef maqsura folded to it (القوى)
        adjective = owner.endswith(self.morphology.nisba_endings) and last_letter(doc[after].text) != ALEF_MAQSURA
        return owner.startswith(article) and not adjective and owner not in self.places.sides \
            and not self.places.lookup(doc[after].text)

    def _unknown_phrase(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the NER model's place of several words is one no gazetteer lists, headed by a word
        that is no word for a kind of place (ركيزة الأمن "the pillar of security", شبه غائب "nearly
        absent", a person's name after a comma): such a phrase needs the words around it to show a
        place, as a one-word place does."""
        word = doc[start].norm_
        head = set(self.proclitic_variants(word))
        if word[:1] in self.morphology.name_conjunctions:
            head.add(word[1:])  # وتل كروم: a short head with a glued و, which the variants keep whole
        article = self.morphology.article
        head |= {form[len(article):] for form in head if form.startswith(article)}  # الخان الأحمر
        facility_words = self.lexicon.facility_words
        kinds = self.places.place_words | self.places.compound_heads | self.places.countryside_words \
            | self.place_context.before_words | facility_words["head"] | facility_words["landform"] \
            | facility_words["building"]
        return not head & kinds and not self.places.lookup(doc[start:end].text)

    def _lexicon_word(self, doc: Doc, i: int) -> bool:
        """Whether a word is one of the lexicon's common words, no word for a kind of place before it."""
        return self.lexicon is not None \
            and any(form in self.lexicon.common_words for form in self.proclitic_variants(doc[i].norm_)) \
            and not self._word_before_in(doc, i, self.places.place_words)

    def _common_word(self, doc: Doc, start: int, end: int, label: str) -> bool:
        """Whether the NER model's one-word person or place is a common word: one written with
        the article at least as often as without it (حرب باردة "a cold war", حاج "a pilgrim"),
        which a name seldom is."""
        if end - start != 1 or label not in ("PERS", "LOC") or self.lexicon is None:
            return False
        counts, article = self.lexicon.word_counts, self.lexicon.morphology.article
        # with or without a glued letter (لنيل "to obtain": نيل, which is النيل where a river)
        return any(counts.get(article + word, 0) >= max(ARTICLE_MIN_COUNT, ARTICLE_SHARE * counts.get(word, 0))
                   for word in self.proclitic_variants(doc[start].norm_) if not word.startswith(article))

    def _nisba_adjective(self, doc: Doc, start: int, end: int, label: str) -> bool:
        """Whether the NER model's one-word person is a relative adjective with the article after a
        noun with the article (الهجوم الكيماوي "the chemical attack"): an adjective the corpus writes
        in the feminine often (الكيماوية), as a family name seldom is (الحريري، المالكي: never)."""
        if end - start != 1 or label != "PERS" or self.lexicon is None or start == 0:
            return False
        morphology, counts = self.morphology, self.lexicon.word_counts
        word, before = doc[start].norm_, doc[start - 1]
        if not (morphology.nisba and morphology.ta_marbuta and word.startswith(morphology.article)
                and word.endswith(morphology.nisba)) or not before.text.startswith(morphology.article) \
                or before.norm_.endswith(morphology.nisba):
            return False  # after a verb (قال الحريري) or after another adjective (الجيش السوري الحر)
        feminine = counts.get(word + morphology.ta_marbuta, 0)
        return feminine >= max(FEMININE_MIN_COUNT, FEMININE_SHARE * counts.get(word, 0))

    def _plural_verb(self, doc: Doc, start: int, end: int, label: str) -> bool:
        """Whether the NER model's one-word person is an imperfect verb with a plural or dual ending
        (في المناطق التي يسيطرون عليها "which they control", بوتين وماكرون يؤيدان، ليبدأوا): the verb
        without the ending is written VERB_STEM_MIN_COUNT times and more often than the whole, as a
        name's letters seldom are (نسرين، ياسين)."""
        if end - start != 1 or label != "PERS" or self.lexicon is None:
            return False
        word, counts = doc[start].norm_, self.lexicon.word_counts
        word = next((form for form in self.proclitic_variants(word)
                     if form[:1] in self.morphology.imperfect_prefixes), "")
        if not word:
            return False
        for ending in self.morphology.plural_endings + self.morphology.verb_endings:
            stem = word[:-len(ending)]
            if word.endswith(ending) and len(stem) >= 3:
                return counts.get(stem, 0) >= max(VERB_STEM_MIN_COUNT, counts.get(word, 0) + 1)
        return False

    def _before_weekday(self, doc: Doc, start: int, end: int) -> int:
        """Where the NER model's name of several words ends before the day of the week it ran on
        into (وأعلنت المنظمة الثلاثاء أن: the organisation, on Tuesday): no name ends in one."""
        if self.lexicon is None:
            return end
        weekdays = self.lexicon.dates.free_weekdays
        return end_before_tail(doc, start, end, lambda word: bool(weekdays & set(self.proclitic_variants(word))))

    def _without_lexicon_accusative(self, doc: Doc, start: int, end: int) -> int:
        """Where the NER model's name of several words ends before a word of the lexicon's in the
        indefinite accusative it ran on into (أمام مجلس المحافظة احتجاجا على "in protest at",
        تنديدا، ردا): no name ends in one (كوريا ends in the alef, and no lexicon word is كوري)."""
        tanwin = self.morphology.tanwin
        if self.lexicon is None or not tanwin:
            return end
        common = self.lexicon.common_words
        return end_before_tail(doc, start, end, lambda word: word.endswith(tanwin)
                               and (word in common or word[:-len(tanwin)] in common))

    def _future_verb(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the NER model's one-word name is an imperfect verb with the future's س (الأمر
        سيستغرق "it will take"): the verb without it is written VERB_STEM_MIN_COUNT times and more
        often than the whole, as a name's letters seldom are (سيرغي: يرغي never)."""
        if end - start != 1 or self.lexicon is None:
            return False
        word, counts = doc[start].norm_, self.lexicon.word_counts
        future = self.lexicon.word_class("future_prefix")
        return word[:2] in future and len(word) >= 5 \
            and counts.get(word[1:], 0) >= max(VERB_STEM_MIN_COUNT, counts.get(word, 0) + 1)

    def _kind_or_accusative(self, doc: Doc, start: int, end: int, label: str) -> bool:
        """Whether the NER model's one-word place or person is a word for a kind of place (ريف of
        ريف درعا) or a locative noun (محيط) or a common word in the indefinite accusative (هجوما بريا شاملا: شامل is written
        far more often), which no name is."""
        if end - start != 1 or label not in ("PERS", "LOC") or self.lexicon is None:
            return False
        forms = self.proclitic_variants(doc[start].norm_)
        if label == "LOC" and any(form in self.places.place_words or form in self.lexicon.word_class("locative")
                                  for form in forms):
            return True  # ريف of ريف درعا, محيط "around"
        word, tanwin, counts = doc[start].norm_, self.lexicon.morphology.tanwin, self.lexicon.word_counts
        if not tanwin or not word.endswith(tanwin):
            return False
        bare = counts.get(word[:-len(tanwin)], 0)
        return bare >= ACCUSATIVE_MIN_COUNT and bare > ACCUSATIVE_RATIO * counts.get(word, 0)

    def _unplaced_noun(self, doc: Doc, start: int, end: int, label: str) -> bool:
        """Whether the NER model's one-word place is a noun with the article that the gazetteer
        does not list as written, with no word of place before it (المشهد السياسي "the political
        scene", not Mashhad; منطقة الغدير and في التواهي keep theirs). Where the word counts show
        a common noun, its bare form written as often (الريف: ريف، الحنين: حنين، المدينة), only a
        word for a kind of place before it shows a place (منطقة الريف، حي الزيتون): في الريف
        الشرقي is "in the eastern countryside", إلى الحنين "to nostalgia"."""
        if end - start != 1 or label != "LOC" or self.lexicon is None:
            return False
        article, counts = self.lexicon.morphology.article, self.lexicon.word_counts
        # the article after a glued letter too (للمتزوجات، بالمنطقة)
        forms = [form for form in self.proclitic_variants(doc[start].norm_) if form.startswith(article)]
        common = any(counts.get(form[len(article):], 0) >= max(BARE_NOUN_MIN_COUNT, BARE_NOUN_SHARE * counts.get(form, 0))
                     for form in forms)
        # a village's name keeps it, unless the word is a common noun (في المشهد المصري: a hamlet
        # called المشهد is no reason to read "the Egyptian scene" as a place)
        if not forms or any((form,) in self.places.confident if common else self.places.index.get(form)
                            for form in forms):
            return False
        before = next_word(doc, start - 1, -1)
        return before < 0 or doc[before].norm_ not in (self.places.place_words if common else self.places.evidence)

    def _article_alone(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the span holds no letter but the article's (منطقة الـ"50"، الـ"كيلو 16": the
        model's place is the article before a number or a quoted name)."""
        letters = "".join(ch for i in range(start, end) for ch in doc[i].norm_ if ch.isalpha())
        return letters == self.morphology.article

    def _currency(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the NER model's name is a currency, alone or with its nationality (تدهور الريال
        "the rial's fall", الليرة التركية): no body, person or place. A club named after one keeps
        its city (ريال مدريد)."""
        if self.lexicon is None or self.place_context is None:
            return False
        article = self.morphology.article
        forms = self.proclitic_variants(doc[start].norm_)
        if not any((form[len(article):] if form.startswith(article) else form) in self.lexicon.currency_words
                   for form in forms):
            return False
        return all(doc[i].norm_ in self.place_context.demonyms for i in range(start + 1, end))

    @staticmethod
    def _inside_date(doc: Doc, start: int, end: int) -> bool:
        """Whether the span lies inside a longer date the dates stage read (في الفاتح من سبتمبر "on the
        first of September"): a word of the date, no name. A name as long as the date stays (رمضان
        is a month and a given name)."""
        first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        return any(date.start <= first and last <= date.end and date.end - date.start > last - first
                   for date in doc._.dates or ())

    @staticmethod
    def _written_with_tanwin(doc: Doc, start: int, end: int) -> bool:
        """Whether a word of the span is written with a mark of tanwin (دوماً "always"): no name is."""
        return any(TANWIN_MARKS & set(doc[i].text) for i in range(start, end))

    def _place_phrase_end(self, doc: Doc, start: int, end: int) -> int:
        """Where the NER model's place of several words ends: before a later word that carries a
        glued preposition (كمين للمقاومة "an ambush by the resistance") or, after a first word
        with the article, before an indefinite word (المدينة هادئة "the city is calm"): a place's
        name of several words agrees in definiteness and holds no preposition. A name the
        gazetteer lists whole keeps its words (بيت لحم); what is left stands only where the
        gazetteer lists it (the caller's check)."""
        if end - start < 2 or self.lexicon is None or self.places.lookup(doc[start:end].text):
            return end
        article, prepositions = self.morphology.article, self.morphology.name_prepositions
        definite = any(form.startswith(article) for form in self.proclitic_variants(doc[start].norm_))
        for i in range(start + 1, end):
            word = doc[i].norm_
            if not doc[i].is_alpha:
                continue
            contraction, counts = self.morphology.contraction, self.lexicon.word_counts  # لل = ل + ال
            # the rest written more often than the whole (بأمن: أمن), not a rare name's letter (بطرسبرغ)
            glued = word[:1] in prepositions and (
                self._name_clitic_letters(word) >= 1 or word.startswith(contraction)
                and counts.get(article + word[len(contraction):], 0) > counts.get(word, 0))
            indefinite = definite and not any(form.startswith(article) for form in self.proclitic_variants(word))
            if glued or indefinite:
                return i
        return end

    def _spelled_acronym(self, doc: Doc, start: int, end: int, label: str) -> bool:
        """Whether the NER model's person of two words or more is Latin letters spelled out (بي سي
        of إم بي سي، إن بي سي): an outlet's acronym, never a person's name."""
        if label != "PERS" or end - start < 2 or self.lexicon is None:
            return False
        letters = self.lexicon.name_words["letter_name"]
        return all(doc[i].norm_ in letters or not doc[i].is_alpha for i in range(start, end))

    def _site_named_after_person(self, doc: Doc, start: int, end: int, label: str) -> bool:
        """Whether the NER model's person is the name of a site after the word for its kind
        (وادي أحمد، شارع محمد علي، مدرسة خالد بن الوليد, data/actors/name_words.tsv): a place named
        after someone, not the person. Not after every facility word: سجن نزار is also "Nizar's
        imprisonment"."""
        if label != "PERS" or self.lexicon is None:
            return False
        return self._word_before_in(doc, start, self.lexicon.name_words["site_head"])

    def _vessel_name(self, doc: Doc, start: int) -> bool:
        """Whether the NER model's name follows the word for a ship (السفينة التونسية «أوليس»،
        المدمرة الأمريكية "يو أس أس دونالد كوك"), quote marks and one nationality adjective
        between: the vessel's name, which names no person, body or place."""
        return self._named_by_head(doc, start, "vessel_head")

    def _operation_name(self, doc: Doc, start: int, end: int, label: str) -> bool:
        """Whether the NER model's person or body follows the word for a military operation or
        battle (عملية غصن الزيتون، عملية "النصر الذهبي") and is no actor the knowledge base knows:
        the operation's name. A place there is where the battle is (معركة الحديدة), and a known
        body, or one whose name a body's head word opens, is one side of it (معركة مجلس الأمن)."""
        if label not in ("PERS", "ORG") or not self._named_by_head(doc, start, "operation_head"):
            return False
        if label == "ORG" and any(form in self.lexicon.name_words["body_head"]
                                  for form in self.proclitic_variants(doc[start].norm_)):
            return False
        return self.fuzzy.match(doc[start:end].text, {"PERS": "PERSON", "ORG": "ORG"}[label]) is None

    def _named_by_head(self, doc: Doc, start: int, kind: str) -> bool:
        """Whether the word before token `start` (quote marks, a hashtag's mark and one nationality
        adjective aside) is, clitics and article aside, a head word of `kind` in name_words.tsv."""
        if self.lexicon is None or self.place_context is None:
            return False
        article, heads = self.lexicon.morphology.article, self.lexicon.name_words[kind]
        i = start - 1
        while i >= 0 and (doc[i].is_space or doc[i].text in QUOTE_MARKS or doc[i].text == HASHTAG):
            i -= 1
        if i >= 0 and doc[i].norm_ in self.place_context.demonyms:
            i = next_word(doc, i - 1, -1)
        if i < 0:
            return False
        forms = self.proclitic_variants(doc[i].norm_)
        return any(form in heads or form.startswith(article) and form[len(article):] in heads for form in forms)

    def _common_phrase(self, doc: Doc, start: int, end: int, label: str) -> bool:
        """Whether the NER model's place of several words is a phrase of common words headed by a
        noun without the article that is no word of place nor the head of a place's name (تل رفعت)
        (شبه الرسمية "semi-official", على لسان الطبيب "in the doctor's words", أم المعارك, مديريات
        الأمن), none of them a place's name."""
        if end - start < 2 or label != "LOC" or self.lexicon is None:
            return False
        article, counts = self.lexicon.morphology.article, self.lexicon.word_counts
        head = self.proclitic_variants(doc[start].norm_)
        if any(form.startswith(article) or form in self.places.place_words or form in self.places.evidence
               or form in self.places.compound_heads or form in self.lexicon.word_class("locative")
               for form in head):
            return False
        for i in range(start, end):
            forms = self.proclitic_variants(doc[i].norm_)
            if any(self.places.index.get(form) for form in forms) \
                    or max(counts.get(form, 0) for form in forms) < COMMON_PHRASE_WORD:
                return False
        return True

    def _indefinite_description(self, doc: Doc, start: int, end: int, label: str) -> bool:
        """Whether the NER model's organisation or place is an indefinite noun and a nationality or
        relative adjective (ميليشيات كردية "Kurdish militias", اتحاد أوروبي "a European union",
        شبه يومية "near daily"): a description, not a name, which is definite in Arabic (الاتحاد
        الأوروبي)."""
        if label not in ("ORG", "LOC") or end - start < 2 or self.lexicon is None:
            return False
        article = self.lexicon.morphology.article
        if any(form.startswith(article) for i in range(start, end) for form in self.proclitic_variants(doc[i].norm_)):
            return False
        last, nisba, feminine = doc[end - 1].norm_, self.morphology.nisba, self.morphology.ta_marbuta
        return bool(nisba) and len(last) >= 4 and last.isalpha() \
            and (last.endswith(nisba) or bool(feminine) and last.endswith(nisba + feminine))
