package io.streamsuite.dashboard;

import io.streamsuite.clickstream.app.ClickstreamApp;
import io.streamsuite.fraud.app.FraudDetectionApp;
import io.streamsuite.iot.app.IotMonitoringApp;
import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.runtime.TopicDef;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's keys: where it listens, the apps it watches, the topics it reads, how far back, and how the apps
 * encode them (the apps' own {@code serde.format} and schema registry keys).
 */
final class DashboardSettings {

    /** Namespaces of the dashboard's own keys: an unknown key there stops it at start. */
    static final List<String> OWNED_PREFIXES = List.of("dashboard.", "http.", "topic.", "serde.", "schema.registry.",
            "basic.auth.");

    static final Setting<String> HTTP_HOST = Setting.string("http.host", "0.0.0.0",
            "Address the dashboard listens on; 0.0.0.0 is every interface.");
    static final Setting<Integer> HTTP_PORT = Setting.integer("http.port", 7080, 0, 65_535,
            "Port of the dashboard's page; 0 picks a free one (the log says which).");
    static final Setting<Duration> HISTORY = Setting.duration("dashboard.history", Duration.ofMinutes(30),
            "How far back the outputs are read at start, and how many minutes the charts show.");
    static final Setting<Duration> STALE_AFTER = Setting.duration("dashboard.stale-after", Duration.ofSeconds(30),
            "The page says its data is stale when no record has arrived for this long, or Kafka cannot be reached.");
    static final Setting<Duration> HEALTH_INTERVAL = Setting.duration("dashboard.health.interval", Duration.ofSeconds(2),
            "How often each app's /health/ready and /metrics are read.");

    /** The three apps whose HTTP endpoints the health panel reads, by name, with the key of their base URL. */
    static final Map<String, Setting<URI>> APP_URLS = appUrls();

    /** The topics the dashboard reads: the apps' outputs, plus the readings and the device registry for the IoT panel. */
    static final List<TopicDef> TOPICS = List.of(FraudDetectionApp.ALERTS, ClickstreamApp.PAGE_VIEWS,
            ClickstreamApp.TOP_PAGES, ClickstreamApp.SESSIONS, ClickstreamApp.FUNNEL, ClickstreamApp.BOT_ALERTS,
            IotMonitoringApp.ALERTS, IotMonitoringApp.READINGS, IotMonitoringApp.DEVICES);

    private DashboardSettings() {
    }

    static List<Setting<?>> all() {
        List<Setting<?>> all = new ArrayList<>(List.of(CommonSettings.BOOTSTRAP_SERVERS, HTTP_HOST, HTTP_PORT, HISTORY,
                STALE_AFTER, HEALTH_INTERVAL, CommonSettings.SERDE_FORMAT, CommonSettings.SCHEMA_REGISTRY_URL,
                CommonSettings.BASIC_AUTH_CREDENTIALS_SOURCE, CommonSettings.BASIC_AUTH_USER_INFO));
        all.addAll(APP_URLS.values());
        TOPICS.forEach(topic -> all.add(topic.nameSetting()));
        return all;
    }

    private static Map<String, Setting<URI>> appUrls() {
        Map<String, Setting<URI>> urls = new LinkedHashMap<>();
        urls.put("fraud-detection", url("fraud-detection", 7071));
        urls.put("clickstream", url("clickstream", 7072));
        urls.put("iot-monitoring", url("iot-monitoring", 7073));
        return urls;
    }

    private static Setting<URI> url(String app, int port) {
        return new Setting<>("dashboard." + app + ".url", URI.create("http://localhost:" + port),
                "Base URL of " + app + "'s HTTP server, for its health, lag and dead letters.",
                "an http:// or https:// URL", DashboardSettings::httpUrl);
    }

    private static URI httpUrl(String raw) {
        URI uri = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(raw);
        }
        return uri;
    }
}
