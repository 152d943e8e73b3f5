package io.streamsuite.topologies.serde.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.sample.avro.Order;
import io.streamsuite.schemaregistry.TestSchemaRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

    private static final Schema ORDER = Order.getClassSchema();
    private static final Schema INCOMPATIBLE = SchemaBuilder.record("Order").namespace("io.streamsuite.topologies.sample.avro")
            .fields().requiredInt("orderId").endRecord();

    private final TestSchemaRegistry registry = TestSchemaRegistry.start();

    @AfterEach
    void stop() {
        registry.close();
    }

    private SchemaRegistryClient client(RegistryConfig config) {
        return new SchemaRegistryClient(config.withRequestTimeout(Duration.ofSeconds(2)));
    }

    private SchemaRegistryClient client() {
        return client(RegistryConfig.of(URI.create(registry.url())));
    }

    @Test
    void registersOncePerSchemaAndRemembersBothWays() {
        SchemaRegistryClient client = client();

        int id = client.register("orders-value", ORDER);
        int again = client.register("orders-value", ORDER);
        Schema byId = client.schemaById(id);

        assertThat(again).isEqualTo(id);
        assertThat(byId).isEqualTo(ORDER);
        assertThat(registry.requests()).hasSize(1);
        assertThat(registry.schema(id)).contains(ORDER);
    }

    @Test
    void fetchesASchemaByIdOnce() {
        int id = registry.register("orders-value", ORDER);
        SchemaRegistryClient client = client();

        for (int i = 0; i < 100; i++) {
            assertThat(client.schemaById(id)).isEqualTo(ORDER);
        }

        assertThat(registry.requestCount("GET", "/schemas/ids/" + id)).isEqualTo(1);
    }

    @Test
    void looksUpWithoutRegistering() {
        int id = registry.register("orders-value", ORDER);

        assertThat(client().lookUp("orders-value", ORDER)).isEqualTo(id);
        assertThat(registry.requests()).containsExactly(new TestSchemaRegistry.Request("POST", "/subjects/orders-value"));
    }

    @Test
    void saysWhenALookedUpSchemaIsNotRegistered() {
        assertThatThrownBy(() -> client().lookUp("orders-value", ORDER))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageStartingWith("Subject orders-value does not exist in the schema registry and"
                        + " auto.register.schemas=false: register it first, or allow the app to: HTTP 404");
        registry.register("orders-value", INCOMPATIBLE);
        registry.setCompatibility("orders-value", "NONE");
        assertThatThrownBy(() -> client().lookUp("orders-value", ORDER))
                .hasMessageStartingWith("Schema io.streamsuite.topologies.sample.avro.Order is not registered under"
                        + " subject orders-value");
    }

    @Test
    void anUnknownIdIsUndecodableInput() {
        assertThatThrownBy(() -> client().schemaById(77))
                .isInstanceOf(UndecodableAvroException.class)
                .hasMessage("Unknown schema id 77: the schema registry at " + registry.url() + "/ has no such schema"
                        + " (error 40403); was the record written against another registry?");
    }

    @Test
    void anIncompatibleSchemaIsRefusedWithTheRegistrysReason() {
        registry.register("orders-value", ORDER);

        assertThatThrownBy(() -> client().register("orders-value", INCOMPATIBLE))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageStartingWith("Schema io.streamsuite.topologies.sample.avro.Order is incompatible with the versions"
                        + " of subject orders-value (compatibility level of the subject): HTTP 409 Schema being registered is"
                        + " incompatible")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).status()).isEqualTo(409));
    }

    @Test
    void readsTheLatestVersionOnce() {
        registry.register("orders-value", ORDER);
        SchemaRegistryClient client = client();

        SchemaRegistryClient.RegisteredSchema latest = client.latest("orders-value");
        client.latest("orders-value");
        client.schemaById(latest.id());

        assertThat(latest.version()).isEqualTo(1);
        assertThat(latest.schema()).isEqualTo(ORDER);
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void authenticatesWithUserInfo() {
        try (TestSchemaRegistry secured = TestSchemaRegistry.withBasicAuth("app:s3cret")) {
            RegistryConfig config = RegistryConfig.of(URI.create(secured.url()));

            assertThat(client(config.withUserInfo("app:s3cret")).register("orders-value", ORDER)).isEqualTo(1);
            assertThatThrownBy(() -> client(config.withUserInfo("app:wrong")).register("orders-value", ORDER))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("HTTP 401 Unauthorized")
                    .hasMessageEndingWith("check basic.auth.credentials.source and basic.auth.user.info")
                    .hasMessageNotContaining("s3cret").hasMessageNotContaining("wrong");
        }
    }

    @Test
    void authenticatesWithTheUserInfoOfTheUrl() {
        try (TestSchemaRegistry secured = TestSchemaRegistry.withBasicAuth("app:s3cret")) {
            URI url = URI.create("http://app:s3cret@" + secured.url().substring("http://".length()));

            assertThat(client(RegistryConfig.of(url)).register("orders-value", ORDER)).isEqualTo(1);
        }
    }

    @Test
    void failsOverToTheNextUrlAndStaysThere() throws IOException {
        URI dead = URI.create("http://127.0.0.1:" + freePort());
        SchemaRegistryClient client = client(RegistryConfig.of(dead, URI.create(registry.url())));

        int id = client.register("orders-value", ORDER);
        client.register("other-value", ORDER);

        assertThat(id).isEqualTo(1);
        assertThat(registry.requests()).hasSize(2);
    }

    @Test
    void anUnreachableRegistryIsRetriableAndNamed() throws IOException {
        int port = freePort();
        SchemaRegistryClient client = client(RegistryConfig.of(URI.create("http://127.0.0.1:" + port)));

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .isInstanceOf(org.apache.kafka.common.errors.RetriableException.class)
                .hasMessage("Schema registry unreachable (3 attempts at 1 URL(s), schema.registry.url): http://127.0.0.1:"
                        + port + "/schemas/ids/1: connection refused");
    }

    @Test
    void aRegistryBackWithinTheOutageWaitIsWaitedFor() throws Exception {
        int id = registry.register("orders-value", ORDER);
        int port = registry.port();
        Path journal = Files.createTempFile("registry", ".journal");
        // the registry that comes back: a journal with the same first registration, so the same id
        try (TestSchemaRegistry stopped = TestSchemaRegistry.persistent(0, journal)) {
            assertThat(stopped.register("orders-value", ORDER)).isEqualTo(id);
        }
        SchemaRegistryClient client = client(RegistryConfig.of(URI.create("http://127.0.0.1:" + port))
                .withOutageWait(Duration.ofSeconds(20)));
        registry.close();
        CompletableFuture<Schema> read = CompletableFuture.supplyAsync(() -> client.schemaById(id));
        Thread.sleep(1_000); // the client is now trying again and again
        assertThat(read).as("waiting for the registry").isNotDone();
        try (TestSchemaRegistry back = TestSchemaRegistry.persistent(port, journal)) {
            assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(ORDER);
        } finally {
            Files.deleteIfExists(journal);
        }
    }

    @Test
    void aRegistryGoneLongerThanTheOutageWaitFailsAfterIt() throws IOException {
        int port = freePort();
        SchemaRegistryClient client = client(RegistryConfig.of(URI.create("http://127.0.0.1:" + port))
                .withOutageWait(Duration.ofMillis(1_500)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.schemaById(1)).isInstanceOf(SchemaRegistryUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1_500), Duration.ofSeconds(10));
    }

    @Test
    void aServerThatIsNotARegistryIsNamed() {
        SchemaRegistryClient client = client(RegistryConfig.of(URI.create(registry.url() + "/not-the-api")));

        assertThatThrownBy(() -> client.register("orders-value", ORDER))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("HTTP 404");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
