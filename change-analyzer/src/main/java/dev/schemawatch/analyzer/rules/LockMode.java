package dev.schemawatch.analyzer.rules;

/** The table lock modes DDL takes, weakest first, with what each means for concurrent traffic. */
enum LockMode {
    SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE",
            "reads and writes go on; only other schema changes, VACUUM and index builds on the table wait"),
    SHARE("SHARE", "reads go on; every INSERT, UPDATE and DELETE waits"),
    SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE", "reads go on; every INSERT, UPDATE and DELETE waits"),
    ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE", "every read and write waits, and so does every query queued behind it");

    private final String sql;
    private final String effect;

    LockMode(String sql, String effect) {
        this.sql = sql;
        this.effect = effect;
    }

    /** As PostgreSQL names it, e.g. {@code ACCESS EXCLUSIVE}. */
    String sql() {
        return sql;
    }

    String effect() {
        return effect;
    }
}
