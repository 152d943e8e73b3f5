package io.streamsuite.topologies.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.ops.HttpRequest;
import io.streamsuite.topologies.ops.HttpResponse;
import io.streamsuite.topologies.serde.JsonMappers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * An interactive query an app serves over HTTP ({@code GET}): a path, the state store that answers it, and how one
 * instance answers from its own part of the store. Where the answer lives decides how it is found:
 * <ul>
 *   <li>{@link #byKey}: on the instance that owns the key's partition; any other instance forwards the request there;</li>
 *   <li>{@link #singlePartition}: the same, for a store fed by a one-partition topic (one owner for everything);</li>
 *   <li>{@link #allInstances}: spread over every instance; the one asked gathers every instance's part.</li>
 * </ul>
 */
public final class StoreQuery {

    /** How one instance answers for a key from its own store. */
    @FunctionalInterface
    public interface KeyLookup<S> {

        /** The answer, empty when the store knows nothing of the key (404). */
        Optional<?> find(S store, String key);
    }

    /** How one instance answers from its own store. */
    @FunctionalInterface
    public interface Lookup<S> {

        /** The answer, empty when there is nothing to show yet (404). */
        Optional<?> find(S store);
    }

    /** How one instance lists what its own part of the store holds. */
    @FunctionalInterface
    public interface ListLookup<S> {

        /**
         * The items of this instance's partitions that the request asks for.
         *
         * @throws BadQueryException if the request's parameters are invalid (400)
         */
        List<?> find(S store, HttpRequest request);
    }

    enum Scope { KEY, SINGLE_PARTITION, ALL_INSTANCES }

    private final String path;
    private final String storeName;
    private final QueryableStoreType<?> storeType;
    private final Scope scope;
    private final String keyName;
    private final KeyLookup<Object> keyLookup;
    private final ListLookup<Object> listLookup;
    private final String sortField;

    @SuppressWarnings("unchecked")
    private StoreQuery(String path, String storeName, QueryableStoreType<?> storeType, Scope scope, KeyLookup<?> keyLookup,
                       ListLookup<?> listLookup, String sortField) {
        this.path = path;
        this.storeName = storeName;
        this.storeType = storeType;
        this.scope = scope;
        this.keyName = scope == Scope.KEY ? keyName(path) : null;
        this.keyLookup = (KeyLookup<Object>) keyLookup;
        this.listLookup = (ListLookup<Object>) listLookup;
        this.sortField = sortField;
    }

    /**
     * Answered by the owner of the key: the value of the path's one {@code {name}} segment, a string key of the store.
     *
     * @param path e.g. {@code /cards/{cardId}}
     */
    public static <S> StoreQuery byKey(String path, String storeName, QueryableStoreType<S> storeType, KeyLookup<S> lookup) {
        return new StoreQuery(path, storeName, storeType, Scope.KEY, lookup, null, null);
    }

    /** Answered by the owner of the store's single partition, such as a ranking that all data meets in. */
    @SuppressWarnings("unchecked")
    public static <S> StoreQuery singlePartition(String path, String storeName, QueryableStoreType<S> storeType, Lookup<S> lookup) {
        return new StoreQuery(path, storeName, storeType, Scope.SINGLE_PARTITION, (store, key) -> lookup.find((S) store), null, null);
    }

    /**
     * Answered by every instance hosting the store, each from its own partitions, as one JSON array.
     *
     * @param sortField the items' field the merged array is sorted by (as text), so the answer does not depend on which
     *                  instance was asked
     */
    public static <S> StoreQuery allInstances(String path, String storeName, QueryableStoreType<S> storeType,
                                              ListLookup<S> lookup, String sortField) {
        return new StoreQuery(path, storeName, storeType, Scope.ALL_INSTANCES, null, lookup, sortField);
    }

    public String path() {
        return path;
    }

    public String storeName() {
        return storeName;
    }

    /** The type of store the lookup is given, e.g. {@code QueryableStoreTypes.keyValueStore()}. */
    public QueryableStoreType<?> storeType() {
        return storeType;
    }

    Scope scope() {
        return scope;
    }

    /** The name of the path's key segment; only for {@link #byKey} queries. */
    String keyName() {
        return keyName;
    }

    /** The key the request is about: the path's key segment, or the same constant for a single-partition store. */
    String keyOf(HttpRequest request) {
        return scope == Scope.KEY ? request.pathParam(keyName) : "";
    }

    /**
     * This instance's answer from its own store: 200 with the JSON of what the lookup found, or 404; for a query over
     * all instances, 200 with one page of this instance's part as a JSON array (as if it were the only instance).
     *
     * @param store a store of {@link #storeType()}
     * @throws BadQueryException if the request's parameters are invalid
     */
    public HttpResponse answerLocally(Object store, HttpRequest request) {
        if (scope == Scope.ALL_INSTANCES) {
            return Page.of(request).answer(jsonItems(listLocally(store, request)), sortField, request);
        }
        String key = keyOf(request);
        return keyLookup.find(store, key).<HttpResponse>map(found -> HttpResponse.json(200, found))
                .orElseGet(() -> HttpResponse.error(404, scope == Scope.KEY
                        ? keyName + " '" + key + "' not found"
                        : "nothing in " + path + " yet"));
    }

    /**
     * The items of a query over all instances that this store (the instance's, or one partition of it) holds.
     *
     * @throws BadQueryException if the request's parameters are invalid
     */
    List<?> listLocally(Object store, HttpRequest request) {
        if (scope != Scope.ALL_INSTANCES) {
            throw new IllegalStateException(path + " is not a query over all instances");
        }
        return listLookup.find(store, request);
    }

    /** The items as JSON, the form they are sorted, paged and merged in. */
    static List<JsonNode> jsonItems(List<?> items) {
        List<JsonNode> nodes = new ArrayList<>();
        JsonMappers.mapper().valueToTree(items).forEach(nodes::add);
        return nodes;
    }

    String sortField() {
        return sortField;
    }

    private static String keyName(String path) {
        int open = path.indexOf('{');
        int close = path.indexOf('}');
        if (open < 0 || close < open + 2 || path.indexOf('{', close) >= 0) {
            throw new IllegalArgumentException("a query by key needs exactly one {name} segment in its path: " + path);
        }
        return path.substring(open + 1, close);
    }
}
