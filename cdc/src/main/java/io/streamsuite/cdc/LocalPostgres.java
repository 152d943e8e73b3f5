package io.streamsuite.cdc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The reference database of the local suite ({@code scripts/run-local.sh --cdc}): starts PostgreSQL in a data
 * directory that survives restarts, creates the database if it is missing, runs the given SQL files (the schema and
 * the seed rows, written to be run again), prints one line when ready and runs until SIGTERM, which stops the server.
 *
 * <pre>
 * java -cp cdc/target/cdc.jar:cdc/target/connect/lib/* io.streamsuite.cdc.LocalPostgres \
 *     --data-dir .local/postgres --port 5432 --database reference --sql deploy/cdc/reference-data.sql
 * </pre>
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dataDirectory = null;
        int port = 5432;
        String database = "reference";
        List<Path> scripts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data-dir" -> dataDirectory = Path.of(required(args[i], value));
                case "--port" -> port = port(required(args[i], value));
                case "--database" -> database = required(args[i], value);
                case "--sql" -> scripts.add(Path.of(required(args[i], value)));
                default -> fail("unknown option " + args[i]
                        + " (allowed: --data-dir DIR, --port N, --database NAME, --sql FILE ...)");
            }
            i++;
        }
        if (dataDirectory == null) {
            fail("--data-dir is required");
        }
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            fail("--database takes a lower-case SQL name, not '" + database + "'");
        }
        for (Path script : scripts) {
            if (!Files.isReadable(script)) {
                fail("--sql " + script + " is not a readable file");
            }
        }

        PostgresServer server = PostgresServer.start(dataDirectory.toAbsolutePath(), port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "postgres-shutdown"));
        // CREATE DATABASE has no IF NOT EXISTS: psql's \gexec runs it only when the query finds no such database
        server.psql("postgres", "SELECT 'CREATE DATABASE " + database + "' WHERE NOT EXISTS "
                + "(SELECT FROM pg_database WHERE datname = '" + database + "')\\gexec\n");
        for (Path script : scripts) {
            server.psql(database, Files.readString(script));
        }
        System.out.println("PostgreSQL ready on port " + server.port() + ", database " + database + ", data in "
                + dataDirectory);
        stopped.await();
    }

    private static String required(String option, String value) {
        if (value == null) {
            fail(option + " needs a value");
        }
        return value;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        fail("--port takes a port number (0 for any free one), not '" + value + "'");
        return -1;
    }

    /** Bad arguments: one line, exit 2, before anything starts. */
    private static void fail(String message) {
        System.err.println("postgres: " + message);
        System.exit(2);
    }
}
