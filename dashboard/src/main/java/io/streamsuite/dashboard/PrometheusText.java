package io.streamsuite.dashboard;

/** Reads figures out of a Prometheus text exposition, as the apps' {@code /metrics} serves it. */
final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of every series of one metric, over all its labels; NaN values (an average over no events) are left out.
     *
     * @return null when the metric has no series at all
     */
    static Double sum(String exposition, String metric) {
        double sum = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(metric) || line.length() == metric.length()) {
                continue;
            }
            char next = line.charAt(metric.length());
            if (next != '{' && next != ' ') {
                continue; // another metric whose name starts the same
            }
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (!Double.isNaN(value) && !Double.isInfinite(value)) {
                sum += value;
            }
            found = true;
        }
        return found ? sum : null;
    }
}
