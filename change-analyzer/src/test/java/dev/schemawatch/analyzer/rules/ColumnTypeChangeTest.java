package dev.schemawatch.analyzer.rules;

import dev.schemawatch.analyzer.rules.ColumnTypeChange.Compatibility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnTypeChangeTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}, rewrite {3}")
    @CsvSource(delimiter = '|', textBlock = """
            character varying(40)          | character varying(10)          | NARROWED     | true
            character varying(10)          | character varying(40)          | WIDENED      | false
            character varying(10)          | character varying              | WIDENED      | false
            character varying(10)          | text                           | WIDENED      | false
            text                           | character varying              | WIDENED      | false
            text                           | citext                         | WIDENED      | false
            text                           | character varying(20)          | NARROWED     | true
            character(10)                  | character varying(10)          | WIDENED      | true
            numeric(10,2)                  | numeric(12,2)                  | WIDENED      | false
            numeric(10,2)                  | numeric                        | WIDENED      | false
            numeric(12,2)                  | numeric(10,2)                  | NARROWED     | true
            numeric(10,4)                  | numeric(10,2)                  | NARROWED     | true
            numeric(10,2)                  | numeric(12,4)                  | WIDENED      | true
            numeric                        | numeric(10,2)                  | NARROWED     | true
            integer                        | bigint                         | WIDENED      | true
            bigint                         | integer                        | NARROWED     | true
            int8                           | smallint                       | NARROWED     | true
            integer                        | numeric(5,0)                   | NARROWED     | true
            integer                        | numeric(12,0)                  | WIDENED      | true
            bigint                         | double precision               | NARROWED     | true
            integer                        | double precision               | WIDENED      | true
            real                           | double precision               | WIDENED      | true
            double precision               | real                           | NARROWED     | true
            numeric(10,2)                  | integer                        | NARROWED     | true
            timestamp with time zone       | timestamp without time zone    | NARROWED     | true
            timestamp without time zone    | timestamp with time zone       | WIDENED      | true
            timestamp(3) without time zone | timestamp(6) without time zone | WIDENED      | false
            timestamp(6) with time zone    | timestamp(0) with time zone    | NARROWED     | true
            timestamp without time zone    | date                           | NARROWED     | true
            date                           | timestamp without time zone    | WIDENED      | true
            interval(3)                    | interval                       | WIDENED      | false
            text                           | integer                        | INCOMPATIBLE | true
            boolean                        | integer                        | INCOMPATIBLE | true
            integer                        | text                           | WIDENED      | true
            uuid                           | text                           | WIDENED      | true
            json                           | jsonb                          | WIDENED      | true
            cidr                           | inet                           | WIDENED      | false
            inet                           | cidr                           | NARROWED     | true
            bit varying(5)                 | bit varying(10)                | WIDENED      | false
            integer[]                      | bigint[]                       | WIDENED      | true
            integer                        | integer[]                      | INCOMPATIBLE | true
            "Mood"                         | text                           | WIDENED      | true
            text                           | "Mood"                         | INCOMPATIBLE | true
            public.mood                    | public.feeling                 | INCOMPATIBLE | true
            varchar(40)                    | character varying(40)          | SAME         | false
            int4                           | integer                        | SAME         | false
            timestamptz                    | timestamp with time zone       | SAME         | false
            """)
    void judgesValuesAndRewrite(String before, String after, Compatibility compatibility, boolean rewrite) {
        ColumnTypeChange change = ColumnTypeChange.between(before, after);

        assertThat(change.compatibility()).isEqualTo(compatibility);
        assertThat(change.rewrite()).isEqualTo(rewrite);
        assertThat(change.reason()).isNotBlank();
    }
}
