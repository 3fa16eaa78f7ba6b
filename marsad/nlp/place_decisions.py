"""Place decisions of the entity linker: whether a capital stands for its state, a town matched
alone is one, and a seat of government is a building or its office."""
from __future__ import annotations

import math
from bisect import bisect_left
from functools import cached_property

from spacy.tokens import Doc

from marsad.kb.actors import Surface
from marsad.nlp.basics import next_word, text_of, token_table
from marsad.nlp.clusters import Cluster, MentionMap
from marsad.nlp.facilities import glued_letters
from marsad.nlp.phrases import Hit, clitic_chars
from marsad.text.normalize import ends_with_ta_marbuta, normalize

PLACE_KEY = "place:"  # the key of a cluster the gazetteer made
# A town matched on its own in an article that names nothing of its country needs a word of
# place before it below this population (a capital or a metropolis is named alone).
STRAY_TOWN_MAX_POPULATION = 1_000_000
TOWN_KINDS = frozenset({"city", "admin2"})
# A town of a country the text does not name, in a text of other countries' places, is a local
# namesake the gazetteer lacks below this population (قرية الصرمان in Idlib is not Libya's Surman; a
# city this large is named as itself) where it lies this far from every place the text names
# (nearer, a story may cross the border to it: عفرين in a story of Turkey).
LOCAL_NAMESAKE_MAX_POPULATION = 100_000
NAMESAKE_DISTANCE_KM = 800
# A town whose one-word name the corpus writes this often is one the news names (بنغازي 60, إدلب
# 757): a preposition before it places it in a text that names nothing else of its country.
NEWS_PLACE_COUNT = 50
# A town's name with the article is a common noun where the corpus writes it bare this often and at
# least this share of the times it writes it with the article (طبقة 16, الطبقة 30; القدس, never bare).
COMMON_NOUN_MIN_COUNT = 5
COMMON_NOUN_SHARE = 0.5
# A word after a word for an inhabited place (بلدة دوردان) is the place's name where the corpus
# writes it fewer times than this (كفريا 25, الفوعة 23), as facilities.RARE_NAME_COUNT; an
# adjective or a common noun is written far more (الحدودية 230, صغيرة 166).
RARE_TOWN_NAME_COUNT = 100
# A past verb of the feminine with its object pronoun (وصفته) is told from a noun in ة with its owner
# (زيارته) by what is left without the pronoun: a word ant2018 writes alone this often (وصفت 93, وجهت
# 147; زيارت never), as CONJUNCTION_REST_MIN_COUNT in settings.
VERB_ALONE_MIN_COUNT = 20
# A word after و with the plural past verb's ending (وشارفوا) is that verb where this many letters are
# left for its stem: a village's name seldom ends so, and a foreign town that does (أوتاوا) is in the gazetteer.
MIN_VERB_STEM = 3
# Words that may stand between a verb of going and its preposition (وصل الرئيس الفرنسي إلى): the subject.
GOING_SUBJECT_WORDS = 3


