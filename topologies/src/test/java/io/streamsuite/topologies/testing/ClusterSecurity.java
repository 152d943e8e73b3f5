package io.streamsuite.topologies.testing;

import java.util.Map;

/**
 * How {@link EmbeddedKafka#start(ClusterSecurity)} secures its node: broker settings on top of the single-node ones,
 * and the settings with which the test's own clients connect.
 *
 * <p>Kafka's test kit binds two listeners, {@code EXTERNAL} (clients' bootstrap, inter-broker traffic) and
 * {@code CONTROLLER}, and builds them only as PLAINTEXT or SASL_PLAINTEXT; the broker settings may still map them to
 * other protocols ({@code listener.security.protocol.map}) and add listeners ({@code listeners}), which the kit keeps.
 *
 * @param brokerConfig      broker settings: listeners, keystores, authorizer, ...
 * @param adminClientConfig security settings of every client the helpers of {@link EmbeddedKafka} create
 */
public record ClusterSecurity(Map<String, String> brokerConfig, Map<String, Object> adminClientConfig) {

    /** The test kit's PLAINTEXT listeners, no authorizer: what {@link EmbeddedKafka#start()} runs. */
    public static final ClusterSecurity NONE = new ClusterSecurity(Map.of(), Map.of());

    public ClusterSecurity {
        brokerConfig = Map.copyOf(brokerConfig);
        adminClientConfig = Map.copyOf(adminClientConfig);
    }
}
