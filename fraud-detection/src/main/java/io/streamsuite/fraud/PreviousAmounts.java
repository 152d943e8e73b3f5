package io.streamsuite.fraud;

/**
 * The amounts a card's history holds from before some transaction, summed up for {@link RuleName#AMOUNT_SPIKE}.
 *
 * @param available how many kept transactions precede it in event time
 * @param used      how many of the latest of those make up the mean
 * @param mean      their mean amount, 0 when none is used
 */
public record PreviousAmounts(int available, int used, double mean) {
}
