package io.streamsuite.topologies.watermark;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * How many source partitions feed a {@link WatermarkMerge}: the partition count of the repartition topic that its
 * partials travel on, which Kafka Streams sizes to the number of tasks writing to it.
 */
@FunctionalInterface
public interface SourcePartitions {

    /**
     * @param topic      the full name of a topic
     * @param appConfigs the Streams client's configuration, for the connection
     */
    int count(String topic, Map<String, Object> appConfigs);

    /** A fixed count, for a {@code TopologyTestDriver}, whose topics have one partition and no broker to ask. */
    static SourcePartitions fixed(int count) {
        return (topic, appConfigs) -> count;
    }

    /** Asks the cluster once per topic and process; a topic's partition count of a running app does not change. */
    static SourcePartitions fromMetadata() {
        return Lookup.INSTANCE;
    }

    /** The cluster's answer, remembered. */
    final class Lookup implements SourcePartitions {

        private static final Lookup INSTANCE = new Lookup();
        private static final Duration TIMEOUT = Duration.ofSeconds(60);

        private final Map<String, Integer> counts = new ConcurrentHashMap<>();

        private Lookup() {
        }

        @Override
        public int count(String topic, Map<String, Object> appConfigs) {
            String at = appConfigs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG) + "/" + topic;
            return counts.computeIfAbsent(at, ignored -> describe(topic, appConfigs));
        }

        private static int describe(String topic, Map<String, Object> appConfigs) {
            Map<String, Object> config = new StreamsConfig(appConfigs).getAdminConfigs("watermark-merge");
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, appConfigs.get(StreamsConfig.APPLICATION_ID_CONFIG)
                    + "-watermark-merge");
            try (Admin admin = Admin.create(config)) {
                return admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .get(topic).partitions().size();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamsException("Interrupted while counting the partitions of " + topic, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new StreamsException("Could not count the partitions of " + topic, e);
            }
        }
    }
}
