# The two commands a newcomer needs: `make run` and `make test`.
# Each creates .venv on first use and reinstalls when the requirements change.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/pip install --quiet --quiet --disable-pip-version-check -c upper-constraints.txt

.PHONY: run test lint venv genconfig genpolicy clean

venv: $(STAMP)

$(STAMP): requirements.txt test-requirements.txt upper-constraints.txt setup.cfg
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is required")'
	@echo "==> creating $(VENV) (first run only)"
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt -r test-requirements.txt
	$(PIP) -e .
	@touch $@

run: $(STAMP)
	$(BIN)/iotronic-all-in-one

test: $(STAMP)
	$(BIN)/ruff check iotronic
	$(BIN)/pytest iotronic/tests/unit
	$(BIN)/pytest iotronic/tests/functional

lint: $(STAMP)
	$(BIN)/ruff check iotronic

genconfig: $(STAMP)
	$(BIN)/oslo-config-generator --config-file tools/config/iotronic-config-generator.conf

genpolicy: $(STAMP)
	$(BIN)/oslopolicy-sample-generator --config-file tools/policy/iotronic-policy-generator.conf

clean:
	rm -rf $(VENV) .state
