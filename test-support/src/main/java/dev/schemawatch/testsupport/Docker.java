package dev.schemawatch.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/** Decides once per JVM whether the Testcontainers path can be used. */
final class Docker {

    private static final Logger log = LoggerFactory.getLogger(Docker.class);

    private static Boolean available;

    private Docker() {
    }

    static synchronized boolean available() {
        if (available == null) {
            long started = System.nanoTime();
            // A docker CLI without a reachable engine is common on CI runners and dev boxes;
            // Testcontainers reports that as false, but be defensive about any other failure too.
            try {
                available = DockerClientFactory.instance().isDockerAvailable();
            }
            catch (RuntimeException | LinkageError e) {
                log.debug("Docker check failed", e);
                available = false;
            }
            log.info("Docker engine {} (checked in {} ms)", available ? "available, using Testcontainers" : "not available, using embedded servers",
                    (System.nanoTime() - started) / 1_000_000);
        }
        return available;
    }
}
