package io.streamsuite.topologies.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.ops.BearerAuth;
import io.streamsuite.topologies.ops.HttpRequest;
import io.streamsuite.topologies.ops.HttpResponse;
import io.streamsuite.topologies.serde.JsonMappers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Serves an app's {@link StoreQuery}s on whichever instance is asked: the instance finds where the data lives from the
 * group's metadata (each instance announces its {@code application.server}), answers from its own stores or asks the
 * instance that holds the data, and says who answered in {@value #SERVED_BY}.
 *
 * <p>A request passed on carries {@value #FORWARDED_BY}; it is answered from local state only, so that two instances
 * with different views of a rebalance can never pass a request back and forth. While the data has no queryable owner
 * (starting, rebalancing, restoring, a peer down) the answer is 503 with {@code Retry-After}; a key nobody has seen
 * is 404. A list over all instances comes one {@link Page} at a time, and is whole or 503 ({@link ListGathering}).
 *
 * <p>With {@code http.auth.token} set, the routes are guarded by {@link BearerAuth} before they get here, and a request
 * passed on carries this instance's token.
 */
public final class QueryRoutes {

    /** Names the instance that passed a request on; the receiver answers from its own state only. */
    public static final String FORWARDED_BY = "X-Streams-Forwarded-By";
    /** Names the instance (or, for queries over all instances, every instance) whose state the answer comes from. */
    public static final String SERVED_BY = "X-Streams-Served-By";
    /** How long a peer may take to connect, and then to answer. */
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(5);
    private static final Serializer<String> KEYS = Serdes.String().serializer();
    private static final HostInfo UNKNOWN_HOST = HostInfo.unavailable();

    private final Supplier<KafkaStreams> streams;
    private final HostInfo self;
    private final PeerClient peers;
    private final StorePartitions storePartitions;

    /**
     * @param streams         the client, or null before it exists
     * @param self            this instance's {@code application.server}
     * @param storePartitions how many partitions each store has, which a key is hashed over
     */
    public QueryRoutes(Supplier<KafkaStreams> streams, HostInfo self, StorePartitions storePartitions) {
        this(streams, self, storePartitions, BearerAuth.off());
    }

    /**
     * @param auth what this instance's queries require, which it also sends when it passes a query on: all instances
     *             of an app share one token
     */
    public QueryRoutes(Supplier<KafkaStreams> streams, HostInfo self, StorePartitions storePartitions, BearerAuth auth) {
        this.streams = streams;
        this.self = self;
        this.peers = new PeerClient(PEER_TIMEOUT, self, auth);
        this.storePartitions = storePartitions;
    }

    /** The answer to one query; never throws. */
    public HttpResponse answer(StoreQuery query, HttpRequest request) {
        KafkaStreams client = streams.get();
        if (client == null || !client.state().isRunningOrRebalancing()) {
            return unavailable("the app is " + (client == null ? "starting" : client.state()) + "; stores are queryable once it runs");
        }
        try {
            return switch (query.scope()) {
                case KEY, SINGLE_PARTITION -> byKey(client, query, request);
                case ALL_INSTANCES -> allInstances(client, query, request);
            };
        } catch (InvalidStateStoreException e) {
            // migrated, restoring, or not the active copy here: the group is moving it
            return unavailable("store " + query.storeName() + " is not queryable here now: " + firstLine(e));
        } catch (StorePartitions.StoreUnavailableException e) {
            return unavailable(e.getMessage());
        } catch (BadQueryException e) {
            return HttpResponse.error(400, e.getMessage());
        }
    }

    private HttpResponse byKey(KafkaStreams client, StoreQuery query, HttpRequest request) {
        String key = query.keyOf(request);
        OptionalInt partitions = storePartitions.count(query.storeName());
        KeyQueryMetadata owner = partitions.isPresent()
                ? client.queryMetadataForKey(query.storeName(), key, overPartitions(partitions.getAsInt()))
                : client.queryMetadataForKey(query.storeName(), key, KEYS);
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner) || UNKNOWN_HOST.equals(owner.activeHost())) {
            return unavailable("no instance owns the data of store " + query.storeName() + " yet (rebalancing)");
        }
        if (!self.equals(owner.activeHost()) && !isForwarded(request)) {
            return peers.get(owner.activeHost(), request);
        }
        Object store = client.store(StoreQueryParameters.fromNameAndType(query.storeName(), query.storeType())
                .withPartition(owner.partition()));
        return query.answerLocally(store, request).withHeader(SERVED_BY, address(self));
    }

    /**
     * The partition the producer's default partitioner gives the key, over the store's real partition count: Streams
     * passes its own view of the count, which can be short during a rebalance (see {@link StorePartitions}).
     */
    static StreamPartitioner<String, Void> overPartitions(int count) {
        return (topic, key, value, countSeenByStreams) ->
                Optional.of(Set.of(Utils.toPositive(Utils.murmur2(KEYS.serialize(topic, key))) % count));
    }

    private HttpResponse allInstances(KafkaStreams client, StoreQuery query, HttpRequest request) {
        Page page = Page.of(request);
        if (isForwarded(request)) {
            return localPart(client, query, request, page);
        }
        Collection<StreamsMetadata> hosts = client.streamsMetadataForStore(query.storeName());
        if (hosts.isEmpty()) {
            return unavailable("no instance hosts store " + query.storeName() + " yet (rebalancing)");
        }
        List<ListGathering.Part> parts = new ArrayList<>();
        for (StreamsMetadata host : hosts) {
            HttpResponse part = self.equals(host.hostInfo()) ? localPart(client, query, request, page) : peers.get(host.hostInfo(), request);
            parts.add(new ListGathering.Part(address(host.hostInfo()), part));
        }
        return ListGathering.merge(query, page, storePartitions.count(query.storeName()), parts, request);
    }

    /**
     * This instance's part: what its active tasks hold, read partition by partition so that it can say which ones it
     * answered for ({@value ListGathering#PARTITIONS}); a partition whose active task is not here now is left to others.
     */
    private HttpResponse localPart(KafkaStreams client, StoreQuery query, HttpRequest request, Page page) {
        StoreQueryParameters<?> parameters = StoreQueryParameters.fromNameAndType(query.storeName(), query.storeType());
        OptionalInt count = storePartitions.count(query.storeName());
        List<JsonNode> items = new ArrayList<>();
        if (count.isEmpty()) {
            items.addAll(StoreQuery.jsonItems(query.listLocally(client.store(parameters), request)));
            return part(page.part(items, query.sortField()));
        }
        Set<Integer> served = new TreeSet<>();
        for (int partition = 0; partition < count.getAsInt(); partition++) {
            try {
                List<JsonNode> found = StoreQuery.jsonItems(query.listLocally(client.store(parameters.withPartition(partition)), request));
                items.addAll(found);
                served.add(partition);
            } catch (InvalidStateStoreException e) {
                // not an active task here now (another instance's, moving, or restoring): the gatherer sees it missing
            }
        }
        return part(page.part(items, query.sortField())).withHeader(ListGathering.PARTITIONS, ListGathering.partitionsHeader(served));
    }

    private HttpResponse part(List<JsonNode> items) {
        return HttpResponse.json(200, JsonMappers.mapper().createArrayNode().addAll(items)).withHeader(SERVED_BY, address(self));
    }

    private static boolean isForwarded(HttpRequest request) {
        return request.header(FORWARDED_BY).isPresent();
    }

    /** 503 with the reason and a hint to try again soon: what a load balancer or client retries. */
    static HttpResponse unavailable(String reason) {
        return HttpResponse.error(503, reason).withHeader("Retry-After", "1");
    }

    static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
}
