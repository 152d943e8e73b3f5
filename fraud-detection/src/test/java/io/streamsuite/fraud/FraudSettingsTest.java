package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.config.Setting;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FraudSettingsTest {

    @Test
    void everyKeyIsUniqueNamespacedAndDocumented() {
        List<Setting<?>> all = FraudSettings.all();

        assertThat(all).extracting(Setting::key).doesNotHaveDuplicates().allMatch(key -> key.startsWith("fraud."));
        assertThat(all).allSatisfy(setting -> {
            assertThat(setting.doc()).as(setting.key()).isNotBlank().endsWith(".");
            assertThat(setting.required()).as(setting.key()).isFalse();
        });
    }

    @Test
    void everySettingConstantIsListed() throws IllegalAccessException {
        List<Object> constants = new ArrayList<>();
        for (Field field : FraudSettings.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Setting.class) {
                constants.add(field.get(null));
            }
        }

        assertThat(constants).hasSize(26);
        assertThat(FraudSettings.all()).containsExactlyInAnyOrderElementsOf(constants.stream()
                .map(c -> (Setting<?>) c).toList());
    }

    @Test
    void defaultsAreTheContracts() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        FraudSettings.all().forEach(s -> defaults.put(s.key(), s.defaultValue()));

        assertThat(defaults).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("fraud.velocity.enabled", true),
                Map.entry("fraud.velocity.weight", 0.5),
                Map.entry("fraud.velocity.max-count", 5),
                Map.entry("fraud.velocity.window", Duration.ofSeconds(60)),
                Map.entry("fraud.amount-spike.enabled", true),
                Map.entry("fraud.amount-spike.weight", 0.5),
                Map.entry("fraud.amount-spike.multiplier", 5.0),
                Map.entry("fraud.amount-spike.min-history", 5),
                Map.entry("fraud.amount-spike.history-size", 20),
                Map.entry("fraud.amount-spike.min-amount", 100.0),
                Map.entry("fraud.impossible-travel.enabled", true),
                Map.entry("fraud.impossible-travel.weight", 0.7),
                Map.entry("fraud.impossible-travel.min-distance-km", 100.0),
                Map.entry("fraud.impossible-travel.max-speed-kmh", 900.0),
                Map.entry("fraud.blocklisted-merchant.enabled", true),
                Map.entry("fraud.blocklisted-merchant.weight", 0.8),
                Map.entry("fraud.blocklisted-card.enabled", true),
                Map.entry("fraud.blocklisted-card.weight", 0.9),
                Map.entry("fraud.card-testing.enabled", true),
                Map.entry("fraud.card-testing.weight", 0.6),
                Map.entry("fraud.card-testing.max-amount", 2.0),
                Map.entry("fraud.card-testing.min-count", 3),
                Map.entry("fraud.card-testing.window", Duration.ofMinutes(10)),
                Map.entry("fraud.history.max-transactions", 1000),
                Map.entry("fraud.max-id-length", 256),
                Map.entry("fraud.grace", Duration.ofMinutes(5))));
    }

    @Test
    void everyDefaultSurvivesItsOwnParser() {
        // --help prints defaultText(); setting it back verbatim must give the same value
        assertThat(FraudSettings.all()).allSatisfy(setting ->
                assertThat((Object) setting.parse(setting.defaultText())).as(setting.key())
                        .isEqualTo(setting.defaultValue()));
    }

    @Test
    void everyRuleHasAnEnabledSwitchAndAWeight() {
        for (RuleName rule : RuleName.values()) {
            assertThat(FraudSettings.enabled(rule).key()).isEqualTo("fraud." + rule.segment() + ".enabled");
            assertThat(FraudSettings.weight(rule).key()).isEqualTo("fraud." + rule.segment() + ".weight");
            assertThat(FraudSettings.all()).contains(FraudSettings.enabled(rule), FraudSettings.weight(rule));
        }
    }

    @Test
    void paramNamesAreTheKeySuffixesWithoutEnabled() {
        assertThat(FraudSettings.paramNames(RuleName.VELOCITY)).containsExactly("weight", "max-count", "window");
        assertThat(FraudSettings.paramNames(RuleName.AMOUNT_SPIKE))
                .containsExactly("weight", "multiplier", "min-history", "history-size", "min-amount");
        assertThat(FraudSettings.paramNames(RuleName.BLOCKLISTED_MERCHANT)).containsExactly("weight");
    }

    @Test
    void badValuesAreRefusedAsTheContractSays() {
        assertThat(FraudSettings.VELOCITY_WINDOW.allowed()).startsWith("a positive duration");
        assertThat(FraudSettings.GRACE.parse("0s")).isEqualTo(Duration.ZERO);
        assertThat(FraudSettings.VELOCITY_MAX_COUNT.allowed()).isEqualTo("a whole number >= 1");
        assertThat(FraudSettings.CARD_TESTING_WEIGHT.allowed()).isEqualTo("a number from 0.0 to 1.0");
        assertThat(FraudSettings.AMOUNT_SPIKE_HISTORY_SIZE.allowed()).isEqualTo("a whole number from 1 to 1000");
    }
}
