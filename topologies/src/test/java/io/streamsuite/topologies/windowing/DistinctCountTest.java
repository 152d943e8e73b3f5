package io.streamsuite.topologies.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.serde.JsonMappers;
import io.streamsuite.topologies.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random inputs are seeded (by the repetition number where repeated), so a failure names a reproducible case. */
class DistinctCountTest {

    private static final JsonSerde<DistinctCount> SERDE = JsonSerde.of(DistinctCount.class);

    /** Three standard errors of HyperLogLog with 4096 registers, 3 * 1.04 / 64, about 4.9%. */
    private static final double THREE_STANDARD_ERRORS = 3 * 1.04 / Math.sqrt(DistinctCount.REGISTERS);

    @TempDir
    Path stateDir;

    // ---- exact mode ----

    @Test
    void emptyIsExactZero() {
        DistinctCount empty = DistinctCount.empty();

        assertThat(empty.estimate()).isZero();
        assertThat(empty.exact()).isTrue();
        assertThat(empty).isEqualTo(DistinctCount.empty());
    }

    @Test
    void oneItemCountsOne() {
        DistinctCount one = DistinctCount.empty().add("visitor-1");

        assertThat(one.estimate()).isEqualTo(1);
        assertThat(one.exact()).isTrue();
    }

    @Test
    void repeatedItemsCountOnceAndAllocateNothing() {
        DistinctCount two = DistinctCount.empty().add("alice").add("bob");

        DistinctCount again = two.add("alice").add("bob").add("alice");

        assertThat(again).isSameAs(two);
        assertThat(again.estimate()).isEqualTo(2);
    }

    @Test
    void itemsAreComparedByContentAndCaseSensitively() {
        DistinctCount count = DistinctCount.empty().add("Alice").add("alice").add(new String("alice"));

        assertThat(count.estimate()).isEqualTo(2);
    }

    @Test
    void countsExactlyUpToTheLimitRegardlessOfRepeats() {
        Random random = new Random(7);
        DistinctCount count = DistinctCount.empty();
        for (int i = 1; i <= DistinctCount.EXACT_LIMIT; i++) {
            count = count.add("visitor-" + i);
            // a repeat of an earlier visitor in between must not count
            count = count.add("visitor-" + (1 + random.nextInt(i)));
            assertThat(count.estimate()).isEqualTo(i);
            assertThat(count.exact()).isTrue();
        }
    }

    @Test
    void switchesToHyperLogLogAtTheFirstItemBeyondTheLimit() {
        DistinctCount full = countOf(items("v", DistinctCount.EXACT_LIMIT));
        assertThat(full.exact()).isTrue();
        assertThat(full.estimate()).isEqualTo(512);
        assertThat(full.add("v-0")).isSameAs(full);

        DistinctCount dense = full.add("one more");

        assertThat(dense.exact()).isFalse();
        // Never below 513, which is known for certain; and close to it.
        assertThat(dense.estimate()).isBetween(513L, Math.round(513 * (1 + THREE_STANDARD_ERRORS)));
        assertThat(full.exact()).as("the original is unchanged").isTrue();
    }

    @Test
    void denseModeReturnsTheSameInstanceForASeenItem() {
        List<String> items = items("v", 2_000);
        DistinctCount dense = countOf(items);

        assertThat(dense.exact()).isFalse();
        for (String item : items.subList(0, 100)) {
            assertThat(dense.add(item)).isSameAs(dense);
        }
    }

