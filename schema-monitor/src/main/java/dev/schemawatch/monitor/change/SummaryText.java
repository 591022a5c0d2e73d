package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.RelationKind;
import dev.schemawatch.contracts.schema.TypeDefinition.TypeKind;

/**
 * Wording shared by the summaries. A summary is one line a person reads in a chat message or a
 * log, so names and definitions are shown verbatim except that line breaks and other control
 * characters are escaped, and long definitions are clipped. The exact names travel untouched in
 * the change's structured fields.
 */
final class SummaryText {

    private static final int MAX_DEFINITION_LENGTH = 200;

    private SummaryText() {
    }

    /** A name between double quotes, embedded quotes left as they are. */
    static String quote(String name) {
        return name == null ? "none" : '"' + escapeControls(name) + '"';
    }

    /** A definition or comment on one line; {@code none} for null. */
    static String clip(String text) {
        if (text == null) {
            return "none";
        }
        String oneLine = escapeControls(text.strip().replaceAll("\\s+", " "));
        return oneLine.length() <= MAX_DEFINITION_LENGTH ? oneLine : oneLine.substring(0, MAX_DEFINITION_LENGTH) + "…";
    }

    /** {@code "old" -> "new"}, {@code none} standing for no comment. */
    static String commentChange(String was, String is) {
        return (was == null ? "none" : quote(clip(was))) + " -> " + (is == null ? "none" : quote(clip(is)));
    }

    static String orNone(Object value) {
        return value == null ? "none" : escapeControls(value.toString());
    }

    static String noun(RelationKind kind) {
        return switch (kind) {
            case TABLE, PARTITIONED_TABLE -> "table";
            case FOREIGN_TABLE -> "foreign table";
            case VIEW -> "view";
            case MATERIALIZED_VIEW -> "materialized view";
            case SEQUENCE -> "sequence";
            case COMPOSITE_TYPE -> "composite type";
        };
    }

    static String noun(TypeKind kind) {
        return switch (kind) {
            case ENUM -> "enum";
            case DOMAIN -> "domain";
            case COMPOSITE -> "composite type";
            case RANGE -> "range type";
            case OTHER -> "type";
        };
    }

    private static String escapeControls(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        escaped.append(String.format("\\u%04x", c));
                    } else {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }
}
