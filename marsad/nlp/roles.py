"""Titles and roles around names: who holds which role, role mentions, generic collective actors."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from marsad.kb.actors import Actor, ActorBase, GenericActor, RivalSide, Title
from marsad.lexicon.lexicon import Lexicon, load_lexicon
from marsad.nlp.basics import next_word, text_of
from marsad.nlp.clusters import Cluster, MentionMap
from marsad.nlp.phrases import QUOTE_MARKS, find_phrases
from marsad.nlp.rival_sides import SideMarkers
from marsad.settings import STATE_ACT_TYPES
from marsad.text.normalize import normalize
from marsad.text.words import words

# Between a title and a name, or between two stacked titles, only these may stand.
_LINKS = frozenset("،,") | QUOTE_MARKS
# The most words of a title's complement read past before its holder's name (السفيرة الأمريكية لدى
# الأمم المتحدة: a demonym, a preposition and a body).
COMPLEMENT_WORDS = 5
# A name after a title may begin with a word that is no known given name where the corpus writes that
# word fewer times than this (under the word counts' floor of 5: a foreign or rare given name).
RARE_FIRST_NAME_COUNT = 5
# A later word of an unknown name after a title is written fewer times than this, unless it is a given
# name (أحمد of آبيي أحمد): بأنه (811) or الخميس (903) after a name has ended it.
NAME_WORD_MAX_COUNT = 300
# A later word with a glued ب or ل ends the name where the word without it is written this often, and
# more often than with it (نادية مراد بجائزة "with a prize").
COMMON_WORD_COUNT = 20
# The mark that opens a hashtag (#واشنطن), a token of its own: names and their cues are read across it.
# How many tokens left of a name a role may start (قائد فيلق القدس الإيراني، الجنرال X).
_MAX_ROLE_TOKENS = 12


def common_words(lexicon: Lexicon | None = None) -> frozenset[str]:
    """Words that are never part of a person's name (Lexicon.common_words), of the shipped
    lexicon unless given one."""
    return (load_lexicon() if lexicon is None else lexicon).common_words


class GivenNames:
    """Known first names: those of the people in the knowledge base, and the given names the
    NER model was trained with (arabic-name-romanizer's index, kept in the model's vocabulary)."""

    def __init__(self, base: ActorBase):
        from marsad.nlp.ner import load_name_table

        self.known = frozenset(words(actor.name)[0] for actor in base.actors.values()
                               if actor.type == "PERSON" and words(actor.name))
        self.table = load_name_table()

    def __contains__(self, word: str) -> bool:
        return word in self.known or (self.table is not None and "G" in (self.table.get(word) or ""))

    def only_given(self, word: str) -> bool:
        """Whether a word is the first name of a person the knowledge base knows and no family name
        in the name index (مارتن، فرانسوا، فيليب; not كمال، سيف، معين, which Arabic writes as
        family names and common words too)."""
        return word in self.known and "S" not in ((self.table.get(word) or "") if self.table is not None else "")


@dataclass
class Role:
    """A title phrase in the text: the title, with the organisation or country it names."""
    start: int  # tokens
    end: int    # after any demonym that follows
    name_end: int  # after the title and its organisation
    text: str
    title: Title
    country: str | None
    sector: str | None
    org: Cluster | None
    char_start: int  # where the title begins, past a glued conjunction (وولي العهد)


# The levels of title whose bare holder of a country (الرئيس التركي، وزير الخارجية الأمريكي) the
# knowledge base's years may name: an ambassador or a spokesman is one of many.
OFFICE_LEVELS = frozenset({"head", "minister", "royal"})
# The sector of an international body's titles, whose head the knowledge base's years may name
# whatever his country (الأمين العام للأمم المتحدة).
INTERNATIONAL = "IGO"
# How many tokens before a title a person's name makes the title his (بولتون، السفير; سانتشيث سابع رئيس).
APPOSITION_REACH = 3


class RoleFinder:
    def __init__(self, base: ActorBase, lexicon: Lexicon | None = None):
        self.base = base
        # The lexicon's role words, the shipped lexicon's unless a stage gives its own.
        lexicon = load_lexicon() if lexicon is None else lexicon
        self.common_words = lexicon.common_words
        self.role_modifiers = lexicon.role_modifiers
        self.metonym_cues = lexicon.metonym_cues
        self.metonym_prepositions = lexicon.metonym_prepositions
        self.metonym_cues_before = lexicon.metonym_cues_before | _state_acts(lexicon)
        self.clause_openers = lexicon.clause_openers  # إن after a capital opens a report, not its stance
        self.names_an_act = lexicon.names_an_act
        morphology = self.morphology = lexicon.morphology
        # A glued article (وال، بال، لل …) or conjunction opens no unknown name.
        self.article_runs = morphology.proclitic_sequences(lone="", stacked=False)
        # the article, alone or after ل (لل), as written: a definite word of a title's complement (وزير
        # البيئة); a name's أل or إل (ألان، إلياس) is no article, though normalised alike
        self.definite = (morphology.article, morphology.contraction)
        self.title_links = lexicon.word_class("title_link")
        self.named_title_links = lexicon.word_class("title_link_named")
        self.counts = lexicon.word_counts
        self.imperfect_verb = lexicon.imperfect_verb
        self.conjunctions = morphology.conjunctions
        self.proclitic_variants = morphology.proclitic_variants
        self.titles = {key: (title, False) for key, title in base.titles.items()}
        for key, title in base.titles.items():
            construct = self._construct_form(key)
            if construct is not None and construct not in base.titles:
                self.titles[construct] = (title, True)
        self.title_words = max((len(k) for k in base.titles), default=1)
        # one office under its names (العاهل، الملك): the holders of a title are looked up by the first
        self.offices = {normalize(t.title): normalize(t.same_as) for t in base.titles.values() if t.same_as}
        self.generic_words = max((len(k) for k in base.generic), default=1)
        self.given_names = GivenNames(base)
        # في between a title and the body it serves (وزير الخارجية في حكومة الانقلاب)
        self.body_links = lexicon.word_class("locative") & lexicon.word_class("nominal_prep")
        self.sides = SideMarkers(base.sides, morphology, self.body_links, self.common_words, base.government_heads,
                                 base.force_heads)
        # the heads of forces or authorities in general (القوات، السلطات), for `_known_collective`
        self.general_heads = base.force_heads | base.government_heads
        self.title_vocabulary = frozenset(w for key in list(self.titles) + list(base.generic) for w in key)
        # office -> the persons the knowledge base gives it as their main role, with its years
        self.office_holders: dict[str, list[Actor]] = {}
        for actor in base.actors.values():
            if actor.type == "PERSON" and actor.roles and actor.start is not None \
                    and (actor.country or actor.sector == INTERNATIONAL):
                self.office_holders.setdefault(self._office(actor.roles[0]), []).append(actor)

    def _construct_form(self, key: tuple[str, ...]) -> tuple[str, ...] | None:
        """A title of an annexation whose last word alone has the article (رئيس الوزراء، وزير
        الخارجية) as it is written when a country is annexed to it instead (رئيس وزراء لبنان، وزير
        خارجية إيران): that word loses the article."""
        article = self.morphology.article
        *head, last = key
        if not head:  # المبعوث: مبعوث الأمم المتحدة
            return (last[len(article):],) if last.startswith(article) and len(last) - len(article) >= 3 else None
        if any(word.startswith(article) for word in head) or not last.startswith(article) \
                or len(last) - len(article) < 3:
            return None
        return (*head, last[len(article):])

    def is_metonym_context(self, doc: Doc, start: int, end: int) -> bool:
        """Whether a statement word stands right before or after the name (a hashtag's mark
        between them aside: إن #واشنطن), with or without its clitics, article or pronoun
        suffix (الاتهام، نفته), or before it with a preposition of source between (ضمانات من موسكو)."""
        cues = self.metonym_cues
        before, after = next_word(doc, start - 1, -1), next_word(doc, end, 1)
        if 0 <= before < len(doc) and self._cue_before(doc[before].norm_):
            return True
        if 0 <= before < len(doc) and doc[before].norm_ in self.metonym_prepositions:
            cue = next_word(doc, before - 1, -1)  # ضمانات من موسكو: the cue before the preposition
            if cue >= 0 and self._cue_before(doc[cue].norm_):
                return True
        if not 0 <= after < len(doc):
            return False
        # a clause opener after the name opens what was said there (قال في دمشق إنه), not a
        # statement of the capital's: إن and the like count only before the name (إن #واشنطن)
        forms = self._cue_forms(doc[after].norm_)
        return any(form in cues for form in forms) and not any(form in self.clause_openers for form in forms)

    def _cue_before(self, word: str) -> bool:
        """Whether a word makes a capital right after it its state: a statement cue in any of its
        forms, or, its glued clitics aside, a word of metonym_cues.tsv's kind before or of a state's
        act. These as written, unstemmed: stemming would make a plural noun the verb a trigger lists
        (طالبات صنعاء "Sanaa's schoolgirls")."""
        return any(form in self.metonym_cues for form in self._cue_forms(word)) \
            or any(form in self.metonym_cues_before for form in self.proclitic_variants(word))

    def _cue_forms(self, word: str) -> list[str]:
        forms = self.proclitic_variants(word) + self.morphology.stem_candidates(word)
        # a verb or noun with its object or owner (التي فرضتها واشنطن، قراره): the bare word too
        # (light stemming takes a leading ف for a clitic: فرضتها would be رضت)
        bare = [form[:-len(p)] for form in forms for p in self.morphology.possessives
                if form.endswith(p) and len(form) - len(p) >= 3]
        return forms + bare + [self.morphology.light_stem(word)]

    def find_roles(self, doc: Doc, positions: list[int], mentions: MentionMap) -> list[Role]:
        """Every title phrase, extended over the organisation and demonym that follow it."""
        roles = []
        for hit in find_phrases(doc, self.titles, self.title_words, positions, morphology=self.morphology):
            title, construct = hit.payload
            end, org, country, annexed = hit.end, None, None, None
            words = [doc[i].text for i in range(hit.start, hit.end) if doc[i].text not in QUOTE_MARKS]
            following = self._body_of_title(doc, hit, mentions)
            if construct:
                # رئيس وزراء لبنان: the title as its holders are listed, of the country annexed to it
                words = [title.title]
                annexed_name = following is not None and following.start == hit.end and following.kind == "name" \
                    and following.cluster.type in ("ORG", "GPE")
                if hit.end - hit.start == 1 and not annexed_name:
                    continue  # مبعوث alone is "an envoy"; annexed to a body's name it is that body's title
                if annexed_name and following.cluster.type == "GPE":
                    country, annexed, following = following.cluster.country, following.end, None
            if following is not None and following.start < end:  # الحكومة of رئيس الحكومة السورية المؤقتة
                words = words[:following.start - hit.start]
            if following and following.cluster.type in ("ORG", "FAC") and following.kind == "name":
                org, end = following.cluster, following.end
                words += [doc[i].text for i in range(end, following.end)
                          if doc[i].text not in QUOTE_MARKS and not doc[i].is_space] if following.start >= end else \
                    [doc[i].text for i in range(following.start, following.end) if doc[i].text not in QUOTE_MARKS]
                country = org.country
            name_end = end
            end = annexed or end
            running = mentions.running_on(doc, end)
            if running is not None:  # a name that swallowed what follows the title (…القدس" الإيراني)
                end = running.end
            end = self._skip_modifiers(doc, end)
            demonym = mentions.after(doc, end)
            if demonym and demonym.kind == "demonym" and not demonym.clitic:
                country = demonym.cluster.country
                end = self._skip_modifiers(doc, demonym.end)
            host = self._host_of_title(doc, end, mentions)
            if host is not None:  # السفيرة الأمريكية لدى الأمم المتحدة: where the title is held
                end = name_end = host.end
            sector = title.sector or (org.sector if org else None)
            if org is not None and org.sector and title.sector in (None, "GOV") \
                    and org.sector != "GOV":
                sector = org.sector  # القيادي في تحالف الفتح: the party's sector, not a generic one
            text = " ".join(words)
            roles.append(Role(hit.start, end, name_end, text, title, country, sector, org, hit.char_start))
        return roles

    def _host_of_title(self, doc: Doc, end: int, mentions: MentionMap):
        """The body or country a title is held at, named after a linking word right after the
        title (لدى الأمم المتحدة، باسم الحكومة، عن حزب الدعوة): part of the title, so that a name
        after it is the holder's, and the body no actor of its own beside the holder."""
        link = next_word(doc, end, 1)
        if not 0 <= link < len(doc) or doc[link].norm_ not in self.title_links \
                and doc[link].norm_ not in self.named_title_links:
            return None
        host = mentions.after(doc, link + 1)
        if host is None or host.start != next_word(doc, link + 1, 1) or host.clitic \
                or host.cluster.type not in ("ORG", "GPE", "FAC") or host.kind not in ("name", "metonym"):
            return None
        if doc[link].norm_ not in self.title_links:  # المبعوث إلى اليمن مارتن غريفيث, not زيارة المبعوث إلى بغداد
            holder = mentions.after(doc, host.end)
            if holder is None or holder.cluster.type != "PERSON" or holder.clitic:
                return None
        return host

    def _body_of_title(self, doc: Doc, hit, mentions: MentionMap):
        """The organisation a title names: the one right after it, the one after في (وزير
        الخارجية في حكومة الانقلاب: the Houthi government's minister, not the recognised one's),
        or the one that begins with the title's last word (رئيس الحكومة السورية المؤقتة: the
        interim government's head, not Damascus's prime minister)."""
        inside = mentions.by_start.get(hit.end - 1)
        if hit.end - hit.start >= 2 and inside is not None and inside.end > hit.end \
                and inside.cluster.type == "ORG" and inside.kind == "name":
            return inside
        following = mentions.after(doc, hit.end)
        if following is not None:
            return following
        link = next_word(doc, hit.end, 1)
        if 0 <= link < len(doc) and doc[link].norm_ in self.body_links:
            body = mentions.after(doc, link + 1)
            if body is not None and body.cluster.type == "ORG" and body.kind == "name":
                return body
        return None

    def names_after_titles(self, doc: Doc, positions: list[int], mentions: MentionMap) -> list[tuple[int, int]]:
        """Token spans of unknown names that follow a person's title (القيادي في تحالف الفتح X Y).

        A name here is two or three words that are not function words, event or speech words,
        nor known names, the first without the article or a glued conjunction.
        """
        spans = []
        for role in self.find_roles(doc, positions, mentions):
            if role.title.type != "PERSON" or self._after_a_name(doc, role.start, mentions):
                continue
            start = self._past_complement(doc, role.end, mentions)
            end = start
            while end < len(doc) and end - start < 3 and self._name_word(doc[end], mentions, first=end == start):
                end += 1
            # a first word that is no known given name needs a name after it that is as rare (غمزة
            # تاشجي), not a common word (سيحاكمون بتهمة "will be tried on charges of")
            unknown_first = start < len(doc) and doc[start].norm_ not in self.given_names
            if end - start >= 2 and not (unknown_first and any(
                    self.counts.get(doc[i].norm_, 0) >= RARE_FIRST_NAME_COUNT for i in range(start + 1, end))):
                spans.append((start, end))
        return spans

    def _past_complement(self, doc: Doc, start: int, mentions: MentionMap) -> int:
        """Where a title's holder's name may begin: past the rest of the title's complement, its
        definite words, the bodies and countries named in it, its linking prepositions and a comma
        (وزير البيئة X، المتحدثة باسم البيت الأبيض، X، السفيرة الأمريكية لدى الأمم المتحدة X),
        up to COMPLEMENT_WORDS words; a glued conjunction ends it (وزير الدفاع ووزير الخارجية)."""
        i, words = start, 0
        while i < len(doc) and words <= COMPLEMENT_WORDS:
            token = doc[i]
            placed = mentions.by_token.get(i)
            if token.text in _LINKS or token.is_space:
                i += 1
            elif placed is not None and placed.cluster.type != "PERSON":
                i, words = placed.end, words + 1
            elif token.is_alpha and (token.norm_ in self.title_links or token.text.startswith(self.definite)):
                i, words = i + 1, words + 1
            else:
                break
        return i

    @staticmethod
    def _after_a_name(doc: Doc, start: int, mentions: MentionMap) -> bool:
        """A title that follows a name (X، رئيس الأركان، كرر …) describes it: no name comes next."""
        i = start - 1
        while i >= 0 and (doc[i].text in _LINKS or doc[i].is_space):
            i -= 1
        placed = mentions.by_token.get(i)
        return placed is not None and placed.cluster.type == "PERSON"

    def _name_word(self, token, mentions: MentionMap, first: bool) -> bool:
        word = token.norm_
        if not token.is_alpha or len(word) < 2 or token.i in mentions.by_token:
            return False
        if first and word not in self.given_names and self.counts.get(word, 0) >= RARE_FIRST_NAME_COUNT:
            return False  # a first word the corpus writes seldom may be a foreign given name (دندراوي، غمزة)
        if word.startswith(self.article_runs) or word[:1] in self.conjunctions and len(word) > 3:
            return False
        if not first and word not in self.given_names and (
                self.counts.get(word, 0) >= NAME_WORD_MAX_COUNT or self._accusative(word)
                or self._glued_preposition(word) or self.imperfect_verb(word)):
            return False  # جيريمي كوربن بأنه، ماريسا ديميو الخميس، حبيب شنتوف قائدا، جيم كيري يعلق: the name has ended
        return word not in self.common_words and word not in self.title_vocabulary

    def _glued_preposition(self, word: str) -> bool:
        """A preposition glued to a word the corpus writes more often without it (بجائزة), or to a
        noun with its owner's pronoun (لشبكتنا "to our network"): no name's."""
        rest = word[1:]
        if word[:1] not in self.morphology.name_prepositions:
            return False
        if self.counts.get(rest, 0) >= COMMON_WORD_COUNT and self.counts.get(rest, 0) > self.counts.get(word, 0):
            return True
        for suffix in self.morphology.possessives:
            noun = rest[:-len(suffix)]
            if rest.endswith(suffix) and len(noun) >= 3:
                if noun.endswith(self.morphology.open_ta):  # شبكت of شبكتنا: شبكة
                    noun = noun[:-len(self.morphology.open_ta)] + normalize(self.morphology.ta_marbuta)
                if self.counts.get(noun, 0) >= COMMON_WORD_COUNT:
                    return True
        return False

    def _accusative(self, word: str) -> bool:
        """A word with the tanwin alef whose bare form the corpus writes at all (at least the word
        counts' floor of 5: قائدا "as commander"): no name's."""
        tanwin = self.morphology.tanwin
        return bool(tanwin) and word.endswith(tanwin) \
            and self.counts.get(word[:-len(tanwin)], 0) >= RARE_FIRST_NAME_COUNT

    def _skip_modifiers(self, doc: Doc, end: int) -> int:
        """Past السابق، الجديد and the like, which qualify the role before a name."""
        modifiers = self.role_modifiers
        while end < len(doc) and doc[end].norm_ in modifiers:
            end += 1
        return end

    def attach(self, doc: Doc, clusters: dict[str, Cluster], positions: list[int],
               mentions: MentionMap, year: int | None = None,
               cluster_for: Callable[[Actor], Cluster] | None = None) -> None:
        """Give each person the roles written before its names; link bare role mentions: to the
        person of the document who holds the office, else (given the year and `cluster_for`, the
        stage's maker of a known actor's cluster) to the one person the knowledge base gives the
        office of that country, or of that international body, in that year (الرئيس التركي in 2018:
        Erdoğan; الأمين العام للأمم المتحدة: Guterres)."""
        roles = self.find_roles(doc, positions, mentions)
        by_end = {role.end: role for role in roles}
        used: set[int] = set()
        for cluster in clusters.values():
            if cluster.type != "PERSON":
                continue
            for start, _ in cluster.tokens:
                for role in self._chain_before(doc, start, by_end):
                    used.add(role.start)
                    cluster.add_role(role.text)
                    self._add_role_mention(doc, cluster, role)
                    if not cluster.from_kb:
                        cluster.country = cluster.country or role.country
                        cluster.sector = cluster.sector or role.sector
        holders: dict[str, list[Cluster]] = {}
        for cluster in clusters.values():
            if cluster.type == "PERSON":
                for role in cluster.roles + list(cluster.kb_roles):
                    held = holders.setdefault(self._office(role), [])
                    if cluster not in held:
                        held.append(cluster)
        for role in roles:
            if role.start in used:
                continue
            # وزير الخارجية الأميركي is the American holder of the title, not the Russian one
            candidates = [c for c in holders.get(self._office(role.text), [])
                          if role.country is None or c.country in (None, role.country)]
            if candidates:
                self._add_role_mention(doc, candidates[0], role)
            elif (role.country or role.title.sector == INTERNATIONAL) and year is not None and cluster_for is not None \
                    and self._office_now(doc, role, mentions):
                # an international body's head has no country: الأمين العام للأمم المتحدة in 2018 is Guterres
                known = [a for a in self.office_holders.get(self._office(role.text), ())
                         if (a.country == role.country or not role.country) and a.start <= year <= (a.end or year)]
                if len(known) == 1:
                    self._add_role_mention(doc, cluster_for(known[0]), role)

    def _office_now(self, doc: Doc, role: Role, mentions: MentionMap) -> bool:
        """Whether a bare title names its office's holder at the time of writing: a head of state
        or government, a minister or a royal; not a former or new one (الرئيس السابق), nor a title
        in apposition to a person named just before it (سانتشيث سابع رئيس وزراء، بولتون السفير)."""
        if role.title.level not in OFFICE_LEVELS:
            return False
        if any(doc[i].norm_ in self.role_modifiers for i in range(role.name_end, min(len(doc), role.end + 1))):
            return False
        before = [mentions.by_token.get(i) for i in range(max(0, role.start - APPOSITION_REACH), role.start)]
        return not any(placed is not None and placed.cluster.type == "PERSON" for placed in before)

    def _title_in(self, role: str) -> str:
        """A knowledge-base role as its title without the nationality adjective that closes it
        (الرئيس الأمريكي: الرئيس; رئيس الوزراء البريطاني: رئيس الوزراء); else the role itself
        (الرئيس المشارك لحزب …: a party's office, no state's)."""
        key = tuple(words(role))
        for n in range(len(key) - 1, 0, -1):
            if key[:n] in self.titles and any(s.kind == "demonym" for s in self.base.surfaces.get(key[n:], ())):
                return self.titles[key[:n]][0].title
        return role

    def _office(self, role: str) -> str:
        """A role's text as the office it names, whichever of the office's titles it is written with
        and without the nationality adjective that closes it (رئيس الحكومة الإسرائيلية: رئيس الوزراء)."""
        role = normalize(self._title_in(role))
        return self.offices.get(role, role)

    @staticmethod
    def _add_role_mention(doc: Doc, cluster: Cluster, role: Role) -> None:
        _add_mention(doc, cluster, role.char_start, role.name_end, "role")

    def _chain_before(self, doc: Doc, start: int, by_end: dict[int, Role]) -> list[Role]:
        """The roles stacked right before token `start`, nearest first; a role of another country than
        the one after it is another person's (هاجم رئيس الحكومة الإسرائيلية وزير خارجية إيران ظريف:
        Netanyahu attacks Zarif), where one person's titles are of one state (نائب رئيس الوزراء وزير
        الخارجية الكويتي)."""
        chain = []
        position = start
        while position > 0 and start - position < _MAX_ROLE_TOKENS:
            while position > 0 and (doc[position - 1].text in _LINKS or doc[position - 1].is_space):
                position -= 1
            role = by_end.get(position)
            if role is None or chain and role.country and chain[-1].country and role.country != chain[-1].country:
                break
            chain.append(role)
            position = role.start
        return chain

    def add_generic(self, doc: Doc, clusters: dict[str, Cluster], positions: list[int],
                    mentions: MentionMap, main_country: str | None,
                    side_cluster: Callable[[RivalSide], Cluster] | None = None) -> None:
        """Collective actors (الفصائل المسلحة، المسؤولين العراقيين), one entity per kind and country.
        A government word alone (الحكومة، السلطات العراقية) of a country of rival authorities is
        its default side's government (`side_cluster` gives a side's), not a generic one that
        could be either side's."""
        for hit in find_phrases(doc, self.base.generic, self.generic_words, positions, morphology=self.morphology):
            generic: GenericActor = hit.payload
            end = hit.end
            country = generic.country_from if generic.country_from != "adj" else None
            following = mentions.after(doc, end)
            if following and not following.clitic and (following.kind == "demonym" or (
                    following.kind == "name" and following.cluster.type == "GPE" and following.cluster.from_kb)):
                # السلطات التركية، and السلطات السعودية whose adjective is also the country's name
                country, end = following.cluster.country, following.end
            elif following and following.cluster.type == "PERSON" and following.kind == "name" \
                    and not doc[end - 1].norm_.startswith(self.definite):
                # حكومة نتنياهو: the person's body; not المعارضة مي سكاف, where a definite word ends
                # the phrase (the opposition actress) and the name stands alone
                country, end = following.cluster.country, following.end
            if mentions.covers(hit.start, hit.end):
                continue  # part of a known name (الحكومة العراقية is in the knowledge base)
            if self._named_by_its_body(doc, hit, following):
                # المسلحين الحوثيين، المتمردين الحوثيين: the body whose name follows as an adjective
                # is the group, one entity with it
                _add_mention(doc, following.cluster, hit.char_start, following.end, "collective")
                continue
            after = next_word(doc, hit.end, 1)
            if hit.end - hit.start == 1 and after < len(doc) and self.names_an_act(doc[hit.start].norm_, doc[after].norm_):
                continue  # القضاء على الإرهاب: putting an end to terrorism, no judiciary
            # no country but an adjective's where the file gives none (المجتمع الدولي، قوات التحالف)
            country = country or (main_country if generic.country_from == "adj" else None)
            # one entity per sector and country (armed factions and militias of one story are one), a body
            # of its own kind apart (a country's police are not its army); without a country, per kind of
            # body: foreign forces are not the police of a story that names no country, nor Arab states
            # Western ones
            key = f"generic:{generic.type}:{generic.sector}:{country}:{generic.body}" if country \
                else f"generic:{generic.type}:{generic.sector}:-:{generic.name_en}"
            alone = hit.end - hit.start == 1 and self.sides.head_of(doc[hit.start].norm_) is not None
            default = self.sides.default(country) if alone and side_cluster is not None else None
            if default is not None:
                cluster = side_cluster(default)
            else:
                cluster = clusters.get(key) or self._known_collective(clusters, generic, country)
            if cluster is None:
                english = generic.name_en + (f" ({country})" if country else "")
                cluster = clusters[key] = Cluster(key=key, type=generic.type, name=generic.phrase,
                                                  name_en=english, country=country,
                                                  sector=generic.sector)
            _add_mention(doc, cluster, hit.char_start, end, "collective")

    def _named_by_its_body(self, doc: Doc, hit, following) -> bool:
        """Whether a definite collective phrase is followed by a known organisation's one-word
        definite name, which describes it (المسلحين الحوثيين), not by a name of its own."""
        return following is not None and following.kind == "name" and not following.clitic \
            and following.start == hit.end and following.end - following.start == 1 \
            and following.cluster.type == "ORG" and following.cluster.from_kb \
            and doc[hit.end - 1].norm_.startswith(self.morphology.article) \
            and doc[following.start].norm_.startswith(self.morphology.article)

    def _known_collective(self, clusters, generic: GenericActor, country: str | None):
        """A knowledge-base organisation already in the article that this collective phrase names:
        not a body of a rival side other than the country's default (السلطات العراقية in a story
        that names the Kurdistan government is Baghdad's, not Erbil's). Among several, the one
        whose name holds the phrase's word (الجيش: للجيش المصري, not the navy named first); else, for
        a phrase headed by forces or authorities in general, the first (القوات الحكومية: الجيش
        السوري). A body of its own kind (`body`: الشرطة، قوات الشرطة), or a phrase no such head opens,
        joins only one whose name holds its word: the police are not the army of the same sector."""
        candidates = []
        for cluster in clusters.values():
            if cluster.from_kb and cluster.type == generic.type and cluster.country == country \
                    and cluster.sector == generic.sector and cluster.collective:
                side = self.base.side_of(cluster.key)
                if side is None or side.default:
                    candidates.append(cluster)
        phrase = words(normalize(generic.phrase))
        wanted = set(phrase) - self.general_heads
        named = [c for c in candidates if any(wanted & {form for word in words(normalize(text))
                                                         for form in self.proclitic_variants(word)}
                                              for text, _ in c.mentions.values())]
        general = phrase[0] in self.general_heads and not generic.body
        return (named or (candidates if general else []) or [None])[0]


def _state_acts(lexicon: Lexicon) -> frozenset[str]:
    """The one-word triggers of a state's act (settings.STATE_ACT_TYPES: اتهام، تهديد، العقوبات،
    اتهمت), after which a capital is the state. Not a noun with its owner's pronoun (انتقادهم):
    having its owner it annexes nothing, and a name after it opens another phrase (انتقادهم هلسنكي,
    the summit held there); a verb's pronoun is its object (تدعمها طهران)."""
    suffixes = lexicon.word_class("pronoun_suffix")
    morphology = lexicon.morphology
    open_ta = morphology.feminine_verb  # the letter a final ة is written as before a pronoun

    def owned(word: str) -> bool:
        for suffix in suffixes:
            stem = word[:-len(suffix)]
            if word.endswith(suffix) and ((stem,) in lexicon.triggers or stem.endswith(open_ta)
                                          and (stem[:-len(open_ta)] + morphology.ta_marbuta,) in lexicon.triggers):
                return True
        return False

    return frozenset(key[0] for key, rows in lexicon.triggers.items() if len(key) == 1 and any(
        row[0] in STATE_ACT_TYPES and row[2] != "passive" and (row[2] == "verb" or not owned(key[0]))
        for row in rows))


def _add_mention(doc: Doc, cluster: Cluster, char_start: int, end: int, kind: str) -> None:
    """A mention of `kind` from `char_start` (past glued clitics) to the end of token `end - 1`."""
    end_char = doc[end - 1].idx + len(doc[end - 1].text)
    cluster.add(char_start, end_char, text_of(doc)[char_start:end_char], kind)
