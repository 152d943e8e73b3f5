package io.streamsuite.topologies.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.streamsuite.topologies.errors.DeadLetterHeaders;
import io.streamsuite.topologies.errors.DeadLetterProcessingHandler;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The processing exception handler as the runner sets it, on a real broker under exactly_once_v2. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessingFailuresIT {

    static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void recordsThatMakeAProcessorThrowAreDeadLetteredAndTheAppGoesOn() throws Exception {
        String id = "processing-it";
        StreamsRunner runner = new StreamsRunner(new FailingProcessorApp(), Map.of(), System.out, System.err);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(runner, id, ""));
        await().atMost(Duration.ofSeconds(60)).until(() -> runner.state().orElse(null) == KafkaStreams.State.RUNNING);

        List<KeyValue<String, String>> words = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            words.add(KeyValue.pair("w" + i, i % 10 == 5 ? "boom-" + i : "word-" + i));
        }
        kafka.produce(id + "-words", words);

        List<ConsumerRecord<byte[], byte[]>> shouted = kafka.consume(id + "-shouted", 36, Duration.ofSeconds(60));
        assertThat(shouted).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(words.stream().filter(w -> !w.value.startsWith("boom"))
                        .map(w -> w.value.toUpperCase(java.util.Locale.ROOT)).toList());
        List<ConsumerRecord<byte[], byte[]>> letters = kafka.consume(id + "-dlq", 4, Duration.ofSeconds(30));
        assertThat(letters).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("boom-5", "boom-15", "boom-25", "boom-35");
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            assertThat(header(letter, DeadLetterHeaders.PROCESSOR)).isEqualTo(FailingProcessorApp.UPPER);
            assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).isEqualTo(IllegalStateException.class.getName());
            assertThat(header(letter, DeadLetterHeaders.MESSAGE)).isEqualTo("cannot shout " + new String(letter.value(), StandardCharsets.UTF_8));
            assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo(id + "-words");
        }
        assertThat(runner.state()).contains(KafkaStreams.State.RUNNING);
        runner.stop();
        assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
    }

    @Test
    void aBurstOfProcessingFailuresStopsTheAppWithOneLine() throws Exception {
        String id = "burst-it";
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger handlerLog = (Logger) LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
        handlerLog.addAppender(log);
        log.start();
        try {
            StreamsRunner runner = new StreamsRunner(new FailingProcessorApp(), Map.of(), System.out, System.err);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(runner, id,
                    "processing.failures.window=10\nprocessing.failures.max-share=0.3\n"));
            await().atMost(Duration.ofSeconds(60)).until(() -> runner.state().orElse(null) == KafkaStreams.State.RUNNING);

            List<KeyValue<String, String>> words = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                words.add(KeyValue.pair("k", "boom-" + i));
            }
            kafka.produce(id + "-words", words);

            assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.FATAL);
            assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains(" stops: "))
                    .extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                    .startsWith(id + " stops: 4 of the last 10 records of " + id + "-words-")
                    .contains("above processing.failures.max-share=0.3: this is a bug, not bad input");
            // the dead letters before the burst: those committed before it, in order; the rest were in the failing task's
            // transaction, aborted with it, and their records are read again from the committed offset after the fix
            List<String> letters = kafka.readAll(id + "-dlq", Duration.ofSeconds(10)).stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
            assertThat(letters).isEqualTo(List.of("boom-0", "boom-1", "boom-2").subList(0, letters.size()));
        } finally {
            handlerLog.detachAppender(log);
        }
    }

    private int run(StreamsRunner runner, String id, String extra) {
        try {
            Path file = dir.resolve(id + ".properties");
            Files.writeString(file, String.join("\n",
                    "bootstrap.servers=" + kafka.bootstrapServers(),
                    "application.id=" + id,
                    "state.dir=" + dir.resolve("state-" + id),
                    "topics.create=true",
                    "topics.partitions=1",
                    "topic.failing-words=" + id + "-words",
                    "topic.failing-shouted=" + id + "-shouted",
                    "topic.failing-names=" + id + "-names",
                    "shutdown.timeout=20s",
                    "http.enabled=false",
                    extra));
            return runner.run(file.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
