package dev.schemawatch.contracts.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlQuotingTest {

    @Test
    void doublesEmbeddedQuotesSoAHostileNameStaysOneIdentifier() {
        assertThat(SqlQuoting.identifier("x\"; drop table t; --")).isEqualTo("\"x\"\"; drop table t; --\"");
    }

    @Test
    void keepsNamesAndValuesWithLineBreaksOnOneLine() {
        assertThat(SqlQuoting.identifier("a\n--@step \\ \"b\"\r"))
                .isEqualTo("U&\"a\\000A--@step \\\\ \"\"b\"\"\\000D\"").doesNotContain("\n", "\r");
        assertThat(SqlQuoting.literal("it's\n--@step\\"))
                .isEqualTo("E'it''s\\n--@step\\\\'").doesNotContain("\n");
    }

    @Test
    void quotesReservedWordsAndKeepsCaseAndNonAscii() {
        assertThat(SqlQuoting.identifier("select")).isEqualTo("\"select\"");
        assertThat(SqlQuoting.identifier("Sélect Öl")).isEqualTo("\"Sélect Öl\"");
        assertThat(SqlQuoting.qualified("my schema", "T")).isEqualTo("\"my schema\".\"T\"");
    }

    @Test
    void rejectsIdentifiersPostgresCannotHold() {
        assertThatThrownBy(() -> SqlQuoting.identifier("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlQuoting.identifier("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void literalsEscapeQuotesAndBackslashes() {
        assertThat(SqlQuoting.literal("it's")).isEqualTo("'it''s'");
        assertThat(SqlQuoting.literal("a\\'; drop table t; --")).isEqualTo("E'a\\\\''; drop table t; --'");
        assertThat(SqlQuoting.literal(null)).isEqualTo("NULL");
    }
}
