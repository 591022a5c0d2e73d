package dev.schemawatch.monitor.capture;

import dev.schemawatch.monitor.config.MonitorProperties.MonitoredDatabase;

import java.util.List;
import java.util.regex.Pattern;

/** Which schemas and tables of a database the monitor publishes changes for. */
public final class CaptureScope {

    private final List<Pattern> includeSchemas;
    private final List<Pattern> excludeSchemas;
    private final List<Pattern> includeTables;
    private final List<Pattern> excludeTables;

    public CaptureScope(List<String> includeSchemas, List<String> excludeSchemas,
                        List<String> includeTables, List<String> excludeTables) {
        this.includeSchemas = compile(includeSchemas);
        this.excludeSchemas = compile(excludeSchemas);
        this.includeTables = compile(includeTables);
        this.excludeTables = compile(excludeTables);
    }

    public static CaptureScope of(MonitoredDatabase database) {
        return new CaptureScope(database.includeSchemas(), database.excludeSchemas(),
                database.includeTables(), database.excludeTables());
    }

    /** @param table null for schema-level objects, which only the schema patterns judge */
    public boolean includes(String schema, String table) {
        if (schema == null) {
            return true;
        }
        if (!matchesAnyOrEmpty(includeSchemas, schema) || matchesAny(excludeSchemas, schema)) {
            return false;
        }
        if (table == null) {
            return true;
        }
        String qualified = schema + "." + table;
        return matchesAnyOrEmpty(includeTables, qualified) && !matchesAny(excludeTables, qualified);
    }

    private static boolean matchesAnyOrEmpty(List<Pattern> patterns, String value) {
        return patterns.isEmpty() || matchesAny(patterns, value);
    }

    private static boolean matchesAny(List<Pattern> patterns, String value) {
        return patterns.stream().anyMatch(p -> p.matcher(value).matches());
    }

    private static List<Pattern> compile(List<String> expressions) {
        return expressions == null ? List.of() : expressions.stream().map(Pattern::compile).toList();
    }
}
