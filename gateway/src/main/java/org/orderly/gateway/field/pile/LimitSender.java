package org.orderly.gateway.field.pile;

/** Sends one limit lease to a pile, blocking until it is acknowledged. Called on the driver's thread only. */
@FunctionalInterface
interface LimitSender {

    /** @return a short description of the exchange, for messages, e.g. {@code "PUT coap://h:p/limit"} */
    default String describe(double amps, LeaseTiming lease) {
        return "limit " + org.orderly.text.Amps.of(amps) + " ttl " + lease.ttlSeconds() + " s";
    }

    /** @throws InterruptedException a stop (the driver closing) while the sending waited */
    void send(double amps, LeaseTiming lease) throws PileIoException, InterruptedException;
}
