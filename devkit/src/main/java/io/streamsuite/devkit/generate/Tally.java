package io.streamsuite.devkit.generate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** What a run has sent so far: records per topic, events of the main topic, ground truth per kind. */
final class Tally {

    private final String mainTopic;
    private final Map<String, Long> perTopic = new TreeMap<>();
    private final Map<String, Long> injected = new LinkedHashMap<>();
    private long events;
    private long truthLines;

    Tally(String mainTopic) {
        this.mainTopic = mainTopic;
    }

    void sent(Output record) {
        perTopic.merge(record.topic(), 1L, Long::sum);
        if (record.topic().equals(mainTopic)) {
            events++;
        }
    }

    void truth(Truth truth) {
        truthLines++;
        for (String kind : truth.countedAs()) {
            injected.merge(kind, 1L, Long::sum);
        }
    }

    /** Events of the main topic sent. */
    long events() {
        return events;
    }

    long truthLines() {
        return truthLines;
    }

    Map<String, Long> perTopic() {
        return perTopic;
    }

    Map<String, Long> injected() {
        return injected;
    }

    /** {@code VELOCITY 12, AMOUNT_SPIKE 3}, or {@code none}. */
    String injectedText() {
        if (injected.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        injected.forEach((kind, count) -> text.append(text.length() == 0 ? "" : ", ").append(kind).append(' ')
                .append(count));
        return text.toString();
    }
}
