package io.streamsuite.devkit.generate;

import static io.streamsuite.devkit.generate.FakeClock.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.clickstream.BotAlert;
import io.streamsuite.clickstream.BotDetector;
import io.streamsuite.clickstream.BotRules;
import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.clickstream.ClickEventValidator;
import io.streamsuite.clickstream.ClickstreamSettings;
import io.streamsuite.clickstream.UserActivity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClickGeneratorTest {

    private static final long TWO_HOURS = 2 * 3_600_000L;
    private static final double RATE = 10;
    private static final List<Output> OUTPUTS = FakeClock.run(new ClickGenerator(5, RATE, START), TWO_HOURS, 1000);
    private static final List<ClickEvent> EVENTS = OUTPUTS.stream().map(output -> (ClickEvent) output.value())
            .toList();
    private static final List<BotTruth> TRUTHS = FakeClock.truths(OUTPUTS, BotTruth.class);

    @Test
    void theSameSeedGivesTheSameTrafficHoweverTheClockTicks() {
        assertThat(FakeClock.runIrregularly(new ClickGenerator(5, RATE, START), TWO_HOURS, 5000, 3))
                .isEqualTo(OUTPUTS);
        assertThat(FakeClock.run(new ClickGenerator(6, RATE, START), 60_000, 1000).subList(0, 10))
                .isNotEqualTo(OUTPUTS.subList(0, 10));
    }

    @Test
    void everyEventIsValidKeyedByUserAndStartsNoEarlierThanTheStart() {
        ClickEventValidator validator = new ClickEventValidator();
        List<String> problems = new ArrayList<>();
        for (Output output : OUTPUTS) {
            ClickEvent event = (ClickEvent) output.value();
            validator.problems(event).forEach(problem -> problems.add(event.eventId() + ": " + problem));
            if (!output.topic().equals("clickstream-events") || !output.key().equals(event.userId())
                    || output.time() != event.timestamp() || event.timestamp() < START) {
                problems.add(event.eventId() + ": topic, key or time wrong");
            }
        }

        assertThat(problems).isEmpty();
        assertThat(EVENTS).extracting(ClickEvent::eventId).doesNotHaveDuplicates();
        assertThat(EVENTS.size() / (TWO_HOURS / 1000.0)).isBetween(RATE * 0.85, RATE * 1.15);
        // the shop is busy from the first minute: sessions were under way when the generator started
        assertThat(EVENTS.stream().filter(event -> event.timestamp() < START + 60_000).count())
                .isGreaterThan((long) (RATE * 60 * 0.7));
    }

    @Test
    void peopleBrowseInSessionsThroughTheFunnel() {
        Set<String> bots = TRUTHS.stream().map(BotTruth::userId).collect(Collectors.toSet());
        Map<String, Long> lastEvent = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int returning = 0;
        for (ClickEvent event : EVENTS) {
            Long last = lastEvent.put(event.userId(), event.timestamp());
            if (last == null || bots.contains(event.userId())) {
                continue;
            }
            long gap = event.timestamp() - last;
            // within a session events are at most 3 minutes apart; sessions over 30 minutes apart
            if (gap > 3 * 60_000 && gap <= 30 * 60_000) {
                problems.add(event.eventId() + " of " + event.userId() + " " + gap + " ms after the one before");
            }
            if (gap > 30 * 60_000) {
                returning++;
            }
        }
        Map<String, Long> types = EVENTS.stream().collect(Collectors.groupingBy(ClickEvent::type,
                TreeMap::new, Collectors.counting()));

        assertThat(problems).isEmpty();
        assertThat(returning).isGreaterThan(50);
        assertThat(types.get("PAGE_VIEW")).isGreaterThan(types.get("CLICK"));
        assertThat(types.get("ADD_TO_CART")).isGreaterThan(types.get("CHECKOUT"));
        assertThat(types.get("CHECKOUT")).isGreaterThan(types.get("PURCHASE"));
        assertThat(types.get("PURCHASE")).isGreaterThan(20);
    }

    /** The ground truth against the app's own bot rule at its defaults, fed every event in order. */
    @Test
    void theExpectedBotAlertsAreExactlyWhatTheBotDetectorRaises() {
        BotDetector detector = new BotDetector(BotRules.of(ClickstreamSettings.BOT_MAX_EVENTS.defaultValue(),
                ClickstreamSettings.BOT_WINDOW.defaultValue(), ClickstreamSettings.BOT_COOLDOWN.defaultValue(),
                ClickstreamSettings.BOT_AGENTS.defaultValue()));
        Map<String, UserActivity> activity = new HashMap<>();
        Set<String> raised = new TreeSet<>();
        for (ClickEvent event : EVENTS) {
            BotDetector.Verdict verdict = detector.observe(event,
                    activity.getOrDefault(event.userId(), UserActivity.none()));
            activity.put(event.userId(), verdict.activity());
            verdict.alert().map(ClickGeneratorTest::key).ifPresent(raised::add);
        }
        Set<String> expected = TRUTHS.stream().filter(truth -> truth.alert() != null)
                .map(truth -> truth.userId() + "@" + truth.eventTime() + "#" + truth.eventCount())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(raised).isEqualTo(expected);
    }

    @Test
    void everyKindOfBotIsInjectedAndNamedOnceWithItsFirstEvent() {
        List<BotTruth> users = TRUTHS.stream().filter(truth -> truth.alert() == null).toList();
        Map<String, Long> perKind = users.stream()
                .collect(Collectors.groupingBy(BotTruth::kind, Collectors.counting()));

        assertThat(perKind.keySet()).containsExactlyInAnyOrder("RATE_BOT", "CRAWLER", "HEADLESS");
        assertThat(perKind.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(15));
        assertThat(users).extracting(BotTruth::userId).doesNotHaveDuplicates();
        assertThat(users).allSatisfy(user -> {
            assertThat(user.why()).isNotBlank();
            assertThat(user.userAgent()).isNotBlank();
        });
        // every bot is alerted at least once
        Set<String> botUsers = perUser(users);
        assertThat(TRUTHS.stream().filter(truth -> truth.alert() != null).map(BotTruth::userId)
                .collect(Collectors.toSet())).isEqualTo(botUsers);
        long botEvents = EVENTS.stream().filter(event -> botUsers.contains(event.userId())).count();
        assertThat(botEvents / (double) EVENTS.size()).isBetween(0.02, 0.09);
    }

    private static Set<String> perUser(List<BotTruth> users) {
        return users.stream().map(BotTruth::userId).collect(Collectors.toSet());
    }

    private static String key(BotAlert alert) {
        return alert.userId() + "@" + alert.windowEnd() + "#" + alert.eventCount();
    }
}
