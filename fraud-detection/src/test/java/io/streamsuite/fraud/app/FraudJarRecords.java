package io.streamsuite.fraud.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.BlocklistEntry;
import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.fraud.FraudTraffic;
import io.streamsuite.fraud.RuleName;
import io.streamsuite.topologies.serde.TopicSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/** What the fraud jar's integration tests send and read: generated traffic in, alerts and dead letters out. */
final class FraudJarRecords {

    /** The shipped jar, as {@code mvn package} leaves it. */
    static final Path JAR = Path.of("target", "fraud-detection.jar");

    private FraudJarRecords() {
    }

    /** Transaction id to the names of the rules that must fire on it. */
    static Map<String, Set<String>> expectedAlerts(FraudTraffic traffic) {
        Map<String, Set<String>> expected = new TreeMap<>();
        traffic.expectedAlerts().forEach((id, rules) ->
                expected.put(id, rules.stream().map(RuleName::name).collect(Collectors.toCollection(TreeSet::new))));
        return expected;
    }

    /** The traffic's blocklist, encoded as the app reads it. */
    static List<ProducerRecord<byte[], byte[]>> blocklistRecords(FraudTraffic traffic, TopicSpec<String, BlocklistEntry> blocklist) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        traffic.blocklist().forEach((key, reason) -> records.add(new ProducerRecord<>(blocklist.name(),
                utf8(key), blocklist.valueSerde().serializer().serialize(blocklist.name(), new BlocklistEntry(reason, 0L)))));
        return records;
    }

    /** Transaction id to the rules of its alert, each alert checked for the CloudEvents headers of the contract. */
    static Map<String, Set<String>> alertsByTransaction(List<ConsumerRecord<byte[], byte[]>> records,
                                                        TopicSpec<String, FraudAlert> alerts) {
        Map<String, Set<String>> alerted = new TreeMap<>();
        Set<String> eventIds = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            FraudAlert alert = alerts.valueSerde().deserializer().deserialize(alerts.name(), record.headers(), record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(alert.cardId());
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_type")).isEqualTo("io.streamsuite.fraud.FraudAlert.v1");
            assertThat(header(record, "ce_source")).isEqualTo("/streams-suite/fraud-detection");
            assertThat(header(record, "ce_subject")).isEqualTo(alert.cardId());
            assertThat(header(record, "ce_time")).isNotBlank();
            assertThat(eventIds.add(header(record, "ce_id"))).as("unique ce_id").isTrue();
            assertThat(alerted.put(alert.transactionId(), new TreeSet<>(alert.rules())))
                    .as("one alert for transaction %s", alert.transactionId()).isNull();
        }
        return alerted;
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
