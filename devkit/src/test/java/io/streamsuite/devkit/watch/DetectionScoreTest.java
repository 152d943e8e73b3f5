package io.streamsuite.devkit.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DetectionScoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void countsEachRuleOfATransactionAsAFindingOfItsOwn() {
        DetectionScore score = new DetectionScore();
        score.expect(json("{\"domain\":\"fraud\",\"transactionId\":\"t1\",\"rules\":[\"VELOCITY\",\"BLOCKLISTED_CARD\"]}"));
        score.expect(json("{\"domain\":\"fraud\",\"transactionId\":\"t2\",\"rules\":[\"VELOCITY\"]}"));
        score.alert("fraud-alerts", json("{\"transactionId\":\"t1\",\"rules\":[\"VELOCITY\"]}"));
        score.alert("fraud-alerts", json("{\"transactionId\":\"t3\",\"rules\":[\"VELOCITY\"]}"));

        assertThat(score.rows()).containsExactly(
                new DetectionScore.Row("fraud", "BLOCKLISTED_CARD", 1, 0, 0),
                new DetectionScore.Row("fraud", "VELOCITY", 2, 2, 1));
        assertThat(score.rows().get(1).precision()).isEqualTo(0.5);
        assertThat(score.rows().get(1).recall()).isEqualTo(0.5);
        assertThat(score.perfect()).isFalse();
    }

    @Test
    void matchesSilencesByTheLastReadingAndReadingsByTheirTimeAndIgnoresComingBackOnline() {
        DetectionScore score = new DetectionScore();
        score.expect(json("{\"domain\":\"iot\",\"deviceId\":\"d1\",\"type\":\"DEVICE_OFFLINE\",\"eventTime\":160,"
                + "\"lastSeen\":100}"));
        score.expect(json("{\"domain\":\"iot\",\"deviceId\":\"d1\",\"type\":\"DEVICE_ONLINE\",\"eventTime\":200}"));
        score.expect(json("{\"domain\":\"iot\",\"deviceId\":\"d2\",\"sensorType\":\"t\",\"type\":\"ANOMALY\",\"eventTime\":5}"));
        score.expect(json("{\"domain\":\"clickstream\",\"userId\":\"bot-1\",\"kind\":\"CRAWLER\"}"));
        score.alert("iot-alerts", json("{\"deviceId\":\"d1\",\"type\":\"DEVICE_OFFLINE\",\"eventTime\":160,\"lastSeen\":100}"));
        score.alert("iot-alerts", json("{\"deviceId\":\"d1\",\"type\":\"DEVICE_ONLINE\",\"eventTime\":200,\"lastSeen\":100}"));
        score.alert("iot-alerts", json("{\"deviceId\":\"d2\",\"sensorType\":\"t\",\"type\":\"ANOMALY\",\"eventTime\":5}"));
        score.alert("clickstream-bot-alerts", json("{\"userId\":\"bot-1\",\"windowEnd\":9}"));

        assertThat(score.perfect()).isTrue();
        assertThat(score.render()).last().asString().startsWith("Every injected case was found");
    }
}
