#!/usr/bin/env bash
# Runs the pipeline on embedded, real infrastructure, without Docker: PostgreSQL (a private cluster on the
# distribution's binaries), an in-process KRaft Kafka broker and a MongoDB-wire server in one background JVM,
# with a local message sink standing in for Slack, then the five services (schema-monitor, change-analyzer,
# test-generator, test-executor, notifier) as their own JVMs, and prints every message the notifier sends.
# Everything it writes is under .schemawatch/; PostgreSQL's and MongoDB's data survive a restart, Kafka's
# does not. Ctrl-C (SIGINT) or SIGTERM stops the services, then the infrastructure, and exits 0.
#
# Environment: SCHEMAWATCH_SKIP_BUILD=1 skips the Maven build (the jars and classes must exist already);
# SCHEMAWATCH_READY_TIMEOUT (seconds, default 180) bounds each wait for a process to come up.
set -euo pipefail
cd "$(dirname "$0")/.."

home=.schemawatch
logs="$home/logs"
classpath_file="$home/test-support.classpath"
env_file="$home/infrastructure.env"
monitor_jar=schema-monitor/target/schema-monitor-0.1.0-SNAPSHOT.jar
monitor_port=8081
analyzer_jar=change-analyzer/target/change-analyzer-0.1.0-SNAPSHOT.jar
analyzer_port=8082
generator_jar=test-generator/target/test-generator-0.1.0-SNAPSHOT.jar
generator_port=8083
executor_jar=test-executor/target/test-executor-0.1.0-SNAPSHOT.jar
executor_port=8084
notifier_jar=notifier/target/notifier-0.1.0-SNAPSHOT.jar
notifier_port=8085
timeout_seconds="${SCHEMAWATCH_READY_TIMEOUT:-180}"
infrastructure_pid=""
monitor_pid=""
analyzer_pid=""
generator_pid=""
executor_pid=""
notifier_pid=""
tail_pid=""

say() {
    echo "run-local: $*"
}

