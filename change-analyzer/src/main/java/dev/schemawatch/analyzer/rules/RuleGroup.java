package dev.schemawatch.analyzer.rules;

/**
 * The rules of one category. Stateless: everything known about the event being judged travels in
 * the {@link JudgedEvent}, so one instance serves every thread.
 */
interface RuleGroup {

    /** Judges one atomic change; rules dispatch on its {@code ChangeType}. */
    void judge(JudgedChange change, Findings findings);

    /** Judges what only the whole event shows, after every change was judged. */
    default void judgeEvent(JudgedEvent event, Findings findings) {
    }
}
