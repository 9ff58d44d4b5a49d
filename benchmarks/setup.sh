#!/bin/sh
# Baselines for `pnpm bench` (Debian/Ubuntu): poppler-utils (pdftotext, pdftoppm, pdfinfo),
# tesseract with Dutch data, qpdf (to concatenate the dossiers), hyperfine, and GNU time
# (/usr/bin/time -v for peak RSS), and a C compiler. Idempotent: installs only what is missing.
# On x86-64 Linux it also fetches a native PDFium build for `pnpm bench parser-floor` (below).
set -eu

need=""
for pair in pdftotext:poppler-utils tesseract:tesseract-ocr qpdf:qpdf hyperfine:hyperfine /usr/bin/time:time cc:build-essential; do
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

# A native PDFium, to compare lakmoes's WebAssembly PDFium with in `pnpm bench parser-floor`:
# libpdfium.so from the npm package below (a plain PDFium build, BSD licence; its licences come
# along), and benchmarks/native/floor.c built against it. lakmoes itself does not use it.
NATIVE_PKG=pdfium-node-linux-x64-gnu
NATIVE_VERSION=1.2.1
native="$(cd "$(dirname "$0")" && pwd)/out/native"
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "benchmarks/setup.sh: no native PDFium for $(uname -s)-$(uname -m); parser-floor leaves its rows out"
elif [ ! -x "$native/floor" ] || [ "$(cat "$native/VERSION" 2>/dev/null)" != "$NATIVE_PKG@$NATIVE_VERSION" ]; then
  rm -rf "$native" && mkdir -p "$native"
  (
    cd "$native"
    npm pack --silent "$NATIVE_PKG@$NATIVE_VERSION" >/dev/null
    dir=package/prebuilds/linux-x64-gnu
    tar xzf "$NATIVE_PKG-$NATIVE_VERSION.tgz" --strip-components=3 "$dir/libpdfium.so" "$dir/PDFIUM_VERSION" "$dir/licenses"
    rm "$NATIVE_PKG-$NATIVE_VERSION.tgz"
  )
  cc -O2 -o "$native/floor" "$(dirname "$0")/native/floor.c" -ldl
  echo "$NATIVE_PKG@$NATIVE_VERSION" >"$native/VERSION"
fi
if [ -f "$native/PDFIUM_VERSION" ]; then
  echo "native PDFium $(sed -n 's/^[A-Z]*=//p' "$native/PDFIUM_VERSION" | paste -sd.) ($NATIVE_PKG@$NATIVE_VERSION)"
fi
