package dev.schemawatch.generator.templates;

import dev.schemawatch.contracts.templates.Templates;

import java.nio.file.Path;
import java.util.Map;

/**
 * The generator's templates with the tools they are written against, in one place so that the
 * service and its tests render the same way.
 */
public final class GeneratorTemplates {

    private GeneratorTemplates() {
    }

    /** @param overrideDirectory a directory whose {@code templates/...} files replace the bundled ones; null for none */
    public static Templates create(Path overrideDirectory) {
        return new Templates(overrideDirectory, Map.of("sql", new SqlTool()));
    }
}
