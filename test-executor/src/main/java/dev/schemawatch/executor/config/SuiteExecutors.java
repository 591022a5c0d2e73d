package dev.schemawatch.executor.config;

import dev.schemawatch.executor.execution.SuiteExecutor;

import java.util.Map;

/** One executor per configured database, by the name events carry. */
public record SuiteExecutors(Map<String, SuiteExecutor> byName) {

    public SuiteExecutors {
        byName = Map.copyOf(byName);
    }
}
