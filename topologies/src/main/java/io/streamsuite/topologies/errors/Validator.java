package io.streamsuite.topologies.errors;

import java.util.List;

/** The contract checks of one event type: plain Java, no Kafka types, so rules stay unit-testable. */
@FunctionalInterface
public interface Validator<T> {

    /** Every way the value breaks the contract, each a short phrase such as {@code "amount is negative"}; empty if valid. */
    List<String> problems(T value);

    /** Adds {@code "<field> is missing"} or {@code "<field> is blank"} to the problems when a required text is. */
    static void requireText(String field, String value, List<String> problems) {
        if (value == null) {
            problems.add(field + " is missing");
        } else if (value.isBlank()) {
            problems.add(field + " is blank");
        }
    }
}
