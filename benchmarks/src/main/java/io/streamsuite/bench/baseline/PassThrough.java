package io.streamsuite.bench.baseline;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
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
        StreamsBaseline.run(topology(args.get("input"), args.get("output")), StreamsBaseline.properties(args));
    }
}
