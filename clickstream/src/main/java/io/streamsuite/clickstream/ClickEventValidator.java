package io.streamsuite.clickstream;

import io.streamsuite.topologies.errors.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The contract checks of {@code clickstream-events}; an event failing any goes to the dead-letter topic. Length limits
 * keep one producer's megabyte-long ids or URLs out of the keys, stores and repartition topics.
 */
public final class ClickEventValidator implements Validator<ClickEvent> {

    private static final List<String> TYPES = Arrays.stream(EventType.values()).map(Enum::name).toList();

    private final int maxIdLength;
    private final int maxUrlLength;
    private final int maxUserAgentLength;

    /** With the default limits of {@link ClickstreamSettings}. */
    public ClickEventValidator() {
        this(ClickstreamSettings.MAX_USER_ID_LENGTH.defaultValue(), ClickstreamSettings.MAX_URL_LENGTH.defaultValue(),
                ClickstreamSettings.MAX_USER_AGENT_LENGTH.defaultValue());
    }

    /**
     * @param maxIdLength        of {@code userId} and {@code eventId}, in chars
     * @param maxUrlLength       of {@code url} and {@code referrer}
     * @param maxUserAgentLength of {@code userAgent}
     */
    public ClickEventValidator(int maxIdLength, int maxUrlLength, int maxUserAgentLength) {
        this.maxIdLength = maxIdLength;
        this.maxUrlLength = maxUrlLength;
        this.maxUserAgentLength = maxUserAgentLength;
    }

    @Override
    public List<String> problems(ClickEvent event) {
        List<String> problems = new ArrayList<>(2);
        Validator.requireText("eventId", event.eventId(), problems);
        Validator.requireText("userId", event.userId(), problems);
        if (event.type() == null) {
            problems.add("type is missing");
        } else if (!TYPES.contains(event.type())) {
            problems.add("type must be one of " + String.join(", ", TYPES) + ", was '" + shown(event.type()) + "'");
        } else if (event.eventType() == EventType.PAGE_VIEW) {
            Validator.requireText("url", event.url(), problems);
        }
        limit("eventId", event.eventId(), maxIdLength, problems);
        limit("userId", event.userId(), maxIdLength, problems);
        limit("url", event.url(), maxUrlLength, problems);
        limit("referrer", event.referrer(), maxUrlLength, problems);
        limit("userAgent", event.userAgent(), maxUserAgentLength, problems);
        if (event.timestamp() == null) {
            problems.add("timestamp is missing");
        } else if (event.timestamp() < 0) {
            problems.add("timestamp is negative: " + event.timestamp());
        }
        return problems;
    }

    /** The reason names the field and both lengths, never the value: it may be megabytes. */
    private static void limit(String field, String value, int max, List<String> problems) {
        if (value != null && value.length() > max) {
            problems.add(field + " is " + value.length() + " chars long, more than the limit of " + max);
        }
    }

    /** A value echoed in a reason: cut, and without line breaks that would forge log lines. */
    private static String shown(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
