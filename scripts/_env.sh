# Shared by scripts/site.sh and scripts/tests.sh: create .venv and install the project into it.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "Python 3.11 ou plus récent est nécessaire (trouvé : $("$PYTHON" --version))." >&2; exit 1; }
if [ ! -x .venv/bin/python ]; then
  echo "Création de l'environnement Python (.venv)…"
  "$PYTHON" -m venv .venv
fi
# Reinstall only when the dependencies changed.
stamp=.venv/.installed-$(cat pyproject.toml | sha1sum | cut -c1-12)-${EXTRAS:-base}
if [ ! -f "$stamp" ]; then
  echo "Installation des dépendances…"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".${EXTRAS:+[$EXTRAS]}"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
