package io.streamsuite.topologies.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.ops.HttpRequest;
import io.streamsuite.topologies.ops.HttpResponse;
import io.streamsuite.topologies.serde.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;

/** A list gathered from all instances is the whole list or a 503, never part of it. */
class ListGatheringTest {

    final StoreQuery query = StoreQuery.allInstances("/customers", "store", QueryableStoreTypes.keyValueStore(),
            (store, request) -> List.of(), "id");
    final HttpRequest request = PageTest.request(Map.of("limit", "3"));
    final Page page = Page.of(request);

    @Test
    void partsThatCoverEveryPartitionAreMergedSortedIntoOnePage() {
        HttpResponse answer = ListGathering.merge(query, page, OptionalInt.of(4), List.of(
                part("a:1", Set.of(0, 2), "c5", "c1"),
                part("b:1", Set.of(1, 3), "c2", "c4", "c3")), request);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(PageTest.ids(answer)).containsExactly("c1", "c2", "c3");
        assertThat(answer.headers()).containsEntry(Page.NEXT_AFTER, "c3").containsEntry(QueryRoutes.SERVED_BY, "a:1,b:1");
    }

    @Test
    void aPartitionNoInstanceAnsweredForIs503NamingIt() {
        HttpResponse answer = ListGathering.merge(query, page, OptionalInt.of(4), List.of(
                part("a:1", Set.of(0, 2), "c1"),
                part("b:1", Set.of(3), "c2")), request);
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers()).containsEntry("Retry-After", "1");
        assertThat(body(answer)).isEqualTo("{\"error\":\"partition(s) 1 of store store have no queryable owner right now"
                + " (rebalancing or restoring)\"}");
    }

    @Test
    void anInstanceWithNoPartitionNowStillLeavesTheOthersToCoverThem() {
        HttpResponse answer = ListGathering.merge(query, page, OptionalInt.of(2), List.of(
                part("a:1", Set.of(0, 1), "c1"), part("b:1", Set.of())), request);
        assertThat(answer.status()).isEqualTo(200);
        HttpResponse nobody = ListGathering.merge(query, page, OptionalInt.of(2), List.of(part("b:1", Set.of())), request);
        assertThat(nobody.status()).isEqualTo(503);
        assertThat(body(nobody)).contains("partition(s) 0, 1 of store store");
    }

    @Test
    void aPartitionAnsweredTwiceIs503() {
        HttpResponse answer = ListGathering.merge(query, page, OptionalInt.of(2), List.of(
                part("a:1", Set.of(0, 1), "c1"), part("b:1", Set.of(1), "c1")), request);
        assertThat(answer.status()).isEqualTo(503);
        assertThat(body(answer)).contains("partition 1 of store store was answered by two instances");
    }

    @Test
    void aPartWithoutItsPartitionsIs503() {
        HttpResponse old = HttpResponse.json(200, List.of());
        HttpResponse answer = ListGathering.merge(query, page, OptionalInt.of(1), List.of(new ListGathering.Part("a:1", old)), request);
        assertThat(answer.status()).isEqualTo(503);
        assertThat(body(answer)).contains("instance a:1 did not say which partitions");
    }

    @Test
    void aFailedPartFailsTheWhole() {
        HttpResponse answer = ListGathering.merge(query, page, OptionalInt.of(1), List.of(part("a:1", Set.of(0), "c1"),
                new ListGathering.Part("b:1", HttpResponse.error(500, "internal error: boom"))), request);
        assertThat(answer.status()).isEqualTo(503);
        assertThat(body(answer)).contains("instance b:1 answered 500");
        HttpResponse bad = HttpResponse.error(400, "status must be online or offline, was 'x'");
        assertThat(ListGathering.merge(query, page, OptionalInt.of(1), List.of(new ListGathering.Part("b:1", bad)), request))
                .isSameAs(bad);
    }

    private static ListGathering.Part part(String instance, Set<Integer> partitions, String... ids) {
        List<JsonNode> items = java.util.Arrays.stream(ids).map(PageTest::item).toList();
        return new ListGathering.Part(instance, HttpResponse.json(200, JsonMappers.mapper().createArrayNode().addAll(items))
                .withHeader(ListGathering.PARTITIONS, ListGathering.partitionsHeader(partitions)));
    }

    private static String body(HttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
