package io.streamsuite.bench.workload;

/**
 * How large the populations of a preload are, so that the apps' state has grown to its steady size before the steady
 * window starts: every card has made {@value #TRANSACTIONS_PER_CARD} transactions (fraud-detection keeps the last 20
 * of any age for the amount mean, and those within its retention), and every device's sensor has reported
 * {@value #READINGS_PER_SENSOR} times (iot-monitoring's anomaly rule warms up over 30 readings; at one reading every
 * 10 s that is also six minutes of event time, so its windows have opened and closed many times).
 *
 * @param cards   cards of the fraud preload
 * @param devices devices of the IoT preload
 */
public record WorkloadShape(int cards, int devices) {

    public static final int TRANSACTIONS_PER_CARD = 25;
    public static final int READINGS_PER_SENSOR = 35;
    /** Sensors per device of the IoT preload. */
    public static final int SENSORS = 2;
    /** How often each sensor reports, in event time. */
    public static final long READING_INTERVAL_MILLIS = 10_000;

    /**
     * @param records    records per input
     * @param startShare the share of the input before the steady window
     */
    public static WorkloadShape forRecords(long records, double startShare) {
        double before = records * startShare;
        int cards = (int) Math.max(1, Math.floor(before / TRANSACTIONS_PER_CARD));
        int devices = (int) Math.max(1, Math.floor(before / (SENSORS * READINGS_PER_SENSOR)));
        return new WorkloadShape(cards, devices);
    }

    /** How far back the preload's event time starts so that, paced at {@code ratePerSecond}, it ends about now. */
    public static long spanMillis(long records, double ratePerSecond) {
        return (long) Math.ceil(records / ratePerSecond * 1000);
    }
}
