"""English forms of Arabic personal names outside the knowledge base (arabic-name-romanizer, MIT)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def english_name(name: str, country: str | None = None) -> str | None:
    """The usual Latin spelling of a person's Arabic name; the country (ISO alpha-3) picks
    the regional spelling (Ghadanfar in Iraq). None when the romanizer has no answer."""
    import arabic_name_romanizer

    try:
        result = arabic_name_romanizer.transliterate(name, country=country)
    except (ValueError, KeyError, RuntimeError):
        return None
    return result if isinstance(result, str) and result.strip() else None
