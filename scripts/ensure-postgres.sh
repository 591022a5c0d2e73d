#!/usr/bin/env bash
# Makes sure the PostgreSQL server binaries (initdb, pg_ctl, pg_stat_statements), the pgTAP extension for
# that server's major version, and the postgres OS user exist, so that test-support can run a private
# cluster on machines without a Docker engine and the generator's pgTAP exports can be run in its tests.
# The tests start and stop their own cluster on a free port; nothing here depends on Debian's cluster service.
# Idempotent and non-interactive: safe to run on every build, in CI, without a terminal.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

find_initdb() {
    if [[ -n "${SCHEMAWATCH_PG_BIN:-}" && -x "${SCHEMAWATCH_PG_BIN}/initdb" ]]; then
        echo "${SCHEMAWATCH_PG_BIN}/initdb"
        return
    fi
    compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1 || true
}

# Sets root_prefix to what runs a command as root (nothing, or passwordless sudo); without either,
# says what to run by hand and stops.
require_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        root_prefix=()
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        root_prefix=(sudo -n env DEBIAN_FRONTEND=noninteractive)
    else
        echo "ensure-postgres: $1 needs root; run: sudo $2" >&2
        exit 1
    fi
}

# apt_install "what" package...: installs Debian packages as root, or explains what to run by hand.
apt_install() {
    local what="$1"
    shift
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "ensure-postgres: $what needs apt-get, which this machine lacks; install $* by other means" >&2
        exit 1
    fi
    require_root "$what" "sh -c 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $*'"
    local log
    log="$(mktemp)"
    # apt's progress output would drown the one line this script promises; it is shown only on failure.
    if ! { "${root_prefix[@]}" apt-get update -q && "${root_prefix[@]}" apt-get install -y -q --no-install-recommends "$@"; } </dev/null >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        echo "ensure-postgres: $what failed (apt output above)" >&2
        exit 1
    fi
    rm -f "$log"
}

# Where the server of a given initdb looks for extensions: its pg_config knows; Debian's layout otherwise.
pgtap_control_file() {
    local bin_dir major share_dir
    bin_dir="$(dirname "$1")"
    major="$2"
    if [[ -x "$bin_dir/pg_config" ]]; then
        share_dir="$("$bin_dir/pg_config" --sharedir)"
    else
        share_dir="/usr/share/postgresql/$major"
    fi
    echo "$share_dir/extension/pgtap.control"
}

did=""
initdb_path="$(find_initdb)"
if [[ -z "$initdb_path" ]]; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "ensure-postgres: no initdb under /usr/lib/postgresql/*/bin and no apt-get; install the PostgreSQL server binaries and set SCHEMAWATCH_PG_BIN to their directory" >&2
        exit 1
    fi
    apt_install "installing PostgreSQL" postgresql postgresql-contrib
    initdb_path="$(find_initdb)"
    if [[ -z "$initdb_path" ]]; then
        echo "ensure-postgres: packages installed but still no initdb under /usr/lib/postgresql/*/bin" >&2
        exit 1
    fi
    did="installed postgresql"
fi

# Debian packages pgTAP per server major version (postgresql-15-pgtap for PostgreSQL 15).
major="$("$initdb_path" --version | grep -oE '[0-9]+' | head -n 1)"
pgtap_control="$(pgtap_control_file "$initdb_path" "$major")"
if [[ ! -f "$pgtap_control" ]]; then
    apt_install "installing pgTAP" "postgresql-$major-pgtap"
    if [[ ! -f "$pgtap_control" ]]; then
        echo "ensure-postgres: postgresql-$major-pgtap installed but $pgtap_control is still missing; is $initdb_path a Debian build?" >&2
        exit 1
    fi
    did="${did:+$did, }installed postgresql-$major-pgtap"
fi

if ! getent passwd postgres >/dev/null; then
    useradd_command=(useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres)
    require_root "creating the postgres OS user" "${useradd_command[*]}"
    "${root_prefix[@]}" "${useradd_command[@]}"
    did="${did:+$did, }created OS user postgres"
fi

if [[ -z "$did" ]]; then
    echo "ensure-postgres: found $initdb_path, pgTAP and OS user postgres; nothing to do"
else
    echo "ensure-postgres: $did; using $initdb_path"
fi
