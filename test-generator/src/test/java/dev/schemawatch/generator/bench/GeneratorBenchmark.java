package dev.schemawatch.generator.bench;

import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.impact.BlastRadius;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.QueryReplay;
import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.schema.AtomicChange;
import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.contracts.suite.TestSuite;
import dev.schemawatch.generator.generation.SuiteGenerator;
import dev.schemawatch.generator.templates.GeneratorTemplates;
import dev.schemawatch.testsupport.LiveDefinitions;
import dev.schemawatch.testsupport.PostgresCluster;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Measures what issue #4 promises and prints the figures: a full-schema suite for
 * {@value #TABLES} tables of {@value #COLUMNS} columns (at least 1,000 cases in under 1 s after
 * warm-up), and single-change suites (p99 under 20 ms). The definitions are read from real tables
 * in the test cluster, exactly as schema-monitor would publish them. Run with
 * {@code scripts/benchmark-generator.sh}.
 */
public final class GeneratorBenchmark {

    private static final int TABLES = 100;
    private static final int COLUMNS = 20;
    private static final int FULL_WARM_UP = 5;
    private static final int FULL_MEASURED = 10;
    private static final int SINGLE_WARM_UP = 2_000;
    private static final int SINGLE_MEASURED = 5_000;

    public static void main(String[] args) throws Exception {
        try {
            run();
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        PostgresCluster postgres = PostgresCluster.get();
        String database = postgres.createDatabase("generator_bench");
        List<RelationDefinition> tables;
        try (Connection connection = postgres.connect(database); Statement sql = connection.createStatement()) {
            for (int t = 0; t < TABLES; t++) {
                sql.execute(createTable(t));
            }
            tables = LiveDefinitions.relations(connection, "public");
        }
        SuiteGenerator generator = new SuiteGenerator(GeneratorTemplates.create(null), Clock.systemUTC());

        for (int i = 0; i < FULL_WARM_UP; i++) {
            generator.forTables("bench", tables, i);
        }
        List<Long> fullMillis = new ArrayList<>();
        int cases = 0;
        for (int i = 0; i < FULL_MEASURED; i++) {
            long started = System.nanoTime();
            TestSuite suite = generator.forTables("bench", tables, 1_000 + i);
            fullMillis.add((System.nanoTime() - started) / 1_000_000);
            cases = suite.cases().size();
        }
        Collections.sort(fullMillis);
        long fullMedian = fullMillis.get(fullMillis.size() / 2);
        System.out.printf("%ntest-generator benchmark%n");
        System.out.printf("  full-schema suite, %d tables x %d columns: %,d cases in median %d ms (best %d, worst %d) over %d runs after %d warm-up%n",
                TABLES, COLUMNS, cases, fullMedian, fullMillis.get(0), fullMillis.get(fullMillis.size() - 1), FULL_MEASURED, FULL_WARM_UP);
        System.out.printf("    target >= 1,000 cases in < 1 s: %s%n", verdict(cases >= 1_000 && fullMedian < 1_000));

        List<Long> singleMicros = new ArrayList<>();
        for (int i = 0; i < SINGLE_WARM_UP + SINGLE_MEASURED; i++) {
            ImpactReport report = columnAdded(tables.get(i % tables.size()), i);
            long started = System.nanoTime();
            generator.forReport(report, 42);
            if (i >= SINGLE_WARM_UP) {
                singleMicros.add((System.nanoTime() - started) / 1_000);
            }
        }
        Collections.sort(singleMicros);
        double p50 = singleMicros.get(singleMicros.size() / 2) / 1_000.0;
        double p99 = singleMicros.get((int) Math.ceil(singleMicros.size() * 0.99) - 1) / 1_000.0;
        System.out.printf("  single-change suite (column added): median %.2f ms, p99 %.2f ms over %,d after %,d warm-up%n",
                p50, p99, SINGLE_MEASURED, SINGLE_WARM_UP);
        System.out.printf("    target p99 < 20 ms: %s%n", verdict(p99 < 20));
    }

    /** Twenty columns of the types the generator has to know, with constraints that give it work. */
    private static String createTable(int t) {
        return "CREATE TABLE bench_t" + t + " ("
                + "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "email varchar(120) NOT NULL UNIQUE, first_name varchar(60) NOT NULL, last_name varchar(60), "
                + "phone varchar(30), country varchar(60), city text, amount numeric(12,2) CHECK (amount >= 0), "
                + "quantity integer NOT NULL DEFAULT 1, small smallint, big bigint, active boolean NOT NULL DEFAULT true, "
                + "born date, created_at timestamptz NOT NULL DEFAULT now(), payload jsonb, external_id uuid, "
                + "tags text[], note text, rating numeric(3,1), code varchar(10) UNIQUE)";
    }

    private static ImpactReport columnAdded(RelationDefinition table, int i) {
        ColumnDefinition added = table.columns().get(table.columns().size() - 1);
        String changeId = "bench-change-" + i;
        AtomicChange change = new AtomicChange(ChangeType.COLUMN_ADDED, table.schema(), table.name(), added.name(), null, List.of(),
                null, Map.of("attnum", added.attnum(), "name", added.name(), "type", added.type(), "notNull", added.notNull()),
                "column \"" + added.name() + "\" added");
        SchemaChangeEvent event = new SchemaChangeEvent(changeId, "bench", table.schema(), table.name(), "table", "ALTER TABLE",
                "ALTER TABLE " + table.name() + " ADD COLUMN " + added.name() + " " + added.type(), SchemaChangeEvent.Origin.EVENT_TRIGGER,
                List.of(change), List.of(table), List.of(table), List.of(), new SchemaChangeEvent.Actor("bench", null, null),
                new SchemaChangeEvent.TransactionInfo(1, 1L, Instant.now(), 1, i), Instant.now(), false, 0);
        return new ImpactReport(EventEnvelope.derivedId(changeId, ImpactReport.TYPE), event, Severity.LOW, true, List.of(),
                BlastRadius.none(QueryReplay.unavailable("not measured")), null, List.of(), false, List.of(), false, List.of(),
                List.of(), Instant.now());
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }
}
