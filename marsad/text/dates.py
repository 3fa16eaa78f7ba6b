"""Date expressions in Arabic news: find every one and resolve it to an ISO interval.

Plain text in, DateMentions out: ingestion reads a page's date line with it, and the
marsad_dates component (marsad.nlp.dates) runs it over a Doc."""
from __future__ import annotations

import calendar
import re
from bisect import bisect_left
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import hijridate

from marsad.record import DateMention, Interval
from marsad.lexicon.lexicon import load_lexicon
from marsad.text.date_vocab import DateVocabulary, alternation, fold_text, lookup_key
from marsad.text.normalize import TATWEEL

# Patterns run on the normalised text (marsad.text.normalize), so they are written in
# folded letters (ا for أإآ, ي for ى, ه for ة) with ASCII digits.
_SP = r"[^\S\n]+"   # spaces inside one line: a date never runs across a line break
_SP0 = r"[^\S\n]*"
_END = r"(?!\w)"
# Upcoming dates are common in news ("the vote on 5 December"); a day or month without a
# year that falls this close after publication is read as upcoming, anything later as the
# most recent past occurrence, which is what news mostly reports.
UPCOMING_WINDOW = timedelta(days=31)
# How far back from a period a part word (مطلع، منتصف، أواخر) may sit, in characters.
_PART_REACH = 30


# The patterns, the trigger table and the proclitics are made once per vocabulary: the shipped
# one, and in tests a tiny one (vocabularies are hashed by identity). These caches hold no data
# of their own: each is a pure function of the vocabulary it is handed, remembered because
# compiling the patterns costs more than reading a document.
@lru_cache(maxsize=4)
def _proclitics(v: DateVocabulary) -> str:
    """The letters that may be glued before a date word (و ف ب ل): conjunctions and
    prepositions, but not ك, which compares (كاليوم) rather than dates."""
    return v.morphology.proclitic_letters(without=v.words["not_proclitic"])


def _word_start(v: DateVocabulary) -> str:
    """A word starts here, possibly after one or two proclitics; the proclitics stay outside
    the span because they belong to the sentence, not to the date."""
    p = f"[{_proclitics(v)}]"
    return rf"(?:(?<!\w)|(?<=(?<!\w){p})|(?<=(?<!\w){p}{p}))"


@dataclass
class _Found:
    """A date expression in normalised offsets, before it becomes a DateMention."""
    start: int
    end: int
    first: date | None
    last: date | None
    grain: str                 # day | week | month | year
    calendar: str = "gregorian"
    relative: bool = False


