package io.streamsuite.bench.baseline;

import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.clickstream.ClickEventValidator;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.fraud.TransactionValidator;
import io.streamsuite.iot.Reading;
import io.streamsuite.iot.ReadingValidator;
import io.streamsuite.topologies.errors.FutureEventTimeLimit;
import io.streamsuite.topologies.errors.ValidatingSerde;
import io.streamsuite.topologies.errors.Validator;
import io.streamsuite.topologies.serde.EventSerdes;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The first step of an app's work, and nothing else: decode each input record with the app's JSON serde, validate it
 * with the app's validator (as the apps' input serdes do), and encode it again to the output. Between the
 * pass-through and the app, it says how much of the app's cost is the JSON of its input. Argument {@code event} names
 * the input: {@code fraud}, {@code iot} or {@code clickstream}.
 */
public final class DecodeValidateEncode {

    private DecodeValidateEncode() {
    }

    static Topology topology(String event, String input, String output) {
        return switch (event) {
            case "fraud" -> topology(Transaction.class, new TransactionValidator(), input, output);
            case "iot" -> topology(Reading.class, new ReadingValidator(), input, output);
            case "clickstream" -> topology(ClickEvent.class, new ClickEventValidator(), input, output);
            default -> throw new IllegalArgumentException("Unknown event '" + event + "': fraud, iot or clickstream");
        };
    }

    private static <T> Topology topology(Class<T> type, Validator<T> validator, String input, String output) {
        Serde<T> json = EventSerdes.json().forEvent(type);
        // the apps' input serde: the event's serde plus its validator and the future-time limit (default 1 minute)
        Serde<T> validating = new ValidatingSerde<>(json, validator, type.getSimpleName(),
                new FutureEventTimeLimit(Duration.ofMinutes(1), Clock.systemUTC()));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), validating).withName("bench-dve-source"))
                .to(output, Produced.with(Serdes.String(), json).withName("bench-dve-sink"));
        return builder.build();
    }

    public static void main(String[] argv) throws InterruptedException {
        BaselineArgs args = BaselineArgs.parse(argv);
        StreamsBaseline.run(topology(args.get("event"), args.get("input"), args.get("output")),
                StreamsBaseline.properties(args));
    }
}
