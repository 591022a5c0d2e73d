package dev.schemawatch.generator.generation;

import dev.schemawatch.contracts.schema.ConstraintDefinition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the generator understands of a one-column CHECK in {@code pg_get_constraintdef} form: a list
 * of allowed values ({@code col = ANY (ARRAY['a'::text, ...])}, PostgreSQL's spelling of
 * {@code IN}) and numeric bounds ({@code col >= 1}, {@code col < 100}, BETWEEN comes out as both).
 * Anything else is not understood: valid data then leaves a nullable column NULL (a CHECK passes on
 * NULL) and the CHECK case is skipped, since no violating value can be derived.
 *
 * @param allowed     the allowed values, empty when none were listed
 * @param lowest      smallest allowed number, or null
 * @param highest     largest allowed number, or null
 * @param understood  whether the whole definition is made of the parts above
 */
record CheckRule(List<String> allowed, BigDecimal lowest, BigDecimal highest, boolean understood) {

    private static final Pattern ANY_ARRAY = Pattern.compile("= ANY \\(+ARRAY\\[(.*?)\\]\\)+");
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern COMPARISON = Pattern.compile("(>=|<=|>|<)\\s*\\(?'?(-?\\d+(?:\\.\\d+)?)'?");

    static CheckRule of(ConstraintDefinition check, String column) {
        String definition = check.definition() == null ? "" : check.definition();
        if (check.columns().size() != 1 || !check.columns().get(0).equals(column)) {
            return new CheckRule(List.of(), null, null, false);
        }
        String rest = definition;
        List<String> allowed = new ArrayList<>();
        Matcher any = ANY_ARRAY.matcher(definition);
        if (any.find()) {
            Matcher quoted = QUOTED.matcher(any.group(1));
            while (quoted.find()) {
                allowed.add(quoted.group(1).replace("''", "'"));
            }
            rest = rest.replace(any.group(), "");
        }
        BigDecimal lowest = null;
        BigDecimal highest = null;
        Matcher comparison = COMPARISON.matcher(rest);
        while (comparison.find()) {
            BigDecimal bound = new BigDecimal(comparison.group(2));
            switch (comparison.group(1)) {
                case ">=" -> lowest = bound;
                case ">" -> lowest = bound.add(BigDecimal.ONE);
                case "<=" -> highest = bound;
                default -> highest = bound.subtract(BigDecimal.ONE);
            }
        }
        rest = COMPARISON.matcher(rest).replaceAll("");
        // Left: the column name, parentheses, casts, AND. Anything else (OR, functions...) is not understood.
        String residue = rest.replace(quoted(column), "").replace(column, "").replaceAll("(?i)CHECK|AND|::[a-z ]+(\\[\\])?|[()\\s]", "");
        boolean understood = (!allowed.isEmpty() || lowest != null || highest != null) && residue.isEmpty();
        return new CheckRule(List.copyOf(allowed), lowest, highest, understood);
    }

    private static String quoted(String column) {
        return '"' + column.replace("\"", "\"\"") + '"';
    }
}
