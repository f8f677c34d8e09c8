# The two commands a newcomer needs: `make run` and `make test`.
# Each creates .venv on first use and reinstalls when the requirements change.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/pip install --quiet --quiet --disable-pip-version-check -c upper-constraints.txt
# Real peers the functional tests run against, each in its own venv
# because their pins clash with ours.
PEERS := .peers
# upstream-iotronic (0.4.17) is the benchmark's side-by-side reference.
PEER_STAMPS := $(PEERS)/keystone/.installed $(PEERS)/iotronicclient/.installed \
	$(PEERS)/crossbar/.installed $(PEERS)/lightningrod/.installed \
	$(PEERS)/upstream-iotronic/.installed

.PHONY: run test lint docs bench venv peers genconfig genpolicy clean

venv: $(STAMP)

$(STAMP): requirements.txt test-requirements.txt upper-constraints.txt setup.cfg
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is required")'
	@echo "==> creating $(VENV) (first run only)"
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt -r test-requirements.txt
	$(PIP) -e .
	@touch $@

peers: $(PEER_STAMPS)

$(PEERS)/%/.installed: tools/peers/%-requirements.txt
	@echo "==> creating $(PEERS)/$* (first run only)"
	rm -rf $(PEERS)/$*
	$(PYTHON) -m venv $(PEERS)/$*
	$(PEERS)/$*/bin/pip install --quiet --quiet --disable-pip-version-check -r $<
	@touch $@

run: $(STAMP) $(PEERS)/crossbar/.installed
	$(BIN)/iotronic-aio --boards 1

test: $(STAMP) $(PEER_STAMPS)
	$(BIN)/ruff check iotronic tools
	$(BIN)/pytest iotronic/tests/unit
	$(BIN)/pytest iotronic/tests/functional

lint: $(STAMP)
	$(BIN)/ruff check iotronic tools

# The documentation, the API reference and the release notes, warnings
# as errors (as tox -e docs,api-ref,releasenotes).
DOCS_STAMP := $(VENV)/.docs-installed
SPHINX := $(BIN)/sphinx-build -q -W --keep-going -b html

$(DOCS_STAMP): $(STAMP) doc/requirements.txt
	$(PIP) -r doc/requirements.txt
	@touch $@

docs: $(DOCS_STAMP)
	$(SPHINX) doc/source doc/build/html
	$(SPHINX) api-ref/source api-ref/build/html
	$(SPHINX) releasenotes/source releasenotes/build/html

# The benchmark harness (tools/bench/run.py): figures as JSON and a plot
# in bench-results/. make bench BENCH_ARGS=--quick for the short run;
# BENCH_ARGS=--upstream adds upstream IoTronic 0.4.17 side by side.
bench: $(STAMP) $(PEER_STAMPS)
	$(BIN)/python tools/bench/run.py $(BENCH_ARGS)

genconfig: $(STAMP)
	$(BIN)/oslo-config-generator --config-file tools/config/iotronic-config-generator.conf

genpolicy: $(STAMP)
	$(BIN)/oslopolicy-sample-generator --config-file tools/policy/iotronic-policy-generator.conf

clean:
	rm -rf $(VENV) $(PEERS) .state doc/build api-ref/build releasenotes/build \
		bench-results
