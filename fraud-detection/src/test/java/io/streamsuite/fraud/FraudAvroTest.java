package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.testing.AvroEvents;
import io.streamsuite.schemaregistry.TestSchemaRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every event of the fraud contract in Avro: complete round trips, and schemas that can gain optional fields. */
class FraudAvroTest {

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
    void transactionsRoundTripWithEveryFieldAndWithOnlyTheRequiredOnes() {
        AvroEvents.assertRoundTrips(new Transaction("t-1", "c-1", "a-1", "u-1", "m-1", "5812", "FR", "POS", 12.5, "EUR",
                48.85, 2.35, 1763719200000L), registry);
        AvroEvents.assertRoundTrips(new Transaction("t-1", "c-1", null, null, "m-1", null, null, null, 0.0, "EUR",
                null, null, 1763719200000L), registry);
    }

    @Test
    void blocklistEntriesAndRuleOverridesRoundTrip() {
        AvroEvents.assertRoundTrips(new BlocklistEntry("chargebacks", 1763719200000L), registry);
        AvroEvents.assertRoundTrips(new BlocklistEntry(null, null), registry);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("max-count", 8L);
        params.put("window", "90s");
        params.put("multiplier", 2.5);
        AvroEvents.assertRoundTrips(new RuleOverride(true, params), registry);
        AvroEvents.assertRoundTrips(new RuleOverride(null, Map.of()), registry);
    }

    @Test
    void alertsRoundTrip() {
        AvroEvents.assertRoundTrips(new FraudAlert("a-1", "t-1", "c-1", 900.0, "EUR", "m-035",
                List.of("AMOUNT_SPIKE", "BLOCKLISTED_MERCHANT"), 90,
                List.of("amount 900.00 is 18.0x the mean 50.00", "merchant m-035 is blocklisted: chargebacks"),
                1763719200000L, 1763719200412L), registry);
    }

    @ParameterizedTest
    @ValueSource(classes = {Transaction.class, BlocklistEntry.class, RuleOverride.class, FraudAlert.class})
    void everyOptionalFieldDefaultsToNull(Class<?> event) {
        assertThat(AvroEvents.optionalFieldsWithoutNullDefault(event)).isEmpty();
    }
}
