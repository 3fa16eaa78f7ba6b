"""Format and coverage checks for the event and quotation lexicons (triggers, status, background, speech, sources)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from tsv_table import read_table

from marsad.text.normalize import normalize
from marsad.text.words import words

ROOT = Path(__file__).resolve().parents[2]

EVENTS = ROOT / "marsad" / "data" / "events"
QUOTES = ROOT / "marsad" / "data" / "quotes"
TRIGGERS = EVENTS / "triggers.tsv"
STATUS_CUES = EVENTS / "status_cues.tsv"
BACKGROUND_CUES = EVENTS / "background_cues.tsv"
SPEECH_VERBS = QUOTES / "speech_verbs.tsv"
SOURCE_CUES = QUOTES / "source_cues.tsv"

SOURCE_LINE = ("written by the Marsad team from Arabic news usage; "
               "event types and modes follow the PLOVER manual (openeventdata)")

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
# The PLOVER manual's modes per type, then the Marsad extensions the header of triggers.tsv marks with +.
_DEMAND_MODES = {"assist", "change", "yield", "meet"}
MANUAL_MODES = {
    "ASSAULT": {"abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "heavy-weapons", "cleansing", "massacre",
                "unconventional", "sideab"},
    "PROTEST": {"demo", "riot", "general", "strike", "hunger", "boycott", "obstruct"},
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "COERCE": {"confiscate", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "REJECT": _DEMAND_MODES,
    "REQUEST": _DEMAND_MODES,
    "THREATEN": {"restrict", "ban", "arrest", "relations", "expel", "territory", "violence"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "RETREAT": {"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"},
    "AGREE": set(), "SUPPORT": set(), "CONCEDE": set(), "COOPERATE": set(), "AID": set(),
}
MARSAD_MODES = {
    "ASSAULT": {"aerial", "seize"},
    "CONSULT": {"meet", "host"},
    "REJECT": {"refuse", "deny", "veto"},
    "REQUEST": {"demand", "appeal"},
    "THREATEN": {"sanction"},
    "MOBILIZE": {"alert", "exercise"},
    "COERCE": {"coup", "convict"},
    "AGREE": {"agreement", "ceasefire", "peace", "offer"},
    "SUPPORT": {"praise", "endorse", "recognize", "relations"},
    "CONCEDE": {"apologize", "pardon", "ease", "concession", "ceasefire", "suspend", "release"},
    # COOPERATE and AID have no manual modes: the manual's general context names stand in.
    "COOPERATE": {"military", "intelligence", "legal", "economic"},
    "AID": {"humanitarian", "economic", "military", "asylum", "evacuation"},
}
TRIGGER_KINDS = {"verb", "noun", "passive", "split"}
TARGET_PREPOSITIONS = {"على", "ضد", "مع", "ب", "إلى", "ل", "من", "عن", "في", "بين", "لدى", "أمام",
                       "قرب", "داخل", "عند", "باتجاه", "نحو",
                       # verbs that introduce what a tour takes in (جولة تشمل الأردن ولبنان)
                       "تشمل", "شملت", "يشمل", "شمل", "ستشمل"}
STATUSES = {"denied", "hypothetical", "planned", "negated", "background"}
SCOPES = {"before", "after", "governs", "pluperfect"}
EFFECTS = {"background", "report"}
SPEECH_KINDS = {"say", "add", "deny", "accuse", "warn", "call", "noun", "according"}
SOURCE_KINDS = {"anonymous", "media", "outlet_head", "relay", "official"}
RICH_TYPES = {"ASSAULT", "PROTEST", "CONSULT", "COERCE", "ACCUSE", "REJECT", "REQUEST", "THREATEN",
              "AGREE"}

ARABIC_WORD = re.compile(r"[\u0621-\u063A\u0641-\u064A]+")  # letters only: no tatweel, no diacritics
DIACRITIC = re.compile(r"[\u064B-\u065F\u0670]")
FUTURE_PREFIX = "س+"


def load(path: Path) -> list[dict[str, str]]:
    _, header, rows = read_table(path)
    return [dict(zip(header, row)) for row in rows]


def is_arabic_form(form: str, extra: str = "") -> bool:
    """Arabic words separated by single spaces, no diacritics (`extra` characters allowed as words)."""
    if DIACRITIC.search(form) or "  " in form:
        return False
    return all(ARABIC_WORD.fullmatch(word) or word in extra for word in form.split(" "))


ALL_FILES = [
    (TRIGGERS, ["form", "type", "mode", "kind", "target"]),
    (STATUS_CUES, ["form", "status", "scope"]),
    (BACKGROUND_CUES, ["form", "effect"]),
    (SPEECH_VERBS, ["form", "kind", "part"]),
    (SOURCE_CUES, ["form", "kind"]),
]


@pytest.mark.parametrize("path,columns", ALL_FILES, ids=lambda v: v.name if isinstance(v, Path) else "")
def test_header_comments_and_columns(path, columns):
    comments, header, _ = read_table(path)
    assert header == columns
    assert comments and all(c.startswith("# ") or c == "#" for c in comments)
    text = "\n".join(comments)
    assert any(c.startswith("# Columns:") for c in comments), f"{path.name}: no Columns line"
    assert any(c.startswith("# Source:") and SOURCE_LINE in c for c in comments), \
        f"{path.name}: no Source line naming where the facts come from"
    assert any(c.startswith("# Change log:") for c in comments), f"{path.name}: no change log"
    for column in columns:
        assert column in text, f"{path.name}: column {column} undocumented"


@pytest.mark.parametrize("path", [p for p, _ in ALL_FILES], ids=lambda p: p.name)
def test_forms_make_whole_word_keys(path):
    """The loader keys forms on marsad.text.words; a key may not end in a lone clitic letter."""
    for row in load(path):
        if row["form"] == FUTURE_PREFIX:
            continue
        key = words(row["form"])
        assert key, row["form"]
        assert key[-1] not in {"و", "ف", "ب", "ل", "ك", "س"}, row["form"]


# ---------------------------------------------------------------- triggers

@pytest.fixture(scope="module")
def triggers() -> list[dict[str, str]]:
    return load(TRIGGERS)


def test_trigger_rows_are_valid(triggers):
    for row in triggers:
        form, etype, mode, kind, target = (row[c] for c in ("form", "type", "mode", "kind", "target"))
        assert is_arabic_form(form), f"not an Arabic form: {form!r}"
        assert etype in PLOVER_TYPES, f"{form}: unknown type {etype}"
        assert mode == "" or mode in MANUAL_MODES[etype] | MARSAD_MODES.get(etype, set()), \
            f"{form}: mode {mode!r} is neither the manual's nor a documented extension for {etype}"
        assert kind in TRIGGER_KINDS, f"{form}: unknown kind {kind}"
        assert target == "-" or all(t == "object" or t in TARGET_PREPOSITIONS
                                    for t in target.split("|")), f"{form}: bad target {target!r}"


def test_trigger_modes_documented_in_header():
    comments, _, _ = read_table(TRIGGERS)
    text = "\n".join(comments)
    used = {row["mode"] for row in load(TRIGGERS) if row["mode"]}
    for mode in used:
        assert re.search(rf"(?<![\w-]){re.escape(mode)}(?![\w-])", text), f"mode {mode} undocumented"


def test_no_duplicate_form_and_type(triggers):
    raw = Counter((row["form"], row["type"]) for row in triggers)
    assert [k for k, n in raw.items() if n > 1] == []
    # the matcher keys on the normalised form, so folded duplicates would shadow each other
    folded = Counter((normalize(row["form"]), row["type"]) for row in triggers)
    assert [k for k, n in folded.items() if n > 1] == []


def test_trigger_counts(triggers):
    assert len(triggers) >= 800
    per_type = Counter(row["type"] for row in triggers)
    assert set(per_type) == PLOVER_TYPES
    for etype in PLOVER_TYPES:
        floor = 100 if etype in RICH_TYPES else 50
        assert per_type[etype] >= floor, f"{etype}: {per_type[etype]} forms"


def test_every_type_has_verbs_or_nouns_of_several_kinds(triggers):
    kinds = {}
    for row in triggers:
        kinds.setdefault(row["type"], set()).add(row["kind"])
    for etype, seen in kinds.items():
        assert len(seen) >= 2, f"{etype}: only {seen}"


def _index(triggers):
    return {(row["form"], row["type"]): row for row in triggers}


@pytest.mark.parametrize("form,etype,mode,kind", [
    ("زار", "CONSULT", "visit", "verb"),
    ("زاروا", "CONSULT", "visit", "verb"),
    ("يزورون", "CONSULT", "visit", "verb"),
    ("زيارة", "CONSULT", "visit", "noun"),
    ("التقى", "CONSULT", "meet", "verb"),
    ("محادثات", "CONSULT", "meet", "noun"),
    ("اتصالا هاتفيا", "CONSULT", "phone", "noun"),
    ("استقبل", "CONSULT", "host", "verb"),
    ("اغتيل", "ASSAULT", "assassinate", "passive"),
    ("أصيب برصاص", "ASSAULT", "firearms", "passive"),
    ("سقطت صواريخ", "ASSAULT", "heavy-weapons", "passive"),
    ("سقط صاروخ", "ASSAULT", "heavy-weapons", "passive"),
    ("أطلق النار", "ASSAULT", "firearms", "verb"),
    ("شن هجوما", "ASSAULT", "", "verb"),
    ("تعرض لهجوم", "ASSAULT", "", "passive"),
    ("غارة", "ASSAULT", "aerial", "noun"),
    ("اشتباكات", "ASSAULT", "sideab", "noun"),
    ("خرق الهدنة", "ASSAULT", "", "noun"),
    ("تظاهر", "PROTEST", "demo", "verb"),
    ("احتجاجات", "PROTEST", "demo", "noun"),
    ("اعتصم", "PROTEST", "demo", "verb"),
    ("نظموا وقفة احتجاجية", "PROTEST", "demo", "verb"),
    ("خرجوا في مظاهرات", "PROTEST", "demo", "verb"),
    ("أضرب عن الطعام", "PROTEST", "hunger", "verb"),
    ("إضراب", "PROTEST", "strike", "noun"),
    ("عصيان مدني", "PROTEST", "general", "noun"),
    ("احتج لدى", "ACCUSE", "disapprove", "verb"),
    ("مذكرة احتجاج", "ACCUSE", "disapprove", "noun"),
    ("استدعت السفير", "ACCUSE", "disapprove", "verb"),
    ("سحبت سفيرها", "SANCTION", "withdraw", "verb"),
    ("فرض عقوبات", "SANCTION", "discontinue", "verb"),
    ("وقف إطلاق النار", "AGREE", "ceasefire", "noun"),
    ("اتفاق هدنة", "AGREE", "ceasefire", "noun"),
    ("أعلن وقف إطلاق النار", "CONCEDE", "ceasefire", "verb"),
    ("التزم بالهدنة", "RETREAT", "ceasefire", "verb"),
    ("انسحب", "RETREAT", "withdraw", "verb"),
    ("سحب", "RETREAT", "withdraw", "noun"),
    ("أفرج", "CONCEDE", "release", "verb"),
    ("استقال", "RETREAT", "resign", "verb"),
    ("اعتقل", "COERCE", "arrest", "verb"),
    ("حظر التجول", "COERCE", "curfew", "noun"),
    ("حث", "REQUEST", "demand", "verb"),
    ("ناشد", "REQUEST", "appeal", "verb"),
    ("هدد", "THREATEN", "", "verb"),
    ("هدد بفرض عقوبات", "THREATEN", "sanction", "verb"),
    ("نفى مسؤوليته", "REJECT", "deny", "verb"),
    ("ضلوع", "ACCUSE", "allege", "noun"),
    ("رحب", "SUPPORT", "praise", "verb"),
    ("اعتذر", "CONCEDE", "apologize", "verb"),
    ("مناورات مشتركة", "MOBILIZE", "exercise", "noun"),  # joint drills, as the annotators code them
    ("مناورات", "MOBILIZE", "exercise", "noun"),
    ("مساعدات إنسانية", "AID", "humanitarian", "noun"),
    # a denial, a release, a signing and a sentence as the annotation guidelines' table codes them
    ("نفت", "REJECT", "deny", "verb"),
    ("أطلق سراح", "CONCEDE", "release", "verb"),
    ("وقع اتفاقية", "AGREE", "agreement", "verb"),
    ("قضت المحكمة", "COERCE", "convict", "verb"),
    ("انقلاب عسكري", "COERCE", "coup", "noun"),
    # circumstantial participles that qualify a clause (، محذرا من …، رافضا …)
    ("محذرا", "THREATEN", "", "verb"),
    ("رافضا", "REJECT", "refuse", "verb"),
    ("مرحبة", "SUPPORT", "praise", "verb"),
    ("سيطرت على", "ASSAULT", "seize", "verb"),
    ("إجلاء", "AID", "evacuation", "noun"),
    ("مواجهات", "ASSAULT", "sideab", "noun"),
])
def test_hard_cases_are_coded(triggers, form, etype, mode, kind):
    row = _index(triggers).get((form, etype))
    assert row is not None, f"{form} missing as {etype}"
    assert (row["mode"], row["kind"]) == (mode, kind)


@pytest.mark.parametrize("form", ["قال", "أكد", "ضرب", "فجر", "وقع", "طالب", "أمر", "قبل", "حكم",
                                  "طعن", "تدمر", "امتنع", "مسيرة", "تجمع", "احتجاج"])
def test_ambiguous_words_are_not_triggers_alone(triggers, form):
    folded = {normalize(row["form"]) for row in triggers}
    assert normalize(form) not in folded


def test_verbal_protest_is_not_protest(triggers):
    """PLOVER's PROTEST is collective action; complaints to a government are ACCUSE disapprove."""
    for row in triggers:
        if "لدى" in row["form"].split() or "مذكرة" in row["form"] or "السفير" in row["form"]:
            assert row["type"] != "PROTEST", row["form"]


