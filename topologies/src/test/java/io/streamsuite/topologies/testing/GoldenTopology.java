package io.streamsuite.topologies.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.runtime.StreamsApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An app's topology, as Kafka Streams describes it with the default settings, pinned in a file beside its tests. A
 * renamed store, changelog, repartition topic or processor changes what a running deployment finds on the broker and
 * in its state directory (an upgrade then needs {@code --reset}); the pin makes such a change show in review rather
 * than in production. {@code -Dgolden.update=true} writes the file anew, to be committed with the change.
 */
public final class GoldenTopology {

    private GoldenTopology() {
    }

    public static void assertMatches(StreamsApp app, Path golden) {
        String described = app.buildTopology(ConfiguredApp.of(app, Map.of("bootstrap.servers", "localhost:9092"))
                .context()).describe().toString();
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, described);
            }
            assertThat(Files.exists(golden)).as("%s missing: run the test with -Dgolden.update=true", golden).isTrue();
            assertThat(described).as("the topology of %s against %s (renamed stores and topics need an upgrade step;"
                    + " -Dgolden.update=true writes the new one)", app.name(), golden).isEqualTo(Files.readString(golden));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
