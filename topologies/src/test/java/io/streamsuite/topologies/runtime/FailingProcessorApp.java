package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.kstream.TableUpdater;
import io.streamsuite.topologies.serde.TopicSpec;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * A stateless app with a processor that throws on values starting with {@code boom}, and a global table whose updater
 * throws on such values too: a record that is valid input but that the code cannot handle.
 */
final class FailingProcessorApp implements StreamsApp {

    static final TopicDef WORDS = TopicDef.input("failing-words", "words");
    static final TopicDef SHOUTED = TopicDef.output("failing-shouted", "the words in capitals");
    static final TopicDef NAMES = TopicDef.table("failing-names", "a reference table");
    static final String UPPER = "failing-upper";
    static final String NAMES_STORE = "failing-names-store";

    @Override
    public String name() {
        return "failing-app";
    }

    @Override
    public String configPrefix() {
        return "failing.";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of();
    }

    @Override
    public List<TopicDef> topics() {
        return List.of(WORDS, SHOUTED, NAMES);
    }

    static TopicSpec<String, String> words(AppContext context) {
        return context.topic(WORDS, Serdes.String(), Serdes.String());
    }

    static TopicSpec<String, String> shouted(AppContext context) {
        return context.topic(SHOUTED, Serdes.String(), Serdes.String());
    }

    static TopicSpec<String, String> names(AppContext context) {
        return context.topic(NAMES, Serdes.String(), Serdes.String());
    }

    @Override
    public Topology buildTopology(AppContext context) {
        TopicSpec<String, String> shouted = shouted(context);
        StreamsBuilder builder = context.streamsBuilder();
        TopicSpec<String, String> names = names(context);
        TableUpdater.addGlobalTable(builder, Stores.inMemoryKeyValueStore(NAMES_STORE), names, () -> new NamesUpdater(names));
        words(context).stream(builder, "failing-words-source")
                .mapValues(FailingProcessorApp::shout, Named.as(UPPER))
                .to(shouted.name(), shouted.produced("failing-shouted-sink"));
        return builder.build();
    }

    static String shout(String word) {
        if (word.startsWith("boom")) {
            throw new IllegalStateException("cannot shout " + word);
        }
        return word.toUpperCase(java.util.Locale.ROOT);
    }

    /** Stores names as they are, but throws on a value that starts with {@code boom}. */
    static final class NamesUpdater extends TableUpdater<String> {

        NamesUpdater(TopicSpec<String, String> names) {
            super(NAMES_STORE, names);
        }

        @Override
        protected void onValue(String key, String value) {
            store().put(key, shout(value));
        }
    }
}
