package io.streamsuite.topologies.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.ops.HttpRequest;
import io.streamsuite.topologies.ops.HttpResponse;
import io.streamsuite.topologies.serde.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code ?limit=&after=} on the lists answered from all instances. */
class PageTest {

    @Test
    void theDefaultIs100AndTheMost1000() {
        assertThat(Page.of(request(Map.of()))).isEqualTo(new Page(Optional.empty(), 100));
        assertThat(Page.of(request(Map.of("limit", "1000", "after", "c7")))).isEqualTo(new Page(Optional.of("c7"), 1000));
        assertThat(Page.of(request(Map.of("limit", "1"))).limit()).isEqualTo(1);
    }

    @Test
    void aBadLimitOrAnEmptyCursorIsRefusedWithWhatIsAllowed() {
        for (String limit : List.of("0", "1001", "-5", "ten", "", "2147483648")) {
            assertThatThrownBy(() -> Page.of(request(Map.of("limit", limit)))).as(limit)
                    .isInstanceOf(BadQueryException.class)
                    .hasMessage("limit must be a whole number from 1 to 1000, was '" + limit + "'");
        }
        assertThatThrownBy(() -> Page.of(request(Map.of("after", "")))).isInstanceOf(BadQueryException.class)
                .hasMessage("after must be the last id of the previous page, not empty");
    }

    @Test
    void pagesFollowTheCursorUntilTheLastWhichHasNoNext() {
        List<JsonNode> items = new ArrayList<>(IntStream.range(0, 25).mapToObj(i -> item(String.format("c%02d", i))).toList());
        Collections.shuffle(items);
        List<String> seen = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>(Map.of("limit", "10", "status", "online"));
        int pages = 0;
        while (true) {
            HttpRequest request = request(params);
            HttpResponse page = Page.of(request).answer(items, "id", request);
            pages++;
            assertThat(page.status()).isEqualTo(200);
            List<String> ids = ids(page);
            assertThat(ids).isSorted().hasSizeLessThanOrEqualTo(10);
            seen.addAll(ids);
            String next = page.headers().get(Page.NEXT_AFTER);
            if (next == null) {
                assertThat(page.headers()).doesNotContainKey("Link");
                break;
            }
            assertThat(next).isEqualTo(ids.get(ids.size() - 1));
            assertThat(page.headers().get("Link")).isEqualTo("</customers?after=" + next + "&limit=10&status=online>; rel=\"next\"");
            params.put("after", next);
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void aFullLastPageHasNoNext() {
        List<JsonNode> items = List.of(item("a"), item("b"));
        HttpRequest request = request(Map.of("limit", "2"));
        assertThat(Page.of(request).answer(items, "id", request).headers()).doesNotContainKey(Page.NEXT_AFTER);
    }

    @Test
    void aPartKeepsOneItemBeyondThePageSoThatTheGathererKnowsANextPageExists() {
        List<JsonNode> items = IntStream.range(0, 10).mapToObj(i -> item("d" + i)).toList();
        assertThat(new Page(Optional.of("d3"), 2).part(items, "id")).extracting(node -> node.get("id").asText())
                .containsExactly("d4", "d5", "d6");
    }

    static JsonNode item(String id) {
        return JsonMappers.mapper().createObjectNode().put("id", id);
    }

    static List<String> ids(HttpResponse response) {
        List<String> ids = new ArrayList<>();
        try {
            JsonMappers.mapper().readTree(new String(response.body(), StandardCharsets.UTF_8)).forEach(node -> ids.add(node.get("id").asText()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return ids;
    }

    static HttpRequest request(Map<String, String> params) {
        StringBuilder target = new StringBuilder("/customers");
        String separator = "?";
        for (Map.Entry<String, String> param : params.entrySet()) {
            target.append(separator).append(param.getKey()).append('=').append(param.getValue());
            separator = "&";
        }
        return new HttpRequest(target.toString(), Map.of(), params, Map.of());
    }
}
