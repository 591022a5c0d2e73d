package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.impact.QueryReplay;
import dev.schemawatch.contracts.impact.QueryReplay.BrokenQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a change reaches beyond the object itself, put into the words of a finding. */
final class Reach {

    private static final int NAMES_SHOWN = 3;

    private Reach() {
    }

    /**
     * The recorded application queries that no longer prepare and mention {@code name}: the
     * replay covers the whole event, so the name tells which of them this change broke.
     */
    static List<BrokenQuery> brokenQueriesMentioning(JudgedEvent event, String name) {
        QueryReplay replay = event.blastRadius() == null ? null : event.blastRadius().queries();
        if (replay == null || replay.broken().isEmpty() || name == null) {
            return List.of();
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        List<BrokenQuery> mentioning = new ArrayList<>();
        for (BrokenQuery query : replay.broken()) {
            if (query.query() != null && query.query().toLowerCase(Locale.ROOT).contains(wanted)) {
                mentioning.add(query);
            }
        }
        return mentioning;
    }

    /** {@code ; 2 recorded application queries (run 1,234 times) no longer prepare, e.g. ...}, or "". */
    static String brokenQueries(List<BrokenQuery> broken) {
        if (broken.isEmpty()) {
            return "";
        }
        long calls = broken.stream().mapToLong(BrokenQuery::calls).sum();
        BrokenQuery first = broken.get(0);
        return "; " + Quantities.count(broken.size()) + " recorded application "
                + (broken.size() == 1 ? "query" : "queries") + " (run " + Quantities.count(calls) + " times) no longer "
                + (broken.size() == 1 ? "prepares" : "prepare") + ", e.g. SQLSTATE " + first.sqlState() + ": " + first.message();
    }

    /** {@code a, b, c and 2 more}. */
    static String names(List<String> names) {
        if (names.size() <= NAMES_SHOWN) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, NAMES_SHOWN)) + " and " + (names.size() - NAMES_SHOWN) + " more";
    }
}
