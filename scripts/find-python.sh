#!/usr/bin/env bash
# Print the first Python >= 3.12 found (pyenv's shim reads .python-version).
for candidate in python3.12 python3.13 python3.14 python3 python; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    command -v "$candidate"; exit 0
  fi
done
echo "homeclaim needs Python 3.12 or newer (Django 6). Install it (e.g. pyenv install 3.12) and retry." >&2
exit 1
