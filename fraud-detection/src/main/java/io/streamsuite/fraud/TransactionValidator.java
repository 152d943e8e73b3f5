package io.streamsuite.fraud;

import io.streamsuite.topologies.errors.Validator;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The contract checks of the {@code transactions} topic. A transaction failing any of them goes to the dead-letter
 * topic, so the rules can rely on required fields being present and numbers being in range.
 */
public final class TransactionValidator implements Validator<Transaction> {

    /** The channels the contract knows, in the order error messages list them. */
    public static final List<String> CHANNELS = List.of("POS", "ECOM", "ATM");

    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final int maxIdLength;

    /** With the built-in default of {@code fraud.max-id-length}. */
    public TransactionValidator() {
        this(FraudSettings.MAX_ID_LENGTH.defaultValue());
    }

    /**
     * @param maxIdLength the longest id accepted, in characters: ids are stored in every card's history and alert,
     *                    so one unbounded id could push a stored value past what Kafka accepts
     */
    public TransactionValidator(int maxIdLength) {
        if (maxIdLength < 1) {
            throw new IllegalArgumentException("maxIdLength must be at least 1, got " + maxIdLength);
        }
        this.maxIdLength = maxIdLength;
    }

    @Override
    public List<String> problems(Transaction tx) {
        List<String> problems = new ArrayList<>(2);
        Validator.requireText("transactionId", tx.transactionId(), problems);
        Validator.requireText("cardId", tx.cardId(), problems);
        Validator.requireText("merchantId", tx.merchantId(), problems);
        checkLength("transactionId", tx.transactionId(), problems);
        checkLength("cardId", tx.cardId(), problems);
        checkLength("accountId", tx.accountId(), problems);
        checkLength("customerId", tx.customerId(), problems);
        checkLength("merchantId", tx.merchantId(), problems);
        checkLength("merchantCategory", tx.merchantCategory(), problems);
        checkAmount(tx.amount(), problems);
        checkCurrency(tx.currency(), problems);
        checkCountry(tx.country(), problems);
        checkLocation(tx.latitude(), tx.longitude(), problems);
        checkChannel(tx.channel(), problems);
        checkTimestamp(tx.timestamp(), problems);
        return problems;
    }

    private void checkLength(String field, String value, List<String> problems) {
        if (value != null && value.length() > maxIdLength) {
            // the length only: the value itself may be megabytes, and the reason travels in a header
            problems.add(field + " is longer than " + maxIdLength + " characters: " + value.length());
        }
    }

    private static void checkAmount(Double amount, List<String> problems) {
        if (amount == null) {
            problems.add("amount is missing");
        } else if (!Double.isFinite(amount)) {
            problems.add("amount is not finite: " + amount);
        } else if (amount < 0) {
            problems.add("amount is negative: " + amount);
        }
    }

    private static void checkCurrency(String currency, List<String> problems) {
        if (currency == null) {
            problems.add("currency is missing");
        } else if (!CURRENCIES.contains(currency)) {
            // exact match: "eur" or " EUR" would reach downstream systems that compare codes verbatim
            problems.add("currency is not an ISO 4217 code: '" + currency + "'");
        }
    }

    private static void checkCountry(String country, List<String> problems) {
        if (country != null && !COUNTRY.matcher(country).matches()) {
            problems.add("country is not two upper-case letters (ISO 3166 alpha-2): '" + country + "'");
        }
    }

    private static void checkLocation(Double latitude, Double longitude, List<String> problems) {
        // written as !(in range) so that NaN, which fails every comparison, is reported too
        if (latitude != null && !(latitude >= -90 && latitude <= 90)) {
            problems.add("latitude is out of range [-90, 90]: " + latitude);
        }
        if (longitude != null && !(longitude >= -180 && longitude <= 180)) {
            problems.add("longitude is out of range [-180, 180]: " + longitude);
        }
        if (latitude != null && longitude == null) {
            problems.add("latitude is given without longitude: " + latitude);
        }
        if (longitude != null && latitude == null) {
            problems.add("longitude is given without latitude: " + longitude);
        }
    }

    private static void checkChannel(String channel, List<String> problems) {
        if (channel != null && !CHANNELS.contains(channel)) {
            problems.add("channel is not one of " + String.join(", ", CHANNELS) + ": '" + channel + "'");
        }
    }

    private static void checkTimestamp(Long timestamp, List<String> problems) {
        if (timestamp == null) {
            problems.add("timestamp is missing");
        } else if (timestamp < 0) {
            problems.add("timestamp is negative: " + timestamp);
        }
    }
}
