package dev.schemawatch.contracts.notification;

/** What a notification announces; channels subscribe to kinds. */
public enum NoticeKind {
    /** An impact report, announced as soon as it arrives (before the tests finish). */
    IMPACT,
    /** The results of the tests generated for a change. */
    TEST_RESULT
}
