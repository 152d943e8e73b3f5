package io.streamsuite.devkit.generate;

/**
 * Ids that look random but never repeat: the n-th id is {@code (a * n + b) mod 10^digits} for a seeded odd {@code a}
 * not divisible by 5, which visits every number once. Entities injected later look like any other, so nothing but
 * the ground truth tells them apart; and no set of used ids has to be kept.
 */
final class UniqueIds {

    private final String prefix;
    private final int digits;
    private final long modulus;
    private final long multiplier;
    private final long offset;
    private long count;

    /** @param digits at most 9 */
    UniqueIds(String prefix, int digits, Draws draws) {
        if (digits > 9) {
            throw new IllegalArgumentException("at most 9 digits, not " + digits);
        }
        this.prefix = prefix;
        this.digits = digits;
        this.modulus = (long) Math.pow(10, digits);
        long a = draws.between(modulus / 10, modulus - 1);
        while (a % 2 == 0 || a % 5 == 0) {
            a++;
        }
        this.multiplier = a % modulus;
        this.offset = draws.between(0, modulus - 1);
    }

    String next() {
        if (++count >= modulus) {
            throw new IllegalStateException("more than " + (modulus - 1) + " ids of " + prefix);
        }
        // below 10^18 for up to 9 digits: no overflow
        return pad(prefix, (multiplier * count + offset) % modulus, digits);
    }

    /** {@code prefix} and {@code value} with leading zeros to {@code digits} digits; faster than String.format. */
    static String pad(String prefix, long value, int digits) {
        String number = Long.toString(value);
        StringBuilder id = new StringBuilder(prefix.length() + Math.max(digits, number.length())).append(prefix);
        for (int i = number.length(); i < digits; i++) {
            id.append('0');
        }
        return id.append(number).toString();
    }
}
