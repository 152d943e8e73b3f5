package io.streamsuite.fraud;

import java.util.Optional;

/**
 * One fraud rule: a pure function of the transaction, the card's history before it, the rule's parameters and the
 * blocklist, so that each rule is tested on its own and the topology only wires them.
 */
public interface Rule {

    /** The rule's name in alerts and configuration. */
    RuleName name();

    /**
     * Judges a transaction against everything the card did before it in event time.
     *
     * @param history the card's history, not yet including {@code tx}
     * @param config  this rule's parameters, of the record type that belongs to {@link #name()}
     * @return why the transaction is suspicious, with the figures that decided it; empty if it is not
     */
    Optional<String> evaluate(Transaction tx, CardHistory history, RuleConfig config, BlocklistView blocklist);
}
