package io.streamsuite.topologies.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.ops.HttpRequest;
import io.streamsuite.topologies.ops.HttpResponse;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.sample.SampleApp;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;

/** What a query answers while no store can be asked; the answers of a running group are in {@code InteractiveQueriesIT}. */
class QueryRoutesTest {

    final StoreQuery byKey = new SampleApp().queries(
            ConfiguredApp.of(new SampleApp(), Map.of("bootstrap.servers", "localhost:1")).context()).get(0);
    final HttpRequest request = new HttpRequest("/customers/c1", Map.of("customer", "c1"), Map.of(), Map.of());

    @Test
    void beforeTheClientExistsTheAnswerIs503WithRetryAfter() {
        HttpResponse answer = new QueryRoutes(() -> null, new HostInfo("localhost", 7070), StorePartitions.unknown()).answer(byKey, request);
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers()).containsEntry("Retry-After", "1");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":\"the app is starting; stores are queryable once it runs\"}");
    }

    @Test
    void aClientThatIsNotRunningAnswers503WithItsState() {
        ConfiguredApp app = ConfiguredApp.of(new SampleApp(), Map.of("bootstrap.servers", "localhost:1"));
        try (KafkaStreams created = new KafkaStreams(app.topology(), app.streamsProperties())) {
            HttpResponse answer = new QueryRoutes(() -> created, new HostInfo("localhost", 7070), StorePartitions.unknown()).answer(byKey, request);
            assertThat(answer.status()).isEqualTo(503);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"error\":\"the app is CREATED; stores are queryable once it runs\"}");
        }
    }

    @Test
    void aKeyIsLookedForInThePartitionTheProducerWroteItToWhateverCountStreamsSees() {
        Serializer<String> keys = Serdes.String().serializer();
        for (int k = 0; k < 1000; k++) {
            String key = "card-" + k;
            int written = BuiltInPartitioner.partitionForKey(keys.serialize("t", key), 6);
            // 5: Streams' count under group.protocol=streams while one of six tasks moves (KAFKA-20887)
            assertThat(QueryRoutes.overPartitions(6).partitions("t", key, null, 5)).as(key).contains(Set.of(written));
        }
    }

    @Test
    void aQueryByKeyNeedsExactlyOneKeyInItsPath() {
        assertThatThrownBy(() -> StoreQuery.byKey("/customers", "store", QueryableStoreTypes.keyValueStore(), (store, key) -> null))
                .hasMessage("a query by key needs exactly one {name} segment in its path: /customers");
        assertThatThrownBy(() -> StoreQuery.byKey("/a/{x}/{y}", "store", QueryableStoreTypes.keyValueStore(), (store, key) -> null))
                .hasMessage("a query by key needs exactly one {name} segment in its path: /a/{x}/{y}");
    }
}
