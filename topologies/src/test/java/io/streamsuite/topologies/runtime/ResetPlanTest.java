package io.streamsuite.topologies.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.config.Setting;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

/** Which topics a reset rewinds, deletes and leaves alone, and what a dry run prints; no Kafka involved. */
class ResetPlanTest {

    /** An app with every kind of topic: an input stream, a table, an output. */
    static final class ShopApp implements StreamsApp {
        static final TopicDef EVENTS = TopicDef.input("shop-events", "shop events");
        static final TopicDef PRICES = TopicDef.table("shop-prices", "prices by product");
        static final TopicDef ALERTS = TopicDef.output("shop-alerts", "alerts");

        public String name() {
            return "shop";
        }

        public String configPrefix() {
            return "shop.";
        }

        public List<Setting<?>> settings() {
            return List.of();
        }

        public List<TopicDef> topics() {
            return List.of(EVENTS, PRICES, ALERTS);
        }

        public Topology buildTopology(AppContext context) {
            throw new UnsupportedOperationException("a plan never builds the topology");
        }
    }

    static ConfiguredApp shop(String... settings) {
        Map<String, String> properties = new HashMap<>(Map.of("bootstrap.servers", "localhost:9092"));
        for (String setting : settings) {
            String[] keyValue = setting.split("=", 2);
            properties.put(keyValue[0], keyValue[1]);
        }
        return ConfiguredApp.of(new ShopApp(), properties);
    }

    @Test
    void internalTopicsAreTheAppsChangelogRepartitionAndForeignKeyTopics() {
        List<String> existing = List.of(
                "shop-prices-store-changelog",
                "shop-by-product-repartition",
                "shop-join-subscription-registration-topic",
                "shop-join-subscription-response-topic",
                "shop-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000007-topic",
                "shop-dlq",                                     // the dead-letter topic
                "shop-events",                                  // an input
                "shop-audit-changelog",                         // an input named like a changelog (KAFKA-7930)
                "shopping-cart-store-changelog",                // another app's: no '-' after the id
                "other-shop-store-changelog",                   // another app's: a different prefix
                "shop-v2-store-changelog",                      // the app shop-v2's, whose group exists
                "shop-store-changelog-old");                    // not a suffix Streams uses
        Set<String> declared = Set.of("shop-events", "shop-audit-changelog", "shop-dlq", "shop-alerts");

        assertThat(ResetPlan.internalTopics("shop", existing, declared, List.of("shop-v2", "shopping", "other")))
                .containsExactly(
                        "shop-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000007-topic",
                        "shop-by-product-repartition",
                        "shop-join-subscription-registration-topic",
                        "shop-join-subscription-response-topic",
                        "shop-prices-store-changelog");
    }

    @Test
    void withoutOtherGroupsATopicOfALongerIdLooksLikeTheAppsOwn() {
        assertThat(ResetPlan.internalTopics("shop", List.of("shop-v2-store-changelog"), Set.of(), List.of()))
                .containsExactly("shop-v2-store-changelog");
    }

    @Test
    void inputsAreTheInputStreamsTopicsTablesAndOutputsAreLeftAlone() {
        ResetPlan.Topics topics = ResetPlan.topics(shop(), Set.of("shop-events", "shop-prices", "shop-alerts", "shop-dlq"), Set.of("shop-events"));

        assertThat(topics.inputs()).containsExactly("shop-events");
        assertThat(topics.unresolved()).isEmpty();
        assertThat(topics.declared()).containsExactlyInAnyOrder("shop-events", "shop-prices", "shop-alerts", "shop-dlq");
        assertThat(topics.untouched()).containsExactly(
                "output topics shop-alerts (their consumers will see the outputs again)",
                "dead-letter topic shop-dlq",
                "global tables shop-prices (read from the beginning at every start)");
    }

    @Test
    void aTableTheGroupHasOffsetsOnIsReadByTasksAndRewoundLikeAnInput() {
        ResetPlan.Topics topics = ResetPlan.topics(shop(), Set.of("shop-events", "shop-prices"), Set.of("shop-events", "shop-prices"));

        assertThat(topics.inputs()).containsExactly("shop-events", "shop-prices");
        assertThat(topics.untouched()).noneMatch(line -> line.startsWith("global tables"));
    }

