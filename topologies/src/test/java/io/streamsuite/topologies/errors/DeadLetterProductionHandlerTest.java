package io.streamsuite.topologies.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetterProductionHandlerTest {

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    record Context(String topic, int partition, long offset, Headers headers, String processorNodeId, TaskId taskId,
                   long timestamp, byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {
    }

    final Headers sourceHeaders = new RecordHeaders().add("trace-id", bytes("t-1"));
    final Context context = new Context("transactions", 2, 41, sourceHeaders, "sink", new TaskId(0, 2), 1_000L,
            bytes("card-1"), bytes("{\"amount\":1}"));
    final ProducerRecord<byte[], byte[]> output = new ProducerRecord<>("fraud-alerts", bytes("card-1"), new byte[10]);

    DeadLetterProductionHandler handler(boolean withDeadLetterTopic) {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(withDeadLetterTopic ? Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "app-dlq") : Map.of());
        return handler;
    }

    @Test
    void tooLargeOutputSendsItsInputToTheDeadLetterTopicAndResumes() {
        long before = DeadLetterCounter.total();
        Response response = handler(true).handleError(context, output, new RecordTooLargeException("1 MB > max"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("app-dlq");
            assertThat(letter.key()).isEqualTo(bytes("card-1"));
            assertThat(letter.value()).isEqualTo(bytes("{\"amount\":1}"));
            assertThat(letter.headers().lastHeader("trace-id").value()).isEqualTo(bytes("t-1"));
            assertThat(letter.headers().lastHeader(DeadLetterHeaders.TOPIC).value()).isEqualTo(bytes("transactions"));
            assertThat(letter.headers().lastHeader(DeadLetterHeaders.PARTITION).value()).isEqualTo(bytes("2"));
            assertThat(letter.headers().lastHeader(DeadLetterHeaders.OFFSET).value()).isEqualTo(bytes("41"));
            assertThat(letter.headers().lastHeader(DeadLetterHeaders.EXCEPTION).value())
                    .isEqualTo(bytes(RecordTooLargeException.class.getName()));
        });
        assertThat(DeadLetterCounter.total() - before).isEqualTo(1);
    }

    @Test
    void otherErrorsKeepKafkasDefaults() {
        assertThat(handler(true).handleError(context, output, new TimeoutException("slow")).result()).isEqualTo(Result.RETRY);
        assertThat(handler(true).handleError(context, output, new IllegalStateException("bug")).result()).isEqualTo(Result.FAIL);
    }

    @Test
    void withoutADeadLetterTopicTooLargeStillFails() {
        assertThat(handler(false).handleError(context, output, new RecordTooLargeException("big")).result()).isEqualTo(Result.FAIL);
    }
}
