package io.streamsuite.fraud;

import static io.streamsuite.fraud.TransactionBuilder.aTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransactionValidatorTest {

    private final TransactionValidator validator = new TransactionValidator();

    @Test
    void completeTransactionIsValid() {
        assertThat(validator.problems(aTransaction().at(48.8566, 2.3522).build())).isEmpty();
    }

    @Test
    void onlyTheRequiredFieldsAreEnough() {
        Transaction minimal = new Transaction("tx-1", "c1", null, null, "m1", null, null, null, 0.0, "USD", null, null,
                0L);

        assertThat(validator.problems(minimal)).isEmpty();
    }

    @Test
    void everyMissingRequiredFieldIsReported() {
        Transaction empty = new Transaction(null, null, null, null, null, null, null, null, null, null, null, null,
                null);

        assertThat(validator.problems(empty)).containsExactly(
                "transactionId is missing", "cardId is missing", "merchantId is missing", "amount is missing",
                "currency is missing", "timestamp is missing");
    }

    @Test
    void everyBrokenFieldIsReportedWithItsValue() {
        Transaction broken = new Transaction(" ", "", "acc", "cust", "\t", "5411", "fr", "WEB", -5.0, "usd",
                91.0, -180.5, -1L);

        assertThat(validator.problems(broken)).containsExactly(
                "transactionId is blank",
                "cardId is blank",
                "merchantId is blank",
                "amount is negative: -5.0",
                "currency is not an ISO 4217 code: 'usd'",
                "country is not two upper-case letters (ISO 3166 alpha-2): 'fr'",
                "latitude is out of range [-90, 90]: 91.0",
                "longitude is out of range [-180, 180]: -180.5",
                "channel is not one of POS, ECOM, ATM: 'WEB'",
                "timestamp is negative: -1");
    }

    @Test
    void nonFiniteNumbersAreReported() {
        assertThat(validator.problems(aTransaction().amount(Double.POSITIVE_INFINITY).build()))
                .containsExactly("amount is not finite: Infinity");
        assertThat(validator.problems(aTransaction().amount(Double.NaN).build()))
                .containsExactly("amount is not finite: NaN");
        assertThat(validator.problems(aTransaction().at(Double.NaN, 0.0).build()))
                .containsExactly("latitude is out of range [-90, 90]: NaN");
    }

    @Test
    void coordinatesComeInPairs() {
        assertThat(validator.problems(aTransaction().latitude(48.0).build()))
                .containsExactly("latitude is given without longitude: 48.0");
        assertThat(validator.problems(aTransaction().longitude(2.0).build()))
                .containsExactly("longitude is given without latitude: 2.0");
    }

    @Test
    void boundariesAreValid() {
        assertThat(validator.problems(aTransaction().amount(0.0).at(-90.0, 180.0).at(0L).build())).isEmpty();
        assertThat(validator.problems(aTransaction().at(90.0, -180.0).build())).isEmpty();
    }

    @Test
    void unknownCurrencyAndMalformedCountryAreReported() {
        assertThat(validator.problems(aTransaction().currency("XYZ").build()))
                .containsExactly("currency is not an ISO 4217 code: 'XYZ'");
        assertThat(validator.problems(aTransaction().country("FRA").build()))
                .containsExactly("country is not two upper-case letters (ISO 3166 alpha-2): 'FRA'");
    }

    @Test
    void everyContractChannelIsValid() {
        for (String channel : new String[] {"POS", "ECOM", "ATM"}) {
            assertThat(validator.problems(aTransaction().channel(channel).build())).as(channel).isEmpty();
        }
        assertThat(validator.problems(aTransaction().channel("pos").build())).hasSize(1);
    }

    @Test
    void idsUpToTheLimitPassAndLongerOnesAreReportedWithTheirLengthNotTheirValue() {
        TransactionValidator sixChars = new TransactionValidator(6);
        Transaction atLimit = new Transaction("tx-001", "card-1", "acct-1", "cust-1", "m-0001", "5411", null, null,
                1.0, "EUR", null, null, 0L);
        Transaction over = new Transaction("tx-0001", "card-12", "acct-12", "cust-12", "m-00001", "5411000", null, null,
                1.0, "EUR", null, null, 0L);

        assertThat(sixChars.problems(atLimit)).isEmpty();
        assertThat(sixChars.problems(over)).containsExactly(
                "transactionId is longer than 6 characters: 7", "cardId is longer than 6 characters: 7",
                "accountId is longer than 6 characters: 7", "customerId is longer than 6 characters: 7",
                "merchantId is longer than 6 characters: 7", "merchantCategory is longer than 6 characters: 7");
    }

    @Test
    void theDefaultLimitIsTwoHundredFiftySixCharacters() {
        String limit = "c".repeat(256);

        assertThat(validator.problems(aTransaction().card(limit).build())).isEmpty();
        assertThat(validator.problems(aTransaction().card(limit + "c").build()))
                .containsExactly("cardId is longer than 256 characters: 257");
    }
}
