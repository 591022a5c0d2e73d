package dev.schemawatch.contracts.schema;

/** What exactly a *_MODIFIED change altered. */
public enum ChangeAspect {
    TYPE,
    NULLABILITY,
    DEFAULT,
    IDENTITY,
    GENERATED,
    COLLATION,
    DEFINITION,
    VALIDATION,
    DEFERRABILITY,
    ON_UPDATE,
    ON_DELETE,
    REFERENCED_TARGET,
    PERSISTENCE,
    FORCE_ROW_SECURITY,
    ENABLED,
    PARAMETERS
}
