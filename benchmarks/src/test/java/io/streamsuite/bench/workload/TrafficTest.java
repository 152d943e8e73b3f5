package io.streamsuite.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.Transaction;
import io.streamsuite.fraud.TransactionValidator;
import io.streamsuite.iot.Reading;
import io.streamsuite.iot.ReadingValidator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficTest {

    private static final long START = 1_700_000_000_000L;
    private static final long FIVE_MINUTES = 300_000;

    @Test
    void aFleetWithoutJitterReportsExactlyEveryIntervalInEventTimeOrder() {
        FleetTraffic fleet = new FleetTraffic(3, 1, FIVE_MINUTES, false, START, 1, "hist-");

        List<Keyed> readings = take(fleet, 7);

        assertThat(readings).extracting(Keyed::time).containsExactly(START, START, START, START + FIVE_MINUTES,
                START + FIVE_MINUTES, START + FIVE_MINUTES, START + 2 * FIVE_MINUTES);
        assertThat(readings).extracting(Keyed::key).containsExactly("hist-000000", "hist-000001", "hist-000002",
                "hist-000000", "hist-000001", "hist-000002", "hist-000000");
        Reading first = (Reading) readings.get(0).value();
        assertThat(first.timestamp()).isEqualTo(START);
        assertThat(new ReadingValidator().problems(first)).isEmpty();
    }

    @Test
    void cardsBuyInEventTimeOrderAtLeastThreeMinutesApartAndTheSameSeedGivesTheSameTraffic() {
        List<Keyed> first = take(new CardTraffic(50, START, 7, "card-"), 2_000);
        List<Keyed> again = take(new CardTraffic(50, START, 7, "card-"), 2_000);

        assertThat(again).isEqualTo(first);
        for (int i = 1; i < first.size(); i++) {
            assertThat(first.get(i).time()).isGreaterThanOrEqualTo(first.get(i - 1).time());
        }
        List<Long> card7 = first.stream().filter(k -> k.key().equals("card-0000007")).map(Keyed::time).toList();
        for (int i = 1; i < card7.size(); i++) {
            assertThat(card7.get(i) - card7.get(i - 1)).isGreaterThanOrEqualTo(CardTraffic.MIN_GAP_MILLIS);
        }
        TransactionValidator validator = new TransactionValidator();
        assertThat(first).allSatisfy(k -> assertThat(validator.problems((Transaction) k.value())).isEmpty());
    }

    private static List<Keyed> take(java.util.Iterator<Keyed> traffic, int n) {
        List<Keyed> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(traffic.next());
        }
        return records;
    }
}
