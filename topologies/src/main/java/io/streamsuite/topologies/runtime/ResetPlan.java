package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.serde.TopicNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * What {@code --reset} does to an app, worked out from what Kafka holds before anything changes: the same steps as
 * Kafka's {@code StreamsResetter} (input offsets back to the earliest, internal topics deleted) plus the local state
 * that {@code KafkaStreams.cleanUp()} wipes. Printed as it is for a dry run; {@link AppReset} carries it out.
 *
 * @param inputs          every partition of the inputs whose group offset goes back to the earliest offset
 * @param unresolved      inputs with nothing to reset: a name that does not exist yet, a pattern that matches nothing
 * @param internalTopics  the app's changelog, repartition and foreign-key topics, to delete
 * @param internalOffsets the group's committed offsets on those, deleted with them
 * @param stateDir        {@code <state.dir>/<application.id>}, to wipe
 * @param untouched       what stays as it is, with why (outputs, the dead-letter topic, global tables)
 * @param target          where the input offsets go: the earliest, or a replay point
 */
record ResetPlan(String appName, String applicationId, List<InputOffset> inputs, List<String> unresolved,
                 List<String> internalTopics, Set<TopicPartition> internalOffsets, Path stateDir, boolean stateDirExists,
                 List<String> untouched, ResetTarget target) {

    /** One input partition: the group's committed offset, if any, and the offset it is reset to. */
    record InputOffset(TopicPartition partition, OptionalLong committed, long target) {
    }

    /** A full replay, from the earliest offsets. */
    ResetPlan(String appName, String applicationId, List<InputOffset> inputs, List<String> unresolved,
              List<String> internalTopics, Set<TopicPartition> internalOffsets, Path stateDir, boolean stateDirExists,
              List<String> untouched) {
        this(appName, applicationId, inputs, unresolved, internalTopics, internalOffsets, stateDir, stateDirExists, untouched,
                ResetTarget.EARLIEST);
    }

    /** The inputs a reset rewinds and the declared topics it leaves alone, resolved against the existing topics. */
    record Topics(List<String> inputs, List<String> unresolved, Set<String> declared, List<String> untouched) {
    }

    // Kafka Streams' internal topic suffixes, as StreamsResetter recognises them
    private static final Pattern FK_JOIN_TOPIC = Pattern.compile(".+-KTABLE-FK-JOIN-SUBSCRIPTION-(REGISTRATION|RESPONSE)-\\d+-topic");
    private static final List<String> INTERNAL_SUFFIXES = List.of("-changelog", "-repartition",
            "-subscription-registration-topic", "-subscription-response-topic");

    ResetPlan {
        inputs = List.copyOf(inputs);
        unresolved = List.copyOf(unresolved);
        internalTopics = List.copyOf(internalTopics);
        internalOffsets = Set.copyOf(internalOffsets);
        untouched = List.copyOf(untouched);
    }

    /**
     * Sorts the app's declared topics by what a reset does to them. An input stream's names and the existing topics its
     * pattern matches are rewound. A table is rewound only if the group has committed offsets on it, that is if tasks
     * read it; a global store reads its topic from the beginning at every start and has no offsets to reset. Outputs
     * and the dead-letter topic are never touched.
     *
     * @param committedTopics topics the app's group has committed offsets on
     */
    static Topics topics(ConfiguredApp app, Set<String> existing, Set<String> committedTopics) {
        List<String> inputs = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        Set<String> declared = new TreeSet<>();
        List<String> outputs = new ArrayList<>();
        List<String> globalTables = new ArrayList<>();
        for (TopicDef topic : app.app().topics()) {
            TopicNames names = app.context().topicNames(topic);
            List<String> resolved = names.isPattern()
                    ? existing.stream().filter(names::matches).sorted().toList()
                    : names.names();
            declared.addAll(resolved);
            if (!topic.input()) {
                outputs.addAll(resolved);
            } else if (topic.compacted() && resolved.stream().noneMatch(committedTopics::contains)) {
                globalTables.addAll(resolved);
            } else if (names.isPattern() && resolved.isEmpty()) {
                unresolved.add(names + " (pattern of " + topic.nameSetting().key() + ", matches no topic)");
            } else {
                for (String name : resolved) {
                    if (existing.contains(name)) {
                        inputs.add(name);
                    } else {
                        unresolved.add(name + " (does not exist)");
                    }
                }
            }
        }
        declared.add(app.deadLetterTopic());
        List<String> untouched = new ArrayList<>();
        if (!outputs.isEmpty()) {
            untouched.add("output topics " + String.join(", ", outputs) + " (their consumers will see the outputs again)");
        }
        untouched.add("dead-letter topic " + app.deadLetterTopic());
        if (!globalTables.isEmpty()) {
            untouched.add("global tables " + String.join(", ", globalTables) + " (read from the beginning at every start)");
        }
        return new Topics(inputs, unresolved, declared, untouched);
    }

    /**
     * The existing topics Kafka Streams created for this application: {@code <application.id>-...} ending like a
     * changelog, repartition or foreign-key join topic. Never a declared topic of the app (an input may be named like
     * an internal topic, KAFKA-7930), nor a topic of another application whose id starts with this one's followed by
     * {@code -} (resetting {@code fraud} leaves {@code fraud-v2-store-changelog} alone while group {@code fraud-v2}
     * exists).
     */
    static List<String> internalTopics(String applicationId, Collection<String> existing, Set<String> declared,
                                       Collection<String> otherGroupIds) {
        String prefix = applicationId + "-";
        List<String> longerIds = otherGroupIds.stream()
                .filter(id -> id.startsWith(prefix))
                .map(id -> id + "-")
                .toList();
        return existing.stream()
                .filter(topic -> topic.startsWith(prefix) && isInternalTopicName(topic))
                .filter(topic -> !declared.contains(topic))
                .filter(topic -> longerIds.stream().noneMatch(topic::startsWith))
                .sorted()
                .toList();
    }

    static boolean isInternalTopicName(String topic) {
        return INTERNAL_SUFFIXES.stream().anyMatch(topic::endsWith) || FK_JOIN_TOPIC.matcher(topic).matches();
    }

    /** The plan as printed before a reset, and alone for a dry run. */
    String describe(String bootstrapServers) {
        StringBuilder text = new StringBuilder();
        text.append("Reset of ").append(appName).append(", application.id ").append(applicationId)
                .append(", at ").append(bootstrapServers).append('\n');
        if (inputs.isEmpty()) {
            text.append("Input offsets: nothing to reset\n");
        } else {
            text.append("Input offsets of group ").append(applicationId).append(", ").append(target.describe()).append(":\n");
            int width = inputs.stream().mapToInt(input -> input.partition().topic().length()).max().orElse(0);
            inputs.stream()
                    .sorted(Comparator.comparing((InputOffset input) -> input.partition().topic())
                            .thenComparingInt(input -> input.partition().partition()))
                    .forEach(input -> text.append(String.format("  %-" + width + "s  partition %d  %s -> %d%n",
                            input.partition().topic(), input.partition().partition(),
                            input.committed().isPresent() ? "committed " + input.committed().getAsLong() : "no committed offset",
                            input.target())));
        }
        unresolved.forEach(name -> text.append("  skipped: ").append(name).append('\n'));
        if (internalTopics.isEmpty()) {
            text.append("Internal topics to delete: none\n");
        } else {
            text.append("Internal topics to delete (the app creates them again, empty, at its next start):\n");
            internalTopics.forEach(topic -> text.append("  ").append(topic).append('\n'));
        }
        text.append("Local state to wipe: ").append(stateDir).append(stateDirExists ? "" : " (does not exist)").append('\n');
        text.append("Not touched: ").append(String.join("; ", untouched)).append('\n');
        return text.toString();
    }
}
