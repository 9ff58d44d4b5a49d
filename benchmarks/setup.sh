#!/bin/sh
# Baselines for `pnpm bench` (Debian/Ubuntu): poppler-utils (pdftotext, pdftoppm, pdfinfo),
# tesseract with Dutch data, qpdf (to concatenate the dossiers), hyperfine, and GNU time
# (/usr/bin/time -v for peak RSS). Idempotent: installs only what is missing.
set -eu

need=""
for pair in pdftotext:poppler-utils tesseract:tesseract-ocr qpdf:qpdf hyperfine:hyperfine /usr/bin/time:time; do
  cmd=${pair%%:*}
  pkg=${pair#*:}
  command -v "$cmd" >/dev/null 2>&1 || need="$need $pkg"
done
if command -v tesseract >/dev/null 2>&1; then
  tesseract --list-langs 2>/dev/null | grep -qx nld || need="$need tesseract-ocr-nld"
else
  need="$need tesseract-ocr-nld"
fi

if [ -z "$need" ]; then
  echo "benchmarks/setup.sh: everything is installed"
else
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "benchmarks/setup.sh: installing$need"
  $SUDO apt-get update
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $need
fi

pdftotext -v 2>&1 | head -n 1
tesseract --version 2>&1 | head -n 1
qpdf --version | head -n 1
hyperfine --version
