package io.streamsuite.bench.run;

import io.streamsuite.clickstream.app.ClickstreamApp;
import io.streamsuite.fraud.app.FraudDetectionApp;
import io.streamsuite.iot.app.IotMonitoringApp;
import java.util.List;

/**
 * One of the suite's apps as the benchmark drives it: its jar, the devkit generator of its traffic, its main input and
 * the key that renames it, its largest store, and an output that carries each input's timestamp (for latency), if any.
 */
public enum App {

    FRAUD("fraud-detection", "fraud", "transactions", FraudDetectionApp.HISTORY_STORE, "fraud-alerts"),
    CLICKSTREAM("clickstream", "clickstream", "clickstream-events", ClickstreamApp.SESSION_STORE, null),
    IOT("iot-monitoring", "iot", "iot-readings", IotMonitoringApp.STATE_STORE, null);

    private final String module;
    private final String generator;
    private final String input;
    private final String largestStore;
    private final String latencyOutput;

    App(String module, String generator, String input, String largestStore, String latencyOutput) {
        this.module = module;
        this.generator = generator;
        this.input = input;
        this.largestStore = largestStore;
        this.latencyOutput = latencyOutput;
    }

    /** The module and jar name, which is also the app's default application.id. */
    public String module() {
        return module;
    }

    /** The domain of {@code devkit generate}. */
    public String generator() {
        return generator;
    }

    /** The main input topic, as in the contract. */
    public String input() {
        return input;
    }

    /** The key that renames the main input topic. */
    public String inputKey() {
        return "topic." + input;
    }

    public String largestStore() {
        return largestStore;
    }

    /**
     * The output whose records keep the timestamp of the input record that caused them, so that its end-to-end
     * latency can be read off; null for apps whose outputs are emitted when a window or session closes, where the
     * latency is the window's by design.
     */
    public String latencyOutput() {
        return latencyOutput;
    }

    public static App of(String name) {
        for (App app : values()) {
            if (app.module.equals(name) || app.generator.equals(name)) {
                return app;
            }
        }
        throw new IllegalArgumentException("Unknown app '" + name + "': expected one of "
                + List.of(values()).stream().map(App::module).toList());
    }
}
