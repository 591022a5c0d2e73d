package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.schema.SchemaChangeEvent;

/**
 * One row of the rule table: an event, the live database it meets, and whether rule {@code code}
 * must fire on it.
 */
record RuleCase(String code, boolean fires, String situation, SchemaChangeEvent event, FakeContext context) {

    static RuleCase fires(String code, String situation, SchemaChangeEvent event) {
        return new RuleCase(code, true, situation, event, new FakeContext());
    }

    static RuleCase fires(String code, String situation, SchemaChangeEvent event, FakeContext context) {
        return new RuleCase(code, true, situation, event, context);
    }

    static RuleCase silent(String code, String situation, SchemaChangeEvent event) {
        return new RuleCase(code, false, situation, event, new FakeContext());
    }

    static RuleCase silent(String code, String situation, SchemaChangeEvent event, FakeContext context) {
        return new RuleCase(code, false, situation, event, context);
    }

    @Override
    public String toString() {
        return code + (fires ? " fires: " : " stays silent: ") + situation;
    }
}