    @Test
    void aListOfInputsIsResolvedNameByNameAndMissingOnesAreSkipped() {
        ResetPlan.Topics topics = ResetPlan.topics(shop("topic.shop-events=views, carts, orders"),
                Set.of("views", "orders"), Set.of());

        assertThat(topics.inputs()).containsExactly("views", "orders");
        assertThat(topics.unresolved()).containsExactly("carts (does not exist)");
        assertThat(topics.declared()).contains("views", "carts", "orders");
    }

    @Test
    void aPatternIsResolvedAgainstTheExistingTopics() {
        ResetPlan.Topics topics = ResetPlan.topics(shop("topic.shop-events=shop-(views|carts)"),
                Set.of("shop-views", "shop-carts", "shop-orders", "shop-views-2"), Set.of());
        assertThat(topics.inputs()).containsExactly("shop-carts", "shop-views");
        assertThat(topics.declared()).contains("shop-carts", "shop-views").doesNotContain("shop-orders");

        ResetPlan.Topics none = ResetPlan.topics(shop("topic.shop-events=shop-(views|carts)"), Set.of("shop-orders"), Set.of());
        assertThat(none.inputs()).isEmpty();
        assertThat(none.unresolved()).containsExactly("shop-(views|carts) (pattern of topic.shop-events, matches no topic)");
    }

    @Test
    void aRenamedDeadLetterTopicIsDeclaredAndNamed() {
        ResetPlan.Topics topics = ResetPlan.topics(shop("errors.dead.letter.queue.topic.name=shop-errors"), Set.of(), Set.of());

        assertThat(topics.declared()).contains("shop-errors").doesNotContain("shop-dlq");
        assertThat(topics.untouched()).contains("dead-letter topic shop-errors");
    }

    @Test
    void theDryRunListsOffsetsTopicsAndStateDirectory() {
        ResetPlan plan = new ResetPlan("shop", "shop", List.of(
                new ResetPlan.InputOffset(new TopicPartition("shop-events", 1), OptionalLong.empty(), 0),
                new ResetPlan.InputOffset(new TopicPartition("shop-events", 0), OptionalLong.of(1234), 17),
                new ResetPlan.InputOffset(new TopicPartition("shop-events-eu", 0), OptionalLong.of(5), 0)),
                List.of("carts (does not exist)"),
                List.of("shop-by-product-repartition", "shop-prices-store-changelog"), Set.of(),
                Path.of("/var/lib/streams/shop"), true,
                List.of("output topics shop-alerts (their consumers will see the outputs again)", "dead-letter topic shop-dlq"));

        assertThat(plan.describe("kafka-1:9092,kafka-2:9092")).isEqualTo("""
                Reset of shop, application.id shop, at kafka-1:9092,kafka-2:9092
                Input offsets of group shop, back to the earliest offset:
                  shop-events     partition 0  committed 1234 -> 17
                  shop-events     partition 1  no committed offset -> 0
                  shop-events-eu  partition 0  committed 5 -> 0
                  skipped: carts (does not exist)
                Internal topics to delete (the app creates them again, empty, at its next start):
                  shop-by-product-repartition
                  shop-prices-store-changelog
                Local state to wipe: /var/lib/streams/shop
                Not touched: output topics shop-alerts (their consumers will see the outputs again); dead-letter topic shop-dlq
                """);
    }

    @Test
    void aDryRunWithNothingToDoSaysSo() {
        ResetPlan plan = new ResetPlan("shop", "shop", List.of(), List.of(), List.of(), Set.of(), Path.of("/tmp/kafka-streams/shop"),
                false, List.of("dead-letter topic shop-dlq"));

        assertThat(plan.describe("localhost:9092")).isEqualTo("""
                Reset of shop, application.id shop, at localhost:9092
                Input offsets: nothing to reset
                Internal topics to delete: none
                Local state to wipe: /tmp/kafka-streams/shop (does not exist)
                Not touched: dead-letter topic shop-dlq
                """);
    }
}
