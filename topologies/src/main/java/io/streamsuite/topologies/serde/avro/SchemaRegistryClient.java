package io.streamsuite.topologies.serde.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

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

    private final RegistryHttp http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySchema = new ConcurrentHashMap<>();
    private final Map<String, RegisteredSchema> latestBySubject = new ConcurrentHashMap<>();

    public SchemaRegistryClient(RegistryConfig config) {
        this.http = new RegistryHttp(config);
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
            Schema schema = schemasById.computeIfAbsent(id, unused -> parse(answer, id));
            return new RegisteredSchema(id, answer.body().path("version").asInt(), schema);
        });
    }

    /**
     * The schema of an id ({@code GET /schemas/ids/{id}}): the writer schema of a record in the wire format.
     *
     * @throws UndecodableAvroException if the registry knows no such id: the record cannot be read
     */
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, key -> {
            RegistryHttp.Answer answer = http.get("/schemas/ids/" + id);
            if (answer.status() == 404) {
                throw new UndecodableAvroException("Unknown schema id " + id + ": the schema registry at " + answer.url()
                        .resolve("/") + " has no such schema (error " + answer.body().path("error_code").asInt(SCHEMA_NOT_FOUND)
                        + "); was the record written against another registry?");
            }
            if (answer.status() != 200) {
                throw refused(answer, "Cannot read schema id " + id);
            }
            return parse(answer, id);
        });
    }

    private static Schema parse(RegistryHttp.Answer answer, int id) {
        String type = answer.body().path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new UndecodableAvroException("Schema id " + id + " is a " + type + " schema, not Avro");
        }
        try {
            return new Schema.Parser().parse(answer.body().path("schema").asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("Schema id " + id + " from " + answer.url() + " is not valid Avro: "
                    + e.getMessage(), answer.status(), INVALID_SCHEMA);
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
