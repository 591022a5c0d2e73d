package dev.schemawatch.analyzer;

import dev.schemawatch.analyzer.analysis.ImpactAnalyzer;
import dev.schemawatch.contracts.Topics;
import dev.schemawatch.contracts.envelope.EventEnvelope;
import dev.schemawatch.contracts.envelope.EventJson;
import dev.schemawatch.contracts.impact.DataCheck;
import dev.schemawatch.contracts.impact.Finding;
import dev.schemawatch.contracts.impact.ImpactReport;
import dev.schemawatch.contracts.impact.Severity;
import dev.schemawatch.contracts.schema.ContractSchemas;
import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;
import dev.schemawatch.testsupport.KafkaBroker;
import dev.schemawatch.testsupport.PostgresCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.schemawatch.analyzer.fixtures.Events.columnRemoved;
import static dev.schemawatch.analyzer.fixtures.Events.columnAdded;
import static dev.schemawatch.analyzer.fixtures.Events.constraintAdded;
import static dev.schemawatch.analyzer.fixtures.Events.event;
import static dev.schemawatch.analyzer.fixtures.Tables.check;
import static dev.schemawatch.analyzer.fixtures.Tables.column;
import static dev.schemawatch.analyzer.fixtures.Tables.from;
import static dev.schemawatch.analyzer.fixtures.Tables.notValid;
import static dev.schemawatch.analyzer.fixtures.Tables.table;
import static org.assertj.core.api.Assertions.assertThat;

/** Schema changes in, impact reports out: what subscribers receive, on the real broker and database. */
class ImpactReportFlowTest extends AnalyzerIntegrationTest {

    @Test
    void aDroppedColumnIsBreakingNamesTheQueriesItBrokeAndPlansARollback() throws SQLException {
        sql("CREATE TABLE flow_customers (id bigint PRIMARY KEY, email text, nickname text)",
                "INSERT INTO flow_customers SELECT g, 'c' || g || '@example.com', 'n' || g FROM generate_series(1, 500) g",
                "ANALYZE flow_customers");
        applicationRuns("SELECT nickname FROM flow_customers WHERE id = 1", "SELECT email FROM flow_customers WHERE id = 2");
        RelationDefinition before = table("public", "flow_customers").oid(oid("flow_customers")).rows(500)
                .column(column(1, "id", "bigint").notNull()).column(column(2, "email", "text")).column(column(3, "nickname", "text"))
                .build();
        sql("ALTER TABLE flow_customers DROP COLUMN nickname");
        RelationDefinition after = from(before).withoutColumn("nickname").build();
        SchemaChangeEvent change = event("ALTER TABLE", "ALTER TABLE flow_customers DROP COLUMN nickname").id("flow-drop-column")
                .database(DATABASE_NAME).change(columnRemoved(before, after, "nickname")).before(before).after(after).build();

        publish(change);
        ReportRecord published = reportFor(change);
        ImpactReport report = published.report();

        assertThat(published.record().key()).isEqualTo("shop.public.flow_customers");
        assertThat(published.envelope().getType()).isEqualTo(ImpactReport.TYPE);
        assertThat(published.envelope().getId()).isEqualTo(ImpactAnalyzer.reportId(change)).isEqualTo(report.reportId());
        assertThat(EventEnvelope.correlationId(published.envelope())).isEqualTo(change.eventId());
        assertThat(EventEnvelope.ddlCommitTime(published.envelope())).isNotNull();
        assertThat(ContractSchemas.validate(ContractSchemas.IMPACT_REPORT, published.record().value())).isEmpty();

        assertThat(report.severity()).isEqualTo(Severity.BREAKING);
        assertThat(report.backwardCompatible()).isFalse();
        assertThat(report.findings()).extracting(Finding::code).contains("SW103");
        assertThat(report.partial()).as("skipped: %s", report.skippedChecks()).isFalse();
        assertThat(report.blastRadius().queries().available()).isTrue();
        assertThat(report.blastRadius().queries().broken()).singleElement().satisfies(broken -> {
            assertThat(broken.query()).contains("nickname");
            assertThat(broken.sqlState()).isEqualTo("42703");
        });
        assertThat(report.rollback()).singleElement().satisfies(step -> {
            assertThat(step.reversible()).isFalse();
            assertThat(step.sql()).contains("ADD COLUMN").contains("\"nickname\"");
            assertThat(step.dataLoss()).contains("nickname").contains("500");
        });
        assertThat(report.requiresApproval()).isTrue();
        assertThat(report.change()).isEqualTo(change);
    }

