package dev.schemawatch.testsupport;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a server on first use and hands the same instance to every later caller in the JVM.
 * A failed start is remembered so that the hundreds of tests sharing the server fail at once with
 * the original cause instead of each repeating a slow start that cannot succeed.
 */
final class LazyServer<T> {

    private static final Logger log = LoggerFactory.getLogger(LazyServer.class);

    private final String name;
    private final Supplier<T> starter;
    private T instance;
    private RuntimeException failure;

    LazyServer(String name, Supplier<T> starter) {
        this.name = name;
        this.starter = starter;
    }

    synchronized T get() {
        if (failure != null) {
            throw new IllegalStateException(name + " failed to start earlier in this JVM", failure);
        }
        if (instance == null) {
            long started = System.nanoTime();
            try {
                instance = starter.get();
            }
            catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            log.info("{} ready in {} ms", name, (System.nanoTime() - started) / 1_000_000);
        }
        return instance;
    }

    static void stopAtExit(String name, Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            }
            catch (RuntimeException e) {
                log.warn("Stopping {} failed", name, e);
            }
        }, "schemawatch-stop-" + name));
    }
}
