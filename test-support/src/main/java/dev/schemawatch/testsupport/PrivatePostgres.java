package dev.schemawatch.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster run with the locally installed initdb/pg_ctl, for machines without Docker: throw-away for the tests,
 * or kept in a given directory for {@code scripts/run-local.sh}.
 */
final class PrivatePostgres {

    private static final Logger log = LoggerFactory.getLogger(PrivatePostgres.class);
    private static final String OS_USER = "postgres";
    private static final String SUPERUSER = "postgres";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path binDir;
    private final Path baseDir;
    private final Path dataDir;
    private final Path logFile;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path binDir, Path baseDir, boolean asPostgresUser) {
        this.binDir = binDir;
        this.baseDir = baseDir;
        this.dataDir = baseDir.resolve("data");
        this.logFile = baseDir.resolve("postgres.log");
        this.asPostgresUser = asPostgresUser;
    }

    static PostgresCluster start() {
        Path binDir = findBinDir();
        boolean asPostgresUser = runningAsRoot();
        PrivatePostgres cluster = new PrivatePostgres(binDir, createBaseDir(asPostgresUser), asPostgresUser);
        LazyServer.stopAtExit("private-postgres", () -> {
            if (cluster.stop()) {
                deleteRecursively(cluster.baseDir);
            }
        });
        int port = FreePort.find();
        cluster.initdb();
        cluster.start(port);
        log.info("Private PostgreSQL cluster from {} listening on 127.0.0.1:{} in {}", binDir, port, cluster.baseDir);
        return cluster.connectionOn(port);
    }

    /**
     * A cluster whose data outlives the JVM, for {@code scripts/run-local.sh}: the first start runs initdb in
     * {@code baseDir/data}, later starts reuse it. The server listens on the given port and is stopped, not deleted,
     * when the JVM exits.
     */
    static PostgresCluster startPersistent(Path baseDir, int port) {
        Path binDir = findBinDir();
        boolean asPostgresUser = runningAsRoot();
        PrivatePostgres cluster = new PrivatePostgres(binDir, prepareBaseDir(baseDir, asPostgresUser), asPostgresUser);
        LazyServer.stopAtExit("private-postgres", cluster::stop);
        // initdb writes PG_VERSION first and removes the whole data directory when it fails, so its presence means a finished initdb.
        boolean initialized = Files.exists(cluster.dataDir.resolve("PG_VERSION"));
        if (!initialized) {
            cluster.initdb();
        }
        cluster.start(port);
        log.info("PostgreSQL from {} listening on 127.0.0.1:{} with {} data in {}", binDir, port,
                initialized ? "existing" : "new", cluster.dataDir);
        return cluster.connectionOn(port);
    }

    /** PostgreSQL refuses to run as root, so a root JVM (typical in CI containers) delegates to the postgres OS user. */
    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private PostgresCluster connectionOn(int port) {
        // Authentication is trust; the password only exists so that clients insisting on one have something to send.
        return new PostgresCluster("127.0.0.1", port, SUPERUSER, "postgres", "");
    }

    private static Path findBinDir() {
        String configured = System.getenv("SCHEMAWATCH_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (!Files.isExecutable(dir.resolve("initdb")) || !Files.isExecutable(dir.resolve("pg_ctl"))) {
                throw new IllegalStateException("SCHEMAWATCH_PG_BIN=" + configured + " holds no executable initdb and pg_ctl");
            }
            return dir;
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> candidates = Files.list(versions)) {
                return candidates
                        .filter(dir -> dir.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .filter(dir -> Files.isExecutable(dir.resolve("bin/initdb")) && Files.isExecutable(dir.resolve("bin/pg_ctl")))
                        .max(Comparator.comparingDouble(dir -> Double.parseDouble(dir.getFileName().toString())))
                        .map(dir -> dir.resolve("bin"))
                        .orElseThrow(PrivatePostgres::notInstalled);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw notInstalled();
    }

    private static IllegalStateException notInstalled() {
        return new IllegalStateException("No Docker engine and no PostgreSQL server binaries (initdb, pg_ctl) under "
                + "/usr/lib/postgresql/<version>/bin. Run scripts/ensure-postgres.sh to install them, set SCHEMAWATCH_PG_BIN "
                + "to a directory holding them, or set SCHEMAWATCH_TEST_POSTGRES_URL to an existing server.");
    }

    private static Path createBaseDir(boolean ownedByPostgres) {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "schemawatch-pg-");
            if (ownedByPostgres) {
                requireTraversableByOthers(dir.toAbsolutePath().getParent(), "point java.io.tmpdir elsewhere, e.g. -Djava.io.tmpdir=/tmp");
                giveToPostgres(dir);
            }
            return dir;
        }
        catch (IOException e) {
            throw cannotPrepare(e);
        }
    }

    private static Path prepareBaseDir(Path baseDir, boolean ownedByPostgres) {
        try {
            Path dir = Files.createDirectories(baseDir).toAbsolutePath();
            if (ownedByPostgres) {
                requireTraversableByOthers(dir.getParent(), "move the checkout or make that directory traversable (chmod o+x)");
                giveToPostgres(dir);
            }
            return dir;
        }
        catch (IOException e) {
            throw cannotPrepare(e);
        }
    }

    private static void giveToPostgres(Path dir) throws IOException {
        UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
        Files.setOwner(dir, postgres);
    }

    private static UncheckedIOException cannotPrepare(IOException e) {
        return new UncheckedIOException("Cannot prepare a directory for the private PostgreSQL cluster "
                + "(does the postgres OS user exist? scripts/ensure-postgres.sh creates it)", e);
    }

    private static void requireTraversableByOthers(Path dir, String remedy) throws IOException {
        for (Path current = dir; current != null; current = current.getParent()) {
            if (!Files.getPosixFilePermissions(current).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("The postgres OS user cannot reach " + dir + " because " + current
                        + " is not traversable by others; " + remedy);
            }
        }
    }

    private void initdb() {
        List<String> common = List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(),
                "-A", "trust", "-U", SUPERUSER, "-E", "UTF8");
        Result withLocale = run(concat(common, "--locale=C.UTF-8"));
        if (withLocale.exitCode == 0) {
            return;
        }
        // Minimal images may lack the C.UTF-8 locale; initdb removes its half-made data directory on failure.
        Result withoutLocale = run(concat(common, "--no-locale"));
        if (withoutLocale.exitCode != 0) {
            throw new IllegalStateException("initdb failed.\n--- with --locale=C.UTF-8:\n" + withLocale.output
                    + "\n--- with --no-locale:\n" + withoutLocale.output);
        }
    }

    private void start(int port) {
        List<String> options = new ArrayList<>(List.of("-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1", "-k", baseDir.toString()));
        PostgresCluster.SETTINGS.forEach(setting -> options.addAll(List.of("-c", setting)));
        // -l sends the server's output to a file: the server outlives pg_ctl, and a pipe it inherited would never close.
        Result result = run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", logFile.toString(),
                "-w", "-t", "60", "-o", String.join(" ", options), "start"));
        if (result.exitCode != 0) {
            throw new IllegalStateException("pg_ctl start failed:\n" + result.output + "\n--- server log:\n" + serverLog());
        }
    }

    /** Returns whether the server is down now, so that its files may be deleted. */
    private boolean stop() {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            Result result = run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
            if (result.exitCode != 0) {
                log.warn("pg_ctl stop failed, leaving {} in place:\n{}", baseDir, result.output);
                return false;
            }
            log.info("PostgreSQL in {} stopped", dataDir);
        }
        return true;
    }

    private String serverLog() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile) : "(no log written)";
        }
        catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private Result run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(command);
        Path outputFile = null;
        try {
            // Output goes to a file rather than a pipe so that the timeout below holds even if a child keeps it open.
            outputFile = Files.createTempFile(baseDir, "command-", ".out");
            Process process = new ProcessBuilder(full)
                    // The JVM's working directory may be unreadable for the postgres user, which initdb warns about.
                    .directory(baseDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(outputFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            boolean finished = process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = "$ " + String.join(" ", full) + "\n" + Files.readString(outputFile);
            if (!finished) {
                throw new IllegalStateException("Timed out after " + COMMAND_TIMEOUT_SECONDS + " s:\n" + output);
            }
            return new Result(process.exitValue(), output);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", full), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", full), e);
        }
        finally {
            if (outputFile != null) {
                try {
                    Files.deleteIfExists(outputFile);
                }
                catch (IOException e) {
                    log.debug("Could not delete {}", outputFile, e);
                }
            }
        }
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> result = new ArrayList<>(list);
        result.add(last);
        return result;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            log.warn("Could not delete {}", dir, e);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
