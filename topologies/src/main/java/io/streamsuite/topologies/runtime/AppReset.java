package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.InvalidConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * {@code --reset}: makes the next start of the app reprocess its inputs from the beginning, as if it had never run, or
 * from a replay point ({@link ResetTarget}) as if it had been deployed there.
 * The steps of Kafka's {@code StreamsResetter} done with the admin client (the group's offsets of every input back to
 * the earliest offset; the app's internal topics deleted), then {@code KafkaStreams.cleanUp()} on a client that is
 * never started. Refused while the group has members. Without confirmation it only prints what it would do.
 *
 * <p>Output topics are never touched: their consumers see every output again.
 */
final class AppReset {

    private final ConfiguredApp configured;
    private final Topology topology;
    private final PrintStream out;
    private final PrintStream err;
    private final Duration timeout;
    private final String applicationId;

    private final ResetTarget target;

    AppReset(ConfiguredApp configured, Topology topology, PrintStream out, PrintStream err, ResetTarget target) {
        this.target = target;
        this.configured = configured;
        this.topology = topology;
        this.out = out;
        this.err = err;
        this.timeout = configured.config().get(CommonSettings.TOPICS_TIMEOUT);
        this.applicationId = configured.context().applicationId();
    }

    /**
     * Prints the plan, then carries it out if confirmed.
     *
     * @return {@link ExitCode#OK} once reset; {@link ExitCode#CONFIG} for a dry run (the confirmation is missing);
     * {@link ExitCode#FATAL} while instances run, or when Kafka fails or cannot be reached
     */
    int run(boolean confirmed) {
        String name = configured.app().name();
        Map<String, Object> adminConfig = configured.streamsConfig().getAdminConfigs(applicationId + "-reset");
        Admin admin = Admin.create(adminConfig);
        boolean changing = false;
        try {
            Collection<GroupListing> groups = AppGroup.await(admin.listGroups().all(), timeout, "list groups");
            AppGroup group = AppGroup.of(admin, applicationId, groups, StreamsGroupSettings.streamsProtocol(configured.streamsConfig()),
                    timeout);
            ResetPlan plan = plan(admin, group, groups);
            out.print(plan.describe(String.join(",", configured.streamsConfig().getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG))));
            List<String> members = group.members();
            if (!members.isEmpty()) {
                err.println(name + ": Group " + applicationId + " has " + members.size() + " active member(s) (" + String.join(", ", members)
                        + "): stop every instance of " + applicationId + " first; a stopped instance stays a member until its"
                        + " session times out (45 s by default)");
                return ExitCode.FATAL;
            }
            if (!confirmed) {
                err.println(name + ": Nothing changed: add --yes to reset " + applicationId + " as listed above");
                return ExitCode.CONFIG;
            }
            changing = true;
            execute(admin, group, plan);
            return ExitCode.OK;
        } catch (InvalidConfigException e) {
            // a replay point that does not fit the inputs (an offsets file naming other partitions): nothing changed
            err.println(name + ": " + e.getMessage());
            return ExitCode.CONFIG;
        } catch (StartupException e) {
            err.println(name + ": " + e.getMessage() + (changing ? "; the reset is incomplete: run it again" : ""));
            return ExitCode.FATAL;
        } finally {
            // every call that matters was awaited; what is left after a failure would only hold the exit for
            // default.api.timeout.ms (a minute)
            admin.close(Duration.ZERO);
        }
    }

    private ResetPlan plan(Admin admin, AppGroup group, Collection<GroupListing> groups) {
        Set<String> existing = AppGroup.await(admin.listTopics().names(), timeout, "list topics");
        Map<TopicPartition, Long> committed = group.committedOffsets();
        Set<String> committedTopics = committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
        ResetPlan.Topics topics = ResetPlan.topics(configured, existing, committedTopics);
        List<String> otherGroups = groups.stream().map(GroupListing::groupId).filter(id -> !id.equals(applicationId)).toList();
        List<String> internal = ResetPlan.internalTopics(applicationId, existing, topics.declared(), otherGroups);

        List<ResetPlan.InputOffset> inputs = new ArrayList<>();
        List<String> unresolved = new ArrayList<>(topics.unresolved());
        if (group.canCommit()) {
            targetOffsets(admin, topics.inputs()).forEach((partition, offset) -> inputs.add(new ResetPlan.InputOffset(partition,
                    committed.containsKey(partition) ? OptionalLong.of(committed.get(partition)) : OptionalLong.empty(), offset)));
        } else if (!topics.inputs().isEmpty()) {
            unresolved.add(String.join(", ", topics.inputs()) + " (streams group " + applicationId
                    + " does not exist yet: its first member starts from auto.offset.reset)");
        }
        Set<TopicPartition> internalOffsets = committed.keySet().stream()
                .filter(partition -> internal.contains(partition.topic()))
                .collect(Collectors.toSet());
        Path stateDir = Path.of(configured.streamsConfig().getString(StreamsConfig.STATE_DIR_CONFIG), applicationId);
        return new ResetPlan(configured.app().name(), applicationId, inputs, unresolved, internal, internalOffsets,
                stateDir, Files.exists(stateDir), topics.untouched(), target);
    }

    /** The offset of every partition of the inputs that the target names. */
    private Map<TopicPartition, Long> targetOffsets(Admin admin, List<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        Map<String, TopicDescription> descriptions = AppGroup.await(admin.describeTopics(topics).allTopicNames(), timeout,
                "describe topics " + String.join(", ", topics));
        Set<TopicPartition> partitions = new HashSet<>();
        descriptions.values().forEach(description -> description.partitions().forEach(partition ->
                partitions.add(new TopicPartition(description.name(), partition.partition()))));
        Map<TopicPartition, Long> earliest = listOffsets(admin, partitions, OffsetSpec.earliest(), "the earliest");
        if (target instanceof ResetTarget.AtTime at) {
            return ReplayPoint.atTime(listOffsets(admin, partitions, OffsetSpec.forTimestamp(at.time().toEpochMilli()),
                    "the " + at.time()), earliest, listOffsets(admin, partitions, OffsetSpec.latest(), "the latest"));
        }
        if (target instanceof ResetTarget.Offsets file) {
            return ReplayPoint.fromFile(file, earliest, listOffsets(admin, partitions, OffsetSpec.latest(), "the latest"));
        }
        return earliest;
    }

    private Map<TopicPartition, Long> listOffsets(Admin admin, Set<TopicPartition> partitions, OffsetSpec spec, String what) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        AppGroup.await(admin.listOffsets(request).all(), timeout, "list " + what + " offsets")
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private void execute(Admin admin, AppGroup group, ResetPlan plan) {
        if (!plan.inputs().isEmpty()) {
            Map<TopicPartition, Long> earliest = new HashMap<>();
            plan.inputs().forEach(input -> earliest.put(input.partition(), input.target()));
            group.commit(earliest);
            out.println("Reset " + earliest.size() + " input offset(s) of group " + group.id() + " " + target.done());
        }
        if (!plan.internalOffsets().isEmpty()) {
            group.deleteOffsets(plan.internalOffsets());
        }
        if (!plan.internalTopics().isEmpty()) {
            AppGroup.await(admin.deleteTopics(plan.internalTopics()).all(), timeout, "delete the internal topics");
            awaitGone(admin, plan.internalTopics());
            out.println("Deleted " + plan.internalTopics().size() + " internal topic(s)");
        }
        out.println("Wiping local state " + plan.stateDir() + " with KafkaStreams.cleanUp(); Kafka Streams logs what it does:");
        wipeLocalState(plan.stateDir());
        out.println("Wiped local state " + plan.stateDir() + ": no store left (Kafka Streams keeps only its process id file)");
        out.println("Done: start " + configured.app().name() + " to reprocess its inputs from the "
                + (target instanceof ResetTarget.Earliest ? "earliest offsets" : "offsets above"));
    }

    /** A deleted topic disappears from the metadata shortly after the deletion is confirmed; the next start must not see it. */
    private void awaitGone(Admin admin, List<String> deleted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<String> remaining = new TreeSet<>(AppGroup.await(admin.listTopics().names(), timeout, "list topics"));
            remaining.retainAll(deleted);
            if (remaining.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StartupException("Kafka still lists deleted topics " + String.join(", ", remaining) + " after " + timeout, null);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("Interrupted while waiting for the deletion of the internal topics", e);
            }
        }
    }

    /**
     * {@code KafkaStreams.cleanUp()} on a client that is never started: it deletes every task's and the global stores
     * under {@code <state.dir>/<application.id>}, keeping the file with the process id (and logging that it could not
     * delete the directory for that reason).
     */
    private void wipeLocalState(Path stateDir) {
        try {
            KafkaStreams streams = new KafkaStreams(topology, configured.streamsProperties());
            try {
                streams.cleanUp();
            } finally {
                streams.close(Duration.ofSeconds(10));
            }
        } catch (StreamsException e) {
            throw new StartupException("Cannot wipe local state " + stateDir + ": " + e.getMessage(), e);
        }
        List<Path> left = storeDirectories(stateDir);
        if (!left.isEmpty()) {
            throw new StartupException("Local state " + stateDir + " still holds " + left, null);
        }
    }

    /** The task ({@code 0_1}) and global directories, where the stores live. */
    static List<Path> storeDirectories(Path stateDir) {
        if (!Files.isDirectory(stateDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(stateDir)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new StartupException("Cannot list local state " + stateDir + ": " + e.getMessage(), e);
        }
    }
}
