#!/usr/bin/env bash
# Install Debian packages the build or the tests need (python3-venv, chromium).
# As root (CI) it runs apt-get; otherwise through sudo, or says what to run.
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then
  apt=(apt-get)
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  apt=(sudo apt-get)
else
  echo "error: this needs the Debian package(s) $*; install them with: sudo apt-get install $*" >&2
  exit 1
fi
echo "Installing Debian package(s): $*"
export DEBIAN_FRONTEND=noninteractive
"${apt[@]}" update -qq
"${apt[@]}" install -y -qq --no-install-recommends "$@" >/dev/null
