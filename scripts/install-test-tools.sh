#!/usr/bin/env bash
# Installs what the test suite needs besides npm packages, from Debian's packages:
# Chromium (browser tests, driven by playwright-core) and LibreOffice Calc (the formula oracle).
# Skips whatever is already there. Needs root (or sudo) on a Debian/Ubuntu machine.
set -euo pipefail
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
missing_browser=0
missing_office=0
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing_browser=1
command -v soffice >/dev/null 2>&1 || missing_office=1
if [ "$missing_browser" -eq 0 ] && [ "$missing_office" -eq 0 ]; then
  echo "install-test-tools: chromium and soffice are already installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
if [ "$missing_browser" -eq 1 ]; then "${sudo_cmd[@]}" apt-get install -y -qq chromium >/dev/null; fi
if [ "$missing_office" -eq 1 ]; then "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends libreoffice-calc >/dev/null; fi
echo "install-test-tools: $(chromium --version 2>/dev/null | head -1); $(soffice --version 2>/dev/null | head -1)"
