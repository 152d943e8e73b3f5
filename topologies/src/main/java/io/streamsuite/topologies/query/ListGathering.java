package io.streamsuite.topologies.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.ops.HttpRequest;
import io.streamsuite.topologies.ops.HttpResponse;
import io.streamsuite.topologies.serde.JsonMappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Merges the parts of a list answered from all instances into one page, and refuses to answer with less than the
 * whole: the group's metadata can leave out a partition whose task is moving (under {@code group.protocol=streams},
 * Kafka 4.4 leaves a moving task out of it), so each part names the store partitions it was read from in
 * {@value #PARTITIONS}, and unless together they are every partition of the store, exactly once, the answer is 503.
 */
final class ListGathering {

    /** The store partitions an instance's part was read from, comma-separated, or {@value #NONE}. */
    static final String PARTITIONS = "X-Streams-Partitions";
    static final String NONE = "none";

    /**
     * One instance's answer.
     *
     * @param instance its {@code host:port}
     */
    record Part(String instance, HttpResponse response) {
    }

    private ListGathering() {
    }

    /** The header value for a part read from these partitions. */
    static String partitionsHeader(Set<Integer> partitions) {
        return partitions.isEmpty() ? NONE : new TreeSet<>(partitions).stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /**
     * The page of the merged parts, or the first failure among them, or 503 when a partition is missing or read twice.
     *
     * @param partitionCount the store's partitions; when unknown (a store without changelog) completeness cannot be
     *                       checked and the parts are merged as they are
     */
    static HttpResponse merge(StoreQuery query, Page page, OptionalInt partitionCount, List<Part> parts, HttpRequest request) {
        List<JsonNode> items = new ArrayList<>();
        Set<Integer> covered = new TreeSet<>();
        for (Part part : parts) {
            HttpResponse answer = part.response();
            if (answer.status() != 200) {
                // half an answer would read as the whole one: say which part is missing instead
                return answer.status() == 503 || answer.status() == 400 ? answer : QueryRoutes.unavailable("instance " + part.instance()
                        + " answered " + answer.status() + ": " + new String(answer.body(), StandardCharsets.UTF_8));
            }
            if (partitionCount.isPresent()) {
                Optional<Set<Integer>> served = partitions(answer);
                if (served.isEmpty()) {
                    return QueryRoutes.unavailable("instance " + part.instance() + " did not say which partitions of store "
                            + query.storeName() + " it answered from (no " + PARTITIONS + "; an older version?)");
                }
                for (int partition : served.get()) {
                    if (!covered.add(partition)) {
                        return QueryRoutes.unavailable("partition " + partition + " of store " + query.storeName()
                                + " was answered by two instances (rebalancing)");
                    }
                }
            }
            readArray(answer.body()).forEach(items::add);
        }
        if (partitionCount.isPresent()) {
            List<Integer> missing = IntStream.range(0, partitionCount.getAsInt()).filter(p -> !covered.contains(p)).boxed().toList();
            if (!missing.isEmpty()) {
                return QueryRoutes.unavailable("partition(s) " + missing.stream().map(String::valueOf).collect(Collectors.joining(", "))
                        + " of store " + query.storeName() + " have no queryable owner right now (rebalancing or restoring)");
            }
        }
        return page.answer(items, query.sortField(), request)
                .withHeader(QueryRoutes.SERVED_BY, parts.stream().map(Part::instance).collect(Collectors.joining(",")));
    }

    private static Optional<Set<Integer>> partitions(HttpResponse answer) {
        String header = answer.headers().get(PARTITIONS);
        if (header == null) {
            return Optional.empty();
        }
        if (header.equals(NONE)) {
            return Optional.of(Set.of());
        }
        try {
            return Optional.of(Arrays.stream(header.split(",")).map(String::trim).map(Integer::valueOf)
                    .collect(Collectors.toCollection(TreeSet::new)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static JsonNode readArray(byte[] body) {
        try {
            JsonNode node = JsonMappers.mapper().readTree(body);
            if (!node.isArray()) {
                throw new IllegalStateException("a peer answered with " + node.getNodeType() + " instead of an array");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("a peer answered with malformed JSON", e);
        }
    }
}
