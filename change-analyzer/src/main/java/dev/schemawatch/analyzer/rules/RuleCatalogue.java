package dev.schemawatch.analyzer.rules;

import dev.schemawatch.contracts.impact.RuleCategory;
import dev.schemawatch.contracts.impact.Severity;

import java.util.List;

import static dev.schemawatch.contracts.impact.RuleCategory.BACKWARD_INCOMPATIBLE;
import static dev.schemawatch.contracts.impact.RuleCategory.COMPLETENESS;
import static dev.schemawatch.contracts.impact.RuleCategory.DATA_DEPENDENT;
import static dev.schemawatch.contracts.impact.RuleCategory.DESTRUCTIVE;
import static dev.schemawatch.contracts.impact.RuleCategory.HYGIENE;
import static dev.schemawatch.contracts.impact.RuleCategory.LOCKING;
import static dev.schemawatch.contracts.impact.Severity.BREAKING;
import static dev.schemawatch.contracts.impact.Severity.HIGH;
import static dev.schemawatch.contracts.impact.Severity.LOW;
import static dev.schemawatch.contracts.impact.Severity.MEDIUM;

/**
 * Every rule schemawatch knows, with its stable code: SW1xx destructive, SW2xx backward-incompatible,
 * SW3xx data-dependent, SW4xx locking and rewrites, SW5xx hygiene, SW9xx completeness. A code is
 * never reused for another rule. docs/rules.md describes each one (a test keeps it in step).
 */
public final class RuleCatalogue {

    // --- destructive ---

    public static final RuleDefinition SCHEMA_DROPPED = rule("SW101", "Schema dropped", DESTRUCTIVE, BREAKING,
            "Everything the schema held is gone, and every query naming the schema fails.",
            "Revoke USAGE on the schema first and drop it only after a release in which nothing used it.");

    public static final RuleDefinition TABLE_DROPPED = rule("SW102", "Table dropped", DESTRUCTIVE, BREAKING,
            "The table's rows are gone and every reader and writer of the table fails.",
            "Stop all reads and writes in an earlier release, rename the table (or revoke access) for a while, and drop it once nothing failed.");

    public static final RuleDefinition COLUMN_DROPPED = rule("SW103", "Column dropped", DESTRUCTIVE, BREAKING,
            "The column's values are gone, and queries that name it (SELECTs, INSERTs, views, ORMs that list every column) fail.",
            "Make the application stop reading and writing the column (e.g. an ignored column in the ORM) in one release, and drop it in the next.");

    public static final RuleDefinition VIEW_DROPPED = rule("SW104", "View dropped", DESTRUCTIVE, HIGH,
            "Readers of the view fail. No other view or recorded application query was found to use it.",
            "Check the application and reporting tools for readers of the view before dropping it; keep its definition to recreate it.");

    public static final RuleDefinition VIEW_IN_USE_DROPPED = rule("SW105", "View dropped while in use", DESTRUCTIVE, BREAKING,
            "Other views depended on this view, or recorded application queries read it: they fail now.",
            "Move dependent views and queries off this view first; drop it only when nothing uses it any more.");

    public static final RuleDefinition MATERIALIZED_VIEW_DROPPED = rule("SW106", "Materialized view dropped", DESTRUCTIVE, HIGH,
            "Its stored result is gone and readers fail; recreating it recomputes everything, which can take long on large inputs.",
            "Drop it only after its readers moved; keep its definition and indexes to recreate it.");

    public static final RuleDefinition TYPE_DROPPED = rule("SW107", "Type dropped", DESTRUCTIVE, HIGH,
            "Casts, functions and writers that use the type fail; with CASCADE, columns of that type were dropped too.",
            "Move columns and functions to another type first, then drop it without CASCADE so that PostgreSQL refuses while anything still uses it.");

    // --- backward-incompatible ---

    public static final RuleDefinition TABLE_RENAMED = rule("SW201", "Table renamed", BACKWARD_INCOMPATIBLE, BREAKING,
            "Every query still using the old name fails the moment the rename commits.",
            "Rename, then create a view with the old name over the new table (simple views are updatable) until every reader and writer moved.");

