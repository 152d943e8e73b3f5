package io.streamsuite.schemaregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Confluent REST subset over real HTTP, as serializers call it, and the journal that keeps ids across restarts. */
class TestSchemaRegistryTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static final Schema ORDER_V1 = SchemaBuilder.record("Order").namespace("test").fields()
            .requiredString("id").requiredDouble("amount").endRecord();
    /** v1 plus an optional field with a default: BACKWARD compatible. */
    static final Schema ORDER_V2 = SchemaBuilder.record("Order").namespace("test").fields()
            .requiredString("id").requiredDouble("amount").name("note").type().stringType().stringDefault("").endRecord();
    /** v1 plus a required field without a default: new readers cannot read v1 data. */
    static final Schema ORDER_BROKEN = SchemaBuilder.record("Order").namespace("test").fields()
            .requiredString("id").requiredDouble("amount").requiredLong("placedAt").endRecord();
    static final Schema CUSTOMER = SchemaBuilder.record("Customer").namespace("test").fields()
            .requiredString("name").endRecord();

    @TempDir
    Path dir;

    record Answer(int status, JsonNode body) {
    }

    static Answer call(TestSchemaRegistry registry, String method, String path, Object body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    static Answer call(TestSchemaRegistry registry, String method, String path, Object body)
            throws IOException, InterruptedException {
        return call(registry, method, path, body, null);
    }

    static JsonNode schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    @Test
    void registersLooksUpAndServesSchemasByIdAndVersion() throws Exception {
        try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
            Answer first = call(registry, "POST", "/subjects/orders-value/versions", schemaBody(ORDER_V1));
            Answer again = call(registry, "POST", "/subjects/orders-value/versions", schemaBody(ORDER_V1));
            Answer otherSubject = call(registry, "POST", "/subjects/archive-value/versions", schemaBody(ORDER_V1));
            Answer customer = call(registry, "POST", "/subjects/customers-value/versions", schemaBody(CUSTOMER));
            Answer second = call(registry, "POST", "/subjects/orders-value/versions", schemaBody(ORDER_V2));
            System.out.printf("ids: order v1 %s (again %s, other subject %s), customer %s, order v2 %s%n", first.body(),
                    again.body(), otherSubject.body(), customer.body(), second.body());

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body().get("id").asInt()).isEqualTo(1);
            assertThat(again.body().get("id").asInt()).as("the same schema under the same subject").isEqualTo(1);
            assertThat(otherSubject.body().get("id").asInt()).as("one id per schema, across subjects").isEqualTo(1);
            assertThat(customer.body().get("id").asInt()).isEqualTo(2);
            assertThat(second.body().get("id").asInt()).isEqualTo(3);

            Answer byId = call(registry, "GET", "/schemas/ids/3", null);
            assertThat(new Schema.Parser().parse(byId.body().get("schema").asText())).isEqualTo(ORDER_V2);
            assertThat(call(registry, "GET", "/subjects/orders-value/versions", null).body().toString()).isEqualTo("[1,2]");
            Answer latest = call(registry, "GET", "/subjects/orders-value/versions/latest", null);
            assertThat(latest.body().get("version").asInt()).isEqualTo(2);
            assertThat(latest.body().get("id").asInt()).isEqualTo(3);
            Answer lookUp = call(registry, "POST", "/subjects/orders-value", schemaBody(ORDER_V1));
            assertThat(lookUp.body().get("version").asInt()).isEqualTo(1);
            assertThat(lookUp.body().get("id").asInt()).isEqualTo(1);
            assertThat(call(registry, "GET", "/subjects", null).body().toString())
                    .isEqualTo("[\"orders-value\",\"archive-value\",\"customers-value\"]");
            assertThat(registry.requestCount("POST", "/subjects/orders-value/versions")).isEqualTo(3);
        }
    }

    @Test
    void answersTheConfluentErrorCodesClientsTellApart() throws Exception {
        try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
            call(registry, "POST", "/subjects/orders-value/versions", schemaBody(ORDER_V1));

            Answer incompatible = call(registry, "POST", "/subjects/orders-value/versions", schemaBody(ORDER_BROKEN));
            Answer check = call(registry, "POST", "/compatibility/subjects/orders-value/versions/latest",
                    schemaBody(ORDER_BROKEN));
            Answer unknownId = call(registry, "GET", "/schemas/ids/99", null);
            Answer unknownSubject = call(registry, "GET", "/subjects/nothing-value/versions/latest", null);
            Answer notAvro = call(registry, "POST", "/subjects/orders-value/versions",
                    JSON.createObjectNode().put("schema", "{\"type\": \"recrd\"}"));
            Answer unknownPath = call(registry, "GET", "/contexts", null);
            System.out.printf("incompatible %d %s%nunknown id %d %s%nunknown subject %d %s%nnot avro %d %s%n",
                    incompatible.status(), incompatible.body(), unknownId.status(), unknownId.body(),
                    unknownSubject.status(), unknownSubject.body(), notAvro.status(), notAvro.body());

            assertThat(incompatible.status()).isEqualTo(409);
            assertThat(incompatible.body().get("message").asText()).contains("incompatible").contains("placedAt");
            assertThat(check.body().get("is_compatible").asBoolean()).isFalse();
            assertThat(unknownId.status()).isEqualTo(404);
            assertThat(unknownId.body().get("error_code").asInt()).isEqualTo(40403);
            assertThat(unknownSubject.body().get("error_code").asInt()).isEqualTo(40401);
            assertThat(notAvro.status()).isEqualTo(422);
            assertThat(notAvro.body().get("error_code").asInt()).isEqualTo(42201);
            assertThat(unknownPath.status()).isEqualTo(404);

            Answer none = call(registry, "PUT", "/config/orders-value", JSON.createObjectNode().put("compatibility", "NONE"));
            assertThat(none.body().get("compatibility").asText()).isEqualTo("NONE");
            assertThat(call(registry, "POST", "/subjects/orders-value/versions", schemaBody(ORDER_BROKEN)).status())
                    .as("anything goes under NONE").isEqualTo(200);
        }
    }

    @Test
    void withBasicAuthAnswersOnlyTheRightCredentials() throws Exception {
        try (TestSchemaRegistry registry = TestSchemaRegistry.withBasicAuth("demo:secret")) {
            String right = "Basic " + Base64.getEncoder().encodeToString("demo:secret".getBytes(StandardCharsets.UTF_8));
            String wrong = "Basic " + Base64.getEncoder().encodeToString("demo:guess".getBytes(StandardCharsets.UTF_8));

            assertThat(call(registry, "GET", "/subjects", null).status()).isEqualTo(401);
            assertThat(call(registry, "GET", "/subjects", null, wrong).status()).isEqualTo(401);
            assertThat(call(registry, "GET", "/subjects", null, right).status()).isEqualTo(200);
        }
    }

    @Test
    void aPersistentRegistryGivesEverySchemaItsIdAgainAfterARestart() throws Exception {
        Path journal = dir.resolve("registry").resolve("schemas.jsonl");
        try (TestSchemaRegistry registry = TestSchemaRegistry.persistent(0, journal)) {
            call(registry, "POST", "/subjects/customers-value/versions", schemaBody(CUSTOMER));
            call(registry, "POST", "/subjects/orders-value/versions", schemaBody(ORDER_V1));
            call(registry, "PUT", "/config/orders-value", JSON.createObjectNode().put("compatibility", "NONE"));
            call(registry, "POST", "/subjects/orders-value/versions", schemaBody(ORDER_BROKEN));
        }
        System.out.println("journal:\n" + Files.readString(journal));
        assertThat(Files.readAllLines(journal)).hasSize(4);

        try (TestSchemaRegistry restarted = TestSchemaRegistry.persistent(0, journal)) {
            assertThat(restarted.schema(1)).hasValue(CUSTOMER);
            assertThat(restarted.schema(2)).hasValue(ORDER_V1);
            assertThat(restarted.schema(3)).hasValue(ORDER_BROKEN);
            assertThat(call(restarted, "GET", "/subjects/orders-value/versions", null).body().toString()).isEqualTo("[1,2]");
            assertThat(call(restarted, "GET", "/config/orders-value", null).body().get("compatibilityLevel").asText())
                    .isEqualTo("NONE");
            assertThat(call(restarted, "POST", "/subjects/archive-value/versions", schemaBody(ORDER_V2))
                    .body().get("id").asInt()).as("new schemas are numbered after the earlier ones").isEqualTo(4);
            assertThat(restarted.requests()).as("the replay is no request").hasSize(3);
        }
        assertThat(Files.readAllLines(journal)).as("the replay appends nothing, the new version does").hasSize(5);
    }

    @Test
    void aJournalItDidNotWriteStopsItWithTheLineNumber() throws IOException {
        Path journal = dir.resolve("schemas.jsonl");
        Files.writeString(journal, "{\"subject\":\"orders-value\",\"schema\":\"\\\"string\\\"\"}\n{\"subject\":\"x\"}\n");

        assertThatThrownBy(() -> TestSchemaRegistry.persistent(0, journal))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Line 2 of the schema registry's journal " + journal);
    }
}
