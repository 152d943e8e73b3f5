package io.streamsuite.topologies.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.Test;

/** {@link TopicSpec#stream} for one topic, a list and a pattern, through Kafka's own test driver. */
class TopicSpecTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Reads the spec as one stream, tags each value with the processor it passed, and writes it to {@code out}. */
    static Topology merging(String configured) {
        TopicSpec<String, String> in = new TopicSpec<>(configured, Serdes.String(), Serdes.String());
        StreamsBuilder builder = new StreamsBuilder();
        in.stream(builder, "events-source")
                .mapValues(value -> "seen:" + value, Named.as("events-tag"))
                .to("out", new TopicSpec<>("out", Serdes.String(), Serdes.String()).produced("out-sink"));
        return builder.build();
    }

    static TopologyTestDriver driver(Topology topology) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topic-spec-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/topic-spec-" + System.nanoTime());
        return new TopologyTestDriver(topology, props, T0);
    }

    static void pipe(TopologyTestDriver driver, String topic, String key, String value) {
        driver.createInputTopic(topic, new StringSerializer(), new StringSerializer()).pipeInput(key, value, T0);
    }

    static TestOutputTopic<String, String> out(TopologyTestDriver driver) {
        return driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer());
    }

    static TopologyDescription.Source source(Topology topology) {
        return topology.describe().subtopologies().iterator().next().nodes().stream()
                .filter(TopologyDescription.Source.class::isInstance).map(TopologyDescription.Source.class::cast)
                .findFirst().orElseThrow();
    }

    @Test
    void oneTopicIsReadAsBeforeWithTheSameTopology() {
        Topology topology = merging("clicks");
        StreamsBuilder builder = new StreamsBuilder();
        TopicSpec<String, String> spec = new TopicSpec<>("clicks", Serdes.String(), Serdes.String());
        builder.stream(spec.name(), spec.consumed("events-source"))
                .mapValues(value -> "seen:" + value, Named.as("events-tag"))
                .to("out", spec.produced("out-sink"));
        assertThat(topology.describe()).as("stream(builder, name) == builder.stream(name(), consumed(name))")
                .isEqualTo(builder.build().describe());
        try (TopologyTestDriver driver = driver(topology)) {
            pipe(driver, "clicks", "k", "v");
            assertThat(out(driver).readKeyValuesToList()).containsExactly(KeyValue.pair("k", "seen:v"));
        }
    }

    @Test
    void recordsOfEveryListedTopicArriveMergedThroughOneSource() {
        Topology topology = merging("clicks-views, clicks-carts");
        assertThat(source(topology).name()).isEqualTo("events-source");
        assertThat(source(topology).topicSet()).containsExactlyInAnyOrder("clicks-views", "clicks-carts");
        try (TopologyTestDriver driver = driver(topology)) {
            pipe(driver, "clicks-views", "u1", "view");
            pipe(driver, "clicks-carts", "u1", "cart");
            pipe(driver, "clicks-views", "u2", "view");
            assertThat(out(driver).readKeyValuesToList()).containsExactly(
                    KeyValue.pair("u1", "seen:view"), KeyValue.pair("u1", "seen:cart"), KeyValue.pair("u2", "seen:view"));
            assertThatThrownBy(() -> pipe(driver, "clicks-orders", "u3", "order"))
                    .as("a topic not in the list is not read").isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aPatternSubscribesOneSourceToEveryMatchingTopic() {
        Topology topology = merging("clicks-(views|carts)");
        assertThat(source(topology).topicPattern()).isNotNull();
        assertThat(source(topology).topicPattern().pattern()).isEqualTo("clicks-(views|carts)");
        assertThat(source(topology).topicSet()).isNull();
        // the test driver of Kafka 4.3 routes a record to a pattern source when its topic matches the whole pattern
        try (TopologyTestDriver driver = driver(topology)) {
            pipe(driver, "clicks-views", "u1", "view");
            pipe(driver, "clicks-carts", "u1", "cart");
            assertThat(out(driver).readKeyValuesToList()).containsExactly(
                    KeyValue.pair("u1", "seen:view"), KeyValue.pair("u1", "seen:cart"));
            assertThatThrownBy(() -> pipe(driver, "clicks-orders", "u1", "order"))
                    .as("a topic the pattern does not match is not read").isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> pipe(driver, "clicks-views-v2", "u1", "view"))
                    .as("the whole name must match").isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void topicsInterpretsTheConfiguredValue() {
        assertThat(new TopicSpec<>("a,b", Serdes.String(), Serdes.String()).topics()).isEqualTo(TopicNames.of("a", "b"));
        assertThat(new TopicSpec<>("a.*", Serdes.String(), Serdes.String()).topics().isPattern()).isTrue();
        assertThat(new TopicSpec<>("a , b", Serdes.String(), Serdes.String()).name()).as("name() is the raw value")
                .isEqualTo("a , b");
    }
}