    @Test
    void aRedeliveredChangeYieldsNoSecondReport() {
        sql("CREATE TABLE flow_redelivered (id int PRIMARY KEY)");
        RelationDefinition before = table("public", "flow_redelivered").oid(oid("flow_redelivered"))
                .column(column(1, "id", "integer").notNull()).build();
        sql("ALTER TABLE flow_redelivered ADD COLUMN note text");
        RelationDefinition after = from(before).column(column(2, "note", "text")).build();
        SchemaChangeEvent change = event("ALTER TABLE", "ALTER TABLE flow_redelivered ADD COLUMN note text").id("flow-redelivered")
                .database(DATABASE_NAME).change(columnAdded(after, "note")).before(before).after(after).build();

        publish(change);
        reportFor(change);
        publish(change);
        SchemaChangeEvent marker = markerAfter("flow-redelivered-marker");

        reportFor(marker);
        assertThat(allReportsFor(change)).hasSize(1);
    }

    @Test
    void theBlastRadiusFollowsForeignKeysOfTheLiveDatabaseBothWays() {
        sql("CREATE TABLE flow_region (id int PRIMARY KEY)",
                "CREATE TABLE flow_account (id int PRIMARY KEY, region_id int REFERENCES flow_region)",
                "CREATE TABLE flow_invoice (id int PRIMARY KEY, account_id int REFERENCES flow_account)",
                "CREATE TABLE flow_invoice_line (id int PRIMARY KEY, invoice_id int REFERENCES flow_invoice)",
                "CREATE VIEW flow_account_view AS SELECT id FROM flow_account");
        RelationDefinition before = table("public", "flow_account").oid(oid("flow_account"))
                .column(column(1, "id", "integer").notNull()).column(column(2, "region_id", "integer")).build();
        sql("ALTER TABLE flow_account ADD COLUMN label text");
        RelationDefinition after = from(before).column(column(3, "label", "text")).build();
        SchemaChangeEvent change = event("ALTER TABLE", "ALTER TABLE flow_account ADD COLUMN label text").id("flow-blast-radius")
                .database(DATABASE_NAME).change(columnAdded(after, "label")).before(before).after(after).build();

        publish(change);
        ImpactReport report = reportFor(change).report();

        assertThat(report.blastRadius().referencingTables()).containsExactly("public.flow_invoice", "public.flow_invoice_line");
        assertThat(report.blastRadius().referencedTables()).containsExactly("public.flow_region");
        assertThat(report.blastRadius().dependents()).extracting(d -> d.kind() + " " + d.name())
                .containsExactly("VIEW public.flow_account_view");
        assertThat(report.severity()).isEqualTo(Severity.LOW);
        assertThat(report.backwardCompatible()).isTrue();
        assertThat(report.requiresApproval()).isFalse();
    }

    @Test
    void aNotValidCheckIsJudgedOnTheRowsThatViolateIt() {
        sql("CREATE TABLE flow_stock (id int PRIMARY KEY, qty int)",
                "INSERT INTO flow_stock SELECT g, CASE WHEN g % 10 = 0 THEN -1 ELSE g END FROM generate_series(1, 200) g",
                "ANALYZE flow_stock",
                "ALTER TABLE flow_stock ADD CONSTRAINT qty_not_negative CHECK (qty >= 0) NOT VALID");
        RelationDefinition before = table("public", "flow_stock").oid(oid("flow_stock")).rows(200)
                .column(column(1, "id", "integer").notNull()).column(column(2, "qty", "integer")).build();
        RelationDefinition after = from(before).constraint(notValid(check("qty_not_negative", "(qty >= 0)", "qty"))).build();
        SchemaChangeEvent change = event("ALTER TABLE",
                "ALTER TABLE flow_stock ADD CONSTRAINT qty_not_negative CHECK (qty >= 0) NOT VALID").id("flow-not-valid")
                .database(DATABASE_NAME).change(constraintAdded(after, "qty_not_negative")).before(before).after(after).build();

        publish(change);
        ImpactReport report = reportFor(change).report();

        assertThat(report.findings()).filteredOn(f -> f.dataCheck() != null).extracting(Finding::dataCheck)
                .anySatisfy(check -> {
                    assertThat(check.outcome()).isEqualTo(DataCheck.Outcome.VIOLATED);
                    assertThat(check.violatingRows()).isEqualTo(20L);
                });
        assertThat(report.findings()).extracting(Finding::code).contains("SW305");
    }

