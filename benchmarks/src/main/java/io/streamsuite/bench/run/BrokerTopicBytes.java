package io.streamsuite.bench.run;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The bytes the broker has taken in per topic since it started ({@code BrokerTopicMetrics BytesInPerSec}'s count), read
 * over JMX from the local broker's process (the JDK's attach API starts its local management agent). Unlike the size
 * of a topic's log, this count does not shrink when Streams purges a repartition topic or the cleaner compacts a
 * changelog, so before and after a drain it says exactly how many bytes the drain wrote to each topic.
 */
final class BrokerTopicBytes implements AutoCloseable {

    private static final String PATTERN = "kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=*";

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private BrokerTopicBytes(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    /** Connects to the broker process {@code pid} of this user. */
    static BrokerTopicBytes attach(long pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            return new BrokerTopicBytes(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the broker's metrics over JMX (pid " + pid + "): " + e, e);
        }
    }

    /** Bytes in so far, by topic. */
    Map<String, Long> bytesIn() {
        Map<String, Long> bytes = new HashMap<>();
        try {
            for (ObjectName name : server.queryNames(new ObjectName(PATTERN), null)) {
                bytes.put(name.getKeyProperty("topic"), ((Number) server.getAttribute(name, "Count")).longValue());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the broker's BytesInPerSec: " + e, e);
        }
        return bytes;
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException ignored) {
            // the broker is going away with the run
        }
    }
}
