#!/usr/bin/env bash
# Prints change-analyzer's figures: impact reports per second and per-report p99 for single-column
# changes on a schema of 1,000 tables and 10,000 foreign keys, measured in process (the analysis)
# and end to end through Kafka and MongoDB (the service as its own JVM, -Xmx256m). Real servers,
# started in-process by test-support; takes about three minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/ensure-postgres.sh
./mvnw -q -B -DskipTests install -pl change-analyzer -am
classpath_file=change-analyzer/target/benchmark.classpath
./mvnw -q -B -pl change-analyzer dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"
exec java -Xmx2g -Dlogback.configurationFile=dev/schemawatch/testsupport/local-logback.xml -cp "change-analyzer/target/test-classes:change-analyzer/target/classes:$(cat "$classpath_file")" \
    dev.schemawatch.analyzer.bench.AnalyzerBenchmark change-analyzer/target/change-analyzer-0.1.0-SNAPSHOT.jar
