package io.streamsuite.topologies.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.errors.DeadLetterCounter;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.serde.avro.SchemaRegistryUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** What the global thread does with values it cannot decode: the record's problem, or an outage to wait out. */
class TableUpdaterTest {

    static final String TOPIC = "updater-names";
    static final String STORE = "updater-names-store";

    /** Fails "outage" values twice with an unreachable registry, then reads them; throws a plain bug on "garbage". */
    static final class FlakySerde implements Serde<String> {
        final AtomicInteger outages = new AtomicInteger();

        @Override
        public org.apache.kafka.common.serialization.Serializer<String> serializer() {
            return new StringSerializer();
        }

        @Override
        public Deserializer<String> deserializer() {
            return (topic, data) -> {
                String text = new String(data, StandardCharsets.UTF_8);
                if (text.equals("garbage")) {
                    throw new IllegalArgumentException("no name in garbage");
                }
                if (text.equals("outage") && outages.incrementAndGet() <= 2) {
                    throw new SchemaRegistryUnavailableException("registry down", null);
                }
                return text;
            };
        }
    }

    static final class NameUpdater extends TableUpdater<String> {
        NameUpdater(TopicSpec<String, String> source) {
            super(STORE, source);
        }
    }

    @Test
    void aValueThatCannotBeDecodedIsRemovedAndCountedAndAnOutageIsWaitedOut() {
        FlakySerde serde = new FlakySerde();
        TopicSpec<String, String> source = new TopicSpec<>(TOPIC, Serdes.String(), serde);
        StreamsBuilder builder = new StreamsBuilder();
        TableUpdater.addGlobalTable(builder, Stores.inMemoryKeyValueStore(STORE), source, Serdes.String(),
                () -> new NameUpdater(source));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "updater-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        long before = DeadLetterCounter.count(new DeadLetterCounter.Key(TOPIC, DeadLetterCounter.UNDECODABLE));

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> names = driver.createInputTopic(TOPIC, new StringSerializer(), new StringSerializer());
            names.pipeInput("a", "anna");
            names.pipeInput("a", "garbage");
            names.pipeInput("b", "outage");
            KeyValueStore<String, String> store = driver.getKeyValueStore(STORE);

            assertThat(store.get("a")).as("removed like a tombstone").isNull();
            assertThat(store.get("b")).as("read after the outage").isEqualTo("outage");
            assertThat(serde.outages).hasValue(3);
            assertThat(DeadLetterCounter.count(new DeadLetterCounter.Key(TOPIC, DeadLetterCounter.UNDECODABLE)) - before)
                    .isEqualTo(1);
        }
    }
}
