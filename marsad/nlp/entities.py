"""The entities component: knowledge base, gazetteer and NER mentions gathered into linked entities."""
from __future__ import annotations

from collections import Counter
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc

from marsad.kb.actors import Actor, ActorBase, Surface
from marsad.kb.fuzzy import FuzzyNames
from marsad.lexicon.lexicon import Lexicon, load_lexicon
from marsad.nlp.basics import text_of
from marsad.nlp.clusters import Cluster, MentionMap
from marsad.nlp.facilities import FacilityFinder
from marsad.nlp.phrases import QUOTE_MARKS, Hit, clitic_chars, find_phrases, word_positions
from marsad.nlp.place_context import PlaceContext
from marsad.nlp.places import PlaceMatcher
from marsad.nlp.roles import HASHTAG, RoleFinder
from marsad.nlp.stage import LexiconStage
from marsad.record import Entity, Mention
from marsad.text.normalize import normalize
from marsad.text.words import words


class EntityLinker:
    """Finds every mention in a Doc and groups them into entities."""

    def __init__(self, base: ActorBase, places: PlaceMatcher, lexicon: Lexicon | None = None):
        self.base = base
        self.places = places
        self.lexicon = lexicon  # its word counts tell a glued clitic (وعماد) from a name's letter (وليد)
        self.roles = RoleFinder(base, lexicon)
        # the clitics of the Lexicon's Morphology (the shipped one's without a Lexicon)
        morphology = self.morphology = self.roles.morphology
        self.proclitic_variants = morphology.proclitic_variants
        self.generic_heads = {key[0] for key in base.generic}
        self.fuzzy = FuzzyNames(base, given_names=self.roles.given_names)
        self.romanizer = (load_lexicon() if lexicon is None else lexicon).romanizer
        self.seats = _seats_of_government(base)
        self.facilities = FacilityFinder(morphology, lexicon)
        self.place_context = PlaceContext(places, base, lexicon) if lexicon is not None else None

    def __call__(self, doc: Doc) -> list[Entity]:
        clusters: dict[str, Cluster] = {}
        # a hashtag's mark is read past, so that a name runs across it (دونالد #ترمب)
        positions = tuple(i for i in word_positions(doc) if doc[i].text != HASHTAG)
        mentions = MentionMap()
        year = int(doc._.published[:4]) if doc._.published else None

        kb_hits = find_phrases(doc, self.base.surfaces, self.base.max_surface_words, positions,
                               morphology=self.morphology)
        kb_hits = sorted(kb_hits + self._short_first_word_hits(doc, positions, kb_hits), key=lambda h: h.start)
        idioms = self._idiom_tokens(doc, positions)
        kb_hits = [hit for hit in kb_hits if not idioms & set(range(hit.start, hit.end))]
        found = [span for span in (_without_hashtag_marks(doc, ent.start, ent.end, ent.label_)
                                   for ent in doc.ents) if span is not None and not idioms & set(range(span[0], span[1]))]
        read_as_place = frozenset((s, e) for s, e, label in found if label == "LOC")
        named = self._countries_named(kb_hits)
        place_hits = {(h.start, h.end): h for h in self.places.find(doc, positions, read_as_place, frozenset(named))
                      if not idioms & set(range(h.start, h.end))}
        states = self._state_hits(doc, kb_hits, year)
        for hit in kb_hits:
            surface = self._choose_state(hit.payload, year, named)
            if self._word_not_name(doc, hit, surface) or self._currency_adjective(doc, hit, surface) \
                    or self._inside_region(hit, surface, place_hits) or self._adjective_not_state(doc, hit, surface):
                continue
            if surface.kind == "metonym" and any(s < hit.end and hit.start < e for s, e in place_hits) \
                    and (hit.start, hit.end) not in place_hits:
                continue  # a capital inside a longer place's name (ريف دمشق): the gazetteer's
            if surface.kind == "metonym" and (hit.start, hit.end) in place_hits \
                    and not self.roles.is_metonym_context(doc, hit.start, hit.end) \
                    and not self._coordinated_with_state(doc, hit, states) \
                    and not self._glued_to_state(doc, hit) and not self._verb_agrees(doc, hit) \
                    and not self._object_of_a_state(doc, hit, mentions):
                continue  # a capital named as a place: the gazetteer's
            cluster = self._cluster_for_actor(clusters, self.base.actors[surface.actor])
            cluster.add(hit.char_start, hit.char_end, text_of(doc)[hit.char_start:hit.char_end], surface.kind)
            if surface.kind == "name":
                cluster.tokens.append((hit.start, hit.end))
                self._trailing_demonym(doc, clusters, hit.start, hit.end)
            mentions.add(hit.start, hit.end, cluster, surface.kind,
                         clitic=hit.char_start != doc[hit.start].idx)
        # فلاديمير بوتين: a town's name inside a longer name the model reads as a person's
        named = {i for s, e, label in found if label in ("PERS", "ORG") and e - s >= 2 for i in range(s, e)}
        for (start, end), hit in place_hits.items():
            if mentions.covers(start, end) or set(range(start, end)) <= named:
                continue
            place = self.places.resolve(hit.payload, self._countries(clusters))
            if place is None or self._stray_town(doc, hit, place, clusters, place_hits) \
                    or self._town_read_as_person(doc, hit, place, found, mentions):
                continue
            key = f"{PLACE_KEY}{place.name}:{place.country}"
            cluster = clusters.get(key) or clusters.setdefault(key, Cluster(
                key=key, type=place.type, name=place.name, name_en=place.name_en,
                kb=place.kb, country=place.country, geo=self.places.geo(place)))
            cluster.add(hit.char_start, hit.char_end, text_of(doc)[hit.char_start:hit.char_end])
            mentions.add(start, end, cluster, "name")
        # A person's title before a name outweighs the NER model's label for it.
        for start, end in self.roles.names_after_titles(doc, positions, mentions):
            if not mentions.covers(start, end):
                self._add_ner(doc, clusters, mentions, start, end, "PERS")
        self._hashtag_names(doc, clusters, positions, mentions)
        unplaced = self._unplaced_words(doc, found, mentions)
        for start, end, label in found:
            if mentions.covers(start, end) or (start, end) in unplaced or self._common_word(doc, start, end, label) \
                    or self._unplaced_noun(doc, start, end, label) or self._indefinite_description(doc, start, end, label) \
                    or self._kind_or_accusative(doc, start, end, label) or self._common_phrase(doc, start, end, label):
                continue
            read = (start, end)
            if label != "PERS" and self._surname_of_earlier(doc, clusters, start, end):
                label = "PERS"  # دعا غوتيريس: a family name after the full name, whatever the model says
            elif label == "PERS" and end - start == 2 and self._surname_of_earlier(doc, clusters, start + 1, end) \
                    and not self._given_name(doc[start].norm_):
                start += 1  # بإبقاء برونسون: a word that is no given name before a family name known above
            if label in ("PERS", "LOC"):
                end = self._before_joined_word(doc, start, end)
            if label == "PERS" and (start, end) == read:
                end = self._family_name_after(doc, start, end, mentions, found)
            if label == "LOC" and end - start >= 2 and self.lexicon is not None \
                    and doc[start].norm_ in self.lexicon.word_class("locative"):
                start += 1  # محيط عفرين "around Afrin": the place is what follows the locative noun
            if (start, end) != read and (mentions.covers(start, end) or self._common_word(doc, start, end, label)
                                         or self._unplaced_noun(doc, start, end, label)
                                         or self._kind_or_accusative(doc, start, end, label)):
                continue  # what is left of the span, read again
            self._add_ner(doc, clusters, mentions, start, end, label)
        self._surnames(doc, clusters, positions, mentions)
        self.facilities.add(doc, positions, clusters, mentions)
        self.roles.attach(doc, clusters, positions, mentions)
        self.roles.add_generic(doc, clusters, positions, mentions, self._main_country(clusters))
        self._type_seats(doc, clusters)
        self._merge_kind_named_places(clusters)
        return self._entities(clusters)

    def _merge_kind_named_places(self, clusters: dict[str, Cluster]) -> None:
        """A gazetteer place named by a word of kind `part` and another place of the text in the
        same country (قطاع غزة beside غزة) is that place: news writes the one for the other, and
        an analyst wants one Gaza."""
        places = {(c.name, c.country): c for c in clusters.values() if c.key.startswith(PLACE_KEY)}
        for key, cluster in list(clusters.items()):
            head, _, rest = cluster.name.partition(" ")
            other = places.get((rest, cluster.country))
            if not key.startswith(PLACE_KEY) or other is None or other is cluster \
                    or normalize(head) not in self.places.part_words:
                continue
            for span, mention in cluster.mentions.items():
                other.mentions.setdefault(span, mention)
            other.tokens.extend(cluster.tokens)
            for role in cluster.roles:
                other.add_role(role)
            del clusters[key]

    def _idiom_tokens(self, doc: Doc, positions: tuple[int, ...]) -> set[int]:
        """The tokens of the Lexicon's name idioms in the text (مسقط رأسه، صلاة المغرب), where
        no name is mentioned."""
        idioms = self.lexicon.name_idioms if self.lexicon is not None else {}
        if not idioms:
            return set()
        hits = find_phrases(doc, idioms, max(len(key) for key in idioms), positions, morphology=self.morphology)
        return {i for hit in hits for i in range(hit.start, hit.end)}

    def _unplaced_words(self, doc: Doc, found: list[tuple[int, int, str]], mentions: MentionMap) -> set[tuple[int, int]]:
        """The NER model's one-word places that nothing around them shows to be places: no word
        of place before, no glued preposition, no country's adjective after, no list of places,
        nowhere in the text (a name the text places once is a place at each mention: سقوط عفرين
        after في عفرين), or that are a noun with its owner's pronoun (في بيانه "in his
        statement"). On these the model mostly errs: a verb (تشن), a noun (ذريعة), a person's
        family name (خديجة آزرو)."""
        context = self.place_context
        if context is None:
            return set()
        places = _place_tokens(mentions) | frozenset(i for s, e, label in found if label == "LOC" for i in range(s, e))
        words = [(s, e) for s, e, label in found if label == "LOC" and e - s == 1 and not mentions.covers(s, e)]
        placed_words = set()
        for start, end in words:
            if context.evidenced(doc, start, end, places):
                placed_words.update(self.proclitic_variants(doc[start].norm_))
        return {(start, end) for start, end in words
                if context.owned_noun(doc[start].norm_, doc[start].text)
                or not placed_words & set(self.proclitic_variants(doc[start].norm_))}

    def _type_seats(self, doc: Doc, clusters: dict[str, Cluster]) -> None:
        """A seat of government (البيت الأبيض، الكرملين) named with no word of place before it
        stands for the office in it (اتهم الكرملين، المتحدث باسم الكرملين، المتعاقدة مع البنتاغون):
        an organisation; after one (في البيت الأبيض، مغادرته البيت الأبيض) it is the building."""
        for cluster in clusters.values():
            if cluster.key in self.seats and cluster.type == "FAC" \
                    and not any(self._place_word_before(doc, start) for start, _ in cluster.tokens):
                cluster.type = "ORG"

    def _place_word_before(self, doc: Doc, start: int) -> bool:
        before = _next_word(doc, start - 1, -1)
        if before < 0:
            return False
        words_of_place = self.places.evidence | self.places.visit_words
        return any(form in words_of_place for form in self.proclitic_variants(doc[before].norm_))

    def _short_first_word_hits(self, doc: Doc, positions: tuple[int, ...], kb_hits: list[Hit]) -> list[Hit]:
        """Known names of several words whose first word is too short for its glued clitic to
        come off in the phrase matcher (لبي بي سي: ل + بي بي سي)."""
        taken = {i for hit in kb_hits for i in range(hit.start, hit.end)}
        hits = []
        for k, i in enumerate(positions):
            word = doc[i].norm_
            if i in taken or not 2 <= len(word) <= SHORT_WORD + 1 or word[0] not in self.morphology.name_clitics:
                continue
            for n in range(min(self.base.max_surface_words, len(positions) - k), 1, -1):
                following = positions[k + 1:k + n]
                key = (word[1:],) + tuple(doc[j].norm_ for j in following)
                if key in self.base.surfaces and not taken & set(range(i, following[-1] + 1)):
                    last = doc[following[-1]]
                    hits.append(Hit(i, following[-1] + 1, doc[i].idx + clitic_chars(doc[i].text, 1),
                                    last.idx + len(last.text), self.base.surfaces[key]))
                    taken.update(range(i, following[-1] + 1))
                    break
        return hits

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
        after = _next_word(doc, hit.end, 1)
        if after in states["glued"]:
            first = hit.start
        else:
            before = _next_word(doc, hit.start - 1, -1)
            if before not in states["ends"] or not self._glued_and(doc, hit):
                return False
            first = states["ends"][before]
        previous = _next_word(doc, first - 1, -1)
        return previous < 0 or doc[previous].norm_ not in self.places.evidence

    def _object_of_a_state(self, doc: Doc, hit: Hit, mentions: MentionMap) -> bool:
        """A capital right after a state that a statement or stance verb has for its subject
        (تتهم الرياض طهران، اتهمت السعودية طهران): the other party, a state too."""
        before = _next_word(doc, hit.start - 1, -1)
        subject = mentions.by_token.get(before)
        return subject is not None and subject.end == before + 1 and subject.cluster.type == "GPE" \
            and subject.kind in ("name", "metonym") and subject.cluster.key in self.base.country_actor.values() \
            and self.roles.is_metonym_context(doc, subject.start, subject.start)

    def _word_not_name(self, doc: Doc, hit: Hit, surface: Surface) -> bool:
        """Whether a one-word name of a known organisation or person is, as written, one of the
        Lexicon's common words (آفاد of the Turkish disaster agency is أفاد "reported" once
        normalised): a verb or a function word, never the name alone."""
        if hit.end - hit.start != 1 or surface.kind != "name" \
                or self.base.actors[surface.actor].type not in ("ORG", "PERSON"):
            return False
        return normalize(text_of(doc)[hit.char_start:hit.char_end]) in self.roles.common_words

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

    def _stray_town(self, doc: Doc, hit: Hit, place, clusters: dict[str, Cluster], place_hits: dict) -> bool:
        """Whether a town is matched in an article that names nothing else of its country, with
        no word of place or glued preposition before any of its mentions: a common word that a
        foreign town's name spells (تولوا "they took over" is Tuluá, بؤر "hotbeds" Bor), or a
        person's family name (نيلسن … إن نيلسن is no Nelson in a text on Washington). A town
        named twice does not vouch for itself; one mention placed (في أستانا) places the rest."""
        if place.kind not in TOWN_KINDS or place.population >= STRAY_TOWN_MAX_POPULATION or not place.country:
            return False
        own = f"{PLACE_KEY}{place.name}:{place.country}"
        countries = {c.country for key, c in clusters.items() if c.country and key != own}
        countries |= {p.country for other in place_hits.values() if other.payload != hit.payload
                      for p in other.payload}
        if place.country in countries:
            return False
        return not any(self._town_placed(doc, other) for other in place_hits.values() if other.payload == hit.payload)

    def _town_placed(self, doc: Doc, hit: Hit) -> bool:
        """Whether a town's mention has a glued preposition (بعفرين، للقدس) or a word of place
        before it, a conjunction glued to that word or not (وفي القدس)."""
        token = doc[hit.start]
        glued = normalize(token.text[:hit.char_start - token.idx])
        if set(glued) & self.morphology.name_prepositions \
                or not glued and token.norm_.startswith(self.morphology.contraction):
            return True
        before = _next_word(doc, hit.start - 1, -1)
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
            before = _next_word(doc, hit.start - 1, -1)
            return named and not set(glued) & self.morphology.name_prepositions \
                and (before < 0 or doc[before].norm_ not in self.places.evidence)
        places = _place_tokens(mentions)
        token = doc[hit.start]
        glued = normalize(token.text[:hit.char_start - token.idx])
        return not self.place_context.evidenced(doc, hit.start, hit.end, places,
                                                glued=bool(set(glued) & self.morphology.name_prepositions))

    @cached_property
    def _stop_words(self) -> frozenset[str]:
        """spaCy's Arabic stop words, normalised (تحت، تلك: no verbs)."""
        from spacy.lang.ar.stop_words import STOP_WORDS

        return frozenset(normalize(word) for word in STOP_WORDS)

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
        before = _next_word(doc, hit.start - 1, -1)
        return before >= 0 and any(form in self.lexicon.currency_words
                                   for form in self.proclitic_variants(doc[before].norm_))

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
        before = _next_word(doc, start - 1, -1)
        return before < 0 or doc[before].norm_ not in (self.places.place_words if common else self.places.evidence)

    def _common_phrase(self, doc: Doc, start: int, end: int, label: str) -> bool:
        """Whether the NER model's place of several words is a phrase of common words headed by a
        noun without the article that is no word of place (شبه الرسمية "semi-official", على لسان
        الطبيب "in the doctor's words", أم المعارك, مديريات الأمن), none of them a place's name."""
        if end - start < 2 or label != "LOC" or self.lexicon is None:
            return False
        article, counts = self.lexicon.morphology.article, self.lexicon.word_counts
        head = self.proclitic_variants(doc[start].norm_)
        if any(form.startswith(article) or form in self.places.place_words or form in self.places.evidence
               or form in self.lexicon.word_class("locative") for form in head):
            return False
        for i in range(start, end):
            forms = self.proclitic_variants(doc[i].norm_)
            if any(self.places.index.get(form) for form in forms) \
                    or max(counts.get(form, 0) for form in forms) < COMMON_PHRASE_WORD:
                return False
        return True

    def _indefinite_description(self, doc: Doc, start: int, end: int, label: str) -> bool:
        """Whether the NER model's organisation is an indefinite noun and a nationality or
        relative adjective (ميليشيات كردية "Kurdish militias", اتحاد أوروبي "a European union"):
        a description, not a name, which is definite in Arabic (الاتحاد الأوروبي)."""
        if label != "ORG" or end - start < 2 or self.lexicon is None:
            return False
        article = self.lexicon.morphology.article
        if any(form.startswith(article) for i in range(start, end) for form in self.proclitic_variants(doc[i].norm_)):
            return False
        last, nisba, feminine = doc[end - 1].norm_, self.morphology.nisba, self.morphology.ta_marbuta
        return bool(nisba) and len(last) >= 4 and last.isalpha() \
            and (last.endswith(nisba) or bool(feminine) and last.endswith(nisba + feminine))

    def _before_joined_word(self, doc: Doc, start: int, end: int) -> int:
        """Where a person's name read by the model ends: before a later word that carries a glued
        و (بشار وعائلته "Bashar and his family"), which joins another noun to the name."""
        if self.lexicon is None:
            return end
        counts = self.lexicon.word_counts
        for i in range(start + 1, end):
            word = doc[i].norm_
            if word[:1] in self.morphology.name_conjunctions and self.lexicon.glued_letters(word) >= 1 \
                    and counts.get(word[1:], 0) > counts.get(word, 0):
                return i
        return end

    def _family_name_after(self, doc: Doc, start: int, end: int, mentions: MentionMap,
                           found: list[tuple[int, int, str]]) -> int:
        """Where a person's name that the model cut after the given name ends: a given name of
        one or two words (محمد بزي، كريس موور، عبد الله ملكاوي) takes the next word where that word is
        seldom written (fewer than FAMILY_NAME_MAX_COUNT times) and is no common word of the
        Lexicon, no stop word and no other mention."""
        # one given name, or a compound one of two (عبد الله ملكاوي)
        if not 1 <= end - start <= 2 or self.lexicon is None \
                or not all(self._given_name(doc[i].norm_) for i in range(start, end)):
            return end
        after = _next_word(doc, end, 1)
        if after >= len(doc) or not doc[after].is_alpha or mentions.covers(after, after + 1) \
                or any(s <= after < e for s, e, _ in found):
            return end
        word, counts = doc[after].norm_, self.lexicon.word_counts
        if word in self._stop_words or word in self.roles.common_words or counts.get(word, 0) >= FAMILY_NAME_MAX_COUNT:
            return end
        return end if self._no_family_name(word) else after + 1

    def _no_family_name(self, word: str) -> bool:
        """Whether a word the counts show to be no family name: one with a glued clitic (لفحص،
        ونزار) or an owner's pronoun (انقطاعه), a past verb (لاحظ: لاحظت is written; انتقلت), an
        adjective or noun with the article whose bare form is written as often (المتوقعة: متوقعة)
        or that ends in ة (المجرمة), or a common word in the indefinite accusative (كلاما)."""
        counts, morphology = self.lexicon.word_counts, self.morphology
        if self._name_clitic_letters(word) or word.startswith(morphology.contraction) \
                or self.place_context is not None and self.place_context.owned_noun(word, word):
            return True  # لفحص، ونزار; انقطاعه، كلهم (a noun with its owner's pronoun)
        verb = morphology.feminine_verb
        if verb and (counts.get(word + verb, 0) > 0 or word.endswith(verb) and counts.get(word[:-len(verb)], 0) > 0):
            return True  # لاحظ (لاحظت), انتقلت (انتقل)
        bare = word[len(morphology.article):] if word.startswith(morphology.article) else ""
        if bare and (counts.get(bare, 0) >= max(ARTICLE_MIN_COUNT, ARTICLE_SHARE * counts.get(word, 0))
                     or bare.endswith(morphology.ta_marbuta or "\0")):
            return True  # المتوقعة، المجرمة: an adjective
        tanwin = morphology.tanwin
        return bool(tanwin) and word.endswith(tanwin) and counts.get(word[:-len(tanwin)], 0) >= ACCUSATIVE_MIN_COUNT

    def _given_name(self, word: str) -> bool:
        """Whether a word, with or without its glued clitics, is a known given name."""
        return any(form in self.roles.given_names for form in self.proclitic_variants(word))

    @staticmethod
    def _surname_of_earlier(doc: Doc, clusters: dict[str, Cluster], start: int, end: int) -> bool:
        """Whether a one-word mention is the last word of a longer person's name found before it."""
        if end - start != 1:
            return False
        word = doc[start].norm_
        return any(cluster.type == "PERSON" and e - s >= 2 and e <= start and doc[e - 1].norm_ == word
                   for cluster in clusters.values() for s, e in cluster.tokens)

    def _verb_agrees(self, doc: Doc, hit: Hit) -> bool:
        """Whether a capital is the subject of a verb that agrees with it, as a state does: a past
        verb of the feminine right before it (رأت موسكو، كانت واشنطن، أجرت باريس) or an imperfect
        one the Lexicon knows right after (دمشق تستعد), with no word of place or travel before
        (وصلت دمشق، في دمشق تعلن)."""
        if self.lexicon is None or hit.char_start != doc[hit.start].idx:
            return False
        before = _next_word(doc, hit.start - 1, -1)
        previous = doc[before].norm_ if before >= 0 else ""
        if previous in self.places.evidence or previous in self.places.visit_words \
                or self.lexicon.word_class("locative") & {previous}:
            return False
        feminine, plural = self.morphology.feminine_verb, self.morphology.feminine_plural
        if not feminine or not plural:
            return False
        written = doc[before].text if before >= 0 else ""
        if len(previous) >= 3 and previous.endswith(feminine) and written[-2:-1] != plural[:1] \
                and doc[before].is_alpha:
            return True
        after = _next_word(doc, hit.end, 1)
        if after >= len(doc) or not doc[after].is_alpha:
            return False
        word = doc[after].norm_
        # an imperfect of the feminine that the Lexicon knows as a verb (its triggers, cues and
        # speech verbs: تستعد، تعلن), not a noun that begins with the letter (تمهيدا، تقرير)
        return len(word) >= 4 and word.startswith(feminine) and word in self.roles.common_words \
            and word not in self._stop_words

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
        before = _next_word(doc, hit.start - 1, -1)
        return before < 0 or doc[before].norm_ not in self.places.visit_words

    def _trailing_demonym(self, doc: Doc, clusters: dict[str, Cluster], start: int, end: int) -> None:
        """A name that ends in a nationality (فيلق القدس الإيراني) also mentions the country."""
        last = doc[end - 1]
        if end - start < 2:
            return
        for surface in self.base.surfaces.get((last.norm_,), []):
            if surface.kind == "demonym":
                country = self._cluster_for_actor(clusters, self.base.actors[surface.actor])
                country.add(last.idx, last.idx + len(last.text), last.text, "demonym")
                return

    def _inside_region(self, hit: Hit, surface: Surface, place_hits: dict) -> bool:
        """Whether a known name lies inside a longer region's name that is not of its country
        (المغرب of المغرب العربي, the Maghreb; الجزيرة of شبه الجزيرة الكورية): the region's.
        Within its own country's region (لبنان of جنوب لبنان) it is a mention of its own."""
        country = self.base.actors[surface.actor].country
        return any(s <= hit.start and hit.end <= e and e - s > hit.end - hit.start
                   and all(p.kind == "region" and p.country != country for p in other.payload)
                   for (s, e), other in place_hits.items())

    def _countries_named(self, kb_hits: list[Hit]) -> Counter[str]:
        """How often the knowledge base's names that belong to one actor only name something of
        each country (الأردن، الأردني، العاصمة الأردنية، مسقط، العماني، a minister of it)."""
        named: Counter[str] = Counter()
        for hit in kb_hits:
            countries = {self.base.actors[s.actor].country for s in hit.payload}
            if len({s.actor for s in hit.payload}) == 1 and None not in countries:
                named.update(countries)
        return named

    def _choose_state(self, surfaces: list[Surface], year: int | None, named: Counter[str]) -> Surface:
        """A name two states share (عمان: the sultanate's name, Jordan's capital) is the state's
        that the text names more often otherwise; where neither is, as _choose has it."""
        states = [s for s in surfaces if self.base.actors[s.actor].type == "GPE"]
        countries = {self.base.actors[s.actor].country for s in states}
        if len(countries) < 2:
            return self._choose(surfaces, year)
        ranked = sorted(countries, key=lambda c: named.get(c, 0), reverse=True)
        if named.get(ranked[0], 0) <= named.get(ranked[1], 0):
            return self._choose(surfaces, year)
        return self._choose([s for s in states if self.base.actors[s.actor].country == ranked[0]], year)

    def _choose(self, surfaces: list[Surface], year: int | None) -> Surface:
        """A name before a metonym or a demonym; among people, the one in office that year."""
        def rank(surface: Surface) -> tuple[int, int]:
            actor = self.base.actors[surface.actor]
            in_office = year is None or actor.start is None or (
                actor.start - 1 <= year <= (actor.end or 9999) + 1)
            return (surface.kind != "name", not in_office)
        return min(surfaces, key=rank)

    def _cluster_for_actor(self, clusters: dict[str, Cluster], actor: Actor) -> Cluster:
        cluster = clusters.get(actor.id)
        if cluster is None:
            cluster = clusters[actor.id] = Cluster(
                key=actor.id, type=actor.type, name=actor.name, name_en=actor.name_en,
                kb=actor.kb, country=actor.country, sector=actor.sector, from_kb=True,
                kb_roles=actor.roles, collective=self._is_collective(actor))
            if actor.type == "GPE" and actor.country:
                cluster.geo = self.places.geo(self.places.country(actor.country))
        return cluster

    def _is_collective(self, actor: Actor) -> bool:
        first = words(actor.name)[:1]
        return actor.type == "ORG" and bool(first) and first[0] in self.generic_heads

    def _add_ner(self, doc: Doc, clusters: dict[str, Cluster], mentions: MentionMap,
                 start: int, end: int, label: str) -> None:
        span = doc[start:end]
        # The model tags whole tokens: a conjunction or preposition glued to the first word
        # (وعماد عبد الحميد، للرئيس) is left out of the name.
        # The rest must be written more often than the whole, and only و، ب، ل come off a name:
        # a rare or foreign name keeps its first letter (بافل، وائل، كريس، فيصل).
        first = span[0]
        letters = self._name_clitic_letters(first.norm_)
        # a person's first word that is itself a known given name keeps its letters (لجين, not
        # ل + جين)
        known = letters and not (label == "PERS" and first.norm_ in self.roles.given_names)
        skip = clitic_chars(first.text, letters) if known else 0
        if skip and not first.text[skip:skip + 1].isalpha():
            skip = 0  # بـ"أبو: a tatweel or a quote after the letter
        quoted = len(first.text) > 2 and first.text[0] in self.morphology.name_clitics \
            and first.text[1] in QUOTE_MARKS
        if quoted:
            skip = 2  # ل"فرانس برس: a preposition and a quote mark glued before the name
        text = text_of(doc)[span.start_char + skip:span.end_char]
        norms = ((normalize(first.text[skip:]) if quoted else first.norm_[letters if skip else 0:]),) \
            + tuple(t.norm_ for t in span[1:])
        key = " ".join(norms)
        known_name = self.base.surfaces.get(norms) if quoted else None
        linked = self._choose(known_name, None).actor if known_name else \
            self.fuzzy.match(text, {"PERS": "PERSON", "ORG": "ORG"}.get(label, ""))
        if linked is not None:  # a spelling of a known name that normalisation did not fold
            cluster = self._cluster_for_actor(clusters, self.base.actors[linked])
        elif label == "PERS":
            cluster = self._person(clusters, doc, norms, text)
        elif label == "ORG":
            cluster = clusters.setdefault(f"org:{key}", Cluster(f"org:{key}", "ORG", text))
        elif label == "LOC":
            cluster = clusters.get(f"loc:{key}")
            if cluster is None:
                cluster = clusters[f"loc:{key}"] = Cluster(f"loc:{key}", "LOC", text)
                self._locate(cluster, text, clusters)
        else:
            return
        cluster.add(span.start_char + skip, span.end_char, text)
        cluster.tokens.append((start, end))
        mentions.add(start, end, cluster, "name", clitic=skip > 0)

    def _locate(self, cluster: Cluster, text: str, clusters: dict[str, Cluster]) -> None:
        """Give a place the NER model found its country and coordinates where the gazetteer,
        villages included, names it in a country the text names, or in one country only
        (عفرين with سوريا or السوري in the text: Afrin, Syria)."""
        candidates = self.places.lookup(text)
        if not candidates:
            return
        context = self._countries(clusters)
        place = self.places.resolve(candidates, context)
        if place is None or not place.country or (
                place.country not in context and len({p.country for p in candidates}) > 1):
            return
        cluster.type, cluster.country, cluster.geo = place.type, place.country, self.places.geo(place)
        cluster.name_en = cluster.name_en or place.name_en

    def _name_clitic_letters(self, word: str) -> int:
        """How many letters of a name's first word are a glued conjunction or preposition: the
        longest run of و، ب، ل the word counts allow, where the rest is written more often than
        the whole (وكريس: و + كريس, the ك being the name's own, not ك "as")."""
        if self.lexicon is None:
            return 0
        counts = self.lexicon.word_counts
        for rest in reversed(self.morphology.proclitic_variants(word)[1:]):
            letters = len(word) - len(rest)
            if set(word[:letters]) <= self.morphology.name_clitics and self.lexicon.split_allowed(word, rest) \
                    and counts.get(rest, 0) > counts.get(word, 0):
                return letters
        return 0

    def _hashtag_names(self, doc: Doc, clusters: dict[str, Cluster], positions: tuple[int, ...],
                       mentions: MentionMap) -> None:
        """A hashtag that joins a known given name and the words after it with underscores
        (#ماريانو_راخوي، #سيرغي_سكريبال) is a person's name, the underscores kept, as the entity
        gold spans it, where none of its words is a common word of the Lexicon."""
        text = text_of(doc)
        for i in positions:
            if i == 0 or doc[i - 1].text != HASHTAG:
                continue
            end = i + 1  # the joiner may be a token of its own (بيدرو _ سانتشيث) or inside one
            while end + 1 < len(doc) and doc[end].text == HASHTAG_JOINER and doc[end + 1].is_alpha:
                end += 2
            parts = [part for k in range(i, end, 2) for part in doc[k].norm_.split(HASHTAG_JOINER)]
            if not 2 <= len(parts) <= HASHTAG_NAME_WORDS or mentions.covers(i, end) or not self._given_name(parts[0]) \
                    or not all(part.isalpha() and part not in self.roles.common_words
                               and part not in self._stop_words for part in parts) \
                    or any(self._no_family_name(part) for part in parts[1:]):
                continue  # #وزير_التربية، #النصر_الذهبي: a title's or an operation's words
            written = text[doc[i].idx:doc[end - 1].idx + len(doc[end - 1].text)]
            cluster = self._person(clusters, doc, tuple(parts), written.replace(HASHTAG_JOINER, " "))
            cluster.add(doc[i].idx, doc[i].idx + len(written), written)
            cluster.tokens.append((i, end))
            mentions.add(i, end, cluster, "name")

    def _surnames(self, doc: Doc, clusters: dict[str, Cluster], positions: list[int], mentions: MentionMap) -> None:
        """A family name alone, after the full name (غضنفر البطيخ … أكد البطيخ), is the same person."""
        surnames: dict[str, Cluster] = {}
        for cluster in clusters.values():
            if cluster.type == "PERSON" and not cluster.from_kb:
                for start, end in cluster.tokens:
                    full = _name_words(doc, start, end)
                    last = full[-1]
                    if len(full) >= 2 and len(last) >= 4 and last not in self.roles.common_words:
                        surnames.setdefault(last, cluster)
        if not surnames:
            return
        for i in positions:
            if i in mentions.by_token:
                continue
            token = doc[i]
            for form in self.proclitic_variants(token.norm_):
                cluster = surnames.get(form)
                if cluster is not None and (cluster.tokens and i >= cluster.tokens[0][0]):
                    skip = clitic_chars(token.text, len(token.norm_) - len(form))
                    cluster.add(token.idx + skip, token.idx + len(token.text), token.text[skip:])
                    cluster.tokens.append((i, i + 1))
                    mentions.add(i, i + 1, cluster, "name")
                    break

    @staticmethod
    def _person(clusters: dict[str, Cluster], doc: Doc, norms: tuple[str, ...], text: str) -> Cluster:
        """The person a name belongs to: an earlier one whose full name ends with it, or a new one."""
        for cluster in clusters.values():
            if cluster.type != "PERSON":
                continue
            for start, end in cluster.tokens:
                full = _name_words(doc, start, end)
                if len(full) >= len(norms) and full[len(full) - len(norms):] == norms:
                    return cluster
        key = "person:" + " ".join(norms)
        return clusters.setdefault(key, Cluster(key, "PERSON", text))

    @staticmethod
    def _countries(clusters: dict[str, Cluster]) -> set[str]:
        return {c.country for c in clusters.values() if c.country and c.type in ("GPE", "LOC")}

    @staticmethod
    def _main_country(clusters: dict[str, Cluster]) -> str | None:
        """The country the article is most about: the one its places are mentioned most in."""
        counts: Counter[str] = Counter()
        for cluster in clusters.values():
            if cluster.country and cluster.type in ("GPE", "LOC", "FAC"):
                counts[cluster.country] += len(cluster.mentions)
        return counts.most_common(1)[0][0] if counts else None

    def _entities(self, clusters: dict[str, Cluster]) -> list[Entity]:
        ordered = sorted((c for c in clusters.values() if c.mentions), key=lambda c: min(c.mentions))
        entities = []
        for number, cluster in enumerate(ordered, 1):
            cluster.name = cluster.name.replace("_", " ")  # a name written as a hashtag (#كيم_جونغ_أون)
            if cluster.type == "PERSON" and cluster.name_en is None:
                cluster.name_en = self.romanizer.english_name(cluster.name, cluster.country)
            entities.append(Entity(
                id=f"e{number}", type=cluster.type, name=cluster.name, name_en=cluster.name_en,
                kb=cluster.kb, country=cluster.country, sector=cluster.sector,
                roles=list(cluster.roles), geo=cluster.geo,
                mentions=[Mention(s, e, t, k) for (s, e), (t, k) in sorted(cluster.mentions.items())]))
        return entities


