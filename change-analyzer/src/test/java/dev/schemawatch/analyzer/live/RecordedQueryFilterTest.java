package dev.schemawatch.analyzer.live;

import dev.schemawatch.contracts.schema.ChangeType;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.schemawatch.analyzer.live.TestEvents.change;
import static dev.schemawatch.analyzer.live.TestEvents.event;
import static dev.schemawatch.analyzer.live.TestEvents.table;
import static org.assertj.core.api.Assertions.assertThat;

/** Which recorded statements query replay considers, and by which names. */
class RecordedQueryFilterTest {

    @Test
    void replaysWhatPrepareAcceptsWhateverPrecedesIt() {
        assertThat(QueryReplayer.isApplicationQuery("select * from t")).isTrue();
        assertThat(QueryReplayer.isApplicationQuery("  /* app:orders */ (SELECT 1 FROM t)")).isTrue();
        assertThat(QueryReplayer.isApplicationQuery("-- report\nWITH x AS (SELECT 1) SELECT * FROM x")).isTrue();
        assertThat(QueryReplayer.isApplicationQuery("INSERT INTO t VALUES ($1)")).isTrue();
        assertThat(QueryReplayer.isApplicationQuery("merge into t using s on t.id = s.id when matched then delete")).isTrue();
    }

    @Test
    void skipsUtilityStatementsSchemawatchAndItsOwnStatements() {
        assertThat(QueryReplayer.isApplicationQuery("ALTER TABLE t DROP COLUMN x")).isFalse();
        assertThat(QueryReplayer.isApplicationQuery("PREPARE p AS SELECT 1")).isFalse();
        assertThat(QueryReplayer.isApplicationQuery("/* unterminated")).isFalse();
        assertThat(QueryReplayer.isApplicationQuery("SELECT * FROM schemawatch.ddl_log")).isFalse();
        assertThat(QueryReplayer.isApplicationQuery("SELECT * FROM \"schemawatch\" . ddl_log")).isFalse();
        assertThat(QueryReplayer.isApplicationQuery("SELECT * FROM my_schemawatch.t")).isTrue();
        assertThat(QueryReplayer.isApplicationQuery("SELECT " + LiveTransactions.MARKER + " count(*) FROM t")).isFalse();
    }

    @Test
    void namesAreWholeWordsWithEveryOtherCharacterEscaped() {
        assertThat(QueryReplayer.wholeWordsPattern(Set.of("orders")))
                .isEqualTo("(^|[^[:alnum:]_$])(orders)($|[^[:alnum:]_$])");
        assertThat(QueryReplayer.wholeWordsPattern(Set.of("a.b*c")))
                .isEqualTo("(^|[^[:alnum:]_$])(a\\.b\\*c)($|[^[:alnum:]_$])");
    }

    @Test
    void affectedNamesIncludeTheOldNameOfARenamedTable() {
        var renamed = event("sales", "purchases",
                change(ChangeType.TABLE_RENAMED, "sales", "purchases", null, "sales.orders"),
                change(ChangeType.COLUMN_RENAMED, "sales", "purchases", "total", "amount"))
                .before(table(1, "sales", "orders")).after(table(1, "sales", "purchases")).build();

        assertThat(QueryReplayer.affectedRelationNames(renamed)).containsExactly("orders", "purchases");
    }
}
