package io.streamsuite.topologies.config;

import java.util.Locale;

/** Decides which configuration values must never be logged or printed. */
public final class Secrets {

    /** What a secret value is shown as. */
    public static final String REDACTED = "[redacted]";

    private Secrets() {
    }

    /** Passwords, secrets, JAAS configs (they embed credentials), private keys and registry user info. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password")
                || k.contains("secret")
                || k.endsWith("sasl.jaas.config")
                || k.endsWith("ssl.keystore.key")
                || k.endsWith("basic.auth.user.info")
                || k.endsWith("bearer.auth.token");
    }

    /** The value as it may appear in a log line. */
    public static String redact(String key, String value) {
        return isSecret(key) ? REDACTED : value;
    }
}
