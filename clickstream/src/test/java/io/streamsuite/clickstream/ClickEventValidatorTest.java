package io.streamsuite.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClickEventValidatorTest {

    private static ClickEvent view(String user, String url, String agent) {
        return new ClickEvent("e1", user, "PAGE_VIEW", url, null, agent, null, 1L);
    }

    @Test
    void fieldsUpToTheirLimitsPassAndLongerOnesAreNamedWithTheirLengthNotTheirValue() {
        ClickEventValidator validator = new ClickEventValidator(5, 10, 8);
        assertThat(validator.problems(view("u".repeat(5), "/".repeat(10), "a".repeat(8)))).isEmpty();
        assertThat(validator.problems(view("u".repeat(6), "/".repeat(11), "a".repeat(9)))).containsExactly(
                "userId is 6 chars long, more than the limit of 5",
                "url is 11 chars long, more than the limit of 10",
                "userAgent is 9 chars long, more than the limit of 8");
    }

    @Test
    void theDefaultsAreFarAboveRealTraffic() {
        ClickEventValidator validator = new ClickEventValidator();
        assertThat(validator.problems(view("user-" + "x".repeat(250), "/" + "p".repeat(8000),
                "Mozilla/5.0 " + "x".repeat(4000)))).isEmpty();
        assertThat(validator.problems(view("u".repeat(257), "/a", null)))
                .containsExactly("userId is 257 chars long, more than the limit of 256");
    }

    @Test
    void anUnknownTypeIsEchoedCutAndWithoutLineBreaks() {
        ClickEvent event = new ClickEvent("e1", "u1", "SCROLL\nFORGED LOG LINE" + "x".repeat(100), null, null, null,
                null, 1L);
        assertThat(new ClickEventValidator().problems(event)).singleElement()
                .satisfies(problem -> assertThat(problem).doesNotContain("\n").contains("SCROLL?FORGED").endsWith("...'"));
    }
}
