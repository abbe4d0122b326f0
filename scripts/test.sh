#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (.ci/run calls this script).
# Uses the active virtual environment, or makes ./.venv; installs the project with
# its test and docs extras, Debian's chromium for the browser tests, then lints, type-checks,
# builds the documentation site (its examples run) and tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi
python -m pip install -q --disable-pip-version-check -e '.[test,docs]'
bash scripts/ensure_chromium.sh
export MPLCONFIGDIR="${MPLCONFIGDIR:-$(mktemp -d)}"
export CASUS_CACHE_DIR="${CASUS_CACHE_DIR:-$PWD/.cache/casus}"
python -m ruff check src tests benchmarks scripts
python -m mypy
# the documentation site: every example on it runs against the bundled data while it is built
NO_MKDOCS_2_WARNING=1 python -m mkdocs build --strict --quiet --site-dir "$(mktemp -d)"
python -m pytest -q "$@"