class PlaceDecisions:
    """The EntityLinker's rules for places and states; they read the linker's knowledge base,
    places, lexicon, roles, morphology, place context, seats and stop words."""

    def _merge_kind_named_places(self, clusters: dict[str, Cluster]) -> None:
        """A gazetteer place named by a word of kind `part` and another place of the text by the
        rest of its name (قطاع غزة beside غزة) is that place: news writes the one for the other, and
        an analyst wants one Gaza. In the same country the two are one under the shorter name; in
        another, the shorter was read as a namesake, and the one the text named with its kind
        stands (محافظة الجوف in Yemen: الجوف after it is not Saudi Arabia's)."""
        places = {(c.name, c.country): c for c in clusters.values() if c.key.startswith(PLACE_KEY)}
        for key, cluster in list(clusters.items()):
            head, _, rest = cluster.name.partition(" ")
            if key not in clusters or not key.startswith(PLACE_KEY) or normalize(head) not in self.places.part_words:
                continue
            other = places.get((rest, cluster.country))
            if other is not None and other is not cluster:
                _merge_into(other, cluster)
                del clusters[key]
                continue
            for namesake in [c for (name, _), c in places.items() if name == rest and c.key in clusters]:
                _merge_into(cluster, namesake)
                del clusters[namesake.key]

    def _towns_after_town_words(self, doc: Doc, positions: tuple[int, ...], clusters: dict[str, Cluster],
                                mentions: MentionMap) -> None:
        """A word the corpus seldom writes right after a word for an inhabited place without the
        article (بلدة دوردان، مديرية المصلوب، بلدتي الفوعة وكفريا) is that place's own name where
        no gazetteer place or model's name covers it: the villages and suburbs of the news are
        more than any gazetteer lists. (البلدة المجاورة describes a town; it names none.)"""
        if self.lexicon is None:
            return
        text = text_of(doc)
        conjunctions = self.morphology.name_conjunctions
        long_pronouns = tuple(p for p in self.morphology.possessives if len(p) > 1)
        towns = self.places.town_words
        endings = tuple(towns)
        norms, counts = token_table(doc).norm, self.lexicon.word_counts
        for k, i in enumerate(positions[:-1]):
            norm = norms[i]
            if not norm.endswith(endings) or not any(form in towns for form in self.proclitic_variants(norm)):
                continue
            found, known, dual = [], 0, self._dual(norm)
            p = k + 1
            while len(found) + known < 2 and p < len(positions):
                j, n = positions[p], len(found) + known
                word, skip = doc[j].norm_, 0
                if n == 0 and word[:1] in conjunctions and (word[1:].startswith(self.morphology.article) or
                                                             counts.get(word[1:], 0) >= max(counts.get(word, 0), 1)):
                    break  # مديرية والالتحام، مدينة ووادي حرض: و joins another noun to the town word
                if n == 0 and self._preposition_and_article(word):
                    break  # مدينة للعيش "a city to live in": no town's name takes a preposition
                if n == 1:  # a second name joined by و (بلدتي الفوعة وكفريا), not the first's own
                    # port or side (مدينة الحديدة ومينائها، جهتنا): a pronoun of more than one letter
                    if word[:1] not in conjunctions or word.endswith(long_pronouns) or self._verb_after_and(word):
                        break
                    word, skip = word[1:], 1
                if mentions.covers(j, j + 1):
                    placed = mentions.by_token.get(j)
                    if placed is not None and placed.cluster.type in ("GPE", "LOC"):
                        known, p = known + 1, bisect_left(positions, placed.end)
                        continue  # بلدتي الزيتونة وكفرنبل: the first town known, the second may not be
                    break
                end = j + 1
                if self._compound_head(doc, j):  # قرية عين الفيجة، وبئر العورة: a name of two words
                    second = next_word(doc, j + 1, 1)
                    if mentions.covers(second, second + 1) or not self._second_word_of_name(doc[second].norm_):
                        break
                    end, word = second + 1, word + " " + doc[second].norm_
                elif not self._rare_town_name(word, doc[j].text[skip:]) \
                        and not (n == 1 and dual and self._second_word_of_name(word)):
                    break  # a dual's second name may be a word too (قريتي عقيبه وزيارة)
                found.append((j, end, skip, word))
                p = bisect_left(positions, end)
            # a dual (بلدتي الفوعة وكفريا) names two: one word after it is "my town"'s (بلدتي تبعد "my town is far")
            if known + len(found) < 2 and dual:
                continue
            for j, end, skip, word in found:
                start = doc[j].idx + skip
                name = text[start:doc[end - 1].idx + len(doc[end - 1].text)]
                cluster = clusters.get(f"loc:{word}")
                if cluster is None:
                    cluster = clusters[f"loc:{word}"] = Cluster(f"loc:{word}", "LOC", name)
                    self._locate(cluster, name, clusters, below_province=True)
                cluster.add(start, start + len(name), name)
                cluster.tokens.append((j, end))
                mentions.add(j, end, cluster, "name", clitic=skip > 0)

    def _preposition_and_article(self, word: str) -> bool:
        """Whether a word begins with a glued preposition and the article (للعيش، بالمدينة)."""
        morphology = self.morphology
        return word.startswith(morphology.contraction) \
            or word[:1] in morphology.prepositions and word[1:].startswith(morphology.article)

    def _verb_after_and(self, word: str) -> bool:
        """Whether a word after a town's name that begins with و is a common word of its own, written
        often and more often than without its و (مدينة كومانو وقعت "happened"), not و + a second name
        (الفوعة وكفريا: وكفريا 28, كفريا 25, both seldom), or a plural past verb however seldom written
        (مدينة عفرين وشارفوا على دخولها "and they came close to entering it")."""
        counts = self.lexicon.word_counts
        plural = self.morphology.verb_plural
        if plural and word.endswith(plural) and len(word) - 1 - len(plural) >= MIN_VERB_STEM:
            return True
        return counts.get(word, 0) >= RARE_TOWN_NAME_COUNT and counts.get(word, 0) > counts.get(word[1:], 0)

    def _countrysides(self, doc: Doc, positions: tuple[int, ...], clusters: dict[str, Cluster],
                      mentions: MentionMap) -> None:
        """The countryside of a place (ريف حلب الجنوبي، بريف القنيطرة) is a region of its own, named
        by the word for it, the place and the side that follows; the place inside keeps its mention.
        A countryside the gazetteer lists whole (ريف دمشق, a governorate) is its place already."""
        text = text_of(doc)
        for k, i in enumerate(positions[:-1]):
            placed = mentions.by_start.get(positions[k + 1])  # a place after the word first: most have none
            if placed is None or placed.cluster.type != "GPE" or placed.kind != "name" or placed.clitic \
                    or mentions.covers(i, i + 1):
                continue
            word = doc[i].norm_
            variant = next((form for form in self.proclitic_variants(word)
                            if form in self.places.countryside_words), None)
            if variant is None:
                continue
            end = placed.end
            while end < len(doc) and end - placed.end < 2 and doc[end].norm_ in self.places.sides:
                end += 1  # ريف حلب الشمالي الغربي
            start_char = doc[i].idx + clitic_chars(doc[i].text, glued_letters(word, variant, self.morphology))
            name = text[start_char:doc[end - 1].idx + len(doc[end - 1].text)]
            key = f"loc:{normalize(name)}"
            cluster = clusters.get(key) or clusters.setdefault(key, Cluster(
                key, "LOC", name, country=placed.cluster.country))
            cluster.add(start_char, start_char + len(name), name)
            cluster.tokens.append((i, end))
            mentions.add(i, i + 1, cluster, "name")  # the place's own tokens stay its mention's

    def _compound_head(self, doc: Doc, i: int) -> bool:
        """Whether token i, clitics aside, is a word that begins a place's name of two words (كفر
        of كفر حلب، خان of خان شيخون), with a word after it."""
        after = next_word(doc, i + 1, 1)
        return after < len(doc) and doc[after].is_alpha \
            and self._word_in(doc, i, self.places.compound_heads)

    def _in_compound_name(self, doc: Doc, start: int, found: list[tuple[int, int, str]]) -> bool:
        """Whether a gazetteer's one-word place is a word of a place's name of two: its head before a
        word that may be a name's (دير of دير حافر, دير المحرق: Dayr, Iran), or the word after a head
        (حلب of بلدة كفر حلب) where a word for an inhabited place comes before the head or the NER
        model reads a place at the head."""
        if self._compound_head(doc, start):
            return self._second_word_of_name(doc[next_word(doc, start + 1, 1)].norm_)
        head = next_word(doc, start - 1, -1)
        if head < 0 or not self._compound_head(doc, head):
            return False
        if any(label == "LOC" and s <= head < e for s, e, label in found):
            return True
        return self._word_before_in(doc, head, self.places.town_words)

    def _place_after_town_word(self, doc: Doc, start: int, end: int, label: str) -> bool:
        """Whether the NER model's organisation of two words is a word for an inhabited place or a
        front and a place's name (جبهة صبرين، جبهة العقبة): the place, which the town words' rule
        reads, and no body (a body named so is the knowledge base's: جبهة البوليساريو)."""
        if label != "ORG" or end - start != 2 or self.lexicon is None or not doc[start + 1].is_alpha:
            return False
        if not self._word_in(doc, start, self.places.town_words):
            return False
        word = doc[start + 1].norm_
        return bool(self.places.lookup(doc[start + 1].text)) or self._rare_town_name(word, doc[start + 1].text)

    def _placed_town_name(self, doc: Doc, hit: Hit | None) -> bool:
        """Whether a gazetteer name of several words has a preposition of place or a word for a
        place right before it: a town's whole name, whatever a reading as a person's says."""
        return hit is not None and hit.end - hit.start >= 2 \
            and (self._town_placed(doc, hit) or self._place_word_before(doc, hit.start))

    def _dual(self, word: str) -> bool:
        """Whether a word for an inhabited place is the dual before its names (بلدتي، قريتي: the
        singular's ة opened before the dual's ي), which is also the singular with "my"; never where
        the Lexicon's clitics file spells no open ta or nisba."""
        morphology = self.morphology
        if not (morphology.open_ta and morphology.nisba and morphology.ta_marbuta):
            return False
        ending = morphology.open_ta + morphology.nisba
        return word.endswith(ending) and any(
            normalize(form[:-len(ending)] + morphology.ta_marbuta) in self.places.town_words
            for form in self.proclitic_variants(word))

    def _second_word_of_name(self, word: str) -> bool:
        """Whether a word may be the second of a place's name of two (شيخون of خان شيخون، حلب of
        كفر حلب): no word of place, preposition or word of the lexicon's."""
        return not any(form in self.places.evidence or form in self.lexicon.common_words
                       for form in self.proclitic_variants(word))

    def _rare_town_name(self, word: str, written: str) -> bool:
        """Whether a word (normalised, and as written) may be a place's own name: letters only,
        written seldom with or without a glued letter, no word of place, no noun with its owner's
        pronoun and no word of the lexicon's (مدينة الحديدة وتستعد: a verb), with the article at
        least as often as without it where it has it (الفوعة; not المرور, a directorate's), and
        without it no ة of an indefinite adjective (بلدة مجاورة)."""
        counts, article = self.lexicon.word_counts, self.morphology.article
        variants = self.proclitic_variants(word)
        if not written.isalpha() or len(word) < 3 \
                or any(counts.get(form, 0) >= RARE_TOWN_NAME_COUNT or form in self.places.evidence
                       or form in self.lexicon.common_words for form in variants) \
                or self.place_context is not None and self.place_context.owned_noun(word, written):
            return False  # مخيم للنازحين، مدينة وميناء الحديدة، مدينة الجاح وتأمينها: no names
        if word.startswith(article):
            return counts.get(word[len(article):], 0) <= counts.get(word, 0)
        return not ends_with_ta_marbuta(written) and counts.get(article + word, 0) <= counts.get(word, 0)

    def _type_seats(self, doc: Doc, clusters: dict[str, Cluster]) -> None:
        """A seat of government (البيت الأبيض، الكرملين) stands for the office in it (اتهم الكرملين،
        المتحدث باسم الكرملين، المسؤولين في البيت الأبيض، تعليق من البيت الأبيض، اجتماع في البيت
        الأبيض): an organisation; where a word of going leads to one of its mentions, directly or
        through a preposition (مغادرته البيت الأبيض، وصل إلى البيت الأبيض), it is the building."""
        for cluster in clusters.values():
            if cluster.key in self.seats and cluster.type == "FAC" \
                    and not any(self._gone_to(doc, start) for start, _ in cluster.tokens):
                cluster.type = "ORG"

    def _gone_to(self, doc: Doc, start: int) -> bool:
        """Whether a word of going or leaving comes right before `start` (مغادرته البيت الأبيض), or
        a few words before the preposition there, its subject between (وصل الرئيس الفرنسي إلى)."""
        before = next_word(doc, start - 1, -1)
        if before < 0:
            return False
        if not self._word_in(doc, before, self.places.evidence - self.places.place_words):
            return self._word_in(doc, before, self.places.visit_words)
        for _ in range(GOING_SUBJECT_WORDS + 1):
            before = next_word(doc, before - 1, -1)
            if before < 0 or not doc[before].is_alpha:
                return False
            if self._word_in(doc, before, self.places.visit_words):
                return True
        return False

    def _place_word_before(self, doc: Doc, start: int) -> bool:
        return self._word_before_in(doc, start, self.places.evidence | self.places.visit_words)

    def _word_in(self, doc: Doc, i: int, words: frozenset[str]) -> bool:
        """Whether token i, its glued clitics aside, is one of `words`."""
        return any(form in words for form in self.proclitic_variants(doc[i].norm_))

    def _word_before_in(self, doc: Doc, start: int, words: frozenset[str]) -> bool:
        """Whether the word before `start`, its glued clitics aside, is one of `words`."""
        before = next_word(doc, start - 1, -1)
        return before >= 0 and self._word_in(doc, before, words)

    def _state_hits(self, doc: Doc, kb_hits: list[Hit], year: int | None) -> dict[str, dict[int, int]]:
        """Where the knowledge base names a state (a country, or a capital for its government):
        each such hit's first token that carries a glued و, and each one's last token, with the
        other end of the hit."""
        glued, ends = {}, {}
        for hit in kb_hits:
            surface = self._choose(hit.payload, year)
            if surface.kind in ("name", "metonym") and self.base.actors[surface.actor].type == "GPE":
                ends[hit.end - 1] = hit.start
                if self._glued_and(doc, hit):
                    glued[hit.start] = hit.end
        return {"glued": glued, "ends": ends}

    def _glued_and(self, doc: Doc, hit: Hit) -> bool:
        """Whether a name found in the knowledge base carries a glued conjunction (وموسكو)."""
        token = doc[hit.start]
        return hit.char_start > token.idx and token.text[:1] in self.morphology.name_conjunctions

    def _coordinated_with_state(self, doc: Doc, hit: Hit, states: dict[str, dict[int, int]]) -> bool:
        """A capital joined by و to another state's name (بين واشنطن وموسكو، واشنطن والرياض) stands
        for its government, as the other does, unless a word of place comes before the pair
        (إلى موسكو وباريس: two cities)."""
        after = next_word(doc, hit.end, 1)
        if after in states["glued"]:
            first = hit.start
        else:
            before = next_word(doc, hit.start - 1, -1)
            if before not in states["ends"] or not self._glued_and(doc, hit):
                return False
            first = states["ends"][before]
        previous = next_word(doc, first - 1, -1)
        return previous < 0 or doc[previous].norm_ not in self.places.evidence

    def _coordinated_with_actor(self, doc: Doc, hit: Hit, mentions: MentionMap) -> bool:
        """A capital joined by و to a body's or person's name before it (بين الأكراد ودمشق، الحوثيون
        والرياض) is that actor's counterpart, its government."""
        before = next_word(doc, hit.start - 1, -1)
        actor = mentions.by_token.get(before)
        return self._glued_and(doc, hit) and actor is not None and actor.end == before + 1 \
            and actor.cluster.type in ("ORG", "PERSON")

    def _object_of_a_state(self, doc: Doc, hit: Hit, mentions: MentionMap) -> bool:
        """A capital right after a state or a named person that a statement or stance verb has
        for its subject (تتهم الرياض طهران، اتهمت السعودية طهران، انتقد لافروف واشنطن): the other
        party, a state."""
        before = next_word(doc, hit.start - 1, -1)
        subject = mentions.by_token.get(before)
        if subject is None or subject.end != before + 1:
            return False
        state = subject.cluster.type == "GPE" and subject.kind in ("name", "metonym") \
            and subject.cluster.key in self.base.country_actor.values()
        person = subject.cluster.type == "PERSON" and subject.kind == "name"
        return (state or person) and self.roles.is_metonym_context(doc, subject.start, subject.start)

    def _adjective_not_state(self, doc: Doc, hit: Hit, surface: Surface) -> bool:
        """Whether a state's one-word name is, where it stands, the relative adjective it also
        spells (ربح مالي "a financial gain", not Mali): no word of place before it and no glued
        preposition, as an adjective follows its noun."""
        if hit.end - hit.start != 1 or surface.kind != "name" or self.base.actors[surface.actor].type != "GPE":
            return False
        if normalize(text_of(doc)[hit.char_start:hit.char_end]) not in self.places.adjectives:
            return False
        token = doc[hit.start]
        glued = normalize(token.text[:hit.char_start - token.idx])
        return not set(glued) & self.morphology.name_prepositions and not self._place_word_before(doc, hit.start)

    def _noun_with_its_adjective(self, doc: Doc, start: int, end: int) -> bool:
        """Whether a one-word place name with the article is, where it stands, a common noun
        (written without the article as well) that a relative adjective follows (بالطبقة السياسية "the political class", not al-Tabqa):
        the word after it has the article and ends in the feminine relative ending, and is no
        country's adjective (الرقة السورية) and no direction (الغوطة الشرقية); not after a word of
        place (مدينة الحديدة الساحلية)."""
        morphology = self.morphology
        if morphology.nisba is None or self._place_word_before(doc, start):
            return False  # a Lexicon whose morphology knows no relative ending (a test's)
        nisba = morphology.nisba + (morphology.ta_marbuta or "")
        after = next_word(doc, end, 1)
        if end - start != 1 or after >= len(doc) or not doc[after].is_alpha:
            return False
        counts = self.lexicon.word_counts if self.lexicon is not None else {}
        definite = [form for form in self.proclitic_variants(doc[start].norm_) if form.startswith(morphology.article)]
        # a common noun: written without the article too (طبقة), as a name seldom is (القدس)
        if not any(counts.get(form[len(morphology.article):], 0)
                   >= max(COMMON_NOUN_MIN_COUNT, COMMON_NOUN_SHARE * counts.get(form, 0))
                   for form in definite):
            return False
        word = doc[after].norm_
        if not word.startswith(morphology.article) or not word.endswith(nisba):
            return False
        bare = word[len(morphology.article):]
        masculine = bare[:-len(morphology.ta_marbuta)] if morphology.ta_marbuta else bare
        demonym = any(s.kind == "demonym" for key in ((word,), (bare,), (masculine,))
                      for s in self.base.surfaces.get(key, []))
        return not demonym and masculine not in self.places.evidence and word not in self.places.evidence

    def _stray_town(self, doc: Doc, hit: Hit, place, clusters: dict[str, Cluster], place_hits: dict,
                    read_as_place: frozenset[tuple[int, int]] = frozenset()) -> bool:
        """Whether a town is matched in an article that names nothing else of its country, with
        no word of place before any of its mentions, nor a preposition that the NER model's place
        or the name's frequency in the news confirms: a common word that a foreign town's name
        spells (تولوا "they took over" is Tuluá, بؤر "hotbeds" Bor; من انتبه "who noticed" is
        Entebbe, في قفصه "in its cage" Gafsa, بكوتا "with a quota" Kota), or a person's family name
        (نيلسن … إن نيلسن is no Nelson in a text on Washington). A town named twice does not vouch
        for itself; one mention placed (في أستانا) places the rest."""
        if place.kind not in TOWN_KINDS or not place.country \
                or any(p.population >= STRAY_TOWN_MAX_POPULATION for p in hit.payload):
            return False  # مسقط: the governorate of Muscat is named alone, whatever the city's size
        if place.country in self._countries_besides(hit, place, clusters, place_hits):
            return False
        return not any(self._town_placed(doc, other) and (
            self._news_place(doc, other) or self._word_before_in(doc, other.start, self.places.place_words)
            or _covered(other, read_as_place) or self.places.glued_to_article(doc, other))
            for other in place_hits.values() if other.payload == hit.payload)

    @staticmethod
    def _countries_besides(hit: Hit, place, clusters: dict[str, Cluster], place_hits: dict) -> set[str]:
        """The countries of the text's other entities and place names than a place's own."""
        own = f"{PLACE_KEY}{place.name}:{place.country}"
        countries = {c.country for key, c in clusters.items() if c.country and key != own}
        return countries | {p.country for other in place_hits.values() if other.payload != hit.payload
                            for p in other.payload}

    def _foreign_namesake(self, doc: Doc, hit: Hit, place, clusters: dict[str, Cluster], place_hits: dict) -> bool:
        """Whether a place is a foreign namesake of a local place the gazetteer lacks, in a text that
        names nothing else of its country: a province (admin1) named right after a word for a town
        or a district (مديرية حيران: a district of Hajjah, Yemen, not Somalia's Hiiraan; a province
        is no district), or a small town far from every place the text names (غربي الحسينية in a
        story of Hodeidah: not Egypt's Husseiniya; عفرين in a story of Turkey stays Syria's)."""
        if not place.country or place.country in self._countries_besides(hit, place, clusters, place_hits):
            return False
        if place.kind == "admin1":
            return self._word_before_in(doc, hit.start, self.places.town_words)
        return place.kind in TOWN_KINDS and self._small_and_far(hit.payload, place, clusters)

    def _small_and_far(self, candidates, place, clusters: dict[str, Cluster]) -> bool:
        """Whether every candidate of a name is a town under LOCAL_NAMESAKE_MAX_POPULATION and the
        chosen one lies over NAMESAKE_DISTANCE_KM from each place the text names with coordinates
        (one at least): a village of the story's own land that a small foreign town shares a name
        with, where the story is not near that town."""
        geo = self.places.geo(place)
        located = [c.geo for c in clusters.values() if c.geo is not None and c.country != place.country]
        return geo is not None and bool(located) \
            and all(p.population < LOCAL_NAMESAKE_MAX_POPULATION for p in candidates) \
            and all(_km(geo, other) > NAMESAKE_DISTANCE_KM for other in located)

    def _news_place(self, doc: Doc, hit: Hit) -> bool:
        """Whether a town's name is one the news writes often (إدلب، بنغازي), or of several words,
        which a preposition alone places; a foreign town's spelling that is a rare word (قفصه "its
        cage", سراب "a mirage") needs more."""
        if hit.end - hit.start > 1 or self.lexicon is None or hit.payload in self.places.needs_evidence:
            return True  # (ambiguous_places.tsv's names had their preposition checked: في صور)
        return self.lexicon.word_counts.get(normalize(doc.text[hit.char_start:hit.char_end]), 0) >= NEWS_PLACE_COUNT

    def _town_placed(self, doc: Doc, hit: Hit) -> bool:
        """Whether a town's mention has a glued preposition (بعفرين، للقدس) or a word of place
        before it, a conjunction glued to that word or not (وفي القدس)."""
        token = doc[hit.start]
        glued = normalize(token.text[:hit.char_start - token.idx])
        if set(glued) & self.morphology.name_prepositions \
                or not glued and token.norm_.startswith(self.morphology.contraction):
            return True
        before = next_word(doc, hit.start - 1, -1)
        if before < 0:
            return False
        word = doc[before].norm_
        # with a glued و only place_evidence.tsv's words: وعلي is "and Ali" as often as "and on"
        return word in self._town_evidence \
            or word[:1] in self.morphology.name_conjunctions and word[1:] in self.places.evidence

    def _town_read_as_person(self, doc: Doc, hit: Hit, place, found: list[tuple[int, int, str]],
                             mentions: MentionMap) -> bool:
        """Whether a one-word town is a word the NER model reads as a person's name (بريان هوك،
        وقال جونين) with nothing of place around it: a name that a town's also spells. Where the
        model reads the word as a person's name elsewhere in the text only (وقالت نيلسن … على
        نيلسن), only a word of place right before it, or a glued preposition, keeps it a town."""
        if place.kind not in TOWN_KINDS or hit.end - hit.start != 1 or self.place_context is None:
            return False
        person = any(label == "PERS" and s <= hit.start and hit.end <= e for s, e, label in found)
        if not person:
            word = doc[hit.start].norm_
            # as written, no clitic: the model takes a glued preposition for a name's letter (بحلب);
            # a metropolis is no family name (بازار طهران read as a person's)
            named = place.population < STRAY_TOWN_MAX_POPULATION \
                and any(label == "PERS" and doc[e - 1].norm_ == word for s, e, label in found)
            token = doc[hit.start]
            glued = normalize(token.text[:hit.char_start - token.idx])
            before = next_word(doc, hit.start - 1, -1)
            return named and not set(glued) & self.morphology.name_prepositions \
                and (before < 0 or doc[before].norm_ not in self.places.evidence)
        places = place_tokens(mentions)
        token = doc[hit.start]
        glued = normalize(token.text[:hit.char_start - token.idx])
        return not self.place_context.evidenced(doc, hit.start, hit.end, places,
                                                glued=bool(set(glued) & self.morphology.name_prepositions))

    @cached_property
    def _town_evidence(self) -> frozenset[str]:
        """Words before a town that show it is one: place_evidence.tsv's, and the event coder's
        locative and destination words (غارات على خان يونس، جنوب الخليل)."""
        if self.lexicon is None:
            return frozenset(self.places.evidence)
        return frozenset(self.places.evidence) | self.lexicon.word_class("locative") \
            | self.lexicon.word_class("destination")

    def _currency_adjective(self, doc: Doc, hit: Hit, surface: Surface) -> bool:
        """Whether a nationality adjective names a currency (مليار دولار أميركي), not its country."""
        if surface.kind != "demonym" or self.lexicon is None:
            return False
        return self._word_before_in(doc, hit.start, self.lexicon.currency_words)

    def _language_adjective(self, doc: Doc, hit: Hit, surface: Surface) -> bool:
        """Whether a nationality adjective names a language (باللغة العربية، الناطق بالألمانية), not
        its country."""
        if surface.kind != "demonym" or self.lexicon is None:
            return False
        return self._word_before_in(doc, hit.start, self.lexicon.language_words)

    def _verb_agrees(self, doc: Doc, hit: Hit) -> bool:
        """Whether a capital is the subject of a verb that agrees with it, as a state does: a past
        verb of the feminine right before it (رأت موسكو، كانت واشنطن، أجرت باريس), or one of the
        feminine before a preposition with a pronoun (فرضت عليها واشنطن، تعاني منها بغداد), or an
        imperfect one right after (دمشق تستعد), with no word of place or travel before (وصلت دمشق،
        في دمشق تعلن), nor a verb of where things happen (شهدت دمشق)."""
        if self.lexicon is None or hit.char_start != doc[hit.start].idx:
            return False
        before = next_word(doc, hit.start - 1, -1)
        previous = doc[before].norm_ if before >= 0 else ""
        if self.places.is_evidence(previous) or previous in self.places.visit_words \
                or previous in self.places.scene_words or self.lexicon.word_class("locative") & {previous}:
            return False
        feminine, plural = self.morphology.feminine_verb, self.morphology.feminine_plural
        if not feminine or not plural:
            return False
        if before >= 0 and self._preposition_with_pronoun(previous):
            before = next_word(doc, before - 1, -1)  # تعاني منها بغداد: the verb before what it governs
            previous = doc[before].norm_ if before >= 0 else ""
            if before >= 0 and doc[before].is_alpha and self._imperfect_feminine(previous):
                return True
        written = doc[before].text if before >= 0 else ""
        if len(previous) >= 3 and previous.endswith(feminine) and written[-2:-1] != plural[:1] \
                and doc[before].is_alpha:
            return True
        if before >= 0 and doc[before].is_alpha and self._past_feminine_with_object(previous):
            return True
        after = next_word(doc, hit.end, 1)
        return after < len(doc) and doc[after].is_alpha and self._imperfect_feminine(doc[after].norm_)

    def _imperfect_feminine(self, word: str) -> bool:
        """An imperfect of the feminine that the Lexicon knows as a verb (its triggers, cues and
        speech verbs: تستعد، تعلن) or that the corpus writes with another person's prefix too
        (تعاني: يعاني), not a noun that begins with the letter (تمهيدا، تقرير)."""
        feminine = self.morphology.feminine_verb
        if len(word) < 4 or not word.startswith(feminine) or word in self._stop_words:
            return False
        return word in self.roles.common_words or self.lexicon.imperfect_verb(word)

    def _preposition_with_pronoun(self, word: str) -> bool:
        """A preposition with a pronoun glued to it (منها، عليها), which stands between a verb and
        the subject after it."""
        return any(word.endswith(pronoun) and word[:-len(pronoun)] in self.lexicon.quotes.prepositions
                   for pronoun in self.morphology.possessives)

    def _past_feminine_with_object(self, word: str) -> bool:
        """Whether a word, its glued conjunction aside, is a past verb of the feminine with its
        object pronoun (وصفته، وجهتها، فرضتها): without the pronoun it ends in the verb's letter
        and is a word the news writes alone; a noun in ة with its owner (زيارته، حكومتها) is not,
        its ة being written ت only before a pronoun, nor a feminine plural (اتصالاته)."""
        feminine, plural = self.morphology.feminine_verb, self.morphology.feminine_plural
        counts = self.lexicon.word_counts
        for form in self.proclitic_variants(word):
            for pronoun in self.morphology.possessives:
                verb = form[:-len(pronoun)]
                if form.endswith(pronoun) and len(verb) >= 3 and verb.endswith(feminine) \
                        and not verb.endswith(plural) and counts.get(verb, 0) >= VERB_ALONE_MIN_COUNT:
                    return True
        return False

    def _glued_to_state(self, doc: Doc, hit: Hit) -> bool:
        """A capital with a glued preposition of the addressee (لطهران، للقاهرة: to or for it) is
        its state, unless a word of travel comes before it (زيارته لموسكو)."""
        token, morphology = doc[hit.start], self.roles.morphology
        if hit.char_start > token.idx:
            glued = normalize(token.text[:hit.char_start - token.idx])
        elif token.norm_.startswith(morphology.contraction):  # ل merged with the article
            glued = morphology.contracted[:-len(morphology.article)]
        else:
            return False
        if glued[-1:] not in self.places.state_letters:
            return False
        before = next_word(doc, hit.start - 1, -1)
        return before < 0 or doc[before].norm_ not in self.places.visit_words

    def _inside_region(self, hit: Hit, surface: Surface, place_hits: dict) -> bool:
        """Whether a known name lies inside a longer region's name that is not of its country
        (المغرب of المغرب العربي, the Maghreb; الجزيرة of شبه الجزيرة الكورية): the region's.
        Within its own country's region (لبنان of جنوب لبنان) it is a mention of its own."""
        country = self.base.actors[surface.actor].country
        return any(s <= hit.start and hit.end <= e and e - s > hit.end - hit.start
                   and all(p.kind == "region" and p.country != country for p in other.payload)
                   for (s, e), other in place_hits.items())


def _km(a, b) -> float:
    """The great-circle distance between two points (Geo: lat, lon in degrees), in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _covered(hit: Hit, spans: frozenset[tuple[int, int]]) -> bool:
    return any(s <= hit.start and hit.end <= e for s, e in spans)


def place_tokens(mentions: MentionMap) -> frozenset[int]:
    """The tokens of the places (GPE, LOC) found so far: a listed name joins them."""
    return frozenset(i for placed in mentions.by_token.values() if placed.cluster.type in ("GPE", "LOC")
                     for i in range(placed.start, placed.end))


def _merge_into(kept: Cluster, gone: Cluster) -> None:
    """`gone`'s mentions, tokens and roles to `kept` (the caller drops `gone`)."""
    for span, mention in gone.mentions.items():
        kept.mentions.setdefault(span, mention)
    kept.tokens.extend(gone.tokens)
    for role in gone.roles:
        kept.add_role(role)
