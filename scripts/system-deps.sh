#!/usr/bin/env bash
# Debian packages the test suite needs: OCR (tesseract + Vietnamese model), legacy .doc
# conversion (antiword), a Vietnamese-capable font for generated PDFs.
# Installs only what is missing; without root or apt it says what is missing and goes on
# (the tests that need a missing tool then skip locally, and fail in CI).
set -u
pkgs=(tesseract-ocr tesseract-ocr-vie antiword fonts-dejavu-core chromium chromium-driver)
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || { echo "apt-get install failed" >&2; exit 1; }
else
  echo "missing Debian packages (install them for the full test suite): ${missing[*]}" >&2
fi
