package io.streamsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard's structure and provisioning; that its metrics exist is {@link DeployedSuiteIT}'s part, against
 * real scrapes.
 */
class DashboardTest {

    final Dashboard dashboard = Dashboard.read(Repo.DASHBOARD);

    @Test
    void extractsMetricNamesAndLabelsFromPromQl() {
        String expression = "sum by (application, topic) (rate(kafka_stream_topic_records_consumed_total{application=~\"$application\"}[$__rate_interval]))"
                + " / on (application) group_left max by (application) (streams_rocksdb_memory_budget_bytes{area=\"heap\"} offset 5m)";
        assertThat(PromQl.metricNames(expression)).containsExactly("kafka_stream_topic_records_consumed_total", "streams_rocksdb_memory_budget_bytes");
        assertThat(PromQl.groupingLabels(expression)).containsExactly("application", "topic");
        assertThat(PromQl.matcherLabels(expression)).containsExactly("application", "area");
        assertThat(PromQl.metricNames("sum by (rule) (increase(kafka_stream_fraud_alerts_total[5m]))")).containsExactly("kafka_stream_fraud_alerts_total");
    }

    @Test
    void showsWhatTheIssueAsksForWithItsOwnMetrics() {
        Set<String> queried = new TreeSet<>();
        Set<String> groupings = new HashSet<>();
        for (Dashboard.Query query : dashboard.queries()) {
            queried.addAll(PromQl.metricNames(query.expression()));
            PromQl.metricNames(query.expression()).forEach(metric ->
                    PromQl.groupingLabels(query.expression()).forEach(label -> groupings.add(metric + " by " + label)));
        }
        assertThat(queried).as("throughput in and out, end-to-end latency, lag, dead letters, restoration, RocksDB memory")
                .contains("kafka_stream_topic_records_consumed_total", "kafka_stream_topic_records_produced_total",
                        "kafka_stream_processor_node_record_e2e_latency_avg", "kafka_consumer_fetch_manager_records_lag",
                        "streams_dead_letters_total", "kafka_stream_task_restore_remaining_records_total",
                        "streams_rocksdb_cache_usage_bytes", "streams_rocksdb_memory_budget_bytes");
        assertThat(groupings).as("alerts by rule, type and signal")
                .contains("kafka_stream_fraud_alerts_total by rule", "kafka_stream_iot_alerts_total by alert_type",
                        "kafka_stream_clickstream_bot_alerts_total by signal", "streams_dead_letters_total by reason");
    }

    @Test
    void everyPanelQueriesTheProvisionedDataSourceAndFitsTheGrid() {
        JsonNode datasource = Yaml.document(Repo.GRAFANA.resolve("provisioning/datasources/prometheus.yml")).at("/datasources/0");
        String uid = Yaml.text(datasource, "/uid");
        assertThat(Yaml.text(datasource, "/url")).as("Prometheus in docker-compose.yml").isEqualTo("http://prometheus:9090");
        Set<Integer> ids = new HashSet<>();
        List<JsonNode> panels = dashboard.panels();
        assertThat(panels).hasSizeGreaterThan(10);
        for (JsonNode panel : panels) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", panel.path("title")).isTrue();
            assertThat(panel.path("title").asText()).isNotBlank();
            JsonNode grid = Yaml.required(panel, "/gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("width of %s", panel.path("title")).isLessThanOrEqualTo(24);
            if (!"row".equals(panel.path("type").asText())) {
                assertThat(Yaml.text(panel, "/datasource/uid")).as("data source of %s", panel.path("title")).isEqualTo(uid);
                assertThat(panel.path("targets")).as("queries of %s", panel.path("title")).isNotEmpty();
                assertThat(panel.path("description").asText()).as("what %s shows", panel.path("title")).isNotBlank();
            }
        }
        assertThat(dashboard.json.path("uid").asText()).isEqualTo("streams-suite");
    }

    @Test
    void grafanaLoadsTheDashboardFromWhereComposeMountsIt() {
        JsonNode provider = Yaml.document(Repo.GRAFANA.resolve("provisioning/dashboards/streams-suite.yml")).at("/providers/0");
        String path = Yaml.text(provider, "/options/path");
        JsonNode grafana = Yaml.document(Repo.COMPOSE).at("/services/grafana");
        assertThat(Yaml.required(grafana, "/volumes").toString())
                .contains("./deploy/grafana/dashboards:" + path + ":ro")
                .contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro");
    }
}