    public static final RuleDefinition COLUMN_RENAMED = rule("SW202", "Column renamed", BACKWARD_INCOMPATIBLE, BREAKING,
            "Queries naming the old column fail; ORMs mapping it by name read nothing.",
            "Add the new column, write both (trigger or application), backfill, move readers, then drop the old column.");

    public static final RuleDefinition VIEW_RENAMED = rule("SW203", "View renamed", BACKWARD_INCOMPATIBLE, BREAKING,
            "Queries using the old view name fail.",
            "Create the view under the new name beside the old one, move readers, then drop the old one.");

    public static final RuleDefinition TYPE_RENAMED = rule("SW204", "Type renamed", BACKWARD_INCOMPATIBLE, HIGH,
            "Casts and function signatures that name the old type fail; columns keep working.",
            "Keep the old name until the application and functions no longer mention it (a domain over the new type can stand in).");

    public static final RuleDefinition SCHEMA_RENAMED = rule("SW205", "Schema renamed", BACKWARD_INCOMPATIBLE, BREAKING,
            "Every qualified name in the old schema stops resolving, and search_path settings point at nothing.",
            "Create the new schema and move objects in steps, or keep the old schema's name until every client's search_path and queries changed.");

    public static final RuleDefinition COLUMN_TYPE_NARROWED = rule("SW206", "Column type narrowed", BACKWARD_INCOMPATIBLE, BREAKING,
            "The new type holds fewer values: writers that still send long strings, big numbers, many decimals or time zones are rejected or silently rounded.",
            "Validate the data and the writers first (e.g. a CHECK constraint NOT VALID, then VALIDATE), or keep the wider type.");

    public static final RuleDefinition COLUMN_TYPE_INCOMPATIBLE = rule("SW207", "Column type changed to an incompatible type",
            BACKWARD_INCOMPATIBLE, BREAKING,
            "Old writers send values of the old kind, which the new type rejects or interprets differently, and readers get a type they do not expect.",
            "Add a column of the new type, write both, backfill, move readers, then drop the old column.");

    public static final RuleDefinition NOT_NULL_ADDED = rule("SW208", "NOT NULL added to an existing column", BACKWARD_INCOMPATIBLE, HIGH,
            "Writers that omit the column or send NULL now fail, and the column has no default to fill in.",
            "Give the column a default first (ALTER COLUMN ... SET DEFAULT), or make sure every writer sets it before adding NOT NULL.");

    public static final RuleDefinition DEFAULT_DROPPED = rule("SW209", "Default dropped from a NOT NULL column", BACKWARD_INCOMPATIBLE, HIGH,
            "Writers that relied on the default (or identity) by omitting the column now fail the NOT NULL constraint.",
            "Make every writer set the column first, or keep the default.");

    public static final RuleDefinition REQUIRED_COLUMN_ADDED = rule("SW210", "Required column added", BACKWARD_INCOMPATIBLE, BREAKING,
            "A NOT NULL column without a default: every INSERT from the old application omits it and fails. (PostgreSQL only allowed it because the table had no rows.)",
            "Add the column with a default, or nullable; make it NOT NULL once every writer sets it.");

    public static final RuleDefinition ENUM_VALUE_REMOVED = rule("SW211", "Enum value removed", BACKWARD_INCOMPATIBLE, BREAKING,
            "Writers still sending the removed value fail, and readers that compare with it never match.",
            "Stop writing the value, migrate rows off it, and only then recreate the type without it.");

    public static final RuleDefinition ENUM_VALUE_RENAMED = rule("SW212", "Enum value renamed", BACKWARD_INCOMPATIBLE, BREAKING,
            "Writers sending the old label fail, and readers comparing with it never match.",
            "Add the new value, move writers and rows to it, then retire the old label.");

    public static final RuleDefinition IDENTITY_ALWAYS_ADDED = rule("SW213", "Identity ALWAYS added", BACKWARD_INCOMPATIBLE, HIGH,
            "GENERATED ALWAYS rejects explicit values: writers that supply their own ids (imports, replication, tests) fail unless they say OVERRIDING SYSTEM VALUE.",
            "Use GENERATED BY DEFAULT AS IDENTITY, or change the writers first.");

