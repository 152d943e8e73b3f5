package io.streamsuite.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One line of JMH's JSON result file ({@code -rf json}). */
record JmhResult(String benchmark, String params, String mode, double score, double error, String unit) {

    static List<JmhResult> read(Path file) throws IOException {
        List<JmhResult> results = new ArrayList<>();
        for (JsonNode node : new ObjectMapper().readTree(file.toFile())) {
            String name = node.path("benchmark").asText();
            StringBuilder params = new StringBuilder();
            node.path("params").properties().forEach(param -> params.append(params.isEmpty() ? "" : ", ")
                    .append(param.getKey()).append('=').append(param.getValue().asText()));
            JsonNode metric = node.path("primaryMetric");
            double error = metric.path("scoreError").asDouble(Double.NaN);
            results.add(new JmhResult(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    params.toString(), node.path("mode").asText(), metric.path("score").asDouble(), error,
                    metric.path("scoreUnit").asText()));
        }
        return results;
    }
}
