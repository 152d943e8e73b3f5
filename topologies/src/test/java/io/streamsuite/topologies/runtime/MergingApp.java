package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.serde.TopicSpec;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** A stateless app whose one input may be configured as a list or a pattern: every event, from any topic, out again. */
final class MergingApp implements StreamsApp {

    static final TopicDef EVENTS = TopicDef.input("merge-events", "events of every type, one topic per type");
    static final TopicDef MERGED = TopicDef.output("merge-merged", "every event, tagged with its source topic");

    @Override
    public String name() {
        return "merging-app";
    }

    @Override
    public String configPrefix() {
        return "merging.";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of();
    }

    @Override
    public List<TopicDef> topics() {
        return List.of(EVENTS, MERGED);
    }

    static TopicSpec<String, String> events(AppContext context) {
        return context.topic(EVENTS, Serdes.String(), Serdes.String());
    }

    static TopicSpec<String, String> merged(AppContext context) {
        return context.topic(MERGED, Serdes.String(), Serdes.String());
    }

    @Override
    public Topology buildTopology(AppContext context) {
        TopicSpec<String, String> merged = merged(context);
        StreamsBuilder builder = context.streamsBuilder();
        events(context).stream(builder, "merge-events-source")
                .processValues(SourceTopicTagger::new, Named.as("merge-tag-topic"))
                .to(merged.name(), merged.produced("merge-merged-sink"));
        return builder.build();
    }

    /** Prefixes each value with the topic it was read from, e.g. {@code clicks-views:v1}. */
    static final class SourceTopicTagger implements FixedKeyProcessor<String, String, String> {

        private FixedKeyProcessorContext<String, String> context;

        @Override
        public void init(FixedKeyProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, String> record) {
            String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("?");
            context.forward(record.withValue(topic + ":" + record.value()));
        }
    }
}
