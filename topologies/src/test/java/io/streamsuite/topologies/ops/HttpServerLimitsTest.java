package io.streamsuite.topologies.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HttpServerLimitsTest {

    @Test
    void setsEveryLimitNotGivenAndKeepsThoseGiven() {
        Properties system = new Properties();
        system.setProperty("sun.net.httpserver.maxReqTime", "3");
        HttpServerLimits.applyTo(system);
        assertThat(system).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sun.net.httpserver.maxReqTime", "3",
                "sun.net.httpserver.maxRspTime", "30",
                "jdk.httpserver.maxConnections", "512",
                "sun.net.httpserver.maxReqHeaders", "64",
                "sun.net.httpserver.maxReqHeaderSize", "16384",
                "sun.net.httpserver.idleInterval", "30",
                "sun.net.httpserver.nodelay", "true"));
    }

    /** The build gives test JVMs the limits from the start (pom.xml): they must be the apps' ones. */
    @Test
    void theTestJvmRunsWithTheAppsLimits() {
        HttpServerLimits.DEFAULTS.forEach((key, value) -> assertThat(System.getProperty(key)).as(key).isEqualTo(value));
    }
}
