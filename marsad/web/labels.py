"""Arabic labels (with the English code beside them) for the codes the record uses."""
from __future__ import annotations

EVENT_TYPES = {
    "AGREE": "اتفاق", "CONSULT": "تشاور", "SUPPORT": "دعم", "CONCEDE": "تنازل",
    "COOPERATE": "تعاون", "AID": "مساعدة", "RETREAT": "انسحاب", "REQUEST": "طلب",
    "ACCUSE": "اتهام", "REJECT": "رفض", "THREATEN": "تهديد", "PROTEST": "احتجاج",
    "SANCTION": "عقوبات", "MOBILIZE": "تعبئة", "COERCE": "إكراه", "ASSAULT": "اعتداء",
}
STATUSES = {"reported": "مُبلَّغ عنه", "denied": "منفي", "hypothetical": "افتراضي",
            "planned": "مُخطَّط", "background": "خلفية"}
ENTITY_TYPES = {"PERSON": "شخص", "ORG": "منظمة", "GPE": "دولة أو مدينة", "LOC": "مكان",
                "FAC": "منشأة", "NORP": "جماعة"}
SECTORS = {"GOV": "حكومة", "MIL": "عسكري", "REB": "مسلحون", "PTY": "حزب", "LEG": "تشريعي",
           "JUD": "قضاء", "MED": "إعلام", "IGO": "منظمة دولية", "NGO": "منظمة غير حكومية",
           "BUS": "أعمال", "CVL": "مدنيون", "REL": "ديني"}
ATTRIBUTION_KINDS = {"person": "شخص", "official": "مسؤول", "anonymous": "مصدر مجهول",
                     "outlet": "وسيلة إعلام", "media": "إعلام"}


def label(table: dict[str, str], code: str | None) -> str:
    """`عربي (CODE)`, or the code alone when it has no Arabic label, or an empty string."""
    if not code:
        return ""
    arabic = table.get(code)
    return f"{arabic} ({code})" if arabic else code


# Arabic nouns counted on the pages: (one, two, three to ten, eleven to ninety-nine). A hundred,
# a thousand and their multiples take the singular, as «مئة وثيقة».
COUNTED = {
    "وثيقة": ("وثيقة واحدة", "وثيقتان", "وثائق", "وثيقةً"),
    "حدث": ("حدث واحد", "حدثان", "أحداث", "حدثًا"),
    "فاعل": ("فاعل واحد", "فاعلان", "فاعلين", "فاعلًا"),
    "قصة": ("قصة واحدة", "قصتان", "قصص", "قصةً"),
    "مصدر مستقل": ("مصدر مستقل واحد", "مصدران مستقلان", "مصادر مستقلة", "مصدرًا مستقلًا"),
    "نتيجة": ("نتيجة واحدة", "نتيجتان", "نتائج", "نتيجةً"),
    "مصدر": ("مصدر واحد", "مصدران", "مصادر", "مصدرًا"),
}


def counted(n: int, noun: str) -> str:
    """`n` and the noun in the form Arabic gives it after that number (وثيقتان، 5 وثائق، 11 وثيقةً)."""
    one, two, few, many = COUNTED[noun]
    if n == 1:
        return one
    if n == 2:
        return two
    rest = n % 100
    if 3 <= rest <= 10:
        return f"{n:,} {few}"
    if 11 <= rest <= 99:
        return f"{n:,} {many}"
    if n == 0:
        return f"0 {few}"
    return f"{n:,} {noun}"  # 100, 200, 1,000 and those ending in 01, 02 keep the singular
