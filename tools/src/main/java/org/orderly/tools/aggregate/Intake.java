package org.orderly.tools.aggregate;

import java.io.IOException;

/**
 * What the MQTT session ({@link AggregateClient}) hands each message to, and asks before it acknowledges one: the
 * {@link Aggregator}. An interface so that a test can stand in a failure of the aggregator that no input provokes.
 */
public interface Intake {

    /**
     * Takes one message; bad input is rejected inside, never thrown.
     *
     * @param retained the broker gave it with the RETAIN flag set: a retained copy, sent because of the subscription,
     *                 of a message published earlier (docs/aggregate.md, "What it does with each message")
     * @throws IOException when the message's line could not be written: it must not be acknowledged
     */
    Aggregator.Taken accept(String topic, byte[] payload, boolean retained) throws IOException;

    /**
     * Keeps a message whose {@link #accept} threw, with the reason, and counts it.
     *
     * @return the line its acknowledgement waits for (0: none)
     * @throws IOException when that line could not be written: the message must not be acknowledged
     */
    long failed(String topic, byte[] payload, RuntimeException failure) throws IOException;

    /** Puts every line written so far (journal, dead-letter file) on the disk. */
    void force() throws IOException;

    /** Whether a failed force may have lost the line: then its message must not be acknowledged. */
    boolean lineLost(long line);
}
