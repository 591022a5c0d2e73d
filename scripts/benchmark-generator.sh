#!/usr/bin/env bash
# Prints test-generator's figures: a full-schema suite for 100 tables x 20 columns (cases and time
# after warm-up) and single-change suites (median and p99). The definitions come from real tables
# in the test cluster, started in-process by test-support; takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/ensure-postgres.sh
./mvnw -q -B -DskipTests install -pl test-generator -am
classpath_file=test-generator/target/benchmark.classpath
./mvnw -q -B -pl test-generator dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"
exec java -Xmx1g -Dlogback.configurationFile=dev/schemawatch/testsupport/local-logback.xml -cp "test-generator/target/test-classes:test-generator/target/classes:$(cat "$classpath_file")" \
    dev.schemawatch.generator.bench.GeneratorBenchmark