    @Test
    void anUnreachableDatabaseYieldsAPartialReportNotNone() {
        RelationDefinition before = table("public", "offline_orders").column(column(1, "id", "integer")).build();
        RelationDefinition after = from(before).column(column(2, "note", "text")).build();
        SchemaChangeEvent change = event("ALTER TABLE", "ALTER TABLE offline_orders ADD COLUMN note text").id("flow-offline")
                .database(UNREACHABLE_DATABASE_NAME).change(columnAdded(after, "note")).before(before).after(after).build();

        publish(change);
        ImpactReport report = reportFor(change).report();

        assertThat(report.partial()).isTrue();
        assertThat(report.skippedChecks()).anySatisfy(skipped -> assertThat(skipped).contains("blast radius").contains("offline"));
        assertThat(report.blastRadius().queries().available()).isFalse();
        assertThat(report.findings()).isNotNull();
    }

    @Test
    void aChangeOfANewerMinorVersionIsAnalysedAndFlaggedNotDropped() {
        SchemaChangeEvent template = marker("flow-newer-version");
        String json = new String(EventJson.write(template), StandardCharsets.UTF_8)
                .replace("\"type\":\"COLUMN_ADDED\"", "\"type\":\"COLUMN_ENCRYPTED\"")
                .replaceFirst("\\{", "{\"replicaIdentity\":\"FULL\",");
        KafkaBroker.get().send(EventEnvelope.toRecord(Topics.SCHEMA_CHANGES, template.key(), EventEnvelope.originating(template.eventId(),
                URI.create("/schemawatch/schema-monitor/shop"), SchemaChangeEvent.TYPE, template.key(), template.occurredAt(),
                Instant.now(), json.getBytes(StandardCharsets.UTF_8))));

        ImpactReport report = reportFor(template).report();

        assertThat(report.flags()).anySatisfy(flag -> assertThat(flag).contains("COLUMN_ENCRYPTED").contains("OTHER"))
                .anySatisfy(flag -> assertThat(flag).contains("replicaIdentity"));
        assertThat(report.findings()).extracting(Finding::code).contains("SW901");
    }

    @Test
    void malformedRecordsAreDeadLetteredWithTheReasonAndThePartitionMovesOn() {
        String key = "shop.public.flow_malformed";
        ProducerRecord<String, byte[]> notJson = EventEnvelope.toRecord(Topics.SCHEMA_CHANGES, key, EventEnvelope.originating(
                "flow-not-json", URI.create("/test"), SchemaChangeEvent.TYPE, key, Instant.now(),
                Instant.now(), "{not json".getBytes(StandardCharsets.UTF_8)));
        KafkaBroker.get().send(notJson);
        KafkaBroker.get().send(new ProducerRecord<>(Topics.SCHEMA_CHANGES, key, "{}".getBytes(StandardCharsets.UTF_8)));
        SchemaChangeEvent after = markerAfter("flow-after-malformed");

        reportFor(after);
        List<ConsumerRecord<String, byte[]>> deadLetters = KafkaBroker.get().awaitRecords(
                "error." + Topics.SCHEMA_CHANGES + ".change-analyzer", 2, record -> key.equals(record.key()), Duration.ofSeconds(30));
        assertThat(deadLetters).extracting(record -> header(record, "x-exception-message"))
                .anySatisfy(reason -> assertThat(reason).contains("flow-not-json").contains("not JSON"))
                .anySatisfy(reason -> assertThat(reason).contains("CloudEvents"));
    }

    /** A harmless change published after others, to know that those before it were consumed. */
    private static SchemaChangeEvent markerAfter(String id) {
        SchemaChangeEvent marker = marker(id);
        publish(marker);
        return marker;
    }

    private static SchemaChangeEvent marker(String id) {
        RelationDefinition before = table("public", "flow_marker").column(column(1, "id", "integer")).build();
        RelationDefinition after = from(before).column(column(2, "note", "text")).build();
        return event("ALTER TABLE", "ALTER TABLE flow_marker ADD COLUMN note text").id(id)
                .database(DATABASE_NAME).change(columnAdded(after, "note")).before(before).after(after).build();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long oid(String table) {
        try (Connection connection = PostgresCluster.get().connect(DATABASE);
             PreparedStatement query = connection.prepareStatement("SELECT ?::regclass::oid")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the statements as the application would, so that pg_stat_statements records them. */
    private static void applicationRuns(String... queries) throws SQLException {
        try (Connection connection = PostgresCluster.get().connect(DATABASE)) {
            for (String query : queries) {
                try (PreparedStatement statement = connection.prepareStatement(query)) {
                    statement.execute();
                }
            }
        }
    }
}
