package io.streamsuite.topologies.sample;

import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.ops.HttpRequest;
import io.streamsuite.topologies.query.BadQueryException;
import io.streamsuite.topologies.query.StoreQuery;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.StreamsApp;
import io.streamsuite.topologies.runtime.TopicDef;
import io.streamsuite.topologies.serde.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * A small stateful app for testing the runtime: orders in, a running total per customer out, through a named
 * repartition topic and a named RocksDB store, so that it exercises what the real apps use.
 */
public final class SampleApp implements StreamsApp {

    public static final TopicDef ORDERS = TopicDef.input("sample-orders", "orders keyed by order id");
    public static final TopicDef TOTALS = TopicDef.output("sample-totals", "running totals keyed by customer");
    public static final Setting<Double> MAX_AMOUNT = Setting.decimal("sample.max-amount", 1_000_000.0, 0, Double.MAX_VALUE,
            "Orders above this amount are invalid.");
    public static final String STORE = "sample-totals-store";

    @Override
    public String name() {
        return "sample-app";
    }

    @Override
    public String configPrefix() {
        return "sample.";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(MAX_AMOUNT);
    }

    @Override
    public List<TopicDef> topics() {
        return List.of(ORDERS, TOTALS);
    }

    public static TopicSpec<String, Order> orders(AppContext context) {
        double max = context.get(MAX_AMOUNT);
        return context.topic(ORDERS, Serdes.String(), context.inputSerde(Order.class, order -> {
            List<String> problems = new ArrayList<>();
            if (order.orderId() == null) {
                problems.add("orderId is missing");
            }
            if (order.customer() == null) {
                problems.add("customer is missing");
            }
            if (order.amount() == null || order.amount() < 0 || order.amount() > max) {
                problems.add("amount must be from 0 to " + max + ", was " + order.amount());
            }
            return problems;
        }));
    }

    public static TopicSpec<String, CustomerTotal> totals(AppContext context) {
        return context.topic(TOTALS, Serdes.String(), context.eventSerde(CustomerTotal.class));
    }

    /** A customer's total from its owner, and every customer with at least {@code min-orders} orders from all instances. */
    @Override
    public List<StoreQuery> queries(AppContext context) {
        return List.of(
                StoreQuery.byKey("/customers/{customer}", STORE, QueryableStoreTypes.<String, CustomerTotal>keyValueStore(),
                        (store, customer) -> Optional.ofNullable(store.get(customer))),
                StoreQuery.allInstances("/customers", STORE, QueryableStoreTypes.<String, CustomerTotal>keyValueStore(),
                        (store, request) -> {
                            long minOrders = minOrders(request);
                            List<CustomerTotal> found = new ArrayList<>();
                            try (KeyValueIterator<String, CustomerTotal> all = store.all()) {
                                all.forEachRemaining(entry -> {
                                    if (entry.value.orders() >= minOrders) {
                                        found.add(entry.value);
                                    }
                                });
                            }
                            return found;
                        }, "customer"));
    }

    private static long minOrders(HttpRequest request) {
        String text = request.queryParam("min-orders").orElse("0");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadQueryException("min-orders must be a whole number, was '" + text + "'");
        }
    }

    @Override
    public Topology buildTopology(AppContext context) {
        TopicSpec<String, Order> orders = orders(context);
        TopicSpec<String, CustomerTotal> totals = totals(context);
        StreamsBuilder builder = context.streamsBuilder();
        builder.stream(orders.name(), orders.consumed("sample-orders-source"))
                .groupBy((orderId, order) -> order.customer(),
                        Grouped.with("sample-by-customer", Serdes.String(), context.internalSerde(Order.class)))
                .aggregate(CustomerTotal::empty, (customer, order, total) -> total.add(order),
                        Named.as("sample-aggregate"),
                        Materialized.<String, CustomerTotal, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(context.internalSerde(CustomerTotal.class))
                                .withCachingDisabled())
                .toStream(Named.as("sample-totals-stream"))
                .to(totals.name(), totals.produced("sample-totals-sink"));
        return builder.build();
    }
}
