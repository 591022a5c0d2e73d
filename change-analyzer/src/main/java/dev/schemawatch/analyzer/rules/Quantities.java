package dev.schemawatch.analyzer.rules;

import java.util.Locale;

/** Counts and sizes as findings print them: thousands separators, sizes as pg_size_pretty shows them. */
final class Quantities {

    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB"};

    private Quantities() {
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** {@code ~1,234 rows}; PostgreSQL's estimate is -1 for a table never analysed. */
    static String rows(long estimate) {
        if (estimate < 0) {
            return "an unknown number of rows";
        }
        return "~" + count(estimate) + (estimate == 1 ? " row" : " rows");
    }

    static String bytes(long bytes) {
        if (bytes < 10 * 1024) {
            return count(bytes) + (bytes == 1 ? " byte" : " bytes");
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value < 10 ? String.format(Locale.ROOT, "%.1f", value) : count(Math.round(value))) + " " + UNITS[unit];
    }

    static String size(TableSize size) {
        return rows(size.rowEstimate()) + ", " + bytes(size.sizeBytes());
    }
}
