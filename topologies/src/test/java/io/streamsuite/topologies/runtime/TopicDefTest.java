package io.streamsuite.topologies.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.serde.TopicNames;
import org.junit.jupiter.api.Test;

/** What {@code topic.<name>} accepts for each kind of topic, checked when the configuration is loaded. */
class TopicDefTest {

    final TopicDef events = TopicDef.input("clickstream-events", "click events");
    final TopicDef rules = TopicDef.table("rules", "rule overrides");
    final TopicDef alerts = TopicDef.output("alerts", "alerts");

    @Test
    void anInputTakesANameAListOrAPattern() {
        assertThat(events.acceptsSeveralTopics()).isTrue();
        assertThat(events.topics("clicks")).isEqualTo(TopicNames.of("clicks"));
        assertThat(events.topics(" clicks-views , clicks-carts ")).isEqualTo(TopicNames.of("clicks-views", "clicks-carts"));
        assertThat(events.topics("clickstream-.*").pattern()).hasValueSatisfying(p -> assertThat(p.pattern()).isEqualTo("clickstream-.*"));
        assertThat(events.nameSetting().parse(" a , b ")).as("the setting keeps the value as written, trimmed").isEqualTo("a , b");
        assertThat(events.nameSetting().defaultValue()).isEqualTo("clickstream-events");
        assertThat(events.nameSetting().doc()).contains("comma-separated list", "regular expression");
    }

    @Test
    void aBadListOrPatternOfAnInputIsAOneLineErrorNamingTheKey() {
        assertThatThrownBy(() -> events.topics("clicks-views,,clicks-carts")).isInstanceOf(InvalidConfigException.class)
                .hasMessage("Invalid value 'clicks-views,,clicks-carts' for topic.clickstream-events: empty entry in the list of topics");
        assertThatThrownBy(() -> events.topics("a, b, a"))
                .hasMessage("Invalid value 'a, b, a' for topic.clickstream-events: topic a is listed twice");
        assertThatThrownBy(() -> events.topics("clicks-(views"))
                .hasMessage("Invalid value 'clicks-(views' for topic.clickstream-events: not a valid regular expression"
                        + " (Unclosed group near index 13)");
        assertThatThrownBy(() -> events.topics("clicks,..")).hasMessageEndingWith(": '..' is not a topic name");
        assertThatThrownBy(() -> events.topics("  ")).hasMessage("Invalid value '  ' for topic.clickstream-events:"
                + " expected a topic name, a comma-separated list of names or a regular expression");
    }

    @Test
    void tablesAndOutputsTakeExactlyOneLegalName() {
        assertThat(rules.acceptsSeveralTopics()).isFalse();
        assertThat(alerts.acceptsSeveralTopics()).isFalse();
        assertThat(alerts.topics("alerts-v2.eu")).isEqualTo(TopicNames.of("alerts-v2.eu"));
        assertThat(alerts.nameSetting().doc()).isEqualTo("Name of the alerts topic (alerts).");
        String onlyInputs = ": expected one topic name of letters, digits, '.', '_' and '-' (a list or a pattern is allowed"
                + " for input topics only)";
        assertThatThrownBy(() -> alerts.topics("alerts-a, alerts-b")).isInstanceOf(InvalidConfigException.class)
                .hasMessage("Invalid value 'alerts-a, alerts-b' for topic.alerts" + onlyInputs);
        assertThatThrownBy(() -> alerts.topics("alerts-.*")).hasMessage("Invalid value 'alerts-.*' for topic.alerts" + onlyInputs);
        assertThatThrownBy(() -> rules.topics("rules-(a|b)")).hasMessage("Invalid value 'rules-(a|b)' for topic.rules" + onlyInputs);
        assertThatThrownBy(() -> rules.topics("rules,")).hasMessage("Invalid value 'rules,' for topic.rules" + onlyInputs);
        assertThatThrownBy(() -> rules.topics("my rules")).hasMessage("Invalid value 'my rules' for topic.rules" + onlyInputs);
        assertThatThrownBy(() -> alerts.topics("..")).hasMessage("Invalid value '..' for topic.alerts: not a topic name"
                + " (1 to 249 characters, not '.' or '..')");
        assertThatThrownBy(() -> alerts.topics("a".repeat(250))).hasMessageEndingWith("not a topic name (1 to 249 characters, not '.' or '..')");
        assertThatThrownBy(() -> alerts.topics(" ")).hasMessage("Invalid value ' ' for topic.alerts: expected a topic name");
    }
}
