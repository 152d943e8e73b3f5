package io.streamsuite.schemaregistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;

/**
 * A small in-process schema registry serving the subset of the Confluent REST API that serializers use, including
 * Confluent's own clients: register and look up a schema under a subject, a schema by id, a subject's versions and
 * latest version, compatibility checks and levels. Schemas get one id each, shared across subjects, as Confluent does.
 * Registration checks compatibility against the subject's latest version (BACKWARD by default) with Avro's
 * {@link SchemaCompatibility}.
 *
 * <p>For tests and the local demo only, never in an app jar. It records every request, so tests can count them. It
 * keeps its schemas in memory, or also in a journal file ({@link #persistent}), so that a restarted demo registry
 * gives every schema the id it had: records already in Kafka name their writer schema by that id.
 */
public final class TestSchemaRegistry implements AutoCloseable {

    /** One request as it arrived. */
    public record Request(String method, String path) {
    }

    private record Version(int version, int id) {
    }

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Pattern SUBJECT_VERSIONS = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern SUBJECT_VERSION = Pattern.compile("/subjects/([^/]+)/versions/([^/]+)");
    private static final Pattern SUBJECT = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern SCHEMA_BY_ID = Pattern.compile("/schemas/ids/(\\d+)(/schema)?");
    private static final Pattern COMPATIBILITY = Pattern.compile("/compatibility/subjects/([^/]+)/versions/([^/]+)");
    private static final Pattern CONFIG = Pattern.compile("/config(?:/([^/]+))?");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "schema-registry-lite");
        thread.setDaemon(true);
        return thread;
    });
    private final Optional<String> expectedAuthorization;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Journal journal;

    // guarded by this
    private final List<Schema> schemasById = new ArrayList<>();
    private final Map<String, List<Version>> subjects = new LinkedHashMap<>();
    private final Map<String, String> compatibility = new LinkedHashMap<>();
    private String defaultCompatibility = "BACKWARD";

    private TestSchemaRegistry(int port, Optional<String> userInfo, Journal journal) {
        this.expectedAuthorization = userInfo.map(info ->
                "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        this.journal = journal;
        // before the server answers anything: the ids of earlier runs come back in their order
        journal.replay(new Journal.Replayer() {
            @Override
            public void registered(String subject, Schema schema) {
                register(subject, schema, true);
            }

            @Override
            public void compatibilitySet(String subject, String level) {
                setLevel(subject, level);
            }
        });
        // TCP_NODELAY, read once per JVM by its first JDK server: without it each schema lookup on a kept-alive
        // connection waits 40 ms for the client's delayed acknowledgement of the answer's headers
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            journal.close();
            executor.shutdownNow();
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A registry on a free port of the loopback interface, without authentication. */
    public static TestSchemaRegistry start() {
        return start(0);
    }

    /** A registry on the given port (0: any free one). */
    public static TestSchemaRegistry start(int port) {
        return new TestSchemaRegistry(port, Optional.empty(), Journal.none());
    }

    /** A registry that answers only requests with HTTP basic authentication as {@code user:password}. */
    public static TestSchemaRegistry withBasicAuth(String userInfo) {
        return new TestSchemaRegistry(0, Optional.of(userInfo), Journal.none());
    }

    /**
     * A registry on the given port (0: any free one) that starts with the schemas, ids and compatibility levels
     * recorded in the journal file, and appends every change to it; the file is created if missing.
     *
     * @throws UncheckedIOException if the file cannot be read or created
     * @throws IllegalStateException if a line of the file is not one this registry wrote
     */
    public static TestSchemaRegistry persistent(int port, Path journalFile) {
        return new TestSchemaRegistry(port, Optional.empty(), Journal.at(journalFile));
    }

    /** The base URL, as {@code schema.registry.url} takes it. */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** How many requests so far had this method and a path starting with the prefix. */
    public long requestCount(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).count();
    }

    /** Registers a schema directly, as another producer would; returns its id. */
    public synchronized int register(String subject, Schema schema) {
        return register(subject, schema, true).id();
    }

    /** Sets the compatibility level of a subject: BACKWARD, FORWARD, FULL or NONE. */
    public synchronized void setCompatibility(String subject, String level) {
        setLevel(subject, level);
        journal.compatibilitySet(subject, level);
    }

    /** The schema with an id, if any. */
    public synchronized Optional<Schema> schema(int id) {
        return id >= 1 && id <= schemasById.size() ? Optional.of(schemasById.get(id - 1)) : Optional.empty();
    }

    /** The subjects that have versions. */
    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        journal.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        // the answer is written inside the try-with-resources: its catch clauses run after the exchange is closed
        try (exchange) {
            Answer answer;
            try {
                answer = answer(exchange);
            } catch (IllegalArgumentException e) {
                answer = new Answer(422, error(42201, "Invalid schema: " + e.getMessage()));
            } catch (RuntimeException e) {
                answer = new Answer(500, error(50001, "Error in the schema registry: " + e));
            }
            respond(exchange, answer.status(), answer.body());
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        requests.add(new Request(method, URLDecoder.decode(path, StandardCharsets.UTF_8)));
        if (expectedAuthorization.isPresent()
                && !expectedAuthorization.get().equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return new Answer(401, error(401, "Unauthorized"));
        }
        JsonNode body = method.equals("GET") ? null : readBody(exchange);
        synchronized (this) {
            return route(method, path, body);
        }
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer route(String method, String path, JsonNode body) {
        Matcher m;
        if (method.equals("GET") && path.equals("/subjects")) {
            return ok(json.valueToTree(subjects.keySet()));
        }
        if ((m = SCHEMA_BY_ID.matcher(path)).matches() && method.equals("GET")) {
            Optional<Schema> schema = schema(Integer.parseInt(m.group(1)));
            if (schema.isEmpty()) {
                return new Answer(404, error(40403, "Schema " + m.group(1) + " not found"));
            }
            return ok(m.group(2) != null ? json.valueToTree(schema.get().toString())
                    : json.createObjectNode().put("schema", schema.get().toString()));
        }
        if ((m = COMPATIBILITY.matcher(path)).matches() && method.equals("POST")) {
            return compatibilityCheck(decode(m.group(1)), m.group(2), body);
        }
        if ((m = CONFIG.matcher(path)).matches()) {
            return config(method, m.group(1) == null ? null : decode(m.group(1)), body);
        }
        if ((m = SUBJECT_VERSION.matcher(path)).matches() && method.equals("GET")) {
            return version(decode(m.group(1)), m.group(2));
        }
        if ((m = SUBJECT_VERSIONS.matcher(path)).matches()) {
            String subject = decode(m.group(1));
            if (method.equals("POST")) {
                return registerAnswer(subject, body);
            }
            List<Version> versions = subjects.get(subject);
            return versions == null ? subjectNotFound(subject)
                    : ok(json.valueToTree(versions.stream().map(Version::version).toList()));
        }
        if ((m = SUBJECT.matcher(path)).matches() && method.equals("POST")) {
            return lookUp(decode(m.group(1)), body);
        }
        return new Answer(404, error(404, "HTTP 404 Not Found: " + method + " " + path));
    }

    private Answer registerAnswer(String subject, JsonNode body) {
        Schema schema;
        try {
            schema = parse(body);
        } catch (IllegalArgumentException e) {
            return new Answer(422, error(42201, "Invalid schema: " + e.getMessage()));
        }
        Registration registration = register(subject, schema, false);
        if (registration.incompatibility() != null) {
            return new Answer(409, error(409, "Schema being registered is incompatible with an earlier schema for subject \""
                    + subject + "\", details: " + registration.incompatibility()));
        }
        return ok(json.createObjectNode().put("id", registration.id()));
    }

    private record Registration(int id, String incompatibility) {
    }

    private Registration register(String subject, Schema schema, boolean force) {
        List<Version> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        for (Version version : versions) {
            if (schemasById.get(version.id() - 1).equals(schema)) {
                return new Registration(version.id(), null);
            }
        }
        if (!force && !versions.isEmpty()) {
            String problem = incompatibility(subject, schema, schemasById.get(versions.get(versions.size() - 1).id() - 1));
            if (problem != null) {
                return new Registration(-1, problem);
            }
        }
        int id = schemasById.indexOf(schema) + 1;
        if (id == 0) {
            schemasById.add(schema);
            id = schemasById.size();
        }
        versions.add(new Version(versions.size() + 1, id));
        journal.registered(subject, schema);
        return new Registration(id, null);
    }

    private Answer lookUp(String subject, JsonNode body) {
        List<Version> versions = subjects.get(subject);
        if (versions == null) {
            return subjectNotFound(subject);
        }
        Schema schema = parse(body);
        for (Version version : versions) {
            if (schemasById.get(version.id() - 1).equals(schema)) {
                return ok(versionNode(subject, version));
            }
        }
        return new Answer(404, error(40403, "Schema not found"));
    }

    private Answer version(String subject, String which) {
        List<Version> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            return subjectNotFound(subject);
        }
        Optional<Version> version = which.equals("latest") || which.equals("-1")
                ? Optional.of(versions.get(versions.size() - 1))
                : versions.stream().filter(v -> String.valueOf(v.version()).equals(which)).findFirst();
        return version.map(v -> ok(versionNode(subject, v)))
                .orElseGet(() -> new Answer(404, error(40402, "Version " + which + " not found.")));
    }

    private Answer compatibilityCheck(String subject, String which, JsonNode body) {
        Answer existing = version(subject, which);
        if (existing.status() != 200) {
            return existing;
        }
        Schema schema = parse(body);
        String problem = incompatibility(subject, schema, new Schema.Parser().parse(existing.body().get("schema").asText()));
        return ok(json.createObjectNode().put("is_compatible", problem == null));
    }

    private Answer config(String method, String subject, JsonNode body) {
        if (method.equals("PUT")) {
            String level = body.path("compatibility").asText();
            setLevel(subject, level);
            journal.compatibilitySet(subject, level);
            return ok(json.createObjectNode().put("compatibility", level));
        }
        String level = subject == null ? defaultCompatibility : compatibility.getOrDefault(subject, defaultCompatibility);
        return ok(json.createObjectNode().put("compatibilityLevel", level));
    }

    /** A subject's level, or the default level for a null subject. */
    private void setLevel(String subject, String level) {
        if (subject == null) {
            defaultCompatibility = level;
        } else {
            compatibility.put(subject, level);
        }
    }

    /** Why the new schema may not follow the previous one under the subject's level, or null if it may. */
    private String incompatibility(String subject, Schema next, Schema previous) {
        String level = compatibility.getOrDefault(subject, defaultCompatibility);
        List<String> problems = new ArrayList<>();
        if (level.startsWith("BACKWARD") || level.startsWith("FULL")) {
            check(next, previous, "new schema cannot read data written with the previous one", problems);
        }
        if (level.startsWith("FORWARD") || level.startsWith("FULL")) {
            check(previous, next, "previous schema cannot read data written with the new one", problems);
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static void check(Schema reader, Schema writer, String what, List<String> problems) {
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            problems.add(what + ": " + result.getResult().getIncompatibilities().stream()
                    .map(i -> i.getMessage() + " at " + i.getLocation()).toList());
        }
    }

    private ObjectNode versionNode(String subject, Version version) {
        return json.createObjectNode().put("subject", subject).put("version", version.version()).put("id", version.id())
                .put("schema", schemasById.get(version.id() - 1).toString());
    }

    private Answer subjectNotFound(String subject) {
        return new Answer(404, error(40401, "Subject '" + subject + "' not found."));
    }

    private Schema parse(JsonNode body) {
        if (body == null || !body.path("schema").isTextual()) {
            throw new IllegalArgumentException("the body has no \"schema\"");
        }
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new IllegalArgumentException("only AVRO schemas are served here, not " + type);
        }
        try {
            return new Schema.Parser().parse(body.get("schema").asText());
        } catch (SchemaParseException | NullPointerException e) {
            // Avro 1.12 reports a reference to an undefined type name as a NullPointerException
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private Answer ok(JsonNode body) {
        return new Answer(200, body);
    }

    private ObjectNode error(int code, String message) {
        return json.createObjectNode().put("error_code", code).put("message", message);
    }

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        return bytes.length == 0 ? null : json.readTree(bytes);
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    /** For messages: where this registry is. */
    @Override
    public String toString() {
        return "TestSchemaRegistry " + URI.create(url());
    }
}
