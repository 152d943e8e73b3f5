package io.streamsuite.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UserAgentPatternsTest {

    private final UserAgentPatterns defaults = UserAgentPatterns.compile(ClickstreamSettings.DEFAULT_BOT_AGENTS);

    @Test
    void literalsMatchAsTheirCaseInsensitiveRegexWould() {
        List<String> agents = List.of(
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
                "CURL/8.5.0", "Python-Requests/2.31", "Wget/1.21", "SPIDER", "craw l", "", "Ünïcödé BOT ☃",
                // the Kelvin sign folds to k only with UNICODE_CASE, which the rule does not use
                "\u212Aurl/1");
        for (String agent : agents) {
            assertThat(defaults.firstMatch(agent).map(Pattern::pattern))
                    .as(agent)
                    .isEqualTo(ClickstreamSettings.DEFAULT_BOT_AGENTS.stream()
                            .filter(expression -> Pattern.compile(expression, Pattern.CASE_INSENSITIVE)
                                    .matcher(agent).find())
                            .findFirst());
        }
        assertThat(defaults.firstMatch("Mozilla/5.0 Googlebot").map(Pattern::pattern)).contains("bot");
        assertThat(defaults.firstMatch("Mozilla/5.0 Firefox/128.0")).isEmpty();
        assertThat(defaults.firstMatch(null)).isEmpty();
    }

    @Test
    void realExpressionsAreStillMatchedAsRegexesInTheConfiguredOrder() {
        UserAgentPatterns patterns = UserAgentPatterns.compile(List.of("^java/\\d+", "scan", "b.t"));

        assertThat(patterns.firstMatch("Java/17 scanner").map(Pattern::pattern)).contains("^java/\\d+");
        assertThat(patterns.firstMatch("my SCANNER java/17").map(Pattern::pattern)).contains("scan");
        assertThat(patterns.firstMatch("BaT-tool").map(Pattern::pattern)).contains("b.t");
        assertThat(patterns.firstMatch("bt")).isEmpty();
    }
}
