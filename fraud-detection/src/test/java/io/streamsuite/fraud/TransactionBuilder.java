package io.streamsuite.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Test data: a valid transaction with every field filled, of which a test changes only what it is about. */
public final class TransactionBuilder {

    /** The event time tests count from. */
    public static final long T0 = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();

    private static final AtomicLong IDS = new AtomicLong();

    private String transactionId = "tx-" + IDS.incrementAndGet();
    private String cardId = "c1";
    private String accountId = "acc-1";
    private String customerId = "cust-1";
    private String merchantId = "m1";
    private String merchantCategory = "5411";
    private String country = "FR";
    private String channel = "POS";
    private Double amount = 25.0;
    private String currency = "EUR";
    private Double latitude;
    private Double longitude;
    private Long timestamp = T0;

    private TransactionBuilder() {
    }

    public static TransactionBuilder aTransaction() {
        return new TransactionBuilder();
    }

    public TransactionBuilder id(String transactionId) {
        this.transactionId = transactionId;
        return this;
    }

    public TransactionBuilder card(String cardId) {
        this.cardId = cardId;
        return this;
    }

    public TransactionBuilder account(String accountId) {
        this.accountId = accountId;
        return this;
    }

    public TransactionBuilder customer(String customerId) {
        this.customerId = customerId;
        return this;
    }

    public TransactionBuilder merchant(String merchantId) {
        this.merchantId = merchantId;
        return this;
    }

    public TransactionBuilder merchantCategory(String merchantCategory) {
        this.merchantCategory = merchantCategory;
        return this;
    }

    public TransactionBuilder country(String country) {
        this.country = country;
        return this;
    }

    public TransactionBuilder channel(String channel) {
        this.channel = channel;
        return this;
    }

    public TransactionBuilder amount(Double amount) {
        this.amount = amount;
        return this;
    }

    public TransactionBuilder currency(String currency) {
        this.currency = currency;
        return this;
    }

    /** At a place; without this call a transaction has no location, like most online payments. */
    public TransactionBuilder at(double latitude, double longitude) {
        this.latitude = latitude;
        this.longitude = longitude;
        return this;
    }

    public TransactionBuilder latitude(Double latitude) {
        this.latitude = latitude;
        return this;
    }

    public TransactionBuilder longitude(Double longitude) {
        this.longitude = longitude;
        return this;
    }

    /** At an event time, epoch milliseconds. */
    public TransactionBuilder at(Long timestamp) {
        this.timestamp = timestamp;
        return this;
    }

    /** At an event time relative to {@link #T0}. */
    public TransactionBuilder after(Duration sinceT0) {
        this.timestamp = T0 + sinceT0.toMillis();
        return this;
    }

    public Transaction build() {
        return new Transaction(transactionId, cardId, accountId, customerId, merchantId, merchantCategory, country,
                channel, amount, currency, latitude, longitude, timestamp);
    }
}