# ---------------------------------------------------------------- status and background cues

def test_status_cues():
    rows = load(STATUS_CUES)
    assert len(rows) >= 120
    for row in rows:
        assert row["form"] == FUTURE_PREFIX or is_arabic_form(row["form"]), row["form"]
        assert row["status"] in STATUSES, row
        assert row["scope"] in SCOPES, row
    assert not [k for k, n in Counter(normalize(r["form"]) for r in rows).items() if n > 1]
    cues = {row["form"]: (row["status"], row["scope"]) for row in rows}
    assert set(Counter(row["status"] for row in rows)) == STATUSES
    for form, expected in {
        FUTURE_PREFIX: ("planned", "before"),
        "سوف": ("planned", "before"),
        "يعتزم": ("planned", "governs"),
        "من المقرر": ("planned", "governs"),
        "المقبل": ("planned", "after"),
        "نفى": ("denied", "governs"),
        "تنفي": ("denied", "governs"),
        "رفض الأنباء": ("denied", "governs"),
        "غير صحيح": ("denied", "after"),
        "عار عن الصحة": ("denied", "after"),
        "لا أساس له من الصحة": ("denied", "after"),
        "لا توجد": ("denied", "before"),
        "هدد": ("hypothetical", "governs"),
        "في حال": ("hypothetical", "governs"),
        "أي تحرك نحو": ("hypothetical", "governs"),
        "قد": ("hypothetical", "before"),
        "لم": ("negated", "before"),
        "لن": ("negated", "before"),
    }.items():
        assert cues.get(form) == expected, form