@lru_cache(maxsize=4)
def _patterns(v: DateVocabulary) -> dict[str, re.Pattern[str]]:
    """Every date pattern, compiled once from the vocabulary files."""
    start = _word_start(v)
    rel = v.relative
    # The function words (data/dates/function_words.tsv), each a group to stand anywhere.
    yawm, shahr, of, wa, teen, one, tomorrow = (
        f"(?:{alternation(v.words[role])})"
        for role in ("day_noun", "month_noun", "of", "and", "teen", "one", "tomorrow"))
    article = re.escape(v.morphology.article)
    weekdays = alternation(v.weekdays)
    free_weekdays = alternation(v.free_weekdays)
    months = alternation(v.months)
    directions = alternation(rel["direction"])
    year_cues = alternation(rel["year_cue"])
    tens = alternation(f for f, n in v.cardinals.items() if n >= 20 and n % 10 == 0 and n < 100)
    number = rf"[0-9]{{1,3}}|(?:{alternation(v.cardinals)})(?:{_SP}{wa}{_SP0}(?:{tens}))?"
    weekday_prefix = rf"(?:(?:{yawm}{_SP}(?:{weekdays})|(?:{free_weekdays})){_SP0}[،,]?{_SP0})"
    day = (rf"(?:{weekday_prefix}?(?:{article})?(?P<d>[0-9]{{1,2}})|(?P<od>{alternation(v.ordinals)})"
           rf"(?={_SP}{of}{_SP})){_SP}(?:{of}{_SP})?")
    cues = alternation(list(rel["cue"]) + list(rel["part"]))
    strong_cues = alternation([f for f, (_, kind) in rel["cue"].items() if kind == "strong"]
                              + list(rel["part"]))
    weak_cues = alternation(f for f, (_, kind) in rel["cue"].items() if kind == "weak")
    units = alternation(rel["unit"])
    eras = {kind: alternation(f for f, (_, k) in rel["era"].items() if k == kind)
            for kind in ("hijri", "gregorian")}
    hijri_mark = rf"(?P<hmark>{eras['hijri']})(?!\w)"
    greg_mark = rf"(?:{_SP0}(?:{eras['gregorian']})(?!\w))"
    year_tail = (rf"{_SP0}[،,]?{_SP0}(?:{of}{_SP})?(?:(?:{year_cues}){_SP})?"
                 rf"(?P<y>[12][0-9]{{3}})(?![0-9]){greg_mark}?")
    # the year named from the publication's (9 يناير من العام الماضي، مارس من العام الجاري)
    relative_year = (rf"{_SP0}[،,]?{_SP0}{of}{_SP}(?:{year_cues}){_SP}(?P<ydir>{directions})")
    p = {
        "numeric": (
            rf"{start}{weekday_prefix}?(?<![0-9/.\-])(?:"
            rf"(?P<d>[0-9]{{1,2}}){_SP0}(?P<s>[/.\-]){_SP0}(?P<m>[0-9]{{1,2}}){_SP0}(?P=s){_SP0}(?P<y>[0-9]{{4}})"
            rf"|(?P<y2>[0-9]{{4}}){_SP0}(?P<s2>[/.\-]){_SP0}(?P<m2>[0-9]{{1,2}}){_SP0}(?P=s2){_SP0}(?P<d2>[0-9]{{1,2}}))"
            rf"(?![0-9]|[/.\-][0-9])(?:{_SP0}{hijri_mark}|{greg_mark})?"),
        # A day glued to the word before it ("استفتاء25 أيلول") is a scraping artefact, common
        # enough in RTL pages to accept when the match starts with a digit.
        "gregorian": (
            rf"(?:{start}|(?<=[^\W\d_])(?=[0-9]))(?:{day})?(?:(?P<shahr>{shahr}){_SP})?(?P<m1>{months})"
            rf"(?:(?:{_SP0}[/\-]{_SP0}|{_SP0}\({_SP0}|{_SP})(?P<m2>{months})(?:{_SP0}\))?)?"
            rf"(?:{year_tail}|{_SP}(?P<dir>{directions})|{relative_year})?{_END}"),
        "hijri": (
            rf"{start}(?:{day})?(?:{shahr}{_SP})?(?P<hm>{alternation(v.hijri_months)}){_SP0}[،,]?{_SP0}"
            rf"(?:{of}{_SP})?(?:(?:{year_cues}){_SP})?(?P<y>1[0-9]{{3}})(?![0-9])(?:{_SP0}{hijri_mark})?{_END}"),
        "hijri_year": rf"{start}(?:(?:{year_cues}){_SP})?(?P<y>1[0-9]{{3}}){_SP0}{hijri_mark}",
        "year": (rf"{start}(?:{year_cues}){_SP}(?P<y>[12][0-9]{{3}})(?![0-9])"
                 rf"(?:(?:{_SP}{wa}{_SP0}|{_SP0}[-–/]{_SP0})(?P<y2>[12][0-9]{{3}})(?![0-9]))?"
                 rf"{greg_mark}?{_END}(?!{_SP0}[/.\-]{_SP0}[0-9])"),
        # A bare four-digit number is a year only after a cue. After a weak cue it must end the
        # clause, since "في 2000 وحدة سكنية" counts housing units; after a strong one (منذ،
        # بحلول، مطلع) anything but a unit may follow ("منذ 2015 خلفت" but not "منذ 2000 عام").
        "bare_year": (rf"{start}(?:(?:{strong_cues}){_SP}(?P<y>(?:19|20)[0-9]{{2}})(?![0-9])"
                      rf"(?!{_SP0}[/.\-]?{_SP0}[0-9])(?!{_SP}(?:{units}){_END})"
                      rf"|(?:{weak_cues}){_SP}(?P<wy>(?:19|20)[0-9]{{2}})"
                      rf"(?={_SP0}(?:[.,،؛:!?؟)\]\"»\n]|$)))"),
        "day_word": (
            rf"{start}(?:(?P<dp>{alternation(rel['daypart'])}){_SP}(?:{yawm}{_SP})?)?"
            rf"(?P<dw>{alternation(list(rel['day']) + list(v.words['tomorrow']))})"
            rf"(?:{_SP}(?P<wd>{free_weekdays}))?{_END}"),
        "weekday": (
            rf"{start}(?:(?P<dp>{alternation(rel['daypart'])}){_SP})?(?:(?P<yawm>{yawm}){_SP})?"
            rf"(?P<wd>{weekdays})(?:(?:{_SP0}[-/]{_SP0}|{_SP})(?:{free_weekdays}))?"
            rf"(?:{_SP}(?P<dir>{directions}))?{_END}(?!{_SP}{teen})"),
        "period": (rf"{start}(?:(?:(?:{article})?(?P<d>[0-9]{{1,2}})|(?P<od>{alternation(v.ordinals)})){_SP}{of}{_SP})?"
                   rf"(?:(?P<this>{alternation(rel['this'])}){_SP})?"
                   rf"(?P<per>{alternation(rel['period'])})(?:{_SP}(?P<dir>{directions}))?{_END}"),
        "ago": (rf"{start}(?P<ago>{alternation(rel['ago'])}){_SP}(?:(?:{alternation(rel['approx'])}){_SP})?"
                rf"(?:(?P<n>{number}){_SP})?(?P<unit>{units})(?:{_SP}{one})?{_END}"
                rf"(?!{_SP0}[0-9])(?P<anchor>{_SP}{of}{_END})?"),
    }
    compiled = {name: re.compile(pattern) for name, pattern in p.items()}
    compiled["part_before"] = re.compile(
        rf"{start}(?P<part>{alternation(rel['part'])}){_SP}(?:{of}{_SP})?$")
    compiled["cue_before"] = re.compile(rf"{start}(?:{cues}){_SP}$")
    compiled["word_before"] = re.compile(r"(\w+)" + _SP + "$")
    compiled["word_after"] = re.compile(_SP + r"(\w+)")
    return compiled


