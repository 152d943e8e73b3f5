package io.streamsuite.fraud;

import java.util.Optional;

/**
 * The fraud rules of the contract. The constant names are what alerts list in {@code rules} and what keys the
 * {@code fraud-rules} topic; the segment is the rule's part of its property keys, {@code fraud.<segment>.<param>}.
 */
public enum RuleName {
    VELOCITY("velocity"),
    AMOUNT_SPIKE("amount-spike"),
    IMPOSSIBLE_TRAVEL("impossible-travel"),
    BLOCKLISTED_MERCHANT("blocklisted-merchant"),
    BLOCKLISTED_CARD("blocklisted-card"),
    CARD_TESTING("card-testing");

    private static final RuleName[] ALL = values();

    private final String segment;

    RuleName(String segment) {
        this.segment = segment;
    }

    /** The rule's part of its property keys, e.g. {@code amount-spike}. */
    public String segment() {
        return segment;
    }

    /** The property key of one of the rule's parameters, e.g. {@code fraud.velocity.max-count}. */
    public String key(String param) {
        return "fraud." + segment + "." + param;
    }

    /**
     * The rule a {@code fraud-rules} key names. Only the exact constant name is accepted: on a compacted topic,
     * {@code velocity} and {@code VELOCITY} would be two keys for one rule, and a tombstone for one would leave the
     * other in force.
     */
    public static Optional<RuleName> parse(String name) {
        for (RuleName rule : ALL) {
            if (rule.name().equals(name)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
