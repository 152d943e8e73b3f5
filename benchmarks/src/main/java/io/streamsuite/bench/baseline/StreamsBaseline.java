package io.streamsuite.bench.baseline;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Runs one of the Kafka Streams baselines until SIGTERM with the settings every Streams variant of a run shares: the
 * guarantee, the commit interval, the producer's linger, one stream thread.
 */
final class StreamsBaseline {

    private StreamsBaseline() {
    }

    static Properties properties(BaselineArgs args) {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args.get("bootstrap.servers"));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, args.get("group"));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, args.get("guarantee"));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, args.get("commit.interval.ms", "100"));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), args.get("linger.ms", "100"));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args.get("state.dir"));
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), args.get("offset.reset", "earliest"));
        return props;
    }

    /** Starts the topology and blocks until the process is told to stop; exits 1 if Streams failed. */
    static void run(Topology topology, Properties props) throws InterruptedException {
        KafkaStreams streams = new KafkaStreams(topology, props);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            stopped.countDown();
        }, "baseline-stop"));
        // Streams logs the error itself; the process ends, so the orchestrator sees it at once rather than at its timeout
        streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        streams.start();
        stopped.await();
        if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.PENDING_ERROR) {
            streams.close(Duration.ofSeconds(30));
            System.exit(1);
        }
    }
}
