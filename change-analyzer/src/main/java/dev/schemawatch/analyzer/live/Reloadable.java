package dev.schemawatch.analyzer.live;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An in-memory model of the catalog that is loaded on first use, kept current by applying events
 * one at a time, and dropped for a fresh load when an event could not be followed. Readers never
 * wait except for a load; updates and loads are serialized, so an event is never applied to a
 * model being replaced.
 */
final class Reloadable<T> {

    private final Supplier<T> loader;
    private volatile T current;

    Reloadable(Supplier<T> loader) {
        this.loader = loader;
    }

    T get() {
        T value = current;
        if (value != null) {
            return value;
        }
        synchronized (this) {
            if (current == null) {
                current = loader.get();
            }
            return current;
        }
    }

    /**
     * Applies {@code step} to the loaded model; nothing to do when none is loaded, because the next
     * load reads a catalog that already includes the change.
     *
     * @param step returns false when the model could not follow; it is then reloaded on next use
     * @return false when the model was dropped
     */
    synchronized boolean update(Predicate<T> step) {
        T value = current;
        if (value != null && !step.test(value)) {
            current = null;
            return false;
        }
        return true;
    }

    /** Loads afresh now; when the load fails the model stays unloaded and the next use tries again. */
    synchronized void reload() {
        current = null;
        current = loader.get();
    }
}
