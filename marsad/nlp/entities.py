"""The entities component: knowledge base, gazetteer and NER mentions gathered into linked entities."""
from __future__ import annotations

from collections import Counter
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc

from marsad.kb.actors import Actor, ActorBase, RivalSide, Surface
from marsad.kb.fuzzy import FuzzyNames
from marsad.lexicon.lexicon import Lexicon, load_lexicon
from marsad.lexicon.quotes import function_words
from marsad.nlp.basics import HASHTAG, next_word, sentence_of, text_of, token_table
from marsad.nlp.clusters import Cluster, MentionMap
from marsad.nlp.courts import CourtFinder
from marsad.nlp.quoted_names import QuotedNameFinder
from marsad.nlp.facilities import FacilityFinder
from marsad.nlp.ner_misreadings import NerMisreadings
from marsad.nlp.person_names import HASHTAG_JOINER, PersonNames
from marsad.nlp.phrases import QUOTE_MARKS, Hit, clitic_chars, find_phrases, word_positions
from marsad.nlp.place_context import PlaceContext
from marsad.nlp.place_decisions import PLACE_KEY, TOWN_KINDS, PlaceDecisions
from marsad.nlp.places import PlaceMatcher
from marsad.nlp.roles import RoleFinder
from marsad.nlp.stage import LexiconStage
from marsad.record import Entity, Mention
from marsad.text.normalize import ALEF_MAQSURA, last_letter, normalize


