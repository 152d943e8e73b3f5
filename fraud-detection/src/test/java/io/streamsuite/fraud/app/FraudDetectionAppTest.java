package io.streamsuite.fraud.app;

import static io.streamsuite.fraud.TransactionBuilder.T0;
import static io.streamsuite.fraud.TransactionBuilder.aTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;

import io.streamsuite.fraud.BlocklistEntry;
import io.streamsuite.fraud.CardHistory;
import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.fraud.GeoDistance;
import io.streamsuite.fraud.RuleOverride;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.fraud.TransactionBuilder;
import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.errors.DeadLetterCounter;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.testing.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The production topology, configured through the production config path, in a TopologyTestDriver. */
class FraudDetectionAppTest {

    private static final double PARIS_LAT = 48.8566;
    private static final double PARIS_LON = 2.3522;
    private static final double LONDON_LAT = 51.5074;
    private static final double LONDON_LON = -0.1278;

    private TopologyHarness harness;
    private TestInputTopic<String, Transaction> transactions;
    private TestInputTopic<String, BlocklistEntry> blocklist;
    private TestInputTopic<String, RuleOverride> rules;
    private TestOutputTopic<String, FraudAlert> alerts;

    private void start(Map<String, String> properties) {
        harness = TopologyHarness.of(new FraudDetectionApp(), properties);
        transactions = harness.input(FraudDetectionApp.transactions(harness.context()));
        blocklist = harness.input(FraudDetectionApp.blocklist(harness.context()));
        rules = harness.input(FraudDetectionApp.rules(harness.context()));
        alerts = harness.output(FraudDetectionApp.alerts(harness.context()));
    }

