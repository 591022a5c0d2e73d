package dev.schemawatch.contracts.templates;

import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;
import org.apache.velocity.runtime.resource.loader.FileResourceLoader;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Apache Velocity templates of a service: bundled under {@code templates/} on the classpath, each
 * overridable by a file at the same path under a configured directory (bundled
 * {@code templates/sql/not-null.vm} is replaced by {@code <directory>/templates/sql/not-null.vm}),
 * read again when it changes (no rebuild, no restart). Strict mode: an undefined reference or a failing call
 * is an error naming the template and the line, never an empty string in generated SQL or a sent message.
 */
public final class Templates {

    /** Checked for changes at most this often, in seconds. */
    private static final String MODIFICATION_CHECK_SECONDS = "2";

    private final VelocityEngine engine;
    private final Map<String, ?> tools;

    /**
     * @param overrideDirectory a directory whose {@code templates/...} files replace the bundled ones; null for none
     * @param tools             helpers every template sees, by name, e.g. {@code sql} for {@code $sql}
     * @throws IllegalArgumentException when the directory is given but does not exist
     */
    public Templates(Path overrideDirectory, Map<String, ?> tools) {
        this.tools = Map.copyOf(tools);
        Properties properties = new Properties();
        properties.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        properties.setProperty(RuntimeConstants.STRICT_MATH, "true");
        properties.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        properties.setProperty("resource.loader.class.class", ClasspathResourceLoader.class.getName());
        if (overrideDirectory == null) {
            properties.setProperty(RuntimeConstants.RESOURCE_LOADERS, "class");
        } else {
            if (!Files.isDirectory(overrideDirectory)) {
                throw new IllegalArgumentException("template override directory " + overrideDirectory + " does not exist");
            }
            properties.setProperty(RuntimeConstants.RESOURCE_LOADERS, "file,class");
            properties.setProperty("resource.loader.file.class", FileResourceLoader.class.getName());
            properties.setProperty("resource.loader.file.path", overrideDirectory.toAbsolutePath().toString());
            properties.setProperty("resource.loader.file.cache", "true");
            properties.setProperty("resource.loader.file.modification_check_interval", MODIFICATION_CHECK_SECONDS);
        }
        properties.setProperty("resource.loader.class.cache", "true");
        engine = new VelocityEngine(properties);
        engine.init();
    }

    /**
     * Renders {@code templates/<name>} (or the override of that name) with the tools and the given values;
     * a value of a tool's name hides the tool.
     *
     * @throws TemplateException naming the template and line when it is missing, malformed or fails
     */
    public String render(String name, Map<String, ?> values) {
        String resource = "templates/" + name;
        VelocityContext context = new VelocityContext();
        tools.forEach(context::put);
        values.forEach(context::put);
        try {
            Template template = engine.getTemplate(resource);
            StringWriter out = new StringWriter();
            template.merge(context, out);
            return out.toString();
        } catch (ResourceNotFoundException e) {
            throw new TemplateException(name, 0, "no such template", e);
        } catch (ParseErrorException e) {
            throw new TemplateException(name, e.getLineNumber(), e.getMessage(), e);
        } catch (MethodInvocationException e) {
            throw new TemplateException(name, e.getLineNumber(), e.getMessage(), e);
        } catch (VelocityException e) {
            throw new TemplateException(name, 0, e.getMessage(), e);
        }
    }
}
