package dev.schemawatch.contracts.templates;

/** A template could not be found, parsed or rendered; the message names the template and the line. */
public class TemplateException extends RuntimeException {

    private final String template;
    private final int line;

    public TemplateException(String template, int line, String message, Throwable cause) {
        super("template " + template + (line > 0 ? " line " + line : "") + ": " + message, cause);
        this.template = template;
        this.line = line;
    }

    public String template() {
        return template;
    }

    /** 1-based; 0 when the error has no position (e.g. the template does not exist). */
    public int line() {
        return line;
    }
}
