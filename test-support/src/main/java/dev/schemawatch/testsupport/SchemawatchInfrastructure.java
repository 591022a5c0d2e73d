package dev.schemawatch.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring Boot test at the shared servers, from a {@code @DynamicPropertySource} method:
 * <pre>{@code
 * static final String DATABASE = PostgresCluster.get().createDatabase("analyzer");
 *
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     SchemawatchInfrastructure.kafkaAndMongo(registry, "analyzer-it");
 *     SchemawatchInfrastructure.dataSource(registry, DATABASE);
 * }
 * }</pre>
 * Values are suppliers, so a server starts only when the context actually reads its property.
 */
public final class SchemawatchInfrastructure {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";
    /** Spring Boot 4 reads MongoDB settings from {@code spring.mongodb.*}; {@code spring.data.mongodb.uri} is no longer bound. */
    public static final String MONGODB_URI = "spring.mongodb.uri";
    public static final String DATASOURCE_URL = "spring.datasource.url";
    public static final String DATASOURCE_USERNAME = "spring.datasource.username";
    public static final String DATASOURCE_PASSWORD = "spring.datasource.password";

    private SchemawatchInfrastructure() {
    }

    /** Sets {@code spring.kafka.bootstrap-servers} and {@code spring.mongodb.uri} (for the given MongoDB database). */
    public static void kafkaAndMongo(DynamicPropertyRegistry registry, String mongoDatabase) {
        registry.add(KAFKA_BOOTSTRAP_SERVERS, () -> KafkaBroker.get().bootstrapServers());
        registry.add(MONGODB_URI, () -> MongoWireServer.get().connectionString(mongoDatabase));
    }

    /** Sets {@code spring.datasource.url/username/password} for a PostgreSQL database, e.g. one from {@link PostgresCluster#createDatabase}. */
    public static void dataSource(DynamicPropertyRegistry registry, String postgresDatabase) {
        registry.add(DATASOURCE_URL, () -> PostgresCluster.get().jdbcUrl(postgresDatabase));
        registry.add(DATASOURCE_USERNAME, () -> PostgresCluster.get().superuser());
        registry.add(DATASOURCE_PASSWORD, () -> PostgresCluster.get().password());
    }
}
