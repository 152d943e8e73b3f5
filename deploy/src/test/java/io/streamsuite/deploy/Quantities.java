package io.streamsuite.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities and Compose byte sizes, as bytes. */
final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile("(\\d+(?:\\.\\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?");

    private Quantities() {
    }

    /** {@code 1Gi}, {@code 768Mi} (binary), {@code 1G}, {@code 500M} (decimal); Compose's {@code 768M} and {@code 1g} are binary. */
    static long bytes(String quantity) {
        Matcher matcher = QUANTITY.matcher(quantity.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a memory quantity: " + quantity);
        }
        double number = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "" : matcher.group(2);
        long multiplier = switch (unit) {
            case "" -> 1L;
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            case "k" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            default -> throw new IllegalArgumentException("unit " + unit + " of " + quantity + " is not a Kubernetes quantity");
        };
        return Math.round(number * multiplier);
    }

    /** Compose's sizes ({@code 768M}, {@code 1g}, {@code 512mb}) count in powers of 1024. */
    static long composeBytes(String size) {
        Matcher matcher = Pattern.compile("(\\d+)\\s*([bkmg])?b?", Pattern.CASE_INSENSITIVE).matcher(size.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a Compose byte size: " + size);
        }
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase();
        return switch (unit) {
            case "b" -> number;
            case "k" -> number << 10;
            case "m" -> number << 20;
            case "g" -> number << 30;
            default -> throw new IllegalArgumentException(size);
        };
    }
}
