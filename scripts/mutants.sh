#!/usr/bin/env bash
# Mutation check of the tests (not in CI: several minutes). Each mutant of scripts/mutants.py is one deliberate
# bug applied to a temporary copy of the project; the tests listed beside it must fail. Prints the survivors.
#   ./scripts/mutants.sh                 all mutants
#   ./scripts/mutants.sh box csv         only those whose name contains « box » or « csv »
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/tests.sh --co -q >/dev/null   # installs the test environment
exec .venv/bin/python scripts/mutants.py "$@"
