package io.streamsuite.devkit.generate;

import static io.streamsuite.devkit.generate.Draws.MINUTE;

import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.clickstream.app.ClickstreamApp;
import io.streamsuite.devkit.generate.ClickPlans.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Click traffic for the clickstream app: people browsing the shop in sessions through the purchase funnel, some of
 * them coming back later for another session, and bots at a steady {@value #BOT_SHARE} share of the events.
 *
 * <p>Sessions start as a Poisson stream sized so that their events average the rate. A returning user's next session
 * starts at least 31 minutes after the last one ended, so the app's 30-minute inactivity gap splits them. The shop
 * is already busy when the generator starts: sessions begun in the half hour before are under way (their earlier
 * events are not sent). Bots are users of their own; the ground truth names each with its kind, and every alert the
 * app must raise for it.
 */
public final class ClickGenerator implements TrafficGenerator {

    static final double BOT_SHARE = 0.05;
    /** A returning user's next session comes at least this long after the last event of the previous one. */
    static final long RETURN_AFTER = 31 * MINUTE;
    static final double RETURNING_SHARE = 0.3;
    private static final long WARM_UP = 30 * MINUTE;
    private static final int MAX_REMEMBERED_USERS = 100_000;

    private static final String EVENTS = ClickstreamApp.EVENTS.name();

    /** What a bot is. */
    enum BotKind {
        /** Bursts of 30 to 60 events within seconds, posing as a browser. */
        RATE_BOT,
        /** A search engine crawler or a scraping script, given away by its user agent. */
        CRAWLER,
        /** A headless browser driven like a person, given away by its user agent. */
        HEADLESS
    }

    private record Visitor(String id, String userAgent, String ip) {
    }

    private record Returning(Visitor visitor, long eligibleAt) {
    }

    private final Agenda agenda = new Agenda();
    private final long start;
    private final double peoplePerMilli;
    private final double botsPerMilli;
    private final ClickSite site = new ClickSite();
    private final Draws people;
    private final Draws botDraws;
    private final ClickPlans peoplePlans;
    private final ClickPlans botPlans;
    private final UniqueIds userIds;
    private final Deque<Returning> returning = new ArrayDeque<>();
    private final List<BotKind> bag = new ArrayList<>();
    private final Arrivals sessions;
    private final Arrivals bots;
    private long events;

    public ClickGenerator(long seed, double rate, long start) {
        this.start = start;
        this.peoplePerMilli = rate * (1 - BOT_SHARE) / 1000;
        this.botsPerMilli = rate * BOT_SHARE / 1000;
        this.people = new Draws(seed);
        this.botDraws = new Draws(seed + 1);
        this.peoplePlans = new ClickPlans(site, people);
        this.botPlans = new ClickPlans(site, botDraws);
        this.sessions = new Arrivals(start - WARM_UP, people);
        this.bots = new Arrivals(start, botDraws);
        this.userIds = new UniqueIds("user-", 8, new Draws(seed + 2));
        agenda.at(start - WARM_UP, this::sessionStarts);
        agenda.at(start, this::botArrives);
        // sessions under way when the generator starts: those begun in the half hour before, joined at their first
        // event from the start on
        agenda.runUntil(start - 1);
    }

    @Override
    public String domain() {
        return "clickstream";
    }

    @Override
    public String mainTopic() {
        return EVENTS;
    }

    @Override
    public String eventNoun() {
        return "click events";
    }

    @Override
    public String unit() {
        return "ev";
    }

    @Override
    public long nextDue() {
        return agenda.nextDue();
    }

    @Override
    public List<Output> next(long now) {
        return agenda.runUntil(now);
    }

    private void sessionStarts(long time, Agenda agenda, List<Output> out) {
        Visitor visitor = returningVisitor(time).orElseGet(() -> new Visitor(userIds.next(),
                people.pick(ClickSite.BROWSERS), ClickSite.ip(people)));
        List<Step> steps = peoplePlans.session();
        int first = 0;
        while (first < steps.size() && time + steps.get(first).offset() < start) {
            first++;
        }
        if (first < steps.size()) {
            agenda.at(time + steps.get(first).offset(), new Visit(visitor, steps, first, time, null, null));
        } else {
            // a session of the half hour before the start, over before it: only its user is remembered
            remember(visitor, time + steps.get(steps.size() - 1).offset());
        }
        agenda.at(sessions.next(steps.size() / peoplePerMilli), this::sessionStarts);
    }

    /** A visitor who may come back once their session, which ended at {@code end}, is well over. */
    private void remember(Visitor visitor, long end) {
        returning.addLast(new Returning(visitor, end + RETURN_AFTER));
        if (returning.size() > MAX_REMEMBERED_USERS) {
            returning.pollFirst();
        }
    }

    /** Someone who was here before and whose last session is long over, now and then. */
    private Optional<Visitor> returningVisitor(long time) {
        Returning first = returning.peekFirst();
        if (first == null || first.eligibleAt() > time || !people.chance(RETURNING_SHARE)) {
            return Optional.empty();
        }
        returning.pollFirst();
        return Optional.of(first.visitor());
    }

    private void botArrives(long time, Agenda agenda, List<Output> out) {
        if (bag.isEmpty()) {
            bag.addAll(Arrays.asList(BotKind.values()));
            Collections.shuffle(bag, botDraws.random());
        }
        BotKind kind = bag.remove(bag.size() - 1);
        String agent = switch (kind) {
            case RATE_BOT -> botDraws.pick(ClickSite.BROWSERS);
            case CRAWLER -> botDraws.pick(ClickSite.CRAWLERS);
            case HEADLESS -> botDraws.pick(ClickSite.HEADLESS);
        };
        List<Step> steps = switch (kind) {
            case RATE_BOT -> botPlans.rateBot();
            case CRAWLER -> botPlans.crawl();
            case HEADLESS -> botPlans.session();
        };
        Visitor bot = new Visitor(userIds.next(), agent, ClickSite.ip(botDraws));
        agenda.at(time, new Visit(bot, steps, 0, time, kind, new BotWatch(kind != BotKind.RATE_BOT)));
        agenda.at(bots.next(steps.size() / botsPerMilli), this::botArrives);
    }

    /** A visitor's plan, played step by step; for a bot, with the alerts the app must raise. */
    private final class Visit implements Agenda.Actor {
        private final Visitor visitor;
        private final List<Step> steps;
        private final int index;
        private final long begin;
        private final BotKind bot;
        private final BotWatch watch;

        Visit(Visitor visitor, List<Step> steps, int index, long begin, BotKind bot, BotWatch watch) {
            this.visitor = visitor;
            this.steps = steps;
            this.index = index;
            this.begin = begin;
            this.bot = bot;
            this.watch = watch;
        }

        @Override
        public void act(long time, Agenda agenda, List<Output> out) {
            Step step = steps.get(index);
            String eventId = UniqueIds.pad("ev-", ++events, 10);
            ClickEvent event = new ClickEvent(eventId, visitor.id(), step.type().name(), step.url(), step.referrer(),
                    visitor.userAgent(), visitor.ip(), time);
            out.add(Output.record(EVENTS, visitor.id(), event, time, bot == null ? List.of() : botTruths(event)));
            if (index + 1 < steps.size()) {
                agenda.at(begin + steps.get(index + 1).offset(),
                        new Visit(visitor, steps, index + 1, begin, bot, watch));
            } else if (bot == null) {
                remember(visitor, time);
            }
        }

        private List<Truth> botTruths(ClickEvent event) {
            List<Truth> truths = new ArrayList<>(2);
            long time = event.timestamp();
            if (index == 0) {
                truths.add(BotTruth.user(visitor.id(), bot.name(), visitor.userAgent(), time, describe()));
            }
            watch.observe(time).ifPresent(why -> truths.add(BotTruth.alert(visitor.id(), bot.name(),
                    event.eventId(), time, watch.recentCount(), why)));
            return truths;
        }

        private String describe() {
            return switch (bot) {
                case RATE_BOT -> (steps.get(steps.size() - 1).offset() > MINUTE ? "two bursts" : "a burst")
                        + " of 30 to 60 events within 2 to 6 s, with a browser's user agent ("
                        + steps.size() + " events)";
                case CRAWLER -> "walks the site, a page every 3 to 15 s, with a crawler's or script's user agent ("
                        + steps.size() + " pages)";
                case HEADLESS -> "browses like a person with a headless browser's user agent (" + steps.size()
                        + " events)";
            };
        }
    }
}
