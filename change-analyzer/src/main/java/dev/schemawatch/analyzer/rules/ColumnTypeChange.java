package dev.schemawatch.analyzer.rules;

import dev.schemawatch.analyzer.rules.ColumnType.Family;

/**
 * What changing a column from one type to another means: for the values (can every old value and
 * every value an old writer sends still be stored?) and for the table (does PostgreSQL rewrite it?).
 *
 * <p>No rewrite is needed when the conversion is binary-coercible or only loosens a limit that
 * PostgreSQL knows needs no check: {@code varchar(n)} to a longer or unlimited {@code varchar} or
 * {@code text}, {@code text} to {@code varchar} or {@code citext}, {@code numeric(p,s)} to a higher
 * precision with the same scale or to unconstrained {@code numeric}, a higher precision for
 * timestamps, times and intervals, a longer {@code varbit}, {@code cidr} to {@code inet}. Anything
 * else is taken to rewrite, including arrays whose element type changes.
 *
 * @param compatibility how the change treats old values and old writers
 * @param rewrite       whether PostgreSQL rewrote the table (and rebuilt its indexes)
 * @param reason        one sentence saying why, in the types' own terms
 */
public record ColumnTypeChange(Compatibility compatibility, boolean rewrite, String reason) {

    public enum Compatibility {
        /** The same type, spelled differently. */
        SAME,
        /** Every old value, and every value an old writer sends, still fits. */
        WIDENED,
        /** The same kind of value, but some old values or writes no longer fit or lose precision. */
        NARROWED,
        /** A different kind of value: old writers' values are rejected or mean something else. */
        INCOMPATIBLE
    }

    private static final int[] INTEGER_DIGITS = {5, 10, 19};

    public static ColumnTypeChange between(String before, String after) {
        ColumnType from = ColumnType.parse(before);
        ColumnType to = ColumnType.parse(after);
        if (from.equals(to)) {
            return new ColumnTypeChange(Compatibility.SAME, false, before + " and " + after + " are the same type");
        }
        if (from.array() != to.array()) {
            return new ColumnTypeChange(Compatibility.INCOMPATIBLE, true,
                    (from.array() ? "an array became a single value" : "a single value became an array"));
        }
        ColumnTypeChange elements = from.family() == to.family() && from.family() != Family.OTHER
                ? withinFamily(from, to)
                : acrossFamilies(from, to);
        return from.array() ? new ColumnTypeChange(elements.compatibility(), true, "array elements: " + elements.reason())
                : elements;
    }

    public boolean narrowed() {
        return compatibility == Compatibility.NARROWED;
    }

    public boolean incompatible() {
        return compatibility == Compatibility.INCOMPATIBLE;
    }

    private static ColumnTypeChange withinFamily(ColumnType from, ColumnType to) {
        return switch (from.family()) {
            case INTEGER -> integerRank(to) < integerRank(from)
                    ? narrowed(true, to.base() + " holds smaller numbers than " + from.base())
                    : widened(true, to.base() + " holds every " + from.base() + " value");
            case NUMERIC -> numerics(from, to);
            case FLOAT -> to.base().equals("real")
                    ? narrowed(true, "real keeps about 6 significant digits, double precision 15")
                    : widened(true, "double precision holds every real value");
            case STRING -> strings(from, to);
            case TIMESTAMP, TIME -> times(from, to);
            case INTERVAL -> to.base().equals(from.base()) ? fractionalSeconds(from, to)
                    : to.base().equals("interval")
                    ? widened(true, "an unrestricted interval holds every " + from.base() + " value")
                    : narrowed(true, to.base() + " keeps fewer fields of an interval");
            case BIT -> bits(from, to);
            case JSON -> widened(true, to.base() + " accepts every " + from.base() + " document"
                    + (to.base().equals("jsonb") ? " (dropping duplicate keys and formatting)" : ""));
            case NETWORK -> network(from, to);
            default -> widened(true, from.base() + " and " + to.base() + " hold the same kind of value");
        };
    }

    private static ColumnTypeChange acrossFamilies(ColumnType from, ColumnType to) {
        if (to.unboundedText()) {
            return widened(true, "every " + from.base() + " value has a text form");
        }
        if (to.family() == Family.STRING) {
            return narrowed(true, from.base() + " values whose text is longer than " + to.length()
                    + " characters no longer fit");
        }
        Family source = from.family();
        Family target = to.family();
        if (source == Family.INTEGER && target == Family.NUMERIC) {
            return integerDigits(to) >= INTEGER_DIGITS[integerRank(from)]
                    ? widened(true, to.base() + describeNumeric(to) + " holds every " + from.base() + " value")
                    : narrowed(true, to.base() + describeNumeric(to) + " keeps fewer integer digits than " + from.base() + " needs");
        }
        if (source == Family.INTEGER && target == Family.FLOAT) {
            boolean exact = integerRank(from) == 0 || (integerRank(from) == 1 && to.base().equals("double precision"));
            return exact ? widened(true, to.base() + " holds every " + from.base() + " value exactly")
                    : narrowed(true, to.base() + " cannot hold every " + from.base() + " value exactly");
        }
        if (source == Family.FLOAT && target == Family.NUMERIC && to.precision() == ColumnType.ABSENT) {
            return widened(true, "unconstrained numeric holds every " + from.base() + " value");
        }
        if ((source == Family.NUMERIC || source == Family.FLOAT) && (target == Family.INTEGER || target == Family.FLOAT
                || target == Family.NUMERIC)) {
            return narrowed(true, to.base() + " loses digits or fractions " + from.base() + " kept");
        }
        if (source == Family.DATE && target == Family.TIMESTAMP) {
            return widened(true, "every date is a timestamp at midnight");
        }
        if (source == Family.TIMESTAMP && (target == Family.DATE || target == Family.TIME)) {
            return narrowed(true, to.base() + " keeps only part of a timestamp");
        }
        return new ColumnTypeChange(Compatibility.INCOMPATIBLE, true,
                from.base() + " and " + to.base() + " hold different kinds of value");
    }

