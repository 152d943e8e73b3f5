package io.streamsuite.clickstream;

import io.streamsuite.topologies.errors.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The contract checks of {@code clickstream-events}; an event failing any goes to the dead-letter topic. */
public final class ClickEventValidator implements Validator<ClickEvent> {

    private static final List<String> TYPES = Arrays.stream(EventType.values()).map(Enum::name).toList();

    @Override
    public List<String> problems(ClickEvent event) {
        List<String> problems = new ArrayList<>(2);
        Validator.requireText("eventId", event.eventId(), problems);
        Validator.requireText("userId", event.userId(), problems);
        if (event.type() == null) {
            problems.add("type is missing");
        } else if (!TYPES.contains(event.type())) {
            problems.add("type must be one of " + String.join(", ", TYPES) + ", was '" + event.type() + "'");
        } else if (event.eventType() == EventType.PAGE_VIEW) {
            Validator.requireText("url", event.url(), problems);
        }
        if (event.timestamp() == null) {
            problems.add("timestamp is missing");
        } else if (event.timestamp() < 0) {
            problems.add("timestamp is negative: " + event.timestamp());
        }
        return problems;
    }
}
