"""The place gazetteer: Arabic place names, clitics and all, to places with coordinates."""
from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable, KeysView, Mapping
from dataclasses import dataclass
from pathlib import Path

from marsad.datafiles import DATA, numbered_rows
from marsad.errors import PlaceDataError
from marsad.lexicon.morphology import Morphology
from marsad.text.normalize import normalize

PLACES_FILE = DATA / "places.tsv"
EXTRA_FILE = DATA / "places_extra.tsv"

COLUMNS = ("key", "name", "variants", "name_en", "type", "kind", "country",
           "lat", "lon", "geonames", "kb", "population")
TYPES = frozenset({"GPE", "LOC", "FAC"})
KINDS = frozenset({"country", "admin1", "admin2", "city", "region", "district", "site"})
# Among candidates of equal standing, a settlement before the area named after it.
_KIND_RANK = {"country": 6, "city": 5, "admin1": 4, "admin2": 3, "district": 2, "site": 1,
              "region": 0}

# A place name stripped of its clitics keeps this many letters: short names (قم، صور) count.
MIN_STEM = 2
# An admin area gives way to a city of its country that is this share of its population:
# بغداد the governorate to بغداد the city, but not نينوى the governorate to a hamlet.
CITY_SHARE = 0.1
# A city of a million people or more keeps its name against a namesake this many times smaller in
# a country the text names: موسكو stays Moscow in an article that says الأمريكية (not Mesquite,
# Texas, 72 times smaller), while طرابلس with لبنان nearby is still Tripoli, Lebanon (5 times
# smaller), and الإسكندرية with العراق is Iskandariya in Babil (54 times smaller than Alexandria).
METROPOLIS = 1_000_000
OUTWEIGHS = 60


@dataclass(frozen=True)
class Place:
    """A place: its leading Arabic name and its facts."""
    name: str
    name_en: str
    type: str
    kind: str
    country: str | None
    lat: float
    lon: float
    geonames: str | None = None
    kb: str | None = None
    population: int = 0

    @property
    def geo(self) -> dict:
        """The record's `geo` field (SCHEMA.md)."""
        return {"lat": self.lat, "lon": self.lon, "geonames": self.geonames}


def strip_clitics(word: str, morphology: Morphology | None = None) -> list[str]:
    """Candidate stems of one word, most specific first: وبالعراق -> بالعراق, العراق, عراق.

    The word itself comes first, so a name that starts like a clitic (وهران, بيروت, لبنان)
    is found before any stripping; ل + ال (لل) gives back the article (للعراق -> العراق). The
    article is dropped last of all. A stem keeps at least MIN_STEM letters. The clitics are
    `morphology`'s, the shipped ones unless given.
    """
    morphology = Morphology.from_file() if morphology is None else morphology
    return morphology.stem_candidates(word, min_stem=MIN_STEM, restore_article=True)


def _bare(surface: str) -> str:
    """The normalised surface without the punctuation a tokeniser may leave around it."""
    text = normalize(surface)
    keep = lambda ch: unicodedata.category(ch)[0] in "LN"  # noqa: E731
    start, end = 0, len(text)
    while start < end and not keep(text[start]):
        start += 1
    while end > start and not keep(text[end - 1]):
        end -= 1
    return " ".join(text[start:end].split())


def _rank(place: Place) -> tuple:
    return (place.kind == "country", place.population, _KIND_RANK.get(place.kind, 0),
            place.kb or "", place.geonames or "", place.name_en)


def _unless_dwarfed(pool: list[Place], nearby: list[Place]) -> list[Place]:
    """`nearby`, unless the pool holds a metropolis that dwarfs every place of it."""
    largest = max(p.population for p in pool)
    if largest >= METROPOLIS and largest >= OUTWEIGHS * max(p.population for p in nearby):
        return pool
    return nearby


def resolve(candidates: Iterable[Place], context_countries: Iterable[str] | Mapping[str, int] = ()) -> Place | None:
    """The place a name most likely means, given the countries of the article's other places
    (with how often the text names each, where a mapping gives it).

    Candidates in a context country win (طرابلس with لبنان nearby is Tripoli, Lebanon), those of
    the country named most among them, unless the name's metropolis dwarfs them (METROPOLIS,
    OUTWEIGHS); with none in context, a region of no one country (a sea) wins; then a country
    before anything else, then the most populous. An admin area gives way to a large city of its
    country with the same name (بغداد is the city, not the governorate).
    """
    pool = list(candidates)
    if not pool:
        return None
    context = context_countries if isinstance(context_countries, Mapping) else dict.fromkeys(context_countries, 1)
    in_context = [p for p in pool if p.country in context]
    if in_context:
        pool = _unless_dwarfed(pool, in_context)
        if pool is in_context:
            # among the text's countries, the one it names most (الجوف in a story of Yemen that
            # names Saudi Arabia too is Yemen's; موسكو in a story of the United States that names
            # Russia is still Moscow, not Moscow, Idaho)
            most = max(context[p.country] for p in pool)
            pool = _unless_dwarfed(pool, [p for p in pool if context[p.country] == most])
    elif any(p.kind == "region" and not p.country for p in pool):
        # a sea or a region of no one country (البحر الأحمر) before a foreign province of the
        # same name (Sudan's Red Sea state), which news names with its kind word (ولاية البحر الأحمر)
        pool = [p for p in pool if p.kind == "region" and not p.country]
    best = max(pool, key=_rank)
    if best.kind in ("admin1", "admin2"):
        cities = [p for p in pool if p.kind == "city" and p.country == best.country
                  and p.population >= CITY_SHARE * best.population]
        if cities:
            best = max(cities, key=_rank)
    return best


