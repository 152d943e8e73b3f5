package io.streamsuite.devkit.generate;

import static io.streamsuite.devkit.generate.Draws.MINUTE;
import static io.streamsuite.devkit.generate.Draws.SECOND;

import io.streamsuite.devkit.generate.FraudScenarios.Block;
import io.streamsuite.devkit.generate.FraudScenarios.Kind;
import io.streamsuite.devkit.generate.FraudScenarios.Pay;
import io.streamsuite.devkit.generate.FraudScenarios.Plan;
import io.streamsuite.devkit.generate.FraudScenarios.Step;
import io.streamsuite.fraud.BlocklistEntry;
import io.streamsuite.fraud.RuleName;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.fraud.app.FraudDetectionApp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Card traffic for the fraud app: many cards shopping by habit, and fraud scenarios on fresh cards at a steady
 * {@value #SCENARIO_SHARE} share of the transactions.
 *
 * <p>Ordinary cards purchase every 3 minutes plus an exponential wait of 4 on average (7 minutes between purchases),
 * so the number of cards is the rate times 7 minutes (about 20,000 at 50 transactions per second). They join over the
 * first half hour at the rate a stationary population would make its first purchase, so the rate is steady from
 * the first second. The blocklisted merchants are published first; blocklisted cards when their scenario lists them.
 */
public final class FraudGenerator implements TrafficGenerator {

    static final double SCENARIO_SHARE = 0.05;
    static final long MIN_GAP = 3 * MINUTE;
    static final double MEAN_EXTRA_GAP = 4 * MINUTE;
    /** How long the app may take to read the blocklist published at the start. */
    static final long BLOCKLIST_SETTLE = 30 * SECOND;

    private static final String TRANSACTIONS = FraudDetectionApp.TRANSACTIONS.name();
    private static final String BLOCKLIST = FraudDetectionApp.BLOCKLIST.name();

    private final Agenda agenda = new Agenda();
    private final long start;
    private final double ordinaryPerMilli;
    private final double scenarioPerMilli;
    private final FraudWorld world;
    private final UniqueIds cardIds;
    private final Draws ordinary;
    private final Draws scenarioDraws;
    private final FraudScenarios scenarios;
    private final List<Kind> bag = new ArrayList<>();
    private final Arrivals joins;
    private final Arrivals injections;
    private long transactions;

    /**
     * @param rate  transactions per second the traffic averages
     * @param start the first event time
     */
    public FraudGenerator(long seed, double rate, long start) {
        this.start = start;
        this.ordinaryPerMilli = rate * (1 - SCENARIO_SHARE) / 1000;
        this.scenarioPerMilli = rate * SCENARIO_SHARE / 1000;
        this.world = new FraudWorld(new Draws(seed));
        this.cardIds = new UniqueIds("card-", 8, new Draws(seed + 1));
        this.ordinary = new Draws(seed + 2);
        this.scenarioDraws = new Draws(seed + 3);
        this.joins = new Arrivals(start, ordinary);
        this.injections = new Arrivals(start, scenarioDraws);
        this.scenarios = new FraudScenarios(world, scenarioDraws, cardIds::next, start + BLOCKLIST_SETTLE);
        agenda.at(start, this::publishBlocklist);
        agenda.at(start, this::cardJoins);
        agenda.at(start, this::injectScenario);
    }

    @Override
    public String domain() {
        return "fraud";
    }

    @Override
    public String mainTopic() {
        return TRANSACTIONS;
    }

    @Override
    public String eventNoun() {
        return "transactions";
    }

    @Override
    public String unit() {
        return "tx";
    }

    @Override
    public long nextDue() {
        return agenda.nextDue();
    }

    @Override
    public List<Output> next(long now) {
        return agenda.runUntil(now);
    }

    private void publishBlocklist(long time, Agenda agenda, List<Output> out) {
        for (Map.Entry<FraudWorld.Merchant, String> blocked : world.blocked().entrySet()) {
            out.add(Output.record(BLOCKLIST, BlocklistEntry.merchantKey(blocked.getKey().id()),
                    new BlocklistEntry(blocked.getValue(), time), time));
        }
    }

    /**
     * A new ordinary card makes its first purchase. Cards join at the rate at which a stationary population makes
     * first purchases: the full rate for the minimum gap, then fading as the remaining wait's exponential tail.
     */
    private void cardJoins(long time, Agenda agenda, List<Output> out) {
        FraudCard card = new FraudCard(cardIds.next(), ordinary.pick(FraudWorld.CITIES), world, ordinary);
        agenda.at(time, (at, a, o) -> shop(card, at, a, o));
        long elapsed = time - start;
        double fade = elapsed <= MIN_GAP ? 1 : Math.exp(-(elapsed - MIN_GAP) / MEAN_EXTRA_GAP);
        double perMilli = ordinaryPerMilli * fade;
        // stop once fewer than half a card is still expected to join
        if (perMilli * MEAN_EXTRA_GAP >= 0.5) {
            agenda.at(joins.next(1 / perMilli), this::cardJoins);
        }
    }

    private void shop(FraudCard card, long time, Agenda agenda, List<Output> out) {
        out.add(transaction(card.everyday(ordinary).toTransaction(nextTransactionId(), card.id(), time), List.of()));
        agenda.at(time + MIN_GAP + (long) ordinary.exponential(MEAN_EXTRA_GAP), (at, a, o) -> shop(card, at, a, o));
    }

    /** Starts the next scenario, and books the one after so that scenarios make a steady share of the traffic. */
    private void injectScenario(long time, Agenda agenda, List<Output> out) {
        if (bag.isEmpty()) {
            bag.addAll(Arrays.asList(Kind.values()));
            Collections.shuffle(bag, scenarioDraws.random());
        }
        Plan plan = scenarios.plan(bag.remove(bag.size() - 1), time);
        List<Step> steps = plan.steps();
        agenda.at(steps.get(0).time(), new ScenarioActor(plan.kind(), steps, 0));
        agenda.at(injections.next(plan.transactions() / scenarioPerMilli), this::injectScenario);
    }

    /** Plays a scenario's steps at their times. */
    private final class ScenarioActor implements Agenda.Actor {
        private final Kind kind;
        private final List<Step> steps;
        private final int index;

        ScenarioActor(Kind kind, List<Step> steps, int index) {
            this.kind = kind;
            this.steps = steps;
            this.index = index;
        }

        @Override
        public void act(long time, Agenda agenda, List<Output> out) {
            Step step = steps.get(index);
            if (step instanceof Pay pay) {
                Transaction tx = pay.purchase().toTransaction(nextTransactionId(), pay.card().id(), time);
                List<Truth> truths = pay.rules().isEmpty() ? List.of() : List.of(FraudTruth.of(tx.transactionId(),
                        tx.cardId(), pay.rules().stream().map(RuleName::name).toList(), kind.name(), time,
                        pay.why()));
                out.add(transaction(tx, truths));
            } else if (step instanceof Block block) {
                out.add(Output.record(BLOCKLIST, BlocklistEntry.cardKey(block.card().id()),
                        new BlocklistEntry(block.reason(), time), time));
            }
            if (index + 1 < steps.size()) {
                agenda.at(steps.get(index + 1).time(), new ScenarioActor(kind, steps, index + 1));
            }
        }
    }

    private Output transaction(Transaction tx, List<Truth> truths) {
        return Output.record(TRANSACTIONS, tx.cardId(), tx, tx.timestamp(), truths);
    }

    private String nextTransactionId() {
        return UniqueIds.pad("tx-", ++transactions, 9);
    }
}