    private void start() {
        start(Map.of());
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private void send(Transaction... txs) {
        for (Transaction tx : txs) {
            transactions.pipeInput(tx.cardId(), tx);
        }
    }

    /** The alerts raised since the last call, by transaction id. */
    private Map<String, FraudAlert> newAlerts() {
        Map<String, FraudAlert> byTransaction = new HashMap<>();
        for (FraudAlert alert : alerts.readValuesToList()) {
            assertThat(byTransaction.put(alert.transactionId(), alert)).as("one alert per transaction").isNull();
        }
        return byTransaction;
    }

    private static TransactionBuilder tx(String id, Duration sinceT0) {
        return aTransaction().id(id).after(sinceT0);
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    @Nested
    class Velocity {

        @Test
        void theSixthTransactionWithinSixtySecondsIsFlaggedAndEveryOneAfterIt() {
            start();
            for (int i = 0; i < 5; i++) {
                send(tx("v" + i, seconds(i * 10L)).build());
            }
            assertThat(newAlerts()).as("five within the window is the limit, not past it").isEmpty();

            send(tx("v5", seconds(50)).build(), tx("v6", seconds(55)).build());

            Map<String, FraudAlert> raised = newAlerts();
            assertThat(raised).containsOnlyKeys("v5", "v6");
            assertThat(raised.get("v5").rules()).containsExactly("VELOCITY");
            assertThat(raised.get("v5").reasons()).singleElement().asString()
                    .startsWith("6 transactions within").contains("limit 5");
            assertThat(raised.get("v6").reasons()).singleElement().asString().startsWith("7 transactions");
        }

        @Test
        void theWindowIncludesATransactionExactlySixtySecondsEarlierButNotOneMillisecondMore() {
            start();
            for (int i = 0; i < 5; i++) {
                send(tx("v" + i, seconds(i)).build());
            }
            send(tx("edge", Duration.ofMillis(60_000)).build());
            assertThat(newAlerts()).containsOnlyKeys("edge");

            start();
            for (int i = 0; i < 5; i++) {
                send(tx("w" + i, seconds(i)).build());
            }
            send(tx("outside", Duration.ofMillis(60_001)).build());
            assertThat(newAlerts()).isEmpty();
        }
    }

    @Nested
    class AmountSpike {

        private void history(int count, double amount) {
            for (int i = 0; i < count; i++) {
                send(tx("h" + i, Duration.ofMinutes(i * 10L)).amount(amount).build());
            }
        }

        @Test
        void fiveTimesTheMeanIsFlaggedAndJustBelowIsNot() {
            start();
            history(5, 40.0);
            send(tx("below", Duration.ofHours(2)).amount(199.99).build());
            assertThat(newAlerts()).isEmpty();

            start();
            history(5, 40.0);
            send(tx("at", Duration.ofHours(2)).amount(200.0).build());
            Map<String, FraudAlert> raised = newAlerts();
            assertThat(raised).containsOnlyKeys("at");
            assertThat(raised.get("at").rules()).containsExactly("AMOUNT_SPIKE");
            assertThat(raised.get("at").reasons()).singleElement().asString()
                    .contains("200.00").contains("5.0x").contains("40.00").contains("5 previous");
        }

        @Test
        void needsFivePreviousTransactionsAndAnAmountOfAtLeastOneHundred() {
            start();
            history(4, 10.0);
            send(tx("short-history", Duration.ofHours(2)).amount(1000.0).build());
            assertThat(newAlerts()).as("only four previous transactions").isEmpty();

            start();
            history(5, 10.0);
            send(tx("small", Duration.ofHours(2)).amount(99.99).build());
            assertThat(newAlerts()).as("ten times the mean, but below 100").isEmpty();

            start();
            history(5, 10.0);
            send(tx("hundred", Duration.ofHours(2)).amount(100.0).build());
            assertThat(newAlerts()).containsOnlyKeys("hundred");
        }
    }

    @Nested
    class ImpossibleTravel {

        private final double parisToLondonKm = GeoDistance.haversineKm(PARIS_LAT, PARIS_LON, LONDON_LAT, LONDON_LON);

        /** How long the trip takes at the given speed, in milliseconds. */
        private Duration tripAt(double kmh) {
            return Duration.ofMillis(Math.round(parisToLondonKm / kmh * 3_600_000));
        }

        @Test
        void flagsTheLaterOfTwoTransactionsFartherApartThanAnAirlinerFlies() {
            start();
            send(tx("paris", Duration.ZERO).at(PARIS_LAT, PARIS_LON).build(),
                    tx("london-fast", tripAt(950)).at(LONDON_LAT, LONDON_LON).build());
            Map<String, FraudAlert> raised = newAlerts();
            assertThat(raised).containsOnlyKeys("london-fast");
            assertThat(raised.get("london-fast").rules()).containsExactly("IMPOSSIBLE_TRAVEL");
            assertThat(raised.get("london-fast").reasons()).singleElement().asString()
                    .contains(Math.round(parisToLondonKm) + " km").contains("950 km/h").contains("limit 900");
        }

        @Test
        void aFlightJustBelowTheSpeedLimitIsPossible() {
            start();
            send(tx("paris", Duration.ZERO).at(PARIS_LAT, PARIS_LON).build(),
                    tx("london-by-plane", tripAt(890)).at(LONDON_LAT, LONDON_LON).build());
            assertThat(newAlerts()).isEmpty();
        }

        @Test
        void placesUpToOneHundredKilometresApartAreNeverChecked() {
            start();
            // 0.89 degrees of latitude is about 99 km: a fast trip, but within the minimum distance
            send(tx("here", Duration.ZERO).at(PARIS_LAT, PARIS_LON).build(),
                    tx("near", seconds(60)).at(PARIS_LAT + 0.89, PARIS_LON).build());
            assertThat(newAlerts()).isEmpty();
        }
    }

    @Nested
    class Blocklists {

        @Test
        void anEntryTakesEffectForTheNextTransactionAndATombstoneLiftsIt() {
            start();
            blocklist.pipeInput("merchant:m-bad", new BlocklistEntry("chargeback ring", T0));
            send(tx("at-bad", Duration.ZERO).merchant("m-bad").build(),
                    tx("at-good", seconds(600)).merchant("m-good").build());
            Map<String, FraudAlert> raised = newAlerts();
            assertThat(raised).containsOnlyKeys("at-bad");
            assertThat(raised.get("at-bad").rules()).containsExactly("BLOCKLISTED_MERCHANT");
            assertThat(raised.get("at-bad").reasons())
                    .containsExactly("merchant m-bad is blocklisted: chargeback ring");

            blocklist.pipeInput("merchant:m-bad", null);
            send(tx("after-removal", seconds(1200)).merchant("m-bad").build());
            assertThat(newAlerts()).isEmpty();
        }

        @Test
        void aBlockedCardIsFlaggedWhateverItBuys() {
            start();
            blocklist.pipeInput("card:c1", new BlocklistEntry("reported stolen", T0));
            send(tx("stolen", Duration.ZERO).card("c1").build(), tx("other", seconds(1)).card("c2").build());
            Map<String, FraudAlert> raised = newAlerts();
            assertThat(raised).containsOnlyKeys("stolen");
            assertThat(raised.get("stolen").reasons()).containsExactly("card c1 is blocklisted: reported stolen");
        }

        @Test
        void aBadKeyIsSkippedAndAnUnreadableValueStillBlocks() {
            start();
            TestInputTopic<byte[], byte[]> raw = harness.rawInput("fraud-blocklist");
            raw.pipeInput(bytes("shop:m1"), bytes("{\"reason\":\"wrong prefix\"}"));
            raw.pipeInput(bytes("merchant:m2"), bytes("not json"));
            send(tx("at-m1", Duration.ZERO).merchant("m1").build(), tx("at-m2", seconds(1)).merchant("m2").build());
            Map<String, FraudAlert> raised = newAlerts();
            assertThat(raised).containsOnlyKeys("at-m2");
            assertThat(raised.get("at-m2").reasons()).containsExactly("merchant m2 is blocklisted");
        }
    }

    @Nested
    class CardTesting {

        @Test
        void theThirdSmallTransactionWithinTenMinutesIsFlagged() {
            start();
            send(tx("s1", Duration.ZERO).amount(1.0).build(), tx("s2", seconds(100)).amount(1.99).build());
            assertThat(newAlerts()).isEmpty();

            send(tx("s3", seconds(200)).amount(0.5).build());
            Map<String, FraudAlert> raised = newAlerts();
            assertThat(raised).containsOnlyKeys("s3");
            assertThat(raised.get("s3").rules()).containsExactly("CARD_TESTING");
            assertThat(raised.get("s3").reasons()).singleElement().asString()
                    .startsWith("3 transactions below 2.00");
        }

        @Test
        void twoIsNotSmallAndTenMinutesAndOneMillisecondIsTooLongAgo() {
            start();
            send(tx("s1", Duration.ZERO).amount(1.0).build(), tx("s2", seconds(1)).amount(1.0).build(),
                    tx("two", seconds(2)).amount(2.0).build());
            assertThat(newAlerts()).as("2.00 is not below 2.00").isEmpty();

            send(tx("late-third", Duration.ofMillis(600_001)).amount(1.0).build());
            assertThat(newAlerts()).as("s1 is out of the window").isEmpty();
        }
    }

    @Test
    void anAlertListsEveryRuleThatFiredWithTheCombinedScoreAndTheTransactionsFields() {
        start();
        blocklist.pipeInput("merchant:m-bad", new BlocklistEntry("fraud ring", T0));
        blocklist.pipeInput("card:c1", new BlocklistEntry(null, T0));
        for (int i = 0; i < 5; i++) {
            send(tx("h" + i, Duration.ofMinutes(i * 10L)).card("c2").amount(50.0).build());
        }
        Transaction tx = tx("all", Duration.ofHours(2)).card("c1").merchant("m-bad").amount(900.0)
                .currency("USD").build();
        send(tx);

        FraudAlert alert = newAlerts().get("all");
        assertThat(alert.rules()).containsExactly("BLOCKLISTED_MERCHANT", "BLOCKLISTED_CARD");
        // noisy-OR of the default weights 0.8 and 0.9: 1 - 0.2 * 0.1
        assertThat(alert.riskScore()).isEqualTo(98);
        assertThat(alert.reasons()).containsExactly("merchant m-bad is blocklisted: fraud ring",
                "card c1 is blocklisted");
        assertThat(alert.transactionId()).isEqualTo("all");
        assertThat(alert.cardId()).isEqualTo("c1");
        assertThat(alert.amount()).isEqualTo(900.0);
        assertThat(alert.currency()).isEqualTo("USD");
        assertThat(alert.merchantId()).isEqualTo("m-bad");
        assertThat(alert.eventTime()).isEqualTo(tx.timestamp());
        assertThat(alert.detectedAt()).isEqualTo(TopologyHarness.START.toEpochMilli());
        assertThat(alert.alertId()).isNotBlank();
    }

    @Test
    void threeRulesOnOneTransaction() {
        start();
        blocklist.pipeInput("card:c1", new BlocklistEntry("stolen", T0));
        for (int i = 0; i < 5; i++) {
            send(tx("h" + i, seconds(i)).card("c2").amount(50.0).build());
        }
        send(tx("burst", seconds(10)).card("c2").amount(40.0).build());
        Map<String, FraudAlert> raised = newAlerts();
        assertThat(raised.get("burst").rules()).containsExactly("VELOCITY");

        // the seventh within the minute, a hundred times the mean, on a card just blocked
        blocklist.pipeInput("card:c2", new BlocklistEntry("stolen too", T0));
        send(tx("triple", seconds(20)).card("c2").amount(5000.0).build());
        FraudAlert alert = newAlerts().get("triple");
        assertThat(alert.rules()).containsExactly("VELOCITY", "AMOUNT_SPIKE", "BLOCKLISTED_CARD");
        // 1 - 0.5 * 0.5 * 0.1
        assertThat(alert.riskScore()).isEqualTo(98);
        assertThat(alert.reasons()).hasSize(3);
    }

    @Test
    void theSameTransactionAlwaysGetsTheSameAlertId() {
        start();
        blocklist.pipeInput("card:c1", new BlocklistEntry("stolen", T0));
        Transaction tx = tx("replayed", Duration.ZERO).build();
        send(tx);
        String first = newAlerts().get("replayed").alertId();
        start();
        blocklist.pipeInput("card:c1", new BlocklistEntry("stolen", T0));
        send(tx);
        assertThat(newAlerts().get("replayed").alertId()).isEqualTo(first);
    }

    @Nested
    class OutOfOrder {

        @Test
        void aLateTransactionWithinTheGraceIsJudgedAgainstItsWholePastAndNothingAfterIt() {
            start();
            for (int i = 0; i < 5; i++) {
                send(tx("v" + i, seconds(i * 10L)).build());
            }
            send(tx("newest", seconds(50)).build());
            send(tx("late", seconds(45)).build());

            Map<String, FraudAlert> raised = newAlerts();
            assertThat(raised).containsOnlyKeys("newest", "late");
            assertThat(raised.get("late").reasons()).as("counts v0..v4 and itself, not the newer one")
                    .singleElement().asString().startsWith("6 transactions");
            assertThat(lateCount()).isZero();
        }

        @Test
        void travelIsMeasuredFromThePreviousPlaceInEventTimeNotInArrivalOrder() {
            start();
            send(tx("paris-morning", Duration.ZERO).at(PARIS_LAT, PARIS_LON).build(),
                    tx("london-evening", Duration.ofHours(10)).at(LONDON_LAT, LONDON_LON).build());
            // arrives last but happened an hour after the morning, in Paris: no travel at all
            send(tx("paris-noon", Duration.ofHours(1)).at(PARIS_LAT, PARIS_LON).build());
            assertThat(newAlerts()).isEmpty();
        }

        @Test
        void aTransactionLaterThanTheGraceIsStillJudgedAndCounted() {
            start(Map.of("fraud.grace", "1m"));
            blocklist.pipeInput("card:c1", new BlocklistEntry("stolen", T0));
            send(tx("on-time", Duration.ofHours(1)).card("c9").build(),
                    tx("in-grace", Duration.ofHours(1).minusSeconds(60)).card("c9").build());
            assertThat(lateCount()).isZero();

            send(tx("too-late", Duration.ofHours(1).minusSeconds(61)).card("c9").build(),
                    tx("too-late-blocked", Duration.ZERO).card("c1").build(),
                    tx("first-of-card", Duration.ZERO).card("c3").build());
            assertThat(lateCount()).as("a card's first transaction is never late").isEqualTo(1);

            send(tx("blocked-late", Duration.ofMinutes(-10)).card("c1").build());
            assertThat(lateCount()).isEqualTo(2);
            assertThat(newAlerts()).containsOnlyKeys("too-late-blocked", "blocked-late");
        }
    }

    @Nested
    class RuntimeRules {

        private void burst(String prefix, Duration start, int count) {
            for (int i = 0; i < count; i++) {
                send(tx(prefix + i, start.plusSeconds(i)).build());
            }
        }

        @Test
        void aRuleSwitchedOffStopsFiringAndATombstoneRestoresIt() {
            start();
            rules.pipeInput("VELOCITY", new RuleOverride(false, null));
            burst("off", Duration.ZERO, 8);
            assertThat(newAlerts()).isEmpty();

            rules.pipeInput("VELOCITY", null);
            burst("on", Duration.ofHours(1), 6);
            assertThat(newAlerts()).containsOnlyKeys("on5");
        }

        @Test
        void aParameterChangedAtRunTimeAppliesToTheNextTransaction() {
            start();
            rules.pipeInput("VELOCITY", new RuleOverride(true, Map.of("max-count", 2, "window", "10s")));
            burst("a", Duration.ZERO, 3);
            assertThat(newAlerts()).containsOnlyKeys("a2");

            send(tx("spaced", seconds(13)).build());
            assertThat(newAlerts()).as("only a2 is within 10 s").isEmpty();
        }

        @Test
        void anOverrideStartsFromTheConfiguredValuesNotTheDefaults() {
            start(Map.of("fraud.velocity.max-count", "2"));
            rules.pipeInput("VELOCITY", new RuleOverride(null, Map.of("window", "5m")));
            burst("b", Duration.ZERO, 3);
            assertThat(newAlerts()).containsOnlyKeys("b2");
        }

        @Test
        void anInvalidOverrideLeavesItsRuleAtTheConfiguredValuesAndTheAppRunning() {
            start();
            rules.pipeInput("VELOCITY", new RuleOverride(true, Map.of("max-count", 2)));
            rules.pipeInput("VELOCITY", new RuleOverride(true, Map.of("max-cnt", 1)));
            TestInputTopic<byte[], byte[]> raw = harness.rawInput("fraud-rules");
            raw.pipeInput(bytes("CARD_TESTING"), bytes("{\"enabled\": \"maybe\"}"));
            raw.pipeInput(bytes("velocity"), bytes("{\"enabled\": false}"));
            raw.pipeInput(null, bytes("{\"enabled\": false}"));

            burst("c", Duration.ZERO, 6);
            assertThat(newAlerts()).as("the limit is back at 5, the lower-case key changed nothing")
                    .containsOnlyKeys("c5");
        }
    }

    @Test
    void transactionsKeyedOtherwiseAreReKeyedByCardAndShareItsState() {
        start();
        for (int i = 0; i < 6; i++) {
            Transaction tx = tx("k" + i, seconds(i)).build();
            // alternate: the card id, the transaction id, no key at all
            String key = switch (i % 3) {
                case 0 -> tx.cardId();
                case 1 -> tx.transactionId();
                default -> null;
            };
            transactions.pipeInput(key, tx);
        }
        List<TestRecord<String, FraudAlert>> raised = alerts.readRecordsToList();
        assertThat(raised).singleElement().satisfies(alert -> {
            assertThat(alert.key()).isEqualTo("c1");
            assertThat(alert.value().transactionId()).isEqualTo("k5");
        });
    }

    @Test
    void invalidAndUndecodableTransactionsAreDeadLetteredAndTheNextGoodOneIsProcessed() {
        start();
        blocklist.pipeInput("card:c1", new BlocklistEntry("stolen", T0));
        send(tx("negative", Duration.ZERO).amount(-5.0).build());
        harness.rawInput("transactions").pipeInput(bytes("c1"), bytes("{\"transactionId\": \"t\", \"amount\": "));
        send(tx("good", seconds(1)).build());

        assertThat(harness.deadLettered("transactions", DeadLetterCounter.INVALID)).isEqualTo(1);
        assertThat(harness.deadLettered("transactions", DeadLetterCounter.UNDECODABLE)).isEqualTo(1);
        assertThat(newAlerts()).containsOnlyKeys("good");
    }

    @Test
    void anIdLongerThanTheLimitIsDeadLetteredAndTheNextGoodOneIsProcessed() {
        start(Map.of("fraud.max-id-length", "8"));
        send(tx("tx-00001", Duration.ZERO).card("c1").build(), tx("tx-000002", seconds(1)).build());
        send(tx("tx-3", seconds(2)).merchant("m-123456789").build());
        for (int i = 0; i < 6; i++) {
            send(tx("ok-" + i, seconds(10 + i)).build());
        }

        assertThat(harness.deadLettered("transactions", DeadLetterCounter.INVALID)).isEqualTo(2);
        assertThat(newAlerts()).as("tx-00001, at the limit, counts towards VELOCITY; the two dead-lettered do not")
                .containsOnlyKeys("ok-4", "ok-5");
    }

    @Test
    void aCardMakingMoreTransactionsThanTheCapKeepsItsNewestAndIsStillFlagged() {
        start(Map.of("fraud.history.max-transactions", "10"));
        for (int i = 0; i < 30; i++) {
            send(tx("burst-" + i, Duration.ofMillis(i * 100L)).build());
        }

        CardHistory history = harness.driver().<String, CardHistory>getKeyValueStore(FraudDetectionApp.HISTORY_STORE)
                .get("c1");
        assertThat(history.transactions()).extracting(past -> past.transactionId())
                .containsExactly("burst-20", "burst-21", "burst-22", "burst-23", "burst-24", "burst-25", "burst-26",
                        "burst-27", "burst-28", "burst-29");
        assertThat(history.transactionCount()).isEqualTo(30);
        assertThat(newAlerts()).as("every one past the fifth").hasSize(25);
    }

    @Test
    void aCardKeepsOnlyWhatItsRulesNeedHoweverManyTransactionsItMakes() {
        // the card's months of transactions reach past today: allow them
        start(Map.of("fraud.amount-spike.history-size", "3", "fraud.amount-spike.min-history", "3",
                "event.time.max-future", "P3650D"));
        for (int i = 0; i < 200; i++) {
            send(tx("t" + i, Duration.ofMinutes(i * 30L)).amount(10.0 + i % 5).at(PARIS_LAT, PARIS_LON).build());
        }
        // four within 15 minutes (the 10-minute card-testing window plus the 5-minute grace) of the newest
        send(tx("r1", Duration.ofMinutes(199 * 30 + 1)).build(), tx("r2", Duration.ofMinutes(199 * 30 + 2)).build(),
                tx("r3", Duration.ofMinutes(199 * 30 + 3)).build());

        KeyValueStore<String, CardHistory> store = harness.driver().getKeyValueStore(FraudDetectionApp.HISTORY_STORE);
        CardHistory history = store.get("c1");
        assertThat(history.transactions()).as("t199 and r1..r3 are within the retention").hasSize(4);
        assertThat(history.transactionCount()).isEqualTo(203);
        assertThat(history.lastLocated()).isNotNull();
    }

    @Test
    void keepsTheLastFewTransactionsOfAQuietCardForItsAmountHistory() {
        // the card's months of transactions reach past today: allow them
        start(Map.of("fraud.amount-spike.history-size", "3", "fraud.amount-spike.min-history", "3",
                "event.time.max-future", "P3650D"));
        for (int i = 0; i < 50; i++) {
            send(tx("t" + i, Duration.ofDays(i)).build());
        }
        KeyValueStore<String, CardHistory> store = harness.driver().getKeyValueStore(FraudDetectionApp.HISTORY_STORE);
        assertThat(store.get("c1").transactions()).hasSize(3);
    }

    @Test
    void badRuleSettingsStopTheAppAtStartNamingTheKey() {
        Map<String, String> props = Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
                "fraud.velocity.max-count", "zero");
        assertThatThrownBy(() -> ConfiguredApp.of(new FraudDetectionApp(), props))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("fraud.velocity.max-count").hasMessageContaining("zero");

        Map<String, String> typo = Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
                "fraud.velocity.max-cuont", "3");
        assertThatThrownBy(() -> ConfiguredApp.of(new FraudDetectionApp(), typo))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("fraud.velocity.max-count");
    }