    public static final RuleDefinition PARTITION_DETACHED = rule("SW214", "Partition detached", BACKWARD_INCOMPATIBLE, MEDIUM,
            "The detached partition's rows no longer appear in queries on the parent, and rows for its range can no longer be inserted through the parent.",
            "Make sure no reader needs those rows through the parent (archive them elsewhere first), and use DETACH PARTITION ... CONCURRENTLY on busy tables.");

    public static final RuleDefinition KEY_DROPPED = rule("SW215", "Primary key or unique constraint dropped", BACKWARD_INCOMPATIBLE, HIGH,
            "Duplicates can now be written, INSERT ... ON CONFLICT on those columns fails, and logical replication loses its replica identity.",
            "Replace it first (e.g. a new unique index built CONCURRENTLY), then drop the old one.");

    // --- data-dependent ---

    public static final RuleDefinition NOT_NULL_ON_ROWS = rule("SW301", "NOT NULL added to a table with rows", DATA_DEPENDENT, LOW,
            "Whether the existing rows satisfy it decides whether the change holds; the data check says what the rows hold.",
            "Backfill NULLs first; on large tables add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL.");

    public static final RuleDefinition UNIQUE_ON_ROWS = rule("SW302", "Unique constraint added to a table with rows", DATA_DEPENDENT, LOW,
            "Whether the existing rows hold duplicates decides whether the constraint can exist; the data check says what the rows hold.",
            "Find and resolve duplicates first, then build the unique index CONCURRENTLY and attach it with ADD CONSTRAINT ... USING INDEX.");

    public static final RuleDefinition CHECK_ON_ROWS = rule("SW303", "CHECK constraint added to a table with rows", DATA_DEPENDENT, LOW,
            "Whether the existing rows satisfy the condition decides whether the constraint holds; the data check says what the rows hold.",
            "Fix violating rows first; add the constraint NOT VALID and VALIDATE it in a separate step.");

    public static final RuleDefinition FOREIGN_KEY_ON_ROWS = rule("SW304", "Foreign key added to a table with rows", DATA_DEPENDENT, LOW,
            "Whether every existing row has its parent decides whether the foreign key holds; the data check says what the rows hold.",
            "Delete or repair orphans first; add the foreign key NOT VALID and VALIDATE it in a separate step.");

    public static final RuleDefinition ROWS_VIOLATE_CONSTRAINT = rule("SW305", "Existing rows violate a new constraint", DATA_DEPENDENT, HIGH,
            "The constraint was added NOT VALID over rows that break it: every UPDATE of those rows now fails, and VALIDATE CONSTRAINT will fail until they are fixed.",
            "Repair or delete the violating rows, then run VALIDATE CONSTRAINT.");

    // --- locking and rewrites ---

    public static final RuleDefinition ACCESS_EXCLUSIVE_ON_LARGE_TABLE = rule("SW401", "ACCESS EXCLUSIVE lock on a large table",
            LOCKING, MEDIUM,
            "Even a catalog-only change needs ACCESS EXCLUSIVE: it waits behind every running query on the table, and every new query waits behind it. On a large, busy table that is an outage. Reported when no more specific locking rule explains the lock.",
            "SET lock_timeout = '2s' before the DDL and retry on timeout, so the lock is never queued behind a long query.");

    public static final RuleDefinition TABLE_REWRITTEN = rule("SW402", "Table rewritten", LOCKING, HIGH,
            "The command wrote a new copy of every row and rebuilt every index while holding ACCESS EXCLUSIVE: no reads or writes for the whole time, and twice the disk space.",
            "Avoid the rewrite: add a nullable column, backfill it in batches, and switch over; for volatile defaults add the column without default, set the default, then backfill.");

    public static final RuleDefinition INDEX_WITHOUT_CONCURRENTLY = rule("SW403", "Index created without CONCURRENTLY", LOCKING, MEDIUM,
            "CREATE INDEX holds a SHARE lock for the whole build: every INSERT, UPDATE and DELETE on the table waits until it is done.",
            "Use CREATE INDEX CONCURRENTLY (outside a transaction block) and check that the index is valid afterwards.");

