package dev.schemawatch.testsupport;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MongoWireServerTest {

    @Test
    void documentsRoundTripThroughTheOfficialDriver() {
        String connectionString = MongoWireServer.get().connectionString("test-support");
        assertThat(connectionString).startsWith("mongodb://").contains("/test-support");

        try (MongoClient client = MongoClients.create(connectionString)) {
            MongoCollection<Document> changes = client.getDatabase("test-support").getCollection("changes");
            changes.insertOne(new Document("table", "public.orders").append("type", "COLUMN_ADDED"));

            Document found = changes.find(Filters.eq("table", "public.orders")).first();

            assertThat(found).isNotNull();
            assertThat(found.getString("type")).isEqualTo("COLUMN_ADDED");
        }
    }
}
