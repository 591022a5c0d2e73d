#!/usr/bin/env bash
# Prints test-executor's figures: simple cases per second with a pool of 4 against the local test
# cluster, and the per-case overhead of begin, settings and rollback (median). Real PostgreSQL, started
# in-process by test-support; takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/ensure-postgres.sh
./mvnw -q -B -DskipTests install -pl test-executor -am
classpath_file=test-executor/target/benchmark.classpath
./mvnw -q -B -pl test-executor dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"
exec java -Xmx1g -Dlogback.configurationFile=dev/schemawatch/testsupport/local-logback.xml -cp "test-executor/target/test-classes:test-executor/target/classes:$(cat "$classpath_file")" \
    dev.schemawatch.executor.bench.ExecutorBenchmark
