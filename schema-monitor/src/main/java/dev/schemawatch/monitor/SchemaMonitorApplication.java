package dev.schemawatch.monitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SchemaMonitorApplication {

    public static void main(String[] args) {
        SpringApplication.run(SchemaMonitorApplication.class, args);
    }
}
