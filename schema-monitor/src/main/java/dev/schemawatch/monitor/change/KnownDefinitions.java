package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.contracts.schema.TypeDefinition;

import java.util.Optional;

/** What the monitor last knew about a database's catalog, as the change detector needs it. */
public interface KnownDefinitions {

    Optional<RelationDefinition> relation(long oid);

    Optional<TypeDefinition> type(long oid);

    /**
     * The relation whose last known definition holds the constraint, index, policy or trigger with
     * this OID: a dropped index comes with its own OID only.
     */
    Optional<RelationDefinition> relationOwning(long subObjectOid);

    /** The schema's name as last known, unquoted. */
    Optional<String> schemaName(long schemaOid);
}
