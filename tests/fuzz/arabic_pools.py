"""Word pools and hypothesis strategies for Arabic-ish news text, shared by the fuzz tests."""
from __future__ import annotations

from hypothesis import strategies as st

NAMES = ["قاآني", "قااني", "الكاظمي", "بالكاظمي", "مصطفى الكاظمي", "محمد بن سلمان", "أردوغان",
         "لافروف", "بلينكن", "نصر الله", "الحلبوسي", "عبد اللطيف رشيد", "إسماعيل قاآني"]
PLACES = ["بغداد", "وبغداد", "لإيران", "طهران", "دمشق", "بيروت", "البصرة", "أمريكا", "امريكا",
          "واشنطن", "البيت الأبيض", "الموصل", "غزة", "صنعاء", "عمّان", "القاهرة", "العراق", "وللعراق"]
TITLES = ["الرئيس", "رئيس الوزراء", "وزير الخارجية", "قائد فيلق القدس", "الأمين العام",
          "المتحدث باسم", "الإيراني", "العراقي", "السفير"]
VERBS = ["قال", "أكد", "نفى", "التقى", "زار", "أطلق", "هاجم", "استهدف", "انسحب", "اجتمع", "أعلن",
         "وصل", "تظاهر", "احتج", "قصف", "اتفق", "هدد", "أضاف", "أوضح", "كشف", "ندد"]
CUES = ["مصدر مطلع", "وفق ما نقلته صحيفة", "بحسب مصادر", "غير صحيح", "لا توجد", "في حال",
        "أي تحرك نحو", "من المقرر أن", "يعتزم", "نقلاً عن", "أفادت وكالة", "إن", "أن", "الذي"]
DATES = ["يوم الأربعاء الماضي", "قبل ثلاثة أيام", "غداً", "أمس", "اليوم", "الأسبوع المقبل",
         "العام الماضي", "مطلع الشهر", "منتصف", "أواخر", "في 2019.", "عام 2002", "منذ 2015",
         "23/11/2020", "2020-11-23", "31/02/2020", "٢٣ تشرين الثاني ٢٠٢٠", "١٥ رمضان ١٤٤٢ هـ",
         "1442هـ", "2020م", "بعد أسبوعين", "قبل نحو عشرين عاما", "في الثالث من آذار"]
MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
          "تشرين الأول", "تشرين الثاني", "كانون الأول", "يناير", "فبراير", "مارس", "أبريل", "مايو",
          "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
HIJRI_MONTHS = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب",
                "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"]
FILLER = ["الحكومة", "الهجوم", "صاروخ", "الهدنة", "المفاوضات", "الاجتماع", "القوات", "الميليشيات",
          "على", "في", "من", "إلى", "مع", "عن", "و", "ثم", "خلال", "بعد", "قبل", "Reuters", "AFP",
          "COVID-19", "x", "ماذا؟"]
PUNCT = ["،", ".", "؟", "!", "؛", ":", "…", "«", "»", '"', "(", ")", "-", "/", "...", ".."]
DIACRITICS = ["\u064b", "\u064c", "\u064d", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652",
              "\u0670", "\u0640"]  # tanwin, harakat, shadda, sukun, superscript alef, tatweel
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c",
             "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c", "\ufeff", "\xa0"]
SPACES = [" ", " ", " ", "  ", "\n", "\n\n", "\t", " \n "]

_digit = st.sampled_from("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
number = st.lists(_digit, min_size=1, max_size=5).map("".join)
numeric_date = st.builds(lambda d, m, y, s: f"{d}{s}{m}{s}{y}", st.integers(0, 40), st.integers(0, 14),
                         st.integers(0, 9999), st.sampled_from("/-."))
month_date = st.builds(lambda d, m, y, e: f"{d} {m} {y}{e}", st.integers(0, 40),
                       st.sampled_from(MONTHS + HIJRI_MONTHS), st.integers(0, 9999),
                       st.sampled_from(["", " هـ", "هـ", "م", " ميلادي", " هجري"]))

_word = st.one_of(
    st.sampled_from(NAMES + PLACES + TITLES + VERBS + CUES + DATES + MONTHS + HIJRI_MONTHS + FILLER),
    number, numeric_date, month_date,
)


@st.composite
def decorated_word(draw) -> str:
    """A pool word, sometimes with diacritics, tatweel or invisible characters inside it."""
    word = draw(_word)
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(word)))
        word = word[:at] + draw(st.sampled_from(DIACRITICS + INVISIBLE)) + word[at:]
    return word


@st.composite
def news_text(draw, max_words: int = 80) -> str:
    """An Arabic-ish page: a title line, then words, punctuation, quotes and line breaks."""
    pieces = [draw(st.lists(decorated_word(), min_size=1, max_size=6).map(" ".join)), "\n"]
    for _ in range(draw(st.integers(0, max_words))):
        pieces.append(draw(st.one_of(decorated_word(), decorated_word(), decorated_word(),
                                     st.sampled_from(PUNCT), st.sampled_from(INVISIBLE))))
        pieces.append(draw(st.sampled_from(SPACES)))
    return "".join(pieces)


# Text of any characters, weighted towards the ones Arabic pages bring.
hostile_chars = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8"),
                       st.sampled_from("".join(DIACRITICS + INVISIBLE + PUNCT) + "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى \n")),
    max_size=300,
)

published_dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))
