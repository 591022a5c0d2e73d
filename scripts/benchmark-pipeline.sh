#!/usr/bin/env bash
# Prints the whole pipeline's figures: DDL commit -> message delivered (median, p99, max over 300 LOW
# and 50 BREAKING DDL offered at a steady pace) with the per-stage breakdown from the services' latency
# histograms, the time to deliver the test results of a 1,000-DDL burst, the CPU each process used, and
# the resident memory of the whole stack. The five services run from their boot jars, each as its own
# JVM (end-to-end's Pipeline: -Xmx256m); the private PostgreSQL cluster, the KRaft broker, the
# MongoDB-wire server (its data in an H2 file) and the webhook endpoint are started by test-support, the
# last three in the benchmark's JVM, sized like run-local's infrastructure JVM. Takes about six minutes.
# SCHEMAWATCH_SKIP_BUILD=1 uses the jars and the classpath as they are. For experiments,
# BENCHMARK_JVM_OPTIONS replaces the benchmark JVM's options and BENCHMARK_SERVICE_JVM_OPTIONS is added
# to the services' (e.g. -XX:TieredStopAtLevel=4, which lifts Pipeline's C1-only setting).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/ensure-postgres.sh
classpath_file=end-to-end/target/benchmark.classpath
if [[ "${SCHEMAWATCH_SKIP_BUILD:-}" == "1" ]]; then
    echo "SCHEMAWATCH_SKIP_BUILD=1: not building"
else
    ./mvnw -q -B -DskipTests install
    rm -f "$classpath_file"
fi
if [[ ! -s "$classpath_file" ]]; then
    ./mvnw -q -B -pl end-to-end dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"
fi
# shellcheck disable=SC2086 # the options are words
exec java ${BENCHMARK_JVM_OPTIONS:--Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
    -Dlogback.configurationFile=dev/schemawatch/testsupport/local-logback.xml \
    -cp "end-to-end/target/test-classes:$(cat "$classpath_file")" \
    dev.schemawatch.e2e.bench.PipelineBenchmark "$PWD"
