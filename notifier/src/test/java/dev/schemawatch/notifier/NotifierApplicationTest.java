package dev.schemawatch.notifier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotifierApplicationTest {

    @LocalServerPort
    int port;

    @Test
    void bootsAndExposesHealthAndPrometheus() {
        RestClient client = RestClient.create("http://127.0.0.1:" + port);

        assertThat(client.get().uri("/actuator/health").retrieve().body(String.class)).contains("\"UP\"");
        assertThat(client.get().uri("/actuator/prometheus").retrieve().body(String.class)).contains("jvm_memory_used_bytes");
    }
}
