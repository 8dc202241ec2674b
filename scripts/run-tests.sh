#!/usr/bin/env bash
# Sets up the machine (system packages, .venv), type-checks the package (mypy, configured in
# pyproject.toml: strict on core/run and core/disk) and runs the whole test suite. A type
# error fails the run before any test starts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
echo "mypy: type-checking src/cleanup_desktop (settings in pyproject.toml)"
.venv/bin/python -m mypy
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
