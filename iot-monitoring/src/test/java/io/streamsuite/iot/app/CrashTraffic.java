package io.streamsuite.iot.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsuite.iot.Device;
import io.streamsuite.iot.Reading;
import io.streamsuite.topologies.serde.JsonMappers;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.testing.CloudEventRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * The readings of {@link IotCrashRecoveryJarIT}, drawn from a seed before anything runs, in rounds: in each, every
 * device reports its temperature and humidity once, stamped {@link #STEP} of event time after the round before, so
 * that event time runs much faster than the wall clock and several minutes close while instances are killed.
 *
 * <p>Devices differ in what they exercise: thresholds crossed now and then (and the cooldown that thins their alerts),
 * spikes far beyond the running statistics (anomalies), no registry entry at all, and a few devices that stop
 * reporting for good part-way through, which must go offline exactly once. Among the readings: poison records
 * (undecodable or invalid, dead-lettered by Kafka Streams' handler) and readings of a third sensor type beyond
 * {@code iot.device.max-sensor-types=2} (dead-lettered by the app itself, in its transaction); both carry the header
 * {@link #EXPECT_DEAD_LETTER}, so the input topic as stored says which records must come out as dead letters.
 *
 * <p>After the live rounds comes the {@link #tailRound()}: every device still reporting, at the device's base value,
 * stamped just past the grace of the last live minute. Its first copy closes every live window; the copies after keep
 * the devices alive for the wall-clock heartbeat while the test waits, and change nothing else
 * ({@link CrashReference} checks that).
 */
final class CrashTraffic {

    static final String TEMPERATURE = "temperature";
    static final String HUMIDITY = "humidity";
    /** A third sensor type: refused by the app, since the test caps a device at two. */
    static final String PRESSURE = "pressure";
    static final int MAX_SENSOR_TYPES = 2;
    static final long STEP = 2_000;
    static final long MINUTE = 60_000;
    /** 4 minutes of event time, 30 rounds a minute. */
    static final int ROUNDS = 120;
    static final long GRACE = 30_000;
    /** A header on the records that must come out of the dead-letter topic, naming why. */
    static final String EXPECT_DEAD_LETTER = "crash-test-expect-dead-letter";

    private static final double NOISE = 0.5;
    private static final int POISON_EVERY = 500;
    private static final double PRESSURE_SHARE = 0.005;
    private static final double SPIKE_SHARE = 0.35;
    private static final int SPIKE_FROM_ROUND = 40;

    /** One device's plan; {@code stopsAfter} is the last round it reports in, or -1 if it never stops. */
    record Plan(String id, int partition, double temperature, double humidity, Device registered, int stopsAfter) {
        boolean stops() {
            return stopsAfter >= 0;
        }

        double base(String sensorType) {
            return TEMPERATURE.equals(sensorType) ? temperature : humidity;
        }
    }

    private final long start;
    private final List<Plan> devices;
    private final List<List<ProducerRecord<byte[], byte[]>>> rounds;
    private final List<ProducerRecord<byte[], byte[]>> tail;
    private final Map<String, Long> lastReadingTimes = new TreeMap<>();
    private int readings;
    private int poison;
    private int refused;

    private CrashTraffic(long start, List<Plan> devices, List<List<ProducerRecord<byte[], byte[]>>> rounds,
                         List<ProducerRecord<byte[], byte[]>> tail) {
        this.start = start;
        this.devices = devices;
        this.rounds = rounds;
        this.tail = tail;
    }

    /**
     * @param start       event time of the first round, at the start of a minute, so that the same seed gives the same
     *                    windows whenever it runs
     * @param partitions  of the input: every partition keeps a device that reports to the end, whose tail reading moves
     *                    that partition's stream time past the last live window
     */
    static CrashTraffic generate(long seed, long start, int deviceCount, int stoppers, int partitions,
                                 TopicSpec<String, Reading> topic) {
        if (start % MINUTE != 0) {
            throw new IllegalArgumentException("start must be a whole minute: " + start);
        }
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        for (int d = 0; d < deviceCount; d++) {
            ids.add(String.format("crash-dev-%03d", d));
        }
        // the first device of each partition never stops
        Map<Integer, String> anchors = new TreeMap<>();
        ids.forEach(id -> anchors.putIfAbsent(partitionOf(id, partitions), id));
        if (anchors.size() < partitions) {
            throw new IllegalArgumentException(deviceCount + " devices leave a partition of " + partitions + " empty");
        }
        List<String> mayStop = new ArrayList<>(ids);
        mayStop.removeAll(anchors.values());
        Collections.shuffle(mayStop, random);
        List<String> stopping = mayStop.subList(0, Math.min(stoppers, mayStop.size()));

        List<Plan> plans = new ArrayList<>();
        for (int d = 0; d < deviceCount; d++) {
            String id = ids.get(d);
            double temperature = round3(18 + random.nextDouble() * 10);
            double humidity = round3(35 + random.nextDouble() * 30);
            // stopping within the first half of the traffic, after the anomaly warm-up has begun
            int stopsAfter = stopping.contains(id) ? ROUNDS / 6 + random.nextInt(ROUNDS / 3) : -1;
            plans.add(new Plan(id, partitionOf(id, partitions), temperature, humidity,
                    registryEntry(d, id, temperature, humidity), stopsAfter));
        }
        CrashTraffic traffic = new CrashTraffic(start, List.copyOf(plans), new ArrayList<>(), new ArrayList<>());
        traffic.draw(random, topic);
        return traffic;
    }

    /**
     * Every tenth device is not registered (monitored all the same, without location or thresholds); of the others, a
     * quarter has a temperature maximum just above its base, crossed by about a fifth of its readings, a quarter a
     * humidity minimum just below, and a quarter wide thresholds that only a spike crosses.
     */
    private static Device registryEntry(int d, String id, double temperature, double humidity) {
        if (d % 10 == 9) {
            return null;
        }
        Map<String, Device.Range> thresholds = switch (d % 4) {
            case 0 -> Map.of(TEMPERATURE, new Device.Range(null, round3(temperature + 0.3)));
            case 1 -> Map.of(HUMIDITY, new Device.Range(round3(humidity - 0.3), null));
            case 2 -> Map.of(TEMPERATURE, new Device.Range(temperature - 5, temperature + 5),
                    HUMIDITY, new Device.Range(humidity - 5, humidity + 5));
            default -> Map.of();
        };
        return new Device(id, "hall-" + (d % 3) + "/line-" + d, thresholds);
    }

    private void draw(Random random, TopicSpec<String, Reading> topic) {
        Map<String, Integer> spikes = new LinkedHashMap<>();
        for (Plan device : devices) {
            for (String sensor : List.of(TEMPERATURE, HUMIDITY)) {
                int lastRound = device.stops() ? device.stopsAfter() : ROUNDS - 1;
                if (random.nextDouble() < SPIKE_SHARE && lastRound > SPIKE_FROM_ROUND) {
                    spikes.put(device.id() + "/" + sensor, SPIKE_FROM_ROUND + random.nextInt(lastRound - SPIKE_FROM_ROUND));
                }
            }
        }
        for (int round = 0; round < ROUNDS; round++) {
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int d = 0; d < devices.size(); d++) {
                Plan device = devices.get(d);
                if (device.stops() && round > device.stopsAfter()) {
                    continue;
                }
                // spread over the step in device order, so that event time only grows within a partition
                long time = start + round * STEP + d * STEP / devices.size();
                for (String sensor : List.of(TEMPERATURE, HUMIDITY)) {
                    double noise = (random.nextDouble() * 2 - 1) * NOISE;
                    Integer spikeRound = spikes.get(device.id() + "/" + sensor);
                    double spike = spikeRound != null && spikeRound == round ? (random.nextBoolean() ? 1 : -1) * (6 + 4 * random.nextDouble()) : 0;
                    records.add(reading(topic, new Reading(device.id(), sensor, round3(device.base(sensor) + noise + spike),
                            unit(sensor), time)));
                    lastReadingTimes.put(device.id(), time);
                    if (readings % POISON_EVERY == POISON_EVERY - 1) {
                        records.add(poison(topic, device.id(), time));
                    }
                }
                if (round > 0 && random.nextDouble() < PRESSURE_SHARE) {
                    ProducerRecord<byte[], byte[]> refusedReading =
                            reading(topic, new Reading(device.id(), PRESSURE, 1013.25, "hPa", time));
                    refusedReading.headers().add(EXPECT_DEAD_LETTER, utf8("sensor-types"));
                    records.add(refusedReading);
                    refused++;
                }
            }
            rounds.add(records);
        }
        long tailTime = start + ROUNDS * STEP + GRACE;
        for (Plan device : devices) {
            if (!device.stops()) {
                for (String sensor : List.of(TEMPERATURE, HUMIDITY)) {
                    tail.add(plain(topic, new Reading(device.id(), sensor, device.base(sensor), unit(sensor), tailTime)));
                }
            }
        }
    }

    /** A reading as sent: JSON by the app's serde, every tenth one a CloudEvent (binary mode) as another system would. */
    private ProducerRecord<byte[], byte[]> reading(TopicSpec<String, Reading> topic, Reading reading) {
        if (readings++ % 10 != 0) {
            return plain(topic, reading);
        }
        ProducerRecord<byte[], byte[]> event = CloudEventRecords.binary(topic.name(), reading.deviceId(), reading);
        return new ProducerRecord<>(topic.name(), null, reading.timestamp(), event.key(), event.value(), event.headers());
    }

    private static ProducerRecord<byte[], byte[]> plain(TopicSpec<String, Reading> topic, Reading reading) {
        return new ProducerRecord<>(topic.name(), null, reading.timestamp(), utf8(reading.deviceId()),
                topic.valueSerde().serializer().serialize(topic.name(), reading));
    }

    /** In turn: truncated JSON, a missing value, a value beyond {@code iot.reading.max-magnitude}, a NaN token. */
    private ProducerRecord<byte[], byte[]> poison(TopicSpec<String, Reading> topic, String deviceId, long time) {
        ObjectNode reading = JsonMappers.mapper().createObjectNode().put("deviceId", deviceId)
                .put("sensorType", TEMPERATURE).put("unit", "C").put("timestamp", time);
        String json = switch (poison % 4) {
            case 0 -> "{\"deviceId\": \"" + deviceId + "\", \"sensorType\": \"temp";
            case 1 -> reading.toString();
            case 2 -> reading.put("value", 1e200).toString();
            default -> reading.toString().replace("}", ", \"value\": NaN}");
        };
        String kind = switch (poison % 4) {
            case 0, 3 -> "undecodable";
            default -> "invalid";
        };
        poison++;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(), null, time, utf8(deviceId), utf8(json));
        record.headers().add(EXPECT_DEAD_LETTER, utf8(kind));
        return record;
    }

    /** The partition the default partitioner gives a key: where a device's readings, state and outputs live. */
    static int partitionOf(String deviceId, int partitions) {
        return Utils.toPositive(Utils.murmur2(utf8(deviceId))) % partitions;
    }

    List<Plan> devices() {
        return devices;
    }

    List<Plan> stoppers() {
        return devices.stream().filter(Plan::stops).toList();
    }

    /** The registry as the app reads it: one entry per registered device. */
    List<Device> registry() {
        return devices.stream().map(Plan::registered).filter(device -> device != null).toList();
    }

    List<List<ProducerRecord<byte[], byte[]>>> rounds() {
        return rounds;
    }

    /** One round of the tail: every device that does not stop, at its base values; the same records every time. */
    List<ProducerRecord<byte[], byte[]>> tailRound() {
        return tail;
    }

    /** Event time of the device's last live reading: the {@code lastSeen} of its offline alert. */
    long lastReadingTime(String deviceId) {
        return lastReadingTimes.get(deviceId);
    }

    long start() {
        return start;
    }

    /** Readings of temperature or humidity in the live rounds. */
    int readingCount() {
        return readings - refused;
    }

    int poisonCount() {
        return poison;
    }

    int refusedCount() {
        return refused;
    }

    static double round3(double value) {
        return Math.round(value * 1_000) / 1_000.0;
    }

    private static String unit(String sensorType) {
        return TEMPERATURE.equals(sensorType) ? "C" : "%";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
