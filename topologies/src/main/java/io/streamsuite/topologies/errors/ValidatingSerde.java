package io.streamsuite.topologies.errors;

import io.streamsuite.topologies.config.LogText;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Wraps an input serde so that a record failing its {@link Validator} is rejected while it is read, with its
 * original bytes still at hand for the dead-letter topic. A null value is rejected too: on an event stream
 * it can only be a producer's mistake.
 */
public final class ValidatingSerde<T> implements Serde<T> {

    /** The longest problem a message carries, in characters; a validator quoting a huge field is cut. */
    static final int MAX_PROBLEM = 300;

    private final Serde<T> inner;
    private final Validator<T> validator;
    private final String typeName;
    private final FutureEventTimeLimit futureLimit;

    /** @param futureLimit refuses events stamped too far ahead; checked once the record is otherwise valid */
    public ValidatingSerde(Serde<T> inner, Validator<T> validator, String typeName, FutureEventTimeLimit futureLimit) {
        this.inner = inner;
        this.validator = validator;
        this.typeName = typeName;
        this.futureLimit = futureLimit;
    }

    @Override
    public Serializer<T> serializer() {
        return inner.serializer();
    }

    @Override
    public Deserializer<T> deserializer() {
        Deserializer<T> decoder = inner.deserializer();
        return new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                return validate(topic, decoder.deserialize(topic, data));
            }

            @Override
            public T deserialize(String topic, org.apache.kafka.common.header.Headers headers, byte[] data) {
                return validate(topic, decoder.deserialize(topic, headers, data));
            }
        };
    }

    private T validate(String topic, T value) {
        if (value == null) {
            throw new InvalidRecordException("Invalid " + typeName + " in topic " + topic + ": value is null");
        }
        List<String> problems = validator.problems(value);
        if (!problems.isEmpty()) {
            // a problem may quote the record's values: one line each, bounded, whatever the record holds
            throw new InvalidRecordException("Invalid " + typeName + " in topic " + topic + ": "
                    + String.join("; ", problems.stream().map(problem -> LogText.of(problem, MAX_PROBLEM)).toList()));
        }
        futureLimit.problem(value).ifPresent(problem -> {
            throw new InvalidRecordException("Invalid " + typeName + " in topic " + topic + ": " + problem,
                    DeadLetterCounter.FUTURE);
        });
        return value;
    }
}
