#!/usr/bin/env bash
# Prints every event on schemawatch.schema-changes of the running ./scripts/run-local.sh, from the beginning
# of the topic, one line each: time, key, CloudEvent type, command tag, the atomic changes and the event id.
# Ctrl-C stops it; it never commits offsets, so it disturbs no other consumer.
set -euo pipefail
cd "$(dirname "$0")/.."

env_file=.schemawatch/infrastructure.env
classpath_file=.schemawatch/test-support.classpath
if [[ ! -f "$env_file" || ! -s "$classpath_file" ]]; then
    echo "watch-events: nothing running; start ./scripts/run-local.sh first" >&2
    exit 1
fi
bootstrap_servers="$(sed -n 's/^KAFKA_BOOTSTRAP_SERVERS=//p' "$env_file")"
exec java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlogback.configurationFile=dev/schemawatch/testsupport/local-logback.xml \
    -cp "test-support/target/classes:$(cat "$classpath_file")" \
    dev.schemawatch.testsupport.WatchEvents "$bootstrap_servers" </dev/null