    private static ColumnTypeChange numerics(ColumnType from, ColumnType to) {
        boolean narrowed = integerDigits(to) < integerDigits(from) || fractionDigits(to) < fractionDigits(from);
        boolean rewrite = to.precision() != ColumnType.ABSENT
                && (from.precision() == ColumnType.ABSENT || fractionDigits(to) != fractionDigits(from)
                || to.precision() < from.precision());
        String change = "numeric" + describeNumeric(from) + " → numeric" + describeNumeric(to);
        return narrowed
                ? narrowed(rewrite, change + " keeps fewer digits (values are rounded or rejected)")
                : widened(rewrite, change + " keeps every digit");
    }

    private static ColumnTypeChange strings(ColumnType from, ColumnType to) {
        boolean textLikeSource = textLike(from);
        boolean rewrite;
        if (textLikeSource && textLike(to)) {
            boolean limited = to.base().equals("character varying") && to.precision() != ColumnType.ABSENT;
            rewrite = limited && !(from.base().equals("character varying") && from.precision() != ColumnType.ABSENT
                    && to.precision() >= from.precision());
        } else {
            rewrite = true;
        }
        if (to.length() < from.length()) {
            return narrowed(rewrite, "strings longer than " + to.length() + " characters no longer fit");
        }
        return widened(rewrite, to.base() + (to.precision() == ColumnType.ABSENT ? "" : "(" + to.precision() + ")")
                + " holds every value " + from.base() + (from.precision() == ColumnType.ABSENT ? "" : "(" + from.precision() + ")")
                + " did");
    }

    private static ColumnTypeChange times(ColumnType from, ColumnType to) {
        if (from.withTimeZone() && !to.withTimeZone()) {
            return narrowed(true, "the time zone is dropped: values are converted to the session's local time");
        }
        if (!from.withTimeZone() && to.withTimeZone()) {
            return widened(true, "existing values are read as the session's local time"
                    + " (PostgreSQL skips the rewrite only when that time zone is UTC)");
        }
        return fractionalSeconds(from, to);
    }

    private static ColumnTypeChange fractionalSeconds(ColumnType from, ColumnType to) {
        int was = secondsPrecision(from);
        int is = secondsPrecision(to);
        return is < was
                ? narrowed(true, "fractional seconds are rounded from " + was + " to " + is + " digits")
                : widened(false, "fractional seconds keep " + is + " digits, no fewer than " + was);
    }

    private static ColumnTypeChange bits(ColumnType from, ColumnType to) {
        int was = from.base().equals("bit") && from.precision() == ColumnType.ABSENT ? 1 : from.length();
        int is = to.base().equals("bit") && to.precision() == ColumnType.ABSENT ? 1 : to.length();
        boolean varying = from.base().equals("bit varying") && to.base().equals("bit varying");
        if (is < was) {
            return narrowed(true, "bit strings longer than " + is + " no longer fit");
        }
        return widened(!varying, "bit strings of up to " + was + " bits still fit");
    }

    private static ColumnTypeChange network(ColumnType from, ColumnType to) {
        if (from.base().equals("cidr") && to.base().equals("inet")) {
            return widened(false, "every cidr value is an inet value");
        }
        if (from.base().equals("macaddr") && to.base().equals("macaddr8")) {
            return widened(true, "every macaddr value is a macaddr8 value");
        }
        if (from.base().startsWith("mac") != to.base().startsWith("mac")) {
            return new ColumnTypeChange(Compatibility.INCOMPATIBLE, true,
                    from.base() + " and " + to.base() + " hold different kinds of address");
        }
        return narrowed(true, to.base() + " accepts fewer values than " + from.base());
    }

    private static boolean textLike(ColumnType type) {
        return switch (type.base()) {
            case "text", "character varying", "citext" -> true;
            default -> false;
        };
    }

    private static int integerRank(ColumnType type) {
        return switch (type.base()) {
            case "smallint" -> 0;
            case "integer" -> 1;
            default -> 2;
        };
    }

    private static int integerDigits(ColumnType numeric) {
        return numeric.precision() == ColumnType.ABSENT ? Integer.MAX_VALUE : numeric.precision() - fractionDigits(numeric);
    }

    private static int fractionDigits(ColumnType numeric) {
        if (numeric.precision() == ColumnType.ABSENT) {
            return Integer.MAX_VALUE;
        }
        return numeric.scale() == ColumnType.ABSENT ? 0 : numeric.scale();
    }

    private static String describeNumeric(ColumnType numeric) {
        if (numeric.precision() == ColumnType.ABSENT) {
            return "";
        }
        return "(" + numeric.precision() + "," + (numeric.scale() == ColumnType.ABSENT ? 0 : numeric.scale()) + ")";
    }

    private static int secondsPrecision(ColumnType type) {
        return type.precision() == ColumnType.ABSENT ? 6 : type.precision();
    }

    private static ColumnTypeChange widened(boolean rewrite, String reason) {
        return new ColumnTypeChange(Compatibility.WIDENED, rewrite, reason);
    }

    private static ColumnTypeChange narrowed(boolean rewrite, String reason) {
        return new ColumnTypeChange(Compatibility.NARROWED, rewrite, reason);
    }
}