    @Test
    void rejectsNullItem() {
        assertThatThrownBy(() -> DistinctCount.empty().add(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("item");
        assertThatThrownBy(() -> countOf(items("v", 600)).add(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("item");
    }

    // ---- accuracy ----

    /** Random-looking visitor ids, distinct by construction thanks to the index suffix. */
    @ParameterizedTest(name = "{0} distinct items")
    @ValueSource(ints = {1_000, 10_000, 100_000, 1_000_000})
    void estimateIsWithinThreeStandardErrorsForRandomIds(int n) {
        int seeds = n >= 1_000_000 ? 4 : 8;
        double sumOfErrors = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            Random random = new Random(seed * 1_000_003L + n);
            DistinctCount count = DistinctCount.empty();
            for (int i = 0; i < n; i++) {
                count = count.add(Long.toHexString(random.nextLong()) + "-" + i);
            }
            double error = relativeError(count.estimate(), n);
            assertThat(Math.abs(error)).as("relative error for seed %d", seed).isLessThanOrEqualTo(THREE_STANDARD_ERRORS);
            sumOfErrors += error;
        }
        // No systematic bias: the mean of the signed errors is well within one standard error.
        assertThat(Math.abs(sumOfErrors / seeds)).as("mean relative error").isLessThan(THREE_STANDARD_ERRORS / 3);
    }

    /** Sequential ids differ in a byte or two only, which a weak hash would map to correlated registers. */
    @ParameterizedTest(name = "{0} distinct items")
    @ValueSource(ints = {1_000, 10_000, 100_000, 1_000_000})
    void estimateIsWithinThreeStandardErrorsForSequentialIds(int n) {
        for (String prefix : List.of("", "user-", "https://shop.example.com/p/")) {
            DistinctCount count = DistinctCount.empty();
            for (int i = 0; i < n; i++) {
                count = count.add(prefix + i);
            }
            assertThat(Math.abs(relativeError(count.estimate(), n)))
                    .as("relative error for prefix '%s'", prefix)
                    .isLessThanOrEqualTo(THREE_STANDARD_ERRORS);
        }
    }

    @Test
    void estimateGrowsWithTheCountAcrossTheSwitch() {
        // Not strictly monotone item by item (a sketch cannot be), but never far behind the true count.
        DistinctCount count = DistinctCount.empty();
        for (int i = 1; i <= 20_000; i++) {
            count = count.add("user-" + i);
            if (i > DistinctCount.EXACT_LIMIT) {
                assertThat(count.estimate()).as("estimate after %d items", i)
                        .isGreaterThan(DistinctCount.EXACT_LIMIT)
                        .isBetween(Math.round(i * (1 - THREE_STANDARD_ERRORS)), Math.round(i * (1 + THREE_STANDARD_ERRORS)));
            }
        }
    }

    // ---- merge ----

    @RepeatedTest(50)
    void mergeOfSmallSetsIsTheExactUnion(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        List<String> all = items("u" + repetition.getCurrentRepetition(), random.nextInt(DistinctCount.EXACT_LIMIT + 1));
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        split(all, random, left, right);

        DistinctCount merged = countOf(left).merge(countOf(right));

        assertThat(merged).isEqualTo(countOf(all));
        assertThat(merged.exact()).isTrue();
        assertThat(merged.estimate()).isEqualTo(all.size());
    }

    @RepeatedTest(30)
    void mergeOfAnySizesHasTheRegistersOfOneCounterOverAllItems(RepetitionInfo repetition) {
        Random random = new Random(10_000L + repetition.getCurrentRepetition());
        // Sizes from a few to several thousand on each side: sparse+sparse, sparse+dense, dense+dense.
        int size = 1 + random.nextInt(random.nextBoolean() ? 1_100 : 8_000);
        List<String> all = items("d" + repetition.getCurrentRepetition(), size);
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        split(all, random, left, right);
        DistinctCount a = countOf(left);
        DistinctCount b = countOf(right);

        DistinctCount merged = a.merge(b);

        DistinctCount expected = countOf(all);
        assertThat(merged).as("%d + %d items", left.size(), right.size()).isEqualTo(expected);
        assertThat(merged.exact()).isEqualTo(all.size() <= DistinctCount.EXACT_LIMIT);
        assertThat(SERDE.serializer().serialize("t", merged)).isEqualTo(SERDE.serializer().serialize("t", expected));
    }

    @Test
    void mergeCoversEveryCombinationOfModes() {
        DistinctCount sparse = countOf(items("a", 300));
        DistinctCount otherSparse = countOf(items("b", 300));
        DistinctCount dense = countOf(items("c", 3_000));
        DistinctCount otherDense = countOf(items("d", 3_000));

        assertThat(sparse.merge(otherSparse)).isEqualTo(countOf(concat(items("a", 300), items("b", 300))));
        assertThat(sparse.merge(otherSparse).exact()).as("600 distinct items do not fit the exact mode").isFalse();
        assertThat(sparse.merge(dense)).isEqualTo(countOf(concat(items("a", 300), items("c", 3_000))));
        assertThat(dense.merge(sparse)).isEqualTo(countOf(concat(items("a", 300), items("c", 3_000))));
        assertThat(dense.merge(otherDense)).isEqualTo(countOf(concat(items("c", 3_000), items("d", 3_000))));
    }

    @Test
    void mergeStaysExactAtTheLimitAndSwitchesOneBeyond() {
        List<String> all = items("x", DistinctCount.EXACT_LIMIT + 1);

        DistinctCount atLimit = countOf(all.subList(0, 200)).merge(countOf(all.subList(100, 512)));
        DistinctCount beyond = countOf(all.subList(0, 200)).merge(countOf(all.subList(100, 513)));

        assertThat(atLimit.exact()).isTrue();
        assertThat(atLimit.estimate()).isEqualTo(512);
        assertThat(beyond.exact()).isFalse();
        assertThat(beyond).isEqualTo(countOf(all));
    }

    @RepeatedTest(20)
    void mergeIsCommutativeAssociativeAndIdempotent(RepetitionInfo repetition) {
        Random random = new Random(20_000L + repetition.getCurrentRepetition());
        DistinctCount a = countOf(items("p", random.nextInt(2_000)));
        DistinctCount b = countOf(items("q", random.nextInt(2_000)));
        DistinctCount c = countOf(items("p", random.nextInt(2_000)));

        assertThat(a.merge(b)).isEqualTo(b.merge(a));
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
        assertThat(a.merge(a)).isEqualTo(a);
        assertThat(a.merge(b).merge(b)).isEqualTo(a.merge(b));
    }

    @Test
    void mergeWithEmptyOrASubsetReturnsTheLargerSide() {
        DistinctCount sparse = countOf(items("s", 100));
        DistinctCount dense = countOf(items("s", 5_000));

        assertThat(sparse.merge(DistinctCount.empty())).isSameAs(sparse);
        assertThat(DistinctCount.empty().merge(sparse)).isSameAs(sparse);
        assertThat(dense.merge(DistinctCount.empty())).isSameAs(dense);
        assertThat(DistinctCount.empty().merge(dense)).isSameAs(dense);
        assertThat(sparse.merge(countOf(items("s", 50)))).isSameAs(sparse);
        assertThat(dense.merge(sparse)).isSameAs(dense);
        assertThat(sparse.merge(dense)).isSameAs(dense);
    }

    @Test
    void rejectsNullMerge() {
        assertThatThrownBy(() -> DistinctCount.empty().merge(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("other");
    }

    // ---- JSON ----

    @Test
    void emptyJsonIsAnEmptyHashList() {
        assertThat(json(DistinctCount.empty())).isEqualTo("{\"hashes\":[]}");
        assertThat(roundTrip(DistinctCount.empty())).isEqualTo(DistinctCount.empty());
    }

    @Test
    void sparseJsonRoundTripsAsAscendingHashesOnly() throws Exception {
        DistinctCount count = countOf(items("visitor", 10));

        String json = json(count);
        JsonNode tree = JsonMappers.mapper().readTree(json);

        assertThat(roundTrip(count)).isEqualTo(count);
        assertThat(roundTrip(count).estimate()).isEqualTo(10);
        assertThat(roundTrip(count).exact()).isTrue();
        assertThat(iterable(tree.fieldNames())).containsExactly("hashes");
        assertThat(tree.get("hashes")).hasSize(10).allMatch(JsonNode::isIntegralNumber);
        long[] hashes = new long[10];
        for (int i = 0; i < 10; i++) {
            hashes[i] = tree.get("hashes").get(i).asLong();
        }
        assertThat(hashes).isSorted().doesNotHaveDuplicates();
        // 10 hashes of up to 20 characters each, commas and the field name: small.
        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThan(250);
    }

    @Test
    void denseJsonRoundTripsAsBase64RegistersOnly() throws Exception {
        DistinctCount count = countOf(items("visitor", 50_000));

        byte[] bytes = SERDE.serializer().serialize("t", count);
        JsonNode tree = JsonMappers.mapper().readTree(bytes);

        DistinctCount back = SERDE.deserializer().deserialize("t", bytes);
        assertThat(back).isEqualTo(count);
        assertThat(back.estimate()).isEqualTo(count.estimate());
        assertThat(back.exact()).isFalse();
        assertThat(iterable(tree.fieldNames())).containsExactly("registers");
        assertThat(Base64.getDecoder().decode(tree.get("registers").textValue())).hasSize(4096);
        // base64 of 4096 bytes is 4 * ceil(4096 / 3) = 5464 characters, plus {"registers":""}
        assertThat(bytes).hasSize(5_480);
    }

    @Test
    void sparseJsonNearTheLimitIsLargerThanDense() {
        // Documented in the class comment: JSON numbers cost about 20 bytes per 8-byte hash.
        int full = json(countOf(items("visitor", DistinctCount.EXACT_LIMIT))).length();

        assertThat(full).isBetween(9_000, 11_000);
    }

    /** Pins the hash and the format together: if this changes, stored counters no longer merge correctly. */
    @Test
    void jsonOfAKnownSetIsStable() {
        assertThat(json(DistinctCount.empty().add("a").add("b")))
                .isEqualTo("{\"hashes\":[-9033471704281723301,7955382828454826704]}");
    }

    @Test
    void readsHandWrittenStates() {
        DistinctCount sparse = SERDE.deserializer().deserialize("t",
                bytes("{\"hashes\":[-9033471704281723301,7955382828454826704],\"unknown\":1}"));
        assertThat(sparse).isEqualTo(DistinctCount.empty().add("b").add("a"));

        byte[] registers = new byte[4096];
        registers[0] = 1;
        registers[4095] = (byte) DistinctCount.MAX_RANK;
        DistinctCount dense = SERDE.deserializer().deserialize("t",
                bytes("{\"registers\":\"" + Base64.getEncoder().encodeToString(registers) + "\"}"));
        assertThat(dense.exact()).isFalse();
        assertThat(dense.estimate()).as("floored at the smallest count dense mode can have").isEqualTo(513);
    }

    @Test
    void rejectsInvalidJsonStatesWithAClearMessage() {
        byte[] tooHigh = new byte[4096];
        tooHigh[7] = (byte) (DistinctCount.MAX_RANK + 1);
        byte[] negative = new byte[4096];
        negative[9] = (byte) 0xff;
        String tooManyHashes = IntStream.range(0, DistinctCount.EXACT_LIMIT + 1)
                .mapToObj(Integer::toString)
                .collect(Collectors.joining(",", "{\"hashes\":[", "]}"));

        assertRejected("{}", "exactly one of hashes and registers must be present, but neither was");
        assertRejected("{\"hashes\":null}", "exactly one of hashes and registers must be present, but neither was");
        assertRejected("{\"hashes\":[],\"registers\":\"AAAA\"}",
                "exactly one of hashes and registers must be present, but both were");
        assertRejected("{\"registers\":\"AAAA\"}", "registers must hold exactly 4096 bytes but held 3");
        assertRejected("{\"registers\":\"" + base64(tooHigh) + "\"}", "registers[7] must be in 0..53 but was 54");
        assertRejected("{\"registers\":\"" + base64(negative) + "\"}", "registers[9] must be in 0..53 but was 255");
        assertRejected(tooManyHashes, "hashes must hold at most 512 values but held 513");
        assertRejected("{\"hashes\":[5,3]}",
                "hashes must be strictly ascending (sorted, no duplicates) but hashes[1] = 3 follows 5");
        assertRejected("{\"hashes\":[3,3]}",
                "hashes must be strictly ascending (sorted, no duplicates) but hashes[1] = 3 follows 3");
        // The mapper's own strictness: no coercion of strings or fractions into hashes.
        assertRejected("{\"hashes\":[\"3\"]}", "");
        assertRejected("{\"hashes\":[1.5]}", "");
        assertRejected("{\"hashes\":[1,null]}", "");
        assertRejected("{\"registers\":\"not base64!\"}", "");
    }

    @Test
    void validationAlsoGuardsDirectConstruction() {
        long[] hashes = {1, 2, 3};
        DistinctCount count = DistinctCount.fromState(hashes, null);
        hashes[0] = 99;

        assertThat(count.estimate()).as("the state is copied").isEqualTo(3);
        assertThat(json(count)).isEqualTo("{\"hashes\":[1,2,3]}");
        assertThatThrownBy(() -> DistinctCount.fromState(null, new byte[4095]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("registers must hold exactly 4096 bytes but held 4095");
    }

    // ---- hash ----

    @Test
    void fnv1aMatchesThePublishedTestVectors() {
        assertThat(DistinctCount.fnv1a64(new byte[0])).isEqualTo(0xcbf29ce484222325L);
        assertThat(DistinctCount.fnv1a64(bytes("a"))).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(DistinctCount.fnv1a64(bytes("foobar"))).isEqualTo(0x85944171f73967e8L);
    }

    @Test
    void hashIsPinnedAcrossJvmsAndReleases() {
        assertThat(DistinctCount.fmix64(0)).isZero();
        assertThat(DistinctCount.hash64("")).isEqualTo(0xefd01f60ba992926L);
        assertThat(DistinctCount.hash64("a")).isEqualTo(0x82a2a958a9bece5bL);
        assertThat(DistinctCount.hash64("visitor-42")).isEqualTo(0xd87a7bc38c46bbdfL);
        assertThat(DistinctCount.hash64("https://example.com/")).isEqualTo(0x26363d14a74338d9L);
    }

    @Test
    void hashEncodesItemsAsUtf8() {
        assertThat(DistinctCount.hash64("é"))
                .isEqualTo(DistinctCount.fmix64(DistinctCount.fnv1a64(new byte[] {(byte) 0xc3, (byte) 0xa9})))
                .isEqualTo(0x9d55ccb9ba86763bL);
    }

    @Test
    void toStringSummarisesInsteadOfDumpingTheState() {
        assertThat(countOf(items("v", 3))).hasToString("DistinctCount[exact, 3]");
        assertThat(countOf(items("v", 5_000)).toString()).startsWith("DistinctCount[HyperLogLog p=12, ~").hasSizeLessThan(50);
    }

    // ---- in a topology ----

    @Test
    void countsUniqueVisitorsPerUrlPerMinuteInAWindowedAggregate() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .windowedBy(WindowSpecs.tumbling(Duration.ofMinutes(1), Duration.ZERO))
                .aggregate(DistinctCount::empty, (url, visitor, count) -> count.add(visitor),
                        Materialized.with(Serdes.String(), SERDE))
                .toStream((windowed, count) -> windowed.key() + "@" + WindowedKeys.windowStartKey(windowed))
                .mapValues(DistinctCount::estimate)
                .to("unique-visitors", Produced.with(Serdes.String(), Serdes.Long()));

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "distinct-count-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> clicks = driver.createInputTopic(
                    "clicks", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, Long> uniqueVisitors = driver.createOutputTopic(
                    "unique-visitors", Serdes.String().deserializer(), Serdes.Long().deserializer());

            clicks.pipeInput("/home", "alice", at(1_000));
            clicks.pipeInput("/home", "bob", at(2_000));
            clicks.pipeInput("/home", "alice", at(3_000));
            clicks.pipeInput("/cart", "alice", at(4_000));
            clicks.pipeInput("/home", "alice", at(61_000));
            for (int i = 0; i < 1_000; i++) {
                clicks.pipeInput("/sale", "visitor-" + (i % 700), at(62_000 + i));
            }

            List<KeyValue<String, Long>> updates = uniqueVisitors.readKeyValuesToList();
            assertThat(updates.subList(0, 5)).containsExactly(
                    KeyValue.pair("/home@0", 1L),
                    KeyValue.pair("/home@0", 2L),
                    KeyValue.pair("/home@0", 2L),
                    KeyValue.pair("/cart@0", 1L),
                    KeyValue.pair("/home@60000", 1L));
            long sale = updates.get(updates.size() - 1).value;
            assertThat(updates.get(updates.size() - 1).key).isEqualTo("/sale@60000");
            assertThat(Math.abs(relativeError(sale, 700))).isLessThanOrEqualTo(THREE_STANDARD_ERRORS);
        }
    }

    // ---- helpers ----

    private static void assertRejected(String json, String message) {
        assertThatThrownBy(() -> SERDE.deserializer().deserialize("counts", bytes(json)))
                .as(json)
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot decode DistinctCount from topic counts: ")
                .hasMessageContaining(message);
    }

    private static List<String> items(String prefix, int n) {
        List<String> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(prefix + "-" + i);
        }
        return items;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Deals the items to two sides, about a fifth of them to both, so the union has real overlap. */
    private static void split(List<String> all, Random random, List<String> left, List<String> right) {
        for (String item : all) {
            int side = random.nextInt(5);
            if (side != 0) {
                left.add(item);
            }
            if (side != 1 && (side == 0 || random.nextBoolean())) {
                right.add(item);
            }
        }
    }

    private static DistinctCount countOf(List<String> items) {
        DistinctCount count = DistinctCount.empty();
        for (String item : items) {
            count = count.add(item);
        }
        return count;
    }

    private static double relativeError(long estimate, long actual) {
        return (estimate - (double) actual) / actual;
    }

    private static DistinctCount roundTrip(DistinctCount count) {
        return SERDE.deserializer().deserialize("t", SERDE.serializer().serialize("t", count));
    }

    private static String json(DistinctCount count) {
        return new String(SERDE.serializer().serialize("t", count), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static <T> List<T> iterable(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    private static Instant at(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }
}
