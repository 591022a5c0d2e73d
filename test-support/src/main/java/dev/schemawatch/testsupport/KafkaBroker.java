package dev.schemawatch.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One Kafka broker per test JVM: the broker named by {@code SCHEMAWATCH_TEST_KAFKA_BOOTSTRAP}, an
 * {@code apache/kafka} container when a Docker engine is reachable, otherwise an in-process KRaft broker.
 * The embedded and container brokers auto-create topics with {@value #PARTITIONS} partitions;
 * {@code message.max.bytes} keeps Kafka's default so that size limits behave as in production.
 */
public final class KafkaBroker {

    static final int PARTITIONS = 3;

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final LazyServer<KafkaBroker> INSTANCE = new LazyServer<>("Kafka", KafkaBroker::start);
    private static final Duration POLL = Duration.ofMillis(100);

    private final String bootstrapServers;

    private KafkaBroker(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static KafkaBroker get() {
        return INSTANCE.get();
    }

    private static KafkaBroker start() {
        String external = System.getenv("SCHEMAWATCH_TEST_KAFKA_BOOTSTRAP");
        if (external != null && !external.isBlank()) {
            log.info("Using the Kafka broker at {} from SCHEMAWATCH_TEST_KAFKA_BOOTSTRAP", external);
            return new KafkaBroker(external);
        }
        if (Docker.available()) {
            return container();
        }
        return embedded();
    }

    private static KafkaBroker container() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.2")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(PARTITIONS))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        LazyServer.stopAtExit("kafka-container", container::stop);
        return new KafkaBroker(container.getBootstrapServers());
    }

    private static KafkaBroker embedded() {
        return new KafkaBroker(startEmbedded(Map.of()).getBrokersAsString());
    }

    /**
     * An in-process KRaft broker that clients reach at {@code 127.0.0.1:port}, for {@code scripts/run-local.sh}; it keeps
     * its data in temporary directories, so topics and offsets do not survive the JVM. It is stopped at JVM exit.
     */
    public static KafkaBroker embeddedOnPort(int port) {
        // EmbeddedKafkaKraftBroker ignores kafkaPorts(...), and Kafka's test kit hands its EXTERNAL and CONTROLLER
        // listeners sockets it bound beforehand on random ports, whatever port the listeners setting names. A listener
        // of another name is bound as configured, and clients connecting to it are told its address in metadata.
        startEmbedded(Map.of(
                "listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,LOCAL://127.0.0.1:" + port,
                "listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,LOCAL:PLAINTEXT"));
        return new KafkaBroker("127.0.0.1:" + port);
    }

    private static EmbeddedKafkaKraftBroker startEmbedded(Map<String, String> extraProperties) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        Map<String, String> properties = new HashMap<>(Map.of(
                "auto.create.topics.enable", "true",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"));
        properties.putAll(extraProperties);
        broker.brokerProperties(properties);
        // By default the broker also publishes its address as the system property spring.kafka.bootstrap-servers,
        // which would silently configure every Spring context in the JVM; tests set it explicitly instead, the same
        // way for all three kinds of broker. spring-kafka 4.0 always sets the named property (null is not accepted),
        // so point it at spring.embedded.kafka.brokers, which the broker sets anyway.
        broker.brokerListProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        broker.afterPropertiesSet();
        LazyServer.stopAtExit("embedded-kafka", broker::destroy);
        return broker;
    }

    /** A broker that is already running elsewhere, e.g. the one {@code scripts/run-local.sh} started. */
    public static KafkaBroker at(String bootstrapServers) {
        return new KafkaBroker(bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics with {@value #PARTITIONS} partitions; topics that already exist are left as they are. */
    public void createTopics(String... names) {
        List<NewTopic> topics = Arrays.stream(names).map(name -> new NewTopic(name, PARTITIONS, (short) 1)).collect(Collectors.toList());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                }
                catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + result.getKey(), e.getCause());
                    }
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + Arrays.toString(names), e);
        }
        catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topics " + Arrays.toString(names), e);
        }
    }

    /**
     * Everything on the topic from the beginning, read until no new record arrived for {@code quietPeriod}.
     * Use it to assert that a topic holds exactly a given set of events, after {@link #awaitRecords} saw them arrive.
     */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration quietPeriod) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < quietPeriod.toNanos()) {
                int before = records.size();
                pollInto(consumer, topic, records);
                if (records.size() > before) {
                    quietSince = System.nanoTime();
                }
            }
            return records;
        }
    }

    /**
     * Waits until at least {@code count} records on the topic (read from the beginning) match, and returns the
     * matching ones. Fails with what it did see when {@code timeout} passes first.
     */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, int count, Predicate<ConsumerRecord<String, byte[]>> matching,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (true) {
                pollInto(consumer, topic, records);
                List<ConsumerRecord<String, byte[]>> matched = records.stream().filter(matching).collect(Collectors.toList());
                if (matched.size() >= count) {
                    return matched;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Expected " + count + " matching records on " + topic + " within " + timeout
                            + " but " + matched.size() + " of the " + records.size() + " records there matched: " + describe(records));
                }
            }
        }
    }

    /**
     * Hands every record on the topic, from the beginning, to {@code handler} as it arrives, waiting for the topic to
     * exist first. Returns only by an exception; meant for a process that follows the topic until it is stopped.
     */
    public void follow(String topic, Consumer<ConsumerRecord<String, byte[]>> handler) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (true) {
                pollInto(consumer, topic, records);
                records.forEach(handler);
                records.clear();
            }
        }
    }

    /** Sends one record and waits for the broker's acknowledgement, as a producing service would. */
    public void send(ProducerRecord<String, byte[]> record) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + record.topic(), e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot send to " + record.topic(), e);
        }
    }

    /** Awaits {@code count} records of any content. */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, int count, Duration timeout) {
        return awaitRecords(topic, count, record -> true, timeout);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Reading must not create the topic as a side effect (a test may be checking it was never written to).
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // What subscribers see: records of aborted transactions are not events.
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(properties);
    }

    /**
     * Polls once, first assigning every partition of the topic from the beginning. The consumer joins no group,
     * so there is no rebalance to wait for and no committed offset to interfere with later reads.
     */
    private static void pollInto(KafkaConsumer<String, byte[]> consumer, String topic, List<ConsumerRecord<String, byte[]>> records) {
        if (consumer.assignment().isEmpty()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic);
            if (partitions == null || partitions.isEmpty()) {
                sleep(POLL);
                return;
            }
            List<TopicPartition> assignment = partitions.stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .collect(Collectors.toList());
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
        }
        consumer.poll(POLL).forEach(records::add);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a topic", e);
        }
    }

    private static String describe(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .map(record -> record.partition() + "@" + record.offset() + " key=" + record.key())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
