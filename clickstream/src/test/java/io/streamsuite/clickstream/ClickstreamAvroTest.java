package io.streamsuite.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.testing.AvroEvents;
import io.streamsuite.schemaregistry.TestSchemaRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every event of the clickstream contract in Avro: complete round trips, and schemas that can gain optional fields. */
class ClickstreamAvroTest {

    private static TestSchemaRegistry registry;

    @BeforeAll
    static void start() {
        registry = TestSchemaRegistry.start();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void clickEventsRoundTrip() {
        AvroEvents.assertRoundTrips(new ClickEvent("e-1", "u-1", "PAGE_VIEW", "/home", "https://search.example",
                "Mozilla/5.0", "10.0.0.1", 1763719200000L), registry);
        AvroEvents.assertRoundTrips(new ClickEvent("e-2", "u-1", "PURCHASE", null, null, null, null, 1763719200000L), registry);
    }

    @Test
    void everyOutputRoundTrips() {
        AvroEvents.assertRoundTrips(new PageViews("/home", 0, 60_000, 12, 7), registry);
        AvroEvents.assertRoundTrips(new TopPages(0, 60_000, List.of(new TopPages.PageCount("/home", 12),
                new TopPages.PageCount("/cart", 3))), registry);
        AvroEvents.assertRoundTrips(new TopPages(0, 60_000, List.of()), registry);
        AvroEvents.assertRoundTrips(new SessionSummary("u-1", 0, 90_000, 90_000, 5, 3, "/home", "/cart", false, true,
                FunnelStage.PURCHASE), registry);
        AvroEvents.assertRoundTrips(new SessionSummary("u-2", 0, 0, 0, 1, 0, null, null, false, false, FunnelStage.VIEW), registry);
        AvroEvents.assertRoundTrips(new FunnelCounts(0, 3_600_000, 10, 5, 2, 1), registry);
        AvroEvents.assertRoundTrips(new BotAlert("u-9", "25 events within 10s", 25, 0, 10_000, 10_500), registry);
    }

    @ParameterizedTest
    @ValueSource(classes = {ClickEvent.class, PageViews.class, TopPages.class, SessionSummary.class, FunnelCounts.class,
            BotAlert.class})
    void everyOptionalFieldDefaultsToNull(Class<?> event) {
        assertThat(AvroEvents.optionalFieldsWithoutNullDefault(event)).isEmpty();
    }
}
