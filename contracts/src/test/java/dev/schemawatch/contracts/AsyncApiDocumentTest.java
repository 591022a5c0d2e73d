package dev.schemawatch.contracts;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncApiDocumentTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyChannelNamesAKnownTopicAndAPayloadSchemaThatExists() throws IOException {
        Map<String, Object> document;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            document = new Yaml().load(in);
        }
        assertThat(document).containsEntry("asyncapi", "3.0.0");
        Map<String, Map<String, Object>> channels = (Map<String, Map<String, Object>>) document.get("channels");
        assertThat(channels.values()).extracting(c -> c.get("address")).contains(Topics.SCHEMA_CHANGES, Topics.IMPACT_REPORTS,
                Topics.IMPACT_DECISIONS, Topics.TEST_SUITES, Topics.TEST_RESULTS, Topics.NOTIFICATIONS);

        Map<String, Map<String, Object>> messages =
                (Map<String, Map<String, Object>>) ((Map<String, Object>) document.get("components")).get("messages");
        assertThat(messages).isNotEmpty();
        for (Map<String, Object> message : messages.values()) {
            Map<String, Object> payload = (Map<String, Object>) message.get("payload");
            String ref = (String) ((Map<String, Object>) payload.get("schema")).get("$ref");
            assertThat(getClass().getClassLoader().getResource(ref.replaceFirst("^\\./", "")))
                    .as("payload schema %s of %s", ref, message.get("name")).isNotNull();
        }
    }
}
