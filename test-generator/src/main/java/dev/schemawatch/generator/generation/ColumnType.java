package dev.schemawatch.generator.generation;

import dev.schemawatch.contracts.schema.TypeDefinition;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's type as the generator understands it, parsed from {@code format_type} text
 * ({@code character varying(40)}, {@code numeric(10,2)}, {@code public.mood[]}...).
 *
 * @param kind      the family that decides test data and boundaries
 * @param length    for TEXT with a limit ({@code varchar(n)}, {@code char(n)}), else 0
 * @param precision for NUMERIC with a typmod, else 0
 * @param scale     for NUMERIC with a typmod, else 0
 * @param array     true for {@code ...[]}: values are array literals of the element kind
 * @param labels    for ENUM, the labels in sort order
 */
record ColumnType(Kind kind, int length, int precision, int scale, boolean array, List<String> labels) {

    enum Kind {
        TEXT, SMALLINT, INTEGER, BIGINT, NUMERIC, REAL, DOUBLE, BOOLEAN, DATE, TIMESTAMP, TIMESTAMPTZ, TIME,
        UUID, JSON, JSONB, BYTEA, INTERVAL, INET, ENUM, UNKNOWN
    }

    private static final Pattern LIMITED_TEXT = Pattern.compile("(?:character varying|character|bpchar)\\((\\d+)\\)");
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(-?\\d+)\\)");

    static ColumnType parse(String formatType, Map<String, TypeDefinition> enumsByName) {
        String type = formatType.strip();
        boolean array = type.endsWith("[]");
        if (array) {
            type = type.substring(0, type.length() - 2);
        }
        Matcher limited = LIMITED_TEXT.matcher(type);
        if (limited.matches()) {
            return new ColumnType(Kind.TEXT, Integer.parseInt(limited.group(1)), 0, 0, array, List.of());
        }
        Matcher numeric = NUMERIC.matcher(type);
        if (numeric.matches()) {
            return new ColumnType(Kind.NUMERIC, 0, Integer.parseInt(numeric.group(1)), Integer.parseInt(numeric.group(2)), array, List.of());
        }
        Kind kind = switch (type) {
            case "text", "character varying", "character", "name", "citext" -> Kind.TEXT;
            case "smallint" -> Kind.SMALLINT;
            case "integer" -> Kind.INTEGER;
            case "bigint" -> Kind.BIGINT;
            case "numeric" -> Kind.NUMERIC;
            case "real" -> Kind.REAL;
            case "double precision" -> Kind.DOUBLE;
            case "boolean" -> Kind.BOOLEAN;
            case "date" -> Kind.DATE;
            case "timestamp without time zone" -> Kind.TIMESTAMP;
            case "timestamp with time zone" -> Kind.TIMESTAMPTZ;
            case "time without time zone", "time with time zone" -> Kind.TIME;
            case "uuid" -> Kind.UUID;
            case "json" -> Kind.JSON;
            case "jsonb" -> Kind.JSONB;
            case "bytea" -> Kind.BYTEA;
            case "interval" -> Kind.INTERVAL;
            case "inet", "cidr" -> Kind.INET;
            default -> Kind.UNKNOWN;
        };
        if (kind == Kind.UNKNOWN) {
            TypeDefinition enumType = enumsByName.get(unquoted(type));
            if (enumType != null) {
                return new ColumnType(Kind.ENUM, 0, 0, 0, array, enumType.labels());
            }
        }
        return new ColumnType(kind, 0, 0, 0, array, List.of());
    }

    /** {@code "My Schema".mood} and {@code my schema.mood} name the same type for a look-up. */
    static String unquoted(String typeName) {
        return typeName.replace("\"\"", "\u0000").replace("\"", "").replace("\u0000", "\"");
    }

    boolean isInteger() {
        return !array && (kind == Kind.SMALLINT || kind == Kind.INTEGER || kind == Kind.BIGINT);
    }

    /** Whether {@code a = b} is defined and exact for the type, so a row can be found again by the value. */
    boolean comparable() {
        return kind != Kind.JSON && kind != Kind.UNKNOWN && kind != Kind.REAL && kind != Kind.DOUBLE;
    }
}
