package io.streamsuite.bench.jmh;

import io.streamsuite.fraud.CardHistory;
import io.streamsuite.iot.DeviceState;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one store round trip costs in encoding alone: a full card history and a device state, decoded and encoded by
 * the serdes of their stores ({@link StoredValues}). Every transaction of fraud-detection decodes and re-encodes its
 * card's history, every reading of iot-monitoring its device's state. Three forks of five 1-second iterations after
 * five of warm-up keep the 99.9 % error well under the score on a quiet machine (the report marks a result whose
 * error is not).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class StoredValueSerdeBenchmark {

    private Serde<CardHistory> historySerde;
    private Serde<DeviceState> stateSerde;
    private CardHistory history;
    private DeviceState state;
    private byte[] historyBytes;
    private byte[] stateBytes;

    @Setup(Level.Trial)
    public void setUp() {
        historySerde = StoredValues.cardHistorySerde();
        stateSerde = StoredValues.deviceStateSerde();
        history = StoredValues.fullCardHistory();
        state = StoredValues.deviceState();
        historyBytes = historySerde.serializer().serialize(StoredValues.CARD_STORE_TOPIC, history);
        stateBytes = stateSerde.serializer().serialize(StoredValues.DEVICE_STORE_TOPIC, state);
    }

    @Benchmark
    public byte[] cardHistoryEncode() {
        return historySerde.serializer().serialize(StoredValues.CARD_STORE_TOPIC, history);
    }

    @Benchmark
    public CardHistory cardHistoryDecode() {
        return historySerde.deserializer().deserialize(StoredValues.CARD_STORE_TOPIC, historyBytes);
    }

    @Benchmark
    public byte[] deviceStateEncode() {
        return stateSerde.serializer().serialize(StoredValues.DEVICE_STORE_TOPIC, state);
    }

    @Benchmark
    public DeviceState deviceStateDecode() {
        return stateSerde.deserializer().deserialize(StoredValues.DEVICE_STORE_TOPIC, stateBytes);
    }
}
