package io.streamsuite.topologies.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.ops.HttpRequest;
import io.streamsuite.topologies.ops.HttpResponse;
import io.streamsuite.topologies.serde.JsonMappers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One page of a list answered from all instances, as asked by {@code ?limit=<n>&after=<cursor>}: the items whose sort
 * field comes after the cursor (as text), sorted, at most {@code limit} of them. When more follow, the answer says where
 * the next page starts in {@value #NEXT_AFTER} and in a {@code Link: <...>; rel="next"} header; the body stays a JSON
 * array, as the endpoints always answered.
 *
 * @param after the sort field of the previous page's last item; empty for the first page
 * @param limit the most items the page holds
 */
record Page(Optional<String> after, int limit) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /** The cursor of the next page, absent on the last one. */
    static final String NEXT_AFTER = "X-Streams-Next-After";

    /**
     * The page a request asks for.
     *
     * @throws BadQueryException for a limit that is not a whole number from 1 to {@value #MAX_LIMIT}, or an empty cursor
     */
    static Page of(HttpRequest request) {
        int limit = request.queryParam("limit").map(Page::limit).orElse(DEFAULT_LIMIT);
        Optional<String> after = request.queryParam("after");
        if (after.isPresent() && after.get().isEmpty()) {
            throw new BadQueryException("after must be the last id of the previous page, not empty");
        }
        return new Page(after, limit);
    }

    private static int limit(String raw) {
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, with what is allowed
        }
        throw new BadQueryException("limit must be a whole number from 1 to " + MAX_LIMIT + ", was '" + raw + "'");
    }

    /**
     * What one part (an instance, or a partition) contributes: its items after the cursor, sorted, at most one more
     * than the page holds. The page of the union is among the union of these, and the one beyond tells that a next
     * page exists.
     */
    List<JsonNode> part(Collection<JsonNode> items, String sortField) {
        return items.stream()
                .filter(item -> after.isEmpty() || sortKey(item, sortField).compareTo(after.get()) > 0)
                .sorted(order(sortField))
                .limit(limit + 1L)
                .toList();
    }

    /**
     * The answer from the parts' items merged: this page, and where the next one starts if there is one.
     *
     * @param request the request as the client sent it, for the {@code Link} to the next page
     */
    HttpResponse answer(Collection<JsonNode> merged, String sortField, HttpRequest request) {
        List<JsonNode> items = part(merged, sortField);
        List<JsonNode> page = items.subList(0, Math.min(limit, items.size()));
        HttpResponse response = HttpResponse.json(200, JsonMappers.mapper().createArrayNode().addAll(page));
        if (items.size() <= limit) {
            return response;
        }
        String next = sortKey(page.get(page.size() - 1), sortField);
        return response.withHeader(NEXT_AFTER, next).withHeader("Link", "<" + nextTarget(request, next) + ">; rel=\"next\"");
    }

    private String nextTarget(HttpRequest request, String next) {
        String target = request.target();
        int question = target.indexOf('?');
        TreeMap<String, String> params = new TreeMap<>(request.queryParams());
        params.put("after", next);
        params.put("limit", Integer.toString(limit));
        return (question < 0 ? target : target.substring(0, question)) + "?" + params.entrySet().stream()
                .map(param -> encode(param.getKey()) + "=" + encode(param.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** By the sort field as text; the sort fields of a list's items are its keys, so no two items tie. */
    static Comparator<JsonNode> order(String sortField) {
        return Comparator.comparing((JsonNode item) -> sortKey(item, sortField));
    }

    private static String sortKey(JsonNode item, String sortField) {
        return item.path(sortField).asText();
    }
}
