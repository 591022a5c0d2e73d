#!/usr/bin/env bash
# Prints schema-monitor's figures: DDL commit -> Kafka latency beside Debezium's floor for a plain
# INSERT, a 1,000-DDL transaction, and the monitor's heap (its own JVM, -Xmx256m). Real servers,
# started in-process by test-support; takes about two minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/ensure-postgres.sh
./mvnw -q -B -DskipTests install -pl schema-monitor -am
classpath_file=schema-monitor/target/benchmark.classpath
./mvnw -q -B -pl schema-monitor dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"
exec java -Xmx1g -Dlogback.configurationFile=dev/schemawatch/testsupport/local-logback.xml -cp "schema-monitor/target/test-classes:schema-monitor/target/classes:$(cat "$classpath_file")" \
    dev.schemawatch.monitor.bench.CaptureLatencyBenchmark schema-monitor/target/schema-monitor-0.1.0-SNAPSHOT.jar
