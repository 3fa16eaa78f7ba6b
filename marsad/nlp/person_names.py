"""Person names for the entity linker: where a name the NER model read begins and ends, its
family name alone later, and a name written as a hashtag."""
from __future__ import annotations

from spacy.tokens import Doc

from marsad.nlp.basics import HASHTAG, next_word, text_of, token_table
from marsad.nlp.clusters import Cluster, MentionMap
from marsad.nlp.ner_misreadings import ACCUSATIVE_MIN_COUNT, ARTICLE_MIN_COUNT, ARTICLE_SHARE, end_before_tail
from marsad.nlp.phrases import clitic_chars
from marsad.text.normalize import normalize

# A word after a one-word given name the NER model reads as a person is the family name it left out
# where the corpus writes the word fewer times than this (بزي 12, قاسية 34; a common word far more).
FAMILY_NAME_MAX_COUNT = 40
# A given name the NER model left unread opens a name of two words with the rare word after it only
# where the corpus writes it fewer times than this as a word of its own (مارتن 115, كريستيان 16; عمر 309
# and كامل 419 are "age" and "whole" as often as names, and the model reads the common names).
GIVEN_NAME_MAX_COUNT = 150
# The letter a hashtag joins its words with (#ماريانو_راخوي), and the most words of a name in one.
HASHTAG_JOINER = "_"
HASHTAG_NAME_WORDS = 4


