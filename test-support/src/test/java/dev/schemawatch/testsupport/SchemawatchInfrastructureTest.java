package dev.schemawatch.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchemawatchInfrastructureTest {

    private final Map<String, Supplier<Object>> registered = new HashMap<>();

    @Test
    void pointsSpringAtTheSharedServers() {
        String database = PostgresCluster.get().createDatabase("spring");

        SchemawatchInfrastructure.kafkaAndMongo(registered::put, "analyzer-it");
        SchemawatchInfrastructure.dataSource(registered::put, database);

        assertThat(registered.keySet()).containsExactlyInAnyOrder("spring.kafka.bootstrap-servers", "spring.mongodb.uri",
                "spring.datasource.url", "spring.datasource.username", "spring.datasource.password");
        assertThat(registered.get("spring.kafka.bootstrap-servers").get()).isEqualTo(KafkaBroker.get().bootstrapServers());
        assertThat(registered.get("spring.mongodb.uri").get()).isEqualTo(MongoWireServer.get().connectionString("analyzer-it"));
        assertThat(registered.get("spring.datasource.url").get()).isEqualTo(PostgresCluster.get().jdbcUrl(database));
        assertThat(registered.get("spring.datasource.username").get()).isEqualTo(PostgresCluster.get().superuser());
    }
}
