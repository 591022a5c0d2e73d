package dev.schemawatch.testsupport;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * One MongoDB-compatible server per test JVM: the server named by {@code SCHEMAWATCH_TEST_MONGODB_URI}
 * (hosts and options only, no database), a {@code mongo} container when a Docker engine is reachable,
 * otherwise an in-memory MongoDB-wire server. Each service's tests use their own database on it.
 */
public final class MongoWireServer {

    private static final Logger log = LoggerFactory.getLogger(MongoWireServer.class);
    private static final LazyServer<MongoWireServer> INSTANCE = new LazyServer<>("MongoDB", MongoWireServer::start);

    /** Everything of the connection string before the database path, e.g. {@code mongodb://127.0.0.1:27017}. */
    private final String hosts;
    /** The query part including its {@code ?}, or empty. */
    private final String options;

    private MongoWireServer(String uri) {
        int query = uri.indexOf('?');
        String withoutOptions = query < 0 ? uri : uri.substring(0, query);
        this.options = query < 0 ? "" : uri.substring(query);
        int path = withoutOptions.indexOf('/', withoutOptions.indexOf("://") + 3);
        this.hosts = path < 0 ? withoutOptions : withoutOptions.substring(0, path);
    }

    public static MongoWireServer get() {
        return INSTANCE.get();
    }

    private static MongoWireServer start() {
        String external = System.getenv("SCHEMAWATCH_TEST_MONGODB_URI");
        if (external != null && !external.isBlank()) {
            log.info("Using the MongoDB server from SCHEMAWATCH_TEST_MONGODB_URI");
            return new MongoWireServer(external);
        }
        if (Docker.available()) {
            MongoDBContainer container = new MongoDBContainer("mongo:7.0");
            container.start();
            LazyServer.stopAtExit("mongodb-container", container::stop);
            return new MongoWireServer(container.getConnectionString());
        }
        MongoServer server = new MongoServer(new MemoryBackend() {
            @Override
            public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
                return super.handleCommand(channel, databaseName, answerableAs(command), query);
            }
        });
        // Port 0 lets the OS pick a free port at bind time, so there is no window for another process to take it.
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        LazyServer.stopAtExit("mongo-wire-server", server::shutdownNow);
        InetSocketAddress address = server.getLocalAddress();
        return new MongoWireServer("mongodb://127.0.0.1:" + address.getPort());
    }

    /**
     * A MongoDB-wire server on {@code 127.0.0.1:port} that keeps its databases in an H2 file, for
     * {@code scripts/run-local.sh}: what a service stored is still there after a restart. It is stopped at JVM exit,
     * which also closes the file cleanly.
     */
    public static MongoWireServer persistent(Path file, int port) {
        MongoServer server = new MongoServer(new H2Backend(file.toString()) {
            @Override
            public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
                return super.handleCommand(channel, databaseName, answerableAs(command), query);
            }
        });
        server.bind(new InetSocketAddress("127.0.0.1", port));
        LazyServer.stopAtExit("mongo-wire-server", server::shutdownNow);
        log.info("MongoDB-wire server listening on 127.0.0.1:{} with its data in {}", port, file);
        return new MongoWireServer("mongodb://127.0.0.1:" + port);
    }

    /**
     * mongo-java-server answers the legacy isMaster but not its successor hello, which Spring Boot's
     * MongoDB health indicator sends; unanswered, every service's readiness would stay DOWN.
     */
    private static String answerableAs(String command) {
        return "hello".equalsIgnoreCase(command) ? "isMaster" : command;
    }

    public String connectionString(String database) {
        return hosts + "/" + database + options;
    }
}
