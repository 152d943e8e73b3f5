package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.query.StoreQuery;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.Topology;

/**
 * What an app supplies; the {@link StreamsRunner} does everything else (config, topics, lifecycle).
 *
 * <p>{@link #buildTopology} must be a pure function of the context: tests call the same method {@code main}
 * uses, and it never touches {@code KafkaStreams} or the network.
 */
public interface StreamsApp {

    /** The module name, e.g. {@code fraud-detection}: the default {@code application.id} and the log tag. */
    String name();

    /** The namespace of the app's own keys, e.g. {@code fraud.}: an unknown key in it stops the app. */
    String configPrefix();

    /** The app's own settings, all inside {@link #configPrefix()}. */
    List<Setting<?>> settings();

    /** Every topic the app reads or writes, created or verified at start. */
    List<TopicDef> topics();

    /** Defaults for Kafka or shared keys that differ from the runner's (lowest precedence). */
    default Map<String, String> defaults() {
        return Map.of();
    }

    /**
     * The interactive queries the app serves over HTTP beside health and metrics, each answered by whichever instance
     * holds the data. They may depend on the app's settings, as its topology does.
     */
    default List<StoreQuery> queries(AppContext context) {
        return List.of();
    }

    /** Builds the processing topology from validated settings. */
    Topology buildTopology(AppContext context);
}
