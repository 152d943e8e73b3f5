package io.streamsuite.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.clickstream.FunnelCounts;
import io.streamsuite.clickstream.PageViews;
import io.streamsuite.clickstream.SessionSummary;
import io.streamsuite.clickstream.TopPages;
import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.iot.AlertType;
import io.streamsuite.iot.Device;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.iot.Reading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each panel makes of the records it is given. */
class PanelsTest {

    static final long T0 = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000;

    static FraudAlert alert(String card, long time, String... rules) {
        return new FraudAlert("a-" + card + time, "tx", card, 10, "EUR", "m", List.of(rules), 50, List.of("why"), time, time);
    }

    @Test
    void fraudCountsEachRulePerMinuteWithEmptyMinutesAsZeroAndKeepsTheLatestAlertsFirst() {
        FraudPanel panel = new FraudPanel(2, 30);
        panel.add(alert("c1", T0 + 5_000, "VELOCITY", "CARD_TESTING"));
        panel.add(alert("c2", T0 + 2 * MINUTE, "VELOCITY"));
        panel.add(alert("c3", T0 + 2 * MINUTE + 1, "VELOCITY"));

        FraudPanel.View view = panel.view();
        assertThat(view.total()).isEqualTo(3);
        assertThat(view.latest()).extracting(FraudAlert::cardId).containsExactly("c3", "c2");
        assertThat(view.minutes()).containsExactly(T0, T0 + MINUTE, T0 + 2 * MINUTE);
        assertThat(view.perRule()).isEqualTo(Map.of("CARD_TESTING", List.of(1, 0, 0), "VELOCITY", List.of(1, 0, 2)));
    }

    @Test
    void theChartsForgetMinutesOlderThanTheirSpan() {
        FraudPanel panel = new FraudPanel(5, 3);
        panel.add(alert("old", T0, "VELOCITY"));
        panel.add(alert("mid", T0 + 3 * MINUTE, "VELOCITY"));
        panel.add(alert("new", T0 + 5 * MINUTE, "VELOCITY"));
        assertThat(panel.view().minutes()).as("from the earliest minute kept").containsExactly(T0 + 3 * MINUTE, T0 + 4 * MINUTE, T0 + 5 * MINUTE);
        assertThat(panel.view().perRule().get("VELOCITY")).containsExactly(1, 0, 1);
        assertThat(panel.view().total()).as("the total still counts every alert").isEqualTo(3);
    }

    @Test
    void clickstreamSumsViewsPerMinuteKeepsTheNewestRankingAndFunnelAndRatesConversion() {
        ClickPanel panel = new ClickPanel(5, 30);
        panel.add(new PageViews("/a", T0, T0 + MINUTE, 3, 2));
        panel.add(new PageViews("/b", T0, T0 + MINUTE, 4, 4));
        panel.add(new PageViews("/a", T0 + MINUTE, T0 + 2 * MINUTE, 1, 1));
        TopPages newer = new TopPages(T0 + MINUTE, T0 + 2 * MINUTE, List.of(new TopPages.PageCount("/a", 1)));
        panel.add(newer);
        panel.add(new TopPages(T0, T0 + MINUTE, List.of(new TopPages.PageCount("/b", 4))));
        panel.add(session(true, false));
        panel.add(session(false, true));
        panel.add(session(false, false));
        panel.add(session(true, true));
        panel.add(new FunnelCounts(T0, T0 + 60 * MINUTE, 4, 2, 1, 1));
        panel.add(new FunnelCounts(T0, T0 + 60 * MINUTE, 5, 2, 1, 1));

        ClickPanel.View view = panel.view();
        assertThat(view.views()).containsExactly(7L, 1L);
        assertThat(view.topPages()).as("a late ranking of an earlier minute does not replace it").isEqualTo(newer);
        assertThat(view.sessions()).isEqualTo(4);
        assertThat(view.converted()).isEqualTo(2);
        assertThat(view.bounced()).isEqualTo(2);
        assertThat(view.conversionRate()).isEqualTo(0.5);
        assertThat(view.funnel().views()).isEqualTo(5);
    }

