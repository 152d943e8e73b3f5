package io.streamsuite.topologies.errors;

import java.util.List;

/** The contract checks of one event type: plain Java, no Kafka types, so rules stay unit-testable. */
@FunctionalInterface
public interface Validator<T> {

    /** Every way the value breaks the contract, each a short phrase such as {@code "amount is negative"}; empty if valid. */
    List<String> problems(T value);
}
