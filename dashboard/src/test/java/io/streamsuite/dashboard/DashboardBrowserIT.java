package io.streamsuite.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsuite.clickstream.TopPages;
import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.iot.app.IotMonitoringApp;
import io.streamsuite.topologies.runtime.StreamsRunner;
import io.streamsuite.topologies.serde.JsonMappers;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The page in a real browser (Debian's headless Chromium, driven by Selenium) against the embedded broker: fraud
 * alerts and a ranking produced to the output topics, and the real IoT app judging generated readings. Alerts, top
 * pages and device status appear, then update as more arrives; the screenshot is {@code target/dashboard.png}.
 */
class DashboardBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final List<String> DEVICES = List.of("press-1", "press-2", "oven-1", "freezer-1");

    static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
        for (String topic : List.of("fraud-alerts", "clickstream-page-views", "clickstream-top-pages", "clickstream-sessions",
                "clickstream-funnel", "clickstream-bot-alerts", "iot-alerts", "iot-readings", "iot-device-stats")) {
            kafka.createTopic(topic, 2);
        }
        kafka.createTopic("iot-devices", 1, Map.of("cleanup.policy", "compact"));
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void alertsTopPagesAndDeviceStatusAppearAndUpdate() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium (.ci/run installs it)").exists();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver (.ci/run installs it)").exists();
        long now = System.currentTimeMillis();
        produceRegistry();
        StreamsRunner iot = new StreamsRunner(new IotMonitoringApp(), Map.of(), System.out, System.err);
        Path iotConfig = iotConfig();
        CompletableFuture<Integer> iotExit = CompletableFuture.supplyAsync(() -> iot.run(iotConfig.toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> iotExit.isDone() || iot.httpAddress().isPresent());
        int iotPort = iot.httpAddress().orElseThrow().getPort();

        produceFraudAlerts(now, 0, 3);
        produceTopPages(now - 120_000, "/home", "/products/7");
        produceReadings(now, 20.0);

        Dashboard dashboard = Dashboard.start(new String[] {dashboardConfig(iotPort).toString()}, Map.of());
        WebDriver browser = browser();
        try {
            browser.get("http://127.0.0.1:" + dashboard.port() + "/");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(rows(browser, "#fraud-feed tbody tr")).hasSize(3);
                assertThat(texts(browser, "#top-pages li")).containsExactly("/home (40)", "/products/7 (30)");
                assertThat(texts(browser, "#device-grid .device")).hasSize(DEVICES.size());
                assertThat(text(browser, "#health")).contains("iot-monitoring: UP").contains("fraud-detection: UNREACHABLE");
                assertThat(text(browser, "#connection")).isEqualTo("live");
            });
            assertThat(text(browser, "#fraud-feed tbody")).contains("card-2").contains("VELOCITY").contains("42.50 EUR");
            assertThat(texts(browser, ".location > span")).as("grouped by location").containsExactly("cold-room", "hall-A", "hall-B");

            // more of everything: the page follows without a reload
            produceFraudAlerts(now, 3, 5);
            produceTopPages(now - 60_000, "/checkout", "/home");
            produceReadings(now + 5_000, 95.0); // above press-1's maximum: the app raises THRESHOLD_HIGH
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(rows(browser, "#fraud-feed tbody tr")).hasSize(5);
                assertThat(text(browser, "#fraud-total")).isEqualTo("5 alerts");
                assertThat(texts(browser, "#top-pages li")).containsExactly("/checkout (40)", "/home (30)");
                assertThat(text(browser, "[data-device='press-1']")).contains("THRESHOLD_HIGH");
            });

            browser.findElement(By.cssSelector("[data-device='press-1']")).click();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(text(browser, "#device-title")).isEqualTo("press-1 (hall-A): online"));
            Thread.sleep(500); // the chart draws on the next frame
            byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(Path.of("target", "dashboard.png"), png);
            assertThat(png.length).isGreaterThan(10_000);

            // an app going away, then Kafka: the page says so instead of showing old figures as current
            iot.stop();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(text(browser, "#health")).contains("iot-monitoring: UNREACHABLE"));
            kafka.close();
            kafka = null;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(text(browser, "#stale-banner")).startsWith("Data may be stale: Kafka cannot be reached"));
            assertThat(texts(browser, "#fraud-feed tbody tr")).as("what was read is still shown").hasSize(5);
        } finally {
            browser.quit();
            dashboard.close();
            iot.stop();
        }
    }

    static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1500,1150");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }

    static void produceFraudAlerts(long now, int from, int to) throws IOException {
        List<KeyValue<String, String>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String card = "card-" + i;
            FraudAlert alert = new FraudAlert("alert-" + i, "tx-" + i, card, 42.5, "EUR", "m-1", List.of("VELOCITY"), 55,
                    List.of("6 transactions within 60 s (limit 5)"), now - 1_000 + i, now + i);
            records.add(KeyValue.pair(card, JsonMappers.mapper().writeValueAsString(alert)));
        }
        kafka.produce("fraud-alerts", records);
    }

    static void produceTopPages(long windowStart, String first, String second) throws IOException {
        TopPages ranking = new TopPages(windowStart, windowStart + 60_000,
                List.of(new TopPages.PageCount(first, 40), new TopPages.PageCount(second, 30)));
        kafka.produce("clickstream-top-pages", List.of(KeyValue.pair(Long.toString(windowStart),
                JsonMappers.mapper().writeValueAsString(ranking))));
    }

    static void produceRegistry() {
        kafka.produce("iot-devices", List.of(
                KeyValue.pair("press-1", "{\"deviceId\":\"press-1\",\"location\":\"hall-A\",\"thresholds\":{\"temperature\":{\"max\":80}}}"),
                KeyValue.pair("press-2", "{\"deviceId\":\"press-2\",\"location\":\"hall-A\",\"thresholds\":{}}"),
                KeyValue.pair("oven-1", "{\"deviceId\":\"oven-1\",\"location\":\"hall-B\",\"thresholds\":{}}"),
                KeyValue.pair("freezer-1", "{\"deviceId\":\"freezer-1\",\"location\":\"cold-room\",\"thresholds\":{}}")));
    }

    /** One reading per device; press-1 reads {@code press1Value}. */
    static void produceReadings(long time, double press1Value) {
        List<KeyValue<String, String>> records = new ArrayList<>();
        for (String device : DEVICES) {
            double value = device.equals("press-1") ? press1Value : 20.0;
            records.add(KeyValue.pair(device, "{\"deviceId\":\"" + device + "\",\"sensorType\":\"temperature\",\"value\":"
                    + value + ",\"unit\":\"C\",\"timestamp\":" + time + "}"));
        }
        kafka.produce("iot-readings", records);
    }

    Path iotConfig() throws IOException {
        Path file = dir.resolve("iot.properties");
        Files.writeString(file, String.join("\n",
                "bootstrap.servers=" + kafka.bootstrapServers(),
                "application.id=dashboard-it-iot",
                "state.dir=" + dir.resolve("iot-state"),
                "topics.create=true",
                "topics.partitions=2",
                "http.host=127.0.0.1",
                "http.port=0",
                // the test's readings are far apart in wall-clock terms: no device may go offline meanwhile
                "iot.heartbeat.timeout=10m",
                "commit.interval.ms=200",
                ""));
        return file;
    }

    Path dashboardConfig(int iotPort) throws IOException {
        Path file = dir.resolve("dashboard.properties");
        Files.writeString(file, String.join("\n",
                "bootstrap.servers=" + kafka.bootstrapServers(),
                "http.host=127.0.0.1",
                "http.port=0",
                "dashboard.iot-monitoring.url=http://127.0.0.1:" + iotPort,
                // nothing listens there: the health panel must say so
                "dashboard.fraud-detection.url=http://127.0.0.1:1",
                "dashboard.clickstream.url=http://127.0.0.1:2",
                "dashboard.health.interval=500ms",
                ""));
        return file;
    }

    static List<String> rows(WebDriver browser, String css) {
        return texts(browser, css);
    }

    /** Read in one script: the page re-renders every second, so elements found earlier may be gone. */
    @SuppressWarnings("unchecked")
    static List<String> texts(WebDriver browser, String css) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll(arguments[0])].map(node => node.innerText.trim());", css);
    }

    static String text(WebDriver browser, String css) {
        List<String> found = texts(browser, css);
        assertThat(found).as("elements matching %s", css).isNotEmpty();
        return found.get(0);
    }
}