    @Nested
    class Queries {

        @Test
        void aCardsProfileShowsItsCountMeanLastLocationAndRecentAlertRules() {
            start();
            for (int i = 0; i < 7; i++) {
                send(tx("q" + i, seconds(i)).amount(10.0 + i).build());
            }
            send(tx("q-paris", seconds(100)).amount(20.0).at(PARIS_LAT, PARIS_LON).build(),
                    tx("q-nowhere", seconds(200)).amount(30.0).build());

            TopologyHarness.JsonAnswer answer = harness.ask("/cards/" + "c1");

            assertThat(answer.status()).isEqualTo(200);
            JsonNode profile = answer.body();
            assertThat(profile.path("cardId").asText()).isEqualTo("c1");
            assertThat(profile.path("transactionCount").asLong()).isEqualTo(9);
            assertThat(profile.path("meanAmount").asDouble()).isCloseTo((10 + 11 + 12 + 13 + 14 + 15 + 16 + 20 + 30) / 9.0, within(1e-9));
            assertThat(profile.path("lastTransactionTime").asLong()).isEqualTo(T0 + 200_000);
            assertThat(profile.path("lastLocation").path("latitude").asDouble()).isEqualTo(PARIS_LAT);
            assertThat(profile.path("lastLocation").path("longitude").asDouble()).isEqualTo(PARIS_LON);
            assertThat(profile.path("lastLocation").path("time").asLong()).as("where it was last seen, not its last transaction")
                    .isEqualTo(T0 + 100_000);
            assertThat(profile.path("recentAlerts").toString()).as("the 6th and 7th within 60 s")
                    .isEqualTo("[[\"VELOCITY\"],[\"VELOCITY\"]]");
        }

