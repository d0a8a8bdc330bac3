#!/usr/bin/env bash
# Installs the system packages LedgerOps needs when they are missing (Debian/Ubuntu, as root).
#   install-deps.sh          build dependencies (SQLite, libgit2, pkg-config, git)
#   install-deps.sh peers    … and the peers the tests compare against and the benchmarks race (hledger, ledger), and
#                            the browser the web UI is tested in (chromium, driven from a Python venv over CDP)
# Runs `apt-get update` at most once, and only when something is missing.
set -euo pipefail

need=()
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev)
pkg-config --exists libgit2 2>/dev/null || need+=(libgit2-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
command -v git >/dev/null 2>&1 || need+=(git)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)  # tests tamper with the audit log through it
if [ "${1:-}" = peers ]; then
  command -v hledger >/dev/null 2>&1 || need+=(hledger)
  command -v ledger >/dev/null 2>&1 || need+=(ledger)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v wrk >/dev/null 2>&1 || need+=(wrk)  # the server benchmark's load
  command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)  # XAF exports checked against the tax authority's XSD
  python3 -c "import venv, ensurepip" 2>/dev/null || need+=(python3-venv)
fi

browser_venv() {
  # The CDP client for the browser test and the OpenAPI validator, pinned, in a venv under .build (out of git).
  if [ "${1:-}" = peers ] && ! .build/browser-venv/bin/python -c "import websocket, jsonschema, yaml" 2>/dev/null; then
    python3 -m venv .build/browser-venv
    .build/browser-venv/bin/pip install -q websocket-client==1.8.0 jsonschema==4.23.0 PyYAML==6.0.2
  fi
}

if [ ${#need[@]} -eq 0 ]; then
  browser_venv "${1:-}"
  exit 0
fi
echo "installing: ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing system packages (${need[*]}); run as root or install them with apt-get" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
browser_venv "${1:-}"
