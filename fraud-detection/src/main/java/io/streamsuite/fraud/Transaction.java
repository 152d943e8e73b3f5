package io.streamsuite.fraud;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.streamsuite.topologies.serde.EpochMillis;
import io.streamsuite.topologies.serde.EventTime;

/**
 * A card payment as it arrives on the {@code transactions} topic, field for field as the contract names them.
 *
 * <p>Everything is a boxed type because producers may leave fields out: {@link TransactionValidator} decides what
 * is missing, not the decoder. The rules only ever see validated transactions.
 *
 * @param timestamp event time in epoch milliseconds; an ISO-8601 string is accepted on input
 */
public record Transaction(String transactionId, String cardId, String accountId, String customerId,
                          String merchantId, String merchantCategory, String country, String channel,
                          Double amount, String currency, Double latitude, Double longitude,
                          @JsonDeserialize(using = EpochMillis.Deserializer.class) Long timestamp)
        implements EventTime {

    /** Whether both coordinates are given; only then can the travel rule place the card. */
    public boolean hasLocation() {
        return latitude != null && longitude != null;
    }
}
