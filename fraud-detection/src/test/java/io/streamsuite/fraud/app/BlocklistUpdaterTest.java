package io.streamsuite.fraud.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.BlocklistEntry;
import io.streamsuite.topologies.serde.JsonSerde;
import io.streamsuite.topologies.serde.TopicSpec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-memory blocklist the stream threads read always says what the global store says. */
class BlocklistUpdaterTest {

    private static final String STORE = "blocklist";

    private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    private final LiveBlocklist live = new LiveBlocklist();
    private KeyValueStore<String, BlocklistEntry> store;
    private BlocklistUpdater updater;

    @BeforeEach
    void storeOfAnEarlierRun() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(),
                JsonSerde.of(BlocklistEntry.class)).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        store.put("card:c1", new BlocklistEntry("stolen", 1L));
        store.put("merchant:m1", new BlocklistEntry(null, 1L));
        updater = new BlocklistUpdater(STORE, new TopicSpec<>("fraud-blocklist", Serdes.String(),
                JsonSerde.of(BlocklistEntry.class)), live);
    }

    @Test
    void startsFromWhatThePersistentStoreHoldsAndNothingElse() {
        live.put("card:lifted", new BlocklistEntry("lifted before the restart", 1L));

        updater.init(context);

        assertThat(live.cardReason("c1")).hasValue("stolen");
        assertThat(live.merchantReason("m1")).hasValue("");
        assertThat(live.cardReason("lifted")).isEmpty();
        assertThat(live.merchantReason("c1")).as("a card id is not a merchant id").isEmpty();
    }

    @Test
    void appliesEntriesTombstonesAndUnreadableValuesToStoreAndMemoryAlike() {
        updater.init(context);

        updater.process(new Record<>("merchant:m2", utf8("{\"reason\":\"chargebacks\",\"addedAt\":5}"), 0L));
        updater.process(new Record<>("card:c1", null, 0L));
        updater.process(new Record<>("card:c3", utf8("{not json"), 0L));
        updater.process(new Record<>("nonsense", utf8("{\"reason\":\"skipped\"}"), 0L));

        assertThat(live.merchantReason("m2")).hasValue("chargebacks");
        assertThat(store.get("merchant:m2")).isEqualTo(new BlocklistEntry("chargebacks", 5L));
        assertThat(live.cardReason("c1")).isEmpty();
        assertThat(store.get("card:c1")).isNull();
        assertThat(live.cardReason("c3")).as("unreadable still blocks").hasValue("");
        assertThat(store.get("card:c3")).isEqualTo(new BlocklistEntry(null, null));
        assertThat(store.get("nonsense")).isNull();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
