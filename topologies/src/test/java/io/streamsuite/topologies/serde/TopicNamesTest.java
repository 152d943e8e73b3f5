package io.streamsuite.topologies.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNamesTest {

    @Test
    void oneNameIsAListOfOne() {
        TopicNames names = TopicNames.parse("clicks.views_v2-EU");
        assertThat(names.isPattern()).isFalse();
        assertThat(names.names()).containsExactly("clicks.views_v2-EU");
        assertThat(names.pattern()).isEmpty();
        assertThat(names.toString()).isEqualTo("clicks.views_v2-EU");
    }

    @Test
    void commasMakeAListInTheConfiguredOrderWithWhitespaceAroundThemIgnored() {
        TopicNames names = TopicNames.parse("  clicks-views ,clicks-carts,\tclicks-orders  ");
        assertThat(names.isPattern()).isFalse();
        assertThat(names.names()).containsExactly("clicks-views", "clicks-carts", "clicks-orders");
        assertThat(names.matches("clicks-carts")).isTrue();
        assertThat(names.matches("clicks-cart")).isFalse();
        assertThat(names).isEqualTo(TopicNames.of("clicks-views", "clicks-carts", "clicks-orders"));
        assertThat(names.toString()).isEqualTo("clicks-views,clicks-carts,clicks-orders");
    }

    @Test
    void anEmptyEntryIsAnError() {
        assertThatThrownBy(() -> TopicNames.parse("a,,b")).hasMessage("empty entry in the list of topics");
        assertThatThrownBy(() -> TopicNames.parse("a, ,b")).hasMessage("empty entry in the list of topics");
        assertThatThrownBy(() -> TopicNames.parse("a,b,")).hasMessage("empty entry in the list of topics");
        assertThatThrownBy(() -> TopicNames.parse(",a")).hasMessage("empty entry in the list of topics");
        assertThatThrownBy(() -> TopicNames.parse(",")).hasMessage("empty entry in the list of topics");
    }

    @Test
    void aDuplicateIsAnError() {
        assertThatThrownBy(() -> TopicNames.parse("a, b ,a")).hasMessage("topic a is listed twice");
        assertThatThrownBy(() -> TopicNames.of("a", "a")).hasMessage("topic a is listed twice");
        assertThat(TopicNames.parse("a,A").names()).as("topic names are case-sensitive").containsExactly("a", "A");
    }

    @Test
    void aBlankValueIsAnError() {
        assertThatThrownBy(() -> TopicNames.parse(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expected a topic name");
    }

    @Test
    void namesMustBeLegalKafkaTopicNames() {
        assertThatThrownBy(() -> TopicNames.parse("a,..")).hasMessage("'..' is not a topic name");
        assertThatThrownBy(() -> TopicNames.parse(".")).hasMessage("'.' is not a topic name");
        assertThatThrownBy(() -> TopicNames.parse("x".repeat(250))).hasMessage("topic name longer than 249 characters");
        assertThat(TopicNames.parse("x".repeat(249)).names()).hasSize(1);
        assertThatThrownBy(() -> TopicNames.of("a b")).hasMessageContaining("'a b' is not a topic name");
        assertThatThrownBy(TopicNames::of).hasMessage("no topic names");
        assertThat(TopicNames.isLegalName("orders-v2.eu_1")).isTrue();
        assertThat(TopicNames.isLegalName("orders*")).isFalse();
        assertThat(TopicNames.isLegalName("")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"clickstream-.*", "clicks-(views|carts)", "clicks-[a-z]+", "clicks-.{1,3}", "^clicks$", "a b",
            "(clicks.views)", "clicks-.*, orders"})
    void anyCharacterIllegalInATopicNameOtherThanTheCommasOfAListMakesAPattern(String value) {
        TopicNames names = TopicNames.parse(value);
        assertThat(names.isPattern()).isTrue();
        assertThat(names.names()).isEmpty();
        assertThat(names.pattern()).map(Pattern::pattern).contains(value);
    }

    @Test
    void aPatternMatchesWholeTopicNames() {
        TopicNames pattern = TopicNames.parse("clicks-(views|carts)");
        assertThat(pattern.matches("clicks-views")).isTrue();
        assertThat(pattern.matches("clicks-carts")).isTrue();
        assertThat(pattern.matches("clicks-views-v2")).as("whole name").isFalse();
        assertThat(pattern.matches("eu-clicks-views")).as("whole name").isFalse();
        assertThat(TopicNames.parse("clicks.views").matches("clicksXviews")).as("a name is literal, '.' included").isFalse();
        assertThat(TopicNames.parse("(clicks.views)").matches("clicksXviews")).as("unless it is a pattern").isTrue();
        assertThat(pattern).isEqualTo(TopicNames.matching(Pattern.compile("clicks-(views|carts)")))
                .hasSameHashCodeAs(TopicNames.matching(Pattern.compile("clicks-(views|carts)")))
                .isNotEqualTo(TopicNames.of("clicks-views"));
    }

    @Test
    void anInvalidRegularExpressionIsAnErrorInOneLine() {
        assertThatThrownBy(() -> TopicNames.parse("clicks-(views|carts"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid regular expression (Unclosed group near index 19)");
        assertThatThrownBy(() -> TopicNames.parse("*clicks")).hasMessageStartingWith("not a valid regular expression (Dangling meta");
    }
}
