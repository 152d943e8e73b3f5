package io.streamsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Grafana dashboard's JSON and the PromQL it runs: every panel target, and the template variables' queries. */
final class Dashboard {

    record Query(String panel, String expression) {
    }

    final JsonNode json;

    private Dashboard(JsonNode json) {
        this.json = json;
    }

    static Dashboard read(Path file) {
        try {
            return new Dashboard(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        json.path("panels").forEach(panel -> {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        });
        return panels;
    }

    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            panel.path("targets").forEach(target -> queries.add(new Query(panel.path("title").asText(), Yaml.text(target, "/expr"))));
        }
        // label_values(metric, label) of a variable is a query too
        Pattern labelValues = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");
        for (JsonNode variable : json.at("/templating/list")) {
            Matcher matcher = labelValues.matcher(variable.path("definition").asText());
            if (matcher.find()) {
                queries.add(new Query("variable " + variable.path("name").asText(), "max by (" + matcher.group(2) + ") (" + matcher.group(1) + ")"));
            }
        }
        return queries;
    }
}
