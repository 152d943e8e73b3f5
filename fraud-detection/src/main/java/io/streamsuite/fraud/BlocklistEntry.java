package io.streamsuite.fraud;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.streamsuite.topologies.serde.EpochMillis;
import java.util.Optional;

/**
 * The value of a {@code fraud-blocklist} record. The key says what is blocked, {@code merchant:<merchantId>} or
 * {@code card:<cardId>}; a tombstone unblocks it.
 *
 * @param reason  why it is blocked, quoted in alerts; may be missing
 * @param addedAt when it was blocked, epoch milliseconds (an ISO-8601 string is accepted); may be missing
 */
public record BlocklistEntry(String reason,
                             @JsonDeserialize(using = EpochMillis.Deserializer.class) Long addedAt) {

    private static final String MERCHANT = "merchant:";
    private static final String CARD = "card:";

    /** The key that blocks a merchant. */
    public static String merchantKey(String merchantId) {
        return MERCHANT + merchantId;
    }

    /** The key that blocks a card. */
    public static String cardKey(String cardId) {
        return CARD + cardId;
    }

    /** What is wrong with a blocklist key, or empty if it names a merchant or a card. */
    public static Optional<String> keyProblem(String key) {
        if (key == null) {
            return Optional.of("the key is missing");
        }
        if ((key.startsWith(MERCHANT) && key.length() > MERCHANT.length())
                || (key.startsWith(CARD) && key.length() > CARD.length())) {
            return Optional.empty();
        }
        return Optional.of("the key must be " + MERCHANT + "<merchantId> or " + CARD + "<cardId>");
    }
}
