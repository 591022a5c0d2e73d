package dev.schemawatch.monitor.capture;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.List;
import java.util.Optional;

/** All monitored databases, started with the application and stopped before Kafka and MongoDB go away. */
public class Captures implements SmartLifecycle, DisposableBean {

    private final List<DatabaseCapture> captures;
    private volatile boolean running;

    public Captures(List<DatabaseCapture> captures) {
        this.captures = List.copyOf(captures);
    }

    public List<DatabaseCapture> all() {
        return captures;
    }

    public Optional<DatabaseCapture> named(String database) {
        return captures.stream().filter(c -> c.name().equals(database)).findFirst();
    }

    @Scheduled(fixedDelayString = "${schemawatch.monitor.slot-lag-interval:10s}")
    public void measureSlotLag() {
        captures.forEach(DatabaseCapture::measureSlotLag);
    }

    @Override
    public void start() {
        captures.forEach(DatabaseCapture::start);
        running = true;
    }

    @Override
    public void stop() {
        for (DatabaseCapture capture : captures) {
            try {
                capture.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        running = false;
    }

    @Override
    public void destroy() throws Exception {
        for (DatabaseCapture capture : captures) {
            if (capture.dataSource() instanceof AutoCloseable pool) {
                pool.close();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
