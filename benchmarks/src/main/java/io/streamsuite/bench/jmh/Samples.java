package io.streamsuite.bench.jmh;

import io.streamsuite.fraud.Transaction;

/** Records of the size and shape the generators send, for the micro-benchmarks. */
final class Samples {

    private Samples() {
    }

    static Transaction transaction(int i, long time) {
        return new Transaction("tx-7f3e2c1a-" + i, "card-" + (i % 1000), "acct-" + (i % 900), "cust-" + (i % 800),
                "merchant-" + (i % 300), "5411", "DE", i % 3 == 0 ? "ECOM" : "POS", 12.5 + i % 90, "EUR",
                52.52 + (i % 10) / 100.0, 13.40 + (i % 7) / 100.0, time);
    }
}
