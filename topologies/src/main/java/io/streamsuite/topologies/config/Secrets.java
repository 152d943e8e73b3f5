package io.streamsuite.topologies.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Decides which configuration values must never be logged or printed. */
public final class Secrets {

    /** What a secret value is shown as. */
    public static final String REDACTED = "[redacted]";

    private static final Pattern USER_INFO_IN_URL = Pattern.compile("://[^/@\\s,]+@");

    private Secrets() {
    }

    /** Passwords, secrets, tokens, JAAS configs (they embed credentials), private keys and registry user info. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password")
                || k.contains("secret")
                || k.endsWith("sasl.jaas.config")
                || k.endsWith("ssl.keystore.key")
                || k.endsWith("basic.auth.user.info")
                || k.endsWith(".token");
    }

    /**
     * The value as it may appear in a log line: nothing of a secret, and no password written into a URL
     * ({@code https://user:password@registry} becomes {@code https://[redacted]@registry}). A secret given as a
     * config provider reference alone ({@code ${dir:/etc/kafka-secrets:sasl.jaas.config}}) is shown, since it says
     * where the secret is, not what it is; with anything around it the value is redacted like any secret.
     */
    public static String redact(String key, String value) {
        if (isSecret(key)) {
            return ConfigProviderReferences.isReference(value) ? value.trim() : REDACTED;
        }
        return value == null ? null : USER_INFO_IN_URL.matcher(value).replaceAll("://" + REDACTED + "@");
    }
}