        @Test
        void anUnknownCardIs404() {
            start();
            TopologyHarness.JsonAnswer answer = harness.ask("/cards/never-seen");
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body().toString()).isEqualTo("{\"error\":\"cardId 'never-seen' not found\"}");
        }

        @Test
        void alertsAreCountedPerRuleThatFired() {
            start();
            for (int i = 0; i < 7; i++) {
                send(tx("m" + i, seconds(i)).amount(1.0).build());
            }
            // 6th and 7th: velocity; 3rd to 7th: card testing (below 2.00)
            assertThat(alertCount("VELOCITY")).isEqualTo(2);
            assertThat(alertCount("CARD_TESTING")).isEqualTo(5);
            assertThat(alertCount("AMOUNT_SPIKE")).as("a rule that never fired has no series").isNull();
        }
    }

    private Double alertCount(String rule) {
        for (Map.Entry<MetricName, ? extends Metric> metric : harness.driver().metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.group().equals("stream-fraud-metrics") && name.name().equals("alerts-total")
                    && rule.equals(name.tags().get("rule"))) {
                return (Double) metric.getValue().metricValue();
            }
        }
        return null;
    }

    @Test
    void internalTopicsAndStoresHaveStableNames() {
        TopologyDescription description = ConfiguredApp.of(new FraudDetectionApp(),
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")).topology().describe();
        String text = description.toString();
        assertThat(text).contains("fraud-by-card-repartition", FraudDetectionApp.HISTORY_STORE,
                FraudDetectionApp.BLOCKLIST_STORE, FraudDetectionApp.RULES_STORE);
        assertThat(description.globalStores()).hasSize(2);
    }

    private double lateCount() {
        for (Map.Entry<MetricName, ? extends Metric> metric : harness.driver().metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.group().equals("stream-fraud-metrics") && name.name().equals("late-transactions-total")) {
                return (Double) metric.getValue().metricValue();
            }
        }
        throw new AssertionError("no late-transactions-total metric");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
