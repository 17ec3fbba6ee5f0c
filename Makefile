# Two set-up commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench mutation package install-desktop uninstall-desktop clean i18n

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	@$(PY) tools/check_qt_libs.py
	SCIATICA_COACH_DATA_DIR="$${SCIATICA_COACH_DATA_DIR:-$(CURDIR)/.data}" $(VENV)/bin/sciatica-coach

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests tools benchmarks
	$(VENV)/bin/ruff format --check src tests tools benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache --no-logo

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# Every benchmark, then each target with its figure and PASS/FAIL (benchmarks/bench.py);
# Xvfb, when installed, adds the xcb rows. Long (about a quarter of an hour) and sensitive to
# a busy machine: each figure is a ratio to a bare window measured in the same run.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/bench.py

# Mutation testing of the core, one module at a time against its own tests, in copies under
# mutants/ (tools/mutation.py); long, so not part of `make test`. MODULES=engine limits it.
mutation: $(STAMP)
	$(PY) tools/mutation.py $(MODULES)

# A one-folder bundle in dist/sciatica-coach (PyInstaller goes into .venv on first use, as a
# build tool, not a dependency of the app), then the bundle's own smoke test.
PYINSTALLER := pyinstaller>=6.10,<7
package: $(STAMP)
	@$(PY) -c "import PyInstaller" 2>/dev/null || $(PY) -m pip install --quiet '$(PYINSTALLER)'
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/pyinstaller/sciatica-coach.spec
	dist/sciatica-coach/sciatica-coach --self-test
	@du -sh dist/sciatica-coach

# The words to translate: extract every _(), N_() and ngettext() into the template, then bring
# each language's catalog up to date with it (new entries empty, changed ones fuzzy). Translate
# them in assets/locale/LANG/LC_MESSAGES/sciatica_coach.po; tests/test_i18n.py finds gaps.
LOCALE := assets/locale
i18n: $(STAMP)
	$(VENV)/bin/pybabel extract --project sciatica-coach --add-location=file --sort-by-file \
		--no-wrap -c "Translators:" -o $(LOCALE)/sciatica_coach.pot src/sciatica_coach
	$(VENV)/bin/pybabel update --no-wrap --ignore-obsolete -D sciatica_coach \
		-i $(LOCALE)/sciatica_coach.pot -d $(LOCALE)

# Linux menu entry, metainfo and icons under PREFIX (default ~/.local); EXEC picks the
# program (default: the bundle in dist/ if built, else sciatica-coach on PATH).
PREFIX ?= $(HOME)/.local
install-desktop:
	packaging/linux/install-desktop.sh --prefix "$(PREFIX)" $(if $(EXEC),--exec "$(EXEC)")

uninstall-desktop:
	packaging/linux/install-desktop.sh --prefix "$(PREFIX)" --uninstall

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
