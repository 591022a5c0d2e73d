#!/usr/bin/env bash
# Runs every test of every module against real servers: a private PostgreSQL cluster, an
# in-process KRaft Kafka broker and an embedded MongoDB-wire server (or Testcontainers where a
# Docker engine is available). Installs PostgreSQL from Debian's packages first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/ensure-postgres.sh
exec ./mvnw -B --no-transfer-progress verify "$@"
