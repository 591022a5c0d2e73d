package dev.schemawatch.generator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TestGeneratorApplication {

    public static void main(String[] args) {
        SpringApplication.run(TestGeneratorApplication.class, args);
    }
}
