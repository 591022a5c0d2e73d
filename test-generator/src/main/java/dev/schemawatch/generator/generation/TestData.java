package dev.schemawatch.generator.generation;

import dev.schemawatch.contracts.schema.ColumnDefinition;
import dev.schemawatch.generator.generation.ColumnType.Kind;
import net.datafaker.Faker;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Test data: valid for a column's type and understood CHECKs, realistic where the column's name
 * suggests a kind of value (Datafaker), and deterministic: a value depends only on the suite's
 * seed, the row's seed and the column's name, never on what was generated before. Values are raw
 * text; templates turn them into literals with {@code $sql.literal}, and the column's type gives
 * them meaning (PostgreSQL coerces an untyped literal to the target column's type).
 * <p>
 * Not thread-safe (one Datafaker instance re-seeded per value): one instance per generation.
 */
public final class TestData {

    /** Key columns get values from a high range so that a test row does not meet a live row's key. */
    private static final long KEY_INT_FLOOR = 1_000_000_000L;
    private static final long KEY_BIGINT_FLOOR = 1_000_000_000_000L;

    private final long seed;
    private final Random random = new Random();
    private final Faker faker = new Faker(Locale.ENGLISH, random);

    public TestData(long seed) {
        this.seed = seed;
    }

    /**
     * A valid value, or null when the type is one the generator cannot produce values for.
     *
     * @param rowSeed which row: another seed gives another value for unique columns
     * @param unique  the value must differ from other rows' (a key or unique column)
     * @param rule    what the column's CHECK allows; null when none
     */
    String value(ColumnDefinition column, ColumnType type, long rowSeed, boolean unique, CheckRule rule) {
        reseed(rowSeed, column.name());
        if (type.array()) {
            String first = scalar(column, type, unique, rule);
            String second = scalar(column, type, unique, rule);
            return first == null ? null : "{" + arrayElement(first) + "," + arrayElement(second) + "}";
        }
        return scalar(column, type, unique, rule);
    }

    private String scalar(ColumnDefinition column, ColumnType type, boolean unique, CheckRule rule) {
        if (rule != null && !rule.allowed().isEmpty()) {
            return rule.allowed().get(random.nextInt(rule.allowed().size()));
        }
        return switch (type.kind()) {
            case TEXT -> text(column.name(), type.length(), unique);
            case SMALLINT -> integer(1, unique ? Short.MAX_VALUE : 1000, rule);
            case INTEGER -> integer(unique ? KEY_INT_FLOOR : 1, unique ? Integer.MAX_VALUE : 1000, rule);
            case BIGINT -> integer(unique ? KEY_BIGINT_FLOOR : 1, unique ? Long.MAX_VALUE / 2 : 100_000, rule);
            case NUMERIC -> numeric(type, unique, rule);
            case REAL, DOUBLE -> (1 + random.nextInt(9999)) + ".5";
            case BOOLEAN -> random.nextBoolean() ? "true" : "false";
            case DATE -> date().toString();
            case TIMESTAMP -> LocalDateTime.of(date(), time()).toString().replace('T', ' ');
            case TIMESTAMPTZ -> LocalDateTime.of(date(), time()).toString().replace('T', ' ') + "+00";
            case TIME -> time().toString();
            case UUID -> new UUID(random.nextLong(), random.nextLong()).toString();
            case JSON, JSONB -> "{\"word\": \"" + faker.lorem().word() + "\", \"count\": " + random.nextInt(100) + "}";
            case BYTEA -> "\\x" + HexFormat.of().formatHex(new byte[] {(byte) random.nextInt(), (byte) random.nextInt()});
            case INTERVAL -> (1 + random.nextInt(30)) + " days";
            case INET -> "192.0.2." + (1 + random.nextInt(254));
            case ENUM -> type.labels().isEmpty() ? null : type.labels().get(random.nextInt(type.labels().size()));
            case UNKNOWN -> null;
        };
    }

    /** A realistic value chosen by the column's name, made distinct when unique, cut to the length limit. */
    private String text(String columnName, int length, boolean unique) {
        String name = columnName.toLowerCase(Locale.ROOT);
        String value;
        if (name.contains("email")) {
            value = faker.internet().emailAddress();
        } else if (name.contains("first") && name.contains("name")) {
            value = faker.name().firstName();
        } else if (name.contains("last") && name.contains("name") || name.contains("surname")) {
            value = faker.name().lastName();
        } else if (name.contains("user") && name.contains("name") || name.equals("login")) {
            value = faker.internet().username();
        } else if (name.contains("company") || name.contains("organi")) {
            value = faker.company().name();
        } else if (name.contains("name")) {
            value = faker.name().fullName();
        } else if (name.contains("phone") || name.contains("mobile")) {
            value = faker.phoneNumber().cellPhone();
        } else if (name.contains("url") || name.contains("website") || name.contains("homepage")) {
            value = faker.internet().url();
        } else if (name.contains("country")) {
            value = faker.address().country();
        } else if (name.contains("city")) {
            value = faker.address().city();
        } else if (name.contains("zip") || name.contains("postal")) {
            value = faker.address().zipCode();
        } else if (name.contains("address") || name.contains("street")) {
            value = faker.address().streetAddress();
        } else if (name.contains("sku") || name.contains("code")) {
            value = faker.bothify("??-####").toUpperCase(Locale.ROOT);
        } else if (name.contains("description") || name.contains("note") || name.contains("comment") || name.contains("bio")) {
            value = faker.lorem().sentence();
        } else {
            value = faker.lorem().word();
        }
        if (unique) {
            // The distinguishing part goes first so that a length limit cannot cut it off.
            value = Long.toString(random.nextLong() & Long.MAX_VALUE, 36).substring(0, 6) + "." + value;
        }
        return length > 0 && value.length() > length ? value.substring(0, length) : value;
    }

    private String integer(long floor, long ceiling, CheckRule rule) {
        long lowest = rule != null && rule.lowest() != null ? Math.max(floor, rule.lowest().longValue()) : floor;
        long highest = rule != null && rule.highest() != null ? Math.min(ceiling, rule.highest().longValue()) : ceiling;
        if (rule != null && rule.lowest() != null && lowest > highest) {
            lowest = rule.lowest().longValue();
        }
        if (highest < lowest) {
            highest = lowest;
        }
        long span = highest - lowest + 1;
        return Long.toString(lowest + (span <= 0 ? 0 : Math.floorMod(random.nextLong(), span)));
    }

    private String numeric(ColumnType type, boolean unique, CheckRule rule) {
        int scale = type.precision() == 0 ? 2 : Math.max(type.scale(), 0);
        BigDecimal lowest = rule != null && rule.lowest() != null ? rule.lowest().max(BigDecimal.ONE) : BigDecimal.ONE;
        BigDecimal typeMax = type.precision() == 0 ? BigDecimal.valueOf(100_000)
                : BigDecimal.TEN.pow(Math.max(type.precision() - type.scale(), 0)).subtract(BigDecimal.ONE);
        BigDecimal highest = typeMax.min(unique ? typeMax : BigDecimal.valueOf(100_000));
        if (rule != null && rule.highest() != null) {
            highest = highest.min(rule.highest());
        }
        if (highest.compareTo(lowest) < 0) {
            highest = lowest;
        }
        BigDecimal fraction = BigDecimal.valueOf(random.nextDouble());
        return lowest.add(highest.subtract(lowest).multiply(fraction)).setScale(scale, RoundingMode.DOWN).toPlainString();
    }

    private LocalDate date() {
        return LocalDate.of(2000, 1, 1).plusDays(random.nextInt(365 * 30));
    }

    private LocalTime time() {
        return LocalTime.of(random.nextInt(24), random.nextInt(60), random.nextInt(60));
    }

    private static String arrayElement(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The same value for the same suite seed, row and column, whatever was generated before. */
    private void reseed(long rowSeed, String column) {
        random.setSeed(mix(mix(seed, rowSeed), column.hashCode()));
    }

    static long mix(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    static long mix(long a, String text) {
        return mix(a, (long) text.hashCode() * 31 + text.length());
    }

    /** Limits per type for the boundary cases: the largest value of numeric(p,s), 10^(p-s). */
    static BigDecimal numericMax(ColumnType type) {
        return BigDecimal.TEN.pow(type.precision() - type.scale()).subtract(BigDecimal.ONE.movePointLeft(type.scale()));
    }

    static List<BigInteger> integerLimits(Kind kind) {
        return switch (kind) {
            case SMALLINT -> List.of(BigInteger.valueOf(Short.MIN_VALUE), BigInteger.valueOf(Short.MAX_VALUE));
            case INTEGER -> List.of(BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE));
            default -> List.of(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE));
        };
    }
}
