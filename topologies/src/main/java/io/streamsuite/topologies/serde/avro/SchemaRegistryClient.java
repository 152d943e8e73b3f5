package io.streamsuite.topologies.serde.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsuite.topologies.config.LogText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.AvroRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of the Confluent Schema Registry REST API a serde needs, with every answer cached for the life of the
 * client: a schema is immutable once it has an id, so each new schema costs one request, and records after it none.
 * The latest version of a subject is cached too (as Confluent's serializers do by default): a new latest version is
 * seen after a restart.
 *
 * <p>Thread-safe; one instance per app, shared by all its serdes.
 */
public final class SchemaRegistryClient {

    /** A schema registered under a subject. */
    public record RegisteredSchema(int id, int version, Schema schema) {
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final int SCHEMA_NOT_FOUND = 40403;
    private static final int INVALID_SCHEMA = 42201;

    /** How long an unreadable id is answered from memory: a schema registered meanwhile is read after this. */
    static final Duration UNREADABLE_ID_TTL = Duration.ofMinutes(5);
    static final int MAX_UNREADABLE_IDS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);
    /** The longest pause between two tries while the registry is unreachable. */
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);

    private final RegistryHttp http;
    private final Duration outageWait;
    private final UnreadableIds unreadableIds;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySchema = new ConcurrentHashMap<>();
    private final Map<String, RegisteredSchema> latestBySubject = new ConcurrentHashMap<>();

    public SchemaRegistryClient(RegistryConfig config) {
        this(config, Clock.systemUTC());
    }

    SchemaRegistryClient(RegistryConfig config, Clock clock) {
        this.http = new RegistryHttp(config);
        this.outageWait = config.outageWait();
        this.unreadableIds = new UnreadableIds(UNREADABLE_ID_TTL, MAX_UNREADABLE_IDS, clock);
    }

    /**
     * The id of a schema under a subject, registering it if the subject does not have it yet
     * ({@code POST /subjects/{subject}/versions}). Registering an existing schema again only returns its id.
     *
     * @throws SchemaRegistryException if the registry refuses it, e.g. as incompatible with the subject's versions
     */
    public int register(String subject, Schema schema) {
        return idsBySchema.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            RegistryHttp.Answer answer = http.post("/subjects/" + encode(subject) + "/versions", schemaBody(schema));
            if (answer.status() == 409) {
                throw refused(answer, "Schema " + schema.getFullName() + " is incompatible with the versions of subject "
                        + subject + " (compatibility level of the subject)");
            }
            if (answer.status() == 422) {
                throw refused(answer, "Schema " + schema.getFullName() + " was refused as invalid for subject " + subject);
            }
            int id = idOf(answer, "registering under subject " + subject);
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    /**
     * The id of a schema already registered under a subject ({@code POST /subjects/{subject}}), for
     * {@code auto.register.schemas=false}.
     *
     * @throws SchemaRegistryException if the subject does not have the schema
     */
    public int lookUp(String subject, Schema schema) {
        return idsBySchema.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            RegistryHttp.Answer answer = http.post("/subjects/" + encode(subject), schemaBody(schema));
            if (answer.status() == 404) {
                String what = answer.body().path("error_code").asInt() == SUBJECT_NOT_FOUND
                        ? "Subject " + subject + " does not exist in the schema registry"
                        : "Schema " + schema.getFullName() + " is not registered under subject " + subject;
                throw refused(answer, what + " and auto.register.schemas=false: register it first, or allow the app to");
            }
            int id = idOf(answer, "looking up under subject " + subject);
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    /**
     * The latest version of a subject ({@code GET /subjects/{subject}/versions/latest}), for {@code use.latest.version}.
     *
     * @throws SchemaRegistryException if the subject has no versions
     */
    public RegisteredSchema latest(String subject) {
        return latestBySubject.computeIfAbsent(subject, key -> {
            RegistryHttp.Answer answer = http.get("/subjects/" + encode(subject) + "/versions/latest");
            if (answer.status() == 404) {
                throw refused(answer, "Subject " + subject + " has no versions in the schema registry, and"
                        + " use.latest.version=true needs one");
            }
            int id = idOf(answer, "reading the latest version of " + subject);
            Schema schema;
            try {
                schema = schemasById.computeIfAbsent(id, unused -> parse(answer, id));
            } catch (UndecodableAvroException e) {
                // the schema the app must write with: not one record's problem but the app's
                throw new SchemaRegistryException(e.getMessage(), answer.status(), INVALID_SCHEMA);
            }
            return new RegisteredSchema(id, answer.body().path("version").asInt(), schema);
        });
    }

    /**
     * The schema of an id ({@code GET /schemas/ids/{id}}): the writer schema of a record in the wire format.
     *
     * <p>An id the registry cannot give is the record's problem, not the registry's: unknown (404) or refused as a
     * request (any other 4xx but 401, 403, 408 and 429), a schema that is not Avro or that cannot be parsed alone (it
     * references other schemas). Such an id is remembered for {@link #UNREADABLE_ID_TTL}, so that its next records cost
     * no request. Credentials refused (401, 403) are not about the record: {@link SchemaRegistryException}.
     *
     * @throws UndecodableAvroException if the record's id cannot be read, as above
     */
    public Schema schemaById(int id) {
        Schema known = schemasById.get(id);
        if (known != null) {
            return known;
        }
        Optional<String> unreadable = unreadableIds.reason(id);
        if (unreadable.isPresent()) {
            throw new UndecodableAvroException(unreadable.get());
        }
        try {
            Schema fetched = waitingOutOutages(id);
            Schema raced = schemasById.putIfAbsent(id, fetched);
            return raced == null ? fetched : raced;
        } catch (UndecodableAvroException e) {
            unreadableIds.remember(id, e.getMessage());
            throw e;
        }
    }

    /**
     * Fetches the schema, trying again while the registry is unreachable, for up to {@link RegistryConfig#outageWait}.
     * A short outage (a registry restarting, a network blip) then costs the stream thread a pause, not its life: a
     * failed thread is replaced by a new member of the group, which gets its partitions only once the old member's
     * session has expired, tens of seconds later.
     */
    private Schema waitingOutOutages(int id) {
        long deadline = System.nanoTime() + outageWait.toNanos();
        long pauseMillis = 250;
        boolean told = false;
        while (true) {
            try {
                Schema schema = fetch(id);
                if (told) {
                    LOG.info("Schema registry reachable again: read schema id {}", id);
                }
                return schema;
            } catch (SchemaRegistryUnavailableException e) {
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMillis <= 0) {
                    throw e;
                }
                if (!told) {
                    LOG.warn("Schema registry unreachable while reading schema id {}; trying again for up to {}"
                            + " (schema.registry.outage.wait): {}", id, outageWait, e.getMessage());
                    told = true;
                }
                try {
                    Thread.sleep(Math.min(pauseMillis, leftMillis));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE.toMillis());
            }
        }
    }

    private Schema fetch(int id) {
        RegistryHttp.Answer answer = http.get("/schemas/ids/" + id);
        if (answer.status() == 404) {
            throw new UndecodableAvroException("Unknown schema id " + id + ": the schema registry at " + answer.url()
                    .resolve("/") + " has no such schema (error " + answer.body().path("error_code").asInt(SCHEMA_NOT_FOUND)
                    + "); was the record written against another registry?");
        }
        if (answer.status() == 401 || answer.status() == 403) {
            throw refused(answer, "Cannot read schema id " + id);
        }
        if (answer.status() == 408 || answer.status() == 429) {
            throw new SchemaRegistryUnavailableException("Schema registry at " + answer.url().resolve("/")
                    + " answered HTTP " + answer.status() + " for schema id " + id + "; will retry", null);
        }
        if (answer.status() != 200) {
            throw new UndecodableAvroException("Schema id " + id + " cannot be read: HTTP " + answer.status()
                    + " from " + answer.url());
        }
        return parse(answer, id);
    }

    private static Schema parse(RegistryHttp.Answer answer, int id) {
        String type = answer.body().path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new UndecodableAvroException("Schema id " + id + " is a " + type + " schema, not Avro");
        }
        try {
            return new Schema.Parser().parse(answer.body().path("schema").asText());
        } catch (AvroRuntimeException e) {
            // SchemaParseException, or AvroTypeException for a name defined in a referenced schema
            boolean references = answer.body().path("references").size() > 0;
            throw new UndecodableAvroException("Schema id " + id + " from " + answer.url() + " cannot be read"
                    + (references ? " alone (it references other schemas, which this app does not resolve)" : "")
                    + ": " + LogText.of(e.getMessage()));
        }
    }

    private static int idOf(RegistryHttp.Answer answer, String what) {
        if (answer.status() != 200 || !answer.body().path("id").canConvertToInt()) {
            throw refused(answer, "Unexpected answer of the schema registry when " + what);
        }
        return answer.body().path("id").intValue();
    }

    private static SchemaRegistryException refused(RegistryHttp.Answer answer, String what) {
        JsonNode body = answer.body();
        String detail = body.path("message").asText("");
        String hint = answer.status() == 401 || answer.status() == 403
                ? "; check basic.auth.credentials.source and basic.auth.user.info" : "";
        return new SchemaRegistryException(what + ": HTTP " + answer.status() + (detail.isEmpty() ? "" : " " + detail)
                + " from " + answer.url() + hint, answer.status(), body.path("error_code").asInt(0));
    }

    private static ObjectNode schemaBody(Schema schema) {
        return JsonNodeFactory.instance.objectNode().put("schema", schema.toString());
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
