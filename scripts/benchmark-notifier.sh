#!/usr/bin/env bash
# Prints the notifier's figures: input event -> webhook request latency (median, p99, max) at a steady
# 500 reports/s (and at 100/s for comparison), webhook deliveries per second for 20,000 reports offered
# at once with the CPU time each delivery costs, and the notifier's heap and RSS (its own JVM, -Xmx256m).
# Real servers (KRaft broker, MongoDB-wire server, an HTTP endpoint on loopback), started in-process by
# test-support; takes about three minutes. Arguments are passed to the notifier, e.g.
# --schemawatch.notifier.delivery.worker-threads=8 to try a setting.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests install -pl notifier -am
classpath_file=notifier/target/benchmark.classpath
./mvnw -q -B -pl notifier dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"
exec java -Xmx2g -Dlogback.configurationFile=dev/schemawatch/testsupport/local-logback.xml -cp "notifier/target/test-classes:notifier/target/classes:$(cat "$classpath_file")" \
    dev.schemawatch.notifier.bench.NotifierBenchmark notifier/target/notifier-0.1.0-SNAPSHOT.jar "$@"
