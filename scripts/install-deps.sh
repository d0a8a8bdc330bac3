#!/usr/bin/env bash
# Installs the system packages LedgerOps needs when they are missing (Debian/Ubuntu, as root).
# Runs `apt-get update` at most once per call, and only when something is missing.
set -euo pipefail

need=()
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev)
pkg-config --exists libgit2 2>/dev/null || need+=(libgit2-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
command -v git >/dev/null 2>&1 || need+=(git)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing system packages (${need[*]}); run as root or install them with apt-get" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
