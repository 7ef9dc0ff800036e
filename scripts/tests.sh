#!/usr/bin/env bash
# Installe l'environnement de test (dont le Chromium de Debian) puis lance toute la suite : ruff et pytest.
EXTRAS=test
source "$(dirname "$0")/_env.sh"
if [ ! -x /usr/bin/chromium ]; then
  echo "Installation de Chromium (paquet Debian) pour les tests dans le navigateur…"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
.venv/bin/ruff check site_builder tests benchmarks
exec .venv/bin/pytest "$@"