running() {
    [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null
}

stop_process() {
    local pid="$1" name="$2"
    if running "$pid"; then
        say "stopping $name (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        # A JVM ends with 143 after SIGTERM; what matters here is only that it has ended.
        wait "$pid" 2>/dev/null || true
    fi
}

# The services first, so that they never see their database or broker vanish under them.
stop_all() {
    if running "$tail_pid"; then
        kill "$tail_pid" 2>/dev/null || true
    fi
    stop_process "$notifier_pid" notifier
    stop_process "$executor_pid" test-executor
    stop_process "$generator_pid" test-generator
    stop_process "$analyzer_pid" change-analyzer
    stop_process "$monitor_pid" schema-monitor
    stop_process "$infrastructure_pid" infrastructure
    rm -f "$home/run-local.pid"
}

on_signal() {
    trap - INT TERM
    stop_all
    say "stopped"
    exit 0
}
trap on_signal INT TERM
trap stop_all EXIT

# Prints the HTTP status of a GET on a local port, or nothing; bash's /dev/tcp needs no curl on a bare machine.
http_status() {
    local port="$1" path="$2"
    (
        exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 0
        printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3
        read -r -t 5 _ status _ <&3 && echo "$status"
    ) 2>/dev/null || true
}

# Waits until the command succeeds, failing early if the process it depends on has died.
await() {
    local description="$1" pid="$2" log_file="$3"
    shift 3
    local deadline=$((SECONDS + timeout_seconds))
    until "$@"; do
        if ! running "$pid"; then
            say "the process for $description ended; see $log_file:" >&2
            tail -n 30 "$log_file" >&2
            exit 1
        fi
        if ((SECONDS >= deadline)); then
            say "$description not ready after ${timeout_seconds}s; see $log_file" >&2
            exit 1
        fi
        sleep 0.5
    done
}

infrastructure_up() {
    [[ -f "$env_file" ]]
}

service_ready() {
    [[ "$(http_status "$1" /actuator/health/readiness)" == "200" ]]
}

# Starts one service as its own JVM, records its pid in the variable named pid_variable (before waiting,
# so that stop_all can stop it if it never becomes ready), and waits until it is ready.
# Each service owns its MongoDB database on the one server. Arguments after the fifth go to the service.
start_service() {
    local name="$1" port="$2" jar="$3" mongo_database="$4" pid_variable="$5"
    shift 5
    say "starting $name on :$port (log: $logs/$name.log)"
    # An empty LOG_FORMAT means plain text: easier to read in a local log than the JSON lines a deployment wants.
    MONITOR_DATABASE_NAME=demo PORT="$port" LOG_FORMAT="${LOG_FORMAT:-}" MONGODB_URI="${MONGODB_URI%/*}/$mongo_database" \
        java -Xmx256m -XX:TieredStopAtLevel=1 -jar "$jar" "$@" \
        </dev/null >"$logs/$name.log" 2>&1 &
    printf -v "$pid_variable" '%s' "$!"
    await "$name" "${!pid_variable}" "$logs/$name.log" service_ready "$port"
}

mkdir -p "$logs"
if [[ -f "$home/run-local.pid" ]] && running "$(cat "$home/run-local.pid")"; then
    say "already running as pid $(cat "$home/run-local.pid"); stop it first (Ctrl-C there, or kill $(cat "$home/run-local.pid"))" >&2
    trap - EXIT
    exit 1
fi
echo $$ >"$home/run-local.pid"

./scripts/ensure-postgres.sh

if [[ "${SCHEMAWATCH_SKIP_BUILD:-}" == "1" ]]; then
    say "SCHEMAWATCH_SKIP_BUILD=1: not building"
else
    say "building: ./mvnw -q -B -DskipTests -pl test-support,schema-monitor,change-analyzer,test-generator,test-executor,notifier -am install"
    ./mvnw -q -B -DskipTests -pl test-support,schema-monitor,change-analyzer,test-generator,test-executor,notifier -am install </dev/null
fi

# The postgres OS user runs the cluster in $home/postgres and must be able to traverse to it.
chmod o+x "$home"
if [[ ! -s "$classpath_file" || test-support/pom.xml -nt "$classpath_file" || pom.xml -nt "$classpath_file" ]]; then
    say "resolving test-support's classpath into $classpath_file"
    ./mvnw -q -B -pl test-support dependency:build-classpath -Dmdep.outputFile="$PWD/$classpath_file" </dev/null
fi
for required in test-support/target/classes "$monitor_jar" "$analyzer_jar" "$generator_jar" "$executor_jar" "$notifier_jar"; do
    if [[ ! -e "$required" ]]; then
        say "$required is missing; run without SCHEMAWATCH_SKIP_BUILD=1 to build it" >&2
        exit 1
    fi
done
classpath="test-support/target/classes:$(cat "$classpath_file")"

# Kafka's embedded broker keeps its logs in temporary directories: put them under $home, fresh on every start.
rm -rf "$home/tmp"
mkdir -p "$home/tmp"
rm -f "$env_file"

say "starting PostgreSQL :55432, Kafka :59092, MongoDB :57017 and the message sink :58085 (log: $logs/infrastructure.log)"
java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Djava.io.tmpdir="$home/tmp" \
    -Dlogback.configurationFile=dev/schemawatch/testsupport/local-logback.xml \
    -cp "$classpath" dev.schemawatch.testsupport.LocalInfrastructure "$home" \
    </dev/null >"$logs/infrastructure.log" 2>&1 &
infrastructure_pid=$!
await "the infrastructure" "$infrastructure_pid" "$logs/infrastructure.log" infrastructure_up

set -a
# shellcheck source=/dev/null
source "$env_file"
set +a

start_service schema-monitor "$monitor_port" "$monitor_jar" schemawatch-monitor monitor_pid
start_service change-analyzer "$analyzer_port" "$analyzer_jar" schemawatch-analyzer analyzer_pid
start_service test-generator "$generator_port" "$generator_jar" schemawatch-generator generator_pid
start_service test-executor "$executor_port" "$executor_jar" schemawatch-executor executor_pid
# One local Slack-style channel that takes everything; the sink prints what Slack would have shown.
start_service notifier "$notifier_port" "$notifier_jar" schemawatch-notifier notifier_pid \
    "--schemawatch.notifier.channels[0].id=local-slack" \
    "--schemawatch.notifier.channels[0].type=SLACK" \
    "--schemawatch.notifier.channels[0].url=$MESSAGE_SINK_URL" \
    "--schemawatch.notifier.admin-api-key=${NOTIFIER_ADMIN_API_KEY:-local-admin-key}"

cat <<EOF

schemawatch is ready.

  Change the demo schema (customers, orders, order_items, view order_totals):
    psql postgresql://postgres:postgres@127.0.0.1:55432/demo
    demo=# ALTER TABLE customers ADD COLUMN loyalty_tier text;

  Watch schema changes and impact reports:   ./scripts/watch-events.sh
  Changes the monitor recorded:   http://localhost:$monitor_port/api/v1/changes
  Impact reports:                 http://localhost:$analyzer_port/api/v1/impacts
  Rule catalogue:                 http://localhost:$analyzer_port/api/v1/rules
  Generated test suites:          http://localhost:$generator_port/api/v1/suites  (…/{id}/export?format=pgtap|junit)
  Test runs and their reports:    http://localhost:$executor_port/api/v1/runs  (…/{id}/report.html, …/{id}/junit.xml)
  Notifications sent:             http://localhost:$notifier_port/api/v1/deliveries  (admin API key: ${NOTIFIER_ADMIN_API_KEY:-local-admin-key})
  Follow one DDL everywhere:      …/api/v1/changes|impacts|suites|runs|deliveries?correlationId=<the change event id>
  Health and metrics:             http://localhost:$monitor_port/actuator/health, :$analyzer_port/..., ... :$notifier_port/...
                                  http://localhost:$monitor_port/actuator/prometheus, :$analyzer_port/..., ... :$notifier_port/...

  Kafka   $KAFKA_BOOTSTRAP_SERVERS   MongoDB   $MONGODB_URI
  Data and logs in $home/ (logs/*.log). PostgreSQL and MongoDB keep their data across restarts;
  Kafka does not: topics (and so Debezium's offsets) start empty on every start.

  Ctrl-C stops everything. The messages the notifier sends (what Slack would show) follow here;
  they are also kept in $MESSAGES_FILE.
EOF

touch "$MESSAGES_FILE"
tail -n 0 -F "$MESSAGES_FILE" &
tail_pid=$!

# Until a signal arrives; if any process ends by itself instead, the others are stopped too.
set +e
wait -n "$notifier_pid" "$executor_pid" "$generator_pid" "$analyzer_pid" "$monitor_pid" "$infrastructure_pid"
status=$?
set -e
say "a process ended by itself (exit $status); see $logs/" >&2
exit 1
