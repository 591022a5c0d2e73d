package dev.schemawatch.contracts.schema;

import java.util.List;

/** One row-level security policy. */
public record PolicyDefinition(
        long oid,
        String name,
        String command,
        boolean permissive,
        List<String> roles,
        String using,
        String withCheck) {

    public PolicyDefinition {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
