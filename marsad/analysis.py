"""From a Document to the analysis record: runs the pipeline and gathers its layers."""
from __future__ import annotations

import datetime as dt

from spacy.language import Language

from marsad.errors import InputError
from marsad.ingest import parse_text
from marsad.nlp.pipeline import load
from marsad.record import Analysis, Document, content_hash

NO_DATE_WARNING = "no publication date found: relative dates are left unresolved"


def content_id(text: str) -> str:
    """A stable id for a cleaned text: the same text always gives the same id."""
    return content_hash(text)


def check_published(value: str | dt.date | None, source: str = "published") -> str | None:
    """A caller's publication date as ISO `YYYY-MM-DD`, or an error naming the bad value."""
    if value is None or isinstance(value, dt.date):
        return value.isoformat() if value else None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InputError(source, f"publication date {value!r} is not YYYY-MM-DD") from None


def analyze_document(document: Document, *, id: str | None = None,
                     nlp: Language | None = None) -> Analysis:
    """Run the pipeline over a Document's text and return its record."""
    nlp = nlp or load()
    doc = nlp.make_doc(document.text)
    doc._.published = document.published
    doc._.warnings = list(document.warnings)
    doc = nlp(doc)
    warnings = list(doc._.warnings)
    if document.published is None:
        warnings.append(NO_DATE_WARNING)
    return Analysis(
        id=id or content_id(document.text),
        url=document.url,
        title=document.title,
        published=document.published,
        text=document.text,
        highlights=list(document.highlights),
        boilerplate=list(document.boilerplate),
        entities=doc._.entities or [],
        events=doc._.events or [],
        quotes=doc._.quotes or [],
        attributions=doc._.attributions or [],
        dates=doc._.dates or [],
        warnings=warnings,
        outlet=document.outlet,
        lead=document.lead,
        dateline=document.dateline,
        meta=dict(document.meta),
    )


def analyze(text: str, published: str | dt.date | None = None, *, url: str | None = None,
            html: bool | None = None, id: str | None = None, source: str = "<text>") -> Analysis:
    """Analyse one article given as text (a plain-text page or HTML) and return its record."""
    document = parse_text(text, source, html=html, published=check_published(published), url=url)
    return analyze_document(document, id=id)
