package dev.schemawatch.executor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TestExecutorApplication {

    public static void main(String[] args) {
        SpringApplication.run(TestExecutorApplication.class, args);
    }
}
