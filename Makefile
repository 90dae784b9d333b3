# `make map` and `make test` are all the set-up a fresh machine needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Leaflet from the npm registry for the browser tests (never committed); folium's version.
LEAFLET := $(VENV)/share/leaflet
LEAFLET_VERSION := 1.9.3

.PHONY: map test bench train clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	mkdir -p $(LEAFLET)
	cd $(LEAFLET) && npm pack --silent leaflet@$(LEAFLET_VERSION) >/dev/null \
		&& tar -xzf leaflet-$(LEAFLET_VERSION).tgz --strip-components=1 && rm leaflet-$(LEAFLET_VERSION).tgz
	touch $(STAMP)

map: $(STAMP)
	$(BIN)/mapper map seeds/* -o outputs

test: $(STAMP)
	$(BIN)/python -m pytest

# Accuracy on the gold corpora, scored by the reference scorer; results go into BENCHMARKS.md.
EVAL ?= ../shared/eval
bench: $(STAMP)
	mkdir -p outputs/bench
	for corpus in lgl geovirus; do \
		$(BIN)/mapper geoparse $(EVAL)/$$corpus.jsonl -o outputs/bench/$$corpus.pred.jsonl && \
		$(BIN)/python $(EVAL)/score.py $(EVAL)/$$corpus.jsonl outputs/bench/$$corpus.pred.jsonl \
			--penalize-missing-coords || exit 1; \
	done
	$(BIN)/python -m mapper.speed $(EVAL)/lgl.jsonl

# Refit the candidate ranker on the gold corpora (cross-validated); writes mapper/data/ranker.json.
train: $(STAMP)
	$(BIN)/python -m mapper.resolve.train $(EVAL)/lgl.jsonl $(EVAL)/geovirus.jsonl

clean:
	rm -rf $(VENV) outputs/*/
