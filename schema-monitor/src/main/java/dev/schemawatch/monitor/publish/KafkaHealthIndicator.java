package dev.schemawatch.monitor.publish;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP when the Kafka cluster answers a metadata request within the probe's timeout. */
public class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final KafkaProbe probe;

    public KafkaHealthIndicator(KafkaProbe probe) {
        this.probe = probe;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        KafkaProbe.Cluster cluster = probe.describe();
        builder.up().withDetail("clusterId", cluster.id()).withDetail("nodes", cluster.nodes());
    }
}
