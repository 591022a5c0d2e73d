package dev.schemawatch.contracts.templates;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class TemplatesTest {

    private static final Map<String, ?> TOOLS = Map.of("text", new Text());

    @Test
    void aBundledTemplateRendersWithTheToolsAndTheValues() {
        assertThat(new Templates(null, TOOLS).render("test/greeting.vm", Map.of("who", "Ada")))
                .isEqualTo("Hello, Ada, from BUNDLED.\n");
    }

    @Test
    void anOverrideFileWinsOverTheBundledTemplate(@TempDir Path overrides) throws Exception {
        Path template = overrides.resolve("templates/test/greeting.vm");
        Files.createDirectories(template.getParent());
        Files.writeString(template, "Hi $who, from $text.loud(\"the override\").\n");

        assertThat(new Templates(overrides, TOOLS).render("test/greeting.vm", Map.of("who", "Ada")))
                .isEqualTo("Hi Ada, from THE OVERRIDE.\n");
    }

    @Test
    void anUndefinedReferenceIsAnErrorNamingTheTemplateAndTheLine() {
        assertThatThrownBy(() -> new Templates(null, TOOLS).render("test/greeting.vm", Map.of()))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.template()).isEqualTo("test/greeting.vm");
                    assertThat(e.line()).isEqualTo(2);
                })
                .hasMessageStartingWith("template test/greeting.vm line 2: ");
    }

    public static final class Text {

        public String loud(String value) {
            return value.toUpperCase();
        }
    }
}
