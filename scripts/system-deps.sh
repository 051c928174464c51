#!/usr/bin/env bash
# Install the system packages homeclaim needs (Tesseract with Spanish+English, Chromium for the
# browser tests, a TrueType font for test receipts, libGL for OpenCV in the second OCR reader),
# with apt-get when we are root or have sudo.
set -euo pipefail

packages=(tesseract-ocr tesseract-ocr-spa tesseract-ocr-eng chromium fonts-dejavu-core libgl1)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "Please install these packages, then run the command again:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "No apt-get here. Please install: ${missing[*]} (Tesseract 5 with spa+eng data, Chromium)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
