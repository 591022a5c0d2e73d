package dev.schemawatch.analyzer.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DdlTextTest {

    @Test
    void wordsAreFoundWhateverTheirCase() {
        assertThat(DdlText.parse("create index concurrently i on t (c)").says("i", "INDEX", "CONCURRENTLY")).isTrue();
    }

    @Test
    void commentsDoNotCount() {
        assertThat(DdlText.parse("CREATE INDEX /* CONCURRENTLY? /* nested */ no */ i ON t (c)")
                .says("i", "INDEX", "CONCURRENTLY")).isFalse();
        assertThat(DdlText.parse("CREATE INDEX i ON t (c) -- TODO: CONCURRENTLY\n").says("i", "CONCURRENTLY")).isFalse();
    }

    @Test
    void stringsQuotedIdentifiersAndDollarQuotedBodiesDoNotCount() {
        assertThat(DdlText.parse("ALTER TABLE t ADD CONSTRAINT c CHECK (note <> 'it''s NOT VALID')").says("c", "NOT", "VALID"))
                .isFalse();
        assertThat(DdlText.parse("ALTER TABLE t ADD CONSTRAINT c CHECK (note <> E'it\\'s NOT VALID')").says("c", "NOT", "VALID"))
                .isFalse();
        assertThat(DdlText.parse("CREATE INDEX \"CONCURRENTLY\" ON t (c)").says("CONCURRENTLY", "INDEX", "CONCURRENTLY")).isFalse();
        assertThat(DdlText.parse("DO $body$ BEGIN EXECUTE 'CREATE INDEX CONCURRENTLY i ON t (c)'; END $body$")
                .says("i", "INDEX", "CONCURRENTLY")).isFalse();
    }

    @Test
    void inAQueryStringWithSeveralStatementsOnlyTheOneNamingTheObjectCounts() {
        DdlText ddl = DdlText.parse("ALTER TABLE a ADD CONSTRAINT fk_a FOREIGN KEY (x) REFERENCES p (id) NOT VALID;"
                + " ALTER TABLE b ADD CONSTRAINT \"Fk_B\" FOREIGN KEY (y) REFERENCES p (id);");

        assertThat(ddl.says("fk_a", "NOT", "VALID")).isTrue();
        assertThat(ddl.says("Fk_B", "NOT", "VALID")).isFalse();
    }

    @Test
    void anObjectNoStatementNamesIsJudgedOnAllOfThem() {
        DdlText ddl = DdlText.parse("ALTER TABLE a ADD FOREIGN KEY (x) REFERENCES p (id) NOT VALID");

        assertThat(ddl.says("a_x_fkey", "NOT", "VALID")).isTrue();
    }

    @Test
    void noTextSaysNothing() {
        assertThat(DdlText.parse(null).says("x", "CONCURRENTLY")).isFalse();
        assertThat(DdlText.parse("   ").says("x", "CONCURRENTLY")).isFalse();
    }
}
