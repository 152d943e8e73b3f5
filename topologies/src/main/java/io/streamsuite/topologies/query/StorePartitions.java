package io.streamsuite.topologies.query;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many partitions a state store has: those of its changelog topic, one per task, as the cluster tells it.
 *
 * <p>Kafka Streams 4.4 hashes a key to a partition with the count it sees in the group's last assignment. Under
 * {@code group.protocol=streams} that count leaves out a task that is moving between instances, so a key can hash to
 * the wrong partition, on an instance that answers "not found" for a key it does not hold (KAFKA-20887, open). Asking
 * the changelog instead gives the count the data was written with.
 */
@FunctionalInterface
public interface StorePartitions {

    /** The store's partition count; empty when it cannot be known here (no changelog), and Streams' own count is used. */
    OptionalInt count(String storeName);

    /** Never known: queries use Kafka Streams' count, as for a client without a broker. */
    static StorePartitions unknown() {
        return storeName -> OptionalInt.empty();
    }

    /**
     * Asks the cluster for {@code <application.id>-<store>-changelog} until it has a count, and then remembers it: a
     * running app's partition counts do not change.
     *
     * @param streamsConfig the Streams client's configuration, for the connection and the application id
     */
    static StorePartitions fromChangelogs(StreamsConfig streamsConfig) {
        return new ChangelogLookup(streamsConfig);
    }

    /** The cluster's answers. */
    final class ChangelogLookup implements StorePartitions {

        private static final Logger LOG = LoggerFactory.getLogger(StorePartitions.class);
        /** A query waits for this at most, once per store; it answers 503 if the cluster is slower. */
        private static final Duration TIMEOUT = Duration.ofSeconds(5);

        private final StreamsConfig streamsConfig;
        private final Map<String, Integer> counts = new ConcurrentHashMap<>();

        private ChangelogLookup(StreamsConfig streamsConfig) {
            this.streamsConfig = streamsConfig;
        }

        /**
         * A count is remembered; "no changelog" is not, since a query can come before Streams has created the
         * changelog, at the first start, and an instance that believed it missing would answer its part of a list
         * without naming its partitions, which the gatherer refuses. Only a store without a changelog (none of the
         * apps' queried stores) pays a lookup per query.
         */
        @Override
        public OptionalInt count(String storeName) {
            Integer known = counts.get(storeName);
            if (known != null) {
                return OptionalInt.of(known);
            }
            OptionalInt found = describe(storeName);
            found.ifPresent(count -> counts.put(storeName, count));
            return found;
        }

        private OptionalInt describe(String storeName) {
            String applicationId = streamsConfig.getString(StreamsConfig.APPLICATION_ID_CONFIG);
            String changelog = applicationId + "-" + storeName + "-changelog";
            Map<String, Object> config = streamsConfig.getAdminConfigs(applicationId + "-queries");
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, applicationId + "-queries");
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            try (Admin admin = Admin.create(config)) {
                return OptionalInt.of(admin.describeTopics(List.of(changelog)).allTopicNames()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(changelog).partitions().size());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    LOG.debug("Store {} has no changelog {}; its queries use Kafka Streams' partition count", storeName, changelog);
                    return OptionalInt.empty();
                }
                throw new StoreUnavailableException("the partitions of store " + storeName + " are not known yet: "
                        + e.getCause().getMessage());
            } catch (TimeoutException e) {
                throw new StoreUnavailableException("the partitions of store " + storeName + " are not known yet: the cluster"
                        + " did not answer within " + TIMEOUT.toSeconds() + " s");
            } catch (KafkaException e) {
                throw new StoreUnavailableException("the partitions of store " + storeName + " are not known yet: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("interrupted while asking for the partitions of store " + storeName);
            }
        }
    }

    /** The count cannot be known now; a query answers 503 and is asked again. */
    final class StoreUnavailableException extends RuntimeException {

        StoreUnavailableException(String message) {
            super(message);
        }
    }
}