class PlaceIndex:
    """Normalised names to places, for lookups of surface forms and n-gram scans; a surface's
    clitics come off by `morphology` (the shipped clitics unless given)."""

    def __init__(self, named_places: Iterable[tuple[Place, Iterable[str]]],
                 morphology: Morphology | None = None) -> None:
        self.morphology = Morphology.from_file() if morphology is None else morphology
        by_key: dict[str, list[Place]] = {}
        for place, names in named_places:
            for name in names:
                key = normalize(name)
                hits = by_key.setdefault(key, [])
                if place not in hits:
                    hits.append(place)
        self._by_key = {k: tuple(sorted(v, key=_rank, reverse=True)) for k, v in by_key.items()}
        self.max_key_tokens = max((len(k.split()) for k in self._by_key), default=0)

    def __len__(self) -> int:
        return len(self.places())

    def __contains__(self, key: str) -> bool:
        return key in self._by_key

    def keys(self) -> KeysView[str]:
        """Every normalised name, for a PhraseMatcher or a dict scan."""
        return self._by_key.keys()

    def places(self) -> list[Place]:
        """Every place once."""
        seen: dict[int, Place] = {}
        for hits in self._by_key.values():
            for place in hits:
                seen.setdefault(id(place), place)
        return list(seen.values())

    def get(self, key: str) -> tuple[Place, ...]:
        """Places of one normalised key, no clitic stripping."""
        return self._by_key.get(key, ())

    def lookup(self, surface: str) -> list[Place]:
        """Candidate places for a surface form, clitics stripped from its first word."""
        tokens = _bare(surface).split()
        if not tokens:
            return []
        rest = tokens[1:]
        for stem in strip_clitics(tokens[0], self.morphology):
            hits = self._by_key.get(" ".join([stem] + rest))
            if hits:
                return list(hits)
        return []

    def resolve(self, candidates: Iterable[Place],
                context_countries: Iterable[str] = ()) -> Place | None:
        """See the module's resolve()."""
        return resolve(candidates, context_countries)


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The data rows of a gazetteer TSV with their line numbers, after its `# ` header."""
    rows: list[tuple[int, dict[str, str]]] = []
    columns: list[str] | None = None
    for number, cells in numbered_rows(path):
        if columns is None:
            columns = cells
            if tuple(columns) != COLUMNS:
                raise PlaceDataError(f"{path}:{number}", f"columns {columns}, expected {COLUMNS}")
            continue
        if len(cells) != len(COLUMNS):
            raise PlaceDataError(f"{path}:{number}", f"{len(cells)} cells, expected {len(COLUMNS)}")
        rows.append((number, dict(zip(COLUMNS, cells))))
    return rows


def _names(row: dict[str, str]) -> list[str]:
    return [row["name"]] + [v for v in row["variants"].split("|") if v]


def _place(row: dict[str, str], where: str) -> Place:
    try:
        return Place(name=row["name"], name_en=row["name_en"], type=row["type"],
                     kind=row["kind"], country=row["country"] or None,
                     lat=float(row["lat"]), lon=float(row["lon"]),
                     geonames=row["geonames"] or None, kb=row["kb"] or None,
                     population=int(row["population"] or 0))
    except ValueError as e:
        raise PlaceDataError(where, str(e)) from None


def _is_alias(row: dict[str, str]) -> bool:
    return not row["lat"] and not row["lon"]


def read_places(places_path: Path = PLACES_FILE, extra_path: Path | None = EXTRA_FILE,
                morphology: Morphology | None = None) -> PlaceIndex:
    """The gazetteer: the generated places.tsv, then the hand-written places_extra.tsv. The
    shipped one is read once, by the Lexicon (`load_lexicon().places`).

    A row of the extra file with no lat/lon is an alias: it names the place of its geonames
    id (or, for kind=country, the country of its ISO code), its name becomes that place's
    leading name, and its kb fills an empty one. Other rows are places; one whose geonames id,
    or else (kind, country, name_en), is already known adds its names to that place.
    """
    places: list[Place] = []
    names: list[list[str]] = []
    by_identity: dict[tuple, int] = {}

    def identities(place: Place) -> list[tuple]:
        keys = [("geonames", place.geonames)] if place.geonames else []
        if place.kind == "country":
            keys.append(("country", place.country))
        return keys or [(place.kind, place.country, place.name_en)]

    def add(place: Place, its_names: list[str]) -> None:
        keys = identities(place)
        i = next((by_identity[k] for k in keys if k in by_identity), None)
        if i is None:
            i = len(places)
            places.append(place)
            names.append([])
        for k in keys:
            by_identity.setdefault(k, i)
        names[i].extend(its_names)

    for number, row in read_rows(places_path):
        add(_place(row, f"{places_path}:{number}"), _names(row))
    if extra_path is not None:
        for number, row in read_rows(extra_path):
            where = f"{extra_path}:{number}"
            if not _is_alias(row):
                add(_place(row, where), _names(row))
                continue
            target = (("geonames", row["geonames"]) if row["geonames"]
                      else ("country", row["country"]) if row["kind"] == "country" else None)
            i = by_identity.get(target) if target else None
            if i is None:
                raise PlaceDataError(where, f"alias {row['name']!r} names no known place {target}")
            old = places[i]
            places[i] = dataclasses.replace(old, name=row["name"], kb=old.kb or row["kb"] or None)
            names[i].extend(_names(row))
    return PlaceIndex(zip(places, names), morphology)
