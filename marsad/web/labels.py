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
