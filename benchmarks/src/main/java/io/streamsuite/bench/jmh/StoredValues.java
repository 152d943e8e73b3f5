package io.streamsuite.bench.jmh;

import io.streamsuite.fraud.CardHistory;
import io.streamsuite.fraud.FraudRules;
import io.streamsuite.fraud.binary.CardHistorySerde;
import io.streamsuite.iot.DeviceMonitor;
import io.streamsuite.iot.DeviceState;
import io.streamsuite.iot.DeviceStateCodec;
import io.streamsuite.iot.MonitorRules;
import io.streamsuite.iot.Reading;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The values the apps keep in their largest stores, at their steady size, and the serdes the stores use. The one place
 * to repoint when a store's layout changes: the benchmark itself only calls these.
 */
final class StoredValues {

    static final String CARD_STORE_TOPIC = "fraud-card-history-changelog";
    static final String DEVICE_STORE_TOPIC = "iot-device-state-changelog";
    private static final long START = 1_763_700_000_000L;

    private StoredValues() {
    }

    /** fraud-detection's {@code fraud-card-history} serde, as its topology builds the store. */
    static Serde<CardHistory> cardHistorySerde() {
        return new CardHistorySerde();
    }

    /** iot-monitoring's {@code iot-device-state} serde, as its topology builds the store. */
    static Serde<DeviceState> deviceStateSerde() {
        return Serdes.serdeFrom((topic, state) -> DeviceStateCodec.encode(state),
                (topic, bytes) -> DeviceStateCodec.decode(bytes));
    }

    /**
     * A card's history at its steady size: 40 transactions two minutes apart went through the app's own bookkeeping
     * with the default rules, so it holds what the app keeps (the last 20 amounts, those within the retention, the
     * last location, the running amount statistics).
     */
    static CardHistory fullCardHistory() {
        FraudRules rules = FraudRules.defaults();
        CardHistory history = CardHistory.empty();
        for (int i = 0; i < 40; i++) {
            history = history.record(Samples.transaction(i * 1000, START + i * 120_000L), rules.retention(),
                    rules.amountsKept(), rules.historyCap());
        }
        return history;
    }

    /** A device with three sensors after 40 readings each, through the app's own monitor with the default rules. */
    static DeviceState deviceState() {
        DeviceMonitor monitor = new DeviceMonitor(new MonitorRules(4, 30, 0.1, Duration.ofSeconds(60),
                Duration.ofMinutes(5)));
        Optional<DeviceState> state = Optional.empty();
        String[] sensors = {"temperature", "humidity", "pressure"};
        for (int i = 0; i < 40; i++) {
            for (int s = 0; s < sensors.length; s++) {
                long time = START + i * 10_000L + s;
                Reading reading = new Reading("dev-000042", sensors[s], 20.0 + s * 10 + (i % 7) * 0.37, "u", time);
                state = Optional.of(monitor.onReading(reading, state, Optional.empty(), time).state());
            }
        }
        return state.orElseThrow();
    }
}
