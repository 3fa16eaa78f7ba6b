"""Stages whose Arabic word lists have moved to data files keep none in their code (issue 13):
a string literal with an Arabic letter in one of them is a word list growing back. Docstrings
and comments may quote Arabic examples; punctuation (، ؛ ؟) is not a word."""
import ast
import re
from pathlib import Path

import pytest

import marsad

PACKAGE = Path(marsad.__file__).parent
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# Only ever add to this list.
WITHOUT_WORD_LISTS = (
    "text/dates.py", "text/date_vocab.py", "nlp/dates.py",
    "nlp/quotes.py", "nlp/source_phrases.py", "nlp/quote_sources.py", "nlp/quote_speakers.py", "lexicon/quotes.py",
    "lexicon/lexicon.py", "lexicon/morphology.py", "lexicon/generic_nouns.py", "lexicon/furniture.py",
    "lexicon/tables.py", "nlp/roles.py", "nlp/clauses.py", "nlp/lexicons.py", "nlp/phrases.py",
    "nlp/ner_features.py", "ingest/plaintext.py", "corpus/disputes.py", "gsr.py",
    "kb/actors.py", "kb/outlets.py", "kb/places.py", "kb/romanize.py", "kb/fuzzy.py", "text/words.py",
    "text/language.py", "text/sentences.py", "nlp/basics.py", "nlp/stage.py", "lexicon/argument_words.py",
    "distributed.py", "store/search.py", "store/query.py", "nlp/entities.py", "nlp/places.py",
    "nlp/events.py", "nlp/generic_actors.py", "nlp/event_detect.py", "nlp/event_triggers.py",
    "nlp/event_arguments.py", "nlp/place_context.py", "nlp/person_names.py", "nlp/ner_misreadings.py",
    "nlp/place_decisions.py",
)
# Arabic strings of more than one character still in code outside the dashboard (marsad/web),
# by module; a count may only fall. Help texts that quote an Arabic example (cli.py,
# store/commands.py, ingest/dateline.py) and the pipeline's warm-up article are no word lists.
REMAINING = {"cli.py": 2, "store/commands.py": 1, "ingest/dateline.py": 1, "nlp/pipeline.py": 1}


def arabic_literals(source: str) -> list[tuple[int, str]]:
    """(line, value) of each string literal holding an Arabic letter, docstrings left out."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings and ARABIC_LETTER.search(node.value)]


def test_the_finder_sees_a_literal_but_not_a_docstring_or_punctuation():
    source = 'def f():\n    """يوم"""\n    return ["شهر", "،"]\n'
    assert arabic_literals(source) == [(3, "شهر")]


@pytest.mark.parametrize("module", WITHOUT_WORD_LISTS)
def test_no_arabic_word_in_the_code_of(module):
    found = arabic_literals((PACKAGE / module).read_text(encoding="utf-8"))
    assert found == [], f"{module}: move these words to a data file under marsad/data: {found}"


def test_no_module_outside_the_dashboard_gains_an_arabic_word():
    grown = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        if module.startswith("web/"):
            continue
        found = [value for _, value in arabic_literals(path.read_text(encoding="utf-8")) if len(value.strip()) > 1]
        if len(found) > REMAINING.get(module, 0):
            grown[module] = found
    assert grown == {}, f"move these words to a data file under marsad/data: {grown}"
