#!/usr/bin/env bash
# Prepares a Debian machine to build and test Onlooker: installs the system packages it lacks
# (browsers for the end-to-end tests, certutil and openssl for the throwaway test CA), then the npm
# packages from the lockfile. Never downloads a browser through npm.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: Node.js 20.12 or newer (with npm) is required" >&2
  exit 1
fi

missing=()
command -v "${ONLOOKER_CHROMIUM:-chromium}" >/dev/null || missing+=(chromium)
command -v "${ONLOOKER_FIREFOX:-firefox-esr}" >/dev/null || missing+=(firefox-esr)
command -v certutil >/dev/null || missing+=(libnss3-tools)
command -v openssl >/dev/null || missing+=(openssl)
# Chromium takes a UI language (chrome.i18n.getUILanguage, @@bidi_dir) only if it has that language's
# resources; Debian ships them apart (tests/e2e/locales.e2e.ts runs the popup in each language).
if [ -z "${ONLOOKER_CHROMIUM:-}" ] && [ ! -e /usr/lib/chromium/locales/ar.pak ]; then missing+=(chromium-l10n); fi

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

npm ci