def test_background_cues():
    rows = load(BACKGROUND_CUES)
    assert len(rows) >= 80
    for row in rows:
        assert is_arabic_form(row["form"], extra="؟"), row["form"]
        assert row["effect"] in EFFECTS, row
    assert not [k for k, n in Counter(normalize(r["form"]) for r in rows).items() if n > 1]
    effects = {row["form"]: row["effect"] for row in rows}
    for form in ("منذ سنوات", "سبق أن", "كان قد", "ذكرى", "محاكمة", "المتهمين", "أدان", "هل"):
        assert effects.get(form) == "background", form
    for form in ("أمس", "أسفر عن", "أدى إلى مقتل", "لقي مصرعه", "أصيب بجروح", "قالت الشرطة"):
        assert effects.get(form) == "report", form


# ---------------------------------------------------------------- quotation lexicons

def test_speech_verbs():
    rows = load(SPEECH_VERBS)
    assert len(rows) >= 150
    for row in rows:
        assert is_arabic_form(row["form"]), row["form"]
        assert row["kind"] in SPEECH_KINDS, row
        assert row["part"] in {"verb", "participle", "noun", "phrase"}, row
    assert not [k for k, n in Counter(normalize(r["form"]) for r in rows).items() if n > 1]
    assert set(Counter(row["kind"] for row in rows)) == SPEECH_KINDS
    parts = {row["form"]: row["part"] for row in rows}
    assert [parts[f] for f in ("مضيفا", "مطالبا", "قائلا", "قال", "أضاف", "قالا", "تصريحات")] == \
        ["participle"] * 3 + ["verb"] * 3 + ["noun"]
    kinds = {row["form"]: row["kind"] for row in rows}
    for form, kind in {"قال": "say", "قالت": "say", "يقول": "say", "أكد": "say", "كشف": "say",
                       "أضاف": "add", "تابع": "add", "أردف": "add", "استطرد": "add",
                       "نفى": "deny", "اتهم": "accuse", "حذر": "warn", "دعا": "call",
                       "تصريحات": "noun", "بيان": "noun", "مؤتمر صحفي": "noun",
                       "بحسب": "according", "وفقا": "according", "نقلا عن": "according",
                       "على حد قوله": "according"}.items():
        assert kinds.get(form) == kind, form


