package dev.schemawatch.executor.execution;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionEscapeGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "COMMIT",
            "commit;",
            "INSERT INTO t VALUES (1); COMMIT",
            "/* a /* nested */ comment */ END",
            "-- a comment\nROLLBACK",
            "START TRANSACTION",
            "PREPARE TRANSACTION 'x'",
            "SAVEPOINT mine",
            "SET ROLE postgres",
            "SET LOCAL lock_timeout = 0",
            "set session statement_timeout to 0",
            "SET \"lock_timeout\" = 0",
            "SET SESSION AUTHORIZATION postgres",
            "RESET ROLE",
            "RESET ALL",
            "SELECT pg_catalog.set_config('lock_timeout', '0', false)",
            "SELECT E'it\\'s'; COMMIT"})
    void refusesStatementsThatLeaveTheTransactionOrItsSafeguards(String sql) {
        assertThat(TransactionEscapeGuard.escapingCommand(sql)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 'a; commit'",
            "SELECT E'it\\'s; commit'",
            "SELECT $$; commit$$, $tag$; end $tag$",
            "SELECT \"commit\" FROM t",
            "UPDATE t SET \"end\" = 1",
            "INSERT INTO t (a) VALUES ('x'); SELECT count(*) FROM t -- ; commit",
            "SET CONSTRAINTS ALL IMMEDIATE",
            "SET LOCAL search_path = app",
            "PREPARE lookup AS SELECT $1::int",
            "DO $$BEGIN PERFORM 1; END$$"})
    void letsOrdinaryStatementsThrough(String sql) {
        assertThat(TransactionEscapeGuard.escapingCommand(sql)).isNull();
    }
}
