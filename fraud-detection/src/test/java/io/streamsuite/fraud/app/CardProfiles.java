package io.streamsuite.fraud.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.serde.JsonMappers;
import io.streamsuite.topologies.testing.AppFleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/** The cards' profiles as a fleet of fraud-detection instances serves them on {@code /cards/{cardId}}. */
final class CardProfiles {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CardProfiles() {
    }

    /**
     * Every card's profile, asked of the instances in turn (each forwards to the card's owner); a card the app does not
     * know is missing from the map. Several requests in flight, so that tens of thousands of cards take seconds. A card
     * answered with 503 (its task is moving: a rebalance can follow the last restart, to move a task back to the
     * instance with its state) is asked again until the timeout.
     */
    static Map<String, ReceiptVerdict.CardProfile> of(AppFleet fleet, Collection<String> cards, Duration timeout)
            throws InterruptedException {
        Map<String, ReceiptVerdict.CardProfile> profiles = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        Collection<String> pending = cards;
        while (true) {
            Collection<String> unavailable = ask(fleet, pending, profiles);
            if (unavailable.isEmpty()) {
                return profiles;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(unavailable.size() + " cards still unavailable after " + timeout
                        + ", such as " + unavailable.iterator().next());
            }
            Thread.sleep(500);
            pending = unavailable;
        }
    }

    /** Asks for the cards' profiles, puts those answered into the map, and returns the cards answered with 503. */
    private static Collection<String> ask(AppFleet fleet, Collection<String> cards,
                                          Map<String, ReceiptVerdict.CardProfile> profiles) {
        Collection<String> unavailable = ConcurrentHashMap.newKeySet();
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<Void>> answers = new ArrayList<>(cards.size());
        int next = 0;
        for (String card : cards) {
            int asked = next++ % fleet.size();
            inFlight.acquireUninterruptibly();
            answers.add(HTTP.sendAsync(HttpRequest.newBuilder(fleet.uri(asked, "/cards/" + card))
                            .timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString())
                    .thenAccept(answer -> {
                        switch (answer.statusCode()) {
                            case 200 -> {
                                JsonNode profile = read(answer.body());
                                profiles.put(card, new ReceiptVerdict.CardProfile(
                                        profile.path("transactionCount").asLong(), profile.path("meanAmount").asDouble()));
                            }
                            case 404 -> {
                                // unknown to the app: missing from the map
                            }
                            case 503 -> unavailable.add(card);
                            default -> throw new IllegalStateException("/cards/" + card + " answered "
                                    + answer.statusCode() + ": " + answer.body());
                        }
                    })
                    .whenComplete((done, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        return unavailable;
    }

    private static JsonNode read(String json) {
        try {
            return JsonMappers.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
