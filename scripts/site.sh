#!/usr/bin/env bash
# Installe l'environnement puis sert le site d'exemple sur http://127.0.0.1:8000 (rechargé à chaque modification).
# « scripts/site.sh build » construit seulement le site dans site/.
source "$(dirname "$0")/_env.sh"
if [ "${1:-serve}" = "build" ]; then
  exec .venv/bin/cls-site build
fi
exec .venv/bin/cls-site serve "${@:2}"
