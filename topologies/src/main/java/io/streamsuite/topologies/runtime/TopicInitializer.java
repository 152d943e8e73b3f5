package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.InvalidConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the app's topics exist before Streams starts: Streams would otherwise wait for a missing input
 * forever or fail at the first write. Creates what is missing when allowed, refuses to start when not.
 *
 * <p>Every topic of an input's list is a topic like any other here. An input's pattern names no topic to create: it
 * reports which existing topics match, and warns if none does yet, since Streams also reads matching topics created
 * later.
 */
final class TopicInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);

    /** A topic to verify or create. */
    record Wanted(String name, boolean compacted) {
    }

    /** An input pattern to report on, by the setting that configures it. */
    record WantedPattern(String setting, Pattern pattern) {
    }

    private final Admin admin;
    private final Duration timeout;

    TopicInitializer(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * @param patterns input patterns: the existing topics each matches are logged, none is created
     * @throws InvalidConfigException when topics are missing and creation is off
     * @throws StartupException       when Kafka cannot be reached or refuses the creation
     */
    void ensure(List<Wanted> wanted, List<WantedPattern> patterns, boolean create, int partitions, int replicationFactor) {
        Set<String> existing = await(admin.listTopics().names(), "list topics");
        patterns.forEach(pattern -> report(pattern, existing));
        List<Wanted> missing = wanted.stream().filter(topic -> !existing.contains(topic.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        Set<String> names = new TreeSet<>(missing.stream().map(Wanted::name).toList());
        if (!create) {
            throw new InvalidConfigException("Missing topics " + String.join(", ", names)
                    + ": create them, or set topics.create=true to let the app create them");
        }
        List<NewTopic> newTopics = new ArrayList<>();
        for (Wanted topic : missing) {
            NewTopic newTopic = new NewTopic(topic.name(), Optional.of(partitions),
                    replicationFactor < 0 ? Optional.empty() : Optional.of((short) replicationFactor));
            if (topic.compacted()) {
                newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            newTopics.add(newTopic);
        }
        admin.createTopics(newTopics).values().forEach((name, future) -> {
            try {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Created topic {} ({} partitions)", name, partitions);
            } catch (ExecutionException e) {
                // another instance starting at the same moment may have won the race
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new StartupException("Cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new StartupException("Kafka did not confirm creation of topic " + name + " within " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("Interrupted while creating topics", e);
            }
        });
    }

    private static void report(WantedPattern wanted, Set<String> existing) {
        List<String> matching = new TreeSet<>(existing).stream()
                .filter(topic -> wanted.pattern().matcher(topic).matches())
                .toList();
        if (matching.isEmpty()) {
            LOG.warn("No topic matches {}={} yet; the app will read matching topics as they are created",
                    wanted.setting(), wanted.pattern().pattern());
        } else {
            LOG.info("{}={} matches {} topic(s): {}", wanted.setting(), wanted.pattern().pattern(), matching.size(),
                    String.join(", ", matching));
        }
    }

    private <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new StartupException("Cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new StartupException("Cannot reach Kafka to " + what + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("Interrupted while trying to " + what, e);
        }
    }
}
