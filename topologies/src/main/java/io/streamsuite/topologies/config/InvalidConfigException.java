package io.streamsuite.topologies.config;

/**
 * A configuration problem found before the app touches Kafka. The message is a single line that names
 * the key, the offending value and what is allowed, because it is what an operator sees on exit.
 *
 * <p>Whatever a message quotes, it stays one line of bounded length: control characters are escaped and the whole is
 * cut at {@value #MAX_MESSAGE} characters ({@link LogText}).
 */
public class InvalidConfigException extends RuntimeException {

    /** The longest message, in characters of the original text. */
    static final int MAX_MESSAGE = 1_000;
    /** The longest value quoted by {@link #badValue}. */
    static final int MAX_VALUE = 100;

    public InvalidConfigException(String message) {
        super(LogText.of(message, MAX_MESSAGE));
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(LogText.of(message, MAX_MESSAGE), cause);
    }

    /**
     * A value a key does not accept. The value of a secret key is never shown ({@link Secrets}); any other value is
     * shown escaped and cut to {@value #MAX_VALUE} characters, with a password in a URL redacted.
     */
    public static InvalidConfigException badValue(String key, String value, String allowed) {
        String shown = Secrets.isSecret(key) && !ConfigProviderReferences.isReference(value)
                ? Secrets.REDACTED
                : LogText.of(Secrets.redact(key, value), MAX_VALUE);
        return new InvalidConfigException("Invalid value '" + shown + "' for " + LogText.of(key, MAX_VALUE) + ": expected " + allowed);
    }
}
