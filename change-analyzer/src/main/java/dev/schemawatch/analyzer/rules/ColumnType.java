package dev.schemawatch.analyzer.rules;

import java.util.Locale;
import java.util.Map;

/**
 * A column type as {@code format_type} spells it (e.g. {@code character varying(40)},
 * {@code numeric(12,2)}, {@code timestamp(3) with time zone}, {@code integer[]}), split into what
 * the compatibility and rewrite rules compare. The usual short spellings ({@code varchar(40)},
 * {@code int8}, {@code timestamptz}) are understood too, so hand-written input reads the same.
 *
 * @param base      the type without modifiers or array brackets, in format_type's spelling;
 *                  a quoted (user-defined) name is kept verbatim
 * @param precision the length or precision, or {@link #ABSENT}
 * @param scale     the scale of a numeric type, or {@link #ABSENT}
 * @param array     whether it is an array of {@code base}
 * @param family    which values it holds, for comparisons across types
 */
record ColumnType(String base, int precision, int scale, boolean array, Family family) {

    static final int ABSENT = -1;

    /** Groups of types whose values convert into each other without a change of meaning. */
    enum Family {
        INTEGER, NUMERIC, FLOAT, STRING, TIMESTAMP, DATE, TIME, INTERVAL, BOOLEAN, UUID, JSON, BYTES, BIT, NETWORK, OTHER
    }

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("varchar", "character varying"),
            Map.entry("char", "character"),
            Map.entry("bpchar", "character"),
            Map.entry("int", "integer"),
            Map.entry("int4", "integer"),
            Map.entry("int8", "bigint"),
            Map.entry("int2", "smallint"),
            Map.entry("float8", "double precision"),
            Map.entry("float", "double precision"),
            Map.entry("float4", "real"),
            Map.entry("decimal", "numeric"),
            Map.entry("bool", "boolean"),
            Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("timestamp", "timestamp without time zone"),
            Map.entry("time", "time without time zone"),
            Map.entry("timetz", "time with time zone"),
            Map.entry("varbit", "bit varying"));

    private static final Map<String, Family> FAMILIES = Map.ofEntries(
            Map.entry("smallint", Family.INTEGER),
            Map.entry("integer", Family.INTEGER),
            Map.entry("bigint", Family.INTEGER),
            Map.entry("numeric", Family.NUMERIC),
            Map.entry("real", Family.FLOAT),
            Map.entry("double precision", Family.FLOAT),
            Map.entry("text", Family.STRING),
            Map.entry("character varying", Family.STRING),
            Map.entry("character", Family.STRING),
            Map.entry("citext", Family.STRING),
            Map.entry("name", Family.STRING),
            Map.entry("timestamp without time zone", Family.TIMESTAMP),
            Map.entry("timestamp with time zone", Family.TIMESTAMP),
            Map.entry("date", Family.DATE),
            Map.entry("time without time zone", Family.TIME),
            Map.entry("time with time zone", Family.TIME),
            Map.entry("interval", Family.INTERVAL),
            Map.entry("boolean", Family.BOOLEAN),
            Map.entry("uuid", Family.UUID),
            Map.entry("json", Family.JSON),
            Map.entry("jsonb", Family.JSON),
            Map.entry("bytea", Family.BYTES),
            Map.entry("bit", Family.BIT),
            Map.entry("bit varying", Family.BIT),
            Map.entry("inet", Family.NETWORK),
            Map.entry("cidr", Family.NETWORK),
            Map.entry("macaddr", Family.NETWORK),
            Map.entry("macaddr8", Family.NETWORK));

    static ColumnType parse(String spelling) {
        String text = spelling.strip();
        boolean array = false;
        while (text.endsWith("]")) {
            int open = text.lastIndexOf('[');
            if (open < 0) {
                break;
            }
            array = true;
            text = text.substring(0, open).stripTrailing();
        }
        if (text.indexOf('"') >= 0) {
            // a quoted user-defined type: its name is case-sensitive and may hold anything
            return new ColumnType(text, ABSENT, ABSENT, array, Family.OTHER);
        }
        text = text.toLowerCase(Locale.ROOT);
        if (text.startsWith("pg_catalog.")) {
            text = text.substring("pg_catalog.".length());
        }
        int precision = ABSENT;
        int scale = ABSENT;
        int open = text.indexOf('(');
        int close = open < 0 ? -1 : text.indexOf(')', open);
        if (close > open) {
            String modifiers = text.substring(open + 1, close);
            int comma = modifiers.indexOf(',');
            precision = integer(comma < 0 ? modifiers : modifiers.substring(0, comma));
            scale = comma < 0 ? ABSENT : integer(modifiers.substring(comma + 1));
            text = singleSpaced(text.substring(0, open) + " " + text.substring(close + 1));
        }
        String base = ALIASES.getOrDefault(text, text);
        if (base.equals("character") && precision == ABSENT) {
            precision = 1;
        }
        Family family = base.startsWith("interval") ? Family.INTERVAL : FAMILIES.getOrDefault(base, Family.OTHER);
        return new ColumnType(base, precision, scale, array, family);
    }

    /** Whether the type holds text of any length ({@code text}, {@code varchar} without a limit, {@code citext}). */
    boolean unboundedText() {
        return family == Family.STRING && !base.equals("character") && !base.equals("name") && precision == ABSENT;
    }

    /** The declared length of a string type; unbounded ones count as {@link Integer#MAX_VALUE}. */
    int length() {
        if (base.equals("name")) {
            return 63;
        }
        return precision == ABSENT ? Integer.MAX_VALUE : precision;
    }

    boolean withTimeZone() {
        return base.endsWith("with time zone");
    }

    private static String singleSpaced(String text) {
        StringBuilder spaced = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' || (spaced.length() > 0 && spaced.charAt(spaced.length() - 1) != ' ')) {
                spaced.append(c);
            }
        }
        return spaced.toString().strip();
    }

    private static int integer(String digits) {
        try {
            return Integer.parseInt(digits.strip());
        } catch (NumberFormatException e) {
            return ABSENT;
        }
    }
}
