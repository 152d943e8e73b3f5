package io.streamsuite.bench.baseline;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The cost of Kafka Streams itself: a topology that copies its input to its output as bytes, with one stream thread,
 * under the given {@code guarantee}. Each app's figures divided by this one's are what the app's own work costs.
 */
public final class PassThrough {

    private PassThrough() {
    }

    static Topology topology(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-pass-source"))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-pass-sink"));
        return builder.build();
    }

    public static void main(String[] argv) throws InterruptedException {
        BaselineArgs args = BaselineArgs.parse(argv);
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args.get("bootstrap.servers"));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, args.get("group"));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, args.get("guarantee"));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, args.get("commit.interval.ms", "100"));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args.get("state.dir"));
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), args.get("offset.reset", "earliest"));
        KafkaStreams streams = new KafkaStreams(topology(args.get("input"), args.get("output")), props);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            stopped.countDown();
        }, "pass-through-stop"));
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
