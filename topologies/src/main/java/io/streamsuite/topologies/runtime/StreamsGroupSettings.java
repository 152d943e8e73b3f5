package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.InvalidConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Under {@code group.protocol=streams} (KIP-1071) the broker assigns the tasks, and the client settings of the classic
 * assignment are ignored: those with a counterpart are group configs on the broker instead (Kafka 4.4's
 * {@code GroupConfig}), set with {@code kafka-configs.sh --entity-type groups} or, when the user allows it, from the
 * client's own values through the Admin API ({@link #apply}).
 */
final class StreamsGroupSettings {

    /** A client setting the streams protocol ignores, and the group config that decides in its place, if any. */
    record Ignored(String clientKey, Optional<String> groupConfig, String instead) {

        static Ignored mapped(String clientKey, String groupConfig) {
            return new Ignored(clientKey, Optional.of(groupConfig), "the group config " + groupConfig + " decides");
        }

        static Ignored unmapped(String clientKey, String instead) {
            return new Ignored(clientKey, Optional.empty(), instead);
        }
    }

    /** The list of Kafka's developer guide (streams-rebalance-protocol.md), less the rack-aware keys the suite never sets. */
    static final List<Ignored> IGNORED = List.of(
            Ignored.mapped(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "streams.num.standby.replicas"),
            Ignored.mapped("session.timeout.ms", "streams.session.timeout.ms"),
            Ignored.mapped("heartbeat.interval.ms", "streams.heartbeat.interval.ms"),
            Ignored.mapped(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, "streams.acceptable.recovery.lag"),
            Ignored.mapped(StreamsConfig.MAX_WARMUP_REPLICAS_CONFIG, "streams.num.warmup.replicas"),
            // its value has no counterpart: the broker moves a caught-up warm-up task when members report their offsets
            Ignored.unmapped(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, "no group config takes its value; members report"
                    + " warm-up progress every streams.task.offset.interval.ms (a group config) instead"),
            // a client-side class cannot run on the broker; the group picks one of the broker's registered assignors
            Ignored.unmapped(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, "the broker assigns; the group config"
                    + " streams.assignor.name picks one of the broker's group.streams.assignors"));

    private StreamsGroupSettings() {
    }

    /** Whether the client is configured for the streams rebalance protocol. */
    static boolean streamsProtocol(StreamsConfig config) {
        return "streams".equalsIgnoreCase(config.getString(StreamsConfig.GROUP_PROTOCOL_CONFIG));
    }

    /**
     * One line per ignored client setting, saying what decides instead, with the value configured here if any.
     *
     * @param kafkaProperties the Kafka keys the user configured (not Kafka's defaults)
     * @param applying        whether {@code group.configs.apply=true} sets the group configs from these values
     */
    static List<String> notes(String groupId, Map<String, Object> kafkaProperties, boolean applying) {
        List<String> lines = new ArrayList<>();
        for (Ignored ignored : IGNORED) {
            Object value = kafkaProperties.get(ignored.clientKey());
            StringBuilder line = new StringBuilder("group.protocol=streams ignores ").append(ignored.clientKey());
            if (value != null) {
                line.append(" (").append(value).append(" here)");
            }
            line.append(": ").append(ignored.instead());
            if (ignored.groupConfig().isPresent()) {
                line.append(value != null && applying ? ", set to " + value + " for group " + groupId + " (group.configs.apply=true)"
                        : " (kafka-configs.sh --alter --entity-type groups --entity-name " + groupId + " --add-config "
                        + ignored.groupConfig().get() + "=..., or group.configs.apply=true)");
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** The group configs that carry the values the user configured on the client, in {@link #IGNORED}'s order. */
    static Map<String, String> groupConfigs(Map<String, Object> kafkaProperties) {
        Map<String, String> configs = new LinkedHashMap<>();
        for (Ignored ignored : IGNORED) {
            Object value = kafkaProperties.get(ignored.clientKey());
            if (value != null && ignored.groupConfig().isPresent()) {
                configs.put(ignored.groupConfig().get(), value.toString().trim());
            }
        }
        return configs;
    }

    /** The Admin API request that sets the group configs, leaving the group's other configs as they are. */
    static Map<ConfigResource, Collection<AlterConfigOp>> alterRequest(String groupId, Map<String, String> groupConfigs) {
        List<AlterConfigOp> ops = groupConfigs.entrySet().stream()
                .map(entry -> new AlterConfigOp(new ConfigEntry(entry.getKey(), entry.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        return Map.of(new ConfigResource(ConfigResource.Type.GROUP, groupId), ops);
    }

    /**
     * Sets the group configs before the first member joins, so that the first assignment already has them.
     *
     * @throws InvalidConfigException if the broker refuses a value (say a session timeout outside its
     *                                {@code group.streams.min/max.session.timeout.ms})
     * @throws StartupException       if Kafka fails otherwise or does not answer in time
     */
    static void apply(Admin admin, String groupId, Map<String, String> groupConfigs, Duration timeout) {
        if (groupConfigs.isEmpty()) {
            return;
        }
        try {
            AppGroup.await(admin.incrementalAlterConfigs(alterRequest(groupId, groupConfigs)).all(), timeout,
                    "set the group configs " + groupConfigs + " of group " + groupId);
        } catch (StartupException e) {
            if (e.getCause() instanceof InvalidConfigurationException || e.getCause() instanceof InvalidRequestException) {
                throw new InvalidConfigException("Kafka refused the group configs " + groupConfigs + " of group " + groupId
                        + " (from the client settings, group.configs.apply=true): " + e.getCause().getMessage(), e.getCause());
            }
            throw e;
        }
    }
}
