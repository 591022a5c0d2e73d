package dev.schemawatch.generator.export;

import java.util.List;

/**
 * The cases about one table as {@code junit.vm} writes them: a {@code @Nested} class. Besides
 * grouping the report by table, each class has its own constant pool, so a suite of thousands of
 * cases does not hit the class-file limit of 65,535 constants.
 *
 * @param className   a valid Java identifier, unique among the nested classes
 * @param displayName the {@code schema.table}
 */
public record JunitTable(String className, String displayName, List<JunitCase> cases) {
}
