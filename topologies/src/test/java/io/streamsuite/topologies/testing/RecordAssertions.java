package io.streamsuite.topologies.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.ListAssert;

/**
 * Fluent assertions over what a topology wrote. Reading drains the topic, so each assertion object works on the
 * records present when it was created: {@code assertThatTopic(out).hasSize(2).values().containsExactly(a, b)}.
 */
public final class RecordAssertions {

    private RecordAssertions() {
    }

    public static <K, V> TopicAssert<K, V> assertThatTopic(TestOutputTopic<K, V> topic) {
        return new TopicAssert<>(topic.readRecordsToList());
    }

    /** The value of the last header with that name, as UTF-8, or null. */
    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Assertions on the records of one output topic. */
    public static final class TopicAssert<K, V> extends AbstractAssert<TopicAssert<K, V>, List<TestRecord<K, V>>> {

        TopicAssert(List<TestRecord<K, V>> records) {
            super(records, TopicAssert.class);
        }

        public TopicAssert<K, V> isEmpty() {
            assertThat(actual).as("records").isEmpty();
            return this;
        }

        public TopicAssert<K, V> hasSize(int expected) {
            assertThat(actual).as("records").hasSize(expected);
            return this;
        }

        public ListAssert<K> keys() {
            return assertThat(actual.stream().map(TestRecord::key).toList()).as("keys");
        }

        public ListAssert<V> values() {
            return assertThat(actual.stream().map(TestRecord::value).toList()).as("values");
        }

        public ListAssert<KeyValue<K, V>> keyValues() {
            return assertThat(actual.stream().map(r -> KeyValue.pair(r.key(), r.value())).toList()).as("key-values");
        }

        /** The records themselves, for timestamps and headers. */
        public List<TestRecord<K, V>> records() {
            return actual;
        }

        /** The only record's value; fails if there is not exactly one. */
        public V singleValue() {
            hasSize(1);
            return actual.get(0).value();
        }
    }
}
