package dev.schemawatch.generator.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.util.List;

/**
 * @param templateDirectory a directory whose {@code templates/...} files replace the bundled Velocity
 *                          templates of the same path, read again when they change; none by default
 * @param seed              the test-data seed: the same report and seed always yield the same suite
 * @param databases         monitored databases {@code POST /api/v1/suites} may read current definitions from
 */
@Validated
@ConfigurationProperties("schemawatch.generator")
public record GeneratorProperties(Path templateDirectory, @DefaultValue("42") long seed,
                                  @DefaultValue @Valid List<SourceDatabase> databases) {

    /**
     * A read-only connection; the role needs EXECUTE on the {@code schemawatch.relation_definition}
     * and {@code type_definition} functions schema-monitor installs, nothing else.
     *
     * @param name the database's name in events (schema-monitor's {@code databases[n].name})
     */
    public record SourceDatabase(@NotBlank String name, @NotBlank String url, @NotBlank String username, String password) {
    }
}