class PersonNames:
    """The EntityLinker's rules for people's names; they read the linker's lexicon, roles,
    morphology, place context and stop words."""

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

    def _without_function_words(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """A person's name read by the model without the function words at its ends (فإن نور الدين،
        أحيل الموسوي على التحقيق): (start, end), empty where nothing is left (بما يلي)."""
        while start < end and self._function_word(doc[start].text):
            start += 1
        while end > start and self._function_word(doc[end - 1].text):
            end -= 1
        return start, end

    def _function_word(self, written: str) -> bool:
        """Whether a word as written is a stop word that begins or ends no name: not a word of a
        name's chain or kunya (ابن، آل، أبو، أم), and written with a hamza or final ى that the name
        it folds to lacks (فإن, not فان "van"; على, not علي) or folding to no given name."""
        if self.lexicon is None or written not in self._written_stop_words:
            return False
        word = normalize(written)
        if word in self.lexicon.name_words["chain"] or word in self.lexicon.name_words["kunya"]:
            return False
        return word != written or not self._given_name(word)

    def _without_verb_tail(self, doc: Doc, start: int, end: int) -> int:
        """Where a person's name read by the model ends before a word of the lexicon's (a verb of its
        triggers or speech, a stop word) that the corpus writes often and no name list gives as a
        given name (كيم زار بكين "Kim visited Beijing"): the name ends before the verb."""
        if self.lexicon is None:
            return end
        counts = self.lexicon.word_counts
        # كيم زار بكين، جيم كيري يعلق على: the name ends before the verb (يونس is a given name)
        return end_before_tail(doc, start, end, lambda word: not self._given_name(word) and (
            self.lexicon.imperfect_verb(word) or word in self.roles.common_words
            and counts.get(word, 0) >= FAMILY_NAME_MAX_COUNT))

    def _without_accusative_tail(self, doc: Doc, start: int, end: int) -> int:
        """Where a person's name read by the model ends before the common words in the indefinite
        accusative it ran into (جعل سيد قطب ارهابيا "made Qutb a terrorist"): no name ends so."""
        tanwin = self.morphology.tanwin
        if self.lexicon is None or not tanwin:
            return end
        counts = self.lexicon.word_counts
        return end_before_tail(doc, start, end, lambda word: word.endswith(tanwin)
                               and counts.get(word[:-len(tanwin)], 0) >= ACCUSATIVE_MIN_COUNT
                               and counts.get(word[:-len(tanwin)], 0) > counts.get(word, 0))

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
        after = next_word(doc, end, 1)
        if after >= len(doc) or not doc[after].is_alpha or mentions.covers(after, after + 1) \
                or any(s <= after < e for s, e, _ in found):
            return end
        word, counts = doc[after].norm_, self.lexicon.word_counts
        if word in self._stop_words or word in self.roles.common_words or counts.get(word, 0) >= FAMILY_NAME_MAX_COUNT:
            return end
        return end if self._no_family_name(word) else after + 1

    def _known_name_span(self, doc: Doc, start: int, end: int, mentions: MentionMap) -> tuple[int, int]:
        """Where a known person's name, as the knowledge base matched it, begins and ends: past
        the titles its alias opens with (الملك سلمان: سلمان; الأمير محمد بن سلمان) and on through
        a chain of descent the alias stops short of (سلمان بن عبدالعزيز، محمد بن زايد آل نهيان)."""
        titles = self.base.titles
        while end - start > 1:
            title = next((k for k in range(min(self.roles.title_words, end - start - 1), 0, -1)
                          if tuple(doc[i].norm_ for i in range(start, start + k)) in titles), 0)
            if not title:
                break
            start += title
        return start, self._chain_end(doc, start, end, mentions)

    def _chain_end(self, doc: Doc, start: int, end: int, mentions: MentionMap) -> int:
        """Where a person's name ends that a word of descent or family follows (بن، آل): the
        name runs on through each such word and the name after it (بن عبد العزيز: a compound),
        where that name is a word no other mention holds and no common or stop word."""
        if self.lexicon is None:
            return end
        kinds = self.lexicon.name_words
        if end - start >= 2 and doc[end - 1].norm_ in kinds["chain"]:
            end -= 1  # a span the model ends on a word of descent (… بن حمد آل): the chain goes on past it
        if end < len(doc) and (doc[end].norm_ in kinds["name_end"] or doc[end - 1].norm_ in kinds["compound"]) \
                and doc[end].is_alpha and not mentions.covers(end, end + 1):
            end += 1  # عبد الله صفي الدين, فهد بن عبد الله: the compound's second word
        chained = end
        while end + 1 < len(doc) and doc[end].norm_ in kinds["chain"] and not mentions.covers(end, end + 2):
            after = end + 2
            if doc[end + 1].norm_ in kinds["compound"] and after < len(doc) and not mentions.covers(after, after + 1):
                after += 1  # بن عبد العزيز
            word = doc[after - 1]
            if not word.is_alpha or word.norm_ in self._stop_words or word.norm_ in self.roles.common_words:
                break
            end = after
        # a family name closes a chain of two links or more (فلان بن فلان بن فلان سحيم); after one,
        # the next word is as often a verb (سلمان بن عبدالعزيز سيزور). The chain may be the model's
        # own span, read up to its last link's name (مطلق بن سالم بن مطلق الأزيمع).
        links = sum(doc[i].norm_ in kinds["chain"] for i in range(start, end))
        last_link = end > chained or any(doc[i].norm_ in kinds["chain"] for i in range(max(start, end - 3), end - 1))
        return self._family_name_after_chain(doc, end, mentions) if last_link and links >= 2 else end

    def _family_name_after_chain(self, doc: Doc, end: int, mentions: MentionMap) -> int:
        """Where a chain of descent's name ends that its family name closes (محمد بن عوض بن منصور
        سحيم): the word after the chain's last part, where it is seldom written, no common or stop
        word and no other mention, as _family_name_after takes one after a given name."""
        after = next_word(doc, end, 1)
        if after >= len(doc) or after != end or not doc[after].is_alpha or mentions.covers(after, after + 1):
            return end
        word = doc[after].norm_
        if word in self._stop_words or word in self.roles.common_words or word in self.lexicon.name_words["chain"] \
                or self.lexicon.word_counts.get(word, 0) >= FAMILY_NAME_MAX_COUNT or self._no_family_name(word):
            return end
        return after + 1

    def _given_name_before_chain(self, doc: Doc, start: int, mentions: MentionMap) -> int:
        """Where a name the model began at a word of descent begins: at the given name before it
        (تركي بن طلال, where the model read بن طلال), if that word is one and no other mention's."""
        before = next_word(doc, start - 1, -1)
        if self.lexicon is not None and doc[start].norm_ in self.lexicon.name_words["chain"] and before >= 0 \
                and not mentions.covers(before, before + 1) and doc[before].norm_ in self.roles.given_names:
            return before
        return start

    def _in_chain(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the words start..end stand inside a person's chain of descent: after a word of
        descent that a given name comes before (فهد بن سلطان بن عبد العزيز: Sultan is the father, not
        the one named), or a one-word name without the article right before one (الأمير تركي بن طلال:
        Turki, not Turkey)."""
        if self.lexicon is None:
            return False
        chain = self.lexicon.name_words["chain"]
        norms = token_table(doc).norm  # read from the table: no Token is made for the common case
        before, after = next_word(doc, start - 1, -1), next_word(doc, end, 1)
        if before > 0 and norms[before] in chain:
            name = next_word(doc, before - 1, -1)
            if name >= 0 and norms[name] in self.roles.given_names:
                return True  # not أعلن ابن ترمب "Trump's son announced"
        # a given name takes no article: الرئيس التركي بن علي يلدريم is Turkish
        return end - start == 1 and after < len(doc) and norms[after] in chain \
            and not norms[start].startswith(self.morphology.article)

    def _joined_compounds(self, words: tuple[str, ...]) -> tuple[str, ...]:
        return _joined(words, self.lexicon.name_words["compound"]) if self.lexicon is not None else words

    def _no_family_name(self, word: str) -> bool:
        """Whether a word the counts show to be no family name: one with a glued clitic (لفحص،
        ونزار) or an owner's pronoun (انقطاعه), a past verb (لاحظ: لاحظت is written; انتقلت), an
        adjective or noun with the article whose bare form is written as often (المتوقعة: متوقعة)
        or that ends in ة (المجرمة), or a common word in the indefinite accusative (كلاما)."""
        counts, morphology = self.lexicon.word_counts, self.morphology
        if self._name_clitic_letters(word) or word.startswith(morphology.contraction) \
                or self.place_context is not None and not word.startswith(morphology.article) \
                and self.place_context.owned_noun(word, word):  # الحديثي: the article takes no owner's pronoun
            return True  # لفحص، ونزار; انقطاعه، كلهم (a noun with its owner's pronoun)
        verb = morphology.feminine_verb
        if verb and (counts.get(word + verb, 0) > 0 or word.endswith(verb) and counts.get(word[:-len(verb)], 0) > 0):
            return True  # لاحظ (لاحظت), انتقلت (انتقل)
        bare = word[len(morphology.article):] if word.startswith(morphology.article) else ""
        # the bare form shows an adjective only where the corpus writes the word itself too (الحديثي,
        # never written: حديثي "my talk" proves nothing)
        if bare and (counts.get(word, 0) >= ARTICLE_MIN_COUNT
                     and counts.get(bare, 0) >= max(ARTICLE_MIN_COUNT, ARTICLE_SHARE * counts.get(word, 0))
                     or bare.endswith(morphology.ta_marbuta or "\0")):
            return True  # المتوقعة، المجرمة: an adjective
        tanwin = morphology.tanwin
        return bool(tanwin) and word.endswith(tanwin) and counts.get(word[:-len(tanwin)], 0) >= ACCUSATIVE_MIN_COUNT

    def _given_and_family_names(self, doc: Doc, positions: tuple[int, ...], clusters: dict[str, Cluster],
                                mentions: MentionMap) -> None:
        """A foreign given name (`GivenNames.only_given`) the corpus seldom writes, followed by a word
        it seldom writes either, no common word, noun with its owner or town (قال فرانسوا مولان،
        زار مارتن سميث): a person's name of two words where the NER model read none. Foreign names
        after a verb are what the model misses most."""
        if self.lexicon is None:
            return
        counts, article = self.lexicon.word_counts, self.morphology.article
        norms = token_table(doc).norm
        surnames = self._family_names(doc, clusters)  # نادر alone is the earlier X نادر, no given name
        for k, i in enumerate(positions[:-1]):
            j = positions[k + 1]
            if j != i + 1 or i in mentions.by_token or j in mentions.by_token or not (doc[i].is_alpha and doc[j].is_alpha):
                continue
            given, family = norms[i], norms[j]
            if not self.roles.given_names.only_given(given) or given in self.roles.common_words or given in surnames \
                    or counts.get(given, 0) >= GIVEN_NAME_MAX_COUNT \
                    or family.startswith(article) or len(family) < 3 \
                    or self._inflected_noun(family) \
                    or any(form in self.roles.common_words or form in self.places.evidence
                           or counts.get(form, 0) >= FAMILY_NAME_MAX_COUNT for form in self.proclitic_variants(family)):
                continue
            if not self.places.lookup(doc[i:j + 1].text):  # بيت حانون: a town named like a person
                self._add_ner(doc, clusters, mentions, i, j + 1, "PERS")

    def _inflected_noun(self, word: str) -> bool:
        """Whether a word is a common word with an owner's pronoun or the indefinite accusative's alef
        (نشاطه، فصائلهم، كابوسا): the word without it is one the corpus writes, as a name's letters are not."""
        counts = self.lexicon.word_counts
        endings = tuple(self.morphology.possessives) + (self.morphology.tanwin,)
        return any(ending and word.endswith(ending) and counts.get(word[:-len(ending)], 0) >= ACCUSATIVE_MIN_COUNT
                   for ending in endings)

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

    def _given_name_of_earlier(self, doc: Doc, clusters: dict[str, Cluster], start: int, end: int) -> Cluster | None:
        """The one person named before in full whose given name a one-word mention is (حنين نوروز …
        تتحدث عنها حنين، نادية مراد … نادية), whatever the NER model labels it; None where no
        person, or more than one, was named so, or where a family name follows it."""
        if end - start != 1:
            return None
        after, table = next_word(doc, end, 1), self.roles.given_names.table
        if after < len(doc) and table is not None and "S" in (table.get(doc[after].norm_) or ""):
            return None  # مايكل كوهين: a family name of the name table follows, another person
        forms = set(self.proclitic_variants(doc[start].norm_))
        people = {id(cluster): cluster for cluster in clusters.values() if cluster.type == "PERSON"
                  for s, e in cluster.tokens if e - s >= 2 and e <= start
                  and forms & set(self.proclitic_variants((_name_words(doc, s, e) or ("",))[0]))}
        return next(iter(people.values())) if len(people) == 1 else None

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
        text, texts = text_of(doc), token_table(doc).text
        for i in positions:
            if i == 0 or texts[i - 1] != HASHTAG:
                continue
            end = i + 1  # the joiner may be a token of its own (بيدرو _ سانتشيث) or inside one
            while end + 1 < len(doc) and doc[end].text == HASHTAG_JOINER and doc[end + 1].is_alpha:
                end += 2
            parts = [part for k in range(i, end, 2) for part in doc[k].norm_.split(HASHTAG_JOINER)]
            if not 2 <= len(parts) <= HASHTAG_NAME_WORDS or mentions.covers(i, end) or not self._given_name(parts[0]) \
                    or not all(part.isalpha() and part not in self.roles.common_words
                               and part not in self._stop_words for part in parts) \
                    or any(self._no_family_name(part) for part in parts[1:]) \
                    or self._named_by_head(doc, i, "operation_head"):
                continue  # #وزير_التربية، عملية #النصر_الذهبي: a title's or an operation's words
            written = text[doc[i].idx:doc[end - 1].idx + len(doc[end - 1].text)]
            cluster = self._person(clusters, doc, tuple(parts), written.replace(HASHTAG_JOINER, " "))
            cluster.add(doc[i].idx, doc[i].idx + len(written), written)
            cluster.tokens.append((i, end))
            mentions.add(i, end, cluster, "name")

    def _short_names_told_first(self, doc: Doc, clusters: dict[str, Cluster], mentions: MentionMap) -> None:
        """A person the headline (the text's first line) names by one word (كيم زار بكين) is the one
        person the story names in full with it as the first word or the family name (كيم يونغ أون):
        the rules that join a short name to a full one read only a full name told before it. A
        father's name after a word of descent (محمد بن سلمان) is no family name."""
        headline = _headline_end(doc)
        chain = self.lexicon.name_words["chain"] if self.lexicon is not None else frozenset()
        people = [c for c in clusters.values() if c.type == "PERSON" and c.tokens]
        for short in people:
            if short.kb or any(e - s != 1 or doc[s].idx >= headline for s, e in short.tokens):
                continue
            forms = set(self.proclitic_variants(doc[short.tokens[0][0]].norm_))
            full = [c for c in people if c is not short and any(
                e - s >= 2 and doc[s].idx > headline and forms & self._first_and_family(_name_words(doc, s, e), chain)
                for s, e in c.tokens)]
            if len(full) != 1:
                continue
            person = full[0]
            person.mentions.update(short.mentions)
            person.tokens.extend(short.tokens)
            for role in short.roles:
                person.add_role(role)
            for s, e in short.tokens:
                placed = mentions.by_start.get(s)
                mentions.add(s, e, person, placed.kind if placed else "name", placed.clitic if placed else False)
            del clusters[short.key]
            people.remove(short)

    @staticmethod
    def _first_and_family(words: tuple[str, ...], chain: frozenset[str]) -> set[str]:
        """A full name's first word and its family name (its last, unless a word of descent comes
        before it)."""
        if not words:
            return set()
        return {words[0]} | ({words[-1]} if len(words) < 2 or words[-2] not in chain else set())

    def _surnames(self, doc: Doc, clusters: dict[str, Cluster], positions: list[int], mentions: MentionMap) -> None:
        """A family name alone, after the full name (غضنفر البطيخ … أكد البطيخ) or in the headline
        before it (لاليو يتهم دمشق … السفير فيليب لاليو), is the same person: also a known person's
        that the knowledge base does not list alone, as a common word (مقتدى الصدر … طالب الصدر)."""
        surnames = self._family_names(doc, clusters)
        if not surnames:
            return
        norms = token_table(doc).norm
        headline = _headline_end(doc)
        for i in positions:
            if i in mentions.by_token:
                continue
            for form in self.proclitic_variants(norms[i]):
                cluster = surnames.get(form)
                if cluster is not None and cluster.tokens and (i >= cluster.tokens[0][0] or doc[i].idx < headline):
                    token = doc[i]
                    skip = clitic_chars(token.text, len(token.norm_) - len(form))
                    cluster.add(token.idx + skip, token.idx + len(token.text), token.text[skip:])
                    cluster.tokens.append((i, i + 1))
                    mentions.add(i, i + 1, cluster, "name")
                    break

    def _family_names(self, doc: Doc, clusters: dict[str, Cluster]) -> dict[str, Cluster]:
        """The family name of each person's name of two words or more (no common word; no father's
        name after a word of descent: سلمان of محمد بن سلمان) -> that person."""
        chain = self.lexicon.name_words["chain"] if self.lexicon is not None else frozenset()
        surnames: dict[str, Cluster] = {}
        for cluster in clusters.values():
            if cluster.type == "PERSON":
                for start, end in cluster.tokens:
                    full = _name_words(doc, start, end)
                    last = full[-1]
                    if len(full) >= 2 and len(last) >= 4 and last not in self.roles.common_words \
                            and full[-2] not in chain:
                        surnames.setdefault(last, cluster)
        return surnames

    def _person(self, clusters: dict[str, Cluster], doc: Doc, norms: tuple[str, ...], text: str) -> Cluster:
        """The person a name belongs to: an earlier one whose full name ends with it, or a new one
        (عبد الله and عبدالله written alike)."""
        joined = self._joined_compounds(norms)
        for cluster in clusters.values():
            if cluster.type != "PERSON":
                continue
            for start, end in cluster.tokens:
                words = _name_words(doc, start, end)
                # its first word with or without a glued و (وعبد الله صفي الدين)
                for first in self.proclitic_variants(words[0]) if words else ():
                    full = self._joined_compounds((first,) + words[1:])
                    if len(full) >= len(joined) and full[len(full) - len(joined):] == joined \
                            or self._shortened_chain(full, joined):
                        return cluster
        key = "person:" + " ".join(norms)
        return clusters.setdefault(key, Cluster(key, "PERSON", text))

    def _shortened_chain(self, one: tuple[str, ...], other: tuple[str, ...]) -> bool:
        """Whether two names with a chain of descent are one person's, one leaving links out (عبد
        الرحمن بن صالح البنيان for عبد الرحمن بن صالح بن عبد الله البنيان): the same first and last
        word, the shorter one's words in the longer one's order, and a word of descent in each."""
        short, full = sorted((one, other), key=len)
        chain = self.lexicon.name_words["chain"] if self.lexicon is not None else frozenset()
        if len(short) < 3 or short == full or short[0] != full[0] or short[-1] != full[-1] \
                or not chain & set(short):
            return False
        rest = iter(full)
        return all(word in rest for word in short)  # a subsequence: each word found after the last


def _headline_end(doc: Doc) -> int:
    """Where the headline, the text's first line, ends (-1 for a text of one line: no headline)."""
    return text_of(doc).find("\n")


def _joined(words: tuple[str, ...], heads: frozenset[str]) -> tuple[str, ...]:
    """A name's words with a compound's first word joined to the next (عبد الله: عبدالله)."""
    joined: list[str] = []
    for word in words:
        if joined and joined[-1] in heads:
            joined[-1] += word
        else:
            joined.append(word)
    return tuple(joined)


def _name_words(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    """The normalised words of a name's tokens, a hashtag's underscores splitting them."""
    return tuple(word for i in range(start, end) for word in doc[i].norm_.split(HASHTAG_JOINER) if word)