    static SessionSummary session(boolean converted, boolean bounced) {
        return new SessionSummary("u", T0, T0 + 1, 1, 1, 1, "/", "/", bounced, converted,
                converted ? io.streamsuite.clickstream.FunnelStage.PURCHASE : io.streamsuite.clickstream.FunnelStage.VIEW);
    }

    @Test
    void aDeviceIsOfflineFromItsOfflineAlertUntilItsOnlineAlertAndKeepsItsLatestReadings() {
        IotPanel panel = new IotPanel(2);
        panel.add("d1", new Device("d1", "hall-B", Map.of()));
        panel.add("d2", new Device("d2", "hall-A", Map.of()));
        for (int i = 0; i < 3; i++) {
            panel.add(new Reading("d1", "temperature", 20.0 + i, "C", T0 + i));
        }
        panel.add(new Reading("d1", "temperature", null, "C", T0 + 9));
        panel.add(heartbeat("d1", AlertType.DEVICE_OFFLINE, T0 + 100));

        assertThat(panel.tiles()).extracting(IotPanel.DeviceTile::deviceId).as("by location").containsExactly("d2", "d1");
        IotPanel.DeviceDetail d1 = panel.detail("d1").orElseThrow();
        assertThat(d1.device().online()).isFalse();
        assertThat(d1.device().lastAlert()).isEqualTo("DEVICE_OFFLINE");
        assertThat(d1.readings().get("temperature")).as("the latest two, without the unreadable one")
                .extracting(IotPanel.Point::value).containsExactly(21.0, 22.0);

        panel.add(heartbeat("d1", AlertType.DEVICE_ONLINE, T0 + 200));
        assertThat(panel.detail("d1").orElseThrow().device().online()).isTrue();
        assertThat(panel.detail("nobody")).isEmpty();
    }

    static IotAlert heartbeat(String device, AlertType type, long time) {
        return new IotAlert("a" + time, device, null, type, null, time, time, null, null, null, null, time - 60_000);
    }

    @Test
    void theDataIsStaleWhenKafkaIsUnreachableOrNothingArrivedForAWhile() {
        MutableClock clock = new MutableClock(T0);
        SuiteView view = new SuiteView(30, Duration.ofSeconds(30), List::of, clock);
        view.kafkaReachable(true);
        assertThat(view.snapshot().stale()).isEqualTo("no output read yet");
        view.recordArrived(true);
        assertThat(view.snapshot().stale()).isNull();
        clock.now = T0 + 31_000;
        assertThat(view.snapshot().stale()).isEqualTo("nothing new for 31 s");
        view.recordArrived(false);
        assertThat(view.snapshot().undecodable()).isEqualTo(1);
        view.kafkaReachable(false);
        assertThat(view.snapshot().stale()).isEqualTo("Kafka cannot be reached; showing what was read before");
    }

    @Test
    void prometheusSumsEverySeriesOfOneMetricAndSkipsNaN() {
        String exposition = String.join("\n",
                "# HELP kafka_consumer_fetch_manager_records_lag lag",
                "kafka_consumer_fetch_manager_records_lag{partition=\"0\",topic=\"t\"} 3.0",
                "kafka_consumer_fetch_manager_records_lag{partition=\"1\",topic=\"t\"} 4.0",
                "kafka_consumer_fetch_manager_records_lag{partition=\"2\",topic=\"t\"} NaN",
                "kafka_consumer_fetch_manager_records_lag_max{client_id=\"c\"} 9.0",
                "streams_dead_letters_total{reason=\"invalid\",topic=\"t\"} 2.0");
        assertThat(PrometheusText.sum(exposition, "kafka_consumer_fetch_manager_records_lag")).isEqualTo(7.0);
        assertThat(PrometheusText.sum(exposition, "streams_dead_letters_total")).isEqualTo(2.0);
        assertThat(PrometheusText.sum(exposition, "absent_metric")).isNull();
    }

    static final class MutableClock extends Clock {
        long now;

        MutableClock(long now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }
}
