package dev.schemawatch.generator.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The forms in which a suite can be exported for a team to commit and run without schemawatch. */
public enum ExportFormat {

    /** A pgTAP script, run with {@code pg_prove} or {@code psql} against a database with the pgtap extension. */
    PGTAP("export/pgtap.vm", "sql", "application/sql"),
    /** A JUnit 5 test class using plain JDBC. */
    JUNIT("export/junit.vm", "java", "text/x-java-source");

    private final String template;
    private final String extension;
    private final String contentType;

    ExportFormat(String template, String extension, String contentType) {
        this.template = template;
        this.extension = extension;
        this.contentType = contentType;
    }

    /** The template under {@code templates/} that renders it. */
    public String template() {
        return template;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The media type; the content is always UTF-8. */
    public String contentType() {
        return contentType;
    }

    /** {@code baseName.extension}. */
    public String fileName(String baseName) {
        return baseName + "." + extension;
    }

    /**
     * The format named by a request parameter such as {@code pgtap} or {@code junit}, in any case.
     *
     * @throws IllegalArgumentException naming the accepted values when it is none of them
     */
    public static ExportFormat fromParameter(String value) {
        String wanted = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown export format " + value + "; use one of "
                        + Arrays.stream(values()).map(format -> format.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))));
    }
}
