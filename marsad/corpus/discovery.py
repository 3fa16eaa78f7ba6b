"""Actor discovery: titled people and organisations the knowledge base does not know, for review."""
from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from typing import Any

from marsad.kb.actors import ActorBase, key_of
from marsad.lexicon.lexicon import load_lexicon
from marsad.store.stories import unlinked_mentions


def known_to_kb(name: str, base: ActorBase) -> bool:
    """Whether a name is one of the KB's surfaces (a curated actor) or a generic phrase."""
    key = key_of(name)
    return key in base.surfaces or key in base.generic or key in base.titles


def discover_actors(db: sqlite3.Connection, min_documents: int = 1,
                    base: ActorBase | None = None) -> list[dict[str, Any]]:
    """Unknown people and organisations seen with titles, with inferred country, sector, evidence.

    Entities are grouped by type and normalised name across countries, since one report may
    give a country that another leaves out; the country and sector are the most common seen.
    """
    base = base or load_lexicon().actors
    rows = unlinked_mentions(db)
    groups: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for etype, norm, name, country, sector, roles, doc in rows:
        groups[(etype, norm)].append((name, country, sector, json.loads(roles), doc))
    found = []
    for (etype, norm), seen in groups.items():
        roles = Counter(r for _, _, _, rs, _ in seen for r in rs)
        if not roles:
            continue
        names = Counter(name for name, *_ in seen)
        name = names.most_common(1)[0][0]
        if known_to_kb(name, base):
            continue
        documents = sorted({doc for *_, doc in seen})
        if len(documents) < min_documents:
            continue
        countries = Counter(c for _, c, _, _, _ in seen if c)
        sectors = Counter(s for _, _, s, _, _ in seen if s)
        found.append({
            "name": name, "type": etype,
            "country": countries.most_common(1)[0][0] if countries else None,
            "sector": sectors.most_common(1)[0][0] if sectors else None,
            "roles": [r for r, _ in roles.most_common()],
            "documents": documents,
            "mentions": len(seen),
        })
    found.sort(key=lambda a: (-len(a["documents"]), a["name"]))
    return found
