package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.schema.ChangeType;
import dev.schemawatch.contracts.schema.SchemaChangeEvent;

/**
 * SW9xx: what the analyzer could not judge. Findings about the event as a whole are attached to
 * its first change.
 */
final class CompletenessRules implements RuleGroup {

    @Override
    public void judge(JudgedChange change, Findings findings) {
        if (change.type() == ChangeType.OTHER) {
            String summary = change.change().summary();
            findings.add(RuleCatalogue.CHANGE_NOT_UNDERSTOOD, change,
                    "not broken down into known changes: " + (summary == null ? change.event().commandTag() : summary)
                            + "; no rule could judge it",
                    "Review the statement by hand: " + clipped(change.event().event().ddl()));
        }
    }

    @Override
    public void judgeEvent(JudgedEvent judged, Findings findings) {
        SchemaChangeEvent event = judged.event();
        if (judged.changes().isEmpty()) {
            return;
        }
        String subject = JudgedEvent.qualified(event.schema(), event.objectName());
        String fullEvent = "the monitor's /api/v1/changes/" + event.eventId();
        if (event.definitionsTruncated()) {
            findings.add(RuleCatalogue.DEFINITIONS_LEFT_OUT, 0, subject,
                    "the event left out the definitions before and after to fit the message size limit; rules comparing"
                            + " types, defaults, constraints and indexes judged only what the changes' names and types say",
                    "Review the full event at " + fullEvent + ".", null);
        }
        if (event.omittedChanges() > 0) {
            findings.add(RuleCatalogue.CHANGES_LEFT_OUT, 0, subject,
                    Quantities.count(event.omittedChanges()) + " change(s) after the first "
                            + Quantities.count(event.changes().size()) + " were left off the event and not judged",
                    "Review the changes left off at " + fullEvent + ".", null);
        }
    }

    private static String clipped(String ddl) {
        if (ddl == null) {
            return "(no statement text)";
        }
        String oneLine = ddl.strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
