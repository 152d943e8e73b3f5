package io.streamsuite.topologies.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The probes' answers for every state a Streams client can be in. */
class HealthTest {

    @ParameterizedTest(name = "{0}: live {1}, ready {2}")
    @CsvSource({
            "CREATED,          200, 503",
            "REBALANCING,      200, 503",
            "RUNNING,          200, 200",
            "PENDING_SHUTDOWN, 503, 503",
            "NOT_RUNNING,      503, 503",
            "PENDING_ERROR,    503, 503",
            "ERROR,            503, 503"})
    void everyStateWithNothingRestoring(State state, int live, int ready) {
        assertThat(Health.live(state).httpCode()).as("live").isEqualTo(live);
        assertThat(Health.ready(state, 0).httpCode()).as("ready").isEqualTo(ready);
        assertThat(Health.live(state).state()).isEqualTo(state.name());
    }

    @Test
    void theTableAboveCoversEveryState() {
        // a state added by a later Kafka must be decided on here, not fall through silently
        assertThat(EnumSet.allOf(State.class)).extracting(State::name).containsExactlyInAnyOrder(
                "CREATED", "REBALANCING", "RUNNING", "PENDING_SHUTDOWN", "NOT_RUNNING", "PENDING_ERROR", "ERROR");
    }

    @Test
    void runningWhileAStoreRestoresIsAliveButNotReady() {
        assertThat(Health.live(State.RUNNING).httpCode()).isEqualTo(200);
        Health.Status ready = Health.ready(State.RUNNING, 2);
        assertThat(ready.httpCode()).isEqualTo(503);
        assertThat(ready.reason()).isEqualTo("2 store partition(s) restoring");
    }

    @Test
    void beforeTheClientExistsTheAppIsStartingAliveAndNotReady() {
        assertThat(Health.live(null)).isEqualTo(new Health.Status(true, "STARTING", null));
        assertThat(Health.ready(null, 0).httpCode()).isEqualTo(503);
        assertThat(Health.ready(null, 0).state()).isEqualTo("STARTING");
    }

    @Test
    void aDownReadinessSaysWhy() {
        assertThat(Health.ready(State.REBALANCING, 0).reason()).isEqualTo("state is REBALANCING");
        assertThat(Health.ready(State.RUNNING, 0).reason()).isNull();
    }
}
