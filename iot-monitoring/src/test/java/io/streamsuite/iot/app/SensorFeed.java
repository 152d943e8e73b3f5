package io.streamsuite.iot.app;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.testing.CloudEventRecords;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Live sensor traffic for {@code iot-readings}: every tick of real time, one temperature and one humidity reading per
 * device, stamped with the wall clock, valued at the device's base plus bounded uniform noise (never Gaussian: a
 * tail would make genuine anomalies). Values come from one seeded {@link Random} per device and sensor, drawn on every
 * tick whether sent or not, so they do not depend on timing; only the timestamps do.
 *
 * <p>The live part lasts a fixed number of ticks, with the injected offsets and silences applied. After it the feed
 * keeps every device reporting normal values, but stamped {@code skipAhead} after the last live tick: that moves
 * stream time past every window the live readings fell in, so those windows close, while no device falls silent
 * and nothing new is alerted.
 */
final class SensorFeed implements AutoCloseable {

    static final String TEMPERATURE = "temperature";
    static final String HUMIDITY = "humidity";
    static final List<String> SENSORS = List.of(TEMPERATURE, HUMIDITY);
    /** Half the width of the uniform noise around a base. */
    static final double NOISE = 0.5;


    /** A device's normal values, one base per sensor. */
    record Device(String id, double temperature, double humidity) {
        double base(String sensorType) {
            return TEMPERATURE.equals(sensorType) ? temperature : humidity;
        }
    }

    /** One reading as sent; {@code offset} is what was injected on top of base and noise, 0 for a normal one. */
    record Reading(String deviceId, String sensorType, double value, long timestamp, int tick, double offset,
                   boolean live) {
        boolean injected() {
            return offset != 0;
        }
    }

    private final List<Device> devices;
    private final int liveTicks;
    private final Duration tick;
    private final Duration skipAhead;
    private final Map<String, Random> noise = new HashMap<>();
    private final Map<String, Map<Integer, Double>> offsets = new HashMap<>();
    private final Map<String, int[]> silences = new HashMap<>();
    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledExecutorService scheduler;
    private final CountDownLatch liveDone = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Reading> sent = new ArrayList<>();
    private final TopicSpec<String, io.streamsuite.iot.Reading> topic;
    private long readingsSent;
    private int nextTick;
    private long lastLiveTime;

    /**
     * @param topic the readings topic with the app's serde: readings are sent in the configured format, every tenth as
     *              a CloudEvent in binary mode with JSON data, as another system might send them
     */
    SensorFeed(Map<String, Object> clientConfig, TopicSpec<String, io.streamsuite.iot.Reading> topic, long seed,
               List<Device> devices, int liveTicks, Duration tick, Duration skipAhead) {
        this.topic = topic;
        this.devices = List.copyOf(devices);
        this.liveTicks = liveTicks;
        this.tick = tick;
        this.skipAhead = skipAhead;
        int stream = 0;
        for (Device device : devices) {
            for (String sensor : SENSORS) {
                noise.put(pair(device.id(), sensor), new Random(seed * 1_000 + stream++));
            }
        }
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sensor-feed");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Adds {@code offset} to the reading of this device and sensor at the given live tick. */
    SensorFeed inject(String deviceId, String sensorType, int atTick, double offset) {
        offsets.computeIfAbsent(pair(deviceId, sensorType), key -> new HashMap<>()).put(atTick, offset);
        return this;
    }

    /** The device sends nothing from live tick {@code from} (inclusive) to {@code until} (exclusive). */
    SensorFeed silence(String deviceId, int from, int until) {
        silences.put(deviceId, new int[] {from, until});
        return this;
    }

    void start() {
        scheduler.scheduleAtFixedRate(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the live part is sent and acknowledged; the feed goes on at the skipped-ahead time. */
    void awaitLive(Duration timeout) throws InterruptedException {
        if (!liveDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The live feed did not finish within " + timeout);
        }
        rethrowFailure();
    }

    /** Every reading sent so far, in order. */
    synchronized List<Reading> sent() {
        return List.copyOf(sent);
    }

    /** The readings of the live part, in order. */
    synchronized List<Reading> live() {
        return sent.stream().filter(Reading::live).toList();
    }

    /** Stops sending and closes the producer; fails if any send failed. */
    @Override
    public void close() {
        // not shutdownNow: interrupting a tick in its flush would record that interruption as the feed's failure
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
        rethrowFailure();
    }

    private void tick() {
        try {
            int current;
            long now = System.currentTimeMillis();
            boolean live;
            synchronized (this) {
                current = nextTick++;
                live = current < liveTicks;
                if (live) {
                    lastLiveTime = now;
                }
            }
            long timestamp = live ? now : lastLiveTime + skipAhead.toMillis();
            List<Reading> batch = new ArrayList<>();
            for (Device device : devices) {
                for (String sensor : SENSORS) {
                    String pair = pair(device.id(), sensor);
                    double offset = live ? offsets.getOrDefault(pair, Map.of()).getOrDefault(current, 0.0) : 0.0;
                    double noisy = device.base(sensor) + (noise.get(pair).nextDouble() * 2 - 1) * NOISE;
                    double value = Math.round((noisy + offset) * 1_000) / 1_000.0;
                    if (!(live && silent(device.id(), current))) {
                        batch.add(new Reading(device.id(), sensor, value, timestamp, current, offset, live));
                    }
                }
            }
            for (Reading reading : batch) {
                producer.send(record(reading), (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
            }
            // acknowledged before the next tick, so a reading's timestamp is close to when the app can see it
            producer.flush();
            synchronized (this) {
                sent.addAll(batch);
            }
            if (current == liveTicks - 1) {
                liveDone.countDown();
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            liveDone.countDown();
            throw e;
        }
    }

    private boolean silent(String deviceId, int atTick) {
        int[] range = silences.get(deviceId);
        return range != null && atTick >= range[0] && atTick < range[1];
    }

    private void rethrowFailure() {
        Throwable error = failure.get();
        if (error != null) {
            throw new AssertionError("The sensor feed failed", error);
        }
    }

    private ProducerRecord<byte[], byte[]> record(Reading reading) {
        io.streamsuite.iot.Reading event = new io.streamsuite.iot.Reading(reading.deviceId(), reading.sensorType(),
                reading.value(), TEMPERATURE.equals(reading.sensorType()) ? "C" : "%", reading.timestamp());
        ProducerRecord<byte[], byte[]> record = readingsSent++ % 10 == 0
                ? CloudEventRecords.binary(topic.name(), reading.deviceId(), event)
                : new ProducerRecord<>(topic.name(), utf8(reading.deviceId()),
                        topic.valueSerde().serializer().serialize(topic.name(), event));
        return new ProducerRecord<>(record.topic(), null, reading.timestamp(), record.key(), record.value(), record.headers());
    }

    static String pair(String deviceId, String sensorType) {
        return deviceId + "/" + sensorType;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
