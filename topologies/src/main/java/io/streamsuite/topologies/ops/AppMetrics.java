package io.streamsuite.topologies.ops;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamsuite.topologies.rocksdb.RocksDBMemoryMetrics;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The meters behind {@code GET /metrics}: the JVM's, the shared RocksDB memory, the library's dead-letter counts and,
 * once the client exists, every metric of the Streams client and its Kafka clients (Micrometer's
 * {@link KafkaStreamsMetrics}: {@code kafka_stream_*}, {@code kafka_consumer_*}, {@code kafka_producer_*}, ...).
 * Every series carries the tag {@code application} (the {@code application.id}).
 */
public final class AppMetrics implements AutoCloseable {

    /**
     * How often the Kafka meters are matched against the client's metrics, which come and go with partitions and tasks
     * (consumer lag per partition appears after the first fetch): Micrometer's default of a minute leaves a new
     * instance's lag unseen for that long.
     */
    static final Duration KAFKA_REFRESH = Duration.ofSeconds(10);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final DeadLetterMeters deadLetters;
    private final ScheduledExecutorService kafkaRefresh;
    private KafkaStreamsMetrics kafkaMetrics;

    public AppMetrics(String applicationId) {
        registry.config().commonTags("application", applicationId);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new RocksDBMemoryMetrics().bindTo(registry);
        deadLetters = new DeadLetterMeters(registry);
        kafkaRefresh = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, applicationId + "-metrics-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Adds the client's metrics; call once, before starting it, so that none of its life goes unmeasured. */
    public synchronized void bind(KafkaStreams streams) {
        kafkaMetrics = new KafkaStreamsMetrics(streams, Tags.empty(), kafkaRefresh, KAFKA_REFRESH);
        kafkaMetrics.bindTo(registry);
    }

    /** Every meter in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        deadLetters.registerNew();
        return registry.scrape();
    }

    @Override
    public synchronized void close() {
        if (kafkaMetrics != null) {
            kafkaMetrics.close();
        }
        kafkaRefresh.shutdownNow();
        gcMetrics.close();
        registry.close();
    }
}
