package dev.schemawatch.generator.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * @param templateDirectory a directory whose {@code templates/...} files replace the bundled Velocity
 *                          templates of the same path, read again when they change; none by default
 * @param seed              the test-data seed: the same report and seed always yield the same suite
 */
@Validated
@ConfigurationProperties("schemawatch.generator")
public record GeneratorProperties(Path templateDirectory, @DefaultValue("42") long seed) {
}
