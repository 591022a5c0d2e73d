package dev.schemawatch.generator.export;

/**
 * One rendered export of a suite, ready to be served as a download (UTF-8).
 *
 * @param fileName what to save it as; for JUnit the class name, as javac requires
 * @param content  the script or source text
 */
public record SuiteExport(ExportFormat format, String fileName, String content) {

    public String contentType() {
        return format.contentType();
    }
}
