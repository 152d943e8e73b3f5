package io.streamsuite.topologies.config;

/**
 * A configuration problem found before the app touches Kafka. The message is a single line that names
 * the key, the offending value and what is allowed, because it is what an operator sees on exit.
 */
public class InvalidConfigException extends RuntimeException {

    public InvalidConfigException(String message) {
        super(message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    static InvalidConfigException badValue(String key, String value, String allowed) {
        return new InvalidConfigException(
                "Invalid value '" + value + "' for " + key + ": expected " + allowed);
    }
}
