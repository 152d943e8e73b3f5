package io.streamsuite.topologies.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The keys Kafka Streams and its clients accept, taken from Kafka's own config definitions. */
public final class KafkaKeys {

    private static final Set<String> NAMES = new HashSet<>();
    private static final List<String> PREFIXES = List.of(StreamsConfig.CONSUMER_PREFIX, StreamsConfig.PRODUCER_PREFIX,
            StreamsConfig.ADMIN_CLIENT_PREFIX, StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, "config.providers");

    static {
        NAMES.addAll(StreamsConfig.configDef().names());
        NAMES.addAll(ConsumerConfig.configNames());
        NAMES.addAll(ProducerConfig.configNames());
        NAMES.addAll(AdminClientConfig.configNames());
        // Streams hands topic.<config> keys to the internal topics it creates (topic.min.insync.replicas)
        Arrays.stream(TopicConfig.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getName().endsWith("_CONFIG") && f.getType() == String.class)
                .forEach(f -> NAMES.add(StreamsConfig.TOPIC_PREFIX + constant(f)));
        // Streams' internal settings, __name__, such as the emit interval of windows emitted on close
        Arrays.stream(StreamsConfig.InternalConfig.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(KafkaKeys::constant)
                .filter(name -> name.startsWith("__") && name.endsWith("__"))
                .forEach(NAMES::add);
    }

    private KafkaKeys() {
    }

    /** A key Kafka defines exactly, e.g. {@code rocksdb.config.setter} or {@code topic.segment.bytes}. */
    public static boolean isDefined(String key) {
        return NAMES.contains(key);
    }

    /** A defined key or one under a prefix Kafka passes on to a client ({@code producer.linger.ms}). */
    public static boolean isKnown(String key) {
        return isDefined(key) || PREFIXES.stream().anyMatch(key::startsWith);
    }

    private static String constant(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
