package dev.schemawatch.analyzer.rules;

import dev.schemawatch.analyzer.rules.TableWork.Pass;
import dev.schemawatch.contracts.impact.LockRisk;
import dev.schemawatch.contracts.schema.ChangeType;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Sums up the locks an event's changes took into the report's one {@link LockRisk}. */
final class LockRisks {

    private static final Comparator<TableWork> WEIGHT = Comparator.comparing(TableWork::lock)
            .thenComparing(TableWork::pass);

    private LockRisks() {
    }

    /**
     * The strongest lock taken on an existing table (the heaviest work breaking ties), whether any
     * change read or rewrote every row of a table, and that table's size; null when no existing
     * table was locked.
     */
    static LockRisk assess(JudgedEvent event) {
        List<TableWork> works = event.tableWorks();
        if (works.isEmpty()) {
            return null;
        }
        TableWork strongest = works.stream().max(WEIGHT).orElseThrow();
        boolean everyRow = works.stream().anyMatch(w -> w.pass() != Pass.CATALOG_ONLY);
        TableSize size = event.size(strongest.table());
        return new LockRisk(strongest.lock().sql(), everyRow, size.rowEstimate(), size.sizeBytes(),
                note(strongest, works, size));
    }

    private static String note(TableWork strongest, List<TableWork> works, TableSize size) {
        String table = JudgedEvent.qualified(strongest.table().schema(), strongest.table().name());
        StringBuilder note = new StringBuilder(strongest.lock().sql()).append(" on ").append(table)
                .append(" (").append(Quantities.size(size)).append(")");
        if (strongest.change().type() == ChangeType.TABLE_REMOVED) {
            note.append(" to drop it: queries waiting on the table fail once it is gone.");
        } else {
            note.append(", held while ").append(strongest.pass().description()).append(": ")
                    .append(strongest.lock().effect()).append('.');
        }
        if (strongest.referencedTable() != null) {
            note.append(" The referenced table ").append(strongest.referencedTable()).append(" was locked the same way.");
        }
        Set<String> others = new LinkedHashSet<>();
        for (TableWork work : works) {
            String name = JudgedEvent.qualified(work.table().schema(), work.table().name());
            if (!name.equals(table)) {
                others.add(name + " (" + work.lock().sql() + ")");
            }
        }
        if (!others.isEmpty()) {
            note.append(" Also locked: ").append(String.join(", ", others)).append('.');
        }
        if (strongest.change().type() == ChangeType.OTHER) {
            note.append(" The statement's form was not recognised; the lock most ALTER TABLE forms take is assumed.");
        }
        return note.toString();
    }
}