def test_source_cues():
    rows = load(SOURCE_CUES)
    assert len(rows) >= 100
    for row in rows:
        assert is_arabic_form(row["form"]), row["form"]
        assert row["kind"] in SOURCE_KINDS, row
    assert not [k for k, n in Counter(normalize(r["form"]) for r in rows).items() if n > 1]
    assert set(Counter(row["kind"] for row in rows)) == SOURCE_KINDS
    kinds = {row["form"]: row["kind"] for row in rows}
    for form, kind in {"مصدر مطلع": "anonymous", "مصادر أمنية": "anonymous", "شهود عيان": "anonymous",
                       "مسؤول رفض الكشف عن اسمه": "anonymous", "مصدر آخر": "anonymous",
                       "مواقع محلية": "media", "وسائل إعلام": "media", "مصادر إعلامية": "media",
                       "صحيفة": "outlet_head", "وكالة أنباء": "outlet_head", "قناة": "outlet_head",
                       "وفق ما نقلته": "relay", "نقلا عن": "relay", "حسبما ذكرت": "relay",
                       "المتحدث باسم": "official", "الناطق باسم": "official", "مسؤول": "official"}.items():
        assert kinds.get(form) == kind, form


# ---------------------------------------------------------------- the shared article

_WORD = re.compile(r"[\u0621-\u064A\u064B-\u065F\u0670\u0640]+")


