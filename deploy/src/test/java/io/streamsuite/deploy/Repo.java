package io.streamsuite.deploy;

import io.streamsuite.clickstream.app.ClickstreamApp;
import io.streamsuite.fraud.app.FraudDetectionApp;
import io.streamsuite.iot.app.IotMonitoringApp;
import io.streamsuite.topologies.runtime.StreamsApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the deployment files and the apps' jars are, seen from this module's directory (Maven's working directory). */
final class Repo {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DOCKERFILE = ROOT.resolve("Dockerfile");
    static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
    static final Path GRAFANA = DEPLOY.resolve("grafana");
    static final Path DASHBOARD = GRAFANA.resolve("dashboards").resolve("streams-suite.json");

    /** The three apps of the suite, each as its {@code main} runs it. */
    static final List<StreamsApp> APPS = List.of(new FraudDetectionApp(), new ClickstreamApp(), new IotMonitoringApp());

    private Repo() {
    }

    static StreamsApp app(String name) {
        return APPS.stream().filter(app -> app.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no app " + name));
    }

    /** The shaded jar the app's module builds ({@code <finalName>}-less name, the contract of README "Running an app"). */
    static Path jar(String appName) {
        Path jar = ROOT.resolve(appName).resolve("target").resolve(appName + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn -pl deploy -am verify builds it)");
        }
        return jar;
    }
}
