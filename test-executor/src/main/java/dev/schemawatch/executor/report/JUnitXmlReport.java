package dev.schemawatch.executor.report;

import java.io.StringWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.schemawatch.contracts.result.CaseResult;
import dev.schemawatch.contracts.result.TestRunResult;

/**
 * A run as JUnit XML, the format CI servers read: one {@code <testsuite>} for the run, one
 * {@code <testcase>} per case ({@code classname} is the case's table, {@code name} the case's
 * sentence), with {@code <failure>} for FAILED, {@code <error>} for ERRORED and {@code <skipped>} for
 * SKIPPED. A run that did not complete (REJECTED, ERRORED) is reported as one errored testcase named
 * {@code run}, so that a CI job reading the file does not mistake it for an empty success.
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static String render(TestRunResult run) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            newLine(xml);
            writeSuite(xml, run);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write the JUnit XML of run " + run.runId(), e);
        }
        return out.toString();
    }

    private static void writeSuite(XMLStreamWriter xml, TestRunResult run) throws XMLStreamException {
        boolean completed = run.status() == TestRunResult.RunStatus.COMPLETED;
        TestRunResult.Totals totals = run.totals();
        int runError = completed ? 0 : 1;
        xml.writeStartElement("testsuite");
        attribute(xml, "name", run.suiteId());
        attribute(xml, "tests", Integer.toString(totals.total() + runError));
        attribute(xml, "failures", Integer.toString(totals.failed()));
        attribute(xml, "errors", Integer.toString(totals.errored() + runError));
        attribute(xml, "skipped", Integer.toString(totals.skipped()));
        attribute(xml, "time", seconds(run.startedAt() == null || run.finishedAt() == null ? 0
                : Duration.between(run.startedAt(), run.finishedAt()).toNanos() / 1_000));
        if (run.startedAt() != null) {
            attribute(xml, "timestamp", run.startedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        }

        newLine(xml);
        xml.writeStartElement("properties");
        property(xml, "runId", run.runId());
        property(xml, "database", run.database());
        property(xml, "tables", String.join(",", run.tables()));
        property(xml, "target", run.target());
        property(xml, "status", run.status().name());
        property(xml, "statusReason", run.statusReason());
        property(xml, "changeEventId", run.changeEventId());
        property(xml, "flaky", Integer.toString(totals.flaky()));
        xml.writeEndElement();

        if (!completed) {
            newLine(xml);
            xml.writeStartElement("testcase");
            attribute(xml, "classname", run.database());
            attribute(xml, "name", "run");
            attribute(xml, "time", "0");
            xml.writeStartElement("error");
            attribute(xml, "type", run.status().name());
            attribute(xml, "message", run.statusReason());
            text(xml, run.statusReason());
            xml.writeEndElement();
            xml.writeEndElement();
        }
        for (CaseResult result : run.cases()) {
            newLine(xml);
            writeCase(xml, result);
        }
        newLine(xml);
        xml.writeEndElement();
    }

    private static void writeCase(XMLStreamWriter xml, CaseResult result) throws XMLStreamException {
        xml.writeStartElement("testcase");
        attribute(xml, "classname", result.targetTable());
        attribute(xml, "name", result.name());
        attribute(xml, "time", seconds(result.durationMicros()));
        switch (result.status()) {
            case FAILED -> problem(xml, "failure", result);
            case ERRORED -> problem(xml, "error", result);
            case SKIPPED -> {
                xml.writeStartElement("skipped");
                attribute(xml, "message", result.message());
                xml.writeEndElement();
            }
            case PASSED -> {
                // A passed case has no child element.
            }
        }
        if (result.flaky()) {
            xml.writeStartElement("system-out");
            text(xml, "flaky: the first attempt hit a lock timeout, serialization failure or deadlock; "
                    + "attempt " + result.attempts() + " decided the status");
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void problem(XMLStreamWriter xml, String element, CaseResult result) throws XMLStreamException {
        xml.writeStartElement(element);
        attribute(xml, "message", result.message());
        attribute(xml, "type", result.sqlState() == null ? (element.equals("failure") ? "assertion" : "error") : "SQLSTATE " + result.sqlState());
        StringBuilder detail = new StringBuilder();
        if (result.failedStep() >= 0) {
            detail.append("step ").append(result.failedStep() + 1).append('\n');
        }
        if (result.sqlState() != null) {
            detail.append("SQLSTATE ").append(result.sqlState()).append('\n');
        }
        detail.append(result.message() == null ? "" : result.message());
        text(xml, detail.toString());
        xml.writeEndElement();
    }

    /** One element a line, so that a person can read and diff the file. */
    private static void newLine(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeCharacters("\n");
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        xml.writeStartElement("property");
        attribute(xml, "name", name);
        attribute(xml, "value", value);
        xml.writeEndElement();
    }

    private static void attribute(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeAttribute(name, XmlText.clean(value == null ? "" : value));
    }

    private static void text(XMLStreamWriter xml, String value) throws XMLStreamException {
        xml.writeCharacters(XmlText.clean(value == null ? "" : value));
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1_000_000.0);
    }
}
