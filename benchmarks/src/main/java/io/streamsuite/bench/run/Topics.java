package io.streamsuite.bench.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/** The few admin calls the benchmark makes: create topics, read end offsets, wait for a group to settle. */
public final class Topics {

    private final Admin admin;
    private final int partitions;

    public Topics(Admin admin, int partitions) {
        this.admin = admin;
        this.partitions = partitions;
    }

    /** Creates the topics (a topic that exists is left as it is) and waits until every partition has a leader. */
    public void create(String... names) {
        for (String name : names) {
            create(name, Map.of());
        }
    }

    /** Creates a topic with these configs (e.g. {@code retention.ms=-1} for history older than a week). */
    public void create(String name, Map<String, String> configs) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) -1).configs(configs)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + name + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException | InterruptedException e) {
            throw new IllegalStateException("Cannot create topic " + name + ": " + e, e);
        }
        awaitLeaders(name);
    }

    /**
     * A producer that writes to a partition before its leader is known to every part of the broker retries, and an
     * idempotent one can then spin on out-of-order sequence errors: wait for the leaders first.
     */
    private void awaitLeaders(String name) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                var description = admin.describeTopics(List.of(name)).allTopicNames().get(30, TimeUnit.SECONDS).get(name);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
                Thread.sleep(100);
            } catch (ExecutionException | TimeoutException notYet) {
                // not yet known to the broker answering: ask again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the leaders of " + name, e);
            }
        }
        throw new IllegalStateException("Topic " + name + " has partitions without a leader after 30 s");
    }

    /** Deletes the topics that exist among {@code names}: what one drain or latency run wrote, once it is measured. */
    public void delete(java.util.Collection<String> names) {
        java.util.Set<String> existing = new java.util.HashSet<>(names());
        existing.retainAll(names);
        if (existing.isEmpty()) {
            return;
        }
        try {
            admin.deleteTopics(existing).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw new IllegalStateException("Cannot delete topics " + existing + ": " + e, e);
        }
    }

    public Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw new IllegalStateException("Cannot read the end offsets of " + topic + ": " + e, e);
        }
    }

    /** Every topic of the cluster, internal ones of the apps included (not Kafka's own). */
    public java.util.Set<String> names() {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw new IllegalStateException("Cannot list topics: " + e, e);
        }
    }

    public static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Blocks until {@code group} is stable with at least one member, i.e. its partitions are assigned. */
    public void awaitStable(String group, JavaProcess process, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " ended at start; its log ends:\n" + process.logTail());
            }
            try {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                        .get(10, TimeUnit.SECONDS).get(group);
                if (description.groupState() == GroupState.STABLE && !description.members().isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException notYet) {
                // the group does not exist until the first member joins
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(group + " did not join its group within " + timeoutMillis + " ms; its log ends:\n"
                + process.logTail());
    }
}