class EntityLinker(PersonNames, NerMisreadings, PlaceDecisions):
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
        # bodies a collective phrase may name: one of their names opens with a collective's head word
        # (النظام السوري is also حكومة النظام السوري: the Syrian officials' government)
        self.collective_actors = frozenset(surface.actor for key, surfaces in base.surfaces.items()
                                           if key and key[0] in self.generic_heads
                                           for surface in surfaces if surface.kind == "name")
        self.fuzzy = FuzzyNames(base, given_names=self.roles.given_names)
        self.romanizer = (load_lexicon() if lexicon is None else lexicon).romanizer
        self.seats = _seats_of_government(base)
        self.facilities = FacilityFinder(morphology, lexicon)
        self.courts = CourtFinder(lexicon, self._stop_words) if lexicon is not None else None
        self.quoted_names = QuotedNameFinder(lexicon) if lexicon is not None else None
        self.place_context = PlaceContext(places, base, lexicon) if lexicon is not None else None
        self.sides = self.roles.sides

    def __call__(self, doc: Doc) -> list[Entity]:
        clusters: dict[str, Cluster] = {}
        # a hashtag's mark is read past, so that a name runs across it (دونالد #ترمب)
        texts = token_table(doc).text
        positions = tuple(i for i in word_positions(doc) if texts[i] != HASHTAG)
        mentions = MentionMap()
        year = int(doc._.published[:4]) if doc._.published else None

        kb_hits = self._as_written(doc, positions, find_phrases(
            doc, self.base.surfaces, self.base.max_surface_words, positions, morphology=self.morphology))
        kb_hits = sorted(kb_hits + self._short_first_word_hits(doc, positions, kb_hits), key=lambda h: h.start)
        idioms = self._idiom_tokens(doc, positions)
        kb_hits = [hit for hit in kb_hits if not idioms & set(range(hit.start, hit.end))]
        found = [span for span in (_without_hashtag_marks(doc, ent.start, ent.end, ent.label_)
                                   for ent in doc.ents) if span is not None and not idioms & set(range(span[0], span[1]))]
        found = self._place_lists(doc, found)
        read_as_place = frozenset((s, e) for s, e, label in found if label == "LOC")
        named = self._countries_named(kb_hits)
        place_hits = {(h.start, h.end): h for h in self.places.find(doc, positions, read_as_place, frozenset(named))
                      if not idioms & set(range(h.start, h.end))}
        states = self._state_hits(doc, kb_hits, year)
        for hit in kb_hits:
            surface = self._choose_state(hit.payload, year, named)
            if self._in_chain(doc, hit.start, hit.end) or self._word_not_name(doc, hit, surface) \
                    or self._surname_of_another(doc, hit, surface) \
                    or self._currency_adjective(doc, hit, surface) or self._language_adjective(doc, hit, surface) \
                    or self._site_or_adjective_not_body(doc, hit, surface) or self._uncited_outlet(doc, hit.start, hit.end) \
                    or self._inside_region(hit, surface, place_hits) or self._adjective_not_state(doc, hit, surface):
                continue
            if surface.kind == "metonym" and any(s < hit.end and hit.start < e for s, e in place_hits) \
                    and (hit.start, hit.end) not in place_hits:
                continue  # a capital inside a longer place's name (ريف دمشق): the gazetteer's
            if surface.kind == "metonym" and (hit.start, hit.end) in place_hits \
                    and not self.roles.is_metonym_context(doc, hit.start, hit.end) \
                    and not self._coordinated_with_state(doc, hit, states) and not self._coordinated_with_actor(doc, hit, mentions) \
                    and not self._glued_to_state(doc, hit) and not self._verb_agrees(doc, hit) \
                    and not self._object_of_a_state(doc, hit, mentions):
                continue  # a capital named as a place: the gazetteer's
            actor = self.base.actors[surface.actor]
            cluster = self._cluster_for_actor(clusters, actor)
            start, end, char_start, char_end = hit.start, hit.end, hit.char_start, hit.char_end
            if surface.kind == "name" and actor.type == "PERSON":  # الملك سلمان بن عبدالعزيز: سلمان بن عبدالعزيز
                start, end = self._known_name_span(doc, hit.start, hit.end, mentions)
                char_start = char_start if start == hit.start else doc[start].idx
                char_end = char_end if end == hit.end else doc[end - 1].idx + len(doc[end - 1].text)
            cluster.add(char_start, char_end, text_of(doc)[char_start:char_end], surface.kind)
            if surface.kind == "name":
                cluster.tokens.append((start, end))
                self._trailing_demonym(doc, clusters, start, end, body=actor.type in ("ORG", "FAC"))
            mentions.add(start, end, cluster, surface.kind, clitic=char_start != doc[start].idx)
        # فلاديمير بوتين: a town's name inside a longer name the model reads as a person's; but a
        # town's own name of several words, placed (إلى غازي عنتاب، مدينة غازي عنتاب), is the town
        named = {i for s, e, label in found if label in ("PERS", "ORG") and e - s >= 2
                 and not self._place_after_town_word(doc, s, e, label)
                 and not self._placed_town_name(doc, place_hits.get((s, e))) for i in range(s, e)}
        for (start, end), hit in place_hits.items():
            if mentions.covers(start, end) or set(range(start, end)) <= named or self._in_chain(doc, start, end) \
                    or end - start == 1 and self._in_compound_name(doc, start, found):
                continue
            said = self._country_said_after(doc, end, mentions)
            place = self.places.resolve([p for p in hit.payload if p.country == said] or hit.payload,
                                        self._countries(clusters))
            if place is not None and self._foreign_namesake(doc, hit, place, clusters, place_hits):
                if self._town_placed(doc, hit) and not self._stray_town(doc, hit, place, clusters, place_hits,
                                                                        read_as_place):
                    self._add_local_place(doc, clusters, mentions, hit)
                continue
            if place is None or self._stray_town(doc, hit, place, clusters, place_hits, read_as_place) \
                    or place.kind in TOWN_KINDS and self._noun_with_its_adjective(doc, start, end) \
                    or self._written_with_tanwin(doc, start, end) \
                    or self._town_read_as_person(doc, hit, place, found, mentions) or self._quoted_source(doc, start):
                continue
            key = f"{PLACE_KEY}{place.name}:{place.country}"
            cluster = clusters.get(key) or clusters.setdefault(key, Cluster(
                key=key, type=place.type, name=place.name, name_en=place.name_en,
                kb=place.kb, country=place.country, geo=self.places.geo(place)))
            cluster.add(hit.char_start, hit.char_end, text_of(doc)[hit.char_start:hit.char_end])
            mentions.add(start, end, cluster, "name")
        # A person's title before a name outweighs the NER model's label for it.
        for start, end in self.roles.names_after_titles(doc, positions, mentions):
            # where the model reads the name on past its last word, the name runs on as far (سعد بن محمد
            # عليان الشهراني: more words than a title's name takes)
            end = max([end] + [e for s, e, label in found if label == "PERS" and s < end and start < e])
            if not mentions.covers(start, end):
                self._add_ner(doc, clusters, mentions, start, end, "PERS")
        self._hashtag_names(doc, clusters, positions, mentions)
        unplaced = self._unplaced_words(doc, found, mentions)
        spans = list(found)  # a person's name after a glued و that cut a span joins them (below)
        for start, end, label in spans:
            person = self._given_name_of_earlier(doc, clusters, start, end) \
                if label in ("PERS", "LOC") and not mentions.covers(start, end) \
                and self._family_name_after(doc, start, end, mentions, found) == end else None  # مايكل كوهين: another
            if person is not None:  # حنين نوروز … حنين (not "nostalgia"): one person, whatever the model's label
                skip = clitic_chars(doc[start].text, self._name_clitic_letters(doc[start].norm_))
                person.add(doc[start].idx + skip, doc[start].idx + len(doc[start].text), doc[start].text[skip:])
                mentions.add(start, end, person, "name", clitic=skip > 0)
                continue
            if mentions.covers(start, end) or (start, end) in unplaced or self._common_word(doc, start, end, label) \
                    or self._unplaced_noun(doc, start, end, label) or self._indefinite_description(doc, start, end, label) \
                    or self._plural_verb(doc, start, end, label) or self._future_verb(doc, start, end) \
                    or self._nisba_adjective(doc, start, end, label) \
                    or self._place_after_town_word(doc, start, end, label) \
                    or self._kind_or_accusative(doc, start, end, label) or self._common_phrase(doc, start, end, label) \
                    or label == "LOC" and self._noun_with_its_adjective(doc, start, end) \
                    or self._site_named_after_person(doc, start, end, label) or self._vessel_name(doc, start) \
                    or self._operation_name(doc, start, end, label) \
                    or self._spelled_acronym(doc, start, end, label) or self._article_alone(doc, start, end) \
                    or self._inside_date(doc, start, end) or self._currency(doc, start, end) \
                    or label == "ORG" and self._uncited_outlet(doc, start, end) \
                    or label in ("PERS", "LOC") and self._written_with_tanwin(doc, start, end):
                continue
            if label == "ORG" and end - start >= 3 and doc[start].norm_.startswith(self.morphology.article) \
                    and self.roles.given_names.only_given(doc[start + 1].norm_):
                start, label = start + 1, "PERS"  # لدى المنظمة فيليب لاليو: a body named again, then a person
            read = (start, end)
            while end - start > 1 and doc[end - 1].is_punct:
                end -= 1  # تيريزا.. : the model ran on into the punctuation after the name
            end = self._before_weekday(doc, start, end)
            if label == "PERS":
                start, end = self._without_function_words(doc, start, end)
                if start == end:
                    continue  # بما يلي "as follows": no name
            if label == "LOC" and end - start == 1 and self._compound_head(doc, start):
                second = next_word(doc, end, 1)  # خان of خان شيخون: the name is both words
                if not mentions.covers(second, second + 1) and self._second_word_of_name(doc[second].norm_):
                    end = second + 1
            if label == "LOC":
                end = self._place_phrase_end(doc, start, end)
                if end < read[1] and not self.places.lookup(doc[start:end].text):
                    continue  # كمين للمقاومة: the model's reading was no place, and the rest is none
            if label == "PERS" and self._outlet_named(doc, start, end):
                label = "ORG"  # لوبوان تقول: an outlet the news names, whatever the model says
            elif label == "PERS" and self._word_before_in(doc, start, self.places.town_words):
                label = "LOC"  # قرية حاج خليل، بلدة لويس: a town named like a person, whatever the model says
            elif label != "PERS" and self._surname_of_earlier(doc, clusters, start, end):
                label = "PERS"  # دعا غوتيريس: a family name after the full name, whatever the model says
            elif label == "PERS" and end - start == 2 and self._surname_of_earlier(doc, clusters, start + 1, end) \
                    and not self._given_name(doc[start].norm_):
                start += 1  # بإبقاء برونسون: a word that is no given name before a family name known above
            if label in ("PERS", "LOC"):
                end = self._before_joined_word(doc, start, end)
                if label == "PERS" and end < read[1] and self._given_name(doc[end].norm_):
                    spans.append((end, read[1], label))  # قطب ارهابيا وحسن: وحسن opens another name
            if label == "PERS":
                end = self._without_verb_tail(doc, start, self._without_accusative_tail(doc, start, end))
            end = self._without_lexicon_accusative(doc, start, end)
            if label == "PERS" and (start, end) == read:
                end = self._family_name_after(doc, start, end, mentions, found)
            if label == "LOC" and end - start >= 2 and self.lexicon is not None \
                    and any(form in self.lexicon.word_class("locative") for form in self.proclitic_variants(doc[start].norm_)):
                start += 1  # (ب)محيط عفرين "around Afrin": the place is what follows the locative noun
            if (start, end) != read and (mentions.covers(start, end) or self._common_word(doc, start, end, label)
                                         or self._unplaced_noun(doc, start, end, label)
                                         or self._kind_or_accusative(doc, start, end, label)):
                continue  # what is left of the span, read again
            self._add_ner(doc, clusters, mentions, start, end, label)
        self._given_and_family_names(doc, positions, clusters, mentions)
        self._surnames(doc, clusters, positions, mentions)
        self._short_names_told_first(doc, clusters, mentions)
        self._towns_after_town_words(doc, positions, clusters, mentions)
        self._countrysides(doc, positions, clusters, mentions)
        self.facilities.add(doc, tuple(i for i in positions if i not in idioms), clusters, mentions)
        # before roles: وزير الداخلية في حكومة غزة serves the side its government is; before the
        # anaphors, so that الوزارة names again the وزارة الدفاع read here
        self._country_bound_names(doc, clusters, positions, mentions)
        if self.courts is not None:  # after the bodies known by country (المحكمة العليا in a story of Israel)
            self.courts.add(doc, positions, clusters, mentions)
        if self.quoted_names is not None:
            self.quoted_names.add(doc, positions, clusters, mentions)
        self._body_anaphors(doc, clusters, positions, mentions)
        self._relink_to_side(doc, clusters, mentions, year)
        self._side_governments(doc, clusters, positions, mentions, year)
        self._sides_named_alone(doc, clusters, positions, mentions, year)
        self.roles.attach(doc, clusters, positions, mentions, year,
                          cluster_for=lambda actor: self._cluster_for_actor(clusters, actor))
        self.roles.add_generic(doc, clusters, positions, mentions, self._main_country(clusters),
                               side_cluster=lambda side: self._side_cluster(clusters, side, year))
        self._own_countries(doc, clusters, positions, mentions)
        self._type_seats(doc, clusters)
        self._merge_kind_named_places(clusters)
        return self._entities(clusters)

    def _body_anaphors(self, doc: Doc, clusters: dict[str, Cluster], positions: tuple[int, ...],
                       mentions: MentionMap) -> None:
        """A body's head noun alone with the article (التحالف، المجلس، الوكالة) names again the one
        organisation of the article whose name of several words it heads (تحالف دعم الشرعية في
        اليمن، مجلس الوزراء، وكالة الأنباء السعودية); not where a definite adjective follows it
        (المجلس الوطني: another body's name). A head that is a generic noun stands for its kind of
        actor, in either number and spelling (ميليشيا الحوثي … الميليشيات، المليشيا)."""
        if self.lexicon is None:
            return
        heads, nouns = self.lexicon.name_words["body_head"], self.lexicon.generic_nouns.forms
        article = self.morphology.article

        def kind(bare: str) -> str:
            noun = nouns.get((bare,))
            return bare if noun is None else noun.name_en.split(",")[0]

        named: dict[str, set[str]] = {}
        for cluster in clusters.values():
            if cluster.type == "ORG":
                for start, end in cluster.tokens:
                    for form in self.proclitic_variants(doc[start].norm_):
                        bare = form[len(article):] if form.startswith(article) else form
                        if end - start >= 2 and bare in heads:
                            named.setdefault(kind(bare), set()).add(cluster.key)
        if not named:
            return
        norms = token_table(doc).norm
        for k, i in enumerate(positions):
            if i in mentions.by_token:
                continue
            following = norms[positions[k + 1]] if k + 1 < len(positions) else ""
            if following.startswith(article):
                continue
            for form in self.proclitic_variants(norms[i]):
                bare = form[len(article):]
                if form.startswith(article) and bare in heads and len(named.get(kind(bare), ())) == 1:
                    token = doc[i]
                    cluster = clusters[next(iter(named[kind(bare)]))]
                    skip = clitic_chars(token.text, len(token.norm_) - len(form))
                    cluster.add(token.idx + skip, token.idx + len(token.text), token.text[skip:], "collective")
                    mentions.add(i, i + 1, cluster, "collective", clitic=skip > 0)
                    break

    def _country_bound_names(self, doc: Doc, clusters: dict[str, Cluster], positions: tuple[int, ...],
                             mentions: MentionMap) -> None:
        """A body name that names a different body in each country's news (الجيش الوطني: Haftar's
        army in Libya, the recognised army in Yemen) is the body of the country of its demonym
        right after it, else of the article's; in a story of none of its countries it names nothing."""
        table = self.base.country_bound
        if not table:
            return
        main = self._main_country(clusters)
        heads = self.lexicon.name_words["body_head"] if self.lexicon is not None else frozenset()
        for hit in find_phrases(doc, table, max(len(key) for key in table), positions, morphology=self.morphology):
            if mentions.covers(hit.start, hit.end):
                continue  # part of a longer known name (الجيش الوطني الليبي)
            before, after = next_word(doc, hit.start - 1, -1), next_word(doc, hit.end, 1)
            if before >= 0 and any(form in heads for form in self.proclitic_variants(doc[before].norm_)) \
                    or after < len(doc) and doc[after].norm_.startswith(self.morphology.contraction):
                continue  # مركز الدفاع المدني, لجنة القوات المسلحة; القوة الجوية للحرس الثوري: another's body
            demonym = _demonym_after(doc, mentions, hit.end)
            country = demonym.cluster.country if demonym is not None else main
            actor = hit.payload.get(country or "")
            if actor is None:
                continue
            cluster = self._cluster_for_actor(clusters, self.base.actors[actor])
            cluster.add(hit.char_start, hit.char_end, text_of(doc)[hit.char_start:hit.char_end])
            cluster.tokens.append((hit.start, hit.end))
            mentions.add(hit.start, hit.end, cluster, "name", clitic=hit.char_start != doc[hit.start].idx)

    def _relink_to_side(self, doc: Doc, clusters: dict[str, Cluster], mentions: MentionMap,
                        year: int | None) -> None:
        """A rival side's government named in another country's terms goes to that country's side
        its words mark: حكومة الوفاق (Tripoli's in the knowledge base) in a Gaza story, or followed
        by الفلسطينية, is the Palestinian consensus government; الحكومة المعترف بها دوليا in a
        Libyan story Tripoli's, not Yemen's. The country is the demonym right after the name, else
        the article's."""
        main = self._main_country(clusters)
        for cluster in list(clusters.values()):
            side = self.base.side_of(cluster.key) if cluster.from_kb else None
            if side is None:
                continue
            for start, end in list(cluster.tokens):
                demonym = _demonym_after(doc, mentions, end)
                country = demonym.cluster.country if demonym is not None else main
                other = self.sides.within(doc, start, end, country) if country != side.country else None
                if other is not None:
                    self._move_mention(doc, cluster, self._side_cluster(clusters, other, year), start, end, mentions)

    @staticmethod
    def _move_mention(doc: Doc, source: Cluster, target: Cluster, start: int, end: int,
                      mentions: MentionMap) -> None:
        """Give the name mention over tokens [start, end) of one cluster to another."""
        placed = mentions.by_start[start]
        first, last = doc[start], doc[end - 1]
        inside = [span for span in source.mentions if first.idx <= span[0] and span[1] <= last.idx + len(last.text)]
        for span in inside:
            text, kind = source.mentions.pop(span)
            target.add(span[0], span[1], text, kind)
        source.tokens.remove((start, end))
        target.tokens.append((start, end))
        mentions.add(start, end, target, placed.kind, clitic=placed.clitic)

    def _side_governments(self, doc: Doc, clusters: dict[str, Cluster], positions: tuple[int, ...],
                          mentions: MentionMap, year: int | None) -> None:
        """A government head the knowledge base does not name with what follows it (حكومة الحمد
        الله، سلطة الانقلابيين، الحكومة المؤقتة، الحكومة في رام الله) is the government of the side
        of its country that the words after it mark; the country is its demonym's (السلطات
        العراقية الاتحادية) or the article's. A forces head with a marker after it, no في between
        (قوات الشرعية، قوى الانقلاب), is the side's armed body. Without a marker it is left to the generic
        actors."""
        main = self._main_country(clusters)
        norms = token_table(doc).norm
        for i in positions:
            if i in mentions.by_token:
                continue
            head = self.sides.head_of(norms[i])
            forces = self.sides.head_of(norms[i], self.sides.force_heads) if head is None else None
            if head is None and forces is None:
                continue
            end, country = i + 1, main
            demonym = _demonym_after(doc, mentions, end)
            if demonym is not None:
                end, country = demonym.end, demonym.cluster.country
            marked = self.sides.after(doc, end, country, linked=head is not None)
            if marked is None or forces is not None and marked[0].forces is None:
                continue
            side, marker_end = marked
            skip = clitic_chars(doc[i].text, len(doc[i].norm_) - len(head or forces))
            char_start, char_end = doc[i].idx + skip, doc[marker_end - 1].idx + len(doc[marker_end - 1].text)
            cluster = self._side_cluster(clusters, side, year) if head is not None \
                else self._cluster_for_actor(clusters, self.base.actors[side.forces])
            cluster.add(char_start, char_end, text_of(doc)[char_start:char_end])
            # a name of its own inside the phrase (حكومة عبد ربه منصور هادي) keeps its tokens
            end = marker_end if not mentions.covers(i + 1, marker_end) else i + 1
            cluster.tokens.append((i, end))
            mentions.add(i, end, cluster, "name", clitic=skip > 0)

    def _sides_named_alone(self, doc: Doc, clusters: dict[str, Cluster], positions: tuple[int, ...],
                           mentions: MentionMap, year: int | None) -> None:
        """A word that alone names a side's government in news of its country (rival_authorities.tsv
        column alone: النظام in an article on Syria is Assad's government, قوات النظام its army),
        with the article and nothing definite after it: النظام الانتخابي is an electoral system,
        النظام الإيراني another state's."""
        main = self._main_country(clusters)
        sides = [side for side in self.base.sides if side.country == main and side.alone]
        if not sides:
            return
        article = self.morphology.article
        for k, i in enumerate(positions):
            if i in mentions.by_token:
                continue
            norm = doc[i].norm_
            form = next((f for f in self.proclitic_variants(norm) if f.startswith(article)), None)
            side = next((s for s in sides if form in s.alone), None)
            if side is None:
                continue
            after = positions[k + 1] if k + 1 < len(positions) else None
            if after is not None and (after in mentions.by_token or doc[after].norm_.startswith(article)):
                continue
            skip = clitic_chars(doc[i].text, len(norm) - len(form))
            cluster = self._side_cluster(clusters, side, year)
            start, end = doc[i].idx + skip, doc[i].idx + len(doc[i].text)
            cluster.add(start, end, text_of(doc)[start:end])
            cluster.tokens.append((i, i + 1))
            mentions.add(i, i + 1, cluster, "name", clitic=skip > 0)

    def _own_countries(self, doc: Doc, clusters: dict[str, Cluster], positions: tuple[int, ...],
                       mentions: MentionMap) -> None:
        """A word for one's own country (بلاده، بلادها: own_country) names the country of the
        person or body named last before it, in its sentence or the two before (وقال وزير
        الخارجية التركي … إن بلاده لن تسلم التسجيلات: Turkey), as an anaphor (kind collective)."""
        words = self.lexicon.word_class("own_country") if self.lexicon is not None else frozenset()
        if not words:
            return
        norms = token_table(doc).norm
        for i in positions:
            if not any(word in norms[i] for word in words):  # a cheap test before the clitic variants
                continue
            form = next((f for f in self.proclitic_variants(norms[i]) if f in words), None)
            if form is None or i in mentions.by_token:
                continue
            owner = self._last_actor_before(doc, i, mentions)
            actor_id = self.base.country_actor.get(owner.country) if owner is not None and owner.country else None
            if actor_id is None:
                continue
            cluster = self._cluster_for_actor(clusters, self.base.actors[actor_id])
            token = doc[i]
            skip = clitic_chars(token.text, len(token.norm_) - len(form))
            cluster.add(token.idx + skip, token.idx + len(token.text), token.text[skip:], "collective")
            mentions.add(i, i + 1, cluster, "collective", clitic=skip > 0)

    @staticmethod
    def _last_actor_before(doc: Doc, position: int, mentions: MentionMap) -> Cluster | None:
        """The person or body named last before a token, in its sentence or the two before."""
        lo = sentence_of(doc, position).start
        for _ in range(2):
            lo = sentence_of(doc, lo - 1).start if lo > 0 else lo
        for j in range(position - 1, lo - 1, -1):
            placed = mentions.by_token.get(j)
            if placed is not None and placed.cluster.type in ("PERSON", "ORG"):
                return placed.cluster
        return None

    def _side_cluster(self, clusters: dict[str, Cluster], side: RivalSide, year: int | None) -> Cluster:
        """The cluster of the body that held the side's government in the article's year."""
        actors = [self.base.actors[actor_id] for actor_id in side.actors]
        return self._cluster_for_actor(clusters, min(actors, key=lambda actor: not in_office(actor, year)))

    def _idiom_tokens(self, doc: Doc, positions: tuple[int, ...]) -> set[int]:
        """The tokens of the Lexicon's name idioms in the text (مسقط رأسه، صلاة المغرب), where
        no name is mentioned."""
        idioms = self.lexicon.name_idioms if self.lexicon is not None else {}
        if not idioms:
            return set()
        hits = find_phrases(doc, idioms, max(len(key) for key in idioms), positions, morphology=self.morphology)
        return {i for hit in hits for i in range(hit.start, hit.end)}

    def _short_first_word_hits(self, doc: Doc, positions: tuple[int, ...], kb_hits: list[Hit]) -> list[Hit]:
        """Known names of several words whose first word is too short for its glued clitic to
        come off in the phrase matcher (لبي بي سي: ل + بي بي سي)."""
        taken = {i for hit in kb_hits for i in range(hit.start, hit.end)}
        hits = []
        norms = token_table(doc).norm
        for k, i in enumerate(positions):
            word = norms[i]
            if i in taken or not 2 <= len(word) <= SHORT_WORD + 1 or word[0] not in self.morphology.name_clitics:
                continue
            for n in range(min(self.base.max_surface_words, len(positions) - k), 1, -1):
                following = positions[k + 1:k + n]
                key = (word[1:],) + tuple(norms[j] for j in following)
                if key in self.base.surfaces and not taken & set(range(i, following[-1] + 1)):
                    last = doc[following[-1]]
                    hits.append(Hit(i, following[-1] + 1, doc[i].idx + clitic_chars(doc[i].text, 1),
                                    last.idx + len(last.text), self.base.surfaces[key]))
                    taken.update(range(i, following[-1] + 1))
                    break
        return hits

    def _as_written(self, doc: Doc, positions: tuple[int, ...], hits: list[Hit]) -> list[Hit]:
        """The knowledge base's names, less those whose first word is written with a final ى where
        every name they stand for writes ي (normalised the two are one letter: على محمود عباس is
        "on Mahmoud Abbas", not Ali Mahmoud Abbas), which are read again from their second word."""
        kept = []
        for hit in hits:
            token = doc[hit.start]
            written = token.text[hit.char_start - token.idx:]
            names = [self.base.actors[s.actor].name.split() for s in hit.payload]
            if last_letter(written) != ALEF_MAQSURA or not names \
                    or any(name and last_letter(name[0]) == ALEF_MAQSURA for name in names):
                kept.append(hit)
                continue
            rest = [i for i in positions if hit.start < i < hit.end]
            kept += find_phrases(doc, self.base.surfaces, self.base.max_surface_words, rest, morphology=self.morphology)
        return kept

    def _word_not_name(self, doc: Doc, hit: Hit, surface: Surface) -> bool:
        """Whether a one-word name of a known organisation or person is, as written, one of the
        Lexicon's common words (آفاد of the Turkish disaster agency is أفاد "reported" once
        normalised): a verb or a function word, never the name alone; or is read after a lone
        glued ك, which begins common words (كلامي "my words", not لامي); or is written with a hamza
        on ya or waw where the name has the plain letter (الفائز "the winner", not الفايز)."""
        actor = self.base.actors[surface.actor]
        if hit.end - hit.start != 1 or surface.kind != "name" or actor.type not in ("ORG", "PERSON"):
            return False
        written = text_of(doc)[hit.char_start:hit.char_end]
        word = normalize(written)
        if word in self.roles.common_words or text_of(doc)[doc[hit.start].idx:hit.char_start] in self.morphology.lone_kept:
            return True
        seats = {seat[-1] for seat in self.morphology.hamza_seats}  # ي، و: a hamza's seats besides alef
        return any(normalize(own) == word and len(own) == len(written) and any(
            a != b and normalize(a) == b and b in seats for a, b in zip(written, own))
            for own in actor.name.split())

    def _surname_of_another(self, doc: Doc, hit: Hit, surface: Surface) -> bool:
        """Whether a known person's family name alone (ساندرز، كيري) is another person's: it follows
        a given name that is not theirs (سارة ساندرز، جيم كيري), here or where the text wrote it
        before (سارة ساندرز … وأضافت ساندرز). The NER model names that person in full."""
        if hit.end - hit.start != 1 or surface.kind != "name" or self.base.actors[surface.actor].type != "PERSON":
            return False
        word = normalize(text_of(doc)[hit.char_start:hit.char_end])
        norms, chain = token_table(doc).norm, self.lexicon.name_words["chain"] if self.lexicon is not None else ()
        for i in range(hit.start, 0, -1):
            if i != hit.start and norms[i] != word or not doc[i - 1].is_alpha:
                continue
            given = norms[i - 1]  # not a word of descent (ابن ترمب: Trump's son) nor a common one (كان، باعتقال)
            if given not in chain and self._other_given_name(given) and not any(
                    other.actor == surface.actor for other in self.base.surfaces.get((given, word), ())):
                return True
        return False

    def _other_given_name(self, word: str) -> bool:
        """Whether a word before a known person's family name is another person's given name: a
        given name of the name lists that is, clitics aside, none of the Lexicon's common words (the
        name lists hold كان، بين، اعتقال)."""
        return self._given_name(word) and not any(form in self.roles.common_words for form in self.proclitic_variants(word))

    def _site_or_adjective_not_body(self, doc: Doc, hit: Hit, surface: Surface) -> bool:
        """Whether a known organisation's one-word name is, where it stands, the name of a site or
        place after the word for its kind (مدرسة المنار، حي الجزيرة), or a relative adjective after a
        definite noun or one with its owner's pronoun (اللغة العربية، هويتهم العربية: not the
        channel), with no glued preposition on it and no word for an outlet's kind before it."""
        if hit.end - hit.start != 1 or surface.kind != "name" or self.base.actors[surface.actor].type != "ORG" \
                or self.lexicon is None:
            return False
        before = next_word(doc, hit.start - 1, -1)
        if before < 0:
            return False
        forms = self.proclitic_variants(doc[before].norm_)
        morphology = self.morphology
        kinds = self.lexicon.name_words["site_head"] | self.lexicon.facility_words["head"] | self.places.place_words
        if any(form in kinds for form in forms):
            return True
        token = doc[hit.start]
        glued = normalize(token.text[:hit.char_start - token.idx])
        name = normalize(text_of(doc)[hit.char_start:hit.char_end])
        nisba = morphology.nisba + (morphology.ta_marbuta or "")
        if set(glued) & morphology.name_prepositions or not name.startswith(morphology.article) \
                or not name.endswith(nisba) or any(form in self.lexicon.name_kinds for form in forms):
            return False
        if any(other.actor == surface.actor for other in self.base.surfaces.get((name[len(morphology.article):],), ())):
            return False  # المواقع الحوثية: a group the knowledge base names by its bare adjective too (حوثية)
        if doc[before].norm_ in self._stop_words:
            return False  # إلى العربية: a particle, not a noun
        return any(form.startswith(morphology.article) for form in forms) \
            or any(len(pronoun) >= 2 and doc[before].norm_.endswith(pronoun) for pronoun in morphology.possessives)

    def _uncited_outlet(self, doc: Doc, start: int, end: int) -> bool:
        """Whether an outlet's name that is also a common word or a place's name (الجزيرة "the
        island", العربية "Arabic", الشرق الأوسط "the Middle East"), or a place's name and common
        words (روسيا اليوم "Russia today"), stands where nothing cites it: a speech verb, an according
        or relay word before it (قالت الجزيرة، بحسب العربية، نقلا عن الجزيرة), a glued ل (للعربية "to
        Al Arabiya") or a quote mark. The name with its kind (قناة الجزيرة) is a longer span and needs
        none."""
        if self.lexicon is None:
            return False
        forms = self.proclitic_variants(doc[start].norm_)
        rest = tuple(doc[i].norm_ for i in range(start + 1, end))
        names = [(form,) + rest for form in forms
                 if any(s.kind == "name" and self.base.actors[s.actor].sector == "MED"
                        for s in self.base.surfaces.get((form,) + rest, ()))]
        if not any(self._outlet_of_common_words(name) for name in names):
            return False  # الغارديان، الأناضول، نيويورك تايمز: no common word, no place
        if any(form.startswith(self.morphology.contraction) for form in forms):
            return False  # للعربية "to Al Arabiya" (بالعربية is "in Arabic")
        if start > 0 and doc[start - 1].text in QUOTE_MARKS:
            return False  # «الجزيرة»: a name set apart
        before = next_word(doc, start - 1, -1)
        return before < 0 or not any(form in self._citing_words for form in self.proclitic_variants(doc[before].norm_))

    def _outlet_of_common_words(self, name: tuple[str, ...]) -> bool:
        """Whether an outlet's name (normalised words) reads as common words: one word with the
        article that the corpus often writes without it (الجزيرة), a place's name (الشرق الأوسط),
        or a place's name followed by words the corpus often writes (روسيا اليوم، بغداد اليوم)."""
        article, counts = self.morphology.article, self.lexicon.word_counts
        if self.places.lookup(" ".join(name)):
            return True
        if len(name) == 1:
            return name[0].startswith(article) and counts.get(name[0][len(article):], 0) \
                >= max(OUTLET_COMMON_MIN, OUTLET_COMMON_SHARE * counts.get(name[0], 0))
        return bool(self.places.lookup(name[0])) and all(counts.get(word, 0) >= OUTLET_COMMON_WORD for word in name[1:])

    def _outlet_named(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the words, a glued clitic of the first aside, are a news outlet's name
        (data/outlets/outlets.tsv)."""
        if self.lexicon is None:
            return False
        rest = " ".join(doc[i].text for i in range(start + 1, end))
        return any(self.lexicon.quotes.outlets.named(f"{form} {rest}".strip()) is not None
                   for form in self.proclitic_variants(doc[start].norm_))

    def _quoted_source(self, doc: Doc, start: int) -> bool:
        """Whether a name opens a quotation right after an according or relay word (نقلا عن
        "الشروق"، بحسب «الوطن»): the outlet or body cited, not a place of the same name."""
        if start < 2 or doc[start - 1].text not in QUOTE_MARKS or self.lexicon is None:
            return False
        before = next_word(doc, start - 2, -1)
        classes = self.lexicon.quotes.classes
        return before >= 0 and any(form in classes["according_after"] | classes["relay_from"]
                                   for form in self.proclitic_variants(doc[before].norm_))

    @cached_property
    def _citing_words(self) -> frozenset[str]:
        """The words that cite an outlet named after them: the first word of a speech verb (قالت،
        ذكرت), an according word (بحسب، وفق), the last word of a relay cue (نقلت، أوردته، نقلا
        عن) that is no preposition (نسبت إلى، في مقابلة مع) and a verb of publishing (بثته، نشرت)."""
        quotes = self.lexicon.quotes
        relays = frozenset(key[-1] for key, (kind,) in quotes.source_cues.items() if kind == "relay")
        # a phrase's first word only where it is no function word (في of في بيان، كما of كما قال)
        verbs = frozenset(key[0] for key in quotes.speech_verbs if len(key) == 1) | frozenset(
            key[0] for key in quotes.speech_verbs if key[0] not in quotes.prepositions | quotes.function_words)
        return verbs | relays - quotes.prepositions | quotes.classes["according_after"] | quotes.classes["relay_from"] \
            | quotes.classes["publish"]

    @cached_property
    def _written_stop_words(self) -> frozenset[str]:
        """spaCy's Arabic stop words as written, hamza and final ى kept (فإن، على; تحت، تلك: no verbs)."""
        from spacy.lang.ar.stop_words import STOP_WORDS

        return frozenset(STOP_WORDS)

    @cached_property
    def _stop_words(self) -> frozenset[str]:
        """spaCy's Arabic stop words, normalised."""
        return function_words()

    def _trailing_demonym(self, doc: Doc, clusters: dict[str, Cluster], start: int, end: int,
                          body: bool = False) -> None:
        """A name that ends in a nationality (فيلق القدس الإيراني) also mentions the country, and
        a body's name that ends in a country's name (تحالف دعم الشرعية في اليمن) the country."""
        last = doc[end - 1]
        if end - start < 2:
            return
        for surface in self.base.surfaces.get((last.norm_,), []):
            if surface.kind == "demonym" or body and surface.kind == "name" \
                    and self.base.actors[surface.actor].type == "GPE":
                country = self._cluster_for_actor(clusters, self.base.actors[surface.actor])
                country.add(last.idx, last.idx + len(last.text), last.text, surface.kind)
                return

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
            return (surface.kind != "name", not in_office(self.base.actors[surface.actor], year))
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
        return actor.type == "ORG" and actor.id in self.collective_actors

    def _add_ner(self, doc: Doc, clusters: dict[str, Cluster], mentions: MentionMap,
                 start: int, end: int, label: str) -> None:
        if label == "PERS":  # a name is never cut inside a chain of descent (بن، آل)
            start, end = self._given_name_before_chain(doc, start, mentions), self._chain_end(doc, start, end, mentions)
        span = doc[start:end]
        # The model tags whole tokens: a conjunction or preposition glued to the first word
        # (وعماد عبد الحميد، للرئيس) is left out of the name.
        # The rest must be written more often than the whole, and only و، ب، ل come off a name:
        # a rare or foreign name keeps its first letter (بافل، وائل، كريس، فيصل).
        first = span[0]
        letters = self._name_clitic_letters(first.norm_) or self._and_after_place(doc, start, label, mentions)
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
        if linked is not None and self.base.actors[linked].sector == "MED" and self._uncited_outlet(doc, start, end):
            linked = None  # في الجزيرة "in the island", read as a place: no outlet
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
                self._locate(cluster, text, clusters, self._country_said_after(doc, end, mentions),
                             below_province=self._word_before_in(doc, start, self.places.town_words))
        else:
            return
        cluster.add(span.start_char + skip, span.end_char, text)
        cluster.tokens.append((start, end))
        mentions.add(start, end, cluster, "name", clitic=skip > 0)

    def _place_lists(self, doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The NER model's spans, a person's or body's name of several words that are all places the
        gazetteer knows, each after the first joined by a glued و (بين مأرب والبيضاء، تكريت ونينوى
        والرمادي), read as one place a word: a list of places, not one name."""
        conjunctions = self.morphology.name_conjunctions
        out = []
        for start, end, label in found:
            if label in ("PERS", "ORG") and end - start >= 2 and self.places.lookup(doc[start].text) and all(
                    doc[i].norm_[:1] in conjunctions and self.places.lookup(doc[i].text[1:]) for i in range(start + 1, end)):
                out += [(i, i + 1, "LOC") for i in range(start, end)]
            else:
                out.append((start, end, label))
        return out

    def _and_after_place(self, doc: Doc, start: int, label: str, mentions: MentionMap) -> int:
        """1 where the NER model's place begins with a و glued to a word the corpus seldom writes,
        right after another place (الصين وكازخستان، سيناء ودلتا النيل): the و joins the two, where
        the word counts, seldom writing either form, do not tell."""
        word = doc[start].norm_
        if label != "LOC" or self.lexicon is None or word[:1] not in self.morphology.name_conjunctions \
                or len(word) - 1 < MIN_JOINED_PLACE or self.lexicon.word_counts.get(word, 0) >= RARE_JOINED_PLACE:
            return 0
        before = mentions.by_token.get(next_word(doc, start - 1, -1))
        return 1 if before is not None and before.cluster.type in ("GPE", "LOC") else 0

    def _locate(self, cluster: Cluster, text: str, clusters: dict[str, Cluster], said: str | None = None,
                below_province: bool = False) -> None:
        """Give a place the NER model found its country and coordinates where the gazetteer,
        villages included, names it in a country the text names, or in one country only
        (عفرين with سوريا or السوري in the text: Afrin, Syria), unless a small town far from the
        places the text names (قرية الصرمان in a story of Idlib: no Libyan Surman); the country `said`
        right after the name (سنجار في العراق) chooses among its candidates first. `below_province`: the name
        follows a word for a town or a district, so no province (admin1) is its place."""
        candidates = [p for p in self.places.lookup(text) if not (below_province and p.kind == "admin1")]
        candidates = [p for p in candidates if p.country == said] or candidates
        if not candidates:
            return
        context = self._countries(clusters)
        place = self.places.resolve(candidates, context)
        if place is None or not place.country or place.country not in context and (
                len({p.country for p in candidates}) > 1 or self._small_and_far(candidates, place, clusters)):
            return  # a village of the story's own land that shares a small foreign town's name
        cluster.type, cluster.country, cluster.geo = place.type, place.country, self.places.geo(place)
        cluster.name_en = cluster.name_en or place.name_en

    @staticmethod
    def _add_local_place(doc: Doc, clusters: dict[str, Cluster], mentions: MentionMap, hit: Hit) -> None:
        """A name placed as a place that the gazetteer lists only abroad (غربي الحسينية in a story of
        Hodeidah): a place all the same, of no foreign country."""
        name = text_of(doc)[hit.char_start:hit.char_end]
        key = f"loc:{normalize(name)}"
        cluster = clusters.setdefault(key, Cluster(key, "LOC", name))
        cluster.add(hit.char_start, hit.char_end, name)
        cluster.tokens.append((hit.start, hit.end))
        mentions.add(hit.start, hit.end, cluster, "name")

    def _country_said_after(self, doc: Doc, end: int, mentions: MentionMap) -> str | None:
        """The country a place's name is placed in right after it: its adjective (حلب السورية) or
        its name after a preposition of place (سنجار في العراق، سنجار بالعراق)."""
        after = next_word(doc, end, 1)
        placed = mentions.by_start.get(after)
        if placed is None and after < len(doc) and doc[after].norm_ in self.places.evidence:
            placed = mentions.by_start.get(next_word(doc, after + 1, 1))
        if placed is None or placed.cluster.type != "GPE" or not placed.cluster.from_kb:
            return None
        return placed.cluster.country

    @staticmethod
    def _countries(clusters: dict[str, Cluster]) -> Counter[str]:
        """The countries of the text's places and of its bodies and people (ميليشيات الحوثي: Yemen,
        so that البيضاء there is Yemen's, not Libya's), with how many mentions name each."""
        counts: Counter[str] = Counter()
        for cluster in clusters.values():
            if cluster.country:
                counts[cluster.country] += len(cluster.mentions)
        return counts

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
            cluster.name = cluster.name.replace(HASHTAG_JOINER, " ")  # a name written as a hashtag (#كيم_جونغ_أون)
            if cluster.type == "PERSON" and cluster.name_en is None:
                cluster.name_en = self.romanizer.english_name(cluster.name, cluster.country)
            entities.append(Entity(
                id=f"e{number}", type=cluster.type, name=cluster.name, name_en=cluster.name_en,
                kb=cluster.kb, country=cluster.country, sector=cluster.sector,
                roles=list(cluster.roles), geo=cluster.geo,
                mentions=[Mention(s, e, t, k) for (s, e), (t, k) in sorted(cluster.mentions.items())]))
        return entities


def _demonym_after(doc: Doc, mentions: MentionMap, end: int):
    """The nationality adjective written on its own right after token `end` (حكومة الوفاق الوطني
    الفلسطينية), which names the country a body before it belongs to, or None."""
    following = mentions.after(doc, end)
    return following if following is not None and following.kind == "demonym" and not following.clitic else None


def in_office(actor: Actor, year: int | None) -> bool:
    """Whether an actor held its main role in the year, a year's slack either side (unknown years hold)."""
    return year is None or actor.start is None or actor.start - 1 <= year <= (actor.end or 9999) + 1


# A word this short keeps a glued letter in the phrase matcher (بي of بي بي سي).
SHORT_WORD = 2  # the conjunction glued to the second of two coordinated names
# An outlet's one-word name with the article is a common word where the corpus writes the word
# without the article this often and at least this share of the times with it (جزيرة 224 beside
# الجزيرة 312, عربية 746 beside العربية 3,344; غارديان 9, أناضول never).
OUTLET_COMMON_MIN = 20
OUTLET_COMMON_SHARE = 0.2
# An outlet's name of a place and other words reads as common words where the corpus writes each of
# the others this often (روسيا اليوم: اليوم 1,711 times in the word counts; not فرانس برس: برس 489).
OUTLET_COMMON_WORD = 1000
# A place the NER model reads with a glued و right after another place loses the و where this many
# letters are left and the corpus writes the whole word fewer times than this (وكازخستان, never;
# ولبنان is a counted word, whose و the word counts already tell).
MIN_JOINED_PLACE = 4
RARE_JOINED_PLACE = 5


def _seats_of_government(base: ActorBase) -> frozenset[str]:
    """Buildings (FAC) of the knowledge base that a country also lists among its metonyms: the
    seats whose name news uses for the office inside them (countries.tsv, column metonyms)."""
    seats = set()
    for surfaces in base.surfaces.values():
        if any(s.kind == "metonym" for s in surfaces):
            seats.update(s.actor for s in surfaces if s.kind == "name" and base.actors[s.actor].type == "FAC")
    return frozenset(seats)


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
                  requires=["doc.ents", "token.norm", "doc._.dates"])
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
