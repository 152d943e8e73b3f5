package io.streamsuite.devkit.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * The web shop users browse: its pages with a Zipf-like popularity, the funnel's pages, where visitors come from, and
 * the user agents of browsers, crawlers, scripts and headless browsers.
 */
final class ClickSite {

    /** Most popular first. */
    static final List<String> PAGES = List.of(
            "/", "/products", "/search?q=running+shoes", "/products/7", "/products/3", "/category/shoes",
            "/products/12", "/products/1", "/category/jackets", "/products/15", "/products/4", "/sale",
            "/search?q=rain+jacket", "/products/9", "/products/18", "/category/bags", "/products/2", "/products/11",
            "/products/20", "/products/5", "/search?q=backpack", "/products/14", "/products/8", "/new-arrivals",
            "/category/accessories", "/products/16", "/products/6", "/products/10", "/products/19", "/products/13",
            "/products/17", "/search?q=gift+ideas", "/account", "/login", "/help", "/blog", "/blog/spring-collection",
            "/about", "/shipping", "/returns", "/contact");
    static final String CART = "/cart";
    static final String CHECKOUT = "/checkout";
    static final String CONFIRMATION = "/checkout/complete";

    static final List<String> REFERRERS = List.of("https://www.google.com/", "https://www.bing.com/",
            "https://duckduckgo.com/", "https://t.co/x7Kq2mPz", "https://www.facebook.com/",
            "https://www.instagram.com/", "https://news.ycombinator.com/", "https://www.reddit.com/r/running/",
            "https://newsletter.example.com/spring");

    /** Ordinary browsers, desktop and mobile: none contains a bot pattern of the app. */
    static final List<String> BROWSERS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
                    + "Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/123.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.4 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/124.0.6367.82 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/123.0.6312.118 Mobile Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
                    + "Safari/537.36 Edg/124.0.2478.51");
    /** Search engines' crawlers, and scripts that scrape prices: each contains a bot pattern of the app. */
    static final List<String> CRAWLERS = List.of(
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
            "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
            "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
            "python-requests/2.31.0", "curl/8.7.1", "Wget/1.24.5");
    /** Browsers driven by programs. */
    static final List<String> HEADLESS = List.of(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 "
                    + "Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "HeadlessChrome/122.0.6261.94 Safari/537.36",
            "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 "
                    + "Safari/538.1");

    private final double[] cumulative = new double[PAGES.size()];

    ClickSite() {
        double sum = 0;
        for (int rank = 0; rank < PAGES.size(); rank++) {
            sum += 1.0 / (rank + 1.5);
            cumulative[rank] = sum;
        }
    }

    /** Every URL a page view can have. */
    static List<String> allUrls() {
        List<String> urls = new ArrayList<>(PAGES);
        urls.addAll(List.of(CART, CHECKOUT, CONFIRMATION));
        return urls;
    }

    String popularPage(Draws draws) {
        double draw = draws.uniform(0, cumulative[cumulative.length - 1]);
        for (int rank = 0; rank < cumulative.length; rank++) {
            if (draw < cumulative[rank]) {
                return PAGES.get(rank);
            }
        }
        return PAGES.get(PAGES.size() - 1);
    }

    /** A popular page other than the current one: people rarely reload. */
    String nextPage(String current, Draws draws) {
        String next = popularPage(draws);
        return next.equals(current) ? popularPage(draws) : next;
    }

    String productPage(Draws draws) {
        String page;
        do {
            page = popularPage(draws);
        } while (!page.startsWith("/products/"));
        return page;
    }

    /** A documentation address (RFC 5737, RFC 3849), so that no real host is named. */
    static String ip(Draws draws) {
        if (draws.chance(0.15)) {
            return String.format("2001:db8:%x::%x", draws.index(0x10000), 1 + draws.index(0xfffe));
        }
        return draws.pick(List.of("192.0.2.", "198.51.100.", "203.0.113.")) + (1 + draws.index(254));
    }
}