# ---------------------------------------------------------------- calendar arithmetic

def _month_interval(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + by
    return total // 12, total % 12 + 1


def _shift_date(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative), clamped to the month's length."""
    year, month = _shift_month(day.year, day.month, months)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _week_interval(day: date) -> tuple[date, date]:
    # Weeks run Monday..Sunday (ISO), as the gold annotations do, although many Arab
    # countries start the working week on Saturday or Sunday.
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _hijri_to_gregorian(year: int, month: int, day: int | None) -> tuple[date, date] | None:
    """A Hijri day, or a whole Hijri month when day is None, as Gregorian dates."""
    try:
        if day is not None:
            first = hijridate.Hijri(year, month, day).to_gregorian()
            return date(first.year, first.month, first.day), date(first.year, first.month, first.day)
        start = hijridate.Hijri(year, month, 1)
        first = start.to_gregorian()
        first = date(first.year, first.month, first.day)
        return first, first + timedelta(days=start.month_length() - 1)
    except (ValueError, OverflowError):  # outside hijridate's Umm al-Qura table (1343-1500 AH)
        return None


def _infer_year(month: int, day: int | None, published: date, direction: int | None) -> date | None:
    """The start of the day (or month) without a year that the article most likely means."""
    def start(year: int) -> date | None:
        return _safe_date(year, month, day or 1)

    options = [d for d in (start(published.year + k) for k in (-2, -1, 0, 1, 2)) if d is not None]
    # A month "before publication" means a month that has begun and is not publication's own.
    current = published if day else published.replace(day=1)
    if direction is not None and direction < 0:
        past = [d for d in options if d < current]
        return past[direction] if len(past) >= -direction else None
    if direction is not None and direction > 0:
        future = [d for d in options if d > current]
        return future[direction - 1] if len(future) >= direction else None
    if direction == 0:
        return start(published.year)
    upcoming = [d for d in options if current < d <= published + UPCOMING_WINDOW]
    if upcoming:
        return upcoming[0]
    past = [d for d in options if d <= published]
    return past[-1] if past else None


def _narrow(first: date, last: date, grain: str, part: str) -> tuple[date, date]:
    """The part (start, middle, end) of a week, month or year."""
    if grain == "month":
        # Thirds of a month, as Arabic usage splits it (العشر الأوائل، الأواسط، الأواخر).
        bounds = {"start": (1, 10), "middle": (11, 20), "end": (21, last.day)}[part]
        return first.replace(day=bounds[0]), first.replace(day=bounds[1])
    if grain == "year":
        # Quarters at the ends: مطلع العام is Jan-Mar, أواخر العام Oct-Dec; the middle is
        # what lies between (Apr-Sep), wide because منتصف العام is used loosely.
        months = {"start": (1, 3), "middle": (4, 9), "end": (10, 12)}[part]
        return _month_interval(first.year, months[0])[0], _month_interval(first.year, months[1])[1]
    # Week: Monday-Tuesday, Wednesday-Thursday, Friday-Sunday.
    offsets = {"start": (0, 1), "middle": (2, 3), "end": (4, 6)}[part]
    return first + timedelta(days=offsets[0]), first + timedelta(days=offsets[1])


# ---------------------------------------------------------------- one handler a pattern

def _number(text: str, v: DateVocabulary) -> int | None:
    key = lookup_key(text)
    if key.isdigit():
        return int(key)
    if key in v.cardinals:
        return v.cardinals[key]
    units, _, tens = key.partition(" " + v.words["and"][0])
    if units in v.cardinals and tens.strip() in v.cardinals:
        return v.cardinals[units] + v.cardinals[tens.strip()]
    return None


def _direction(m: re.Match[str], v: DateVocabulary) -> int | None:
    return int(v.relative["direction"][lookup_key(m["dir"])][1]) if m["dir"] else None


def _preceded_by(name: str, norm: str, start: int, v: DateVocabulary) -> re.Match[str] | None:
    return _patterns(v)[name].search(norm, max(0, start - _PART_REACH), start)


def _blocked_before(norm: str, start: int, key: str, v: DateVocabulary) -> bool:
    before = _patterns(v)["word_before"].search(norm, max(0, start - _PART_REACH), start)
    if before is None:
        return False
    word = before[1]
    # The word before may carry proclitics of its own (والأمين العام).
    return any((word[i:], key) in v.blocked_before for i in range(3))


def _ordinal_counts_a_period(norm: str, start: int, v: DateVocabulary) -> bool:
    before = _patterns(v)["word_before"].search(norm, max(0, start - _PART_REACH), start)
    return before is not None and (before[1] in v.relative["period"] or before[1] in v.words["today"])


def _numeric(m, norm, published, v) -> _Found | None:
    if m["y"]:
        day, month, year = int(m["d"]), int(m["m"]), int(m["y"])
        if month > 12 >= day:  # month/day/year, as some agencies write it
            day, month = month, day
    else:
        day, month, year = int(m["d2"]), int(m["m2"]), int(m["y2"])
    if m["hmark"]:
        interval = _hijri_to_gregorian(year, month, day) if 1 <= month <= 12 else None
        if interval is None:
            return None
        return _Found(m.start(), m.end(), *interval, "day", "hijri")
    found = _safe_date(year, month, day)
    if found is None or not 1000 <= year <= 2199:
        return None
    return _Found(m.start(), m.end(), found, found, "day")


def _gregorian(m, norm, published, v) -> _Found | None:
    month = v.months[lookup_key(m["m1"])]
    end = m.end()
    year, direction = (int(m["y"]) if m["y"] else None), _direction(m, v)
    if m["ydir"]:
        if published is None:
            return _Found(m.start(), end, None, None, "day" if m["d"] or m["od"] else "month", relative=True)
        year = published.year + int(v.relative["direction"][lookup_key(m["ydir"])][1])
    if m["m2"] and v.months[lookup_key(m["m2"])] != month:
        # Two different months side by side ("أكتوبر نوفمبر") are two mentions, not a gloss.
        end, year, direction = m.end("m1"), None, None
    day = int(m["d"]) if m["d"] else (v.ordinals[lookup_key(m["od"])] if m["od"] else None)
    if day is not None and not 1 <= day <= 31:
        return None
    if m["od"] and _ordinal_counts_a_period(norm, m.start(), v):
        return None  # "الأسبوع الأول من كانون الثاني": the ordinal is the week's, not a day
    # A lone month name needs a cue: مارس is also the verb "practised", آب folds to أب "father".
    if (day is None and year is None and direction is None and not m["shahr"]
            and not _preceded_by("cue_before", norm, m.start(), v)):
        return None
    if year is not None:
        if day is None:
            return _Found(m.start(), end, *_month_interval(year, month), "month")
        found = _safe_date(year, month, day)
        return _Found(m.start(), end, found, found, "day") if found else None
    if published is None:
        return _Found(m.start(), end, None, None, "day" if day else "month", relative=True)
    first = _infer_year(month, day, published, direction)
    if first is None:
        return None
    if day is None:
        return _Found(m.start(), end, *_month_interval(first.year, month), "month", relative=True)
    return _Found(m.start(), end, first, first, "day", relative=True)


def _hijri(m, norm, published, v) -> _Found | None:
    year, month = int(m["y"]), v.hijri_months[lookup_key(m["hm"])]
    day = int(m["d"]) if m["d"] else (v.ordinals[lookup_key(m["od"])] if m["od"] else None)
    if year >= 1600 or (day is not None and not 1 <= day <= 30):
        return None  # رمضان 2020 names a Gregorian year; left to the year pattern
    interval = _hijri_to_gregorian(year, month, day)
    first, last = interval if interval else (None, None)
    return _Found(m.start(), m.end(), first, last, "day" if day else "month", "hijri")


def _hijri_year(m, norm, published, v) -> _Found | None:
    year = int(m["y"])
    first = _hijri_to_gregorian(year, 1, None)
    last = _hijri_to_gregorian(year, 12, None)
    if first is None or last is None:
        return _Found(m.start(), m.end(), None, None, "year", "hijri")
    return _Found(m.start(), m.end(), first[0], last[1], "year", "hijri")


def _year(m, norm, published, v) -> _Found | None:
    group = "wy" if "wy" in m.re.groupindex and m["wy"] else "y"
    year = int(m[group])
    # "عامي 2019 و2020" and "العام 2020-2021" cover both years.
    last = int(m["y2"]) if "y2" in m.re.groupindex and m["y2"] else year
    if last < year:
        return None
    # The cue before a bare year stays outside the span: it is a preposition, not a date word.
    start = m.start(group) if m.re is _patterns(v)["bare_year"] else m.start()
    return _Found(start, m.end(), date(year, 1, 1), date(last, 12, 31), "year")


def _day_word(m, norm, published, v) -> _Found | None:
    key = lookup_key(m["dw"])
    if key in v.words["tomorrow"]:
        if not m["dp"]:  # الغد alone is also "the future" and a newspaper's name
            return None
        offset = 1
    else:
        offset = int(v.relative["day"][key][1])
    after = _patterns(v)["word_after"].match(norm, m.end())
    if (after and (after[1], key) in v.blocked_after) or _blocked_before(norm, m.start(), key, v):
        return None
    if published is None:
        return _Found(m.start(), m.end(), None, None, "day", relative=True)
    found = published + timedelta(days=offset)
    return _Found(m.start(), m.end(), found, found, "day", relative=True)


def _weekday(m, norm, published, v) -> _Found | None:
    weekday, needs_yawm = v.weekdays[lookup_key(m["wd"])]
    if needs_yawm and not m["yawm"]:
        return None
    if published is None:
        return _Found(m.start(), m.end(), None, None, "day", relative=True)
    direction = _direction(m, v)
    back = (published.isoweekday() - weekday) % 7
    if not direction:
        # A bare weekday in news is the latest such day up to publication ("قال الأربعاء").
        found = published - timedelta(days=back)
    elif direction < 0:
        found = published - timedelta(days=(back or 7) + 7 * (-direction - 1))
    else:
        ahead = (weekday - published.isoweekday()) % 7 or 7
        found = published + timedelta(days=ahead + 7 * (direction - 1))
    return _Found(m.start(), m.end(), found, found, "day", relative=True)


def _period(m, norm, published, v) -> _Found | None:
    key = lookup_key(m["per"])
    unit = v.relative["period"][key][0]
    direction = _direction(m, v)
    if not m["this"]:
        if direction is None and not _preceded_by("part_before", norm, m.start(), v):
            return None  # العام alone is "general", الشهر alone "the month" of the story
        if _blocked_before(norm, m.start(), key, v):
            return None
    day = int(m["d"]) if m["d"] else (v.ordinals[lookup_key(m["od"])] if m["od"] else None)
    start = m.start()
    if day is not None and unit != "month":
        # "3 من العام الماضي" counts something; only the period is a date.
        day, start = None, m.start("this") if m["this"] else m.start("per")
    if published is None:
        return _Found(start, m.end(), None, None, "day" if day else unit, relative=True)
    offset = direction or 0
    if day is not None:
        year, month = _shift_month(published.year, published.month, offset)
        found = _safe_date(year, month, day)
        return _Found(m.start(), m.end(), found, found, "day", relative=True) if found else None
    if unit == "week":
        first, last = _week_interval(published + timedelta(days=7 * offset))
    elif unit == "month":
        first, last = _month_interval(*_shift_month(published.year, published.month, offset))
    else:
        first, last = date(published.year + offset, 1, 1), date(published.year + offset, 12, 31)
    return _Found(start, m.end(), first, last, unit, relative=True)


def _ago(m, norm, published, v) -> _Found | None:
    unit, count = v.relative["unit"][lookup_key(m["unit"])]
    n = _number(m["n"], v) if m["n"] else None
    if (count == "0" and n is None) or (count == "2" and n is not None):
        return None  # "قبل أيام" has no count; "قبل ثلاثة يومين" is not Arabic
    n = n if n is not None else int(count)
    end = m.start("anchor") if m["anchor"] else m.end()
    if m["anchor"]:
        # "بعد يومين من الهجوم" counts from an event of the story, not from publication.
        return _Found(m.start(), end, None, None, "day")
    if published is None:
        return _Found(m.start(), m.end(), None, None, "day", relative=True)
    sign = int(v.relative["ago"][lookup_key(m["ago"])][1])
    # A duration back from publication is read as the point it reaches ("قبل 5 أشهر" is the
    # day five months before), not as a whole month: that point is what the text asserts.
    if unit == "day":
        found = published + timedelta(days=sign * n)
    elif unit == "week":
        found = published + timedelta(days=sign * 7 * n)
    else:
        found = _shift_date(published, sign * n * (12 if unit == "year" else 1))
    return _Found(m.start(), m.end(), found, found, "day", relative=True)


_HANDLERS = {
    "numeric": _numeric, "gregorian": _gregorian, "hijri": _hijri, "hijri_year": _hijri_year,
    "year": _year, "bare_year": _year, "day_word": _day_word, "weekday": _weekday,
    "period": _period, "ago": _ago,
}


# ---------------------------------------------------------------- public functions

@lru_cache(maxsize=4)
def _triggers(v: DateVocabulary) -> dict[str, tuple[str, ...]]:
    """First word of an expression -> the patterns that can start with it ("#": a number)."""
    rel = v.relative
    yawm = v.words["day_noun"]
    free = [f for f, (_, needs_yawm) in v.weekdays.items() if not needs_yawm]
    day_start = ["#", *yawm, *v.words["month_noun"], *free, *v.ordinals]
    starts = {
        "numeric": ["#", *yawm, *free],
        "gregorian": [*day_start, *v.months],
        "hijri": [*day_start, *v.hijri_months],
        "hijri_year": ["#", *rel["year_cue"]],
        "year": list(rel["year_cue"]),
        "bare_year": [*rel["cue"], *rel["part"]],
        "day_word": [*rel["daypart"], *rel["day"], *v.words["tomorrow"]],
        "weekday": [*rel["daypart"], *yawm, *v.weekdays],
        "period": ["#", *v.ordinals, *rel["this"], *rel["period"]],
        "ago": list(rel["ago"]),
    }
    table: dict[str, list[str]] = {}
    for name, forms in starts.items():
        for form in forms:
            names = table.setdefault(form.split()[0], [])
            if name not in names:
                names.append(name)
    return {word: tuple(names) for word, names in table.items()}


_TOKEN = re.compile(r"\w+")
_DIGITS = frozenset("0123456789")


def _attempts(norm: str, v: DateVocabulary):
    """(position, pattern name) pairs worth trying: where a word can begin a date expression.

    Trying each pattern only where its first word occurs is several times faster than
    scanning the whole text with every pattern, and finds overlapping candidates too.
    """
    triggers = _triggers(v)
    numbers = triggers["#"]
    proclitics = _proclitics(v)
    # A number glued to the article (ال5): slices made once, as this loop runs for every word.
    article = v.morphology.article
    after_article = len(article)
    article_part, digit_after_article = slice(0, after_article), slice(after_article, after_article + 1)
    for token in _TOKEN.finditer(norm):
        word = token.group()
        at = token.start()
        for k in range(3):  # the word itself, then without one or two proclitics
            if k and word[k - 1] not in proclitics:
                break
            rest = word[k:] if k else word
            if not rest:
                break
            if rest[0] in _DIGITS or (rest[digit_after_article] in _DIGITS and rest[article_part] == article
                                           and len(rest) > after_article):
                names = numbers
            else:
                names = triggers.get(rest, ())
            for name in names:
                yield at + k, name
        if word[0] not in _DIGITS and not word.isalpha():
            # A day glued to the word before it ("استفتاء25 أيلول").
            digit = next((i for i, ch in enumerate(word) if ch in _DIGITS), None)
            if digit is not None:
                yield at + digit, "gregorian"


def _find(norm: str, published: date | None, v: DateVocabulary) -> list[_Found]:
    """Non-overlapping date expressions in a normalised text, longest first, in text order."""
    patterns = _patterns(v)
    found: list[_Found] = []
    for at, name in _attempts(norm, v):
        m = patterns[name].match(norm, at)
        if m is not None:
            try:
                item = _HANDLERS[name](m, norm, published, v)
            except (OverflowError, ValueError):
                item = None  # a date before year 1 or after 9999: beyond the calendar
            if item is not None:
                found.append(item)
    for item in found:
        if item.grain in ("week", "month", "year"):
            part = _preceded_by("part_before", norm, item.start, v)
            if part:
                item.start = part.start()
                if item.first is not None:
                    kind = v.relative["part"][lookup_key(part["part"])][1]
                    try:
                        item.first, item.last = _narrow(item.first, item.last, item.grain, kind)
                    except (OverflowError, ValueError):
                        item.first = item.last = None
    # Longest first; an expression is kept when it overlaps none kept before. Kept spans never
    # overlap, so sorted by start they are sorted by end too: of those starting before this
    # one ends, the last ends latest, and it alone decides. Comparing with every kept span
    # instead was quadratic (50,000 dates never finished, issue 14).
    chosen: list[_Found] = []
    starts: list[int] = []
    ends: list[int] = []
    for item in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        k = bisect_left(starts, item.end)
        if k and ends[k - 1] > item.start:
            continue
        chosen.append(item)
        starts.insert(k, item.start)
        ends.insert(k, item.end)
    return sorted(chosen, key=lambda f: f.start)


def _original_span(text: str, normalized, start: int, end: int) -> tuple[int, int]:
    first, last = normalized.span_to_original(start, end)
    # Keep a last letter's diacritics and tatweel (غداً، 1442هـ) inside the span.
    while last < len(text) and (text[last] == TATWEEL or unicodedata.category(text[last]) == "Mn"):
        last += 1
    return first, last


def find_dates(text: str, published: date | None,
               vocabulary: DateVocabulary | None = None) -> list[DateMention]:
    """Every date expression in `text`, resolved against `published` where it is relative, with
    the shipped date vocabulary unless given one."""
    normalized = fold_text(text)
    mentions = []
    for item in _find(normalized.text, published, vocabulary or load_lexicon().dates):
        start, end = _original_span(text, normalized, item.start, item.end)
        value = (Interval(item.first.isoformat(), item.last.isoformat())
                 if item.first is not None and item.last is not None else None)
        mentions.append(DateMention(text[start:end], start, end, value, item.calendar, item.relative))
    return mentions


def find_publication_date(text: str, vocabulary: DateVocabulary | None = None) -> date | None:
    """The first absolute full date (day, month and year) in a date line or byline."""
    for item in _find(fold_text(text).text, None, vocabulary or load_lexicon().dates):
        if item.grain == "day" and not item.relative and item.first is not None:
            return item.first
    return None
