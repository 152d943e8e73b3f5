package io.streamsuite.dashboard;

import io.streamsuite.topologies.config.AppConfig;
import io.streamsuite.topologies.config.ConfigSources;
import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.runtime.CommandLine;
import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.runtime.EventEncoding;
import io.streamsuite.topologies.runtime.TopicDef;
import io.streamsuite.topologies.serde.EventSerdes;
import io.streamsuite.topologies.serde.TopicNames;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suite's live web page: {@code java -jar dashboard/target/dashboard.jar config/dashboard.properties}, configured
 * like the apps (defaults < file < {@code STREAMS_*} environment < {@code --set}); bad configuration stops it at start
 * with one line and exit code 2.
 */
public final class Dashboard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

    private final HealthPoller health;
    private final OutputFeed feed;
    private final DashboardServer server;

    private Dashboard(HealthPoller health, OutputFeed feed, DashboardServer server) {
        this.health = health;
        this.feed = feed;
        this.server = server;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream err) {
        Dashboard dashboard;
        try {
            dashboard = start(args, env);
        } catch (InvalidConfigException e) {
            err.println("dashboard: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutdown requested");
            dashboard.close();
            stopped.countDown();
        }, "dashboard-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Reads the configuration, then starts reading Kafka, polling the apps and serving the page. */
    static Dashboard start(String[] args, Map<String, String> env) {
        CommandLine commandLine = CommandLine.parse(args);
        if (commandLine.describe() || commandLine.reset()) {
            throw new InvalidConfigException("the dashboard has no --describe or --reset; usage: java -jar dashboard.jar "
                    + "<file.properties> [--set key=value ...]");
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        AppConfig config = new AppConfig(ConfigSources.merge(defaults, commandLine.configFile(), env, commandLine.sets()),
                DashboardSettings.all(), DashboardSettings.OWNED_PREFIXES);
        config.get(CommonSettings.BOOTSTRAP_SERVERS);
        Map<String, String> topics = topics(config);
        EventSerdes serdes = EventEncoding.forReading(config);
        Map<String, URI> apps = new LinkedHashMap<>();
        DashboardSettings.APP_URLS.forEach((app, setting) -> apps.put(app, config.get(setting)));

        Clock clock = Clock.systemUTC();
        HealthPoller health = new HealthPoller(apps, clock);
        SuiteView view = new SuiteView((int) config.get(DashboardSettings.HISTORY).toMinutes(),
                config.get(DashboardSettings.STALE_AFTER), health::statuses, clock);
        DashboardServer server = DashboardServer.start(config.get(DashboardSettings.HTTP_HOST),
                config.get(DashboardSettings.HTTP_PORT), view);
        OutputFeed feed = new OutputFeed(config.kafkaProperties(), topics, serdes, view,
                config.get(DashboardSettings.HISTORY), clock);
        health.start(config.get(DashboardSettings.HEALTH_INTERVAL));
        feed.start();
        LOG.info("Dashboard on http://localhost:{}/ reading {} ({}) from {}", server.port(), topics.values(),
                serdes.format().configValue(), config.get(CommonSettings.BOOTSTRAP_SERVERS));
        return new Dashboard(health, feed, server);
    }

    /** Each topic's configured name by its default name; the dashboard reads named topics, not patterns. */
    private static Map<String, String> topics(AppConfig config) {
        Map<String, String> topics = new LinkedHashMap<>();
        for (TopicDef topic : DashboardSettings.TOPICS) {
            Setting<String> setting = topic.nameSetting();
            TopicNames names = topic.topics(config.get(setting));
            if (names.isPattern() || names.names().size() != 1) {
                throw new InvalidConfigException(setting.key() + "=" + config.get(setting)
                        + ": the dashboard reads one topic per key, not a list or a pattern");
            }
            topics.put(topic.name(), names.names().get(0));
        }
        return topics;
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        feed.close();
        health.close();
        server.close();
    }
}