    public static final RuleDefinition CONSTRAINT_VALIDATED_UNDER_LOCK = rule("SW404", "Constraint validated while adding it",
            LOCKING, MEDIUM,
            "A foreign key or CHECK added without NOT VALID scans every row while holding the lock (SHARE ROW EXCLUSIVE on both tables for a foreign key, ACCESS EXCLUSIVE for a CHECK): writes wait for the whole scan.",
            "Add it NOT VALID (instant), then VALIDATE CONSTRAINT in a separate transaction, which takes only a SHARE UPDATE EXCLUSIVE lock.");

    public static final RuleDefinition UNIQUE_INDEX_BUILT_UNDER_LOCK = rule("SW405", "Unique index built under lock", LOCKING, MEDIUM,
            "ADD PRIMARY KEY / ADD UNIQUE builds its index while holding ACCESS EXCLUSIVE: no reads or writes until the build is done.",
            "CREATE UNIQUE INDEX CONCURRENTLY first, then ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY/UNIQUE USING INDEX, which is instant.");

    public static final RuleDefinition NOT_NULL_SCAN_ON_LARGE_TABLE = rule("SW406", "SET NOT NULL scanned a large table", LOCKING, HIGH,
            "SET NOT NULL reads every row under ACCESS EXCLUSIVE unless a validated CHECK (col IS NOT NULL) already proves it.",
            "Add CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT (no blocking lock), then SET NOT NULL (no scan), then drop the CHECK.");

    public static final RuleDefinition INDEX_DROPPED_WITHOUT_CONCURRENTLY = rule("SW407", "Index dropped without CONCURRENTLY", LOCKING, LOW,
            "DROP INDEX takes ACCESS EXCLUSIVE on the table: it waits behind running queries and blocks everything queued after it.",
            "Use DROP INDEX CONCURRENTLY (outside a transaction block).");

    // --- hygiene ---

    public static final RuleDefinition FOREIGN_KEY_WITHOUT_INDEX = rule("SW501", "Foreign key without a supporting index", HYGIENE, MEDIUM,
            "Without an index leading with the foreign key's columns, every DELETE or key UPDATE on the parent scans the child table, and joins on the key are slow.",
            "CREATE INDEX CONCURRENTLY on the foreign key's columns.");

    public static final RuleDefinition TABLE_WITHOUT_PRIMARY_KEY = rule("SW502", "Table created without a primary key", HYGIENE, LOW,
            "Rows cannot be addressed reliably, logical replication cannot replicate UPDATE and DELETE, and duplicates creep in.",
            "Declare a primary key (e.g. id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY).");

    public static final RuleDefinition ROW_SECURITY_DISABLED = rule("SW503", "Row level security disabled", HYGIENE, HIGH,
            "Policies no longer apply (or no longer bind the table's owner): every role with table privileges sees and changes every row.",
            "Keep row level security enabled; change the policies instead if some role needs more access.");

    public static final RuleDefinition POLICY_DROPPED = rule("SW504", "Row level security policy dropped", HYGIENE, MEDIUM,
            "A permissive policy dropped hides rows from the roles it admitted; a restrictive one dropped exposes rows it kept hidden.",
            "Replace policies in one transaction (CREATE the new one, DROP the old one) and review who sees what.");

    public static final RuleDefinition PRIVILEGES_CHANGED = rule("SW505", "Privileges changed", HYGIENE, MEDIUM,
            "A revoke makes the applications using that role fail; a grant widens who can read or change the data.",
            "Manage privileges through migrations reviewed like code, granting to roles rather than to users.");

    public static final RuleDefinition OWNER_CHANGED = rule("SW506", "Owner changed", HYGIENE, LOW,
            "The owner bypasses row level security (unless forced), may change or drop the object, and default privileges follow it.",
            "Keep objects owned by a dedicated migration role.");

    public static final RuleDefinition SEQUENCE_CHANGED = rule("SW507", "Sequence or identity changed", HYGIENE, LOW,
            "Restarting, narrowing or dropping a sequence or identity can hand out ids that already exist, or run out of ids.",
            "Check the sequence against max(id) of its column after the change (SELECT setval(...) if needed).");

    public static final RuleDefinition CONSTRAINT_DROPPED = rule("SW508", "Check or foreign key constraint dropped", HYGIENE, LOW,
            "The database no longer enforces that rule: invalid values or orphans can be written from now on.",
            "Replace the constraint before dropping it if the rule still holds; for a foreign key keep an index on its columns.");

