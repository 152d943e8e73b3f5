package io.streamsuite.deploy;

import io.streamsuite.deploy.Acl.Access;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.runtime.TopicDef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Everything an app does on Kafka under exactly_once_v2, derived from its real topology: the topics it reads and
 * writes, the internal topics Streams makes for it (repartition topics from the topology, a changelog per store), its
 * consumer group and its transactional ids; plus what {@code --reset} does with the app's own credentials.
 */
final class AppAccesses {

    final String applicationId;
    final Set<String> inputTopics = new TreeSet<>();
    final Set<String> globalTopics = new TreeSet<>();
    final Set<String> outputTopics = new TreeSet<>();
    final Set<String> repartitionTopics = new TreeSet<>();
    final Set<String> changelogTopics = new TreeSet<>();
    final String deadLetterTopic;
    /** A transactional id as Streams makes them: {@code <application.id>-<process id>-<thread index>}. */
    final String transactionalId;

    AppAccesses(ConfiguredApp configured) {
        this.applicationId = configured.context().applicationId();
        this.deadLetterTopic = configured.deadLetterTopic();
        this.transactionalId = applicationId + "-" + UUID.randomUUID() + "-1";
        Set<String> declared = new TreeSet<>();
        for (TopicDef topic : configured.app().topics()) {
            declared.addAll(configured.context().topicNames(topic).names());
        }
        TopologyDescription description = configured.topology().describe();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    source.topicSet().forEach(topic -> (declared.contains(topic) ? inputTopics : repartitionTopics).add(internalName(declared, topic)));
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    if (declared.contains(sink.topic())) {
                        outputTopics.add(sink.topic());
                    } else if (!sink.topic().equals(deadLetterTopic)) {
                        // an app may write its own dead letters (iot-monitoring's refused readings): not internal
                        repartitionTopics.add(internalName(declared, sink.topic()));
                    }
                } else if (node instanceof TopologyDescription.Processor processor) {
                    // over-approximates for a store without logging: the prefix rule covers it either way
                    processor.stores().forEach(store -> changelogTopics.add(applicationId + "-" + store + "-changelog"));
                }
            }
        }
        for (TopologyDescription.GlobalStore global : description.globalStores()) {
            globalTopics.addAll(global.source().topicSet());
        }
    }

    /** Streams names a repartition topic {@code <application.id>-<name>}; the description shows only the name. */
    private String internalName(Set<String> declared, String topic) {
        return declared.contains(topic) ? topic : applicationId + "-" + topic;
    }

    /** Internal topics as Streams creates them, for comparison with the topics a real run leaves on the broker. */
    Set<String> internalTopics() {
        Set<String> internal = new TreeSet<>(repartitionTopics);
        internal.addAll(changelogTopics);
        return internal;
    }

    /** What running the app takes, then what {@code --reset} takes beyond it. */
    List<Access> needed() {
        List<Access> needed = new ArrayList<>();
        inputTopics.forEach(topic -> topic(needed, topic, "input", "Read", "Describe"));
        globalTopics.forEach(topic -> topic(needed, topic, "global table", "Read", "Describe"));
        outputTopics.forEach(topic -> topic(needed, topic, "output", "Write", "Describe"));
        topic(needed, deadLetterTopic, "dead-letter topic", "Write", "Describe");
        // Streams creates internal topics, checks their configs, and purges what it consumed from repartition topics
        repartitionTopics.forEach(topic -> topic(needed, topic, "repartition topic", "Create", "Describe", "DescribeConfigs", "Read", "Write", "Delete"));
        changelogTopics.forEach(topic -> topic(needed, topic, "changelog", "Create", "Describe", "DescribeConfigs", "Read", "Write"));
        needed.add(new Access("group", applicationId, "Read", "consumer group: join, fetch and commit offsets"));
        needed.add(new Access("group", applicationId, "Describe", "consumer group: --reset checks it has no members"));
        needed.add(new Access("group", applicationId, "Delete", "--reset deletes the group's offsets on internal topics"));
        needed.add(new Access("transactionalId", transactionalId, "Write", "exactly_once_v2 producer"));
        needed.add(new Access("transactionalId", transactionalId, "Describe", "exactly_once_v2 producer: find its coordinator"));
        return needed;
    }

    private static void topic(List<Access> needed, String topic, String why, String... operations) {
        for (String operation : new LinkedHashSet<>(List.of(operations))) {
            needed.add(new Access("topic", topic, operation, why));
        }
    }
}
