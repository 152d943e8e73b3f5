package io.streamsuite.topologies.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.streamsuite.topologies.sample.SampleApp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** What the runner says and sets for the client settings the streams rebalance protocol ignores. */
class StreamsGroupSettingsTest {

    static final Map<String, Object> CONFIGURED = new TreeMap<>(Map.of(
            "num.standby.replicas", "1",
            "session.timeout.ms", "15000",
            "max.warmup.replicas", "3",
            "probing.rebalance.interval.ms", "60000",
            "bootstrap.servers", "localhost:9092"));

    @Test
    void oneLinePerIgnoredSettingNamingTheGroupConfigThatDecides() {
        List<String> lines = StreamsGroupSettings.notes("fraud", CONFIGURED, false);

        assertThat(lines).containsExactly(
                "group.protocol=streams ignores num.standby.replicas (1 here): the group config streams.num.standby.replicas"
                        + " decides (kafka-configs.sh --alter --entity-type groups --entity-name fraud --add-config"
                        + " streams.num.standby.replicas=..., or group.configs.apply=true)",
                "group.protocol=streams ignores session.timeout.ms (15000 here): the group config streams.session.timeout.ms"
                        + " decides (kafka-configs.sh --alter --entity-type groups --entity-name fraud --add-config"
                        + " streams.session.timeout.ms=..., or group.configs.apply=true)",
                "group.protocol=streams ignores heartbeat.interval.ms: the group config streams.heartbeat.interval.ms"
                        + " decides (kafka-configs.sh --alter --entity-type groups --entity-name fraud --add-config"
                        + " streams.heartbeat.interval.ms=..., or group.configs.apply=true)",
                "group.protocol=streams ignores acceptable.recovery.lag: the group config streams.acceptable.recovery.lag"
                        + " decides (kafka-configs.sh --alter --entity-type groups --entity-name fraud --add-config"
                        + " streams.acceptable.recovery.lag=..., or group.configs.apply=true)",
                "group.protocol=streams ignores max.warmup.replicas (3 here): the group config streams.num.warmup.replicas"
                        + " decides (kafka-configs.sh --alter --entity-type groups --entity-name fraud --add-config"
                        + " streams.num.warmup.replicas=..., or group.configs.apply=true)",
                "group.protocol=streams ignores probing.rebalance.interval.ms (60000 here): no group config takes its value;"
                        + " members report warm-up progress every streams.task.offset.interval.ms (a group config) instead",
                "group.protocol=streams ignores task.assignor.class: the broker assigns; the group config"
                        + " streams.assignor.name picks one of the broker's group.streams.assignors");
    }

    @Test
    void whenApplyingTheLinesSayWhatIsSet() {
        List<String> lines = StreamsGroupSettings.notes("fraud", CONFIGURED, true);

        assertThat(lines.get(0)).isEqualTo("group.protocol=streams ignores num.standby.replicas (1 here): the group config"
                + " streams.num.standby.replicas decides, set to 1 for group fraud (group.configs.apply=true)");
        assertThat(lines.get(2)).as("not configured here: nothing to set").endsWith("streams.heartbeat.interval.ms=..., or"
                + " group.configs.apply=true)");
    }

    @Test
    void onlyConfiguredValuesWithACounterpartBecomeGroupConfigs() {
        assertThat(StreamsGroupSettings.groupConfigs(CONFIGURED)).containsExactly(
                Map.entry("streams.num.standby.replicas", "1"),
                Map.entry("streams.session.timeout.ms", "15000"),
                Map.entry("streams.num.warmup.replicas", "3"));
        assertThat(StreamsGroupSettings.groupConfigs(Map.of("bootstrap.servers", "localhost:9092"))).isEmpty();
    }

    @Test
    void theRequestSetsEachConfigOnTheGroupResourceAndLeavesTheOthers() {
        Map<ConfigResource, java.util.Collection<AlterConfigOp>> request = StreamsGroupSettings.alterRequest("fraud",
                StreamsGroupSettings.groupConfigs(CONFIGURED));

        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, "fraud");
        assertThat(request).containsOnlyKeys(group);
        assertThat(request.get(group)).extracting(op -> op.configEntry().name(), op -> op.configEntry().value(), AlterConfigOp::opType)
                .containsExactly(
                        tuple("streams.num.standby.replicas", "1", AlterConfigOp.OpType.SET),
                        tuple("streams.session.timeout.ms", "15000", AlterConfigOp.OpType.SET),
                        tuple("streams.num.warmup.replicas", "3", AlterConfigOp.OpType.SET));
    }

    @Test
    void theProtocolIsReadFromTheClientConfigCaseInsensitively() {
        assertThat(StreamsGroupSettings.streamsProtocol(ConfiguredApp.of(new SampleApp(),
                Map.of("bootstrap.servers", "localhost:9092", "group.protocol", "STREAMS")).streamsConfig())).isTrue();
        assertThat(StreamsGroupSettings.streamsProtocol(ConfiguredApp.of(new SampleApp(),
                Map.of("bootstrap.servers", "localhost:9092")).streamsConfig())).as("Kafka's default: classic").isFalse();
    }
}