    public static final RuleDefinition TRIGGER_DROPPED = rule("SW509", "Trigger dropped or disabled", HYGIENE, LOW,
            "Whatever the trigger did (auditing, denormalised columns, validation) no longer happens.",
            "Make sure the trigger's work is done elsewhere before removing it.");

    public static final RuleDefinition FOREIGN_KEY_INDEX_DROPPED = rule("SW510", "Index supporting a foreign key dropped", HYGIENE, MEDIUM,
            "The foreign key's columns are no longer the leading columns of any index: deletes and key updates on the parent now scan the child table.",
            "Keep (or recreate CONCURRENTLY) an index leading with the foreign key's columns.");

    // --- completeness ---

    public static final RuleDefinition CHANGE_NOT_UNDERSTOOD = rule("SW901", "Change not understood", COMPLETENESS, MEDIUM,
            "schemawatch could not break this DDL into known changes; it was analysed as far as possible, and nothing about it was judged.",
            "Review the statement by hand.");

    public static final RuleDefinition DEFINITIONS_LEFT_OUT = rule("SW902", "Definitions left out of the event", COMPLETENESS, LOW,
            "The event was too large to carry the definitions before and after, so rules that compare them (types, defaults, indexes) could not run.",
            "Read the full event at the monitor's /api/v1/changes/{eventId} and review it by hand.");

    public static final RuleDefinition CHANGES_LEFT_OUT = rule("SW903", "Changes left off the event", COMPLETENESS, MEDIUM,
            "The statement made more changes than one event could carry; those left off were not judged.",
            "Read the full event at the monitor's /api/v1/changes/{eventId} and review the changes that were left off.");

    private static final List<RuleDefinition> ALL = List.of(
            SCHEMA_DROPPED, TABLE_DROPPED, COLUMN_DROPPED, VIEW_DROPPED, VIEW_IN_USE_DROPPED, MATERIALIZED_VIEW_DROPPED,
            TYPE_DROPPED,
            TABLE_RENAMED, COLUMN_RENAMED, VIEW_RENAMED, TYPE_RENAMED, SCHEMA_RENAMED, COLUMN_TYPE_NARROWED,
            COLUMN_TYPE_INCOMPATIBLE, NOT_NULL_ADDED, DEFAULT_DROPPED, REQUIRED_COLUMN_ADDED, ENUM_VALUE_REMOVED,
            ENUM_VALUE_RENAMED, IDENTITY_ALWAYS_ADDED, PARTITION_DETACHED, KEY_DROPPED,
            NOT_NULL_ON_ROWS, UNIQUE_ON_ROWS, CHECK_ON_ROWS, FOREIGN_KEY_ON_ROWS, ROWS_VIOLATE_CONSTRAINT,
            ACCESS_EXCLUSIVE_ON_LARGE_TABLE, TABLE_REWRITTEN, INDEX_WITHOUT_CONCURRENTLY, CONSTRAINT_VALIDATED_UNDER_LOCK,
            UNIQUE_INDEX_BUILT_UNDER_LOCK, NOT_NULL_SCAN_ON_LARGE_TABLE, INDEX_DROPPED_WITHOUT_CONCURRENTLY,
            FOREIGN_KEY_WITHOUT_INDEX, TABLE_WITHOUT_PRIMARY_KEY, ROW_SECURITY_DISABLED, POLICY_DROPPED, PRIVILEGES_CHANGED,
            OWNER_CHANGED, SEQUENCE_CHANGED, CONSTRAINT_DROPPED, TRIGGER_DROPPED, FOREIGN_KEY_INDEX_DROPPED,
            CHANGE_NOT_UNDERSTOOD, DEFINITIONS_LEFT_OUT, CHANGES_LEFT_OUT);

    private RuleCatalogue() {
    }

    /** Every rule, ordered by code, with its default severity. */
    public static List<RuleDefinition> all() {
        return ALL;
    }

    private static RuleDefinition rule(String code, String title, RuleCategory category, Severity severity,
                                       String rationale, String fix) {
        return new RuleDefinition(code, title, category, severity, rationale, fix);
    }
}
