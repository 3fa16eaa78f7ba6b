"""The outlet knowledge base: news agencies, channels, papers and sites, their names and hosts."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from marsad.datafiles import DATA, read_rows
from marsad.text.normalize import words

OUTLETS_FILE = DATA / "outlets" / "outlets.tsv"
TYPES = frozenset({"agency", "tv", "radio", "newspaper", "magazine", "website"})


@dataclass(frozen=True)
class Outlet:
    key: str
    name: str
    name_en: str
    country: str
    type: str
    forms: tuple[str, ...]
    domains: tuple[str, ...]


class OutletBase:
    """Outlets by their normalised Arabic and English word forms and by web host."""

    def __init__(self, outlets: list[Outlet]):
        self.outlets = {o.key: o for o in outlets}
        self.by_form: dict[tuple[str, ...], Outlet] = {}
        self.by_domain: dict[str, Outlet] = {}
        for outlet in outlets:
            for form in outlet.forms:
                self.by_form.setdefault(tuple(words(form)), outlet)
            for domain in outlet.domains:
                self.by_domain.setdefault(domain.lower(), outlet)

    def named(self, text: str) -> Outlet | None:
        """The outlet a name stands for (وكالة رويترز، Reuters), else None."""
        return self.by_form.get(tuple(words(text)))

    def of_url(self, url: str | None) -> Outlet | None:
        """The outlet whose web host (or a path under it, bbc.com/arabic) a URL is on."""
        if not url:
            return None
        parts = urlsplit(url if "//" in url else "//" + url)
        host = (parts.hostname or "").lower().removeprefix("www.")
        path = parts.path.strip("/").split("/")[0]
        for candidate in (f"{host}/{path}" if path else None, host):
            while candidate:
                if candidate in self.by_domain:
                    return self.by_domain[candidate]
                candidate = candidate.split(".", 1)[1] if "." in candidate.split("/")[0] else None
        return None


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def read_outlets(path: Path) -> OutletBase:
    """The outlet base of one outlets file (columns as marsad/data/outlets/outlets.tsv)."""
    outlets = []
    for row in read_rows(path):
        forms = [row["name"], *_split(row["forms"]), row["name_en"], *_split(row["forms_en"])]
        outlets.append(Outlet(row["key"], row["name"], row["name_en"], row["country"], row["type"],
                              tuple(f for f in forms if f), tuple(_split(row["domains"]))))
    return OutletBase(outlets)
