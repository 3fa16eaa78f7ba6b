"""Kept for the modules that still import the date vocabulary from here (marsad.nlp.events);
it lives in marsad.text.date_vocab, where ingestion can use it without the nlp stage."""
from marsad.text.date_vocab import load_date_vocabulary  # noqa: F401
