package io.streamsuite.fraud;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A blocklist keyed as the {@code fraud-blocklist} topic is: {@code merchant:<id>} and {@code card:<id>}. */
final class MapBlocklist implements BlocklistView {

    private final Map<String, String> entries = new HashMap<>();

    MapBlocklist merchant(String merchantId, String reason) {
        entries.put("merchant:" + merchantId, reason);
        return this;
    }

    MapBlocklist card(String cardId, String reason) {
        entries.put("card:" + cardId, reason);
        return this;
    }

    @Override
    public Optional<String> merchantReason(String merchantId) {
        return Optional.ofNullable(entries.get("merchant:" + merchantId));
    }

    @Override
    public Optional<String> cardReason(String cardId) {
        return Optional.ofNullable(entries.get("card:" + cardId));
    }
}
