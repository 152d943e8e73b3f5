package io.streamsuite.topologies.sample;

/** The sample app's output: a customer's running order count and amount. */
public record CustomerTotal(String customer, long orders, double total, long lastOrderTime) {

    static CustomerTotal empty() {
        return new CustomerTotal(null, 0, 0, 0);
    }

    CustomerTotal add(Order order) {
        return new CustomerTotal(order.customer(), orders + 1, total + order.amount(), order.timestamp());
    }
}
