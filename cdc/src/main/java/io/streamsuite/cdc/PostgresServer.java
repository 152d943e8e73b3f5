package io.streamsuite.cdc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server of the machine's own installation (Debian's {@code postgresql} package) in a data directory of
 * its own, set up for logical decoding ({@code wal_level=logical}, {@code pgoutput} is built in) and reachable on
 * localhost only, with trust authentication: a local or test database, never a production one.
 *
 * <p>The server refuses to run as root, so when this JVM is root every PostgreSQL command runs as the {@code postgres}
 * user (through {@code runuser}) and the data directory is handed to that user.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

    /** The superuser initdb creates; Debezium connects as it (replication needs the right, trust needs no password). */
    public static final String SUPERUSER = "postgres";
    private static final String SERVICE_USER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    /**
     * Settings for one local server: logical decoding for Debezium, TCP on localhost only, no Unix socket (whose
     * directory would need root), and a small memory footprint.
     */
    private static final List<String> SETTINGS = List.of(
            "wal_level = logical",
            "max_wal_senders = 4",
            "max_replication_slots = 4",
            "listen_addresses = 'localhost'",
            "unix_socket_directories = ''",
            "shared_buffers = 16MB",
            "max_connections = 20");

    private final Path binDirectory;
    private final Path dataDirectory;
    private final int port;
    private boolean stopped;

    private PostgresServer(Path binDirectory, Path dataDirectory, int port) {
        this.binDirectory = binDirectory;
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /**
     * Starts a server in {@code dataDirectory}, creating the cluster there first if it has none, on {@code port}, or
     * on a free port when it is 0. Returns once the server accepts connections; {@link #port()} is the port it runs
     * on, as the server itself reports it.
     *
     * <p>As root, the directories above {@code dataDirectory} must let the {@code postgres} user through (the system's
     * temporary directory does; a private one from {@code Files.createTempDirectory} does not).
     *
     * @throws IllegalStateException if PostgreSQL is not installed or does not start; the log says why
     */
    public static PostgresServer start(Path dataDirectory, int port) {
        Path bin = binDirectory();
        try {
            Files.createDirectories(dataDirectory);
            handToServiceUser(dataDirectory);
            if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
                run(List.of(bin.resolve("initdb").toString(), "-D", dataDirectory.toString(), "-U", SUPERUSER,
                        "--auth=trust", "-E", "UTF8", "--no-locale"));
                Files.writeString(dataDirectory.resolve("postgresql.conf"),
                        "\n# streams-suite: logical decoding for Debezium, localhost only\n"
                                + String.join("\n", SETTINGS) + "\n",
                        java.nio.file.StandardOpenOption.APPEND);
            }
            IllegalStateException lastFailure = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int chosen = port != 0 ? port : freePort();
                try {
                    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDirectory.toString(), "-l",
                            dataDirectory.resolve("server.log").toString(), "-o", "-p " + chosen, "-w", "-t", "60",
                            "start"));
                    PostgresServer server = new PostgresServer(bin, dataDirectory, portOf(dataDirectory));
                    LOG.info("PostgreSQL started on port {} with data in {}", server.port, dataDirectory);
                    return server;
                } catch (IllegalStateException e) {
                    // a free port can be taken by someone else between choosing it and binding it: choose again
                    lastFailure = e;
                    if (port != 0) {
                        break;
                    }
                }
            }
            throw new IllegalStateException("PostgreSQL did not start; see " + dataDirectory.resolve("server.log"),
                    lastFailure);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare PostgreSQL's data directory " + dataDirectory, e);
        }
    }

    /** The port the server listens on (localhost). */
    public int port() {
        return port;
    }

    /** The JDBC URL of a database of this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Runs SQL with {@code psql} as the superuser, stopping at the first error. */
    public void psql(String database, String sql) {
        Path script = null;
        try {
            script = Files.createTempFile("streams-suite-", ".sql");
            Files.writeString(script, sql);
            handToServiceUser(script);
            run(List.of(binDirectory.resolve("psql").toString(), "-h", "localhost", "-p", Integer.toString(port), "-U",
                    SUPERUSER, "-d", database, "-v", "ON_ERROR_STOP=1", "-q", "-f", script.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the SQL script for psql", e);
        } finally {
            deleteQuietly(script);
        }
    }

    /** Stops the server (fast shutdown: open sessions are ended); its data directory stays. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        run(List.of(binDirectory.resolve("pg_ctl").toString(), "-D", dataDirectory.toString(), "-m", "fast", "-w",
                "stop"));
        LOG.info("PostgreSQL on port {} stopped", port);
    }

    /** The port the postmaster wrote into its pid file (fourth line), which is the one it bound. */
    private static int portOf(Path dataDirectory) throws IOException {
        List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
        return Integer.parseInt(lines.get(3).trim());
    }

    /**
     * Debian installs the server binaries under {@code /usr/lib/postgresql/<major>/bin}, off the PATH: the newest
     * major there, else the directory of an {@code initdb} on the PATH.
     */
    static Path binDirectory() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> majors = Files.list(debian)) {
                Optional<Path> newest = majors.map(major -> major.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .max(Comparator.comparingInt(bin -> majorVersion(bin.getParent())));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot list " + debian, e);
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "initdb"))) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException("PostgreSQL is not installed: no initdb under /usr/lib/postgresql/*/bin or on"
                + " the PATH (scripts/install-test-deps.sh installs Debian's postgresql package)");
    }

    private static int majorVersion(Path directory) {
        try {
            return Integer.parseInt(directory.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** As root, the server's files belong to the user it runs as; otherwise they already belong to us. */
    private static void handToServiceUser(Path path) throws IOException {
        if (isRoot()) {
            UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(SERVICE_USER);
            Files.setOwner(path, owner);
        }
    }

    /** Runs a PostgreSQL command to its end, as the service user when we are root; fails with its output. */
    private static void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            // the output is small (a few lines); reading it to the end also waits for the command
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "): " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + String.join(" ", full), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.debug("Could not delete {}", path, e);
            }
        }
    }
}
