package io.streamsuite.topologies.kstream;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Makes sure a stream is keyed by a field of its values, e.g. transactions by card id, before per-key state.
 *
 * <p>Records whose key already is that field go straight on; only the others are re-keyed through a named
 * repartition topic. A producer that keys as the contract says therefore costs no extra write, and one that keys
 * otherwise (or not at all) is still processed correctly. Records of one entity that arrive both ways may reach
 * the state in a different order than they were produced; event-time processing copes with that.
 */
public final class Rekey {

    private static final String KEYED = "keyed";
    private static final String OTHERWISE = "otherwise";

    private Rekey() {
    }

    /**
     * @param stream      the input, with any key
     * @param keyOf       the field to key by; never null for a validated value
     * @param name        names the processors and the repartition topic {@code <application.id>-<name>-repartition}
     * @param keySerde    for the repartition topic
     * @param valueSerde  for the repartition topic
     */
    public static <V> KStream<String, V> by(KStream<String, V> stream, Function<V, String> keyOf, String name,
                                            Serde<String> keySerde, Serde<V> valueSerde) {
        Objects.requireNonNull(keyOf, "keyOf");
        String prefix = name + "-";
        Map<String, KStream<String, V>> branches = stream
                .split(Named.as(prefix))
                .branch((key, value) -> keyOf.apply(value).equals(key), Branched.as(KEYED))
                .defaultBranch(Branched.as(OTHERWISE));
        KStream<String, V> rekeyed = branches.get(prefix + OTHERWISE)
                .selectKey((key, value) -> keyOf.apply(value), Named.as(prefix + "select-key"))
                .repartition(Repartitioned.<String, V>as(name).withKeySerde(keySerde).withValueSerde(valueSerde));
        return branches.get(prefix + KEYED).merge(rekeyed, Named.as(prefix + "merge"));
    }
}
