package io.streamsuite.fraud;

import static io.streamsuite.fraud.TransactionBuilder.aTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlocklistRulesTest {

    private final FraudRules rules = FraudRules.defaults();
    private final BlocklistedMerchantRule merchantRule = new BlocklistedMerchantRule();
    private final BlocklistedCardRule cardRule = new BlocklistedCardRule();
    private final Transaction tx = aTransaction().card("c-1").merchant("m-9").build();

    @Test
    void blocklistedMerchantIsFlaggedWithTheReason() {
        BlocklistView blocklist = new MapBlocklist().merchant("m-9", "stolen terminal");

        assertThat(merchantRule.evaluate(tx, CardHistory.empty(), rules.blocklistedMerchant(), blocklist))
                .contains("merchant m-9 is blocklisted: stolen terminal");
        assertThat(cardRule.evaluate(tx, CardHistory.empty(), rules.blocklistedCard(), blocklist)).isEmpty();
    }

    @Test
    void blocklistedCardIsFlaggedWithTheReason() {
        BlocklistView blocklist = new MapBlocklist().card("c-1", "reported stolen");

        assertThat(cardRule.evaluate(tx, CardHistory.empty(), rules.blocklistedCard(), blocklist))
                .contains("card c-1 is blocklisted: reported stolen");
        assertThat(merchantRule.evaluate(tx, CardHistory.empty(), rules.blocklistedMerchant(), blocklist)).isEmpty();
    }

    @Test
    void otherMerchantsAndCardsOnTheBlocklistDoNotMatter() {
        BlocklistView blocklist = new MapBlocklist().merchant("m-1", "fraud ring").card("c-2", "stolen")
                .merchant("c-1", "a merchant id that happens to equal the card id");

        assertThat(merchantRule.evaluate(tx, CardHistory.empty(), rules.blocklistedMerchant(), blocklist)).isEmpty();
        assertThat(cardRule.evaluate(tx, CardHistory.empty(), rules.blocklistedCard(), blocklist)).isEmpty();
    }

    @Test
    void entryWithoutAReasonStillBlocks() {
        BlocklistView blocklist = new MapBlocklist().card("c-1", " ");

        assertThat(cardRule.evaluate(tx, CardHistory.empty(), rules.blocklistedCard(), blocklist))
                .contains("card c-1 is blocklisted");
    }
}
