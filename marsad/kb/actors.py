"""The actor knowledge base: people, organisations and countries, with the surface forms that name them."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from spacy.lang.ar.stop_words import STOP_WORDS

from marsad.datafiles import DATA, read_rows
from marsad.text.normalize import normalize, words

ACTORS = DATA / "actors"


@dataclass(frozen=True)
class Actor:
    id: str
    type: str
    name: str
    name_en: str | None = None
    country: str | None = None
    sector: str | None = None
    kb: str | None = None
    roles: tuple[str, ...] = ()
    start: int | None = None  # first year of the main role
    end: int | None = None    # last year of the main role (None: ongoing or unknown)


@dataclass(frozen=True)
class Surface:
    """One way a text names an actor: its name or a variant, a demonym, or a metonym."""
    actor: str
    kind: str  # name | demonym | metonym


@dataclass(frozen=True)
class Title:
    title: str
    sector: str | None
    type: str
    level: str
    same_as: str | None = None  # the listed title naming the same office (العاهل: الملك)


@dataclass(frozen=True)
class GenericActor:
    phrase: str
    type: str
    sector: str | None
    country_from: str  # "adj": from an adjective or the article; "": an adjective's only; else an ISO alpha-3 code
    name_en: str
    body: str = ""  # a kind of body kept apart from the rest of its sector in one country (police)


@dataclass(frozen=True)
class RivalSide:
    """One side of a country's rival authorities (rival_authorities.tsv): the government its
    offices link to, its other bodies, and the words that mark a phrase as its own."""
    side: str
    country: str
    actors: tuple[str, ...]   # the bodies that held the side's government in turn
    members: tuple[str, ...]
    default: bool  # the side a government word of the country names when no marker says which
    markers: tuple[tuple[str, ...], ...]  # normalised words
    forces: str | None = None  # the body its forces phrases name (قوات الشرعية، قوى الانقلاب)
    alone: frozenset[str] = frozenset()  # normalised words that alone name its government (النظام)

    def holds(self, actor_id: str) -> bool:
        return actor_id in self.actors or actor_id in self.members or actor_id == self.forces


@dataclass
class ActorBase:
    actors: dict[str, Actor] = field(default_factory=dict)
    surfaces: dict[tuple[str, ...], list[Surface]] = field(default_factory=lambda: defaultdict(list))
    titles: dict[tuple[str, ...], Title] = field(default_factory=dict)
    generic: dict[tuple[str, ...], GenericActor] = field(default_factory=dict)
    country_actor: dict[str, str] = field(default_factory=dict)  # ISO3 -> actor id
    sides: tuple[RivalSide, ...] = ()
    government_heads: frozenset[str] = frozenset()  # normalised: حكومة، السلطات ...
    force_heads: frozenset[str] = frozenset()  # normalised: قوات، ميليشيات ...
    # a name that names a different body in each country's news (الجيش الوطني): form -> country -> actor id
    country_bound: dict[tuple[str, ...], dict[str, str]] = field(default_factory=dict)

    # the most words of a surface, kept as surfaces are added: linking asks for it per document
    max_surface_words: int = 1

    def add_surface(self, text: str, surface: Surface) -> None:
        key = tuple(words(text))
        if key and surface not in self.surfaces[key]:
            self.surfaces[key].append(surface)
            self.max_surface_words = max(self.max_surface_words, len(key))

    def side_of(self, actor_id: str) -> RivalSide | None:
        """The rival side whose government or bodies hold this actor, if any."""
        return next((side for side in self.sides if side.holds(actor_id)), None)


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _year(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def _spellings(text: str, name_en: str | None, letters: list[dict[str, str]]) -> list[str]:
    """A foreign name as outlets write it: itself, and with each Arabic letter of a sound its English
    name has (transliterations.tsv) written as the other letter for that sound."""
    spellings = [text]
    english = (name_en or "").lower()
    for row in letters:
        latin, after = row["latin"], row.get("not_before") or ""
        if not any(english[i] == latin and english[i + 1:i + 2] not in tuple(after) for i in range(len(english))):
            continue
        for a, b in ((row["arabic"], row["alternative"]), (row["alternative"], row["arabic"])):
            spellings += [spelled.replace(a, b) for spelled in spellings if a in spelled]
    return list(dict.fromkeys(spellings))


def _add_actor(base: ActorBase, row: dict[str, str], letters: list[dict[str, str]] = ()) -> None:
    actor = Actor(
        id=row["id"], type=row["type"], name=row["name"],
        name_en=row.get("name_en") or None, country=row.get("country") or None,
        sector=row.get("sector") or None, kb=row.get("kb") or None,
        roles=tuple(_split(row.get("roles"))), start=_year(row.get("from")), end=_year(row.get("to")),
    )
    base.actors[actor.id] = actor
    for text in [actor.name] + _split(row.get("variants")):
        for spelled in _spellings(text, actor.name_en, letters):
            base.add_surface(spelled, Surface(actor.id, "name"))


def _add_country(base: ActorBase, row: dict[str, str]) -> None:
    code = row["country"]
    actor_id = f"country_{code.lower()}"
    base.actors[actor_id] = Actor(id=actor_id, type="GPE", name=row["name"],
                                  name_en=row.get("name_en") or None, country=code,
                                  kb=row.get("kb") or None)
    base.country_actor[code] = actor_id
    for text in [row["name"]] + _split(row.get("variants")):
        base.add_surface(text, Surface(actor_id, "name"))
    for text in _split(row.get("demonyms")):
        base.add_surface(text, Surface(actor_id, "demonym"))
    for text in _split(row.get("metonyms")):
        base.add_surface(text, Surface(actor_id, "metonym"))


def read_actor_base(root: Path = ACTORS) -> ActorBase:
    """Read every actor file under `root` (laid out as marsad/data/actors) into one index of
    normalised surfaces. The shipped one is read once, by the Lexicon (`load_lexicon().actors`)."""
    base = ActorBase()
    if (root / "countries.tsv").exists():
        for row in read_rows(root / "countries.tsv"):
            _add_country(base, row)
    letters = read_rows(root / "transliterations.tsv") if (root / "transliterations.tsv").exists() else []
    for folder in ("people", "orgs"):
        for path in sorted((root / folder).glob("*.tsv")):
            for row in read_rows(path):
                _add_actor(base, row, letters)
    if (root / "titles.tsv").exists():
        for row in read_rows(root / "titles.tsv"):
            base.titles[tuple(words(row["title"]))] = Title(
                row["title"], row.get("sector") or None, row.get("type") or "PERSON", row.get("level") or "",
                row.get("same_as") or None)
    if (root / "generic.tsv").exists():
        for row in read_rows(root / "generic.tsv"):
            base.generic[tuple(words(row["phrase"]))] = GenericActor(
                row["phrase"], row["type"], row.get("sector") or None,
                row.get("country_from", "adj") or "", row.get("name_en") or "", row.get("body") or "")
    if (root / "rival_authorities.tsv").exists():
        base.sides = tuple(_rival_side(row) for row in read_rows(root / "rival_authorities.tsv"))
    if (root / "government_heads.tsv").exists():
        heads = read_rows(root / "government_heads.tsv")
        base.government_heads = frozenset(normalize(row["form"]) for row in heads
                                          if (row.get("names") or "government") == "government")
        base.force_heads = frozenset(normalize(row["form"]) for row in heads if row.get("names") == "forces")
    if (root / "country_bound_names.tsv").exists():
        for row in read_rows(root / "country_bound_names.tsv"):
            base.country_bound.setdefault(tuple(words(row["form"])), {})[row["country"]] = row["actor"]
    for key, bodies in _shared_body_names(base).items():
        base.country_bound.setdefault(key, bodies)
    base.surfaces = dict(base.surfaces)
    return base


_STOP_WORDS = frozenset(normalize(word) for word in STOP_WORDS)


def _shared_body_names(base: ActorBase) -> dict[tuple[str, ...], dict[str, str]]:
    """Body names that several countries' bodies share, their demonym left off (وزارة الدفاع of
    وزارة الدفاع السعودية and وزارة الدفاع العراقية; البنك المركزي; مجلس النواب): read alone, such a
    name is the body of the country its context gives (_country_bound_names). A name of one country
    only, one that ends in a stop word (الرئاسة في) or is itself a known name, is left out."""
    found: dict[tuple[str, ...], dict[str, str]] = defaultdict(dict)
    clashes: set[tuple[tuple[str, ...], str]] = set()
    for key, surfaces in base.surfaces.items():
        country = _demonym_country(base, key[-1:])
        if len(key) < 3 or country is None or key[:-1] in base.surfaces or key[-2] in _STOP_WORDS:
            continue
        for surface in surfaces:
            actor = base.actors[surface.actor]
            if surface.kind != "name" or actor.type != "ORG" or actor.country != country:
                continue
            if found[key[:-1]].get(country, actor.id) != actor.id:
                clashes.add((key[:-1], country))
            found[key[:-1]][country] = actor.id
    for name, country in clashes:
        del found[name][country]
    return {name: bodies for name, bodies in found.items() if len(bodies) >= 2}


def _demonym_country(base: ActorBase, key: tuple[str, ...]) -> str | None:
    """The country whose demonym a one-word key is (العراقية; السعودية, a name too), if any."""
    countries = set(base.country_actor.values())
    return next((base.actors[s.actor].country for s in base.surfaces.get(key, ())
                 if s.kind in ("demonym", "name") and s.actor in countries), None)


def _rival_side(row: dict[str, str]) -> RivalSide:
    markers = (tuple(words(marker)) for marker in _split(row.get("markers")))
    return RivalSide(row["side"], row["country"], tuple(_split(row["actor"])), tuple(_split(row.get("members"))),
                     row.get("default") == "yes", tuple(key for key in markers if key), row.get("forces") or None,
                     frozenset(normalize(word) for word in _split(row.get("alone"))))


def key_of(text: str) -> tuple[str, ...]:
    """The lookup key of a surface form: its normalised words."""
    return tuple(words(normalize(text)))
