package io.streamsuite.fraud.app;

import io.streamsuite.topologies.testing.GoldenTopology;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The app's stores, topics and processors as deployments know them: see {@link GoldenTopology}. */
class TopologyGoldenTest {

    @Test
    void theTopologyIsThePinnedOne() {
        GoldenTopology.assertMatches(new FraudDetectionApp(), Path.of("src", "test", "resources", "fraud-detection-topology.txt"));
    }
}
