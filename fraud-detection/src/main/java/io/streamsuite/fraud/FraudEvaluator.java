package io.streamsuite.fraud;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs every enabled rule on a transaction and advances the card's history: the one call the topology makes per
 * transaction. Stateless, so one instance serves every card and thread.
 */
public final class FraudEvaluator {

    private static final RuleName[] NAMES = RuleName.values();

    /** Indexed by {@link RuleName#ordinal()}, so results come out in the enum's order without sorting. */
    private final Rule[] rules = new Rule[NAMES.length];

    public FraudEvaluator() {
        for (Rule rule : List.of(new VelocityRule(), new AmountSpikeRule(), new ImpossibleTravelRule(),
                new BlocklistedMerchantRule(), new BlocklistedCardRule(), new CardTestingRule())) {
            rules[rule.name().ordinal()] = rule;
        }
    }

    /**
     * Judges a transaction against the card's history before it.
     *
     * @param tx        a validated transaction
     * @param history   the card's history so far, {@link CardHistory#empty()} for a new card
     * @param config    the rules in force now
     * @param blocklist the blocklist as it is now
     */
    public Evaluation evaluate(Transaction tx, CardHistory history, FraudRules config, BlocklistView blocklist) {
        List<RuleName> fired = null;
        List<String> reasons = null;
        for (RuleName name : NAMES) {
            RuleConfig ruleConfig = config.config(name);
            if (!ruleConfig.enabled()) {
                continue;
            }
            Optional<String> reason = rules[name.ordinal()].evaluate(tx, history, ruleConfig, blocklist);
            if (reason.isPresent()) {
                // most transactions fire nothing: only allocate for the ones that do
                if (fired == null) {
                    fired = new ArrayList<>(2);
                    reasons = new ArrayList<>(2);
                }
                fired.add(name);
                reasons.add(reason.get());
            }
        }
        CardHistory updated = history.record(tx, config.retention(), config.amountsKept(), config.historyCap());
        if (fired == null) {
            return new Evaluation(List.of(), List.of(), 0, updated);
        }
        List<String> ruleNames = new ArrayList<>(fired.size());
        for (RuleName name : fired) {
            ruleNames.add(name.name());
        }
        return new Evaluation(fired, reasons, RiskScore.of(fired, config), updated.withAlert(ruleNames));
    }
}