PLACE_KEY = "place:"  # the key of a cluster the gazetteer made


def _name_words(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    """The normalised words of a name's tokens, a hashtag's underscores splitting them."""
    return tuple(word for i in range(start, end) for word in doc[i].norm_.split(HASHTAG_JOINER) if word)


def _place_tokens(mentions: MentionMap) -> frozenset[int]:
    """The tokens of the places (GPE, LOC) found so far: a listed name joins them."""
    return frozenset(i for placed in mentions.by_token.values() if placed.cluster.type in ("GPE", "LOC")
                     for i in range(placed.start, placed.end))
# A town matched on its own in an article that names nothing of its country needs a word of
# place before it below this population (a capital or a metropolis is named alone).
STRAY_TOWN_MAX_POPULATION = 1_000_000
TOWN_KINDS = frozenset({"city", "admin2"})
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
# A word after a one-word given name the NER model reads as a person is the family name it left out
# where the corpus writes the word fewer times than this (بزي 12, قاسية 34; a common word far more).
FAMILY_NAME_MAX_COUNT = 40
# Every word of a place of several words the NER model reads is written this often in the corpus
# where the phrase is common words (شبه 310, الرسمية 956; a name is seldom: قنديل 35, حمدان 18).
COMMON_PHRASE_WORD = 40
# The letter a hashtag joins its words with (#ماريانو_راخوي), and the most words of a name in one.
HASHTAG_JOINER = "_"
HASHTAG_NAME_WORDS = 4
# A word this short keeps a glued letter in the phrase matcher (بي of بي بي سي).
SHORT_WORD = 2  # the conjunction glued to the second of two coordinated names


def _seats_of_government(base: ActorBase) -> frozenset[str]:
    """Buildings (FAC) of the knowledge base that a country also lists among its metonyms: the
    seats whose name news uses for the office inside them (countries.tsv, column metonyms)."""
    seats = set()
    for surfaces in base.surfaces.values():
        if any(s.kind == "metonym" for s in surfaces):
            seats.update(s.actor for s in surfaces if s.kind == "name" and base.actors[s.actor].type == "FAC")
    return frozenset(seats)


def _next_word(doc: Doc, i: int, step: int) -> int:
    """The first token from i on, going by step, that is not white space (-1 or len(doc) if none)."""
    while 0 <= i < len(doc) and doc[i].is_space:
        i += step
    return i


def _without_hashtag_marks(doc: Doc, start: int, end: int, label: str) -> tuple[int, int, str] | None:
    """An NER span without the hashtag or quotation marks it begins or ends with (دونالد #،
    الجهاد"), or None if nothing is left."""
    marks = QUOTE_MARKS | {HASHTAG}
    while start < end and doc[start].text in marks:
        start += 1
    while end > start and doc[end - 1].text in marks:
        end -= 1
    return (start, end, label) if start < end else None


MENTIONS = "mentions"  # the doc.spans key of every entity mention, labelled with its entity type


@Language.factory("marsad_entities", default_config={}, assigns=["doc._.entities", "doc.spans"],
                  requires=["doc.ents", "token.norm"])
def make_entity_component(nlp: Language, name: str) -> "EntityComponent":
    """The spaCy factory: an EntityLinker over the knowledge base, gazetteer and words of the
    Lexicon given at `initialize` (the shipped one unless a `data_dir` is named)."""
    return EntityComponent()


class EntityComponent(LexiconStage):
    """Fills `doc._.entities` and the mentions of `doc.spans`."""

    linker: EntityLinker | None = None

    def use(self, lexicon: Lexicon) -> None:
        super().use(lexicon)
        self.linker = EntityLinker(lexicon.actors, PlaceMatcher.load(lexicon.places, lexicon.root, lexicon), lexicon)

    def process(self, doc: Doc) -> Doc:
        doc._.entities = self.linker(doc)
        doc.spans[MENTIONS] = mention_spans(doc, doc._.entities)
        return doc


def mention_spans(doc: Doc, entities: list[Entity]) -> list:
    """Every mention of the entities as a token span labelled with its entity type, its id as
    the span's id (a mention whose characters fall inside a token is widened to it)."""
    spans = []
    for entity in entities:
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, label=entity.type, alignment_mode="expand")
            if span is not None:
                span.id_ = entity.id
                spans.append(span)
    return sorted(spans, key=lambda span: (span.start, span.end))
