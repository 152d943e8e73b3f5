package io.streamsuite.devkit.generate;

import static io.streamsuite.devkit.generate.Draws.MINUTE;
import static io.streamsuite.devkit.generate.Draws.SECOND;

import io.streamsuite.clickstream.EventType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * What visitors do, as steps at offsets from their first event: people's sessions through the funnel, rate bots'
 * bursts, crawlers' walks over the site.
 *
 * <p>People keep far from the bot rule (more than 20 events within 10 s): page views at least 5 s apart, with at most
 * 4 other events between two of them, make at most 15 in any 10 s.
 */
final class ClickPlans {

    /** One event of a plan. */
    record Step(long offset, EventType type, String url, String referrer) {
    }

    private record Visit(String url, List<EventType> actions) {
    }

    static final long MIN_PAGE_GAP = 5 * SECOND;
    static final long MAX_PAGE_GAP = 3 * MINUTE;

    private final ClickSite site;
    private final Draws draws;

    ClickPlans(ClickSite site, Draws draws) {
        this.site = site;
        this.draws = draws;
    }

    /**
     * A person's session: a bounce, or 2 to 12 pages of which some lead to the cart, fewer to the checkout and
     * fewer still to a purchase.
     */
    List<Step> session() {
        List<Visit> visits = new ArrayList<>();
        visits.add(new Visit(draws.chance(0.35) ? "/" : site.popularPage(draws), List.of()));
        if (!draws.chance(0.25)) {
            int pages = 2 + Math.min(10, geometric(0.3));
            while (visits.size() < pages) {
                visits.add(new Visit(site.nextPage(last(visits), draws), List.of()));
            }
            double intent = draws.uniform(0, 1);
            if (intent < 0.3) {
                visits.add(new Visit(site.productPage(draws), List.of(EventType.ADD_TO_CART)));
                visits.add(new Visit(ClickSite.CART, List.of()));
                if (intent < 0.09) {
                    visits.add(new Visit(ClickSite.CHECKOUT, List.of(EventType.CHECKOUT, EventType.PURCHASE)));
                    visits.add(new Visit(ClickSite.CONFIRMATION, List.of()));
                } else if (intent < 0.15) {
                    visits.add(new Visit(ClickSite.CHECKOUT, List.of(EventType.CHECKOUT)));
                } else {
                    for (int more = draws.between(0, 2); more > 0; more--) {
                        visits.add(new Visit(site.nextPage(last(visits), draws), List.of()));
                    }
                }
            }
        }
        List<Step> steps = new ArrayList<>();
        String referrer = draws.chance(0.4) ? draws.pick(ClickSite.REFERRERS) : null;
        long time = 0;
        for (int v = 0; v < visits.size(); v++) {
            Visit visit = visits.get(v);
            boolean lastVisit = v == visits.size() - 1;
            steps.add(new Step(time, EventType.PAGE_VIEW, visit.url(), v == 0 ? referrer : null));
            long gap = lastVisit ? 0 : pageGap();
            List<EventType> extras = new ArrayList<>(Collections.nCopies(clicks(), EventType.CLICK));
            extras.addAll(visit.actions());
            // strictly between this page view and the next, at least a second from each
            long room = lastVisit ? 60 * SECOND : gap - 2 * SECOND;
            TreeSet<Long> offsets = new TreeSet<>();
            while (offsets.size() < extras.size()) {
                offsets.add(SECOND + draws.between(0, room));
            }
            int e = 0;
            for (long offset : offsets) {
                EventType type = extras.get(e++);
                // a click names the page it was on, or nothing, as many trackers send it
                String url = type != EventType.CLICK || draws.chance(0.7) ? visit.url() : null;
                steps.add(new Step(time + offset, type, url, null));
            }
            time += gap;
        }
        return steps;
    }

    /**
     * A rate bot: one burst of 30 to 60 events within 2 to 6 s, sometimes a second one 3 to 20 minutes later (an alert
     * for it only if it comes after the app's 10-minute cooldown).
     */
    List<Step> rateBot() {
        List<Step> steps = new ArrayList<>();
        burst(0, steps);
        if (draws.chance(0.4)) {
            burst(draws.between(3 * MINUTE, 20 * MINUTE), steps);
        }
        return steps;
    }

    /** A crawler or scraper walking the site: 40 to 100 pages, one every 3 to 15 s. */
    List<Step> crawl() {
        List<String> order = new ArrayList<>(ClickSite.allUrls());
        Collections.shuffle(order, draws.random());
        List<Step> steps = new ArrayList<>();
        long time = 0;
        for (int p = draws.between(40, 100); p > 0; p--) {
            steps.add(new Step(time, EventType.PAGE_VIEW, order.get(steps.size() % order.size()), null));
            time += draws.between(3 * SECOND, 15 * SECOND);
        }
        return steps;
    }

    private void burst(long from, List<Step> steps) {
        int count = draws.between(30, 60);
        long span = draws.between(2 * SECOND, 6 * SECOND);
        TreeSet<Long> offsets = new TreeSet<>();
        offsets.add(0L);
        while (offsets.size() < count) {
            offsets.add(draws.between(1, span));
        }
        String page = site.productPage(draws);
        for (long offset : offsets) {
            int draw = draws.index(20);
            if (draw == 0) {
                // a scalper grabbing stock
                steps.add(new Step(from + offset, EventType.ADD_TO_CART, page, null));
            } else if (draw < 3) {
                steps.add(new Step(from + offset, EventType.CLICK, page, null));
            } else {
                page = draws.chance(0.5) ? site.productPage(draws) : site.popularPage(draws);
                steps.add(new Step(from + offset, EventType.PAGE_VIEW, page, null));
            }
        }
    }

    /** 5 s to 3 minutes, mostly short: people skim. */
    private long pageGap() {
        double u = draws.uniform(0, 1);
        return MIN_PAGE_GAP + (long) ((MAX_PAGE_GAP - MIN_PAGE_GAP) * u * u * u);
    }

    private int clicks() {
        int draw = draws.index(20);
        return draw < 9 ? 0 : draw < 16 ? 1 : 2;
    }

    private int geometric(double p) {
        int n = 0;
        while (!draws.chance(p)) {
            n++;
        }
        return n;
    }

    private static String last(List<Visit> visits) {
        return visits.get(visits.size() - 1).url();
    }
}
