package io.streamsuite.topologies.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

class TaskCounterTest {

    final MockProcessorContext<String, String> context = new MockProcessorContext<>();

    /** The counter's metrics by label value. */
    Map<String, Object> counts() {
        Map<String, Object> counts = new TreeMap<>();
        context.metrics().metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-shop-metrics") && name.name().equals("orders-total")) {
                assertThat(name.tags()).containsEntry("task-id", context.taskId().toString());
                counts.put(name.tags().get("kind"), metric.metricValue());
            }
        });
        return counts;
    }

    @Test
    void countsPerLabelValueFromItsFirstCountAndRemovesItsMetricsOnClose() {
        TaskCounter counter = new TaskCounter(context, "shop", "orders", "kind", "Orders by kind");
        assertThat(counts()).isEmpty();

        counter.increment("big");
        counter.increment("small");
        counter.increment("big");
        assertThat(counts()).isEqualTo(Map.of("big", 2.0, "small", 1.0));

        counter.close();
        assertThat(counts()).isEmpty();
    }

    @Test
    void aLabelNamedLikeAKeyOfTheJmxNameIsRefused() {
        assertThatThrownBy(() -> new TaskCounter(context, "shop", "orders", "type", "Orders by type"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label 'type' clashes with a key of the metric's JMX name");
    }
}
