package dev.schemawatch.analyzer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ChangeAnalyzerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChangeAnalyzerApplication.class, args);
    }
}