def _stems(word: str) -> list[str]:
    """A normalised word and its forms without a glued و/ف and then ب/ل/ك (as the matcher does)."""
    stems = [word]
    if word[:1] in "وف" and len(word) > 3:
        stems.append(word[1:])
    for base in list(stems):
        if base[:1] in "بلك" and len(base) > 3:
            stems.append("ا" + base[2:] if base.startswith("لل") else base[1:])
    return stems


def _found(text: str, forms: set[tuple[str, ...]]) -> bool:
    words = [normalize(w) for w in _WORD.findall(text)]
    longest = max(len(f) for f in forms)
    for i in range(len(words)):
        for n in range(1, longest + 1):
            rest = tuple(words[i + 1:i + n])
            if any((stem,) + rest in forms for stem in _stems(words[i])):
                return True
    return False


def test_gold_events_have_a_trigger_of_their_type(triggers, seed_gold):
    by_type: dict[str, set[tuple[str, ...]]] = {}
    for row in triggers:
        by_type.setdefault(row["type"], set()).add(tuple(normalize(row["form"]).split()))
    for event in seed_gold["events"]:
        assert _found(event["evidence"], by_type[event["type"]]), (event["id"], event["type"])


def test_gold_non_events_have_a_trigger_and_status_cue_in_one_sentence(triggers, seed_gold, seed_path):
    """Each event the gold says is not reported sits in a sentence with its trigger and its status cue."""
    by_type: dict[str, set[tuple[str, ...]]] = {}
    for row in triggers:
        by_type.setdefault(row["type"], set()).add(tuple(normalize(row["form"]).split()))
    cues: dict[str, set[tuple[str, ...]]] = {}
    for row in load(STATUS_CUES):
        if row["form"] != FUTURE_PREFIX:
            cues.setdefault(row["status"], set()).add(tuple(normalize(row["form"]).split()))
    sentences = re.split(r"[.!؟\n]+", seed_path.read_text("utf-8"))
    for item in seed_gold["not_events"]:
        assert any(_found(s, by_type[item["type"]]) and _found(s, cues[item["status"]])
                   for s in sentences), (item["type"], item["status"])
