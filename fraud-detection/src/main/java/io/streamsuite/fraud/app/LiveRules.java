package io.streamsuite.fraud.app;

import io.streamsuite.fraud.FraudRules;
import java.util.Objects;

/**
 * The rules in force, handed from the global thread that reads {@code fraud-rules} to the stream threads that
 * evaluate transactions. A volatile field rather than a store lookup: the next transaction sees a change at the cost
 * of one memory read, instead of decoding six overrides per transaction.
 */
final class LiveRules {

    private volatile FraudRules current;

    LiveRules(FraudRules initial) {
        this.current = Objects.requireNonNull(initial, "initial");
    }

    FraudRules current() {
        return current;
    }

    void set(FraudRules rules) {
        this.current = Objects.requireNonNull(rules, "rules");
    }
}
